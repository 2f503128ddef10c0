// The Validation API v2 mock (seed 002) over real HTTP: the vendor endpoint field by field, every
// documented error code and message, and the demo endpoints that script it.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { makeJpeg, makePng } from './test-images.ts';
import { createValidationV2Middleware, type ValidationV2Mock } from './validation-v2.ts';
import { readFile } from 'node:fs/promises';
import {
  VALIDATION_V2_ERRORS,
  VALIDATION_V2_INVALID_DATA_MOCK_ERROR,
} from './validation-v2-replies.ts';

/** A golden file transcribed from seed 002 (each names the seed section it came from). */
async function seedFixture<T>(name: string): Promise<T> {
  const url = new URL(`../test/fixtures/seeds/validation-v2/${name}`, import.meta.url);
  return JSON.parse(await readFile(url, 'utf8')) as T;
}
interface SeedErrorRow {
  httpStatus: number;
  message: string;
  description: string;
  code: number;
}

const API_KEY = 'test-api-key';
const MAX_IMAGE_BYTES = 4096;
const ENDPOINT = '/validation-v2/api/v2/public/Validation';
const NOW = Date.parse('2030-01-01T00:00:00Z');

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

let server: Server | undefined;
let origin = '';
let mock: ValidationV2Mock | undefined;

before(async () => {
  const created = createValidationV2Middleware({
    apiKey: API_KEY,
    now: () => NOW,
    maxImageBytes: MAX_IMAGE_BYTES,
  });
  mock = created.mock;
  server = createServer((req, res) =>
    created.middleware(req, res, () => {
      res.writeHead(418, { 'Content-Type': 'text/plain' });
      res.end('next');
    }),
  );
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise<void>((resolve, reject) => {
    server?.close((error) => (error ? reject(error) : resolve()));
    server?.closeAllConnections();
  });
});

async function send(method: string, path: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(`${origin}${path}`, { method, ...init });
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json');
  return {
    status: response.status,
    headers: response.headers,
    body: json ? (JSON.parse(text) as unknown) : text,
    text,
  };
}

