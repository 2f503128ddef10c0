// An in-memory mock of the LINK Mobility KYC API (seed 000), plus demo/test-only endpoints that
// script the next verification outcomes and show what the mock received.
//
// Seed 000 gives the four operations (auth token, ping, identity verify, certificate file), their
// request fields, example replies and error codes. Where it is silent or inconsistent, the choices
// made here:
//   - Mounting. Vendor paths live under LINK_KYC_MOCK_BASE (`/link-kyc`), exactly as the seed
//     spells them (no trailing slash, case-sensitive):
//       POST /link-kyc/auth/token        {user, password} -> {token, scopes, expiresIn, token_type}
//       POST /link-kyc/ping              -> {service: "KYC API", status: "ok", date}
//       POST /link-kyc/identity/verify   (bearer) -> {id, idVerification, certification?}
//       GET  /link-kyc/certificate/{id}  (bearer) -> {id, content: base64 PDF}
//     The seed's "URL" line for the certificate says `/identity/{{request_id}}`, but its example
//     request and the certification callback's urlCertificateFile both use `/certificate/{id}`;
//     the mock serves `/certificate/{id}` only. Unknown paths under the base: 404; a known path
//     with another method: 405 with `Allow`; both with an empty JSON body. OPTIONS preflights on
//     known paths: 204 with CORS.
//     Demo-only (no auth; never part of the vendor API; errors in the project's
//     `{"error": {"code", "message"}}` shape, since no vendor client talks to them):
//       POST   /demo/link-kyc/outcomes  {outcomes: [{result?, warning?, process?, status?,
//                                       idVerificationStatus?, rejected?}]}
//                                       -> {queued: <queue length>}
//       DELETE /demo/link-kyc/outcomes  -> {queued: 0}
//       GET    /demo/link-kyc/verifications/{id} -> every attempt, images as metadata only
//       GET    /demo/link-kyc/callbacks/{id}     -> {id, callbacks: [the bodies the vendor
//                                                   would have POSTed, oldest first]}
//   - Auth token. The body must be JSON (`Content-Type: application/json`) holding exactly the
//     non-empty strings `user` and `password` (other keys are rejected). Wrong credentials answer
//     the seed's 500 `{"code":"003","message":"Validation Error: Invalid credentials"}`; a
//     malformed body or missing/extra fields answer 400 with code 003. The seed's 401 for this
//     operation is never produced. Tokens are random opaque strings (not JWTs), valid
//     tokenTtlSeconds from now(): a token is expired once now() >= issue time + TTL. Several
//     tokens may be valid at once; expired ones are forgotten at the next login. The scopes are
//     the seed's five, spelling kept (`kyc.idVeriication.auto` included).
//   - Bearer auth (verify, certificate). A missing, malformed (not `Bearer <token>`), unknown or
//     expired token answers 401 with `Content-Type: application/json; charset=utf-8` and an empty
//     body, as the seed shows. Auth is checked before the body is read.
//   - Ping is open (the seed's example carries no Authorization), ignores any body, always answers
//     200 (the seed's 503 is not simulated) with `date` = now() in UTC as
//     `yyyy-MM-dd HH:mm:ss +00:00`.
//   - Verify body validation (all 400 with code 003 and "Validation Error: <what>", plus the
//     request `id` when it is a non-empty string). Checked in this order: JSON object; `id` a
//     string of 1 to 256 characters, not only whitespace; no top-level key outside the seed's
//     (id, images, expeditorCountry, certify, certifyCallback, manualVerification,
//     manualVerificationCallback) — a documented strictness so contract tests catch typos;
//     `images` an array of 1 or 2 objects holding only `content` (required) and `faceImage`
//     (optional, only on images[0]; null is not accepted); `expeditorCountry` two upper-case
//     letters (ISO 3166-1 alpha-2, not checked against the list); `certify` and
//     `manualVerification` booleans when present (default false); `certifyCallback` and
//     `manualVerificationCallback` absent, null, "" or an absolute http(s) URL (the seed lets them
//     be null or empty, meaning "use the default URL from user settings"). Then every image
//     string must be plain base64 (A-Z a-z 0-9 + /, `=` padding, length a multiple of 4, no
//     `data:` prefix, no whitespace), else the seed's message "Validation Error: There are images
//     with invalid base64 format" (one message for content and faceImage alike). Then each
//     decoded image must be at most maxImageBytes and a complete JPEG or PNG (readImageHeader).
//     The whole body may be at most 3 images' worth of base64 plus 64 KiB; a larger body is a 400
//     003 as well (the seed lists no 413).
//   - Outcomes. A valid verify request takes the next queued outcome (empty queue: result Ok,
//     process Automatic). `status` wins over everything else: 400 -> `{id, code:"003",
//     message:"Validation Error: Invalid request"}`, 500 -> the seed's `{id, code:"001",
//     message:"Unknown Error: Error processing request"}`, 503 -> empty JSON body with
//     `Retry-After: 1`; such a request is not stored as an attempt. `manualVerification: true` in
//     the request forces Manual whatever the outcome says.
//   - Automatic reply: `{id, idVerification: {status: "Completed", process: "Automatic", result,
//     warning, fields}}`. fields (type/code/value/description, description = code as in the seed):
//     TYPE (PASSPORT for one image, IDENTITY for two — the brief's rule; the seed's example pairs
//     IDENTITY with SIDE 1), SIDE (image count), QUALITY_IMAGE_BLURRING ("IQ_GOOD 11%" as in the
//     seed, "IQ_BAD 64%" for a one-image Warning), ICAR_RESULT_DOCUMENT_ID (invented from the
//     seed's "IDESPC1": ID/PA + alpha-3 country when known, else alpha-2 + "C1"), Validation
//     TEST_GLOBAL_AUTHENTICITY_VALUE (FAIL only for NotCorrect), Validation
//     TEST_SIDE_CORRESPONDENCE for two images (FAIL only for Warning) and Validation
//     TEST_FACE_COMPARISON when a faceImage was sent (FAIL only for NotCorrect). NotProcessed has
//     no fields ("server cannot return any information"). `warning` is "" for Ok and a short
//     default message for the other results, unless the outcome gives one.
//   - Operation error (outcome idVerificationStatus "Error", the seed's third "Service Operation
//     Status", of which it shows no example): `{id, idVerification: {status: "Error", process}}`,
//     no result, warning or fields; stored as an attempt.
//   - Manual reply (manualVerification true or outcome process Manual): `{id, idVerification:
//     {status: "Processing", process: "Manual"}}`. `certification: {status: "Processing"}` is
//     added to either reply when certify is true. The mock never calls certifyCallback or
//     manualVerificationCallback. An outcome `rejected: {document: [...], face: [...]}` (reasons
//     from the seed's two lists, at least one) completes the manual verification at once as
//     REJECTED: the ManualIDVerification callback the vendor would POST (the seed's REJECTED
//     example's shape) is recorded and shown by GET /demo/link-kyc/callbacks/{id}; nothing is
//     POSTed. `rejected` on an automatic verification is a 400 of the demo endpoint.
//   - Retakes: the same id may be verified again; every stored attempt is kept, newest last.
//   - Certificate: available at once for an id with any stored attempt that had certify true
//     (200 `{id, content}`, content the base64 of a one-page PDF 1.4 naming the id); otherwise
//     404 with an empty JSON body.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readImageHeader, type ImageMimeType } from '../src/internal/image-header.ts';
import { isRecord } from '../src/internal/guards.ts';
import { LinkKycOperationStatus } from '../server/link-kyc-callback.ts';
import {
  defaultWarning,
  LINK_KYC_DOCUMENT_REASONS,
  LINK_KYC_FACE_REASONS,
  LINK_KYC_OUTCOME_STATUSES,
  LINK_KYC_PROCESSES,
  LINK_KYC_RESULTS,
  LINK_KYC_SCOPES,
  makeCertificatePdf,
  pingDate,
  rejectedCallback,
  verificationFields,
  type LinkKycOutcome,
  type LinkKycOutcomeStatus,
  type LinkKycProcess,
  type LinkKycRejection,
  type LinkKycResult,
} from './link-kyc-replies.ts';
import {
  bearerToken,
  failureOf,
  HttpFailure,
  isUnder,
  mountMock,
  readJsonBody,
  sameSecret,
  sendFailure,
  sendJson,
  sendNoContent,
  sendVendorReply,
  VendorReply,
  type Middleware,
} from './http.ts';

