// The link-kyc adapter against the LINK Mobility KYC mock (seed 000) on the test server's origin.
// The adapter talks to the API's own paths, so it is pointed straight at the mock vendor here,
// with a token from the mock's /auth/token; in production the integrator's proxy sits between.
import { expect } from '@open-wc/testing';
import { KycClient, type FetchFunction } from '../api/client.js';
import { HttpError } from '../api/errors.js';
import type { CaptureStep } from '../steps.js';
import { en } from '../i18n/en.js';
import { errorText, feedbackText } from '../i18n/text.js';
import { rejection } from '../../test/helpers/async.js';
import { testCapture } from '../../test/helpers/captures.js';
import type { ImageStep } from '../steps.js';
import {
  createLinkKycAdapter,
  LinkKycError,
  linkKycRejectionGuidance,
  parseLinkKycVerifyResponse,
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

// Golden expectations transcribed from seed 000 (test/fixtures/seeds/link-kyc/*.json, each naming
// its seed section), never read from the tables under test.
interface ReasonEntry {
  reason: string;
  retake: ImageStep[];
  code: string;
}
interface ReasonsFixture {
  document: ReasonEntry[];
  face: ReasonEntry[];
}
interface FieldRule {
  type: string;
  required: boolean;
}
interface RequestFixture {
  examples: { manual: Record<string, unknown> & { images: Record<string, unknown>[] } };
  fields: Record<string, FieldRule>;
  imageFields: Record<string, FieldRule>;
  faceImageOnlyOn: number;
}
interface ResponseFixture {
  examples: { automatic: Record<string, unknown>; manual: Record<string, unknown> };
  fields: Record<string, string>;
  statuses: string[];
  results: string[];
  processes: string[];
}

async function fixture<T>(name: string): Promise<T> {
  const response = await fetch(`/test/fixtures/seeds/link-kyc/${name}`);
  expect(response.status, name).to.equal(200);
  return (await response.json()) as T;
}

/** The JSON type of a value, as the fixtures name it. */
function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

/** Every value at a dotted path (`a.b[].c`: `[]` walks each element of an array). */
function valuesAt(root: unknown, path: string): unknown[] {
  let values: unknown[] = [root];
  for (const part of path.split('.')) {
    const each = part.endsWith('[]');
    const key = each ? part.slice(0, -2) : part;
    values = values.flatMap((value) => {
      const next = (value as Record<string, unknown> | undefined)?.[key];
      if (next === undefined) return [];
      return each ? (next as unknown[]) : [next];
    });
  }
  return values;
}

interface RejectedCallback {
  data: {
    documentInfo: { acceptance: { result: string; reasons?: string[] } };
    faceComparisonInfo: { acceptance: { result: string; reasons?: string[] } };
  };
}

/** The newest callback the mock recorded for `id` (what LINK would POST to the integrator). */
async function lastCallback(id: string): Promise<RejectedCallback> {
  const response = await fetch(`/demo/link-kyc/callbacks/${encodeURIComponent(id)}`);
  expect(response.status).to.equal(200);
  const { callbacks } = (await response.json()) as { callbacks: RejectedCallback[] };
  expect(callbacks, id).to.have.length(1);
  return callbacks[0]!;
}

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

  it('completes on NotCorrect, and on a Warning that is not a side mismatch', async () => {
    // A new photo cannot change an authenticity verdict; a one-image Warning has no sides to compare.
    for (const result of ['NotCorrect', 'Warning']) {
      await queueOutcomes([{ result }]);
      const { adapter: kyc } = await adapter();
      const feedback = await kyc.send(await testCapture('document_front', 'passport'), {
        remaining: [],
      });
      expect(feedback, result).to.deep.include({ accepted: true, complete: true });
      expect(await kyc.finish?.()).to.deep.include({ result });
    }
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

  it('asks for the back again when the sides are of different documents (Warning, TEST_SIDE_CORRESPONDENCE FAIL)', async () => {
    // The mock answers a two-image Warning with TEST_SIDE_CORRESPONDENCE FAIL, as the seed's
    // "ID Verification Result codes" describe it; twice in a row here.
    await queueOutcomes([{ result: 'Warning' }, { result: 'Warning' }]);
    const { adapter: kyc, requestId } = await adapter();
    await kyc.send(await testCapture('document_front', 'identity_card'), { remaining: LATER });
    await kyc.send(await testCapture('document_back', 'identity_card'), { remaining: ['selfie'] });
    const mismatch = await kyc.send(await testCapture('selfie'), { remaining: [] });
    expect(mismatch).to.deep.include({
      accepted: false,
      complete: false,
      retake: ['document_back'],
      reason: { code: 'link-kyc.sides_mismatch' },
    });
    expect(feedbackText(en, mismatch)).to.equal(
      'The front and back photos are of different documents. Take the back of the same document again.',
    );

    // Only the back is taken again: the resent batch keeps the front and the selfie.
    const again = await kyc.send(await testCapture('document_back', 'identity_card', '#223344'), {
      remaining: [],
    });
    expect(again).to.deep.include({
      accepted: false,
      retake: ['document_front', 'document_back'],
      reason: { code: 'link-kyc.sides_mismatch_both' },
    });
    expect(feedbackText(en, again)).to.not.equal(en.feedbackUnknown);
    await kyc.send(await testCapture('document_front', 'identity_card'), {
      remaining: ['document_back'],
    });
    const done = await kyc.send(await testCapture('document_back', 'identity_card'), {
      remaining: [],
    });
    expect(done).to.deep.include({ accepted: true, complete: true });
    const attempts = (await stored(requestId))['attempts'] as Record<string, unknown>[];
    expect(attempts.map((attempt) => attempt['result'])).to.deep.equal([
      'Warning',
      'Warning',
      'Ok',
    ]);
    for (const attempt of attempts) {
      const images = attempt['images'] as StoredImage[];
      expect(images).to.have.length(2);
      expect(images[0]?.faceImage).to.include({ width: 480, height: 640 });
    }
  });

  it('turns idVerification.status Error into a retryable error, and "Try again" resends the same images', async () => {
    await queueOutcomes([{ idVerificationStatus: 'Error' }]);
    const { adapter: kyc, requestId } = await adapter();
    await kyc.send(await testCapture('document_front', 'identity_card'), { remaining: LATER });
    await kyc.send(await testCapture('document_back', 'identity_card'), { remaining: ['selfie'] });
    const selfie = await testCapture('selfie');
    const error = await rejection(kyc.send(selfie, { remaining: [] }));
    expect(error).to.be.instanceOf(LinkKycError);
    expect(error).to.include({ code: 'verification-error', retryable: true });
    expect(errorText(en, error as LinkKycError)).to.equal(
      'The verification service had a problem with these photos. Please try again.',
    );
    // The flow's "Try again" repeats the last send: nothing was dropped, the same batch goes out.
    const retried = await kyc.send(selfie, { remaining: [] });
    expect(retried).to.deep.include({ accepted: true, complete: true });
    const attempts = (await stored(requestId))['attempts'] as Record<string, unknown>[];
    expect(attempts.map((attempt) => attempt['status'])).to.deep.equal(['Error', 'Completed']);
    expect(attempts[0]?.['images']).to.deep.equal(attempts[1]?.['images']);
    expect(await kyc.finish?.()).to.deep.include({ status: 'Completed', result: 'Ok' });
  });

  it('maps every documented REJECTED reason, by the list it comes in, as reasons.json says', async () => {
    const golden = await fixture<ReasonsFixture>('reasons.json');
    expect(golden.document).to.have.length(10);
    expect(golden.face).to.have.length(15);
    for (const part of ['document', 'face'] as const) {
      for (const entry of golden[part]) {
        // A manual verification the mock completes as REJECTED with this one reason; the callback
        // it records is what the integrator's server receives (and hands to the page).
        await queueOutcomes([{ process: 'Manual', rejected: { [part]: [entry.reason] } }]);
        const { adapter: kyc, requestId } = await adapter({ manualVerification: true });
        const sent = await kyc.send(await testCapture('document_front', 'passport'), {
          remaining: [],
        });
        expect(sent, entry.reason).to.deep.include({ accepted: true, complete: true });
        const callback = await lastCallback(requestId);
        const guidance = linkKycRejectionGuidance({
          document: callback.data.documentInfo.acceptance.reasons ?? [],
          face: callback.data.faceComparisonInfo.acceptance.reasons ?? [],
        });
        const label = `${part} ${entry.reason}`;
        expect(guidance, label).to.deep.equal({
          retake: entry.retake,
          reason: { code: entry.code },
        });
        const text = feedbackText(en, guidance!);
        expect(text, label).to.not.equal(en.feedbackUnknown);
        expect(text, label).to.match(/^[A-Z].*\.$/);
      }
    }
  });

  it('tells a face-comparison GLARE (selfie) from a document GLARE (document), and merges lists', () => {
    // The seed's own examples carry a leading space.
    expect(linkKycRejectionGuidance({ face: [' GLARE'] })).to.deep.equal({
      retake: ['selfie'],
      reason: { code: 'link-kyc.face.GLARE' },
    });
    expect(linkKycRejectionGuidance({ document: ['GLARE'] })?.retake).to.deep.equal([
      'document_front',
      'document_back',
    ]);
    expect(en.feedback['link-kyc.face.GLARE']).to.not.equal(en.feedback['link-kyc.document.GLARE']);
    expect(
      linkKycRejectionGuidance({ document: ['OUT_OF_FOCUS'], face: ['POOR_EXPOSURE'] }),
    ).to.deep.equal({
      retake: ['document_front', 'document_back', 'selfie'],
      reason: { code: 'link-kyc.document.OUT_OF_FOCUS' },
    });
    // A face-only reason in the document list is not a document reason: skipped.
    expect(linkKycRejectionGuidance({ document: ['SELFIE_NOT_LIVE'] })).to.equal(undefined);
    expect(linkKycRejectionGuidance({ face: ['SOMETHING_NEW'] })).to.equal(undefined);
  });

  it("sends the seed's verify request, field by field (verify-request.json)", async () => {
    const golden = await fixture<RequestFixture>('verify-request.json');
    const bodies: Record<string, unknown>[] = [];
    const recording: FetchFunction = (input, init) => {
      if (typeof init?.body === 'string')
        bodies.push(JSON.parse(init.body) as Record<string, unknown>);
      return fetch(input, init);
    };
    for (const flags of [{}, { certify: true, manualVerification: true }]) {
      const client = new KycClient({
        baseUrl: BASE,
        token: await vendorToken(),
        retries: 0,
        fetch: recording,
      });
      const kyc = createLinkKycAdapter({
        client,
        requestId: 'req-golden',
        expeditorCountry: 'ES',
        ...flags,
      });
      await kyc.send(await testCapture('document_front', 'identity_card'), { remaining: LATER });
      await kyc.send(await testCapture('document_back', 'identity_card'), {
        remaining: ['selfie'],
      });
      await kyc.send(await testCapture('selfie'), { remaining: [] });
    }
    expect(bodies).to.have.length(2);
    const sample = golden.examples.manual;
    for (const body of bodies) {
      for (const [name, rule] of Object.entries(golden.fields)) {
        if (rule.required) expect(body, name).to.have.property(name);
      }
      for (const [name, value] of Object.entries(body)) {
        const rule = golden.fields[name];
        expect(rule, `${name} is a field of the seed's request`).to.not.equal(undefined);
        expect(jsonType(value), name).to.equal(rule!.type);
        expect(jsonType(value), name).to.equal(jsonType(sample[name]));
      }
      const images = body['images'] as Record<string, unknown>[];
      expect(images).to.have.length(2);
      images.forEach((image, i) => {
        for (const [name, value] of Object.entries(image)) {
          expect(golden.imageFields[name], `images[${i}].${name}`).to.not.equal(undefined);
          expect(jsonType(value)).to.equal(golden.imageFields[name]!.type);
          if (name === 'faceImage') expect(i).to.equal(golden.faceImageOnlyOn);
          // Plain base64, as the seed's samples: no data: prefix.
          expect(value as string).to.match(/^[A-Za-z0-9+/]+={0,2}$/);
        }
        expect(Object.keys(image), `images[${i}]`).to.include('content');
      });
      expect(Object.keys(images[0]!)).to.deep.equal(Object.keys(sample.images[0]!));
      expect(Object.keys(images[1]!)).to.deep.equal(Object.keys(sample.images[1]!));
      expect(body['id']).to.equal('req-golden');
      expect(body['expeditorCountry']).to.equal(sample.expeditorCountry);
    }
    expect(bodies[1]).to.deep.include({ certify: true, manualVerification: true });
    // The callbacks are the integrator server's to set: the browser never sends them.
    expect(bodies[1]).to.not.have.any.keys('certifyCallback', 'manualVerificationCallback');
  });

  it("reads the seed's verify replies, and the mock answers in their shape (verify-response.json)", async () => {
    const golden = await fixture<ResponseFixture>('verify-response.json');
    const automatic = parseLinkKycVerifyResponse(golden.examples.automatic);
    expect(automatic).to.deep.equal(golden.examples.automatic);
    expect(parseLinkKycVerifyResponse(golden.examples.manual)).to.deep.equal(
      golden.examples.manual,
    );

    const { adapter: kyc } = await adapter({ certify: true });
    await kyc.send(await testCapture('document_front', 'identity_card'), { remaining: LATER });
    await kyc.send(await testCapture('document_back', 'identity_card'), { remaining: ['selfie'] });
    await kyc.send(await testCapture('selfie'), { remaining: [] });
    const reply = kyc.lastResponse!;
    for (const [path, type] of Object.entries(golden.fields)) {
      const values = valuesAt(reply, path);
      expect(values.length, path).to.be.greaterThan(0);
      for (const value of values) expect(jsonType(value), path).to.equal(type);
    }
    expect(golden.statuses).to.include(reply.idVerification.status);
    expect(golden.results).to.include(reply.idVerification.result);
    expect(golden.processes).to.include(reply.idVerification.process);
  });
});
