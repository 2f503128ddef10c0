// Mobile web views, as far as a desktop Chromium can play one: the demo page with the user agent of
// an Android WebView or an iOS WKWebView whose app refused the camera (Chromium's fake prompt set to
// deny). The person must read that the app refused it, not a black preview or browser advice, and
// finish the step with a picked photo; the host page must get the error's code.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import { en } from '../../src/i18n/en.ts';
import { accessToken, launchBrowser, newPage, startDemoServer } from './harness.ts';

// Real user agents: an Android 14 WebView (its `; wv)` token) and a WKWebView with its default
// user agent (WebKit, `Mobile/`, no `Safari/`).
const WEBVIEWS = {
  'an Android WebView':
    'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240705.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36',
  'an iOS WKWebView':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
} as const;

let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Browser;

before(async () => {
  server = await startDemoServer();
  // The app's answer to the camera request: no.
  browser = await launchBrowser({ denyCamera: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the demo, creates a session and starts a passport flow; resolves to the session id. */
async function startPassportFlow(page: Page): Promise<string> {
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Create session' }).click();
  await page.locator('#session-info[data-session-id]').waitFor();
  const id = (await page.locator('#session-info').getAttribute('data-session-id'))!;
  await page.getByRole('radio', { name: 'Passport' }).check();
  await page.getByRole('checkbox', { name: /I agree/ }).check();
  await page.getByRole('button', { name: 'Start' }).click();
  return id;
}

/** A photo as a phone's gallery would hand it over: a JPEG, drawn and encoded in the page. */
async function jpegFromPage(page: Page): Promise<Buffer> {
  const bytes = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 1600;
    canvas.height = 1100;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#7a8c99';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#f4f1e8';
    ctx.fillRect(250, 180, 1100, 740);
    ctx.fillStyle = '#223';
    ctx.font = '64px sans-serif';
    ctx.fillText('PASSPORT', 320, 300);
    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('toBlob failed'))),
        'image/jpeg',
        0.9,
      ),
    );
    return [...new Uint8Array(await blob.arrayBuffer())];
  });
  return Buffer.from(bytes);
}

async function storedImages(sessionId: string): Promise<{ type: string; source?: string }[]> {
  const response = await fetch(new URL(`/api/v1/verification/${sessionId}/images`, server.url), {
    headers: { Authorization: `Bearer ${accessToken()}` },
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { session_images: { type: string; source?: string }[] })
    .session_images;
}

describe('inside a mobile web view whose app refused the camera', () => {
  for (const [name, userAgent] of Object.entries(WEBVIEWS)) {
    it(`${name}: names the app, offers the upload, and a picked photo completes the step`, async () => {
      const page = await newPage(browser, { userAgent });
      try {
        assert.equal(await page.evaluate(() => navigator.userAgent), userAgent);
        const sessionId = await startPassportFlow(page);

        const alert = page.locator('kyc-capture [role="alert"]');
        await alert.waitFor();
        assert.equal(await alert.getAttribute('data-code'), 'permission-denied');
        assert.equal((await alert.textContent())?.trim(), en.inAppCamera['permission-denied']);
        assert.ok(await page.getByText(en.uploadInstead, { exact: true }).isVisible());
        // The camera view is gone: no preview, black or otherwise.
        assert.equal(await page.locator('kyc-capture kyc-camera-view').count(), 0);
        // What the host page hears: kyc-error, phase camera, the stable code.
        const logged = await page
          .locator('#event-log [data-event="kyc-error"]')
          .first()
          .textContent();
        assert.match(logged ?? '', /"code":"permission-denied"/);
        assert.match(logged ?? '', /"phase":"camera"/);

        await page.locator('kyc-capture input[type="file"]').setInputFiles({
          name: 'passport.jpg',
          mimeType: 'image/jpeg',
          buffer: await jpegFromPage(page),
        });
        await page.getByRole('button', { name: en.usePhoto }).click();
        // The front is in; the selfie step meets the same refusal and the same way out.
        await page.locator('#received li[data-type="document_front"]').waitFor();
        const images = await storedImages(sessionId);
        assert.deepEqual(
          images.map((image) => [image.type, image.source]),
          [['document_front', 'file']],
        );
        await page.locator('kyc-capture [role="alert"][data-code="permission-denied"]').waitFor();
        assert.ok(await page.getByText(en.uploadInstead, { exact: true }).isVisible());
      } finally {
        await page.context().close();
      }
    });
  }
});
