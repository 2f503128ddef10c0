// A selfie of someone other than the tuning face, live on the built demo: the fake camera shows
// the held-out person (scripts/portrait-videos.ts: test/fixtures/faces/hopper.png, which no
// threshold was set on) after an empty wall, and the selfie step must auto-capture her. The time
// from her appearance to the capture is printed; the README's target is 1500 ms, asserted here
// loosely (4000 ms) because this machine is shared. Should the fixture be missing, the test fails
// under CI and is skipped elsewhere (test/shared-fixtures.ts's skipOrFail).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generatePortraitVideos } from '../../scripts/portrait-videos.ts';
import { en } from '../../src/i18n/en.ts';
import { skipOrFail } from '../shared-fixtures.ts';
import { liveRig, newPage, waitForGuidance } from './harness.ts';
import { capturedPhoto, throughPassportFront, watchForCapture } from './steps.ts';

const live = liveRig(() => generatePortraitVideos(), 'portrait-empty');

describe('a selfie of the held-out person', () => {
  it('is auto-captured soon after she appears, and not before', async (t) => {
    if (live.skipped) return skipOrFail(t, live.skipped);
    const { videos, server, camera, browser } = live.rig!;
    const page = await newPage(browser);
    try {
      // The passport page with the shutter: the selfie step is what this test is about.
      await throughPassportFront(page, server.url);

      const review = page.getByRole('heading', { name: en.reviewTitle });
      await waitForGuidance(page, en.selfie.no_face, 15000);
      assert.equal(await review.count(), 0, 'no capture of the empty wall');

      await camera.show(videos['portrait-good'], 0);
      const { captureMs, guidance } = await watchForCapture(page);
      const { auto } = await capturedPhoto(page);
      console.log(
        `held-out selfie: ` +
          (captureMs === null
            ? 'no capture within 10 s'
            : `${auto ? 'auto-' : 'shutter '}capture ${captureMs} ms after the face appeared (target ≤ 1500 ms)`) +
          `; guidance shown: ${JSON.stringify(guidance)}`,
      );
      assert.notEqual(captureMs, null, `no capture in 10 s; guidance ${JSON.stringify(guidance)}`);
      assert.equal(auto, true, 'taken by auto-capture, not the shutter');
      assert.ok(captureMs! < 4000, `auto-capture took ${captureMs} ms`);
    } finally {
      await page.context().close();
    }
  });
});
