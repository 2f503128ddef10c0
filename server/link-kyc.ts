// The LINK Mobility KYC proxy (seed 000), for the integrator's backend.
//
// LINK's API authenticates with a username and password (`POST /auth/token` → a bearer token
// valid 3600 s); neither may reach a page. The browser SDK's link-kyc protocol posts its
// `/identity/verify` body to this proxy instead, with a browser token from `startSession`. The
// proxy checks that token, rebuilds the vendor body from whitelisted fields (the request `id` is
// the token's subject, the callbacks come only from server config) and forwards it with a vendor
// token from LinkKycAuth, logging in again once if the vendor answers 401.
//
// Only `POST …/identity/verify` is proxied: `/auth/token` and `/certificate/…` stay server-side.
import { randomUUID } from 'node:crypto';
import { isRecord, nonEmptyString } from './json-fields.ts';
import {
  ProxyHttpError,
  baseUrlOption,
  createEndpoint,
  forwardJson,
  invalidBody,
  positiveOption,
  proxySettings,
  type ProxyCommonOptions,
  type ProxyEndpoint,
} from './proxy.ts';
import type { IssuedToken, TokenIssuer } from './tokens.ts';

/** The browser-token scope the LINK KYC proxy accepts. */
export const LINK_KYC_SCOPE = 'link-kyc';

/** The vendor path the LINK KYC proxy answers and forwards to. */
export const LINK_KYC_VERIFY_PATH = '/identity/verify';

// ---------------------------------------------------------------------------------------------
// Vendor login.

/** Stable codes of {@link LinkKycAuthError}. */
export type LinkKycAuthErrorCode =
  /** The vendor refused the credentials (401/403, or 500 with code `003`). */
  | 'login_rejected'
  /** The login could not be done: network failure, timeout, or another error status. */
  | 'login_failed'
  /** The login succeeded but its reply is not the documented `{token, scopes, expiresIn, token_type}`. */
  | 'bad_login_reply'
  /** A login failed a moment ago: no new attempt until `retryAfterMs` has passed. */
  | 'login_backoff';

/** A failed LINK KYC login. Messages never contain the user, password or token. */
export class LinkKycAuthError extends Error {
  /** Stable machine-readable code. */
  readonly code: LinkKycAuthErrorCode;
  /** The HTTP status of the vendor's reply, when there was one. */
  readonly status: number | undefined;
  /** For `login_backoff`: how long until the next login attempt, in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: LinkKycAuthErrorCode,
    message: string,
    status?: number,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options);
    this.name = 'LinkKycAuthError';
    this.code = code;
    this.status = status;
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** What {@link LinkKycAuth} takes. */
export interface LinkKycAuthOptions {
  /** The vendor's base URL, e.g. `https://kyc-api.linkmobility.es`. */
  readonly baseUrl: string;
  /** Username provided by LINK Mobility. */
  readonly user: string;
  /** Password provided by LINK Mobility. */
  readonly password: string;
  /** The fetch used to log in. Default the global fetch. */
  readonly fetch?: typeof fetch;
  /** Clock, ms since the epoch. Default `Date.now`. */
  readonly now?: () => number;
  /**
   * Log in again this long before the token expires, in seconds. Default 300. Capped at half the
   * token's lifetime, so a short-lived token is still reused.
   */
  readonly renewBeforeSeconds?: number;
  /** Time allowed for one login, in ms. Default 15000. */
  readonly timeoutMs?: number;
  /**
   * After a failed login, no new one for this long, in ms, doubling with each failure in a row up
   * to `maxBackoffMs`: meanwhile token() fails at once with `login_backoff`, so a crowd of browsers
   * cannot turn wrong credentials into a vendor lockout. Default 5000.
   */
  readonly backoffMs?: number;
  /** The longest wait between failed logins, in ms. Default 300000 (5 minutes). */
  readonly maxBackoffMs?: number;
}

interface CachedToken {
  readonly token: string;
  /** ms epoch after which token() logs in again. */
  readonly renewAt: number;
}

const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** Each LinkKycAuth's user and password, for the proxy to keep out of replies; module-private. */
const loginSecrets = new WeakMap<LinkKycAuth, readonly string[]>();

/**
 * Holds a LINK KYC vendor token: logs in on first use and again near expiry, one login at a time
 * however many callers wait; after a failed login, waits (exponential backoff) before the next.
 * Credentials live in private fields (not enumerable, not inspected).
 */
export class LinkKycAuth {
  readonly #url: string;
  readonly #user: string;
  readonly #password: string;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #renewBeforeMs: number;
  readonly #timeoutMs: number;
  readonly #backoffMs: number;
  readonly #maxBackoffMs: number;
  #cached: CachedToken | undefined;
  #inflight: Promise<string> | undefined;
  /** Failed logins in a row, and when the next attempt may be made (ms epoch). */
  #failures = 0;
  #nextLoginAt = 0;

