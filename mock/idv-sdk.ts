// An in-memory mock of the "IDV SDK" endpoints of the KYC API 2.10.15 (seed 001), plus a
// demo/test-only endpoint that plays the integrator's backend (creates sessions, shows state).
//
// Seed 001 gives, per operation, the `X-Client-Id` header (required), oauth2 (bearer), the JSON or
// multipart body fields with their types and the 200 reply body. It is silent on the rest; the
// choices made here:
//   - Paths and methods. The seed names operations, not paths. By default every SDK call is a POST
//     under /idv-sdk (session read too: the seed gives it a JSON body), the probes are GETs, and
//     each path can be set (`paths`, like the SDK's `protocolOptions.paths`, so that tests serve
//     the mock under the paths a real deployment has):
//       GET  /idv-sdk/ping                                        -> {pong: true, timestamp}
//       GET  /idv-sdk/health                                      -> {status: "ok", timestamp}
//       POST /idv-sdk/session/read       {session_id}             -> session information
//       POST /idv-sdk/consent            {session_id, consented}  -> {}
//       POST /idv-sdk/document-type      {session_id, document_type_e} -> {}
//       POST /idv-sdk/document/front     multipart: session_id, latitude, longitude, image -> {}
//       POST /idv-sdk/document/back      multipart: session_id, latitude, longitude, image -> {}
//       POST /idv-sdk/liveness/generate  {session_id, latitude, longitude} -> {token}
//       POST /idv-sdk/liveness/process   {session_id, latitude, longitude, images?} -> {token}
//       POST /idv-sdk/metadata           {session_id, sdk_metadata} -> {}
//       POST /idv-sdk/finalize           {session_id, settings?} -> {verified, on_sanction_list}
//     Demo-only (no auth; never reachable through the /idv-sdk API):
//       POST /demo/idv/sessions  {client_id?, settings?, verified?, on_sanction_list?}
//                                -> {session_id, client_id, access_token}
//       GET  /demo/idv/sessions/{session_id} -> the stored state (images as metadata, no bytes)
//   - Auth. The probes carry no oauth2 in the seed (Utility section), so they are open. Every SDK
//     call needs `Authorization: Bearer <token>` and `X-Client-Id`. The demo endpoint issues one
//     bearer token per session, bound to that session and its client id. Missing/malformed bearer:
//     401 token_missing/token_malformed; unknown token: 401 token_invalid; missing X-Client-Id:
//     401 client_id_missing; X-Client-Id not the token's client: 403 client_id_mismatch; a
//     session_id other than the token's: 403 session_mismatch; unknown session: 404.
//   - Errors use the project's `{"error": {"code", "message"}}` shape; body validation failures are
//     400 (invalid_field, malformed_body), a body of another content type 415
//     (unsupported_content_type), like session-v1.
//   - Consent: every SDK call except ping/health/session read answers 403 consent_required until a
//     consent with `consented: true` is recorded. `consented: false` is stored (and read back) but
//     does not open the gate. Consent itself needs no consent.
//   - Document type: the seed's enum includes "unknown", which is accepted and stored; image
//     uploads need a known type first (409 document_type_required). A back image for a passport
//     is 409 back_not_expected. Changing the type clears the images already given.
//   - Images: `image` is optional in the seed; here it is required (an upload without one is
//     pointless). It must be a complete JPEG or PNG (readImageHeader), at most maxImageBytes.
//     latitude/longitude are multipart strings that must parse as numbers in range.
//   - Liveness: generate answers a fresh `token`; process needs a generated liveness session (409
//     liveness_not_generated) and answers the same token. The seed's process body is session_id,
//     latitude, longitude and images: it has no field for the token, so none is asked for (and a
//     `token` field is refused like any field the seed does not list). `images` is optional and
//     an "Array of strings" (the seed sets no length): each a base64 JPEG/PNG string, a
//     `data:image/...;base64,` prefix allowed; only the body size bounds the count. A successful
//     process sets liveness_detected and, with images, selfie_given (the seed has no selfie upload:
//     its image uploads are the document front and back, multipart without a type field).
//     liveness_provider_e is always "azure" (the seed's sample value).
//   - Finalization needs consent, a known document type, the front, the back (not for a passport)
//     and liveness; otherwise 409 incomplete, naming what is missing. It answers the outcome set at
//     creation (default verified true, on_sanction_list false). Afterwards every write is 409
//     session_finalized; read and finalize again (same answer) still work.
//   - sdk_metadata must be a JSON object and replaces the previous one.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readImageHeader, type ImageMimeType } from '../src/internal/image-header.ts';
import { isRecord } from '../src/internal/guards.ts';
import {
  applyCors,
  bearerToken,
  failureOf,
  HttpFailure,
  isUnder,
  jsonObject,
  parseMultipart,
  readBody,
  readJsonBody,
  type FormPart,
  sameSecret,
  sendFailure,
  sendJson,
} from './http.ts';

