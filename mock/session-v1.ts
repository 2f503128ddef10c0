// A faithful in-memory mock of the session-v1 backend (seed 004, "Document Verification"), plus
// the demo-only endpoints that play the integrator's own backend. It reads add-image requests with
// its own code written from the seed (mock/session-v1-requests.ts), never with the adapter's wire
// module, and reads the real pixel size from the image bytes (src/internal/image-header.ts).
//
// Endpoints (seed 004):
//   POST   /api/v1/verification                   access token   create a session
//   POST   /api/v1/verification/{sid}/images      start token of {sid} or access token   add an image
//   GET    /api/v1/verification/{sid}/images      access token   image metadata
//   GET    /api/v1/verification/{sid}/images/{id} access token   image bytes
// The seed gives every endpoint `verify_access_token` and lists 401 ("Access token is malformed,
// missing data, or expired") as the only auth failure: a start token on an access-token endpoint
// is a 401 (`insufficient_scope`). Adding an image with the start token is the browser SDK's
// premise (shared/seeds/README.md), kept; a start token of another session there is a 401 too
// (`token_wrong_session`): the seed lists no 403.
//   GET    /api/v1/verification/{sid}/result      access token   verification result
//   DELETE /api/v1/verification/{sid}             access token   delete the session and its images
// Demo-only (no auth: they stand in for the integrator's server, which holds the access token):
//   POST   /demo/sessions                  {mock_behavior?, start_token_ttl_seconds?} -> create reply
//   POST   /demo/sessions/{sid}/token      {start_token_ttl_seconds?} -> {start_token, expiration};
//                                          a fresh start token, what a host's getToken() would fetch
//   GET    /demo/sessions/{sid}/images     image metadata
//   GET    /demo/sessions/{sid}/images/{id} image bytes (thumbnails)
//
// mock_behavior (test-only; sent in the create body, validated strictly: unknown keys are a 400):
//   {
//     "recommendation"?: "APPROVE" | "REVIEW" | "DENY",
//         the result's recommendation once complete (default APPROVE)
//     "feedback"?: { "document_front"?: string[], "document_back"?: string[], "selfie"?: string[] },
//         feedback answered, in order, to successive valid uploads of that image; "ok" after the
//         list runs out. Any string is allowed, so unknown feedback values can be tested. An image
//         with feedback other than "ok" is stored with it but does not count toward completion.
//     "server_errors"?: number,
//         the first N add-image requests of the session answer 503 with Retry-After: 0
//     "start_token_ttl_seconds"?: number
//         lifetime of the start token issued at creation (default: the backend's, 900 s); 0 gives
//         an already expired token
//     "image_names"?: { "document_front"?: string, "document_back"?: string, "selfie"?: string }
//         the names this session speaks for its images, in `image.type` and `missing_images`
//         (the seed does not fix them), e.g. {"selfie": "SELFIE"}; unnamed ones keep the SDK's
//   }
//
// Rules: a passport front (accepted) removes document_back from the missing images; a back for a
// passport is a 400 (unexpected_image); document images of one session must agree on the document
// type (document_type_mismatch). When nothing is missing the reply says complete "true" and any
// further upload answers 409. Images must be JPEG or PNG whose header size matches width/height,
// with a short side of at least 200 px, no side over 10000 px, and at most maxImageBytes bytes.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  IMAGE_STEPS,
  DocumentType,
  isImageStep,
  stepsForDocument,
  type ImageStep,
} from '../src/steps.ts';
import type { CaptureSource } from '../src/capture/types.ts';
import { readImageHeader, type ImageMimeType } from '../src/internal/image-header.ts';
import { isRecord } from '../src/internal/guards.ts';
import {
  Recommendation,
  SESSION_V1_BASE_PATH,
  type SessionResult,
} from '../src/protocols/session-v1-wire.ts';
import { readAddImageBody } from './session-v1-requests.ts';
import {
  bearerToken,
  failureOf,
  HttpFailure,
  isUnder,
  jsonObject,
  parseJsonBody,
  readBody,
  readJsonBody,
  sameSecret,
  sendBytes,
  sendFailure,
  sendJson,
  sendNoContent,
} from './http.ts';

