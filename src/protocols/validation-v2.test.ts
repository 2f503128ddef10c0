// The validation-v2 adapter against the Validation API v2 mock (seed 002) on the test server's
// origin, pointed straight at the mock API with its key; in production the integrator's proxy
// (kyc-capture/server) sits between and binds the applicant to its own token.
import { expect } from '@open-wc/testing';
import { KycClient } from '../api/client.js';
import type { CaptureStep } from '../steps.js';
import { en } from '../i18n/en.js';
import { feedbackText } from '../i18n/text.js';
import { rejection } from '../../test/helpers/async.js';
import { testCapture } from '../../test/helpers/captures.js';
import {
  createValidationV2Adapter,
  FACE_ONLY_DOCUMENT_TYPE,
  ValidationV2Error,
  validationV2ErrorCode,
  type ValidationV2AdapterOptions,
} from './validation-v2.js';

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

  it('maps every documented error code', () => {
    expect(validationV2ErrorCode(120029)).to.equal('platform-error');
    expect(validationV2ErrorCode(120036)).to.equal('already-completed');
    expect(validationV2ErrorCode(120037)).to.equal('attempts-exhausted');
    expect(validationV2ErrorCode(120038, 'Face image is empty')).to.equal('face-image-empty');
    expect(validationV2ErrorCode(120038, 'No faces found')).to.equal('no-face');
    expect(validationV2ErrorCode(120038, 'Multiple faces found')).to.equal('multiple-faces');
    expect(validationV2ErrorCode(120039)).to.equal('platform-error');
    expect(validationV2ErrorCode(120040)).to.equal('request-closed');
    expect(validationV2ErrorCode(120041)).to.equal('document-type-not-supported');
    expect(validationV2ErrorCode(120042)).to.equal('face-image-required');
    expect(validationV2ErrorCode(120043)).to.equal('profile-not-found');
    expect(validationV2ErrorCode(120044)).to.equal('invalid-endeavor');
    expect(validationV2ErrorCode(120099)).to.equal(undefined);
  });
});
