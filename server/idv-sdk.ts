// The idv-sdk proxy (seed 001, KYC API 2.10.15: the "IDV SDK" operations), for the integrator's
// backend.
//
// Seed 001 authorises every call with one oauth2 token, and the same scheme covers its admin
// operations (session create, list, delete, anonymize, document and identity reads, webhooks,
// weights): a browser holding that token could do all of them. So the page holds only a
// short-lived kyc-capture token from `startSession` (tokens.ts), bound to one IDV session, and
// this proxy answers only the SDK operations the capture flow makes: session read, consent,
// document type, document front and back (multipart), liveness generate and process, metadata and
// finalization. It takes `session_id` from the token (never from the browser), rebuilds each body
// from the seed's fields only, adds `X-Client-Id` and the vendor credentials (`vendorHeaders`)
// server-side, and relays the vendor's reply (proxy.ts).
//
// The browser side is `<kyc-capture protocol="idv-sdk" api-base="<mount>">` with the default
// paths (`/idv-sdk/...`), which this proxy answers under its `mountPath` only; `vendorPaths` maps
// each operation to the real service's path (the seed names none). The probes (ping, health) carry
// no token in the seed and are not proxied. What changes the verification is the server's: the
// finalization's `settings` come from `finalizeSettings` (a browser's are refused), and the
// document types the browser may set from `documentTypes`.
import { parseMultipart, readBody, type FormPart, type ReadBodyOptions } from './http.ts';
import { isRecord, nonEmptyString } from './json-fields.ts';
import {
  checkVendorHeaders,
  createEndpoint,
  forwardJson,
  invalidBody,
  proxySettings,
  requestPath,
  resolveVendorHeaders,
  type ProxyCommonOptions,
  type ProxyEndpoint,
  type VendorHeaders,
} from './proxy.ts';
import { nestedErrorFields } from './relay.ts';
import type { IssuedToken, TokenIssuer } from './tokens.ts';

/** The browser-token scope the idv-sdk proxy accepts. */
export const IDV_SDK_SCOPE = 'idv-sdk';

/**
 * The paths the proxy answers (the browser SDK's defaults, under any prefix), which are also the
 * vendor paths unless `vendorPaths` says otherwise. The server helper is built apart from the
 * browser SDK (its own package entry, no import of src/), hence its own copy of the defaults.
 */
