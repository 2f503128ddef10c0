// An in-memory mock of the vendor's "Validation API v2" (seed 002): registration by selfie and
// document, registration by selfie alone, and authorization by face, all through one endpoint,
// plus demo/test-only endpoints that play the vendor's back office (create, inspect and close
// applicants, script what the platform answers).
//
// Seed 002 gives the endpoint (POST /api/v2/public/Validation), the request body, the three 200
// replies, the verification statuses 0..3 and the error table (HTTP code, message, description,
// code). It is silent on the rest; the choices made here:
//   - Paths. The seed path is mounted under /validation-v2:
//       POST /validation-v2/api/v2/public/Validation   (path matched case-insensitively, like
//                                                       ASP.NET routing; no trailing slash)
//     Demo-only (no auth; never reachable through /validation-v2):
//       POST /demo/validation/applicants               {attempts?, lrs?, endeavorId?,
//            saveFaceProfile?, mode?, verifiedFace?, outcomes?} -> 201 {applicantId, endeavorId?}
//       GET  /demo/validation/applicants/{id}          -> the state (image metadata, no bytes)
//       POST /demo/validation/applicants/{id}/close    -> 200 the state; later requests: 120040
//       POST /demo/validation/applicants/{id}/outcomes {outcomes} -> 200 the state (appended)
//     Other paths under either base: 404; a wrong method: 405 with Allow; OPTIONS: 204 with CORS.
//   - Auth. The seed names none. The endpoint needs `Authorization: Bearer <apiKey>`; missing,
//     malformed or wrong: 401 {"code": 401, "message": "Unauthorized"} (WWW-Authenticate: Bearer).
//     Auth is checked before the body is read.
//   - Error bodies. The seed gives HTTP code, message and code per error but no JSON shape:
//     every error is `{"code": <number>, "message": "<seed message>"}`, application/json. The
//     placeholders are filled in: `Request "<applicantId>" was already completed`, `All available
//     attempts were used for requestId "<applicantId>"` (the applicant id is the validation
//     request id) and `Graphql error: "<VALIDATION_V2_GRAPHQL_MOCK_ERROR>"`.
//     Failures the seed does not list use the HTTP status as the numeric code ({"code": 404},
//     405, 413 for a body over the limit, 500, 503), except request-shape failures: 400
//     {"code": "invalid_request", "message": "<what is wrong>"} (not application/json, not JSON,
//     not an object, model missing or not an object, applicantId not a non-empty string,
//     endeavorId not a string, documentType not an integer, an image field not a string, bad
//     base64, not a complete JPEG/PNG, an image over maxImageBytes). Same shape for the demo
//     endpoints' bad bodies.
//   - Request. Unknown properties are ignored (ASP.NET's default); names are matched exactly as
//     the seed spells them. null counts as absent. faceImageBase64 absent: 120042 "Face image is
//     required"; "": 120038 "Face image is empty". documentType is any integer (the seed lists no
//     enumeration; 10 is face-only). frontImageBase64 is required unless documentType is 10
//     (absent or "": invalid_request); with documentType 10 the seed asks only for the face and
//     forbids nothing else, so a front sent anyway is ignored (not decoded, recorded as null).
//     applicantId is any non-empty string (the seed sets no length).
//     Base64 is plain RFC 4648 base64 with padding, as .NET's Convert.FromBase64String reads it:
//     white space is skipped (as that decoder does); a `data:image/...;base64,` prefix or
//     base64url is invalid_request. Decoded bytes must be a complete JPEG or PNG
//     (readImageHeader), at most maxImageBytes each: the seed says only "image"; these are the
//     formats the SDK sends, and a mock that took any bytes would hide a broken encoder.
//   - Order. The request is validated in full (shape, 120042/120038, images) before the applicant
//     is looked up. Then: unknown applicant 120043 "Applicant profile not found"; LRS applicant
//     with an absent or different endeavorId 120044 (before any other state is revealed); closed
//     120040; registration already completed 120036; no attempts left 120037; an authorization
//     with a documentType other than 10 invalid_request; documentType 10 with Save Face Profile
//     off 120041 (registration and authorization alike); authorization without a verified face
//     120043 "Applicant doesn't have verified face". endeavorId sent to a non-LRS applicant is
//     ignored.
//   - Attempts and outcomes. A request that passes every check takes the next scripted outcome
//     (empty queue: success). Every processed outcome consumes one attempt (attemptId = attempts
//     used so far, attemptsLeft = attemptsCount - used), including the 400 ones (no_face ... ,
//     graphql_error); only `unavailable` (503 {"code": 503}, Retry-After: 1) consumes none, though
//     it does use up its place in the queue. Requests rejected by a check consume nothing. The
//     last attempt answers its own result (the seed's example has attemptsLeft 0 on a 200); the
//     request after it gets 120037. A success marks the applicant completed: further registration
//     requests get 120036; authorization requests stay allowed (the seed's authorization runs on
//     a completed request) while attempts last.
//   - Replies. Success is the seed's example, field by field: with documentType != 10 the
//     document object, validationStatus and documentValidationTests are the seed's sample values
//     verbatim (expires 2024-01-12 with expired false included); with 10 the face-only shape.
//     applicantId is echoed unmasked (the seed's "05fcd***" is redacted), documentType is the
//     request's. face_fail / document_fail: status 1, faceSuccess / documentSuccess and
//     validationStatus.faceIsValid / documentIsValid false, the rest as on success (the document
//     is still read); document_expired: status 1, validationStatus.expired true,
//     documentHasNotExpired false, documentSuccess false (the expiry check is one of the
//     document's), documentIsValid true (authentic), the rest as on success. document_fail and
//     document_expired on a face-only request have no document field to fail, so they answer
//     status 1 with document fields null. invalid_data: status 2, invalidDataErrors one opaque
//     string (the seed shows no item), every check field null, document null,
//     documentValidationTests []. error: status 3,
//     the same with invalidDataErrors []. callBackUrl is always null.
//   - State. The mock keeps image metadata (mime type, pixel size, byte length) per request, never
//     bytes. Requests are recorded once they are well formed and name a known applicant, with the
//     answer given (HTTP status, error code or verification status, outcome, attemptId).
//     verifiedFace is what the demo set; a registration success does not change it.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readImageHeader, type ImageMimeType } from '../src/internal/image-header.ts';
import { isRecord } from '../src/internal/guards.ts';
import {
  FACE_ONLY_DOCUMENT_TYPE,
  VALIDATION_V2_ERRORS,
  VALIDATION_V2_GRAPHQL_MOCK_ERROR,
  VALIDATION_V2_OUTCOMES,
  validationV2Error,
  verificationBody,
  type ValidationV2ErrorName,
  type ValidationV2Outcome,
  type ValidationV2Status,
} from './validation-v2-replies.ts';
import {
  bearerToken,
  HttpFailure,
  isUnder,
  mountMock,
  readBody,
  readJsonBody,
  sameSecret,
  sendJson,
  sendNoContent,
  sendVendorReply,
  VendorReply,
  type Middleware,
} from './http.ts';

