// A scripted live capture of a document on the built demo, measured: how long after a good
// document appears the element captures it, and which main-thread tasks over 50 ms ran from camera
// start to the upload. One script for the e2e test (which asserts on it) and `npm run bench` (which
// prints it), so the README's live targets are measured by a command.
import type { Page } from 'playwright';
import { generateDocumentVideos, type VideoName } from '../../scripts/generate-documents.ts';
import { en } from '../../src/i18n/en.ts';
import { newPage, startLive, waitForGuidance, type LiveRig as Rig } from './harness.ts';
import {
  longTasks,
  pageNow,
  recordMainThread,
  stageCosts,
  type LongTask,
  type StageCost,
} from './long-tasks.ts';
import { capturedPhoto } from './steps.ts';

/** The demo, a camera showing the generated document videos, and a browser looking at it. */
export type LiveRig = Rig<VideoName>;

/** Builds and serves the demo, and starts a browser whose camera shows no document yet. */
export async function startLiveRig(): Promise<LiveRig> {
  return startLive(await generateDocumentVideos(), 'empty');
}

/** What one live capture measured. */
export interface LiveCapture {
  /** From the good document's appearance to the review screen (ms, wall clock). */
  readonly captureMs: number;
  /** Whether auto-capture took it (not the shutter). */
  readonly auto: boolean;
  /** The uploaded image's size. */
  readonly width: number;
  readonly height: number;
  /** Main-thread tasks over 50 ms from camera start to the upload's answer. */
  readonly longTasks: readonly LongTask[];
  /** Our main-thread stages in that phase. */
  readonly costs: readonly StageCost[];
  /** Camera start, in the page's clock (for describing the tasks). */
  readonly cameraStart: number;
}

/**
 * In a new page of `rig`: an identity-card flow with auto-capture and straightening on, the camera
 * showing no document until the guidance says so; `beforeGood` runs then (the e2e test shows its
 * bad scenes there); then the good document is shown and the capture timed, accepted and uploaded.
 * The page is returned open for further checks; the caller closes it.
 */
export async function liveDocumentCapture(
  rig: LiveRig,
  beforeGood: (page: Page) => Promise<void> = async () => {},
): Promise<{ page: Page; result: LiveCapture }> {
  const { server, camera, browser, videos } = rig;
  await camera.show(videos.empty);
  const page = await newPage(browser);
  await recordMainThread(page);
  await page.goto(server.url);
  await page.locator('#auto-capture').setChecked(true);
  await page.locator('#straighten').setChecked(true);
  await page.getByRole('button', { name: 'Create session' }).click();
  await page.getByRole('radio', { name: 'Identity card' }).check();
  await page.getByRole('checkbox', { name: /I agree/ }).check();
  const cameraStart = await pageNow(page);
  await page.getByRole('button', { name: 'Start' }).click();
  await waitForGuidance(page, en.quality.no_document, 5000);
  await beforeGood(page);

  const review = page.getByRole('heading', { name: en.reviewTitle });
  await camera.show(videos.good, 0);
  const shown = Date.now();
  await review.waitFor({ timeout: 10000 });
  const captureMs = Date.now() - shown;
  const captured = await capturedPhoto(page);
  // The capture phase ends when the backend has the photo.
  await page.evaluate(() => {
    const answered = new Promise((resolve) =>
      document.querySelector('kyc-capture')!.addEventListener('kyc-upload-result', resolve, {
        once: true,
      }),
    );
    Object.assign(window, { answered });
  });
  await page.getByRole('button', { name: en.usePhoto }).click();
  await page.evaluate(() => (window as unknown as { answered: Promise<unknown> }).answered);
  const captureEnd = await pageNow(page);
  return {
    page,
    result: {
      captureMs,
      ...captured,
      longTasks: await longTasks(page, cameraStart, captureEnd),
      costs: await stageCosts(page, cameraStart, captureEnd),
      cameraStart,
    },
  };
}
