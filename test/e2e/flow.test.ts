// End to end, as a person would do it: the demo page in headless Chromium, the fake camera fed by a
// generated 1920x1080 video, uploads over real HTTP to the mock backend mounted on the same origin.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import {
  accessToken,
  collectRequests,
  demoRig,
  launchBrowser,
  newPage,
  SwitchableCamera,
  waitForShutter,
} from './harness.ts';
import { jpegInfo } from './jpeg.ts';

interface StoredImage {
  id: string;
  type: string;
  feedback: string;
  width: number;
  height: number;
}

const demo = demoRig();

async function createSession(
  page: Page,
  options: { ttlSeconds?: number; renewTokens?: boolean; autoCapture?: boolean } = {},
): Promise<string> {
  await page.goto(demo.server.url);
  // These tests are about the flow and the backend: the shutter takes every photo.
  await page.locator('#auto-capture').setChecked(options.autoCapture ?? false);
  if (options.ttlSeconds) await page.locator('#token-ttl').fill(String(options.ttlSeconds));
  await page.locator('#refresh-token').setChecked(options.renewTokens ?? true);
  await page.getByRole('button', { name: 'Create session' }).click();
  await page.locator('#session-info[data-session-id]').waitFor();
  return (await page.locator('#session-info').getAttribute('data-session-id'))!;
}

async function startFlow(page: Page, documentName: string): Promise<void> {
  await page.getByRole('radio', { name: documentName }).check();
  await page.getByRole('checkbox', { name: /I agree/ }).check();
  await page.getByRole('button', { name: 'Start' }).click();
}

async function takeAndUse(page: Page): Promise<void> {
  const shutter = page.getByRole('button', { name: 'Take photo' });
  await shutter.waitFor();
  await waitForShutter(page);
  await shutter.click();
  await page.getByRole('button', { name: 'Use this photo' }).click();
}

async function backendImages(sessionId: string): Promise<StoredImage[]> {
  const response = await fetch(
    new URL(`/api/v1/verification/${sessionId}/images`, demo.server.url),
    {
      headers: { Authorization: `Bearer ${accessToken()}` },
    },
  );
  assert.equal(response.status, 200);
  return ((await response.json()) as { session_images: StoredImage[] }).session_images;
}

describe('the demo, end to end', () => {
  let browser: Browser;
  let camera: SwitchableCamera;
  after(async () => {
    await browser?.close();
    await camera?.dispose();
  });

  it('captures an identity card front, back and a selfie, and the backend accepts all three', async () => {
    // One camera for the whole flow, as on a phone: it shows the card, then a face.
    camera = await SwitchableCamera.create(demo.videos.document);
    browser = await launchBrowser({ y4m: camera.path });
    const page = await newPage(browser);
    const requests = collectRequests(page);
    const sessionId = await createSession(page);
    await startFlow(page, 'Identity card');
    await takeAndUse(page); // front
    await page.getByRole('heading', { name: 'Back of your document' }).waitFor();
    await takeAndUse(page); // back
    await page.getByRole('heading', { name: 'Selfie' }).waitFor();
    await camera.show(demo.videos.selfie);
    await takeAndUse(page); // selfie
    await page.getByRole('heading', { name: 'All done' }).waitFor();
    await page.locator('#event-log [data-event="kyc-complete"]').waitFor();
    await page.locator('#received li').nth(2).waitFor();

    const images = await backendImages(sessionId);
    assert.deepEqual(
      images.map((i) => [i.type, i.feedback]),
      [
        ['document_front', 'ok'],
        ['document_back', 'ok'],
        ['selfie', 'ok'],
      ],
    );
    for (const image of images) {
      const response = await fetch(
        new URL(`/api/v1/verification/${sessionId}/images/${image.id}`, demo.server.url),
        {
          headers: { Authorization: `Bearer ${accessToken()}` },
        },
      );
      assert.equal(response.headers.get('content-type'), 'image/jpeg');
      const bytes = new Uint8Array(await response.arrayBuffer());
      const info = jpegInfo(bytes);
      assert.ok(
        Math.max(info.width, info.height) >= 1280,
        `${image.type} is ${info.width}x${info.height}`,
      );
      assert.equal(info.hasExif, false, `${image.type} carries no EXIF block`);
      // Decodable: the browser turns it back into pixels of the declared size.
      const decoded = await page.evaluate(async (url) => {
        const bitmap = await createImageBitmap(await (await fetch(url)).blob());
        return [bitmap.width, bitmap.height];
      }, `/demo/sessions/${sessionId}/images/${image.id}`);
      assert.deepEqual(decoded, [info.width, info.height]);
    }
    const foreign = requests.filter(
      (url) => new URL(url).origin !== new URL(demo.server.url).origin,
    );
    assert.deepEqual(foreign, [], 'no request leaves the page’s origin');
    assert.ok(
      requests.every((url) => !/token=|start_token/i.test(new URL(url).search)),
      'no token in any URL',
    );
  });

  it('renews an expired start token through getToken() and the upload goes through', async () => {
    const page = await newPage(browser);
    const sessionId = await createSession(page, { ttlSeconds: 1, renewTokens: true });
    await startFlow(page, 'Passport');
    await page.getByRole('button', { name: 'Take photo' }).waitFor();
    await page.waitForTimeout(1500);
    await takeAndUse(page);
    await page.getByRole('heading', { name: 'Selfie' }).waitFor();
    assert.deepEqual(
      (await backendImages(sessionId)).map((i) => i.type),
      ['document_front'],
    );
    await page.close();
  });

  it('shows a clear error, not a blank page, when the start token has expired', async () => {
    const page = await newPage(browser);
    await createSession(page, { ttlSeconds: 1, renewTokens: false });
    await startFlow(page, 'Passport');
    await page.getByRole('button', { name: 'Take photo' }).waitFor();
    await page.waitForTimeout(1500);
    await takeAndUse(page);
    const alert = page.locator('kyc-capture [role="alert"]');
    await alert.waitFor();
    assert.equal(await alert.getAttribute('data-code'), 'token-expired');
    assert.match((await alert.textContent()) ?? '', /expired/i);
    await page.locator('#event-log [data-event="kyc-error"]').waitFor();
    await page.close();
  });

  it('shows a clear error with a way forward when the camera is denied', async () => {
    const denied = await launchBrowser({ y4m: demo.videos.document, denyCamera: true });
    try {
      const page = await newPage(denied);
      await createSession(page);
      await startFlow(page, 'Passport');
      const alert = page.locator('kyc-capture [role="alert"]');
      await alert.waitFor();
      assert.equal(await alert.getAttribute('data-code'), 'permission-denied');
      assert.match((await alert.textContent()) ?? '', /camera/i);
      assert.ok(await page.getByRole('button', { name: 'Try again' }).isVisible());
      // The next-step line names the way out; the file input's label is that way out.
      assert.match(
        (await page.locator('kyc-capture [part="error-next-step"]').textContent()) ?? '',
        /upload a photo instead/i,
      );
      assert.ok(await page.getByText('Upload a photo instead', { exact: true }).isVisible());
    } finally {
      await denied.close();
    }
  });
});