  /** @throws TypeError/RangeError for a bad base URL, empty credentials or bad numbers. */
  constructor(options: LinkKycAuthOptions) {
    this.#url = `${baseUrlOption(options.baseUrl, 'baseUrl')}/auth/token`;
    if (typeof options.user !== 'string' || options.user === '') {
      throw new TypeError('user must be a non-empty string.');
    }
    if (typeof options.password !== 'string' || options.password === '') {
      throw new TypeError('password must be a non-empty string.');
    }
    this.#user = options.user;
    this.#password = options.password;
    loginSecrets.set(this, [options.user, options.password]);
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#now = options.now ?? Date.now;
    const renew = options.renewBeforeSeconds ?? 300;
    if (typeof renew !== 'number' || !Number.isFinite(renew) || renew < 0) {
      throw new RangeError('renewBeforeSeconds must be a number ≥ 0.');
    }
    this.#renewBeforeMs = renew * 1000;
    this.#timeoutMs = positiveOption(options.timeoutMs, 15_000, 'timeoutMs');
    this.#backoffMs = positiveOption(options.backoffMs, 5000, 'backoffMs');
    this.#maxBackoffMs = positiveOption(options.maxBackoffMs, 300_000, 'maxBackoffMs');
  }

  /**
   * A vendor token: the cached one, or a new login when there is none or it is within
   * `renewBeforeSeconds` of expiry. Concurrent callers share one login.
   * @throws LinkKycAuthError when the login fails.
   */
  token(): Promise<string> {
    const cached = this.#cached;
    const now = this.#now();
    if (cached && now < cached.renewAt) return Promise.resolve(cached.token);
    if (!this.#inflight && now < this.#nextLoginAt) {
      return Promise.reject(
        new LinkKycAuthError(
          'login_backoff',
          'A LINK KYC login failed a moment ago; not trying again yet.',
          undefined,
          { retryAfterMs: this.#nextLoginAt - now },
        ),
      );
    }
    this.#inflight ??= this.#login().then(
      (token) => {
        this.#inflight = undefined;
        this.#failures = 0;
        this.#nextLoginAt = 0;
        return token;
      },
      (error: unknown) => {
        this.#inflight = undefined;
        const wait = Math.min(this.#backoffMs * 2 ** this.#failures, this.#maxBackoffMs);
        this.#failures++;
        this.#nextLoginAt = this.#now() + wait;
        throw error;
      },
    );
    return this.#inflight;
  }

  /**
   * Drops the cached token, so the next token() logs in. With `staleToken`, drops it only if it
   * is still the cached one: many requests failing with the same old token cause one login.
   */
  invalidate(staleToken?: string): void {
    if (staleToken === undefined || this.#cached?.token === staleToken) this.#cached = undefined;
  }

  async #login(): Promise<string> {
    const startedAt = this.#now();
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    let status: number | undefined;
    let text: string;
    try {
      const response = await this.#fetch(this.#url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ user: this.#user, password: this.#password }),
        redirect: 'error',
        signal: timeout,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw new LinkKycAuthError(
        'login_failed',
        timeout.aborted ? 'The LINK KYC login timed out.' : 'The LINK KYC login request failed.',
        status,
        { cause: error },
      );
    }
    let body: unknown;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = undefined;
    }
    if (
      status === 401 ||
      status === 403 ||
      (status === 500 && isRecord(body) && body['code'] === '003')
    ) {
      throw new LinkKycAuthError('login_rejected', 'LINK KYC refused the credentials.', status);
    }
    if (status < 200 || status > 299) {
      throw new LinkKycAuthError(
        'login_failed',
        `The LINK KYC login failed with HTTP ${status}.`,
        status,
      );
    }
    const reply = parseLoginReply(body);
    if (!reply) {
      throw new LinkKycAuthError(
        'bad_login_reply',
        'The LINK KYC login reply is not {token, scopes, expiresIn, token_type: bearer}.',
        status,
      );
    }
    const lifetimeMs = reply.expiresIn * 1000;
    const renewAt = startedAt + lifetimeMs - Math.min(this.#renewBeforeMs, lifetimeMs / 2);
    this.#cached = { token: reply.token, renewAt };
    return reply.token;
  }
}

/** The documented login reply, strictly: every field present with its type. */
function parseLoginReply(body: unknown): { token: string; expiresIn: number } | undefined {
  if (!isRecord(body)) return undefined;
  const { token, scopes, expiresIn, token_type: tokenType } = body;
  if (typeof token !== 'string' || !HEADER_SAFE.test(token)) return undefined;
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) {
    return undefined;
  }
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    return undefined;
  }
  if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') return undefined;
  return { token, expiresIn };
}