function validate(body: unknown, auth: string | null = `Bearer ${API_KEY}`): Promise<Reply> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (auth !== null) headers['Authorization'] = auth;
  return send('POST', ENDPOINT, {
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

interface Created {
  applicantId: string;
  endeavorId?: string;
}

async function createApplicant(body: Record<string, unknown> = {}): Promise<Created> {
  const reply = await send('POST', '/demo/validation/applicants', {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(reply.status, 201, reply.text);
  return reply.body as Created;
}

async function state(applicantId: string): Promise<Record<string, unknown>> {
  const reply = await send('GET', `/demo/validation/applicants/${applicantId}`);
  assert.equal(reply.status, 200, reply.text);
  return reply.body as Record<string, unknown>;
}

const FACE = makeJpeg(64, 48);
const FRONT = makePng(80, 50);
const face64 = FACE.toString('base64');
const front64 = FRONT.toString('base64');

/** A well-formed document request. */
const documentRequest = (applicantId: string, extra: Record<string, unknown> = {}) => ({
  model: { faceImageBase64: face64, frontImageBase64: front64, documentType: 2 },
  applicantId,
  ...extra,
});
/** A well-formed face-only request. */
const faceRequest = (applicantId: string, extra: Record<string, unknown> = {}) => ({
  model: { faceImageBase64: face64, documentType: 10 },
  applicantId,
  ...extra,
});

function assertVendorError(reply: Reply, code: number, message: string): void {
  assert.equal(reply.status, 400, reply.text);
  assert.match(reply.headers.get('content-type') ?? '', /^application\/json/);
  assert.deepEqual(reply.body, { code, message });
}

function assertInvalid(reply: Reply, pattern: RegExp): void {
  assert.equal(reply.status, 400, reply.text);
  const body = reply.body as { code?: unknown; message?: unknown };
  assert.deepEqual(Object.keys(body).sort(), ['code', 'message']);
  assert.equal(body.code, 'invalid_request');
  assert.match(String(body.message), pattern);
}

const SEED_DOCUMENT = {
  privateName: 'JOHN SAMPLE',
  abbr3Country: 'USA',
  abbrCountry: null,
  address: '111 N 5TH ST',
  city: 'COLUMBUS',
  class: 'D',
  country: 'United States of America',
  dob: '1999-01-12',
  expires: '2024-01-12',
  eyes: 'BLUE',
  familyName: null,
  firstName: 'JOHN',
  fullName: 'JOHN SAMPLE',
  gender: 'MALE',
  hair: 'BLONDE',
  height: '70',
  id: '12345678',
  idType: 'DL',
  issued: '2020-12-30',
  middleName: 'SAMPLE',
  postalBox: null,
  state: 'OH',
  issuedBy: 'OH',
  template: '09',
  weight: '159',
  zip: '12345-6789',
};
const SEED_TESTS = [
  {
    displayName: 'AddressValidation',
    name: 'AddressValidation',
    status: 2,
    statusString: 'Skipped',
    reason: 'Integration was skipped by flow',
  },
  {
    displayName: 'DMV',
    name: 'DMVValidation',
    status: -1,
    statusString: 'Disabled',
    reason: 'Integration was turned off',
  },
  {
    displayName: 'IdentiFraud',
    name: 'IdentiFraudValidation',
    status: -1,
    statusString: 'Disabled',
    reason: 'Integration was turned off',
  },
];
const SEED_FIELDS = [
  'applicantId',
  'attemptId',
  'documentType',
  'document',
  'attemptsCount',
  'attemptsLeft',
  'status',
  'validationStatus',
  'invalidDataErrors',
  'faceSuccess',
  'documentSuccess',
  'documentHasNotExpired',
  'documentValidationTests',
  'callBackUrl',
];

describe('Validation v2 mock: error table', () => {
  it('carries every row of the seed table verbatim, in its order', async () => {
    const { rows } = await seedFixture<{ rows: SeedErrorRow[] }>('errors.json');
    const mine = Object.values(VALIDATION_V2_ERRORS).map(
      ({ httpStatus, message, description, code }) => ({ httpStatus, message, description, code }),
    );
    // The mock spells "applicant" with a Latin "c" where the seed has a Cyrillic "с".
    const seed = rows.map(({ httpStatus, message, description, code }) => ({
      httpStatus,
      message,
      description: description.replace('appliсant', 'applicant'),
      code,
    }));
    assert.deepEqual(mine, seed);
  });
});

describe('Validation v2 mock: routing and auth', () => {
  it('answers 401 {code, message} without a valid bearer key, before reading the body', async () => {
    for (const auth of [null, 'Bearer wrong-key', `Basic ${API_KEY}`, API_KEY, 'Bearer ']) {
      const reply = await validate(documentRequest('whoever'), auth);
      assert.equal(reply.status, 401, `${auth}: ${reply.text}`);
      assert.deepEqual(reply.body, { code: 401, message: 'Unauthorized' });
      assert.match(reply.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(reply.headers.get('access-control-allow-origin'), '*');
    }
    assert.equal((await validate('not json', 'Bearer nope')).status, 401);
  });

  it('answers preflights, 405 and 404 under its paths and passes others to next()', async () => {
    const preflight = await send('OPTIONS', ENDPOINT);
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);

    const wrong = await send('GET', ENDPOINT);
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'POST');
    assert.deepEqual(wrong.body, { code: 405, message: 'Method Not Allowed' });

    assert.deepEqual((await send('POST', '/validation-v2/api/v2/public/Nope')).body, {
      code: 404,
      message: 'Not Found',
    });
    assert.equal((await send('GET', '/demo/validation/applicants/x/y/z')).status, 404);
    const other = await send('GET', '/elsewhere');
    assert.equal(other.status, 418);
    assert.equal(other.text, 'next');
    assert.equal((await send('GET', '/validation-v2x')).status, 418);

    // ASP.NET routes case-insensitively.
    const applicant = await createApplicant();
    const lower = await send('POST', ENDPOINT.toLowerCase(), {
      headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(faceRequest(applicant.applicantId)),
    });
    assert.equal(lower.status, 200, lower.text);
  });
});

describe('Validation v2 mock: request shape', () => {
  it('answers invalid_request for undocumented shape failures', async () => {
    const { applicantId } = await createApplicant();
    const model = { faceImageBase64: face64, frontImageBase64: front64, documentType: 2 };
    const notJsonType = await send('POST', ENDPOINT, {
      headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'text/plain' },
      body: JSON.stringify(documentRequest(applicantId)),
    });
    assertInvalid(notJsonType, /application\/json/);
    assertInvalid(await validate('{"model":'), /not valid JSON/);
    assertInvalid(await validate(''), /not valid JSON/);
    assertInvalid(await validate([documentRequest(applicantId)]), /JSON object/);
    assertInvalid(await validate({ applicantId }), /^model is required/);
    assertInvalid(await validate({ model: 'x', applicantId }), /^model is required/);
    assertInvalid(await validate({ model }), /^applicantId is required/);
    assertInvalid(await validate({ model, applicantId: 42 }), /^applicantId is required/);
    assertInvalid(await validate({ model, applicantId: '' }), /^applicantId is required/);
    assertInvalid(await validate({ model, applicantId, endeavorId: 7 }), /^endeavorId/);
    for (const documentType of [undefined, '2', 2.5, null, true]) {
      assertInvalid(
        await validate({ model: { ...model, documentType }, applicantId }),
        /^model\.documentType is required: an integer/,
      );
    }
    assertInvalid(
      await validate({ model: { ...model, faceImageBase64: 123 }, applicantId }),
      /^model\.faceImageBase64 must be a string/,
    );
    for (const frontImageBase64 of [undefined, null, '', 5]) {
      assertInvalid(
        await validate({ model: { ...model, frontImageBase64 }, applicantId }),
        /^model\.frontImageBase64 is required unless documentType is 10/,
      );
    }
    // Nothing above reached the applicant: no attempt used, nothing recorded.
    const after = await state(applicantId);
    assert.equal(after['attemptsUsed'], 0);
    assert.deepEqual(after['requests'], []);
  });

  it('takes base64 (white space skipped) of a complete JPEG/PNG within maxImageBytes, nothing else', async () => {
    const { applicantId } = await createApplicant();
    const withFace = (faceImageBase64: string) =>
      validate({ model: { faceImageBase64, documentType: 10 }, applicantId });
    assertInvalid(
      await withFace(`data:image/jpeg;base64,${face64}`),
      /^model\.faceImageBase64 must be plain base64, without a data: URL prefix/,
    );
    assertInvalid(
      await withFace(face64.slice(0, -1)),
      /^model\.faceImageBase64 is not valid base64/,
    );
    assertInvalid(
      await withFace(Buffer.from([0xfb, 0xff, 0xfe, 0xfd]).toString('base64url')),
      /not valid base64/,
    );
    assertInvalid(
      await withFace(Buffer.from('hello, not an image').toString('base64')),
      /^model\.faceImageBase64: The data is neither a JPEG nor a PNG/,
    );
    assertInvalid(
      await withFace(FACE.subarray(0, FACE.length - 2).toString('base64')),
      /^model\.faceImageBase64: The JPEG is cut off/,
    );
    const big = makeJpeg(800, 800);
    assert.ok(big.length > MAX_IMAGE_BYTES);
    assertInvalid(await withFace(big.toString('base64')), /over 4096 bytes/);
    assertInvalid(
      await validate({
        model: { faceImageBase64: face64, frontImageBase64: 'AAAA', documentType: 2 },
        applicantId,
      }),
      /^model\.frontImageBase64: The data is neither a JPEG nor a PNG/,
    );
    // A body over the limit (two images' worth of base64 plus 64 KiB) is a 413.
    const huge = await withFace('A'.repeat(200_000));
    assert.equal(huge.status, 413);
    assert.equal((huge.body as { code: unknown }).code, 413);
    // Base64 broken into lines, as MIME encoders write it: .NET's decoder skips the white space.
    const wrapped = face64.replace(/.{1,76}/g, '$&\r\n');
    const lines = await validate({
      model: { faceImageBase64: wrapped, documentType: 10 },
      applicantId: (await createApplicant()).applicantId,
    });
    assert.equal(lines.status, 200, lines.text);
    // A PNG face is fine.
    const png = await withFace(makePng(30, 40).toString('base64'));
    assert.equal(png.status, 200, png.text);
  });

  it('answers 120042 for an absent face and 120038 for an empty one, before the applicant', async () => {
    const { applicantId } = await createApplicant();
    for (const id of [applicantId, 'no-such-applicant']) {
      assertVendorError(
        await validate({ model: { documentType: 10 }, applicantId: id }),
        120042,
        'Face image is required',
      );
      assertVendorError(
        await validate({ model: { faceImageBase64: null, documentType: 2 }, applicantId: id }),
        120042,
        'Face image is required',
      );
      assertVendorError(
        await validate({ model: { faceImageBase64: '', documentType: 10 }, applicantId: id }),
        120038,
        'Face image is empty',
      );
    }
    assert.equal((await state(applicantId))['attemptsUsed'], 0);
  });

  it('answers 120043 "Applicant profile not found" for an unknown applicant', async () => {
    assertVendorError(
      await validate(documentRequest('05fcd-unknown')),
      120043,
      'Applicant profile not found',
    );
  });
});

describe('Validation v2 mock: processed requests', () => {
  it('registers with a document: the seed response field by field, then 120036', async () => {
    const { applicantId } = await createApplicant({ attempts: 5 });
    const reply = await validate(documentRequest(applicantId));
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(Object.keys(reply.body as object), SEED_FIELDS);
    assert.deepEqual(reply.body, {
      applicantId,
      attemptId: 1,
      documentType: 2,
      document: SEED_DOCUMENT,
      attemptsCount: 5,
      attemptsLeft: 4,
      status: 0,
      validationStatus: {
        expired: false,
        documentIsValid: true,
        faceIsValid: true,
        antiSpoofingIsValid: null,
        qualityIsValid: true,
      },
      invalidDataErrors: [],
      faceSuccess: true,
      documentSuccess: true,
      documentHasNotExpired: true,
      documentValidationTests: SEED_TESTS,
      callBackUrl: null,
    });
    assert.deepEqual(Object.keys((reply.body as { document: object }).document), [
      ...Object.keys(SEED_DOCUMENT),
    ]);

    assertVendorError(
      await validate(documentRequest(applicantId)),
      120036,
      `Request "${applicantId}" was already completed`,
    );
    const after = await state(applicantId);
    assert.equal(after['completed'], true);
    assert.equal(after['attemptsUsed'], 1);
    assert.equal(after['attemptsLeft'], 4);
  });

  it('registers by face only (documentType 10): the seed response field by field', async () => {
    const { applicantId } = await createApplicant({ attempts: 1 });
    const reply = await validate(faceRequest(applicantId));
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(Object.keys(reply.body as object), SEED_FIELDS);
    assert.deepEqual(reply.body, {
      applicantId,
      attemptId: 1,
      documentType: 10,
      document: null,
      attemptsCount: 1,
      attemptsLeft: 0,
      status: 0,
      validationStatus: {
        expired: null,
        documentIsValid: null,
        faceIsValid: true,
        antiSpoofingIsValid: null,
        qualityIsValid: true,
      },
      invalidDataErrors: [],
      faceSuccess: true,
      documentSuccess: null,
      documentHasNotExpired: null,
      documentValidationTests: [],
      callBackUrl: null,
    });
    // Completed wins over attempts exhausted.
    assertVendorError(
      await validate(faceRequest(applicantId)),
      120036,
      `Request "${applicantId}" was already completed`,
    );
  });

  it('counts attempts down through Fail / InvalidData to 120037', async () => {
    const { applicantId } = await createApplicant({
      outcomes: ['face_fail', 'document_fail', 'invalid_data'],
    });
    const first = await validate(documentRequest(applicantId));
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(Object.keys(first.body as object), SEED_FIELDS);
    const faceFail = first.body as Record<string, unknown>;
    assert.equal(faceFail['status'], 1);
    assert.equal(faceFail['attemptId'], 1);
    assert.equal(faceFail['attemptsCount'], 3);
    assert.equal(faceFail['attemptsLeft'], 2);
    assert.equal(faceFail['faceSuccess'], false);
    assert.equal(faceFail['documentSuccess'], true);
    assert.deepEqual(faceFail['validationStatus'], {
      expired: false,
      documentIsValid: true,
      faceIsValid: false,
      antiSpoofingIsValid: null,
      qualityIsValid: true,
    });
    assert.deepEqual(faceFail['document'], SEED_DOCUMENT);

    const second = (await validate(documentRequest(applicantId))).body as Record<string, unknown>;
    assert.equal(second['status'], 1);
    assert.equal(second['attemptId'], 2);
    assert.equal(second['attemptsLeft'], 1);
    assert.equal(second['faceSuccess'], true);
    assert.equal(second['documentSuccess'], false);
    assert.deepEqual(second['validationStatus'], {
      expired: false,
      documentIsValid: false,
      faceIsValid: true,
      antiSpoofingIsValid: null,
      qualityIsValid: true,
    });

    const third = await validate(documentRequest(applicantId));
    assert.equal(third.status, 200);
    assert.deepEqual(third.body, {
      applicantId,
      attemptId: 3,
      documentType: 2,
      document: null,
      attemptsCount: 3,
      attemptsLeft: 0,
      status: 2,
      validationStatus: {
        expired: null,
        documentIsValid: null,
        faceIsValid: null,
        antiSpoofingIsValid: null,
        qualityIsValid: null,
      },
      invalidDataErrors: [VALIDATION_V2_INVALID_DATA_MOCK_ERROR],
      faceSuccess: null,
      documentSuccess: null,
      documentHasNotExpired: null,
      documentValidationTests: [],
      callBackUrl: null,
    });

    for (let i = 0; i < 2; i++) {
      assertVendorError(
        await validate(documentRequest(applicantId)),
        120037,
        `All available attempts were used for requestId "${applicantId}"`,
      );
    }
    const after = await state(applicantId);
    assert.equal(after['attemptsUsed'], 3);
    assert.equal(after['attemptsLeft'], 0);
    assert.equal(after['completed'], false);
  });

  it('answers status 3 for error and a face-only face_fail', async () => {
    const { applicantId } = await createApplicant({ outcomes: ['error', 'face_fail'] });
    const error = (await validate(faceRequest(applicantId))).body as Record<string, unknown>;
    assert.equal(error['status'], 3);
    assert.deepEqual(error['invalidDataErrors'], []);
    assert.equal(error['faceSuccess'], null);
    assert.deepEqual(Object.keys(error), SEED_FIELDS);
    const faceFail = (await validate(faceRequest(applicantId))).body as Record<string, unknown>;
    assert.equal(faceFail['status'], 1);
    assert.equal(faceFail['faceSuccess'], false);
    assert.equal(faceFail['documentSuccess'], null);
    assert.equal((faceFail['validationStatus'] as { faceIsValid: unknown }).faceIsValid, false);
    assert.equal(faceFail['attemptsLeft'], 1);
  });

  it('answers the platform errors as 400s, each consuming an attempt', async () => {
    const cases: [string, number, string][] = [
      ['no_face', 120038, 'No faces found'],
      ['multiple_faces', 120038, 'Multiple faces found'],
      ['quality_failed', 120039, 'Quality calculation failed'],
      ['liveness_failed', 120039, 'Liveness calculation failed'],
      ['profile_search_missing', 120039, 'Profile search is missing'],
      ['graphql_error', 120029, 'Graphql error: "Mock platform error"'],
    ];
    const { applicantId } = await createApplicant({
      attempts: 5,
      outcomes: cases.map(([outcome]) => outcome),
    });
    for (const [index, [, code, message]] of cases.slice(0, 5).entries()) {
      assertVendorError(await validate(documentRequest(applicantId)), code, message);
      assert.equal((await state(applicantId))['attemptsUsed'], index + 1);
    }
    // Attempts are spent; graphql_error stays queued.
    assertVendorError(
      await validate(documentRequest(applicantId)),
      120037,
      `All available attempts were used for requestId "${applicantId}"`,
    );
    const other = await createApplicant({ outcomes: ['graphql_error', 'success'] });
    const [, code, message] = cases[5] ?? [];
    assertVendorError(await validate(faceRequest(other.applicantId)), code ?? 0, message ?? '');
    const success = (await validate(faceRequest(other.applicantId))).body as { attemptId: number };
    assert.equal(success.attemptId, 2);
  });

  it('answers unavailable with 503 and Retry-After, without consuming an attempt', async () => {
    const { applicantId } = await createApplicant({ attempts: 1, outcomes: ['unavailable'] });
    const reply = await validate(faceRequest(applicantId));
    assert.equal(reply.status, 503);
    assert.equal(reply.headers.get('retry-after'), '1');
    assert.equal((reply.body as { code: unknown }).code, 503);
    assert.equal(typeof (reply.body as { message: unknown }).message, 'string');
    assert.equal((await state(applicantId))['attemptsUsed'], 0);
    const retry = await validate(faceRequest(applicantId));
    assert.equal(retry.status, 200);
    assert.equal((retry.body as { attemptId: number }).attemptId, 1);
    assert.equal((retry.body as { attemptsLeft: number }).attemptsLeft, 0);
  });
});

describe('Validation v2 mock: applicant state checks', () => {
  it('answers 120040 once the applicant is closed', async () => {
    const { applicantId } = await createApplicant();
    const closed = await send('POST', `/demo/validation/applicants/${applicantId}/close`);
    assert.equal(closed.status, 200);
    assert.equal((closed.body as { closed: unknown }).closed, true);
    assertVendorError(await validate(documentRequest(applicantId)), 120040, 'Request is closed');
    assertVendorError(await validate(faceRequest(applicantId)), 120040, 'Request is closed');
    assert.equal((await state(applicantId))['attemptsUsed'], 0);
    assert.equal((await send('POST', '/demo/validation/applicants/nope/close')).status, 404);
  });

  it('checks the endeavor of an LRS applicant (120044) and ignores it otherwise', async () => {
    const lrs = await createApplicant({ lrs: true });
    assert.equal(typeof lrs.endeavorId, 'string');
    assert.deepEqual(Object.keys(lrs).sort(), ['applicantId', 'endeavorId']);
    for (const extra of [{}, { endeavorId: 'wrong' }, { endeavorId: null }]) {
      assertVendorError(
        await validate(faceRequest(lrs.applicantId, extra)),
        120044,
        'Invalid endeavor info',
      );
    }
    const ok = await validate(faceRequest(lrs.applicantId, { endeavorId: lrs.endeavorId }));
    assert.equal(ok.status, 200, ok.text);

    const chosen = await createApplicant({ lrs: true, endeavorId: 'endeavor-1' });
    assert.equal(chosen.endeavorId, 'endeavor-1');
    // The endeavor check comes before closed.
    await send('POST', `/demo/validation/applicants/${chosen.applicantId}/close`);
    assertVendorError(
      await validate(faceRequest(chosen.applicantId, { endeavorId: 'endeavor-2' })),
      120044,
      'Invalid endeavor info',
    );

    const plain = await createApplicant();
    assert.deepEqual(Object.keys(plain), ['applicantId']);
    const ignored = await validate(faceRequest(plain.applicantId, { endeavorId: 'anything' }));
    assert.equal(ignored.status, 200, ignored.text);
  });

  it('answers 120041 for documentType 10 when Save Face Profile is off', async () => {
    const { applicantId } = await createApplicant({ saveFaceProfile: false });
    assertVendorError(
      await validate(faceRequest(applicantId)),
      120041,
      'This document type is not supported',
    );
    assert.equal((await state(applicantId))['attemptsUsed'], 0);
    const withDocument = await validate(documentRequest(applicantId));
    assert.equal(withDocument.status, 200, withDocument.text);
  });

  it('authorizes only an applicant with a verified face, by face only, repeatedly', async () => {
    const unverified = await createApplicant({ mode: 'authorization' });
    assertVendorError(
      await validate(faceRequest(unverified.applicantId)),
      120043,
      "Applicant doesn't have verified face",
    );
    const verified = await createApplicant({ mode: 'authorization', verifiedFace: true });
    assertInvalid(await validate(documentRequest(verified.applicantId)), /documentType 10/);
    const first = await validate(faceRequest(verified.applicantId));
    assert.equal(first.status, 200, first.text);
    assert.equal((first.body as { status: number }).status, 0);
    assert.equal((first.body as { document: unknown }).document, null);
    const second = await validate(faceRequest(verified.applicantId));
    assert.equal(second.status, 200, second.text);
    assert.equal((second.body as { attemptId: number }).attemptId, 2);
  });
});

describe('Validation v2 mock: demo endpoints', () => {
  it('shows the state with image metadata only, never the bytes', async () => {
    const { applicantId } = await createApplicant({ attempts: 2, outcomes: ['face_fail'] });
    await validate(documentRequest(applicantId));
    await send('POST', `/demo/validation/applicants/${applicantId}/close`);
    await validate(faceRequest(applicantId));
    const reply = await send('GET', `/demo/validation/applicants/${applicantId}`);
    assert.equal(reply.status, 200);
    assert.ok(!reply.text.includes(face64.slice(0, 40)), 'face bytes leaked');
    assert.ok(!reply.text.includes(front64.slice(0, 40)), 'front bytes leaked');
    assert.deepEqual(reply.body, {
      applicantId,
      createdAt: '2030-01-01T00:00:00.000Z',
      mode: 'registration',
      lrs: false,
      endeavorId: null,
      saveFaceProfile: true,
      verifiedFace: false,
      attemptsCount: 2,
      attemptsUsed: 1,
      attemptsLeft: 1,
      completed: false,
      closed: true,
      pendingOutcomes: [],
      requests: [
        {
          receivedAt: '2030-01-01T00:00:00.000Z',
          documentType: 2,
          endeavorId: null,
          face: { mimeType: 'image/jpeg', width: 64, height: 48, byteLength: FACE.length },
          front: { mimeType: 'image/png', width: 80, height: 50, byteLength: FRONT.length },
          outcome: 'face_fail',
          attemptId: 1,
          httpStatus: 200,
          code: null,
          status: 1,
        },
        {
          receivedAt: '2030-01-01T00:00:00.000Z',
          documentType: 10,
          endeavorId: null,
          face: { mimeType: 'image/jpeg', width: 64, height: 48, byteLength: FACE.length },
          front: null,
          outcome: null,
          attemptId: null,
          httpStatus: 400,
          code: 120040,
          status: null,
        },
      ],
    });
    assert.equal(mock?.applicants.get(applicantId)?.requests.length, 2);
    assert.equal((await send('GET', '/demo/validation/applicants/unknown')).status, 404);
  });

  it('appends scripted outcomes', async () => {
    const { applicantId } = await createApplicant({ outcomes: ['error'] });
    const added = await send('POST', `/demo/validation/applicants/${applicantId}/outcomes`, {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ outcomes: ['no_face', 'success'] }),
    });
    assert.equal(added.status, 200, added.text);
    assert.deepEqual((added.body as { pendingOutcomes: unknown }).pendingOutcomes, [
      'error',
      'no_face',
      'success',
    ]);
    assert.equal(((await validate(faceRequest(applicantId))).body as { status: number }).status, 3);
    assertVendorError(await validate(faceRequest(applicantId)), 120038, 'No faces found');
    assert.equal((await validate(faceRequest(applicantId))).status, 200);
    const bad = await send('POST', `/demo/validation/applicants/${applicantId}/outcomes`, {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ outcomes: ['maybe'] }),
    });
    assertInvalid(bad, /^outcomes must be an array/);
  });

  it('validates the creation body', async () => {
    const create = (body: unknown) =>
      send('POST', '/demo/validation/applicants', {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (const attempts of [0, 6, 2.5, '3']) {
      assertInvalid(await create({ attempts }), /^attempts must be an integer from 1 to 5/);
    }
    assertInvalid(await create({ mode: 'login' }), /^mode must be/);
    assertInvalid(await create({ lrs: 'yes' }), /^lrs must be a boolean/);
    assertInvalid(await create({ endeavorId: 'e' }), /^endeavorId is only for an lrs applicant/);
    assertInvalid(await create({ outcomes: ['success', 'nope'] }), /^outcomes must be an array/);
    assertInvalid(await create({ attempt: 2 }), /^attempt is not a known field/);
    const empty = await send('POST', '/demo/validation/applicants');
    assert.equal(empty.status, 201, empty.text);
    const { applicantId } = empty.body as Created;
    const defaults = await state(applicantId);
    assert.equal(defaults['attemptsCount'], 3);
    assert.equal(defaults['mode'], 'registration');
    assert.equal(defaults['saveFaceProfile'], true);
    assert.equal(defaults['lrs'], false);
  });
});