/** The document types of seed 001's `document_type_e` enum. */
export const IDV_DOCUMENT_TYPES = [
  'unknown',
  'driver_license',
  'identification_card',
  'passport',
  'passport_card',
] as const;
/** One `document_type_e` value. */
export type IdvDocumentType = (typeof IDV_DOCUMENT_TYPES)[number];

/** One document image as the mock stored it. */
export interface IdvStoredImage {
  /** Format read from the bytes. */
  readonly mimeType: ImageMimeType;
  /** Pixel width. */
  readonly width: number;
  /** Pixel height. */
  readonly height: number;
  /** The bytes. */
  readonly bytes: Buffer;
  /** Latitude sent with it. */
  readonly latitude: number;
  /** Longitude sent with it. */
  readonly longitude: number;
  /** The part's file name, if any. */
  readonly filename: string | undefined;
}

/** One liveness frame from `images`. */
export interface IdvLivenessFrame {
  /** Format read from the bytes. */
  readonly mimeType: ImageMimeType;
  /** Pixel width. */
  readonly width: number;
  /** Pixel height. */
  readonly height: number;
  /** Decoded size in bytes. */
  readonly byteLength: number;
}

/** One IDV session's state. */
export interface IdvSession {
  readonly sessionId: string;
  readonly clientId: string;
  readonly accessToken: string;
  settings: Record<string, unknown>;
  consented: boolean | undefined;
  documentType: IdvDocumentType | undefined;
  front: IdvStoredImage | undefined;
  back: IdvStoredImage | undefined;
  livenessToken: string | undefined;
  livenessLocation: { latitude: number; longitude: number } | undefined;
  livenessDetected: boolean;
  selfieGiven: boolean;
  livenessFrames: IdvLivenessFrame[];
  sdkMetadata: Record<string, unknown>;
  finalized: boolean;
  finalizeSettings: Record<string, unknown> | undefined;
  readonly outcome: { verified: boolean; on_sanction_list: boolean };
}

/** Settings of the IDV SDK mock. */
export interface IdvSdkMockOptions {
  /** The clock, in ms since epoch. */
  readonly now?: () => number;
  /** Largest accepted image, in bytes; default 15 MB. */
  readonly maxImageBytes?: number;
  /** The path of each operation (partial; the rest keep {@link IDV_SDK_MOCK_PATHS}). */
  readonly paths?: Readonly<Partial<Record<IdvSdkMockOperation, string>>>;
  /** Where the demo endpoint is; default {@link IDV_DEMO_BASE_PATH}. */
  readonly demoPath?: string;
}

/** The mock's default path of each operation (the seed names none). */
export const IDV_SDK_MOCK_PATHS = {
  ping: '/idv-sdk/ping',
  health: '/idv-sdk/health',
  sessionRead: '/idv-sdk/session/read',
  consent: '/idv-sdk/consent',
  documentType: '/idv-sdk/document-type',
  documentFront: '/idv-sdk/document/front',
  documentBack: '/idv-sdk/document/back',
  livenessGenerate: '/idv-sdk/liveness/generate',
  livenessProcess: '/idv-sdk/liveness/process',
  metadata: '/idv-sdk/metadata',
  finalize: '/idv-sdk/finalize',
} as const;
/** One operation of the mock. */
export type IdvSdkMockOperation = keyof typeof IDV_SDK_MOCK_PATHS;

export const IDV_DEMO_BASE_PATH = '/demo/idv/sessions';
const SMALL_BODY_LIMIT = 64 * 1024;
/** Liveness frames the process body's size limit is made for (the seed sets no count). */
const LIVENESS_FRAMES_BUDGET = 10;
const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, X-Client-Id';

const badField = (field: string, message: string) =>
  new HttpFailure(400, 'invalid_field', `${field}: ${message}`);
const notFound = () => new HttpFailure(404, 'not_found', 'No such endpoint.');