/** Where the vendor paths are mounted. */
export const LINK_KYC_MOCK_BASE = '/link-kyc';
/** Where the demo/test-only endpoints live. */
export const LINK_KYC_DEMO_BASE = '/demo/link-kyc';

/** Settings of the LINK KYC mock. */
export interface LinkKycMockOptions {
  /** The accepted user name. */
  readonly user: string;
  /** The accepted password. */
  readonly password: string;
  /** Token lifetime in seconds (the seed: 3600). */
  readonly tokenTtlSeconds: number;
  /** The clock, in ms since epoch. */
  readonly now: () => number;
  /** Largest accepted decoded image, in bytes. */
  readonly maxImageBytes: number;
}

/** One decoded image as the mock stored it. */
export interface LinkKycStoredImage {
  /** Format read from the bytes. */
  readonly mimeType: ImageMimeType;
  /** Pixel width. */
  readonly width: number;
  /** Pixel height. */
  readonly height: number;
  /** The decoded bytes (never shown by the demo endpoint). */
  readonly bytes: Buffer;
}

/** One entry of `images`. */
export interface LinkKycStoredSide {
  readonly content: LinkKycStoredImage;
  readonly faceImage: LinkKycStoredImage | undefined;
}

/** A verify request's fields, checked, its images decoded. */
export interface ParsedVerify {
  readonly id: string;
  readonly images: readonly LinkKycStoredSide[];
  readonly expeditorCountry: string;
  readonly certify: boolean;
  readonly certifyCallback: string | null | undefined;
  readonly manualVerification: boolean;
  readonly manualVerificationCallback: string | null | undefined;
}