describe('Validation v2 mock: the seed samples (test/fixtures/seeds/validation-v2)', () => {
  type Sample = { model: Record<string, unknown>; applicantId: string; endeavorId?: string };
  const fill = (sample: Sample, applicantId: string, endeavorId?: string) => {
    const model: Record<string, unknown> = { ...sample.model, faceImageBase64: face64 };
    if ('frontImageBase64' in model) model['frontImageBase64'] = front64;
    return {
      model,
      applicantId,
      ...(endeavorId !== undefined ? { endeavorId } : {}),
    };
  };
  /** The shape of a JSON value: keys in order, leaves by type. */
  const shape = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(shape);
    if (value !== null && typeof value === 'object') {
      return Object.entries(value).map(([key, item]) => [key, shape(item)]);
    }
    return value === null ? 'null' : typeof value;
  };

  it('accepts each sample request, with and without LRS, and answers the sample reply', async () => {
    const { samples } = await seedFixture<{ samples: Record<string, Sample> }>('requests.json');
    const replies = await seedFixture<{ samples: Record<string, Record<string, unknown>> }>(
      'responses.json',
    );
    for (const [name, sample] of Object.entries(samples)) {
      for (const lrs of [true, false]) {
        const mode = name === 'authorization' ? 'authorization' : 'registration';
        const created = await createApplicant({ mode, lrs, verifiedFace: true, attempts: 5 });
        const reply = await validate(fill(sample, created.applicantId, created.endeavorId));
        assert.equal(reply.status, 200, `${name} lrs=${lrs}: ${reply.text}`);
        const seed = replies.samples[name]!;
        assert.deepEqual(shape(reply.body), shape(seed), name);
        // The seed's values, but for what is the applicant's own (its id, its attempts) and
        // the documentType echoed from the request (the seed's sample replies say 1 to a 2).
        const body = reply.body as Record<string, unknown>;
        assert.deepEqual(
          {
            ...body,
            applicantId: seed['applicantId'],
            attemptsLeft: seed['attemptsLeft'],
            documentType: seed['documentType'],
          },
          seed,
          name,
        );
        assert.equal(body['documentType'], sample.model['documentType']);
      }
    }
  });

  it('accepts a front image on a face-only request, which the seed does not forbid, and ignores it', async () => {
    const { applicantId } = await createApplicant();
    const reply = await validate({
      model: { faceImageBase64: face64, frontImageBase64: front64, documentType: 10 },
      applicantId,
    });
    assert.equal(reply.status, 200, reply.text);
    assert.equal((reply.body as { document: unknown }).document, null);
    const [request] = (await state(applicantId))['requests'] as { front: unknown }[];
    assert.equal(request?.front, null);
  });

  it('answers an expired document: status 1, expired, documentHasNotExpired false', async () => {
    const { applicantId } = await createApplicant({
      outcomes: ['document_expired', 'document_expired'],
    });
    const reply = await validate(documentRequest(applicantId));
    assert.equal(reply.status, 200, reply.text);
    const body = reply.body as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), SEED_FIELDS);
    assert.equal(body['status'], 1);
    assert.deepEqual(body['validationStatus'], {
      expired: true,
      documentIsValid: true,
      faceIsValid: true,
      antiSpoofingIsValid: null,
      qualityIsValid: true,
    });
    assert.equal(body['documentHasNotExpired'], false);
    assert.equal(body['documentSuccess'], false);
    assert.equal(body['faceSuccess'], true);
    assert.deepEqual(body['invalidDataErrors'], []);
    assert.deepEqual(body['document'], SEED_DOCUMENT);
    // A face-only request has no document to expire: its document fields stay null.
    const face = (await validate(faceRequest(applicantId))).body as Record<string, unknown>;
    assert.equal(face['status'], 1);
    assert.equal(face['documentHasNotExpired'], null);
    assert.equal((face['validationStatus'] as { expired: unknown }).expired, null);
  });
});
