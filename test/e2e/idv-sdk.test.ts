// The idv-sdk protocol end to end: the demo page creates a session on the idv-sdk mock (seed 001),
// <kyc-capture protocol="idv-sdk"> captures a passport page and a selfie with the fake camera, and
// the mock ends up holding the consent, the document type, the front image, the liveness images
// and the SDK metadata, finalized; the host gets the verdict in kyc-complete.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from '../../src/i18n/en.ts';
import { collectRequests, demoRig, launchBrowser, newPage, waitForShutter } from './harness.ts';

const demo = demoRig();

describe('idv-sdk end to end', () => {
  it('sends consent, document type, front, selfie as liveness and metadata, then finalizes', async () => {
    const browser = await launchBrowser({ y4m: demo.videos.document });
    try {
      // The person allows the position: it goes with the images (the integrator turned it on).
      const page = await newPage(browser, {
        geolocation: { latitude: 48.8566, longitude: 2.3522 },
        permissions: ['geolocation'],
      });
      const requests = collectRequests(page);
      await page.goto(demo.server.url);
      // The shutter takes both photos: this test is about the protocol.
      await page.locator('#auto-capture').setChecked(false);
      await page.locator('#protocol').selectOption('idv-sdk');
      await page.locator('#geolocation').setChecked(true);
      await page.getByRole('button', { name: 'Create session' }).click();
      await page.locator('#session-info[data-session-id]').waitFor();
      const sessionId = (await page.locator('#session-info').getAttribute('data-session-id'))!;
      await page.getByRole('radio', { name: 'Passport' }).check();
      await page.getByRole('checkbox', { name: /I agree/ }).check();
      await page.getByRole('button', { name: 'Start' }).click();
      for (const step of ['passport page', 'selfie']) {
        await waitForShutter(page);
        await page.getByRole('button', { name: en.takePhoto }).click();
        await page.getByRole('button', { name: en.usePhoto }).click();
        if (step === 'passport page')
          await page.getByRole('heading', { name: en.stepTitles.selfie }).waitFor();
      }
      await page.getByRole('heading', { name: en.done }).waitFor();
      const complete = await page.locator('#event-log [data-event="kyc-complete"]').textContent();
      assert.match(complete ?? '', /"verified":true/);
      assert.match(complete ?? '', /"on_sanction_list":false/);

      const state = (await (
        await fetch(new URL(`/demo/idv/sessions/${sessionId}`, demo.server.url))
      ).json()) as Record<string, unknown>;
      assert.equal(state.consent_recorded, true);
      assert.equal(state.document_type_e ?? state.document_type, 'passport');
      const front = state.document_front as {
        mime_type: string;
        latitude: number;
        longitude: number;
      } | null;
      assert.ok(front, 'the front image arrived');
      assert.equal(front.mime_type, 'image/jpeg');
      assert.deepEqual([front.latitude, front.longitude], [48.8566, 2.3522]);
      // Device signals in the SDK metadata: Chromium's fake camera is a virtual camera.
      const metadata = state.sdk_metadata as { device_signals?: Record<string, unknown> };
      assert.equal(metadata.device_signals?.virtual_camera, true);
      assert.deepEqual(metadata.device_signals?.capture_sources, {
        document_front: 'camera',
        selfie: 'camera',
      });
      assert.equal(state.document_back, null);
      assert.ok((state.liveness_frames as unknown[]).length >= 1, 'the selfie went as liveness');
      assert.equal(state.finalized, true);
      // Every request stayed on the page's origin.
      const origin = new URL(demo.server.url).origin;
      assert.deepEqual(
        requests.filter((url) => new URL(url).origin !== origin),
        [],
      );
      await page.close();
    } finally {
      await browser.close();
    }
  });
});
