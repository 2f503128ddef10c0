// The validation-v2 adapter against the Validation API v2 mock (seed 002) on the test server's
// origin, pointed straight at the mock API with its key; in production the integrator's proxy
// (kyc-capture/server) sits between and binds the applicant to its own token.
import { expect, fixture as mountHtml, html, waitUntil } from '@open-wc/testing';
import '../define/index.js';
import { KycClient, type FetchFunction } from '../api/client.js';
import type { CaptureStep } from '../steps.js';
import { en } from '../i18n/en.js';
import { feedbackText } from '../i18n/text.js';
import { rejection } from '../../test/helpers/async.js';
import { testCapture, testJpeg } from '../../test/helpers/captures.js';
import {
  createValidationV2Adapter,
  FACE_ONLY_DOCUMENT_TYPE,
  ValidationV2Error,
  validationV2ErrorCode,
  type ValidationV2AdapterOptions,
} from './validation-v2.js';
import type { ServerFeedback } from './types.js';

const BASE = '/validation-v2';
const API_KEY = 'mock-validation-api-key';
const CODES = { drivers_license: 1, identity_card: 2, passport: 3 } as const;

interface Applicant {
  applicantId: string;
  endeavorId?: string;
}

async function createApplicant(body: Record<string, unknown> = {}): Promise<Applicant> {
  const response = await fetch('/demo/validation/applicants', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).to.equal(201);
  return (await response.json()) as Applicant;
}

interface ImageInfo {
  mimeType: string;
  width: number;
  height: number;
}

interface ApplicantState {
  attemptsLeft: number;
  completed: boolean;
  requests: { documentType: number; face: ImageInfo; front: ImageInfo | null }[];
}

async function state(applicant: Applicant): Promise<ApplicantState> {
  const response = await fetch(`/demo/validation/applicants/${applicant.applicantId}`);
  expect(response.status).to.equal(200);
  return (await response.json()) as ApplicantState;
}

function adapterFor(applicant: Applicant, overrides: Partial<ValidationV2AdapterOptions> = {}) {
  const client = new KycClient({ baseUrl: BASE, token: API_KEY, retries: 0 });
  return createValidationV2Adapter({
    client,
    applicantId: applicant.applicantId,
    endeavorId: applicant.endeavorId,
    documentTypeCodes: CODES,
    ...overrides,
  });
}

const AFTER_FRONT: readonly CaptureStep[] = ['selfie'];

