// link-kyc, validation-v2 and session-v1 through its proxy, end to end: the demo page asks its integrator backend (the demo
// server, using kyc-capture/server) for a short-lived token, <kyc-capture> captures with the fake
// camera and sends every image in one request to the helper's proxy, which forwards it with the
// vendor's credentials to the vendor mock. Each mock ends up holding the right images in the right
// fields, a rejection sends the person back to the images it names, and the host gets the result.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright';
import { en } from '../../src/i18n/en.ts';
import { collectRequests, demoRig, launchBrowser, newPage, waitForShutter } from './harness.ts';

const demo = demoRig();

async function serverJson(path: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(new URL(path, demo.server.url), init);
  assert.ok(response.ok, `${path}: HTTP ${response.status}`);
  return response.status === 204 ? undefined : response.json();
}

/** Opens the demo, creates a session for `protocol`, starts the flow with `document`. */
async function startFlow(page: Page, protocol: string, document: string): Promise<string> {
  await page.goto(demo.server.url);
  // The shutter takes every photo: these tests are about the protocols.
  await page.locator('#auto-capture').setChecked(false);
  await page.locator('#protocol').selectOption(protocol);
  await page.getByRole('button', { name: 'Create session' }).click();
  await page.locator('#session-info[data-session-id]').waitFor();
  const id = (await page.locator('#session-info').getAttribute('data-session-id'))!;
  await page.getByRole('radio', { name: document }).check();
  await page.getByRole('checkbox', { name: /I agree/ }).check();
  await page.getByRole('button', { name: 'Start' }).click();
  return id;
}

/** Takes the current step's photo with the shutter and confirms it. */
async function shoot(page: Page, title: string): Promise<void> {
  await page.getByRole('heading', { name: title }).waitFor();
  await waitForShutter(page);
  await page.getByRole('button', { name: en.takePhoto }).click();
  await page.getByRole('button', { name: en.usePhoto }).click();
}

function completeEvent(page: Page): Promise<string | null> {
  return page.locator('#event-log [data-event="kyc-complete"]').textContent();
}

