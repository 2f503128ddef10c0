// The short soak: 20 captures and uploads in one page (seven elements, one after another), and
// nothing the SDK creates per capture or per element outlives them. `npm run soak` is the long run
// with the heap bound; this one asserts the counts only (see test/e2e/soak-run.ts for how they are
// taken). Time and heap are printed, not asserted: they depend on the machine.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { launchBrowser, newPage } from './harness.ts';
import { installLiveCounters, LIVE_KINDS, runSoak, snapshot, type SoakResult } from './soak-run.ts';

const CAPTURES = 20;

describe('soak', () => {
  let result: SoakResult;
  before(async () => {
    result = await runSoak({ captures: CAPTURES });
    const { before: start, after: end } = result;
    const heap = (bytes: number) => `${(bytes / (1 << 20)).toFixed(2)} MiB`;
    process.stderr.write(
      `soak: ${result.captures} captures in ${(result.ms / 1000).toFixed(1)} s, ` +
        `heap ${heap(start.heapBytes)} -> ${heap(end.heapBytes)}, ` +
        `live ${JSON.stringify(start.live)} -> ${JSON.stringify(end.live)}\n`,
    );
  });

  it(`${CAPTURES} captures and uploads in one page leave no camera track, ImageBitmap, VideoFrame, object URL or worker behind`, () => {
    const { before: start, after: end } = result;
    assert.equal(result.captures, CAPTURES);
    // The run did exercise what it counts: every kind was created along the way.
    for (const kind of LIVE_KINDS) {
      assert.ok(end.created[kind] > start.created[kind], `no ${kind} were created`);
    }
    assert.deepEqual(end.live, start.live, 'live objects after the run as before it');
    assert.equal(end.pageWorkers, start.pageWorkers, "the page's workers after as before");
    assert.equal(end.blobs, start.blobs, 'reachable Blobs (every capture is one) after as before');
    assert.deepEqual(end.droppedUnclosed, start.droppedUnclosed, 'none dropped unclosed');
  });

  it('a finished flow holds no camera track, worker, ImageBitmap, VideoFrame or object URL', () => {
    // Measured on the "All done" screen, where a host often leaves the element: the face worker
    // (MediaPipe) and the encode worker used to stay there until the element was removed.
    for (const snapshot of [result.before, result.after]) {
      assert.deepEqual(snapshot.live, {
        tracks: 0,
        imageBitmaps: 0,
        videoFrames: 0,
        objectUrls: 0,
        workers: 0,
      });
      assert.equal(snapshot.pageWorkers, 0);
    }
  });

  it('the counters see what a page keeps, and forget what it released', async () => {
    // The soak's own check: without it, counters that saw nothing would pass every run. (Camera
    // tracks need a secure context; the runs above create and count them.)
    const browser = await launchBrowser();
    try {
      const page = await newPage(browser);
      await installLiveCounters(page);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const browserCdp = await browser.newBrowserCDPSession();
      await page.goto('about:blank');
      const start = await snapshot(page, cdp, browserCdp);
      await page.evaluate(async () => {
        const pixels = () => createImageBitmap(new ImageData(2, 2));
        const blob = new Blob(['kept']);
        Object.assign(window, {
          kept: [
            blob,
            new File(['kept'], 'kept.txt'),
            await pixels(),
            new VideoFrame(await pixels(), { timestamp: 0 }),
            URL.createObjectURL(blob),
            new Worker('data:text/javascript,0'),
          ],
        });
        (await pixels()).close();
        new Worker('data:text/javascript,0').terminate();
        URL.revokeObjectURL(URL.createObjectURL(blob));
        await pixels(); // dropped without close()
      });
      const end = await snapshot(page, cdp, browserCdp);
      assert.deepEqual(start.live, {
        tracks: 0,
        imageBitmaps: 0,
        videoFrames: 0,
        objectUrls: 0,
        workers: 0,
      });
      assert.deepEqual(end.live, {
        tracks: 0,
        imageBitmaps: 1,
        videoFrames: 1,
        objectUrls: 1,
        workers: 1,
      });
      // The kept Blob and File.
      assert.equal(end.blobs - start.blobs, 2, `${start.blobs} -> ${end.blobs}`);
      // The loose one, and the one the VideoFrame was copied from.
      assert.equal(end.droppedUnclosed.imageBitmaps, 2);
    } finally {
      await browser.close();
    }
  });
});