/** Where the vendor API is mounted; the endpoint is `${base}/api/v2/public/Validation`. */
export const VALIDATION_V2_MOCK_BASE = '/validation-v2';
/** The seed's endpoint path under the mount. */
export const VALIDATION_V2_ENDPOINT = `${VALIDATION_V2_MOCK_BASE}/api/v2/public/Validation`;
/** The demo/test-only applicant endpoints. */
export const VALIDATION_V2_DEMO_BASE = '/demo/validation/applicants';

/** Metadata of one decoded image (the bytes are not kept). */
export interface MockImageInfo {
  readonly mimeType: ImageMimeType;
  readonly width: number;
  readonly height: number;
  readonly byteLength: number;
}

/** One well-formed request for a known applicant, and what it was answered. */
export interface MockValidationRequest {
  /** ISO time from the mock's clock. */
  readonly receivedAt: string;
  readonly documentType: number;
  readonly endeavorId: string | null;
  readonly face: MockImageInfo;
  readonly front: MockImageInfo | null;
  /** The scripted outcome taken, or null when a check rejected the request first. */
  readonly outcome: ValidationV2Outcome | null;
  /** The attempt it consumed, or null. */
  readonly attemptId: number | null;
  readonly httpStatus: number;
  /** The error code of a non-200 answer. */
  readonly code: number | null;
  /** The verification status of a 200 answer. */
  readonly status: ValidationV2Status | null;
}