describe('proxied protocols end to end', () => {
  it('link-kyc: card front, back and selfie in one verify request, a NotProcessed retake, then done', async () => {
    await serverJson('/demo/link-kyc/outcomes', { method: 'DELETE' });
    await serverJson('/demo/link-kyc/outcomes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ outcomes: [{ result: 'NotProcessed' }, { result: 'Ok' }] }),
    });
    const browser = await launchBrowser({ y4m: demo.videos.document });
    try {
      const page = await newPage(browser);
      const requests = collectRequests(page);
      const id = await startFlow(page, 'link-kyc', 'Identity card');
      await shoot(page, en.stepTitles.document_front);
      await shoot(page, en.stepTitles.document_back);
      await shoot(page, en.stepTitles.selfie);
      // The vendor could not read the document: both sides again, the selfie is kept.
      await page.locator('kyc-capture').getByText(en.feedback['link-kyc.not_processed']).waitFor();
      await page.getByRole('button', { name: en.retake }).click();
      await shoot(page, en.stepTitles.document_front);
      await shoot(page, en.stepTitles.document_back);
      await page.getByRole('heading', { name: en.done }).waitFor();
      assert.match((await completeEvent(page)) ?? '', /"result":"Ok"/);

      const state = (await serverJson(`/demo/link-kyc/verifications/${id}`)) as {
        attempts: {
          expeditorCountry: string;
          images: { content: { width: number }; faceImage: { width: number } | null }[];
        }[];
      };
      assert.equal(state.attempts.length, 2, 'one verify request per batch');
      for (const attempt of state.attempts) {
        assert.equal(attempt.expeditorCountry, 'ES');
        assert.equal(attempt.images.length, 2, 'front and back');
        assert.ok(attempt.images[0]?.faceImage, 'the selfie rides on the first image');
        assert.equal(attempt.images[1]?.faceImage, null);
      }
      // The browser only ever spoke to the page's origin, and never to the vendor's login.
      const origin = new URL(demo.server.url).origin;
      assert.deepEqual(
        requests.filter((url) => new URL(url).origin !== origin),
        [],
      );
      assert.ok(requests.some((url) => url.endsWith('/integrator/link-kyc/identity/verify')));
      assert.equal(
        requests.some((url) => url.includes('/auth/token')),
        false,
      );
      await page.close();
    } finally {
      await browser.close();
    }
  });

  it('session-v1 through the proxy: front, back and selfie added by the server, the page holding a kyc-capture token only', async () => {
    const browser = await launchBrowser({ y4m: demo.videos.document });
    try {
      const page = await newPage(browser);
      const requests = collectRequests(page);
      const id = await startFlow(page, 'session-v1-proxy', 'Identity card');
      await shoot(page, en.stepTitles.document_front);
      await shoot(page, en.stepTitles.document_back);
      await shoot(page, en.stepTitles.selfie);
      await page.getByRole('heading', { name: en.done }).waitFor();

      // Seed 004: add-image "must be sent from the backend". The mock holds the three images,
      // added with the access token by the proxy; the page spoke only to its own origin's proxy.
      const state = (await serverJson(`/demo/sessions/${id}/images`)) as {
        session_images: { type: string; feedback: string }[];
      };
      assert.deepEqual(
        state.session_images.map((image) => [image.type, image.feedback]),
        [
          ['document_front', 'ok'],
          ['document_back', 'ok'],
          ['selfie', 'ok'],
        ],
      );
      const origin = new URL(demo.server.url).origin;
      const adds = requests.filter((url) => url.includes(`/api/v1/verification/${id}/images`));
      assert.equal(adds.length, 3);
      for (const url of adds) {
        assert.equal(new URL(url).origin, origin);
        assert.ok(new URL(url).pathname.startsWith('/integrator/session-v1/'), url);
      }
      await page.close();
    } finally {
      await browser.close();
    }
  });

  it('validation-v2: front and selfie together, a failed face with attempts left, then done', async () => {
    const browser = await launchBrowser({ y4m: demo.videos.document });
    try {
      const page = await newPage(browser);
      const id = await startFlow(page, 'validation-v2', 'Driver’s licence');
      await serverJson(`/demo/validation/applicants/${id}/outcomes`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ outcomes: ['face_fail'] }),
      });
      await shoot(page, en.stepTitles.document_front);
      // No back: the API has no field for it.
      await shoot(page, en.stepTitles.selfie);
      await page.locator('kyc-capture').getByText(en.attemptsLeft(2)).waitFor();
      await page.getByRole('button', { name: en.retake }).click();
      await shoot(page, en.stepTitles.selfie);
      await page.getByRole('heading', { name: en.done }).waitFor();
      assert.match((await completeEvent(page)) ?? '', /"status":0/);

      const state = (await serverJson(`/demo/validation/applicants/${id}`)) as {
        completed: boolean;
        requests: { documentType: number; front: { width: number } | null; face: unknown }[];
      };
      assert.equal(state.completed, true);
      assert.equal(state.requests.length, 2);
      for (const request of state.requests) {
        assert.equal(request.documentType, 1, 'the configured code for a driver’s licence');
        assert.ok(request.front, 'the front went as frontImageBase64');
        assert.ok(request.face, 'the selfie went as faceImageBase64');
      }
      await page.close();
    } finally {
      await browser.close();
    }
  });

  it('validation-v2: no attempts left ends on a final error without a retake', async () => {
    const browser = await launchBrowser({ y4m: demo.videos.document });
    try {
      const page = await newPage(browser);
      const id = await startFlow(page, 'validation-v2', 'Passport');
      // The applicant had 3 attempts; spend two, then fail the last one.
      await serverJson(`/demo/validation/applicants/${id}/outcomes`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ outcomes: ['document_fail', 'document_fail', 'document_fail'] }),
      });
      await shoot(page, en.stepTitles.document_front);
      await shoot(page, en.stepTitles.selfie);
      for (const left of [2, 1]) {
        await page.locator('kyc-capture').getByText(en.attemptsLeft(left)).waitFor();
        await page.getByRole('button', { name: en.retake }).click();
        await shoot(page, en.stepTitles.document_front);
      }
      const alert = page.locator('kyc-capture [data-code="attempts-exhausted"]');
      await alert.waitFor();
      assert.equal(await page.getByRole('button', { name: en.retake }).count(), 0);
      assert.equal(await page.getByRole('button', { name: en.tryAgain }).count(), 0);
      const error = await page.locator('#event-log [data-event="kyc-error"]').textContent();
      assert.match(error ?? '', /attempts-exhausted/);
      await page.close();
    } finally {
      await browser.close();
    }
  });
});
