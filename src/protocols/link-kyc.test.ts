// The link-kyc adapter against the LINK Mobility KYC mock (seed 000) on the test server's origin.
// The adapter talks to the API's own paths, so it is pointed straight at the mock vendor here,
// with a token from the mock's /auth/token; in production the integrator's proxy sits between.
import { expect } from '@open-wc/testing';
import { KycClient } from '../api/client.js';
import { HttpError } from '../api/errors.js';
import type { CaptureStep } from '../steps.js';
import { en } from '../i18n/en.js';
import { feedbackText } from '../i18n/text.js';
import { rejection } from '../../test/helpers/async.js';
import { testCapture } from '../../test/helpers/captures.js';
import {
  createLinkKycAdapter,
  LINK_KYC_REJECTION_GUIDANCE,
  linkKycRejectionGuidance,
  type LinkKycAdapterOptions,
} from './link-kyc.js';

const BASE = '/link-kyc';

async function vendorToken(): Promise<string> {
  const response = await fetch(`${BASE}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: 'mock-user', password: 'mock-password' }),
  });
  expect(response.status).to.equal(200);
  return ((await response.json()) as { token: string }).token;
}

async function queueOutcomes(outcomes: readonly Record<string, unknown>[]): Promise<void> {
  await fetch('/demo/link-kyc/outcomes', { method: 'DELETE' });
  const response = await fetch('/demo/link-kyc/outcomes', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ outcomes }),
  });
  expect(response.ok).to.equal(true);
}

interface ImageView {
  mimeType: string;
  width: number;
  height: number;
  byteLength: number;
}

/** One image entry as the mock's demo view shows it (metadata, never bytes). */
interface StoredImage {
  content: ImageView;
  faceImage: ImageView | null;
}

async function stored(id: string): Promise<Record<string, unknown>> {
  const response = await fetch(`/demo/link-kyc/verifications/${encodeURIComponent(id)}`);
  expect(response.status).to.equal(200);
  return (await response.json()) as Record<string, unknown>;
}

/** The images of the newest attempt the mock stored for `id`. */
async function lastImages(id: string): Promise<StoredImage[]> {
  const state = await stored(id);
  const attempts = state['attempts'] as Record<string, unknown>[];
  const last = attempts.at(-1) as Record<string, unknown>;
  return last['images'] as StoredImage[];
}

async function adapter(overrides: Partial<LinkKycAdapterOptions> = {}) {
  const requestId = `req-${crypto.randomUUID()}`;
  const client = new KycClient({ baseUrl: BASE, token: await vendorToken(), retries: 0 });
  return {
    requestId,
    adapter: createLinkKycAdapter({ client, requestId, expeditorCountry: 'ES', ...overrides }),
  };
}

const LATER: readonly CaptureStep[] = ['document_back', 'selfie'];

describe('link-kyc adapter', () => {
  beforeEach(() => queueOutcomes([]));

  it('holds front and back, then sends one verify request with the selfie as faceImage', async () => {
    const { adapter: kyc, requestId } = await adapter();
    await kyc.start();
    const front = await kyc.send(await testCapture('document_front', 'identity_card'), {
      remaining: LATER,
    });
    expect(front).to.deep.include({ accepted: true, complete: false });
    const back = await kyc.send(await testCapture('document_back', 'identity_card'), {
      remaining: ['selfie'],
    });
    expect(back).to.deep.include({ accepted: true, complete: false });
    // Nothing has reached the vendor yet.
    expect((await fetch(`/demo/link-kyc/verifications/${requestId}`)).status).to.equal(404);

    const last = await kyc.send(await testCapture('selfie'), { remaining: [] });
    expect(last).to.deep.include({ accepted: true, complete: true });
    const images = await lastImages(requestId);
    expect(images).to.have.length(2);
    expect(images[0]?.content).to.include({ mimeType: 'image/jpeg', width: 1280, height: 720 });
    expect(images[0]?.faceImage).to.include({ width: 480, height: 640 });
    expect(images[1]?.faceImage).to.equal(null);
    const state = await stored(requestId);
    const attempt = (state['attempts'] as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(attempt['expeditorCountry']).to.equal('ES');

    const result = await kyc.finish?.();
    expect(result).to.deep.include({ id: requestId, status: 'Completed', result: 'Ok' });
  });

  it('sends a passport front alone, with certify and manual flags from its configuration', async () => {
    const { adapter: kyc, requestId } = await adapter({ certify: true, manualVerification: true });
    const feedback = await kyc.send(await testCapture('document_front', 'passport'), {
      remaining: [],
    });
    expect(feedback).to.deep.include({ accepted: true, complete: true });
    const attempt = ((await stored(requestId))['attempts'] as Record<string, unknown>[])[0];
    expect(attempt).to.deep.include({ certify: true, manualVerification: true });
    expect(await lastImages(requestId)).to.have.length(1);
    // A manual verification is still being processed: the host learns that, not a verdict.
    expect(await kyc.finish?.()).to.deep.include({
      status: 'Processing',
      process: 'Manual',
      result: null,
      certification: 'Processing',
    });
  });

  it('asks for the document again on NotProcessed, keeps the selfie, and resends', async () => {
    await queueOutcomes([{ result: 'NotProcessed' }]);
    const { adapter: kyc, requestId } = await adapter();
    await kyc.send(await testCapture('document_front', 'identity_card'), { remaining: LATER });
    await kyc.send(await testCapture('document_back', 'identity_card'), { remaining: ['selfie'] });
    const rejected = await kyc.send(await testCapture('selfie'), { remaining: [] });
    expect(rejected).to.deep.include({
      accepted: false,
      feedback: 'not_processed',
      reason: { code: 'link-kyc.not_processed' },
    });
    expect(feedbackText(en, rejected)).to.equal(
      'Your document could not be read. Take the photos again: the whole document in the frame, sharp and without glare.',
    );
    expect(rejected.retake).to.deep.equal(['document_front', 'document_back']);

    // The flow takes the two sides again; the second one completes the batch.
    await kyc.send(await testCapture('document_front', 'identity_card', '#334455'), {
      remaining: ['document_back'],
    });
    const again = await kyc.send(await testCapture('document_back', 'identity_card'), {
      remaining: [],
    });
    expect(again).to.deep.include({ accepted: true, complete: true });
    const attempts = (await stored(requestId))['attempts'] as unknown[];
    expect(attempts).to.have.length(2);
    const images = await lastImages(requestId);
    expect(images[0]?.faceImage).to.include({ width: 480 });
  });

  it('completes on NotCorrect and Warning: a new photo cannot change an authenticity verdict', async () => {
    await queueOutcomes([{ result: 'NotCorrect' }]);
    const { adapter: kyc } = await adapter();
    const feedback = await kyc.send(await testCapture('document_front', 'passport'), {
      remaining: [],
    });
    expect(feedback).to.deep.include({ accepted: true, complete: true });
    expect(await kyc.finish?.()).to.deep.include({ result: 'NotCorrect' });
  });

  it('turns documented error replies into typed errors and keeps the images to resend', async () => {
    await queueOutcomes([{ status: 500 }]);
    const { adapter: kyc } = await adapter();
    const front = await testCapture('document_front', 'passport');
    const error = await rejection(kyc.send(front, { remaining: [] }));
    expect(error).to.be.instanceOf(HttpError);
    expect(error).to.include({ status: 500, serverCode: '001', retryable: true });
    // "Try again" resends the same capture: it is still held.
    const retried = await kyc.send(front, { remaining: [] });
    expect(retried).to.deep.include({ accepted: true, complete: true });
  });

  it('maps every documented REJECTED reason to retake guidance', () => {
    expect(Object.keys(LINK_KYC_REJECTION_GUIDANCE)).to.include.members([
      'GLARE',
      'OUT_OF_FOCUS',
      'NOT_VISIBLE_FOUR_CORNERS',
      'POOR_EXPOSURE',
      'MISSING_SELFIE',
      'TOO_MANY_FACES_SELFIE_IMAGE',
    ]);
    // The seed's own examples carry a leading space.
    const glare = linkKycRejectionGuidance([' GLARE', 'OUT_OF_FOCUS']);
    expect(glare).to.deep.equal({
      retake: ['document_front', 'document_back'],
      reason: { code: 'link-kyc.GLARE' },
    });
    expect(en.feedback[glare!.reason.code]).to.equal(
      'There was glare on the document: tilt it away from the light.',
    );
    // Every documented reason has its words in the catalog.
    for (const reason of Object.keys(LINK_KYC_REJECTION_GUIDANCE)) {
      const guidance = linkKycRejectionGuidance([reason]);
      expect(feedbackText(en, { reason: guidance?.reason }), reason).to.equal(
        en.feedback[`link-kyc.${reason as keyof typeof LINK_KYC_REJECTION_GUIDANCE}`],
      );
    }
    expect(linkKycRejectionGuidance(['SELFIE_NOT_LIVE', 'MISSING_PORTRAIT'])?.retake).to.deep.equal(
      ['document_front', 'selfie'],
    );
    expect(linkKycRejectionGuidance(['UNSUPPORTED_LANGUAGE'])?.retake).to.deep.equal([]);
    expect(linkKycRejectionGuidance(['SOMETHING_NEW'])).to.equal(undefined);
  });
});