/** Test-only behaviour of one session; see the comment block at the top of this file. */
export interface MockBehavior {
  /** The result's recommendation once complete. */
  readonly recommendation?: Recommendation;
  /** Feedback for successive uploads of each image, then `ok`. */
  readonly feedback?: Readonly<Partial<Record<ImageStep, readonly string[]>>>;
  /** How many add-image requests answer 503 first. */
  readonly server_errors?: number;
  /** Lifetime of the start token issued at creation, in seconds. */
  readonly start_token_ttl_seconds?: number;
  /** The session's own names of its images, where they differ from the SDK's step names. */
  readonly image_names?: Readonly<Partial<Record<ImageStep, string>>>;
}

/** One image as the mock stored it. */
export interface StoredImage {
  /** Image id. */
  readonly id: string;
  /** Which image it is. */
  readonly type: ImageStep;
  /** Its format (from the bytes, which matched the declared one). */
  readonly mimeType: ImageMimeType;
  /** Pixel width. */
  readonly width: number;
  /** Pixel height. */
  readonly height: number;
  /** The decoded bytes. */
  readonly bytes: Buffer;
  /** The feedback it got. */
  readonly feedback: string;
  /** Camera or file, when the client said. */
  readonly source: CaptureSource | undefined;
  /** Document type of document images, when the client said. */
  readonly documentType: DocumentType | undefined;
  /** When it was taken, when the client said. */
  readonly capturedAt: string | undefined;
  /** The device it came from, as sent (optional in the seed). */
  readonly deviceInfo: Readonly<Record<string, unknown>> | undefined;
  /** When the mock received it (ms since epoch, mock clock). */
  readonly createdAt: number;
}

/** One session's state, readable by tests. */
export interface MockSession {
  /** Session id. */
  readonly id: string;
  /** Creation time (ms, mock clock). */
  readonly createdAt: number;
  /** When the session is deleted (`time_to_live`), ms. */
  readonly deleteAt: number;
  /** `callback_url` from the create body. */
  readonly callbackUrl: string | undefined;
  /** `state` from the create body. */
  readonly state: string | undefined;
  /** Whether the backend started it (`auto_start` or `start`); the mock only records it. */
  readonly startedByBackend: boolean;
  /** The session's test behaviour. */
  readonly behavior: MockBehavior;
  /** Every image received, rejected ones included, oldest first. */
  readonly images: StoredImage[];
  /** Valid uploads per image type so far (indexes `behavior.feedback`). */
  readonly attempts: Partial<Record<ImageStep, number>>;
  /** 503 answers still to give. */
  serverErrorsLeft: number;
}

/** Settings of the session-v1 mock. */
export interface SessionV1MockOptions {
  /** The integrator's access token. */
  readonly accessToken: string;
  /** Default start-token lifetime, in seconds. */
  readonly startTokenTtlSeconds: number;
  /** The clock, in ms since epoch. */
  readonly now: () => number;
  /** Largest accepted image, in decoded bytes. */
  readonly maxImageBytes: number;
}

/** The 200 body of creating a session (seed: "Create verification session", response sample). */
interface CreateReply {
  readonly start_token: string;
  readonly session_id: string;
  readonly expiration: string;
  readonly missing_images: readonly string[];
}

/** The 200 body of adding an image (seed: `complete` is a string, "false" in the sample). */
interface AddImageReply {
  readonly feedback: string;
  readonly complete: 'true' | 'false';
  readonly missing_images: readonly string[];
}

interface StartToken {
  readonly sessionId: string;
  readonly expiresAt: number;
}