// ---------------------------------------------------------------------------------------------
// The proxy.

/** What {@link createLinkKycProxy} takes. */
export interface LinkKycProxyOptions extends ProxyCommonOptions {
  /** The vendor's base URL, e.g. `https://kyc-api.linkmobility.es`. */
  readonly vendorBaseUrl: string;
  /** A shared LinkKycAuth, or the credentials to make one (with this proxy's fetch). */
  readonly auth: LinkKycAuth | { readonly user: string; readonly password: string };
  /** Mints and checks the browser tokens (scope `link-kyc`). */
  readonly tokens: TokenIssuer;
  /** Forces `expeditorCountry`; the browser's value is then ignored. */
  readonly expeditorCountry?: string;
  /**
   * Whether a verify request must carry the selfie (`images[0].faceImage`), the face comparison
   * you pay for; without it the browser gets 400 `face_image_required`. Default true.
   */
  readonly requireFaceImage?: boolean;
  /**
   * `certify` (a paid service): true certifies every request unless the browser sends
   * `certify: false`; false (the default) never does, whatever the browser sends.
   */
  readonly certify?: boolean;
  /** `certifyCallback`; only ever from here, never from the browser. */
  readonly certifyCallback?: string;
  /**
   * `manualVerification` (a paid service): true asks for it on every request unless the browser
   * sends `manualVerification: false`; false (the default) never does, whatever the browser sends.
   */
  readonly manualVerification?: boolean;
  /** `manualVerificationCallback`; only ever from here, never from the browser. */
  readonly manualVerificationCallback?: string;
  /** After a failed vendor login, the first wait before another, in ms (see LinkKycAuth). */
  readonly loginBackoffMs?: number;
  /** The longest wait between failed vendor logins, in ms (see LinkKycAuth). */
  readonly maxLoginBackoffMs?: number;
}

/** A capture session: the browser token and the vendor request id it is bound to. */
export interface LinkKycSession extends IssuedToken {
  /** The `id` the proxy sends to the vendor for this session's requests. */
  readonly requestId: string;
}