/** One applicant (validation request) as the mock keeps it. */
export interface MockApplicant {
  readonly applicantId: string;
  readonly createdAt: string;
  readonly mode: 'registration' | 'authorization';
  /** Whether LRS is enabled: requests must carry `endeavorId`. */
  readonly lrs: boolean;
  readonly endeavorId: string | null;
  /** The BAF "Save Face Profile" feature; off makes documentType 10 answer 120041. */
  readonly saveFaceProfile: boolean;
  /** Whether the applicant has a linked face profile (authorization needs it). */
  readonly verifiedFace: boolean;
  /** Configured attempts, 1..5. */
  readonly attemptsCount: number;
  attemptsUsed: number;
  completed: boolean;
  closed: boolean;
  /** Outcomes still to come, first first. */
  readonly outcomes: ValidationV2Outcome[];
  readonly requests: MockValidationRequest[];
}

/** Settings of the mock. */
export interface ValidationV2MockOptions {
  /** The bearer token the endpoint accepts. */
  apiKey: string;
  /** The clock (ms since epoch). */
  now: () => number;
  /** Largest accepted decoded image, in bytes. */
  maxImageBytes: number;
}

const DEFAULT_OPTIONS: ValidationV2MockOptions = {
  apiKey: 'mock-validation-api-key',
  now: Date.now,
  maxImageBytes: 15 * 1024 * 1024,
};
const SMALL_BODY_LIMIT = 64 * 1024;
const MAX_SCRIPTED_OUTCOMES = 100;

/** A reply that ends handling early; its body is `{code, message}`. */
const failure = (
  status: number,
  code: number | string,
  message: string,
  headers: Readonly<Record<string, string>> = {},
) => new VendorReply(status, { code, message }, headers);
const invalid = (message: string) => failure(400, 'invalid_request', message);
const vendor = (name: ValidationV2ErrorName, detail?: string) => {
  const { code, message } = validationV2Error(name, detail);
  return failure(VALIDATION_V2_ERRORS[name].httpStatus, code, message);
};
const notFound = () => failure(404, 404, 'Not Found');
const unauthorized = () => failure(401, 401, 'Unauthorized', { 'WWW-Authenticate': 'Bearer' });

/** Decodes one base64 image field into its metadata, or fails with invalid_request. */
function decodeImage(raw: string, field: string, maxBytes: number): MockImageInfo {
  // The seed says only "in base64"; .NET's Convert.FromBase64String, which such an API decodes
  // with, skips white space (line breaks of MIME-style base64 included), so the mock does too.
  const value = raw.replace(/[\t\n\r ]/g, '');
  if (/^data:/i.test(value)) {
    throw invalid(`${field} must be plain base64, without a data: URL prefix.`);
  }
  if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    throw invalid(`${field} is not valid base64.`);
  }
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  if ((value.length / 4) * 3 - padding > maxBytes) {
    throw invalid(`${field}: the image is over ${maxBytes} bytes.`);
  }
  const bytes = Buffer.from(value, 'base64');
  const header = readImageHeader(bytes);
  if (!header.ok) throw invalid(`${field}: ${header.message}`);
  return {
    mimeType: header.mimeType,
    width: header.width,
    height: header.height,
    byteLength: bytes.length,
  };
}