describe('validation-v2 adapter', () => {
  it('holds the front, then sends front and selfie in one request with the document code', async () => {
    const applicant = await createApplicant();
    const adapter = adapterFor(applicant);
    const front = await adapter.send(await testCapture('document_front', 'drivers_license'), {
      remaining: AFTER_FRONT,
    });
    expect(front).to.deep.include({ accepted: true, complete: false });
    expect((await state(applicant)).requests).to.have.length(0);

    const selfie = await adapter.send(await testCapture('selfie'), { remaining: [] });
    expect(selfie).to.deep.include({ accepted: true, complete: true });
    const [request] = (await state(applicant)).requests;
    expect(request?.documentType).to.equal(1);
    expect(request?.front).to.include({ mimeType: 'image/jpeg', width: 1280, height: 720 });
    expect(request?.face).to.include({ width: 480, height: 640 });
    const result = await adapter.finish?.();
    expect(result).to.deep.include({ status: 0, applicantId: applicant.applicantId });
    expect((result as { document: unknown }).document).to.not.equal(null);
  });

  it('registers by face alone with documentType 10', async () => {
    const applicant = await createApplicant();
    const adapter = adapterFor(applicant, { documentTypeCodes: undefined });
    const feedback = await adapter.send(await testCapture('selfie'), { remaining: [] });
    expect(feedback).to.deep.include({ accepted: true, complete: true });
    const [request] = (await state(applicant)).requests;
    expect(request?.documentType).to.equal(FACE_ONLY_DOCUMENT_TYPE);
    expect(request?.front).to.equal(null);
    expect(await adapter.finish?.()).to.deep.include({ document: null, documentSuccess: null });
  });

  it('asks for the failed image again, shows attempts left, and stops when none are left', async () => {
    const applicant = await createApplicant({
      attempts: 2,
      outcomes: ['face_fail', 'document_fail'],
    });
    const adapter = adapterFor(applicant);
    await adapter.send(await testCapture('document_front', 'identity_card'), {
      remaining: AFTER_FRONT,
    });
    const first = await adapter.send(await testCapture('selfie'), { remaining: [] });
    expect(first).to.deep.include({
      accepted: false,
      attemptsLeft: 1,
      reason: { code: 'validation-v2.verification_failed', params: { steps: ['selfie'] } },
    });
    expect(feedbackText(en, first)).to.equal(
      'Your selfie could not be verified. Please take it again.',
    );
    expect(first.retake).to.deep.equal(['selfie']);

    // Only the selfie is taken again; the held front goes with it.
    const error = await rejection(adapter.send(await testCapture('selfie'), { remaining: [] }));
    expect(error).to.be.instanceOf(ValidationV2Error);
    expect(error).to.include({ code: 'attempts-exhausted', final: true, retryable: false });
    expect((error as ValidationV2Error).response?.attemptsLeft).to.equal(0);
    const after = await state(applicant);
    expect(after.requests).to.have.length(2);
    expect(after.requests[1]?.front).to.include({ width: 1280 });
  });

  it('turns no face and multiple faces into a selfie retake', async () => {
    const applicant = await createApplicant({ outcomes: ['no_face', 'multiple_faces'] });
    const adapter = adapterFor(applicant, { documentTypeCodes: undefined });
    const noFace = await adapter.send(await testCapture('selfie'), { remaining: [] });
    expect(noFace).to.deep.include({ accepted: false, feedback: 'no-face' });
    expect(noFace.retake).to.deep.equal(['selfie']);
    expect(feedbackText(en, noFace)).to.match(/No face/);
    const several = await adapter.send(await testCapture('selfie'), { remaining: [] });
    expect(several).to.deep.include({ accepted: false, feedback: 'multiple-faces' });
    const done = await adapter.send(await testCapture('selfie'), { remaining: [] });
    expect(done).to.deep.include({ accepted: true, complete: true });
  });

  it('ends with a final typed error for a closed request, and a retryable one for platform errors', async () => {
    const closed = await createApplicant();
    await fetch(`/demo/validation/applicants/${closed.applicantId}/close`, { method: 'POST' });
    const error = await rejection(
      adapterFor(closed).send(await testCapture('selfie'), { remaining: [] }),
    );
    expect(error).to.include({ code: 'request-closed', serverCode: 120040, final: true });

    const flaky = await createApplicant({ outcomes: ['quality_failed'] });
    const adapter = adapterFor(flaky, { documentTypeCodes: undefined });
    const selfie = await testCapture('selfie');
    const platform = await rejection(adapter.send(selfie, { remaining: [] }));
    expect(platform).to.include({ code: 'platform-error', serverCode: 120039, retryable: true });
    // "Try again" resends the same capture.
    expect(await adapter.send(selfie, { remaining: [] })).to.deep.include({ complete: true });
  });

  it('refuses a document flow without its numeric document type, before sending anything', async () => {
    const applicant = await createApplicant();
    const adapter = adapterFor(applicant, { documentTypeCodes: {} });
    await adapter.send(await testCapture('document_front', 'passport'), { remaining: AFTER_FRONT });
    const error = await rejection(adapter.send(await testCapture('selfie'), { remaining: [] }));
    expect(error).to.include({ code: 'incomplete-request', final: true });
    expect((await state(applicant)).requests).to.have.length(0);
  });

  it('ends with a final message for an expired document: no retake, no attempt spent on a photo', async () => {
    const applicant = await createApplicant({ attempts: 3, outcomes: ['document_expired'] });
    const adapter = adapterFor(applicant);
    await adapter.send(await testCapture('document_front', 'drivers_license'), {
      remaining: AFTER_FRONT,
    });
    const error = await rejection(adapter.send(await testCapture('selfie'), { remaining: [] }));
    expect(error).to.be.instanceOf(ValidationV2Error);
    expect(error).to.include({ code: 'document-expired', final: true, retryable: false });
    expect((error as ValidationV2Error).reason).to.deep.equal({
      code: 'validation-v2.document-expired',
    });
    expect((error as ValidationV2Error).message).to.equal(
      en.errors['validation-v2.document-expired'],
    );
    expect((error as ValidationV2Error).response?.validationStatus?.expired).to.equal(true);
    // The one request that found it is all: the other two attempts are left for the applicant.
    const after = await state(applicant);
    expect(after.requests).to.have.length(1);
    expect(after.attemptsLeft).to.equal(2);
  });

  it('ends with a final message for invalid data (status 2): no retake, no attempt spent on a photo', async () => {
    const applicant = await createApplicant({ attempts: 3, outcomes: ['invalid_data'] });
    const adapter = adapterFor(applicant, { documentTypeCodes: undefined });
    const error = await rejection(adapter.send(await testCapture('selfie'), { remaining: [] }));
    expect(error).to.include({ code: 'invalid-data', final: true, retryable: false });
    expect((error as ValidationV2Error).response?.invalidDataErrors).to.have.length(1);
    expect((await state(applicant)).attemptsLeft).to.equal(2);
  });

  it('says the document expired, not that attempts ran out, on the last attempt', async () => {
    const applicant = await createApplicant({ attempts: 1, outcomes: ['document_expired'] });
    const adapter = adapterFor(applicant);
    await adapter.send(await testCapture('document_front', 'identity_card'), {
      remaining: AFTER_FRONT,
    });
    const error = await rejection(adapter.send(await testCapture('selfie'), { remaining: [] }));
    expect(error).to.include({ code: 'document-expired', final: true });
  });
});