const DEMO_BASE_PATH = '/demo/sessions';
const SMALL_BODY_LIMIT = 64 * 1024;
const MIN_SHORT_SIDE = 200;
const MAX_SIDE = 10_000;
const DAY_MS = 86_400_000;
const MAX_TTL_SECONDS = 90 * 86_400;
const RECOMMENDATIONS: readonly string[] = Object.values(Recommendation);

const badField = (field: string, message: string) =>
  new HttpFailure(400, 'invalid_field', `${field}: ${message}`);

function optionalString(body: Record<string, unknown>, key: string, max = 2048) {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max) {
    throw badField(key, `must be a string of at most ${max} characters.`);
  }
  return value;
}

function ttlSeconds(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    value > MAX_TTL_SECONDS
  ) {
    throw badField(field, `must be a number of seconds from 0 to ${MAX_TTL_SECONDS}.`);
  }
  return value;
}

/** Validates `mock_behavior` strictly, so a typo fails loudly instead of being ignored. */
export function validateMockBehavior(raw: unknown): MockBehavior {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) throw badField('mock_behavior', 'must be an object.');
  const known = [
    'recommendation',
    'feedback',
    'server_errors',
    'start_token_ttl_seconds',
    'image_names',
  ];
  const unknownKey = Object.keys(raw).find((key) => !known.includes(key));
  if (unknownKey) throw badField(`mock_behavior.${unknownKey}`, 'is not a known mock behaviour.');

  const behavior: {
    recommendation?: Recommendation;
    feedback?: Partial<Record<ImageStep, readonly string[]>>;
    server_errors?: number;
    start_token_ttl_seconds?: number;
    image_names?: Partial<Record<ImageStep, string>>;
  } = {};
  const { recommendation, feedback, server_errors: serverErrors } = raw;
  if (recommendation !== undefined) {
    if (typeof recommendation !== 'string' || !RECOMMENDATIONS.includes(recommendation)) {
      throw badField(
        'mock_behavior.recommendation',
        `must be one of ${RECOMMENDATIONS.join(', ')}.`,
      );
    }
    behavior.recommendation = recommendation as Recommendation;
  }
  if (feedback !== undefined) {
    if (!isRecord(feedback)) throw badField('mock_behavior.feedback', 'must be an object.');
    behavior.feedback = {};
    for (const [step, values] of Object.entries(feedback)) {
      const field = `mock_behavior.feedback.${step}`;
      if (!isImageStep(step)) throw badField(field, `must be one of ${IMAGE_STEPS.join(', ')}.`);
      if (
        !Array.isArray(values) ||
        !values.every((v) => typeof v === 'string' && /^[a-z0-9_]{1,64}$/.test(v))
      ) {
        throw badField(field, 'must be an array of snake_case strings.');
      }
      behavior.feedback[step] = values as string[];
    }
  }
  if (serverErrors !== undefined) {
    if (
      typeof serverErrors !== 'number' ||
      !Number.isInteger(serverErrors) ||
      serverErrors < 0 ||
      serverErrors > 100
    ) {
      throw badField('mock_behavior.server_errors', 'must be an integer from 0 to 100.');
    }
    behavior.server_errors = serverErrors;
  }
  const ttl = ttlSeconds(raw['start_token_ttl_seconds'], 'mock_behavior.start_token_ttl_seconds');
  if (ttl !== undefined) behavior.start_token_ttl_seconds = ttl;
  const names = raw['image_names'];
  if (names !== undefined) behavior.image_names = validateImageNames(names);
  return behavior;
}