/** One accepted verify request (its fields but the id) and the reply it got. */
export interface VerificationAttempt extends Omit<ParsedVerify, 'id'> {
  /** now() when it was received. */
  readonly receivedAt: number;
  readonly process: LinkKycProcess;
  /** "Completed" for Automatic, "Processing" for Manual, "Error" when the outcome says so. */
  readonly status: LinkKycOperationStatus;
  /** Set for Automatic only. */
  readonly result: LinkKycResult | undefined;
  /** Set for Automatic only. */
  readonly warning: string | undefined;
  /** The JSON body answered. */
  readonly response: Readonly<Record<string, unknown>>;
}

/** Every accepted verify request for one id, newest last. */
export interface StoredVerification {
  readonly id: string;
  readonly attempts: readonly VerificationAttempt[];
}

interface MutableVerification {
  readonly id: string;
  readonly attempts: VerificationAttempt[];
}

const SMALL_BODY_LIMIT = 64 * 1024;
const MAX_ID_LENGTH = 256;
const VERIFY_KEYS = [
  'id',
  'images',
  'expeditorCountry',
  'certify',
  'certifyCallback',
  'manualVerification',
  'manualVerificationCallback',
];
const IMAGE_KEYS = ['content', 'faceImage'];
const INVALID_BASE64 = 'Validation Error: There are images with invalid base64 format';

const empty = (status: number, headers: Readonly<Record<string, string>> = {}) =>
  new VendorReply(status, undefined, headers);