// ---- The element: a final outcome ends the flow on its message, with no way to spend attempts ----

/** Picks a plain photo through the element's file input, for the current step. */
async function pickPhoto(el: HTMLElementTagNameMap['kyc-capture']): Promise<void> {
  await el.updateComplete;
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
  const transfer = new DataTransfer();
  const photo = await testJpeg(1600, 1000, '#8aa');
  transfer.items.add(new File([photo], 'photo.jpg', { type: 'image/jpeg' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await waitUntil(() => el.flow.status === 'review', 'review', { timeout: 10000 });
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="review"] button.primary')!.click();
  await waitUntil(() => el.flow.status !== 'uploading' && el.flow.status !== 'review', 'sent', {
    timeout: 10000,
  });
}

describe('<kyc-capture> with validation-v2 against the mock', () => {
  const cases = [
    ['document_expired', 'document-expired', ['document_front', 'selfie']],
    ['invalid_data', 'invalid-data', ['selfie']],
  ] as const;
  for (const [outcome, code, steps] of cases) {
    it(`ends on the final ${code} message: no retake, no try again, attempts left unspent`, async () => {
      const applicant = await createApplicant({ attempts: 3, outcomes: [outcome] });
      const el = document.createElement('kyc-capture');
      el.steps = [...steps];
      el.documentType = 'drivers_license';
      el.options = { portrait: false, selfie: false, quality: false };
      el.adapter = adapterFor(applicant);
      await mountHtml(html`<div>${el}</div>`);
      await el.updateComplete;
      el.shadowRoot!.querySelector<HTMLInputElement>('input[name=consent]')!.click();
      await el.updateComplete;
      el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
      await waitUntil(() => el.flow.status === 'camera', 'camera screen', { timeout: 10000 });
      for (let i = 0; i < steps.length; i++) await pickPhoto(el);
      await waitUntil(() => el.flow.status === 'error', 'error screen', { timeout: 10000 });
      await el.updateComplete;
      expect(el.flow.error).to.include({ code, final: true, retryable: false });
      const screen = el.shadowRoot!.querySelector('[part~="error"]')!;
      expect(screen.querySelector('[role=alert]')!.textContent).to.equal(
        en.errors[`validation-v2.${code}`],
      );
      // Neither "Try again" nor "Take again": nothing on the screen can send another photo.
      expect(screen.querySelectorAll('button')).to.have.length(0);
      const after = await state(applicant);
      expect(after.requests).to.have.length(1);
      expect(after.attemptsLeft).to.equal(2);
      el.remove();
    });
  }
});

// ---- Golden expectations transcribed from seed 002 (test/fixtures/seeds/validation-v2/) ----

const FIXTURES = '/test/fixtures/seeds/validation-v2';
async function fixture<T>(name: string): Promise<T> {
  const response = await fetch(`${FIXTURES}/${name}`);
  expect(response.status, name).to.equal(200);
  return (await response.json()) as T;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface ErrorRow {
  httpStatus: number;
  message: string;
  description: string;
  code: number;
  guidance: 'retake-selfie' | 'retry' | 'final';
}
interface SeedRequest {
  model: Record<string, unknown>;
  applicantId: string;
  endeavorId?: string;
}
interface FieldCase {
  set: Record<string, Json>;
  status: number;
  guidance: 'final' | 'retake';
  reason?: string;
  retake?: string[];
}

/** A client whose fetch records each request and answers with `answer`. */
function scriptedClient(answer: (body: unknown) => { status: number; body: unknown }) {
  const sent: { url: string; body: unknown }[] = [];
  const fetch: FetchFunction = (url, init) => {
    const body = JSON.parse(String(init.body)) as unknown;
    sent.push({ url, body });
    const reply = answer(body);
    return Promise.resolve(
      new Response(JSON.stringify(reply.body), {
        status: reply.status,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
  };
  return { client: new KycClient({ baseUrl: BASE, token: API_KEY, retries: 0, fetch }), sent };
}

/** Sends a front (when `documentType` is given) and a selfie; what the last send gave. */
async function sendAll(
  adapter: ReturnType<typeof createValidationV2Adapter>,
  documentType?: 'identity_card',
): Promise<ServerFeedback | unknown> {
  if (documentType) {
    await adapter.send(await testCapture('document_front', documentType), {
      remaining: AFTER_FRONT,
    });
  }
  try {
    return await adapter.send(await testCapture('selfie'), { remaining: [] });
  } catch (error) {
    return error;
  }
}

/** The shape of a JSON value: objects by their keys, arrays by their items, leaves by type. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, shape(item)] as const),
    );
  }
  return value === null ? 'null' : typeof value;
}

describe('validation-v2 against seed 002 samples', () => {
  it('sends each of the seed sample requests field by field', async () => {
    const { samples, endpoint } = await fixture<{
      samples: Record<'documentRegistration' | 'faceRegistration' | 'authorization', SeedRequest>;
      endpoint: { method: string; path: string };
    }>('requests.json');
    const responses = await fixture<{ samples: Record<string, unknown> }>('responses.json');
    const cases = [
      ['documentRegistration', 'identity_card'],
      ['faceRegistration', undefined],
      ['authorization', undefined],
    ] as const;
    for (const [name, documentType] of cases) {
      const sample = samples[name];
      for (const lrs of [true, false]) {
        const { client, sent } = scriptedClient(() => ({
          status: 200,
          body: responses.samples[name],
        }));
        const adapter = createValidationV2Adapter({
          client,
          applicantId: 'applicant-1',
          // The seed's sample document request carries documentType 2.
          documentTypeCodes: { identity_card: sample.model['documentType'] as number },
          ...(lrs ? { endeavorId: 'endeavor-1' } : {}),
        });
        expect(await sendAll(adapter, documentType), name).to.deep.include({ complete: true });
        expect(sent, name).to.have.length(1);
        expect(new URL(sent[0]!.url, location.href).pathname).to.equal(`${BASE}${endpoint.path}`);
        const body = sent[0]!.body as SeedRequest;
        // Field by field: the same keys at every level, the same types, the seed's values
        // where the seed gives a value rather than a placeholder.
        const expected = lrs
          ? sample
          : Object.fromEntries(Object.entries(sample).filter(([key]) => key !== 'endeavorId'));
        expect(shape(body), `${name} lrs=${lrs}`).to.deep.equal(shape(expected));
        expect(body.model['documentType']).to.equal(sample.model['documentType']);
        expect(body['applicantId']).to.equal('applicant-1');
        if (lrs) expect(body['endeavorId']).to.equal('endeavor-1');
        for (const field of ['faceImageBase64', 'frontImageBase64'] as const) {
          if (field in sample.model) {
            expect(body.model[field], field).to.match(/^[A-Za-z0-9+/]+={0,2}$/);
            expect(atob(body.model[field] as string).slice(0, 2)).to.equal('\xff\xd8');
          }
        }
      }
    }
  });

  it('hands the seed sample success replies to the host as sent', async () => {
    const { samples } = await fixture<{ samples: Record<string, Record<string, unknown>> }>(
      'responses.json',
    );
    for (const [name, reply] of Object.entries(samples)) {
      const { client } = scriptedClient(() => ({ status: 200, body: reply }));
      const adapter = createValidationV2Adapter({
        client,
        applicantId: 'a',
        documentTypeCodes: { identity_card: 1 },
      });
      const feedback = await sendAll(adapter, reply['document'] ? 'identity_card' : undefined);
      expect(feedback, name).to.deep.include({ accepted: true, complete: true });
      expect(await adapter.finish?.(), name).to.deep.equal(reply);
    }
  });

  it('answers every row of the seed error table with the guidance its description implies', async () => {
    const { rows, codes } = await fixture<{ rows: ErrorRow[]; codes: number[] }>('errors.json');
    expect([...new Set(rows.map((row) => row.code))].sort()).to.deep.equal(codes);
    for (const row of rows) {
      const { client, sent } = scriptedClient(() => ({
        status: row.httpStatus,
        body: { code: row.code, message: row.message },
      }));
      const adapter = createValidationV2Adapter({ client, applicantId: 'a' });
      const outcome = await sendAll(adapter);
      const label = `${row.code} ${row.message}`;
      expect(sent, label).to.have.length(1);
      if (row.guidance === 'retake-selfie') {
        expect(outcome, label).to.deep.include({ accepted: false, complete: false });
        expect((outcome as ServerFeedback).retake, label).to.deep.equal(['selfie']);
        // Words of its own in the catalog, not the generic fallback.
        expect(feedbackText(en, outcome as ServerFeedback), label).to.not.equal(en.feedbackUnknown);
      } else {
        expect(outcome, label).to.be.instanceOf(ValidationV2Error);
        const error = outcome as ValidationV2Error;
        expect(error.serverCode, label).to.equal(row.code);
        expect({ final: error.final, retryable: error.retryable }, label).to.deep.equal(
          row.guidance === 'final'
            ? { final: true, retryable: false }
            : { final: false, retryable: true },
        );
        expect(error.message, label).to.equal(
          (en.errors as Record<string, unknown>)[error.reason.code],
        );
      }
    }
  });

  it('tells 120038 apart by its code first: a selfie retake whatever the message says', async () => {
    // The structured path: the code alone decides what happens (seed 002 gives the three 120038
    // rows the same HTTP status and code, and no other field), with words of its own.
    for (const body of [{ code: 120038 }, { code: 120038, message: 'Kein Gesicht gefunden' }]) {
      const { client } = scriptedClient(() => ({ status: 400, body }));
      const outcome = await sendAll(createValidationV2Adapter({ client, applicantId: 'a' }));
      expect(outcome, JSON.stringify(body)).to.deep.include({
        accepted: false,
        feedback: 'face-not-usable',
        retake: ['selfie'],
        reason: { code: 'validation-v2.face-not-usable' },
      });
    }
    expect(validationV2ErrorCode(120038)).to.equal('face-not-usable');
    expect(validationV2ErrorCode(120042, 'No faces found')).to.equal('face-image-required');
  });

  it('falls back to the seed message text only to word which 120038 it is', async () => {
    const { rows } = await fixture<{ rows: ErrorRow[] }>('errors.json');
    const kinds = rows
      .filter((row) => row.code === 120038)
      .map((row) => [row.message, validationV2ErrorCode(row.code, row.message)]);
    // The seed's three 120038 rows, each with its own words (not the generic one).
    expect(kinds).to.deep.equal([
      ['Face image is empty', 'face-image-empty'],
      ['No faces found', 'no-face'],
      ['Multiple faces found', 'multiple-faces'],
    ]);
    const { client } = scriptedClient(() => ({
      status: 400,
      body: { code: 120038, message: 'Multiple faces found' },
    }));
    const outcome = await sendAll(createValidationV2Adapter({ client, applicantId: 'a' }));
    expect(outcome).to.deep.include({ feedback: 'multiple-faces', retake: ['selfie'] });
  });

  it('reads validationStatus, documentHasNotExpired and invalidDataErrors as the seed defines them', async () => {
    const { fields, statuses } = await fixture<{
      fields: FieldCase[];
      statuses: { code: number; guidance: string }[];
    }>('results.json');
    const { samples } = await fixture<{ samples: Record<string, Record<string, Json>> }>(
      'responses.json',
    );
    const failed = (status: number, set: Record<string, Json>) => {
      const body = structuredClone(samples['documentRegistration']!);
      Object.assign(body, { status, attemptsLeft: 2 });
      for (const [path, value] of Object.entries(set)) {
        const [head, tail] = path.split('.') as [string, string | undefined];
        if (tail) (body[head] as Record<string, Json>)[tail] = value;
        else body[head] = value;
      }
      return body;
    };
    for (const item of fields) {
      const { client, sent } = scriptedClient(() => ({
        status: 200,
        body: failed(item.status, item.set),
      }));
      const adapter = createValidationV2Adapter({
        client,
        applicantId: 'a',
        documentTypeCodes: { identity_card: 2 },
      });
      const outcome = await sendAll(adapter, 'identity_card');
      const label = `status ${item.status} ${JSON.stringify(item.set)}`;
      expect(sent, label).to.have.length(1);
      if (item.guidance === 'final') {
        expect(outcome, label).to.be.instanceOf(ValidationV2Error);
        expect(outcome, label).to.include({ code: item.reason, final: true, retryable: false });
      } else {
        expect(outcome, label).to.deep.include({ accepted: false, attemptsLeft: 2 });
        expect((outcome as ServerFeedback).retake, label).to.deep.equal(item.retake);
      }
    }
    // Status 3 (internal error): the same images can be sent again.
    expect(statuses.find((status) => status.code === 3)?.guidance).to.equal('retry');
    const { client } = scriptedClient(() => ({ status: 200, body: failed(3, {}) }));
    const error = await sendAll(createValidationV2Adapter({ client, applicantId: 'a' }));
    expect(error).to.include({ code: 'verification-error', retryable: true, final: false });
  });
});