/** The LINK KYC proxy: `handle` and `middleware` answer `POST`/`OPTIONS …/identity/verify`. */
export interface LinkKycProxy extends ProxyEndpoint {
  /**
   * Mints a browser token bound to `requestId` (default a random UUID). Hand `token` to the page;
   * keep `requestId` to match the vendor's callbacks and certificate.
   */
  startSession(requestId?: string): LinkKycSession;
}

/** The vendor's `/identity/verify` body, as this proxy builds it. */
export interface LinkKycVendorBody {
  id: string;
  images: { content: string; faceImage?: string }[];
  expeditorCountry: string;
  certify: boolean;
  certifyCallback?: string;
  manualVerification: boolean;
  manualVerificationCallback?: string;
}

interface BrowserBody {
  images: { content: string; faceImage?: string }[];
  expeditorCountry: string | undefined;
  certify: boolean | undefined;
  manualVerification: boolean | undefined;
}

/** The error fields seed 000 documents on its 400 and 500 bodies: `id`, `code`, `message`. */
function linkKycErrorFields(body: unknown): Record<string, unknown> | undefined {
  if (!isRecord(body)) return undefined;
  const out: Record<string, unknown> = {};
  for (const name of ['id', 'code', 'message']) {
    if (typeof body[name] === 'string') out[name] = body[name];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The whitelisted fields of the browser's body, checked; everything else is dropped. */
function readBrowserBody(input: unknown): BrowserBody {
  if (!isRecord(input)) throw invalidBody('The body must be a JSON object.');
  const { images, expeditorCountry, certify, manualVerification } = input;
  if (!Array.isArray(images) || images.length < 1 || images.length > 2) {
    throw invalidBody('images must be an array of one or two images.');
  }
  const checked = images.map((image: unknown, i) => {
    if (!isRecord(image) || !nonEmptyString(image['content'])) {
      throw invalidBody(`images[${i}].content must be a non-empty base64 string.`);
    }
    const face = image['faceImage'];
    if (face === undefined || face === null) return { content: image['content'] };
    if (i !== 0) throw invalidBody('Only images[0] may carry a faceImage.');
    if (!nonEmptyString(face)) throw invalidBody('images[0].faceImage must be a base64 string.');
    return { content: image['content'], faceImage: face };
  });
  if (expeditorCountry !== undefined && !nonEmptyString(expeditorCountry)) {
    throw invalidBody('expeditorCountry must be a non-empty string.');
  }
  for (const [name, value] of [
    ['certify', certify],
    ['manualVerification', manualVerification],
  ] as const) {
    if (value !== undefined && typeof value !== 'boolean') {
      throw invalidBody(`${name} must be a boolean.`);
    }
  }
  return {
    images: checked,
    expeditorCountry: expeditorCountry as string | undefined,
    certify: certify as boolean | undefined,
    manualVerification: manualVerification as boolean | undefined,
  };
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value !== undefined && !nonEmptyString(value)) {
    throw new TypeError(`${name} must be a non-empty string.`);
  }
  return value;
}

function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new TypeError(`${name} must be a boolean.`);
  }
  return value;
}

/**
 * Creates the LINK KYC proxy. Per request: check the browser token (401 with its code), read the
 * body (413 over `maxBodyBytes`), check it (400 `invalid_body`), build the vendor body, get a
 * vendor token (502 `upstream_auth_failed` if the login fails), forward, and on a vendor 401 log
 * in again and resend once. The vendor's reply is relayed as relay.ts describes (errors: seed
 * 000's `id`, `code`, `message` only).
 * @throws TypeError/RangeError for bad options.
 */