interface ParsedRequest {
  readonly applicantId: string;
  readonly endeavorId: string | null;
  readonly documentType: number;
  readonly face: MockImageInfo;
  readonly front: MockImageInfo | null;
}

interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

type Route =
  | { readonly kind: 'validate'; readonly method: 'POST' }
  | { readonly kind: 'create'; readonly method: 'POST' }
  | { readonly kind: 'state'; readonly method: 'GET'; readonly id: string }
  | { readonly kind: 'close'; readonly method: 'POST'; readonly id: string }
  | { readonly kind: 'outcomes'; readonly method: 'POST'; readonly id: string };

function isOutcomeList(value: unknown): value is ValidationV2Outcome[] {
  return (
    Array.isArray(value) &&
    value.every(
      (item) =>
        typeof item === 'string' && (VALIDATION_V2_OUTCOMES as readonly string[]).includes(item),
    )
  );
}

/** The Validation API v2 mock: applicants plus request handling. */
export class ValidationV2Mock {
  readonly #applicants = new Map<string, MockApplicant>();
  readonly #options: ValidationV2MockOptions;

  constructor(options: ValidationV2MockOptions) {
    this.#options = { ...options };
  }

  /** Every applicant by id (read access for tests). */
  get applicants(): ReadonlyMap<string, MockApplicant> {
    return this.#applicants;
  }

  /** Whether this mock answers the path (the vendor mount or the demo applicant endpoints). */
  handles(pathname: string): boolean {
    return isUnder(pathname, VALIDATION_V2_MOCK_BASE, VALIDATION_V2_DEMO_BASE);
  }