/** `mock_behavior.image_names`: a name per image step, each a plain word, no two the same. */
function validateImageNames(raw: unknown): Partial<Record<ImageStep, string>> {
  const field = 'mock_behavior.image_names';
  if (!isRecord(raw)) throw badField(field, 'must be an object.');
  const names: Partial<Record<ImageStep, string>> = {};
  for (const [step, name] of Object.entries(raw)) {
    if (!isImageStep(step)) throw badField(`${field}.${step}`, `is not one of ${IMAGE_STEPS}.`);
    if (typeof name !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
      throw badField(`${field}.${step}`, 'must be a word of 1 to 64 letters, digits, _ . or -.');
    }
    names[step] = name;
  }
  const spoken = IMAGE_STEPS.map((step) => names[step] ?? step);
  if (new Set(spoken).size !== spoken.length) throw badField(field, 'names two images alike.');
  return names;
}

/** The name a session uses for an image step. */
function nameOf(session: MockSession, step: ImageStep): string {
  return session.behavior.image_names?.[step] ?? step;
}

/** The session's image names, each to its step. */
function stepsByName(session: MockSession): Map<string, ImageStep> {
  return new Map(IMAGE_STEPS.map((step) => [nameOf(session, step), step]));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Splits a path into decoded segments; a bad %-escape means no such resource. */
function segmentsOf(pathname: string): string[] {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw new HttpFailure(404, 'not_found', 'No such endpoint.');
  }
}

function methodNotAllowed(allowed: string): HttpFailure {
  return new HttpFailure(405, 'method_not_allowed', `Use ${allowed}.`, { Allow: allowed });
}

/** Whether the mock answers this path (and the caller must not pass it on). */
export function isSessionV1Path(pathname: string): boolean {
  return isUnder(pathname, SESSION_V1_BASE_PATH, DEMO_BASE_PATH);
}

/** The session-v1 mock backend: state plus request handling. */
export class SessionV1Mock {
  /** Every live session, by id (read access for tests). */
  readonly sessions = new Map<string, MockSession>();
  readonly #tokens = new Map<string, StartToken>();
  readonly #options: SessionV1MockOptions;

  constructor(options: SessionV1MockOptions) {
    this.#options = options;
  }

  /** Whether this mock answers the path (the API and the demo endpoints). */
  handles(pathname: string): boolean {
    return isSessionV1Path(pathname);
  }

  /** Handles one request whose path {@link handles} accepted; never throws. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      await this.#route(req, res, url);
    } catch (error) {
      if (!res.headersSent) sendFailure(res, failureOf(error));
      else res.end();
    }
  }

  /** The images a session still needs, given what it accepted so far. */
  missingImages(session: MockSession): ImageStep[] {
    const accepted = session.images.filter((image) => image.feedback === 'ok');
    const front = accepted.findLast((image) => image.type === 'document_front');
    const needed = front?.documentType ? stepsForDocument(front.documentType) : IMAGE_STEPS;
    return needed.filter((step) => !accepted.some((image) => image.type === step));
  }

  async #route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const demo = isUnder(url.pathname, DEMO_BASE_PATH);
    const rest = segmentsOf(url.pathname).slice(demo ? 2 : 3);
    const [sid, sub, imageId, ...extra] = rest;
    const notFound = new HttpFailure(404, 'not_found', 'No such endpoint.');
    if (extra.length > 0) throw notFound;

    // Which endpoint, and with which methods, before anything else (OPTIONS included).
    let allowed: string;
    if (sid === undefined) allowed = 'POST';
    else if (sub === undefined) allowed = demo ? '' : 'DELETE';
    else if (sub === 'images')
      allowed = imageId === undefined ? (demo ? 'GET' : 'GET, POST') : 'GET';
    else if (sub === 'result' && !demo && imageId === undefined) allowed = 'GET';
    else if (sub === 'token' && demo && imageId === undefined) allowed = 'POST';
    else allowed = '';
    if (!allowed) throw notFound;
    if (method === 'OPTIONS') {
      sendNoContent(res);
      return;
    }
    if (!allowed.split(', ').includes(method)) throw methodNotAllowed(allowed);