export function createLinkKycProxy(options: LinkKycProxyOptions): LinkKycProxy {
  const settings = proxySettings(options);
  const auth =
    options.auth instanceof LinkKycAuth
      ? options.auth
      : new LinkKycAuth({
          baseUrl: settings.vendorBaseUrl,
          user: options.auth.user,
          password: options.auth.password,
          fetch: settings.fetch,
          ...(options.loginBackoffMs !== undefined ? { backoffMs: options.loginBackoffMs } : {}),
          ...(options.maxLoginBackoffMs !== undefined
            ? { maxBackoffMs: options.maxLoginBackoffMs }
            : {}),
        });
  const { tokens } = options;
  const config = {
    expeditorCountry: optionalString(options.expeditorCountry, 'expeditorCountry'),
    requireFaceImage: optionalBoolean(options.requireFaceImage, 'requireFaceImage') ?? true,
    certify: optionalBoolean(options.certify, 'certify') ?? false,
    certifyCallback: optionalString(options.certifyCallback, 'certifyCallback'),
    manualVerification: optionalBoolean(options.manualVerification, 'manualVerification') ?? false,
    manualVerificationCallback: optionalString(
      options.manualVerificationCallback,
      'manualVerificationCallback',
    ),
  };
  const url = `${settings.vendorBaseUrl}${LINK_KYC_VERIFY_PATH}`;

  function vendorBody(id: string, browser: BrowserBody): LinkKycVendorBody {
    const expeditorCountry = config.expeditorCountry ?? browser.expeditorCountry;
    if (expeditorCountry === undefined) throw invalidBody('expeditorCountry is required.');
    if (config.requireFaceImage && browser.images[0]?.faceImage === undefined) {
      throw new ProxyHttpError(
        400,
        'face_image_required',
        'images[0].faceImage (the selfie) is required.',
      );
    }
    // Paid services: the server's setting decides; the browser can only turn one off.
    return {
      id,
      images: browser.images,
      expeditorCountry,
      certify: config.certify && browser.certify !== false,
      ...(config.certifyCallback !== undefined ? { certifyCallback: config.certifyCallback } : {}),
      manualVerification: config.manualVerification && browser.manualVerification !== false,
      ...(config.manualVerificationCallback !== undefined
        ? { manualVerificationCallback: config.manualVerificationCallback }
        : {}),
    };
  }

  async function vendorToken(): Promise<string> {
    try {
      return await auth.token();
    } catch (error) {
      if (error instanceof LinkKycAuthError && error.code === 'login_backoff') {
        // Not a new failure: the last one is still being waited out, without asking the vendor.
        throw new ProxyHttpError(
          503,
          'upstream_auth_backoff',
          'The proxy could not sign in to the identity service; try again later.',
          { 'Retry-After': String(Math.max(1, Math.ceil((error.retryAfterMs ?? 0) / 1000))) },
          { cause: error },
        );
      }
      throw new ProxyHttpError(
        502,
        'upstream_auth_failed',
        'The proxy could not sign in to the identity service.',
        {},
        { cause: error },
      );
    }
  }

  const endpoint = createEndpoint({
    path: LINK_KYC_VERIFY_PATH,
    scope: LINK_KYC_SCOPE,
    tokens,
    settings,
    errorFields: linkKycErrorFields,
    async forward(claims, input, signal) {
      const body = JSON.stringify(vendorBody(claims.subject, readBrowserBody(input)));
      const send = (token: string) =>
        forwardJson({
          ...settings,
          url,
          headers: { Authorization: `Bearer ${token}` },
          body,
          signal,
          secrets: loginSecrets.get(auth) ?? [],
        });
      const token = await vendorToken();
      const reply = await send(token);
      if (reply.status !== 401) return reply;
      auth.invalidate(token);
      return send(await vendorToken());
    },
  });

  function startSession(requestId: string = randomUUID()): LinkKycSession {
    if (!nonEmptyString(requestId) || requestId.length > 200 || !HEADER_SAFE.test(requestId)) {
      throw new TypeError('requestId must be 1–200 printable ASCII characters, no spaces.');
    }
    return { ...tokens.issue({ scope: LINK_KYC_SCOPE, subject: requestId }), requestId };
  }

  return { startSession, ...endpoint };
}