function requireString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
    throw badField(key, 'is required: a non-empty string.');
  }
  return value;
}

function coordinate(value: unknown, key: 'latitude' | 'longitude'): number {
  const limit = key === 'latitude' ? 90 : 180;
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) {
    throw badField(key, `is required: a number from -${limit} to ${limit}.`);
  }
  return value;
}

function coordinateString(value: string | undefined, key: 'latitude' | 'longitude'): number {
  const limit = key === 'latitude' ? 90 : 180;
  const parsed = value !== undefined && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(parsed) || Math.abs(parsed) > limit) {
    throw badField(
      key,
      `is required: a non-empty string holding a number from -${limit} to ${limit}.`,
    );
  }
  return parsed;
}

function rejectUnknownKeys(body: Record<string, unknown>, known: readonly string[]): void {
  const unknownKey = Object.keys(body).find((key) => !known.includes(key));
  if (unknownKey !== undefined) throw badField(unknownKey, 'is not a known field.');
}

function checkImage(bytes: Buffer, field: string, maxBytes: number) {
  if (bytes.length > maxBytes) {
    throw new HttpFailure(413, 'image_too_large', `${field}: the image is over ${maxBytes} bytes.`);
  }
  const header = readImageHeader(bytes);
  if (!header.ok) throw new HttpFailure(400, header.code, `${field}: ${header.message}`);
  return header;
}

function decodeBase64Image(value: unknown, index: number, maxBytes: number): IdvLivenessFrame {
  const field = `images[${index}]`;
  if (typeof value !== 'string') throw badField(field, 'must be a base64 string.');
  const data = value.replace(/^data:image\/(?:jpeg|png);base64,/, '');
  if (data.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(data) || data.length % 4 !== 0) {
    throw badField(field, 'must be a base64 string.');
  }
  const bytes = Buffer.from(data, 'base64');
  const header = checkImage(bytes, field, maxBytes);
  return {
    mimeType: header.mimeType,
    width: header.width,
    height: header.height,
    byteLength: bytes.length,
  };
}

/** The IDV SDK mock: state plus request handling. */
export class IdvSdkMock {
  /** Every session, by id (read access for tests). */
  readonly sessions = new Map<string, IdvSession>();
  readonly #byToken = new Map<string, IdvSession>();
  readonly #now: () => number;
  readonly #maxImageBytes: number;
  readonly #operations = new Map<string, IdvSdkMockOperation>();
  readonly #demoPath: string;

  constructor(options: IdvSdkMockOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxImageBytes = options.maxImageBytes ?? 15 * 1024 * 1024;
    this.#demoPath = options.demoPath ?? IDV_DEMO_BASE_PATH;
    const paths = { ...IDV_SDK_MOCK_PATHS, ...options.paths };
    for (const [operation, path] of Object.entries(paths)) {
      this.#operations.set(path.replace(/\/+$/, ''), operation as IdvSdkMockOperation);
    }
  }

  /** Whether this mock answers the path (one of its operations, or its demo endpoint). */
  handles(pathname: string): boolean {
    return this.#operations.has(pathname.replace(/\/+$/, '')) || isUnder(pathname, this.#demoPath);
  }