  /** Handles one request whose path {@link handles} accepted; never throws. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      await this.#route(req, res, url);
    } catch (error) {
      let reply: VendorReply;
      if (error instanceof VendorReply) reply = error;
      else if (error instanceof HttpFailure) {
        // From the shared helpers: bad Authorization header, bad JSON or content type (both
        // invalid_request, as the header comment says), body over the limit.
        if (error.status === 401) reply = unauthorized();
        else if (error.status === 400 || error.status === 415) reply = invalid(error.message);
        else reply = failure(error.status, error.status, error.message);
      } else reply = failure(500, 500, 'The mock backend failed.');
      if (!res.headersSent) sendVendorReply(res, reply);
      else res.end();
    }
  }

  #match(pathname: string): Route | undefined {
    if (pathname.toLowerCase() === VALIDATION_V2_ENDPOINT.toLowerCase()) {
      return { kind: 'validate', method: 'POST' };
    }
    if (pathname === VALIDATION_V2_DEMO_BASE) return { kind: 'create', method: 'POST' };
    if (!pathname.startsWith(`${VALIDATION_V2_DEMO_BASE}/`)) return undefined;
    let segments: string[];
    try {
      segments = pathname
        .slice(VALIDATION_V2_DEMO_BASE.length + 1)
        .split('/')
        .map((segment) => decodeURIComponent(segment));
    } catch {
      return undefined;
    }
    const [id, action, ...rest] = segments;
    if (!id || rest.length > 0) return undefined;
    if (action === undefined) return { kind: 'state', method: 'GET', id };
    if (action === 'close') return { kind: 'close', method: 'POST', id };
    if (action === 'outcomes') return { kind: 'outcomes', method: 'POST', id };
    return undefined;
  }

  async #route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = this.#match(url.pathname);
    if (!route) throw notFound();
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      sendNoContent(res);
      return;
    }
    if (method !== route.method) {
      throw failure(405, 405, 'Method Not Allowed', { Allow: route.method });
    }
    switch (route.kind) {
      case 'validate': {
        const reply = await this.#validate(req);
        sendJson(res, reply.status, reply.body, reply.headers);
        return;
      }
      case 'create': {
        const body = await this.#readObject(req, SMALL_BODY_LIMIT, true);
        sendJson(res, 201, this.#create(body));
        return;
      }
      case 'state':
        sendJson(res, 200, this.#state(this.#demoApplicant(route.id)));
        return;
      case 'close': {
        const applicant = this.#demoApplicant(route.id);
        await readBody(req, SMALL_BODY_LIMIT); // drain; any body is ignored
        applicant.closed = true;
        sendJson(res, 200, this.#state(applicant));
        return;
      }
      case 'outcomes': {
        const applicant = this.#demoApplicant(route.id);
        const body = await this.#readObject(req, SMALL_BODY_LIMIT, false);
        const outcomes = body['outcomes'];
        if (!isOutcomeList(outcomes)) {
          throw invalid(`outcomes must be an array of: ${VALIDATION_V2_OUTCOMES.join(', ')}.`);
        }
        if (applicant.outcomes.length + outcomes.length > MAX_SCRIPTED_OUTCOMES) {
          throw invalid(`At most ${MAX_SCRIPTED_OUTCOMES} outcomes can be pending.`);
        }
        applicant.outcomes.push(...outcomes);
        sendJson(res, 200, this.#state(applicant));
        return;
      }
    }
  }

  async #readObject(
    req: IncomingMessage,
    limit: number,
    allowEmpty: boolean,
  ): Promise<Record<string, unknown>> {
    const body = await readJsonBody(req, limit, { allowEmpty });
    if (!isRecord(body)) throw invalid('The body must be a JSON object.');
    return body;
  }

  #demoApplicant(id: string): MockApplicant {
    const applicant = this.#applicants.get(id);
    if (!applicant) throw failure(404, 404, 'No such applicant.');
    return applicant;
  }

  // ---- The vendor endpoint ----

  async #validate(req: IncomingMessage): Promise<Reply> {
    if (!sameSecret(bearerToken(req), this.#options.apiKey)) throw unauthorized();
    const { maxImageBytes } = this.#options;
    const limit = Math.ceil(maxImageBytes / 3) * 4 * 2 + SMALL_BODY_LIMIT;
    const request = this.#parse(await this.#readObject(req, limit, false));
    const applicant = this.#applicants.get(request.applicantId);
    if (!applicant) throw vendor('applicantProfileNotFound');

    let outcome: ValidationV2Outcome | null = null;
    let attemptId: number | null = null;
    let reply: Reply;
    try {
      this.#check(applicant, request);
      outcome = applicant.outcomes.shift() ?? 'success';
      if (outcome === 'unavailable') {
        reply = {
          status: 503,
          body: { code: 503, message: 'Service Unavailable' },
          headers: { 'Retry-After': '1' },
        };
      } else {
        applicant.attemptsUsed += 1;
        attemptId = applicant.attemptsUsed;
        if (outcome === 'success') applicant.completed = true;
        reply = this.#outcomeReply(applicant, request, outcome, attemptId);
      }
    } catch (error) {
      if (!(error instanceof VendorReply)) throw error;
      reply = { status: error.status, body: error.body };
    }
    const body = reply.body as { code?: unknown; status?: unknown };
    applicant.requests.push({
      receivedAt: new Date(this.#options.now()).toISOString(),
      documentType: request.documentType,
      endeavorId: request.endeavorId,
      face: request.face,
      front: request.front,
      outcome,
      attemptId,
      httpStatus: reply.status,
      code: reply.status === 200 ? null : (body.code as number),
      status: reply.status === 200 ? (body.status as ValidationV2Status) : null,
    });
    return reply;
  }

  #parse(body: Record<string, unknown>): ParsedRequest {
    const model = body['model'];
    if (!isRecord(model)) throw invalid('model is required: an object.');
    const applicantId = body['applicantId'];
    if (typeof applicantId !== 'string' || applicantId.length === 0) {
      throw invalid('applicantId is required: a non-empty string.');
    }
    const endeavorId = body['endeavorId'] ?? null;
    if (endeavorId !== null && typeof endeavorId !== 'string') {
      throw invalid('endeavorId must be a string.');
    }
    const documentType = model['documentType'];
    if (typeof documentType !== 'number' || !Number.isSafeInteger(documentType)) {
      throw invalid('model.documentType is required: an integer.');
    }
    const faceValue = model['faceImageBase64'] ?? null;
    if (faceValue === null) throw vendor('faceImageRequired');
    if (typeof faceValue !== 'string') throw invalid('model.faceImageBase64 must be a string.');
    if (faceValue === '') throw vendor('faceImageEmpty');
    // Face only (10): the seed asks for the face alone and forbids nothing else; a front is unused.
    const frontValue =
      documentType === FACE_ONLY_DOCUMENT_TYPE ? null : (model['frontImageBase64'] ?? null);
    if (
      documentType !== FACE_ONLY_DOCUMENT_TYPE &&
      (typeof frontValue !== 'string' || frontValue === '')
    ) {
      throw invalid('model.frontImageBase64 is required unless documentType is 10: base64.');
    }
    const { maxImageBytes } = this.#options;
    return {
      applicantId,
      endeavorId,
      documentType,
      face: decodeImage(faceValue, 'model.faceImageBase64', maxImageBytes),
      front:
        typeof frontValue === 'string'
          ? decodeImage(frontValue, 'model.frontImageBase64', maxImageBytes)
          : null,
    };
  }

  /** The applicant-state checks, in order; throws the first that fails. */
  #check(applicant: MockApplicant, request: ParsedRequest): void {
    if (applicant.lrs && request.endeavorId !== applicant.endeavorId) {
      throw vendor('invalidEndeavor');
    }
    if (applicant.closed) throw vendor('requestClosed');
    if (applicant.mode === 'registration' && applicant.completed) {
      throw vendor('requestAlreadyCompleted', applicant.applicantId);
    }
    if (applicant.attemptsUsed >= applicant.attemptsCount) {
      throw vendor('attemptsExhausted', applicant.applicantId);
    }
    const faceOnly = request.documentType === FACE_ONLY_DOCUMENT_TYPE;
    if (applicant.mode === 'authorization' && !faceOnly) {
      throw invalid('Authorization takes documentType 10 (face only).');
    }
    if (faceOnly && !applicant.saveFaceProfile) throw vendor('documentTypeNotSupported');
    if (applicant.mode === 'authorization' && !applicant.verifiedFace) {
      throw vendor('noVerifiedFace');
    }
  }

  #outcomeReply(
    applicant: MockApplicant,
    request: ParsedRequest,
    outcome: Exclude<ValidationV2Outcome, 'unavailable'>,
    attemptId: number,
  ): Reply {
    switch (outcome) {
      case 'no_face':
        throw vendor('noFacesFound');
      case 'multiple_faces':
        throw vendor('multipleFacesFound');
      case 'quality_failed':
        throw vendor('qualityCalculationFailed');
      case 'liveness_failed':
        throw vendor('livenessCalculationFailed');
      case 'profile_search_missing':
        throw vendor('profileSearchMissing');
      case 'graphql_error':
        throw vendor('graphqlError', VALIDATION_V2_GRAPHQL_MOCK_ERROR);
      default:
        return {
          status: 200,
          body: verificationBody(applicant, request.documentType, outcome, attemptId),
        };
    }
  }

  // ---- Demo endpoints ----

  #create(body: Record<string, unknown>): { applicantId: string; endeavorId?: string } {
    const known = [
      'attempts',
      'lrs',
      'endeavorId',
      'saveFaceProfile',
      'mode',
      'verifiedFace',
      'outcomes',
    ];
    const unknownKey = Object.keys(body).find((key) => !known.includes(key));
    if (unknownKey !== undefined) throw invalid(`${unknownKey} is not a known field.`);
    const attempts = body['attempts'] ?? 3;
    if (
      typeof attempts !== 'number' ||
      !Number.isInteger(attempts) ||
      attempts < 1 ||
      attempts > 5
    ) {
      throw invalid('attempts must be an integer from 1 to 5.');
    }
    const flag = (key: string, fallback: boolean): boolean => {
      const value = body[key] ?? fallback;
      if (typeof value !== 'boolean') throw invalid(`${key} must be a boolean.`);
      return value;
    };
    const lrs = flag('lrs', false);
    const saveFaceProfile = flag('saveFaceProfile', true);
    const verifiedFace = flag('verifiedFace', false);
    const mode = body['mode'] ?? 'registration';
    if (mode !== 'registration' && mode !== 'authorization') {
      throw invalid('mode must be "registration" or "authorization".');
    }
    let endeavorId: string | null = null;
    const givenEndeavor = body['endeavorId'];
    if (givenEndeavor !== undefined) {
      if (!lrs) throw invalid('endeavorId is only for an lrs applicant.');
      if (typeof givenEndeavor !== 'string' || givenEndeavor.length === 0) {
        throw invalid('endeavorId must be a non-empty string.');
      }
      endeavorId = givenEndeavor;
    } else if (lrs) endeavorId = randomUUID();
    const outcomes = body['outcomes'] ?? [];
    if (!isOutcomeList(outcomes)) {
      throw invalid(`outcomes must be an array of: ${VALIDATION_V2_OUTCOMES.join(', ')}.`);
    }
    if (outcomes.length > MAX_SCRIPTED_OUTCOMES) {
      throw invalid(`At most ${MAX_SCRIPTED_OUTCOMES} outcomes can be pending.`);
    }
    const applicant: MockApplicant = {
      applicantId: randomUUID(),
      createdAt: new Date(this.#options.now()).toISOString(),
      mode,
      lrs,
      endeavorId,
      saveFaceProfile,
      verifiedFace,
      attemptsCount: attempts,
      attemptsUsed: 0,
      completed: false,
      closed: false,
      outcomes: [...outcomes],
      requests: [],
    };
    this.#applicants.set(applicant.applicantId, applicant);
    return endeavorId === null
      ? { applicantId: applicant.applicantId }
      : { applicantId: applicant.applicantId, endeavorId };
  }

  #state(applicant: MockApplicant) {
    return {
      applicantId: applicant.applicantId,
      createdAt: applicant.createdAt,
      mode: applicant.mode,
      lrs: applicant.lrs,
      endeavorId: applicant.endeavorId,
      saveFaceProfile: applicant.saveFaceProfile,
      verifiedFace: applicant.verifiedFace,
      attemptsCount: applicant.attemptsCount,
      attemptsUsed: applicant.attemptsUsed,
      attemptsLeft: applicant.attemptsCount - applicant.attemptsUsed,
      completed: applicant.completed,
      closed: applicant.closed,
      pendingOutcomes: [...applicant.outcomes],
      requests: applicant.requests.map((request) => ({ ...request })),
    };
  }
}

/**
 * A connect-style middleware serving the Validation API v2 mock and its demo endpoints; any other
 * path goes to `next()`.
 */
export function createValidationV2Middleware(options: Partial<ValidationV2MockOptions> = {}): {
  middleware: Middleware;
  mock: ValidationV2Mock;
} {
  const mock = new ValidationV2Mock({
    apiKey: options.apiKey ?? DEFAULT_OPTIONS.apiKey,
    now: options.now ?? DEFAULT_OPTIONS.now,
    maxImageBytes: options.maxImageBytes ?? DEFAULT_OPTIONS.maxImageBytes,
  });
  return { middleware: mountMock(mock), mock };
}