    if (demo) {
      await this.#routeDemo(req, res, method, sid, sub, imageId);
      return;
    }
    if (sid === undefined) {
      this.#authorize(req, undefined, 'access');
      const body = await readJsonBody(req, SMALL_BODY_LIMIT);
      sendJson(res, 200, this.#create(body, undefined));
      return;
    }
    if (sub === undefined) {
      this.#authorize(req, sid, 'access');
      this.#delete(this.#session(sid));
      sendJson(res, 200, { session_id: sid, deleted: true });
      return;
    }
    if (sub === 'result') {
      this.#authorize(req, sid, 'access');
      sendJson(res, 200, this.#result(this.#session(sid)));
      return;
    }
    // Listing and reading images is the backend's business (seed: verify_access_token).
    this.#authorize(req, sid, method === 'POST' ? 'session' : 'access');
    const session = this.#session(sid);
    if (imageId !== undefined) this.#sendImage(res, session, imageId);
    else if (method === 'GET') sendJson(res, 200, this.#list(session));
    else sendJson(res, 200, await this.#addImage(req, session));
  }

  async #routeDemo(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    sid: string | undefined,
    sub: string | undefined,
    imageId: string | undefined,
  ): Promise<void> {
    if (sid === undefined) {
      const body = jsonObject(await readJsonBody(req, SMALL_BODY_LIMIT, { allowEmpty: true }));
      const unknownKey = Object.keys(body).find(
        (key) => key !== 'mock_behavior' && key !== 'start_token_ttl_seconds',
      );
      if (unknownKey) throw badField(unknownKey, 'is not a known field.');
      const behavior = validateMockBehavior(body['mock_behavior']);
      const ttl = ttlSeconds(body['start_token_ttl_seconds'], 'start_token_ttl_seconds');
      sendJson(res, 200, this.#create({ mock_behavior: behavior }, ttl));
      return;
    }
    const session = this.#session(sid);
    if (sub === 'token') {
      const body = jsonObject(await readJsonBody(req, SMALL_BODY_LIMIT, { allowEmpty: true }));
      const ttl = ttlSeconds(body['start_token_ttl_seconds'], 'start_token_ttl_seconds');
      const { token, expiresAt } = this.#issueToken(session, ttl);
      sendJson(res, 200, { start_token: token, expiration: iso(expiresAt) });
    } else if (imageId !== undefined) this.#sendImage(res, session, imageId);
    else if (method === 'GET') sendJson(res, 200, this.#list(session));
  }

  /**
   * Checks the bearer token: the access token may do anything; a start token only touches its own
   * session, and only on `session` endpoints.
   */
  #authorize(req: IncomingMessage, sessionId: string | undefined, scope: 'access' | 'session') {
    const token = bearerToken(req);
    if (sameSecret(token, this.#options.accessToken)) return;
    const start = this.#tokens.get(token);
    if (!start) throw new HttpFailure(401, 'token_invalid', 'The token is not valid.');
    if (this.#options.now() >= start.expiresAt) {
      throw new HttpFailure(401, 'token_expired', 'The start token has expired.');
    }
    if (scope === 'access') {
      throw new HttpFailure(401, 'insufficient_scope', 'This endpoint needs the access token.');
    }
    if (start.sessionId !== sessionId) {
      throw new HttpFailure(401, 'token_wrong_session', 'The start token is for another session.');
    }
  }

  #session(sid: string): MockSession {
    const session = this.sessions.get(sid);
    if (session && this.#options.now() >= session.deleteAt) this.#delete(session);
    else if (session) return session;
    throw new HttpFailure(404, 'session_not_found', 'No such session.');
  }

  #delete(session: MockSession): void {
    this.sessions.delete(session.id);
    for (const [token, start] of this.#tokens) {
      if (start.sessionId === session.id) this.#tokens.delete(token);
    }
  }

  #issueToken(session: MockSession, ttlSeconds: number | undefined) {
    const token = `st_${randomBytes(24).toString('base64url')}`;
    const ttl = ttlSeconds ?? this.#options.startTokenTtlSeconds;
    const expiresAt = this.#options.now() + ttl * 1000;
    this.#tokens.set(token, { sessionId: session.id, expiresAt });
    return { token, expiresAt };
  }

  #create(body: unknown, ttlOverride: number | undefined): CreateReply {
    const raw = jsonObject(body);
    // The seed types callback_url as a plain string (its sample sends "string"); the mock stores it.
    const callbackUrl = optionalString(raw, 'callback_url');
    const timeToLive = optionalString(raw, 'time_to_live', 16) ?? '90d';
    const days = /^([1-9]\d{0,3})d$/.exec(timeToLive)?.[1];
    if (!days) throw badField('time_to_live', 'must be a duration in days such as "90d".');
    const autoStart = raw['auto_start'];
    if (autoStart !== undefined && autoStart !== null && typeof autoStart !== 'boolean') {
      throw badField('auto_start', 'must be a boolean.');
    }
    const start = raw['start'];
    if (start !== undefined && start !== null && !isRecord(start)) {
      throw badField('start', 'must be an object.');
    }
    const behavior = validateMockBehavior(raw['mock_behavior']);
    const now = this.#options.now();
    const session: MockSession = {
      id: randomUUID(),
      createdAt: now,
      deleteAt: now + Number(days) * DAY_MS,
      callbackUrl,
      state: optionalString(raw, 'state'),
      startedByBackend: autoStart === true || isRecord(start),
      behavior,
      images: [],
      attempts: {},
      serverErrorsLeft: behavior.server_errors ?? 0,
    };
    this.sessions.set(session.id, session);
    const { token, expiresAt } = this.#issueToken(
      session,
      ttlOverride ?? behavior.start_token_ttl_seconds,
    );
    return {
      start_token: token,
      session_id: session.id,
      expiration: iso(expiresAt),
      missing_images: this.missingImages(session).map((step) => nameOf(session, step)),
    };
  }

  async #addImage(req: IncomingMessage, session: MockSession): Promise<AddImageReply> {
    // Base64 is 4/3 of the bytes; the rest of the JSON is small.
    const limit = Math.ceil((this.#options.maxImageBytes * 4) / 3) + SMALL_BODY_LIMIT;
    const raw = await readBody(req, limit);
    if (session.serverErrorsLeft > 0) {
      session.serverErrorsLeft--;
      throw new HttpFailure(503, 'service_unavailable', 'Simulated outage (mock_behavior).', {
        'Retry-After': '0',
      });
    }
    if (this.missingImages(session).length === 0) {
      throw new HttpFailure(409, 'session_complete', 'All required images were already submitted.');
    }
    const image = readAddImageBody(parseJsonBody(req, raw), stepsByName(session));
    // A selfie's document type means nothing; the seed does not forbid sending one.
    const documentType = image.type === 'selfie' ? undefined : image.documentType;

    const bytes = Buffer.from(image.data, 'base64');
    const fail = (code: string, message: string) => new HttpFailure(400, code, message);
    if (bytes.length > this.#options.maxImageBytes) {
      throw fail('image_too_large', `The image is over ${this.#options.maxImageBytes} bytes.`);
    }
    const header = readImageHeader(bytes);
    if (!header.ok) throw fail(header.code, header.message);
    if (image.mimeType !== undefined && header.mimeType !== image.mimeType) {
      throw fail(
        'mime_type_mismatch',
        `image.mime_type is ${image.mimeType}, the data is ${header.mimeType}.`,
      );
    }
    if (
      (image.width !== undefined && header.width !== image.width) ||
      (image.height !== undefined && header.height !== image.height)
    ) {
      throw fail(
        'dimension_mismatch',
        `Declared ${image.width}x${image.height}, the image is ${header.width}x${header.height}.`,
      );
    }
    if (Math.min(header.width, header.height) < MIN_SHORT_SIDE) {
      throw fail('image_too_small', `The short side must be at least ${MIN_SHORT_SIDE} px.`);
    }
    if (Math.max(header.width, header.height) > MAX_SIDE) {
      throw fail('image_too_large', `No side may be over ${MAX_SIDE} px.`);
    }
    if (image.type === 'document_back' && documentType === 'passport') {
      throw fail('unexpected_image', 'A passport has no back side to submit.');
    }
    const other = session.images.find(
      (stored) =>
        stored.feedback === 'ok' && stored.documentType && stored.documentType !== documentType,
    );
    if (documentType && other) {
      throw fail(
        'document_type_mismatch',
        `This session's ${other.type} is a ${other.documentType}, not a ${documentType}.`,
      );
    }

    const attempt = session.attempts[image.type] ?? 0;
    session.attempts[image.type] = attempt + 1;
    const feedback = session.behavior.feedback?.[image.type]?.[attempt] ?? 'ok';
    session.images.push({
      id: `img_${randomBytes(9).toString('base64url')}`,
      type: image.type,
      mimeType: header.mimeType,
      width: header.width,
      height: header.height,
      bytes,
      feedback,
      source: image.source,
      documentType,
      capturedAt: image.capturedAt,
      deviceInfo: image.deviceInfo,
      createdAt: this.#options.now(),
    });
    const missing = this.missingImages(session);
    return {
      feedback,
      complete: missing.length === 0 ? 'true' : 'false',
      missing_images: missing.map((step) => nameOf(session, step)),
    };
  }

  #list(session: MockSession): { session_images: Record<string, unknown>[] } {
    return {
      session_images: session.images.map((image) => ({
        id: image.id,
        type: nameOf(session, image.type),
        mime_type: image.mimeType,
        width: image.width,
        height: image.height,
        size_bytes: image.bytes.length,
        feedback: image.feedback,
        ...(image.source ? { source: image.source } : {}),
        ...(image.documentType ? { document_type: image.documentType } : {}),
        created_at: iso(image.createdAt),
      })),
    };
  }

  #sendImage(res: ServerResponse, session: MockSession, imageId: string): void {
    const image = session.images.find((stored) => stored.id === imageId);
    if (!image) throw new HttpFailure(404, 'image_not_found', 'No such image in this session.');
    sendBytes(res, image.mimeType, image.bytes);
  }