  /** Handles one request whose path {@link isIdvSdkPath} accepted; never throws. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      await this.#route(req, res, url);
    } catch (error) {
      if (!res.headersSent) this.#send(res, () => sendFailure(res, failureOf(error)));
      else res.end();
    }
  }

  /** Sends with CORS that also allows the X-Client-Id header. */
  #send(res: ServerResponse, send: () => void): void {
    const setHeader = res.setHeader.bind(res);
    res.setHeader = ((name: string, value: number | string | readonly string[]) =>
      setHeader(
        name,
        name.toLowerCase() === 'access-control-allow-headers' ? CORS_ALLOW_HEADERS : value,
      )) as typeof res.setHeader;
    send();
  }

  #json(res: ServerResponse, body: unknown): void {
    this.#send(res, () => sendJson(res, 200, body));
  }

  async #route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '');
    let allowed: string;
    let demoId: string | undefined;
    const demoPath = this.#demoPath;
    const op = this.#operations.get(path);
    if (path === demoPath) allowed = 'POST';
    else if (path.startsWith(`${demoPath}/`)) {
      try {
        demoId = decodeURIComponent(path.slice(demoPath.length + 1));
      } catch {
        throw notFound();
      }
      if (demoId.includes('/')) throw notFound();
      allowed = 'GET';
    } else if (op === 'ping' || op === 'health') allowed = 'GET';
    else if (op !== undefined) allowed = 'POST';
    else throw notFound();
    if (method === 'OPTIONS') {
      applyCors(res);
      res.setHeader('Access-Control-Allow-Headers', CORS_ALLOW_HEADERS);
      res.writeHead(204, { 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (method !== allowed) {
      throw new HttpFailure(405, 'method_not_allowed', `Use ${allowed}.`, { Allow: allowed });
    }

    if (path === demoPath) {
      this.#json(res, this.#demoCreate(await this.#readJson(req, { allowEmpty: true })));
      return;
    }
    if (demoId !== undefined) {
      const session = this.sessions.get(demoId);
      if (!session) throw new HttpFailure(404, 'session_not_found', 'No such session.');
      this.#json(res, this.#demoState(session));
      return;
    }
    if (op === undefined) throw notFound();
    const timestamp = new Date(this.#now()).toISOString();
    if (op === 'ping') {
      this.#json(res, { pong: true, timestamp });
      return;
    }
    if (op === 'health') {
      this.#json(res, { status: 'ok', timestamp });
      return;
    }

    const tokenSession = this.#authenticate(req);
    if (op === 'documentFront' || op === 'documentBack') {
      const contentType = req.headers['content-type'] ?? '';
      const raw = await readBody(req, this.#maxImageBytes + SMALL_BODY_LIMIT);
      const parts = parseMultipart(contentType, raw);
      this.#addDocumentImage(tokenSession, parts, op === 'documentFront' ? 'front' : 'back');
      this.#json(res, {});
      return;
    }
    const limit =
      op === 'livenessProcess'
        ? Math.ceil((this.#maxImageBytes * 4) / 3) * LIVENESS_FRAMES_BUDGET + SMALL_BODY_LIMIT
        : SMALL_BODY_LIMIT;
    const body = jsonObject(await readJsonBody(req, limit));
    const session = this.#session(tokenSession, body);
    switch (op) {
      case 'sessionRead':
        rejectUnknownKeys(body, ['session_id']);
        this.#json(res, this.#read(session));
        return;
      case 'consent': {
        rejectUnknownKeys(body, ['session_id', 'consented']);
        if (typeof body['consented'] !== 'boolean') {
          throw badField('consented', 'is required: a boolean.');
        }
        this.#writable(session);
        session.consented = body['consented'];
        this.#json(res, {});
        return;
      }
      default:
        break;
    }
    this.#consentGate(session);
    this.#json(res, this.#operate(op, session, body));
  }

  #operate(op: IdvSdkMockOperation, session: IdvSession, body: Record<string, unknown>): unknown {
    if (op === 'finalize') return this.#finalize(session, body);
    this.#writable(session);
    switch (op) {
      case 'documentType': {
        rejectUnknownKeys(body, ['session_id', 'document_type_e']);
        const type = body['document_type_e'];
        if (typeof type !== 'string' || !(IDV_DOCUMENT_TYPES as readonly string[]).includes(type)) {
          throw badField(
            'document_type_e',
            `is required: one of ${IDV_DOCUMENT_TYPES.join(', ')}.`,
          );
        }
        if (session.documentType !== type) {
          session.front = undefined;
          session.back = undefined;
        }
        session.documentType = type as IdvDocumentType;
        return {};
      }
      case 'livenessGenerate': {
        rejectUnknownKeys(body, ['session_id', 'latitude', 'longitude']);
        const latitude = coordinate(body['latitude'], 'latitude');
        const longitude = coordinate(body['longitude'], 'longitude');
        session.livenessToken = `lv_${randomBytes(18).toString('base64url')}`;
        session.livenessLocation = { latitude, longitude };
        session.livenessDetected = false;
        session.selfieGiven = false;
        session.livenessFrames = [];
        return { token: session.livenessToken };
      }
      case 'livenessProcess': {
        rejectUnknownKeys(body, ['session_id', 'latitude', 'longitude', 'images']);
        const latitude = coordinate(body['latitude'], 'latitude');
        const longitude = coordinate(body['longitude'], 'longitude');
        const images = body['images'];
        let frames: IdvLivenessFrame[] = [];
        if (images !== undefined) {
          if (!Array.isArray(images))
            throw badField('images', 'must be an array of base64 strings.');
          frames = images.map((image, i) => decodeBase64Image(image, i, this.#maxImageBytes));
        }
        if (session.livenessToken === undefined) {
          throw new HttpFailure(
            409,
            'liveness_not_generated',
            'Generate a liveness session before processing it.',
          );
        }
        session.livenessLocation = { latitude, longitude };
        session.livenessFrames = frames;
        session.livenessDetected = true;
        session.selfieGiven = frames.length > 0;
        return { token: session.livenessToken };
      }
      case 'metadata': {
        rejectUnknownKeys(body, ['session_id', 'sdk_metadata']);
        const metadata = body['sdk_metadata'];
        if (!isRecord(metadata)) throw badField('sdk_metadata', 'is required: an object.');
        session.sdkMetadata = metadata;
        return {};
      }
      default:
        throw notFound();
    }
  }

  async #readJson(req: IncomingMessage, options: { allowEmpty?: boolean } = {}) {
    return jsonObject(await readJsonBody(req, SMALL_BODY_LIMIT, options));
  }

  #authenticate(req: IncomingMessage): IdvSession {
    const token = bearerToken(req);
    const clientId = req.headers['x-client-id'];
    let session: IdvSession | undefined;
    for (const [known, candidate] of this.#byToken) {
      if (sameSecret(known, token)) session = candidate;
    }
    if (!session) throw new HttpFailure(401, 'token_invalid', 'The bearer token is not valid.');
    if (typeof clientId !== 'string' || clientId.trim() === '') {
      throw new HttpFailure(401, 'client_id_missing', 'The X-Client-Id header is missing.');
    }
    if (clientId !== session.clientId) {
      throw new HttpFailure(
        403,
        'client_id_mismatch',
        'X-Client-Id is not the client of the token.',
      );
    }
    return session;
  }

  #session(tokenSession: IdvSession, body: Record<string, unknown>): IdvSession {
    const sessionId = requireString(body, 'session_id');
    return this.#sessionById(tokenSession, sessionId);
  }

  #sessionById(tokenSession: IdvSession, sessionId: string): IdvSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new HttpFailure(404, 'session_not_found', 'No such session.');
    if (session !== tokenSession) {
      throw new HttpFailure(403, 'session_mismatch', 'The token is not for this session.');
    }
    return session;
  }

  #consentGate(session: IdvSession): void {
    if (session.consented !== true) {
      throw new HttpFailure(
        403,
        'consent_required',
        'Add the identity consent (consented: true) before any other call.',
      );
    }
  }

  #writable(session: IdvSession): void {
    if (session.finalized) {
      throw new HttpFailure(409, 'session_finalized', 'The session is already finalized.');
    }
  }

  #addDocumentImage(tokenSession: IdvSession, parts: FormPart[], side: 'front' | 'back'): void {
    const fields = new Map<string, FormPart>();
    for (const part of parts) {
      if (fields.has(part.name)) throw badField(part.name, 'is sent more than once.');
      if (!['session_id', 'latitude', 'longitude', 'image'].includes(part.name)) {
        throw badField(part.name, 'is not a known field.');
      }
      fields.set(part.name, part);
    }
    const text = (name: string) => {
      const part = fields.get(name);
      if (part && part.filename !== undefined) throw badField(name, 'must be a text field.');
      return part?.data.toString('utf8');
    };
    const sessionId = text('session_id');
    if (!sessionId) throw badField('session_id', 'is required: a non-empty string.');
    const session = this.#sessionById(tokenSession, sessionId);
    this.#consentGate(session);
    this.#writable(session);
    const latitude = coordinateString(text('latitude'), 'latitude');
    const longitude = coordinateString(text('longitude'), 'longitude');
    const image = fields.get('image');
    if (!image || image.data.length === 0)
      throw badField('image', 'is required: a JPEG or PNG file.');
    const header = checkImage(image.data, 'image', this.#maxImageBytes);
    if (
      image.contentType !== undefined &&
      /^image\/(jpeg|png)$/i.test(image.contentType) &&
      image.contentType.toLowerCase() !== header.mimeType
    ) {
      throw badField('image', `is a ${header.mimeType}, not the declared ${image.contentType}.`);
    }
    if (session.documentType === undefined || session.documentType === 'unknown') {
      throw new HttpFailure(
        409,
        'document_type_required',
        'Set a known document type before adding document images.',
      );
    }
    if (side === 'back' && session.documentType === 'passport') {
      throw new HttpFailure(409, 'back_not_expected', 'A passport has no back image.');
    }
    session[side] = {
      mimeType: header.mimeType,
      width: header.width,
      height: header.height,
      bytes: Buffer.from(image.data),
      latitude,
      longitude,
      filename: image.filename,
    };
  }

  #read(session: IdvSession) {
    return {
      session_id: session.sessionId,
      client_id: session.clientId,
      document_type_e: session.documentType ?? 'unknown',
      consented: session.consented === true,
      document_front_given: session.front !== undefined,
      document_back_given: session.back !== undefined,
      liveness_detected: session.livenessDetected,
      selfie_given: session.selfieGiven,
      liveness_provider_e: 'azure',
      sdk_metadata: session.sdkMetadata,
      settings: session.settings,
    };
  }

  #finalize(session: IdvSession, body: Record<string, unknown>) {
    rejectUnknownKeys(body, ['session_id', 'settings']);
    const settings = body['settings'];
    if (settings !== undefined && !isRecord(settings))
      throw badField('settings', 'must be an object.');
    if (!session.finalized) {
      const missing: string[] = [];
      if (session.documentType === undefined || session.documentType === 'unknown') {
        missing.push('document_type');
      }
      if (!session.front) missing.push('document_front');
      if (!session.back && session.documentType !== 'passport') missing.push('document_back');
      if (!session.livenessDetected) missing.push('liveness');
      if (missing.length > 0) {
        throw new HttpFailure(409, 'incomplete', `Still missing: ${missing.join(', ')}.`);
      }
      session.finalized = true;
      session.finalizeSettings = settings;
    }
    return { ...session.outcome };
  }

  #demoCreate(body: Record<string, unknown>) {
    rejectUnknownKeys(body, ['client_id', 'settings', 'verified', 'on_sanction_list']);
    const clientId = body['client_id'] ?? 'mock-client';
    if (typeof clientId !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(clientId)) {
      throw badField('client_id', 'must be a string of 1 to 128 visible ASCII characters.');
    }
    const settings = body['settings'] ?? {};
    if (!isRecord(settings)) throw badField('settings', 'must be an object.');
    const flag = (key: string, fallback: boolean) => {
      const value = body[key] ?? fallback;
      if (typeof value !== 'boolean') throw badField(key, 'must be a boolean.');
      return value;
    };
    const session: IdvSession = {
      sessionId: randomUUID(),
      clientId,
      accessToken: `idv_${randomBytes(24).toString('base64url')}`,
      settings,
      consented: undefined,
      documentType: undefined,
      front: undefined,
      back: undefined,
      livenessToken: undefined,
      livenessLocation: undefined,
      livenessDetected: false,
      selfieGiven: false,
      livenessFrames: [],
      sdkMetadata: {},
      finalized: false,
      finalizeSettings: undefined,
      outcome: {
        verified: flag('verified', true),
        on_sanction_list: flag('on_sanction_list', false),
      },
    };
    this.sessions.set(session.sessionId, session);
    this.#byToken.set(session.accessToken, session);
    return {
      session_id: session.sessionId,
      client_id: session.clientId,
      access_token: session.accessToken,
    };
  }

  #demoState(session: IdvSession) {
    const image = (stored: IdvStoredImage | undefined) =>
      stored && {
        mime_type: stored.mimeType,
        width: stored.width,
        height: stored.height,
        byte_length: stored.bytes.length,
        latitude: stored.latitude,
        longitude: stored.longitude,
        filename: stored.filename ?? null,
      };
    return {
      ...this.#read(session),
      consent_recorded: session.consented !== undefined,
      document_front: image(session.front) ?? null,
      document_back: image(session.back) ?? null,
      liveness_token: session.livenessToken ?? null,
      liveness_location: session.livenessLocation ?? null,
      liveness_frames: session.livenessFrames.map((frame) => ({
        mime_type: frame.mimeType,
        width: frame.width,
        height: frame.height,
        byte_length: frame.byteLength,
      })),
      finalized: session.finalized,
      finalize_settings: session.finalizeSettings ?? null,
      outcome: session.outcome,
    };
  }
}

/**
 * Routes a request to the first of `mocks` whose paths it is on; returns whether one took it.
 */
export function routeIdvSdk(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  mocks: readonly IdvSdkMock[],
): boolean {
  const mock = mocks.find((candidate) => candidate.handles(url.pathname));
  if (!mock) return false;
  void mock.handle(req, res, url);
  return true;
}
