// Shared node:http plumbing for the vendor proxies (link-kyc.ts, validation-v2.ts, idv-sdk.ts,
// session-v1.ts).
//
// Each proxy is one narrow endpoint: the browser posts the vendor's own path and body to the
// integrator's backend with a short-lived token minted by tokens.ts; the proxy checks the token,
// rebuilds a safe vendor body from whitelisted fields and forwards it with the real credentials.
// This module holds what they share: their options, the endpoint shell (exact mount and path
// matching, CORS preflight, the browser token, the caps on bodies in flight (limits.ts), the
// bounded and timed JSON body, error replies), forwarding with a timeout and no redirects, and
// sending what relay.ts makes of the vendor's reply (documented error fields, secrets redacted).
// Request reading itself is http.ts's, which the mock backends share.
//
// Every reply this module makes itself is `{"error":{"code","message"}}`. Messages are fixed
// strings: they never carry tokens, credentials, images or vendor bodies. Nothing is logged;
// failures the integrator may want to see go to the optional `onError` hook.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord } from './json-fields.ts';
import {
  bearerToken,
  ProxyHttpError,
  readJsonBody,
  type Middleware,
  type ReadBodyOptions,
} from './http.ts';
import { processBodyLimits, type BodyLimits } from './limits.ts';
import { relayedReply, secretsOf, type ErrorFields, type VendorReply } from './relay.ts';
import { BrowserTokenError, type TokenIssuer, type VerifiedClaims } from './tokens.ts';

export { ProxyHttpError, type Middleware } from './http.ts';
export type { VendorReply } from './relay.ts';

/** One proxied vendor endpoint. */
export interface ProxyEndpoint {
  /**
   * Answers one request: the endpoint's POST, its OPTIONS preflight, 405 for other methods on
   * its path and 404 for other paths. Never rejects: every failure becomes a JSON error reply.
   */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Answers only POST and OPTIONS on the endpoint's path; calls `next()` for anything else. */
  readonly middleware: Middleware;
}

/** Options both proxies share. */
export interface ProxyCommonOptions {
  /**
   * The path where the proxy is mounted, as the request's path shows it (`/kyc/link-kyc`; no
   * trailing slash): the proxy answers exactly that path followed by its vendor path, and nothing
   * else. Default `''` (the vendor path alone, e.g. behind Express's `app.use(mount, …)`, which
   * strips the mount from `req.url`).
   */
  readonly mountPath?: string;
  /** Largest browser body accepted, in bytes; bigger ones get 413. Default 25 MB. */
  readonly maxBodyBytes?: number;
  /**
   * Time allowed for the browser's body to arrive, in ms; a slower sender gets 408
   * `body_timeout` and the connection is closed. Default 30000 (the browser SDK's own timeout).
   */
  readonly bodyTimeoutMs?: number;
  /**
   * Caps on bodies in flight, per browser session and per process (`createBodyLimits`); over
   * them, 429 `too_many_requests` / 503 `server_busy` with Retry-After before the body is read.
   * Default one counter shared by every proxy of the process (16 bodies, 2 per session).
   */
  readonly bodyLimits?: BodyLimits;
  /** Time allowed for the vendor call, reply body included, in ms. Default 60000. */
  readonly timeoutMs?: number;
  /** The fetch used to call the vendor. Default the global fetch. */
  readonly fetch?: typeof fetch;
  /**
   * `Access-Control-Allow-Origin` for replies and preflights; null sends no CORS headers (the
   * proxy is same-origin). Default `*`, which is safe here: the endpoint authenticates by bearer
   * token only, never by cookie.
   */
  readonly allowOrigin?: string | null;
  /**
   * Called with every 5xx the proxy answered (login errors, vendor unreachable, timed out or
   * failing, bad vendor replies, bugs), as the ProxyHttpError sent; its `cause` holds the
   * underlying error (a LinkKycAuthError, a network error, ...). No secret is in either. A browser
   * that went away (499 `client_closed`) is not reported: nothing failed on this side.
   */
  readonly onError?: (error: ProxyHttpError) => void;
}

/** Default largest browser body: 25 MB (three high-resolution base64 images fit well). */
export const DEFAULT_MAX_BODY_BYTES = 25 * 1024 * 1024;
/** Default vendor timeout: 60 s (document verification is slow). */
export const DEFAULT_PROXY_TIMEOUT_MS = 60_000;
/** Default time for the browser's body to arrive: 30 s. */
export const DEFAULT_BODY_TIMEOUT_MS = 30_000;
/** Largest vendor reply relayed, in bytes; bigger ones get 502. */
export const MAX_VENDOR_REPLY_BYTES = 10 * 1024 * 1024;