const validation = (message: string, id?: string) =>
  new VendorReply(400, {
    ...(id !== undefined ? { id } : {}),
    code: '003',
    message: `Validation Error: ${message}`,
  });

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The LINK Mobility KYC mock: state plus request handling. */
export class LinkKycMock {
  readonly #verifications = new Map<string, MutableVerification>();
  /** Every verified id with its attempts (read access for tests). */
  readonly verifications: ReadonlyMap<string, StoredVerification> = this.#verifications;
  readonly #tokens = new Map<string, number>();
  /** The callbacks the vendor would have POSTed, by request id. */
  readonly #callbacks = new Map<string, Record<string, unknown>[]>();
  readonly #outcomes: LinkKycOutcome[] = [];
  readonly #options: LinkKycMockOptions;

  constructor(options: LinkKycMockOptions) {
    this.#options = options;
  }

  /** Whether this mock answers the path (vendor paths and demo endpoints). */
  handles(pathname: string): boolean {
    return isUnder(pathname, LINK_KYC_MOCK_BASE, LINK_KYC_DEMO_BASE);
  }

  /** Handles one request whose path {@link handles} accepted; never throws. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      if (isUnder(url.pathname, LINK_KYC_DEMO_BASE)) await this.#routeDemo(req, res, url.pathname);
      else await this.#routeVendor(req, res, url.pathname);
    } catch (error) {
      if (!req.complete) req.resume();
      if (res.headersSent) {
        res.end();
        return;
      }
      if (error instanceof VendorReply) {
        sendVendorReply(res, error);
      } else {
        sendFailure(res, failureOf(error));
      }
    }
  }

  // ---- vendor API ----

  async #routeVendor(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const op = path.slice(LINK_KYC_MOCK_BASE.length);
    let allowed: string;
    let certificateId: string | undefined;
    if (op === '/auth/token' || op === '/ping' || op === '/identity/verify') allowed = 'POST';
    else if (op.startsWith('/certificate/')) {
      const raw = op.slice('/certificate/'.length);
      if (raw === '' || raw.includes('/')) throw empty(404);
      try {
        certificateId = decodeURIComponent(raw);
      } catch {
        throw empty(404);
      }
      allowed = 'GET';
    } else throw empty(404);

    if (method === 'OPTIONS') {
      sendNoContent(res);
      return;
    }
    if (method !== allowed) throw empty(405, { Allow: `${allowed}, OPTIONS` });

    if (op === '/auth/token') {
      sendJson(res, 200, await this.#login(req));
      return;
    }
    if (op === '/ping') {
      req.resume();
      sendJson(res, 200, {
        service: 'KYC API',
        status: 'ok',
        date: pingDate(this.#options.now()),
      });
      return;
    }
    this.#authenticate(req);
    if (certificateId !== undefined) {
      sendJson(res, 200, this.#certificate(certificateId));
      return;
    }
    sendJson(res, 200, await this.#verify(req));
  }

  async #login(req: IncomingMessage): Promise<Record<string, unknown>> {
    const body = await this.#readJson(req, SMALL_BODY_LIMIT, undefined);
    const unknownKey = Object.keys(body).find((key) => key !== 'user' && key !== 'password');
    if (unknownKey !== undefined) throw validation(`Unknown field ${unknownKey}`);
    const { user, password } = body;
    if (typeof user !== 'string' || user === '') {
      throw validation('user is required: a non-empty string');
    }
    if (typeof password !== 'string' || password === '') {
      throw validation('password is required: a non-empty string');
    }
    const userOk = sameSecret(user, this.#options.user);
    const passwordOk = sameSecret(password, this.#options.password);
    if (!userOk || !passwordOk) {
      throw new VendorReply(500, { code: '003', message: 'Validation Error: Invalid credentials' });
    }
    const now = this.#options.now();
    for (const [token, expiresAt] of this.#tokens) {
      if (now >= expiresAt) this.#tokens.delete(token);
    }
    const token = randomBytes(32).toString('base64url');
    this.#tokens.set(token, now + this.#options.tokenTtlSeconds * 1000);
    return {
      token,
      scopes: [...LINK_KYC_SCOPES],
      expiresIn: this.#options.tokenTtlSeconds,
      token_type: 'bearer',
    };
  }

  #authenticate(req: IncomingMessage): void {
    let token: string;
    try {
      token = bearerToken(req);
    } catch {
      throw empty(401);
    }
    const now = this.#options.now();
    let valid = false;
    for (const [known, expiresAt] of this.#tokens) {
      if (sameSecret(known, token) && now < expiresAt) valid = true;
    }
    if (!valid) throw empty(401);
  }

  /** Reads a JSON object body; any problem is a 400 003 (with `id` when given). */
  async #readJson(
    req: IncomingMessage,
    limit: number,
    id: string | undefined,
  ): Promise<Record<string, unknown>> {
    let body: unknown;
    try {
      body = await readJsonBody(req, limit);
    } catch (error) {
      if (error instanceof HttpFailure) throw validation(error.message.replace(/\.$/, ''), id);
      throw error;
    }
    if (!isRecord(body)) throw validation('The body must be a JSON object', id);
    return body;
  }

  async #verify(req: IncomingMessage): Promise<Record<string, unknown>> {
    const maxBase64 = Math.ceil(this.#options.maxImageBytes / 3) * 4;
    const body = await this.#readJson(req, maxBase64 * 3 + SMALL_BODY_LIMIT, undefined);
    const { id, ...request } = this.#parseVerify(body, maxBase64);

    const outcome = this.#outcomes.shift() ?? {};
    if (outcome.status === 400) throw validation('Invalid request', id);
    if (outcome.status === 500) {
      throw new VendorReply(500, {
        id,
        code: '001',
        message: 'Unknown Error: Error processing request',
      });
    }
    if (outcome.status === 503) throw empty(503, { 'Retry-After': '1' });

    const process: LinkKycProcess =
      request.manualVerification || outcome.process === 'Manual' ? 'Manual' : 'Automatic';
    const { Completed, Processing, Error } = LinkKycOperationStatus;
    const certification = request.certify ? { certification: { status: Processing } } : {};
    let attempt: VerificationAttempt;
    const common = { receivedAt: this.#options.now(), ...request, process };
    if (outcome.idVerificationStatus === Error) {
      attempt = {
        ...common,
        status: Error,
        result: undefined,
        warning: undefined,
        response: { id, idVerification: { status: Error, process }, ...certification },
      };
    } else if (process === 'Manual') {
      if (outcome.rejected) {
        const callbacks = this.#callbacks.get(id) ?? [];
        callbacks.push(rejectedCallback(id, outcome.rejected));
        this.#callbacks.set(id, callbacks);
      }
      attempt = {
        ...common,
        status: Processing,
        result: undefined,
        warning: undefined,
        response: {
          id,
          idVerification: { status: Processing, process: 'Manual' },
          ...certification,
        },
      };
    } else {
      const result = outcome.result ?? 'Ok';
      const warning = outcome.warning ?? defaultWarning(result, request.images.length);
      attempt = {
        ...common,
        status: Completed,
        result,
        warning,
        response: {
          id,
          idVerification: {
            status: Completed,
            process: 'Automatic',
            result,
            warning,
            fields: verificationFields(result, request),
          },
          ...certification,
        },
      };
    }
    let stored = this.#verifications.get(id);
    if (!stored) {
      stored = { id, attempts: [] };
      this.#verifications.set(id, stored);
    }
    stored.attempts.push(attempt);
    return { ...attempt.response };
  }

  #parseVerify(body: Record<string, unknown>, maxBase64: number): ParsedVerify {
    const rawId = body['id'];
    const readableId = typeof rawId === 'string' && rawId !== '' ? rawId : undefined;
    const fail = (message: string) => validation(message, readableId);
    if (readableId === undefined || readableId.length > MAX_ID_LENGTH || readableId.trim() === '') {
      throw fail(`id is required: a string of 1 to ${MAX_ID_LENGTH} characters`);
    }
    const id = readableId;
    const unknownKey = Object.keys(body).find((key) => !VERIFY_KEYS.includes(key));
    if (unknownKey !== undefined) throw fail(`Unknown field ${unknownKey}`);

    const images = body['images'];
    if (!Array.isArray(images) || images.length < 1 || images.length > 2) {
      throw fail('images is required: an array of 1 or 2 images');
    }
    const encoded: { content: string; faceImage: string | undefined }[] = [];
    images.forEach((image: unknown, i) => {
      const at = `images[${i}]`;
      if (!isRecord(image)) throw fail(`${at} must be an object`);
      const unknownImageKey = Object.keys(image).find((key) => !IMAGE_KEYS.includes(key));
      if (unknownImageKey !== undefined) throw fail(`Unknown field ${at}.${unknownImageKey}`);
      const content = image['content'];
      if (typeof content !== 'string' || content === '') {
        throw fail(`${at}.content is required: a base64 string`);
      }
      const faceImage = image['faceImage'];
      if (faceImage !== undefined) {
        if (i > 0) throw fail(`${at}.faceImage is only allowed on the first image`);
        if (typeof faceImage !== 'string' || faceImage === '') {
          throw fail(`${at}.faceImage must be a base64 string`);
        }
      }
      encoded.push({ content, faceImage });
    });

    const country = body['expeditorCountry'];
    if (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country)) {
      throw fail('expeditorCountry is required: a two-letter upper-case country code such as ES');
    }
    const flag = (key: string): boolean => {
      const value = body[key];
      if (value === undefined) return false;
      if (typeof value !== 'boolean') throw fail(`${key} must be a boolean`);
      return value;
    };
    const callback = (key: string): string | null | undefined => {
      const value = body[key];
      if (value === undefined || value === null || value === '') return value;
      if (typeof value !== 'string' || !isHttpUrl(value)) {
        throw fail(`${key} must be an http(s) URL, empty or null`);
      }
      return value;
    };
    const certify = flag('certify');
    const certifyCallback = callback('certifyCallback');
    const manualVerification = flag('manualVerification');
    const manualVerificationCallback = callback('manualVerificationCallback');

    const isBase64 = (value: string) =>
      value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value);
    if (
      encoded.some(
        (image) =>
          !isBase64(image.content) || (image.faceImage !== undefined && !isBase64(image.faceImage)),
      )
    ) {
      throw new VendorReply(400, { id, code: '003', message: INVALID_BASE64 });
    }
    const decode = (value: string, field: string): LinkKycStoredImage => {
      const max = this.#options.maxImageBytes;
      if (value.length > maxBase64) throw fail(`${field} is over ${max} bytes`);
      const bytes = Buffer.from(value, 'base64');
      if (bytes.length > max) throw fail(`${field} is over ${max} bytes`);
      const header = readImageHeader(bytes);
      if (!header.ok) {
        throw fail(`${field} is not a complete JPEG or PNG image (${header.message})`);
      }
      return { mimeType: header.mimeType, width: header.width, height: header.height, bytes };
    };
    const sides = encoded.map((image, i) => ({
      content: decode(image.content, `images[${i}].content`),
      faceImage:
        image.faceImage === undefined
          ? undefined
          : decode(image.faceImage, `images[${i}].faceImage`),
    }));
    return {
      id,
      images: sides,
      expeditorCountry: country,
      certify,
      certifyCallback,
      manualVerification,
      manualVerificationCallback,
    };
  }

  #certificate(id: string): Record<string, unknown> {
    const attempt = this.#verifications
      .get(id)
      ?.attempts.filter((candidate) => candidate.certify)
      .at(-1);
    if (!attempt) throw empty(404);
    const pdf = makeCertificatePdf([
      'LINK Mobility KYC - certificate (mock)',
      `Request id: ${id}`,
      `Verified at: ${new Date(attempt.receivedAt).toISOString()}`,
      `Process: ${attempt.process}; result: ${attempt.result ?? 'pending'}`,
    ]);
    return { id, content: pdf.toString('base64') };
  }

  // ---- demo endpoints ----

  async #routeDemo(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const notFound = () => new HttpFailure(404, 'not_found', 'No such endpoint.');
    const sub = path.slice(LINK_KYC_DEMO_BASE.length);
    let allowed: readonly string[];
    let verificationId: string | undefined;
    const callbacks = sub.startsWith('/callbacks/');
    if (sub === '/outcomes') allowed = ['POST', 'DELETE'];
    else if (sub.startsWith('/verifications/') || callbacks) {
      const raw = sub.slice(sub.indexOf('/', 1) + 1);
      if (raw === '' || raw.includes('/')) throw notFound();
      try {
        verificationId = decodeURIComponent(raw);
      } catch {
        throw notFound();
      }
      allowed = ['GET'];
    } else throw notFound();

    if (method === 'OPTIONS') {
      sendNoContent(res);
      return;
    }
    if (!allowed.includes(method)) {
      throw new HttpFailure(405, 'method_not_allowed', `Use ${allowed.join(' or ')}.`, {
        Allow: [...allowed, 'OPTIONS'].join(', '),
      });
    }
    if (verificationId !== undefined && callbacks) {
      sendJson(res, 200, {
        id: verificationId,
        callbacks: this.#callbacks.get(verificationId) ?? [],
      });
      return;
    }
    if (verificationId !== undefined) {
      const stored = this.#verifications.get(verificationId);
      if (!stored) throw new HttpFailure(404, 'verification_not_found', 'No such verification.');
      sendJson(res, 200, demoState(stored));
      return;
    }
    if (method === 'DELETE') {
      req.resume();
      this.#outcomes.length = 0;
      sendJson(res, 200, { queued: 0 });
      return;
    }
    const body = await readJsonBody(req, SMALL_BODY_LIMIT);
    this.#outcomes.push(...parseOutcomes(body));
    sendJson(res, 200, { queued: this.#outcomes.length });
  }
}

