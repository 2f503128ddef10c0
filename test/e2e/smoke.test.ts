// The ground the other e2e tests stand on: the demo server runs, Chromium's fake camera plays the
// generated videos at full resolution, a blocked camera is reported as such, and the camera's
// picture can be switched mid-run.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, JSHandle, Page } from 'playwright';
import { makeY4mFixtures } from '../../scripts/make-y4m.ts';
import {
  SwitchableCamera,
  collectConsoleErrors,
  collectRequests,
  launchBrowser,
  newPage,
  startDemoServer,
  type DemoServer,
} from './harness.ts';

/** What the page reports about one camera frame region. */
interface RegionStats {
  /** Mean BT.601 luma. */
  luma: number;
  /** Mean red minus mean blue: near 0 for the grey-white card, clearly positive for skin. */
  warmth: number;
}

/** A live camera stream in the page, drawn to a canvas on demand. */
interface CameraProbe {
  width: number | undefined;
  height: number | undefined;
  label: string;
  /** Stats of a region of the next frame, in frame pixels [x0, y0, x1, y1). */
  sample(region: readonly [number, number, number, number]): Promise<RegionStats>;
  stop(): void;
}

// The centre of the frame (card or face) and the outer columns (table or wall), at 1920x1080.
const CENTRE = [760, 400, 1160, 680] as const;
const LEFT_EDGE = [0, 0, 200, 1080] as const;
const RIGHT_EDGE = [1720, 0, 1920, 1080] as const;
const FACE = [920, 540, 1000, 620] as const;

describe('e2e smoke: demo server and fake camera', { timeout: 60_000 }, () => {
  let server: DemoServer | undefined;
  let videos = { document: '', selfie: '' };
  const browsers: Browser[] = [];
  const cameras: SwitchableCamera[] = [];

  before(async () => {
    [videos, server] = await Promise.all([makeY4mFixtures(), startDemoServer()]);
  });

  after(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await Promise.all(cameras.map((camera) => camera.dispose()));
    await server?.close();
  });

  /**
   * A blank page on the demo origin (a secure context, so getUserMedia exists). Playwright answers
   * it: Vite would serve the demo app for any unknown path, and this test is about the camera only.
   */
  async function blankPage(browser: Browser): Promise<Page> {
    const page = await newPage(browser);
    const url = `${server!.url}__smoke`;
    await page.route(url, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>smoke</title>' }),
    );
    await page.goto(url);
    return page;
  }

  function openCamera(page: Page): Promise<JSHandle<CameraProbe>> {
    return page.evaluateHandle(async (): Promise<CameraProbe> => {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 1920 }, height: { ideal: 1080 } },
      });
      const [track] = stream.getVideoTracks();
      const video = document.createElement('video');
      video.muted = true;
      video.srcObject = stream;
      await video.play();
      const canvas = document.createElement('canvas');
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      const settings = track!.getSettings();
      return {
        width: settings.width,
        height: settings.height,
        label: track!.label,
        async sample([x0, y0, x1, y1]) {
          // Wait for a frame presented after this call, so a sample never shows a stale picture.
          await new Promise((done) => video.requestVideoFrameCallback(done));
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          context.drawImage(video, 0, 0);
          const { data } = context.getImageData(x0, y0, x1 - x0, y1 - y0);
          let luma = 0;
          let warmth = 0;
          for (let p = 0; p < data.length; p += 4) {
            luma += 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!;
            warmth += data[p]! - data[p + 2]!;
          }
          const n = data.length / 4;
          return { luma: luma / n, warmth: warmth / n };
        },
        stop: () => stream.getTracks().forEach((t) => t.stop()),
      };
    });
  }

  test('the demo server answers on 127.0.0.1', async () => {
    const response = await fetch(server!.url);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
  });

  test('getUserMedia serves the document video at 1920x1080, card brighter than table', async () => {
    const browser = await launchBrowser({ y4m: videos.document });
    browsers.push(browser);
    const page = await blankPage(browser);
    const requests = collectRequests(page);
    const errors = collectConsoleErrors(page);
    assert.equal(await page.evaluate(() => isSecureContext), true);

    const probe = await openCamera(page);
    const { width, height, label } = await probe.evaluate(({ width, height, label }) => ({
      width,
      height,
      label,
    }));
    assert.deepEqual({ width, height }, { width: 1920, height: 1080 });
    // Chromium labels the file-backed fake camera with the file's path.
    assert.equal(label, videos.document);

    const [card, left, right] = [
      await probe.evaluate((p, region) => p.sample(region), CENTRE),
      await probe.evaluate((p, region) => p.sample(region), LEFT_EDGE),
      await probe.evaluate((p, region) => p.sample(region), RIGHT_EDGE),
    ];
    const table = (left!.luma + right!.luma) / 2;
    assert.ok(
      card!.luma > table + 40,
      `card ${card!.luma.toFixed(0)} vs table ${table.toFixed(0)}`,
    );

    await probe.evaluate((p) => p.stop());
    const origin = new URL(server!.url).host;
    assert.deepEqual(
      requests.filter((url) => new URL(url).host !== origin),
      [],
      'no request leaves the origin',
    );
    assert.deepEqual(errors, []);
  });

  test('a blocked camera makes getUserMedia reject with NotAllowedError', async () => {
    const browser = await launchBrowser({ y4m: videos.document, denyCamera: true });
    browsers.push(browser);
    const page = await blankPage(browser);
    const outcome = await page.evaluate(async () => {
      const permission = (await navigator.permissions.query({ name: 'camera' as PermissionName }))
        .state;
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ video: true });
        stream.getTracks().forEach((track) => track.stop());
        return { permission, error: 'none' };
      } catch (error) {
        return { permission, error: (error as DOMException).name };
      }
    });
    assert.deepEqual(outcome, { permission: 'denied', error: 'NotAllowedError' });
  });

  test('a SwitchableCamera changes from the document to a face and back on a live track', async () => {
    const camera = await SwitchableCamera.create(videos.document);
    cameras.push(camera);
    const browser = await launchBrowser({ y4m: camera.path });
    browsers.push(browser);
    const page = await blankPage(browser);
    const probe = await openCamera(page);
    const sample = () => probe.evaluate((p, region) => p.sample(region), FACE);

    const documentFrame = await sample();
    assert.ok(documentFrame.warmth < 25, `card warmth ${documentFrame.warmth.toFixed(0)}`);
    await camera.show(videos.selfie);
    const faceFrame = await sample();
    assert.ok(faceFrame.warmth > 50, `face warmth ${faceFrame.warmth.toFixed(0)}`);
    await camera.show(videos.document);
    const backFrame = await sample();
    assert.ok(backFrame.warmth < 25, `card warmth again ${backFrame.warmth.toFixed(0)}`);
    await probe.evaluate((p) => p.stop());
  });
});