/** The options both proxies share, checked and with their defaults filled in. */
export interface ProxySettings {
  /** The vendor's base URL, without trailing slashes. */
  readonly vendorBaseUrl: string;
  /** Where the proxy is mounted: `''` or a path without a trailing slash. */
  readonly mountPath: string;
  readonly fetch: typeof fetch;
  readonly maxBodyBytes: number;
  readonly bodyTimeoutMs: number;
  readonly bodyLimits: BodyLimits;
  readonly timeoutMs: number;
  readonly allowOrigin: string | null;
  readonly onError: ((error: ProxyHttpError) => void) | undefined;
}

/**
 * Checks the options both proxies share and fills in their defaults.
 * @throws TypeError/RangeError for bad options.
 */
export function proxySettings(
  options: ProxyCommonOptions & { readonly vendorBaseUrl: string },
): ProxySettings {
  return {
    vendorBaseUrl: baseUrlOption(options.vendorBaseUrl, 'vendorBaseUrl'),
    mountPath: mountPathOption(options.mountPath),
    fetch: options.fetch ?? globalThis.fetch,
    maxBodyBytes: positiveOption(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes'),
    bodyTimeoutMs: positiveOption(options.bodyTimeoutMs, DEFAULT_BODY_TIMEOUT_MS, 'bodyTimeoutMs'),
    bodyLimits: options.bodyLimits ?? processBodyLimits,
    timeoutMs: positiveOption(options.timeoutMs, DEFAULT_PROXY_TIMEOUT_MS, 'timeoutMs'),
    allowOrigin: options.allowOrigin === undefined ? '*' : options.allowOrigin,
    onError: options.onError,
  };
}

/** Checks a `mountPath` option: `''`, or `/segment…` without a trailing slash, query or dots. */
function mountPathOption(value: unknown): string {
  if (value === undefined || value === '') return '';
  if (
    typeof value !== 'string' ||
    !/^(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+$/.test(value) ||
    value.split('/').some((segment) => segment === '.' || segment === '..')
  ) {
    throw new TypeError('mountPath must be "" or a path such as "/kyc/link-kyc" (no trailing /).');
  }
  return value;
}

/** Checks a positive finite number option, or returns its default. */
export function positiveOption(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number.`);
  }
  return value;
}

/** Checks an http(s) base URL option and returns it without trailing slashes. */
export function baseUrlOption(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} must be an absolute http(s) URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`${name} must be an absolute http(s) URL.`);
  }
  if (url.search || url.hash) throw new TypeError(`${name} must not have a query or fragment.`);
  return url.href.replace(/\/+$/, '');
}

function corsHeaders(allowOrigin: string | null): Record<string, string> {
  if (allowOrigin === null) return {};
  return {
    'Access-Control-Allow-Origin': allowOrigin,
    'Access-Control-Expose-Headers': 'Retry-After',
    ...(allowOrigin === '*' ? {} : { Vary: 'Origin' }),
  };
}

/** Answers a JSON body (already serialised) with no-store caching. */
export function sendJsonText(
  res: ServerResponse,
  status: number,
  text: string | Buffer,
  allowOrigin: string | null,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, {
    ...corsHeaders(allowOrigin),
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** Answers `{"error":{"code","message"}}` for a failure. */
export function sendError(
  res: ServerResponse,
  failure: ProxyHttpError,
  allowOrigin: string | null,
): void {
  const body = JSON.stringify({ error: { code: failure.code, message: failure.message } });
  sendJsonText(res, failure.status, body, allowOrigin, failure.headers);
}

/** Checks the request's browser token for `scope`; a 401 with the token error's code otherwise. */
function verifyBrowserToken(
  req: IncomingMessage,
  tokens: TokenIssuer,
  scope: string,
): VerifiedClaims {
  const token = bearerToken(req);
  try {
    return tokens.verify(token, scope);
  } catch (error) {
    if (error instanceof BrowserTokenError) {
      throw new ProxyHttpError(401, error.code, error.message, {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    }
    throw error;
  }
}

/** A 400 for a browser body that does not have the expected shape. */
export function invalidBody(message: string): ProxyHttpError {
  return new ProxyHttpError(400, 'invalid_body', message);
}

/** Vendor request headers, or a function giving them per request. */
export type VendorHeaders =
  Readonly<Record<string, string>> | (() => Promise<Readonly<Record<string, string>>>);

/** Headers the integrator's `vendorHeaders` may not set. */
const RESERVED_HEADERS = new Set([
  'accept',
  'connection',
  'content-length',
  'content-type',
  'host',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
]);

/** Checks a `vendorHeaders` option. @throws TypeError when it is neither a record nor a function. */
export function checkVendorHeaders(vendorHeaders: unknown): void {
  if (typeof vendorHeaders !== 'function' && !isRecord(vendorHeaders)) {
    throw new TypeError('vendorHeaders must be a header record or a function returning one.');
  }
}

/**
 * The vendor headers for one request, reserved ones dropped. When the integrator's function
 * throws or gives something fetch would refuse: 502 `upstream_auth_failed`.
 */
export async function resolveVendorHeaders(
  vendorHeaders: VendorHeaders,
): Promise<Record<string, string>> {
  try {
    const given = typeof vendorHeaders === 'function' ? await vendorHeaders() : vendorHeaders;
    if (!isRecord(given)) throw new TypeError('vendorHeaders did not give a header record.');
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(given)) {
      if (typeof value !== 'string') throw new TypeError('A vendor header value is not a string.');
      if (!RESERVED_HEADERS.has(name.toLowerCase())) out[name] = value;
    }
    new Headers(out); // throws on names or values fetch would refuse
    return out;
  } catch (error) {
    throw new ProxyHttpError(
      502,
      'upstream_auth_failed',
      'The proxy could not get its identity-service credentials.',
      {},
      { cause: error },
    );
  }
}

/** What {@link forwardJson} needs. */
export interface ForwardRequest {
  readonly fetch: typeof fetch;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The serialised JSON body, or a form that fetch sends as multipart/form-data. */
  readonly body: string | FormData;
  readonly timeoutMs: number;
  /** Aborted when the browser goes away. */
  readonly signal: AbortSignal;
  /**
   * Secrets besides the header values (which are always hidden) that the browser must not see in
   * the reply, e.g. a login's user and password.
   */
  readonly secrets?: readonly string[];
}

async function readCapped(response: Response, cap: number): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      throw new ProxyHttpError(502, 'bad_gateway', 'The identity service sent too large a reply.');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * POSTs a JSON body (or a multipart form) to the vendor and reads the reply, all within
 * `timeoutMs`. Redirects are refused (credentials must not follow them). Timeout → 504
 * `upstream_timeout`; network failure → 502 `upstream_unreachable`.
 */
export async function forwardJson(request: ForwardRequest): Promise<VendorReply> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = AbortSignal.any([timeout, request.signal]);
  try {
    const response = await request.fetch(request.url, {
      method: 'POST',
      headers: {
        ...request.headers,
        // A form's Content-Type (with its boundary) is fetch's to set.
        ...(typeof request.body === 'string' ? { 'Content-Type': 'application/json' } : {}),
        Accept: 'application/json',
      },
      body: request.body,
      redirect: 'error',
      signal,
    });
    const body = await readCapped(response, MAX_VENDOR_REPLY_BYTES);
    return {
      status: response.status,
      headers: response.headers,
      body,
      secrets: secretsOf(request.headers, request.secrets),
    };
  } catch (error) {
    if (error instanceof ProxyHttpError) throw error;
    if (timeout.aborted) {
      throw new ProxyHttpError(
        504,
        'upstream_timeout',
        'The identity service did not answer in time.',
        {},
        { cause: error },
      );
    }
    if (request.signal.aborted) {
      throw new ProxyHttpError(499, 'client_closed', 'The browser closed the request.');
    }
    throw new ProxyHttpError(
      502,
      'upstream_unreachable',
      'The identity service could not be reached.',
      {},
      { cause: error },
    );
  }
}

/** What {@link createEndpoint} needs. */
export interface EndpointOptions {
  /**
   * The vendor path the endpoint answers (`/identity/verify`): a request path must be exactly the
   * mount path followed by it. A pattern (for a path with an id in it) is tested against the whole
   * request path, so it must include the mount and be anchored at both ends.
   */
  readonly path: string | RegExp;
  /**
   * Checks the request path against the token's claims once the token is verified and before the
   * body is read (e.g. the id in the path is the token's); throws ProxyHttpError to refuse.
   */
  readonly checkPath?: (claims: VerifiedClaims, pathname: string) => void;
  /** The browser-token scope the endpoint accepts. */
  readonly scope: string;
  /**
   * Reads the browser's body (bounded by `maxBodyBytes` and the body deadline); default a JSON
   * body. A multipart endpoint passes its own reader.
   */
  readonly readBody?: (
    req: IncomingMessage,
    maxBodyBytes: number,
    options: ReadBodyOptions,
  ) => Promise<unknown>;
  /** The error fields of a vendor 4xx the browser may see (the vendor's documented ones). */
  readonly errorFields: ErrorFields;
  /** Request headers the CORS preflight allows besides Authorization and Content-Type. */
  readonly allowHeaders?: readonly string[];
  /** Checks the browser tokens. */
  readonly tokens: TokenIssuer;
  readonly settings: ProxySettings;
  /**
   * Forwards an authorised POST's JSON body (not yet checked) to the vendor and returns the reply
   * to relay; throws ProxyHttpError for error replies. `signal` aborts when the browser goes away.
   */
  readonly forward: (
    claims: VerifiedClaims,
    body: unknown,
    signal: AbortSignal,
  ) => Promise<VendorReply>;
}

/**
 * The request's path, dot segments resolved; `''` for anything but an origin-form target (a
 * `//host/…` or absolute-form target is never read as another path).
 */
export function requestPath(req: IncomingMessage): string {
  const target = req.url ?? '';
  if (!target.startsWith('/')) return '';
  try {
    return new URL(`http://localhost${target}`).pathname;
  } catch {
    return '';
  }
}

/**
 * The endpoint shell around `forward`: matching, preflight, 404/405, the browser token (401 with
 * its code), the JSON body (413 over `maxBodyBytes`, 415/400), relaying the reply, error replies.
 */
export function createEndpoint(options: EndpointOptions): ProxyEndpoint {
  const { path, scope, tokens, settings, forward } = options;
  const readRequestBody = options.readBody ?? readJsonBody;
  const allowHeaders = ['Authorization', 'Content-Type', ...(options.allowHeaders ?? [])];
  const { allowOrigin, onError, maxBodyBytes, bodyTimeoutMs, bodyLimits } = settings;
  const exact = typeof path === 'string' ? `${settings.mountPath}${path}` : undefined;
  const matches = (req: IncomingMessage) =>
    exact !== undefined ? requestPath(req) === exact : (path as RegExp).test(requestPath(req));

  function report(error: ProxyHttpError): void {
    if (!onError) return;
    try {
      onError(error);
    } catch {
      // The hook's own failure must not break the reply.
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const controller = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) controller.abort();
    };
    res.on('close', onClose);
    let release: (() => void) | undefined;
    try {
      if (!matches(req)) throw new ProxyHttpError(404, 'not_found', 'No such endpoint.');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          ...corsHeaders(allowOrigin),
          ...(allowOrigin === null
            ? {}
            : {
                'Access-Control-Allow-Methods': 'POST, OPTIONS',
                'Access-Control-Allow-Headers': allowHeaders.join(', '),
                'Access-Control-Max-Age': '600',
              }),
          'Cache-Control': 'no-store',
        });
        res.end();
        return;
      }
      if (req.method !== 'POST') {
        throw new ProxyHttpError(405, 'method_not_allowed', 'Only POST is allowed here.', {
          Allow: 'POST, OPTIONS',
        });
      }
      const claims = verifyBrowserToken(req, tokens, scope);
      options.checkPath?.(claims, requestPath(req));
      release = bodyLimits.acquire(`${claims.scope}\u0000${claims.subject}`);
      const body = await readRequestBody(req, maxBodyBytes, { timeoutMs: bodyTimeoutMs });
      const reply = relayedReply(
        await forward(claims, body, controller.signal),
        options.errorFields,
      );
      sendJsonText(res, reply.status, reply.body, allowOrigin, reply.headers);
    } catch (error) {
      const failure =
        error instanceof ProxyHttpError
          ? error
          : new ProxyHttpError(
              500,
              'internal_error',
              'The request could not be handled.',
              {},
              {
                cause: error,
              },
            );
      if (failure.status >= 500) report(failure);
      if (controller.signal.aborted || failure.status === 499) return;
      if (res.headersSent) res.destroy();
      else {
        // The rest of the body is not read (too large, too slow): the socket goes with the reply.
        if (failure.headers['Connection'] === 'close') res.once('finish', () => req.destroy());
        sendError(res, failure, allowOrigin);
      }
    } finally {
      release?.();
      res.off('close', onClose);
    }
  }

  const middleware: Middleware = (req, res, next) => {
    if ((req.method !== 'POST' && req.method !== 'OPTIONS') || !matches(req)) {
      next();
      return;
    }
    void handle(req, res);
  };

  return { handle, middleware };
}
