// Live document checks and auto-capture on the built demo: the fake camera shows generated videos
// (no document, blurry, glare, partly out of frame, good) on one live track, switched in place.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { en } from '../../src/i18n/en.ts';
import { guidanceText, waitForGuidance } from './harness.ts';
import { liveDocumentCapture, startLiveRig, type LiveRig } from './live-capture.ts';
import { describeLongTasks } from './long-tasks.ts';

let rig: LiveRig;

before(async () => {
  rig = await startLiveRig();
});

after(async () => {
  await rig?.close();
});

describe('live document checks and auto-capture', () => {
  it('guides the person, never captures a bad frame, and captures a good one quickly', async () => {
    const { page, result } = await liveDocumentCapture(rig, async (page) => {
      const bad: [keyof LiveRig['videos'], string][] = [
        ['blurry', en.quality.blur],
        ['glare', en.quality.glare],
        ['partial', en.quality.corners],
      ];
      for (const [video, message] of bad) {
        await rig.camera.show(rig.videos[video]);
        await waitForGuidance(page, message, 5000);
        // Long enough for several stability windows: a capture now would be a false accept.
        await page.waitForTimeout(2000);
        assert.equal(
          await page.getByRole('heading', { name: en.reviewTitle }).count(),
          0,
          `no auto-capture on the ${video} video`,
        );
        assert.equal(await guidanceText(page), message);
      }
    });
    const { captureMs, width, height, auto, longTasks: tasks, costs, cameraStart } = result;
    console.log(
      `auto-capture: ${captureMs} ms after the good document appeared (target ≤ 1500 ms); ` +
        `capture ${width}x${height}; main-thread tasks > 50 ms from camera start ` +
        `to upload: ${tasks.length}` +
        (tasks.length
          ? ` (longest ${Math.max(...tasks.map((t) => t.duration)).toFixed(0)} ms)\n` +
            describeLongTasks(tasks, cameraStart)
          : '') +
        `\n  our main-thread stages in that phase (count, longest): ` +
        costs.map((c) => `${c.stage} ${c.count}× ${c.longest.toFixed(1)} ms`).join('; '),
    );
    assert.equal(auto, true, 'taken by auto-capture, not the shutter');
    // Straightened to the card plus a margin: smaller than the 1280x720 frame, exactly the shape
    // of an ID-1 card (85.6 x 54 mm) however the card was tilted.
    assert.ok(width < 1280 && width > 600, `width ${width}`);
    const aspect = width / height;
    assert.ok(Math.abs(aspect - 85.6 / 54) < 0.02, `aspect ${aspect.toFixed(3)}`);
    assert.ok(captureMs < 4000, `auto-capture took ${captureMs} ms`);
    await page.close();
  });
});