function parseOutcomes(body: unknown): LinkKycOutcome[] {
  const bad = (message: string) => new HttpFailure(400, 'invalid_field', message);
  if (!isRecord(body) || !Array.isArray(body['outcomes'])) {
    throw bad('Send {"outcomes": [...]}.');
  }
  const extra = Object.keys(body).find((key) => key !== 'outcomes');
  if (extra !== undefined) throw bad(`${extra}: is not a known field.`);
  return body['outcomes'].map((item: unknown, i): LinkKycOutcome => {
    const at = `outcomes[${i}]`;
    if (!isRecord(item)) throw bad(`${at}: must be an object.`);
    const unknownKey = Object.keys(item).find(
      (key) =>
        !['result', 'warning', 'process', 'status', 'idVerificationStatus', 'rejected'].includes(
          key,
        ),
    );
    if (unknownKey !== undefined) throw bad(`${at}.${unknownKey}: is not a known field.`);
    const { result, warning, process, status, idVerificationStatus } = item;
    if (idVerificationStatus !== undefined && idVerificationStatus !== 'Error') {
      throw bad(`${at}.idVerificationStatus: must be Error.`);
    }
    const rejected = item['rejected'] === undefined ? undefined : parseRejection(item, at, bad);
    if (result !== undefined && !(LINK_KYC_RESULTS as readonly unknown[]).includes(result)) {
      throw bad(`${at}.result: must be one of ${LINK_KYC_RESULTS.join(', ')}.`);
    }
    if (warning !== undefined && typeof warning !== 'string') {
      throw bad(`${at}.warning: must be a string.`);
    }
    if (process !== undefined && !(LINK_KYC_PROCESSES as readonly unknown[]).includes(process)) {
      throw bad(`${at}.process: must be one of ${LINK_KYC_PROCESSES.join(', ')}.`);
    }
    if (
      status !== undefined &&
      !(LINK_KYC_OUTCOME_STATUSES as readonly unknown[]).includes(status)
    ) {
      throw bad(`${at}.status: must be one of ${LINK_KYC_OUTCOME_STATUSES.join(', ')}.`);
    }
    return {
      ...(result !== undefined ? { result: result as LinkKycResult } : {}),
      ...(warning !== undefined ? { warning: warning as string } : {}),
      ...(process !== undefined ? { process: process as LinkKycProcess } : {}),
      ...(status !== undefined ? { status: status as LinkKycOutcomeStatus } : {}),
      ...(idVerificationStatus !== undefined ? { idVerificationStatus } : {}),
      ...(rejected !== undefined ? { rejected } : {}),
    };
  });
}

