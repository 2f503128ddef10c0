// Live auto-capture of documents from the held-out desk family (scripts/desk-videos.ts) on the
// built demo: the camera shows the empty desk until the element asks for a document, then a light
// ID-1 card (identity-card flow) or a passport (passport flow), and the element must take it by
// auto-capture. The time from the document's appearance to the capture is printed; the README's
// target is 1500 ms, asserted here only loosely (4000 ms) because this machine is loaded.
// live-capture.ts cannot be reused as it is (it hard-codes the identity-card flow and the studio
// videos), so the short flow is written here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright';
import { generateDeskVideos, type DeskVideoName } from '../../scripts/desk-videos.ts';
import { en } from '../../src/i18n/en.ts';
import { liveRig, newPage, waitForGuidance } from './harness.ts';
import { capturedPhoto, watchForCapture } from './steps.ts';

const live = liveRig(async () => (await generateDeskVideos()).paths, 'empty');
/** The rig, once set up. */
const rig = () => live.rig!;

/** What one capture attempt saw. */
interface Attempt {
  /** From the document's appearance to the review screen (ms), or null when none came in 10 s. */
  readonly captureMs: number | null;
  /** Whether auto-capture took it (not the shutter). */
  readonly auto: boolean;
  /** The capture's size (0 when there is none). */
  readonly width: number;
  readonly height: number;
  /** Every distinct guidance shown while the document was in view, in order. */
  readonly guidance: readonly string[];
}

/**
 * Starts `flow` (the demo's document-type radio) with auto-capture on, waits for the no-document
 * guidance over the empty desk, then shows `video` and waits up to 10 s for the review screen.
 */
async function capture(page: Page, flow: string, video: DeskVideoName): Promise<Attempt> {
  await rig().camera.show(rig().videos.empty);
  await page.goto(rig().server.url);
  await page.locator('#auto-capture').setChecked(true);
  await page.locator('#straighten').setChecked(true);
  await page.getByRole('button', { name: 'Create session' }).click();
  await page.getByRole('radio', { name: flow }).check();
  await page.getByRole('checkbox', { name: /I agree/ }).check();
  await page.getByRole('button', { name: 'Start' }).click();
  await waitForGuidance(page, en.quality.no_document, 8000);

  await rig().camera.show(rig().videos[video], 0);
  const { captureMs, guidance } = await watchForCapture(page);
  return { captureMs, ...(await capturedPhoto(page)), guidance };
}

describe('live auto-capture of desk-family documents', () => {
  const cases = [
    {
      name: 'a light ID-1 card on a wood desk',
      flow: 'Identity card',
      video: 'light-card',
      aspect: 85.6 / 54,
    },
    {
      name: 'a passport on a granite desk',
      flow: 'Passport',
      video: 'passport',
      aspect: 125 / 88,
    },
  ] as const;
  for (const { name, flow, video, aspect } of cases) {
    it(`auto-captures ${name}`, async () => {
      const page = await newPage(rig().browser);
      try {
        const { captureMs, auto, width, height, guidance } = await capture(page, flow, video);
        console.log(
          `desk ${video}: ` +
            (captureMs === null
              ? `no capture within 10 s`
              : `${auto ? 'auto-' : 'shutter '}capture ${captureMs} ms after the document appeared (target ≤ 1500 ms), ${width}x${height}`) +
            `; guidance shown: ${JSON.stringify(guidance)}`,
        );
        assert.notEqual(
          captureMs,
          null,
          `no capture in 10 s; guidance ${JSON.stringify(guidance)}`,
        );
        assert.equal(auto, true, 'taken by auto-capture, not the shutter');
        assert.ok(captureMs! < 4000, `auto-capture took ${captureMs} ms`);
        // Straightened to the document found: the shape of the labelled document, so the engine
        // took this document and not the desk, the booklet's other page or a part of the card.
        assert.ok(
          Math.abs(width / height - aspect) < 0.03 * aspect,
          `capture ${width}x${height}, expected aspect ${aspect.toFixed(3)}`,
        );
      } finally {
        await page.context().close();
      }
    });
  }
});