export const IDV_SDK_PROXY_PATHS = {
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
/** One operation the idv-sdk proxy forwards. */
export type IdvSdkProxyOperation = keyof typeof IDV_SDK_PROXY_PATHS;

/** What {@link createIdvSdkProxy} takes. */
export interface IdvSdkProxyOptions extends ProxyCommonOptions {
  /** The KYC API's base URL (the part before each operation's path). */
  readonly vendorBaseUrl: string;
  /** The vendor path of each operation that differs from {@link IDV_SDK_PROXY_PATHS}. */
  readonly vendorPaths?: Readonly<Partial<Record<IdvSdkProxyOperation, string>>>;
  /** Your client id, sent as `X-Client-Id` on every call (the browser's is not passed on). */
  readonly clientId: string;
  /**
   * The seed's oauth2 credentials, e.g. `{ Authorization: 'Bearer <token>' }`, or a function
   * giving them per request (called with the IDV session id, e.g. to fetch or renew a token); if
   * it throws, the browser gets 502 `upstream_auth_failed`. Never sent to the browser.
   */
  readonly vendorHeaders:
    | Readonly<Record<string, string>>
    | ((sessionId: string) => Promise<Readonly<Record<string, string>>>);
  /** Mints and checks the browser tokens (scope `idv-sdk`). */
  readonly tokens: TokenIssuer;
  /**
   * The finalization's `settings` (seed 001's open object), sent by the proxy; a browser body with
   * `settings` is 400 `invalid_body`: how the verification ends is the server's choice. Default
   * none sent.
   */
  readonly finalizeSettings?: Readonly<Record<string, unknown>>;
  /**
   * The `document_type_e` values the browser may set; another is 400 `invalid_body`. Default the
   * seed's five (`unknown`, `driver_license`, `identification_card`, `passport`, `passport_card`).
   */
  readonly documentTypes?: readonly IdvSdkDocumentType[];
}

/** One of seed 001's `document_type_e` values. */
export type IdvSdkDocumentType =
  'unknown' | 'driver_license' | 'identification_card' | 'passport' | 'passport_card';

/** The idv-sdk proxy: `handle` and `middleware` answer the SDK operations (see ProxyEndpoint). */
export interface IdvSdkProxy extends ProxyEndpoint {
  /** Mints a browser token bound to this IDV session (from your "session create"). */
  startSession(sessionId: string): IssuedToken;
}

/** The document types of seed 001's `document_type_e` enum. */
const DOCUMENT_TYPES: readonly IdvSdkDocumentType[] = [
  'unknown',
  'driver_license',
  'identification_card',
  'passport',
  'passport_card',
];
/** Form fields of the seed's document image add (besides session_id, which comes from the token). */
const IMAGE_TEXT_FIELDS = ['latitude', 'longitude'] as const;

const finiteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** The browser's JSON object, or a 400. */
function objectBody(input: unknown): Record<string, unknown> {
  if (!isRecord(input)) throw invalidBody('The body must be a JSON object.');
  return input;
}

/** The seed's latitude and longitude (numbers, required), or a 400. */
function position(body: Record<string, unknown>): { latitude: number; longitude: number } {
  const { latitude, longitude } = body;
  if (!finiteNumber(latitude) || !finiteNumber(longitude)) {
    throw invalidBody('latitude and longitude must be numbers.');
  }
  return { latitude, longitude };
}

/** The server's choices the JSON bodies hold the browser to. */
interface BodyConfig {
  readonly documentTypes: readonly string[];
  readonly finalizeSettings: Readonly<Record<string, unknown>> | undefined;
}

/** The JSON body sent to the vendor for each operation, from the seed's fields only. */
const jsonBodies = ({
  documentTypes,
  finalizeSettings,
}: BodyConfig): Readonly<
  Record<
    Exclude<IdvSdkProxyOperation, 'documentFront' | 'documentBack'>,
    (body: Record<string, unknown>) => Record<string, unknown>
  >
> => ({
  sessionRead: () => ({}),
  consent: ({ consented }) => {
    if (typeof consented !== 'boolean') throw invalidBody('consented must be a boolean.');
    return { consented };
  },
  documentType: ({ document_type_e: type }) => {
    if (typeof type !== 'string' || !documentTypes.includes(type)) {
      throw invalidBody(`document_type_e must be one of ${documentTypes.join(', ')}.`);
    }
    return { document_type_e: type };
  },
  livenessGenerate: (body) => position(body),
  livenessProcess: (body) => {
    const { images } = body;
    if (images !== undefined && !(Array.isArray(images) && images.every(nonEmptyString))) {
      throw invalidBody('images must be an array of base64 strings.');
    }
    return { ...position(body), ...(images !== undefined ? { images } : {}) };
  },
  metadata: ({ sdk_metadata: metadata }) => {
    if (!isRecord(metadata)) throw invalidBody('sdk_metadata must be a JSON object.');
    return { sdk_metadata: metadata };
  },
  finalize: ({ settings }) => {
    if (settings !== undefined) throw invalidBody('settings are set by the server, not sent.');
    return finalizeSettings !== undefined ? { settings: finalizeSettings } : {};
  },
});

/** Reads a multipart body (the seed's document image add), bounded. */
async function readForm(
  req: Parameters<typeof readBody>[0],
  maxBodyBytes: number,
  options: ReadBodyOptions,
): Promise<FormPart[]> {
  return parseMultipart(
    req.headers['content-type'] ?? '',
    await readBody(req, maxBodyBytes, options),
  );
}

/** The vendor form for a document image: the seed's fields, session_id from the token. */
function imageForm(parts: unknown, sessionId: string): FormData {
  const fields = new Map<string, FormPart>();
  for (const part of parts as FormPart[]) {
    if (fields.has(part.name)) throw invalidBody(`${part.name} is sent more than once.`);
    fields.set(part.name, part);
  }
  const form = new FormData();
  form.append('session_id', sessionId);
  for (const name of IMAGE_TEXT_FIELDS) {
    const value = fields.get(name);
    const text = value && value.filename === undefined ? value.data.toString('utf8') : '';
    if (text === '') throw invalidBody(`${name} must be a non-empty text field.`);
    form.append(name, text);
  }
  const image = fields.get('image');
  if (image) {
    if (image.filename === undefined) throw invalidBody('image must be a file.');
    const type = /^image\/(jpeg|png)$/i.test(image.contentType ?? '') ? image.contentType : '';
    form.append('image', new Blob([new Uint8Array(image.data)], { type }), image.filename);
  }
  return form;
}

/**
 * Creates the idv-sdk proxy. Per request: match an SDK operation's path (404 otherwise), check the
 * browser token (401 with its code), read the body (413 over `maxBodyBytes`; JSON, or multipart
 * for the document images), rebuild the vendor body from the seed's fields with the token's
 * session id (400 `invalid_body`), forward with `X-Client-Id` and the vendor headers, and relay
 * the reply as proxy.ts describes.
 * @throws TypeError/RangeError for bad options.
 */
export function createIdvSdkProxy(options: IdvSdkProxyOptions): IdvSdkProxy {
  const settings = proxySettings(options);
  const { tokens, clientId, vendorHeaders } = options;
  checkVendorHeaders(vendorHeaders);
  if (!nonEmptyString(clientId) || !/^[\x21-\x7e]+$/.test(clientId)) {
    throw new TypeError('clientId must be a non-empty string of visible ASCII characters.');
  }
  const vendorPaths: Record<string, string> = { ...IDV_SDK_PROXY_PATHS };
  for (const [operation, path] of Object.entries(options.vendorPaths ?? {})) {
    if (!Object.hasOwn(IDV_SDK_PROXY_PATHS, operation)) {
      throw new TypeError(`vendorPaths.${operation} is not an operation the proxy forwards.`);
    }
    if (typeof path !== 'string' || !/^\/(?!\/)[^\s?#\\]*$/.test(path)) {
      throw new TypeError(`vendorPaths.${operation} must be a path starting with one "/".`);
    }
    vendorPaths[operation] = path;
  }
  const documentTypes = options.documentTypes ?? DOCUMENT_TYPES;
  if (
    !Array.isArray(documentTypes) ||
    documentTypes.length === 0 ||
    !documentTypes.every((type) => DOCUMENT_TYPES.includes(type))
  ) {
    throw new TypeError(`documentTypes must be a non-empty list of ${DOCUMENT_TYPES.join(', ')}.`);
  }
  const { finalizeSettings } = options;
  if (finalizeSettings !== undefined && !isRecord(finalizeSettings)) {
    throw new TypeError('finalizeSettings must be a JSON object.');
  }
  const JSON_BODIES = jsonBodies({ documentTypes, finalizeSettings });

  async function headers(sessionId: string): Promise<Record<string, string>> {
    const given: VendorHeaders =
      typeof vendorHeaders === 'function' ? () => vendorHeaders(sessionId) : vendorHeaders;
    return { ...(await resolveVendorHeaders(given)), 'X-Client-Id': clientId };
  }

  const operations = Object.keys(IDV_SDK_PROXY_PATHS) as IdvSdkProxyOperation[];
  const endpoints = operations.map((operation) => {
    const url = `${settings.vendorBaseUrl}${vendorPaths[operation]}`;
    const multipart = operation === 'documentFront' || operation === 'documentBack';
    return createEndpoint({
      path: IDV_SDK_PROXY_PATHS[operation],
      scope: IDV_SDK_SCOPE,
      tokens,
      settings,
      allowHeaders: ['X-Client-Id'],
      errorFields: nestedErrorFields,
      ...(multipart ? { readBody: readForm } : {}),
      async forward(claims, input, signal) {
        const sessionId = claims.subject;
        const body = multipart
          ? imageForm(input, sessionId)
          : JSON.stringify({
              session_id: sessionId,
              ...JSON_BODIES[operation as keyof typeof JSON_BODIES](objectBody(input)),
            });
        return forwardJson({ ...settings, url, headers: await headers(sessionId), body, signal });
      },
    });
  });

  const middleware: IdvSdkProxy['middleware'] = (req, res, next) => {
    const run = (index: number): void => {
      const endpoint = endpoints[index];
      if (endpoint) endpoint.middleware(req, res, () => run(index + 1));
      else next();
    };
    run(0);
  };

  async function handle(...[req, res]: Parameters<IdvSdkProxy['handle']>): Promise<void> {
    // Not one of the paths: the first endpoint answers 404 like any unknown path.
    const path = requestPath(req);
    const index = operations.findIndex(
      (operation) => path === `${settings.mountPath}${IDV_SDK_PROXY_PATHS[operation]}`,
    );
    await (endpoints[Math.max(index, 0)] as ProxyEndpoint).handle(req, res);
  }

  function startSession(sessionId: string): IssuedToken {
    if (!nonEmptyString(sessionId)) throw new TypeError('sessionId must be a non-empty string.');
    return tokens.issue({ scope: IDV_SDK_SCOPE, subject: sessionId });
  }

  return { startSession, handle, middleware };
}