/** An outcome's `rejected`: the seed's reasons, list by list, at least one, on a Manual outcome. */
function parseRejection(
  item: Record<string, unknown>,
  at: string,
  bad: (message: string) => HttpFailure,
): LinkKycRejection {
  const value = item['rejected'];
  if (item['process'] !== 'Manual') throw bad(`${at}.rejected: needs process Manual.`);
  if (!isRecord(value)) throw bad(`${at}.rejected: must be {document?, face?}.`);
  const list = (key: 'document' | 'face', allowed: readonly string[]): string[] => {
    const reasons = value[key] ?? [];
    if (!Array.isArray(reasons) || !reasons.every((reason) => allowed.includes(reason as string))) {
      throw bad(`${at}.rejected.${key}: must list reasons of ${allowed.join(', ')}.`);
    }
    return reasons as string[];
  };
  const extra = Object.keys(value).find((key) => key !== 'document' && key !== 'face');
  if (extra !== undefined) throw bad(`${at}.rejected.${extra}: is not a known field.`);
  const rejection = {
    document: list('document', LINK_KYC_DOCUMENT_REASONS),
    face: list('face', LINK_KYC_FACE_REASONS),
  };
  if (rejection.document.length + rejection.face.length === 0) {
    throw bad(`${at}.rejected: needs at least one reason.`);
  }
  return rejection;
}

