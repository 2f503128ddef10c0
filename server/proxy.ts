// Shared node:http plumbing for the vendor proxies (link-kyc.ts, validation-v2.ts, idv-sdk.ts,
// session-v1.ts).
//
// Each proxy is one narrow endpoint: the browser posts the vendor's own path and body to the
// integrator's backend with a short-lived token minted by tokens.ts; the proxy checks the token,
// rebuilds a safe vendor body from whitelisted fields and forwards it with the real credentials.
// This module holds what both share: their options, the endpoint shell (path and method matching,
// CORS preflight, the browser token, the bounded JSON body, error replies), forwarding with a
// timeout, and relaying the vendor's status, JSON body and Retry-After. Request reading itself is
// http.ts's, which the mock backends share.
//
// Every reply this module makes itself is `{"error":{"code","message"}}`. Messages are fixed
// strings: they never carry tokens, credentials, images or vendor bodies. Nothing is logged;
// failures the integrator may want to see go to the optional `onError` hook.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord } from './json-fields.ts';
import { bearerToken, ProxyHttpError, readJsonBody, type Middleware } from './http.ts';
import { BrowserTokenError, type TokenIssuer, type VerifiedClaims } from './tokens.ts';

export { ProxyHttpError, type Middleware } from './http.ts';

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
  /** Largest browser body accepted, in bytes; bigger ones get 413. Default 25 MB. */
  readonly maxBodyBytes?: number;
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
   * Called with every 5xx the proxy answered itself (login errors, vendor unreachable or timed
   * out, bad vendor replies, bugs), as the ProxyHttpError sent; its `cause` holds the underlying
   * error (a LinkKycAuthError, a network error, ...). No secret is in either.
   */
  readonly onError?: (error: ProxyHttpError) => void;
}

/** Default largest browser body: 25 MB (three high-resolution base64 images fit well). */
export const DEFAULT_MAX_BODY_BYTES = 25 * 1024 * 1024;
/** Default vendor timeout: 60 s (document verification is slow). */
export const DEFAULT_PROXY_TIMEOUT_MS = 60_000;
/** Largest vendor reply relayed, in bytes; bigger ones get 502. */
const MAX_VENDOR_REPLY_BYTES = 10 * 1024 * 1024;

/** The options both proxies share, checked and with their defaults filled in. */
export interface ProxySettings {
  /** The vendor's base URL, without trailing slashes. */
  readonly vendorBaseUrl: string;
  readonly fetch: typeof fetch;
  readonly maxBodyBytes: number;
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
    fetch: options.fetch ?? globalThis.fetch,
    maxBodyBytes: positiveOption(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes'),
    timeoutMs: positiveOption(options.timeoutMs, DEFAULT_PROXY_TIMEOUT_MS, 'timeoutMs'),
    allowOrigin: options.allowOrigin === undefined ? '*' : options.allowOrigin,
    onError: options.onError,
  };
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

/** A vendor reply, read in full (bounded). */
export interface VendorReply {
  /** HTTP status. */
  readonly status: number;
  /** Reply headers. */
  readonly headers: Headers;
  /** Reply body bytes. */
  readonly body: Buffer;
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
    return { status: response.status, headers: response.headers, body };
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

/** A Retry-After value safe to pass on (delta-seconds or an HTTP date), or undefined. */
function retryAfter(headers: Headers): string | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  return /^\d{1,10}$/.test(value) || /^[A-Za-z0-9 ,:]{1,40}$/.test(value) ? value : undefined;
}

/** The vendor's body when it is a JSON object or array, else undefined. */
function jsonBody(body: Buffer): unknown {
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Relays a vendor reply to the browser: its status and JSON body byte for byte, with its
 * Retry-After. The vendor's other headers are not passed on.
 *
 * - 429/503 without a JSON body: the status and Retry-After with a `rate_limited` /
 *   `upstream_unavailable` error body.
 * - 401/403 (the proxy's own credentials were refused): 502 `upstream_auth_failed`; the browser's
 *   token is not the problem, so it must not see an auth failure.
 * - any other non-JSON body, or a status outside 2xx/4xx/5xx: 502 `bad_gateway`.
 */
function relayVendorReply(
  res: ServerResponse,
  reply: VendorReply,
  allowOrigin: string | null,
): void {
  const { status } = reply;
  const after = retryAfter(reply.headers);
  const headers: Record<string, string> = after ? { 'Retry-After': after } : {};
  if (status === 401 || status === 403) {
    throw new ProxyHttpError(
      502,
      'upstream_auth_failed',
      'The identity service refused the proxy credentials.',
    );
  }
  const json = jsonBody(reply.body);
  if (json === undefined && (status === 429 || status === 503)) {
    const code = status === 429 ? 'rate_limited' : 'upstream_unavailable';
    const message =
      status === 429
        ? 'The identity service is rate limiting requests.'
        : 'The identity service is unavailable.';
    throw new ProxyHttpError(status, code, message, headers);
  }
  if (json === undefined || status < 200 || (status >= 300 && status < 400) || status > 599) {
    throw new ProxyHttpError(502, 'bad_gateway', 'The identity service sent an unexpected reply.');
  }
  sendJsonText(res, status, reply.body, allowOrigin, headers);
}

/** What {@link createEndpoint} needs. */
export interface EndpointOptions {
  /**
   * The vendor path the endpoint answers (`/identity/verify`): a request path must end with it, or
   * match it when it is a pattern (for a path with an id in it; anchor it with `$`).
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
   * Reads the browser's body (bounded by `maxBodyBytes`); default a JSON body. A multipart
   * endpoint passes its own reader.
   */
  readonly readBody?: (req: IncomingMessage, maxBodyBytes: number) => Promise<unknown>;
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

function pathname(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
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
  const { allowOrigin, onError, maxBodyBytes } = settings;
  const matches = (req: IncomingMessage) =>
    typeof path === 'string' ? pathname(req).endsWith(path) : path.test(pathname(req));

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
      options.checkPath?.(claims, pathname(req));
      const body = await readRequestBody(req, maxBodyBytes);
      relayVendorReply(res, await forward(claims, body, controller.signal), allowOrigin);
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
      if (controller.signal.aborted) return;
      if (res.headersSent) res.destroy();
      else sendError(res, failure, allowOrigin);
    } finally {
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