  #result(session: MockSession): SessionResult {
    const missing = this.missingImages(session);
    const accepted = session.images.filter((image) => image.feedback === 'ok');
    const additional = {
      missing_images: missing.map((step) => nameOf(session, step)),
      images_received: session.images.length,
    };
    if (missing.length > 0) {
      return {
        session_id: session.id,
        status: 'incomplete',
        recommendation: null,
        person: null,
        document: null,
        additional_info: additional,
        checks: null,
      };
    }
    const recommendation = session.behavior.recommendation ?? 'APPROVE';
    const documentType = accepted.find((image) => image.type === 'document_front')?.documentType;
    const verdict = (failsOn: Recommendation) =>
      recommendation === failsOn ? 'FAIL' : recommendation === 'REVIEW' ? 'REVIEW' : 'PASS';
    return {
      session_id: session.id,
      status: 'complete',
      recommendation,
      // Fake specimen data (the German ID card specimen), never real PII.
      person: {
        first_name: 'ERIKA',
        last_name: 'MUSTERMANN',
        date_of_birth: '1964-08-12',
        nationality: 'DEU',
        gender: 'F',
      },
      document: {
        type: documentType ?? DocumentType.IdentityCard,
        number: 'T22000129',
        issuing_country: 'DEU',
        date_of_issue: '2021-08-02',
        date_of_expiry: '2031-08-01',
      },
      additional_info: { ...additional, mock: true, state: session.state ?? null },
      checks: {
        document_authenticity: verdict('DENY'),
        document_expiry: 'PASS',
        face_match: verdict('DENY'),
        image_quality: 'PASS',
      },
    };
  }
}