function demoState(stored: StoredVerification) {
  const image = (value: LinkKycStoredImage) => ({
    mimeType: value.mimeType,
    width: value.width,
    height: value.height,
    byteLength: value.bytes.length,
  });
  return {
    id: stored.id,
    attempts: stored.attempts.map((attempt) => ({
      receivedAt: new Date(attempt.receivedAt).toISOString(),
      expeditorCountry: attempt.expeditorCountry,
      certify: attempt.certify,
      certifyCallback: attempt.certifyCallback ?? null,
      manualVerification: attempt.manualVerification,
      manualVerificationCallback: attempt.manualVerificationCallback ?? null,
      process: attempt.process,
      status: attempt.status,
      result: attempt.result ?? null,
      warning: attempt.warning ?? null,
      images: attempt.images.map((side) => ({
        content: image(side.content),
        faceImagePresent: side.faceImage !== undefined,
        faceImage: side.faceImage ? image(side.faceImage) : null,
      })),
      response: attempt.response,
    })),
  };
}

/** A mock with defaults, as a connect-style middleware: answers what it handles, else next(). */
export function createLinkKycMiddleware(options: Partial<LinkKycMockOptions> = {}): {
  middleware: Middleware;
  mock: LinkKycMock;
} {
  const mock = new LinkKycMock({
    user: options.user ?? 'mock-user',
    password: options.password ?? 'mock-password',
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    now: options.now ?? Date.now,
    maxImageBytes: options.maxImageBytes ?? 15 * 1024 * 1024,
  });
  return { middleware: mountMock(mock), mock };
}
