import { ConfigurationError, KycError } from '../errors.js';
import { en } from '../i18n/en.js';
import {
  AbortedError,
  HttpError,
  isRetryableStatus,
  NetworkError,
  ResponseFormatError,
  TimeoutError,
  TokenExpiredError,
} from './errors.js';

/** Upload progress of one request, from 0 to 1. */
export type ProgressCallback = (fraction: number) => void;

/** The HTTP methods the protocols use. */
export const HttpMethod = {
  Get: 'GET',
  Post: 'POST',
  Put: 'PUT',
  Patch: 'PATCH',
  Delete: 'DELETE',
} as const;
/** One HTTP method. */
export type HttpMethod = (typeof HttpMethod)[keyof typeof HttpMethod];

/** The `fetch` signature the client calls; injectable for tests and for hosts that wrap fetch. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** When a token runs out: ms since the epoch, a Date, or an ISO 8601 string. */
export type TokenExpiry = number | Date | string;

/** A renewed token with its lifetime, as a host's `getToken` may return it. */
export interface TokenGrant {
  /** The new bearer token. */
  token: string;
  /** When it runs out; wins over `expiresIn`. Invalid values count as unknown. */
  expiresAt?: TokenExpiry;
  /** How long it lasts from now, in seconds. Invalid values count as unknown. */
  expiresIn?: number;
}

/** How a {@link KycClient} talks to the backend. */
export interface KycClientOptions {
  /**
   * Base URL of the backend, e.g. `https://verify.example.com`; `''` (default) means same origin.
   * Resolved against the page, it must be `https:` or `http:` to a loopback address (127.0.0.0/8,
   * `[::1]`, `localhost`): anything else throws a `ConfigurationError` before any request.
   */
  baseUrl?: string;
  /** The bearer token (a short-lived start token); sent in the Authorization header only. */
  token: string;
  /** When `token` runs out, if the backend said so; invalid values count as unknown. */
  tokenExpiresAt?: TokenExpiry;
  /**
   * Gets a fresh token from the host's backend: at most once per request before an attempt when
   * the known expiry is near, and at most once per request after a 401. Concurrent requests share
   * one call. A {@link TokenGrant} also updates the known expiry; a plain string makes it unknown.
   */
  getToken?: () => Promise<string | TokenGrant>;
  /** How long before the known expiry the token is renewed, in ms; default 30000. */
  renewBeforeMs?: number;
  /**
   * How long one `getToken` call may take, in ms; default 15000. A host call that never settles
   * then ends the request in a retryable `TimeoutError` instead of leaving it pending.
   */
  tokenTimeoutMs?: number;
  /** Time limit of one attempt (sending, waiting, reading the body), in ms; default 30000. */
  timeoutMs?: number;
  /** Extra attempts after network errors, timeouts, 408, 429 and 5xx; default 3. */
  retries?: number;
  /** First backoff delay in ms, doubled per retry, with jitter; default 500. */
  backoffMs?: number;
  /** Longest wait between attempts, including a server's Retry-After, in ms; default 10000. */
  maxDelayMs?: number;
  /** The fetch to use; default the global `fetch`. */
  fetch?: FetchFunction;
  /** Headers sent with every request besides auth (e.g. idv-sdk's `X-Client-Id`). */
  headers?: Readonly<Record<string, string>>;
  /** The clock the token expiry is compared with (ms since the epoch); default `Date.now`. */
  now?: () => number;
}

/** What one call of {@link KycClient.request} sends and how it reads the answer. */
export interface RequestOptions {
  /** A body to send as JSON. */
  json?: unknown;
  /** A body to send as multipart/form-data (instead of `json`; the browser sets the boundary). */
  form?: FormData;
  /** Cancels the request, including retries and the waits between them. */
  signal?: AbortSignal;
  /**
   * Called with 0 when the request starts and 1 when the server's final answer arrives. fetch
   * exposes no upload progress (streaming request bodies need HTTP/2 and are not in every browser),
   * so nothing in between is reported.
   */
  onProgress?: ProgressCallback;
}

/** {@link RequestOptions} with a parser that validates the JSON body into `T`. */
export interface ParsedRequestOptions<T> extends RequestOptions {
  /** Validates the parsed JSON body (undefined when empty); throws to reject it. */
  parse: (body: unknown) => T;
}

/** One completed HTTP exchange, body already read. */
interface RawResponse {
  readonly token: string;
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 3;
const DEFAULT_BACKOFF_MS = 500;
const DEFAULT_MAX_DELAY_MS = 10_000;
const DEFAULT_RENEW_BEFORE_MS = 30_000;
const DEFAULT_TOKEN_TIMEOUT_MS = 15_000;

/** Whether a URL's host is this device: the only place a token may travel over plain http:. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * What `fetch` resolves a relative URL against: the document's base URL (an `about:srcdoc` frame
 * and a page with `<base href>` resolve against it, not against `location`), else, in a worker,
 * its location.
 */
function pageBase(): unknown {
  const scope = globalThis as { document?: { baseURI?: unknown }; location?: { href?: unknown } };
  return scope.document?.baseURI ?? scope.location?.href;
}

/**
 * Throws a `ConfigurationError` unless `baseUrl`, resolved against the page, is `https:` or
 * loopback `http:`: the bearer token and the images must never cross a network in clear text.
 * Without a page (a relative base in Node) there is nothing to resolve and nothing to check.
 * `page` is the page's address (default: the document's base URL, as `fetch` resolves against).
 */
export function checkApiBase(baseUrl: string, page: unknown = pageBase()): void {
  let url: URL;
  try {
    url = new URL(baseUrl === '' ? '.' : baseUrl, typeof page === 'string' ? page : undefined);
  } catch {
    if (typeof page !== 'string' && !/^[a-z][a-z\d+.-]*:/i.test(baseUrl)) return;
    url = new URL('about:invalid');
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) return;
  throw new ConfigurationError(en.errors['configuration.api-base']({ apiBase: baseUrl }), {
    reason: { code: 'configuration.api-base', params: { apiBase: baseUrl } },
  });
}

/** Whether the browser says it has no network (a failure then is not worth retrying at once). */
function isOffline(): boolean {
  return (globalThis as { navigator?: { onLine?: unknown } }).navigator?.onLine === false;
}

/** A token expiry as ms since the epoch; undefined when absent or invalid, never a throw. */
export function expiryMs(value: unknown): number | undefined {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'string' && value.trim() !== '') ms = Date.parse(value);
  else return undefined;
  return Number.isFinite(ms) ? ms : undefined;
}

/** A token and its expiry out of what `getToken` resolved to; undefined when there is no token. */
function readGrant(
  value: unknown,
  now: number,
): { token: string; expiresAt: number | undefined } | undefined {
  if (typeof value === 'string')
    return value === '' ? undefined : { token: value, expiresAt: undefined };
  if (typeof value !== 'object' || value === null) return undefined;
  const { token, expiresAt, expiresIn } = value as Record<string, unknown>;
  if (typeof token !== 'string' || token === '') return undefined;
  const absolute = expiryMs(expiresAt);
  const relative =
    typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn >= 0
      ? now + expiresIn * 1000
      : undefined;
  return { token, expiresAt: absolute ?? relative };
}

/** Rejects with `AbortedError` once `signal` aborts, so waits never outlive the caller's interest. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    // Nobody will wait for `promise` any more; its eventual rejection must not go unhandled.
    promise.catch(() => undefined);
    return Promise.reject(new AbortedError({ cause: signal.reason }));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortedError({ cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Waits `ms`, or rejects with `AbortedError` as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wait = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return abortable(wait, signal).finally(() => clearTimeout(timer));
}

/** Reads a Retry-After header (seconds or an HTTP date) as ms; undefined when absent or invalid. */
function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('Retry-After')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Pulls `{error: {code, message}}` (or a flat `{code, message}`) out of an error body. */
function serverError(text: string): { code?: string; message?: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof body !== 'object' || body === null) return {};
  const nested = (body as { error?: unknown }).error;
  const source = typeof nested === 'object' && nested !== null ? nested : body;
  const { code, message } = source as { code?: unknown; message?: unknown };
  return {
    // Some backends use numbers (idv-sdk's `120038`); callers compare strings either way.
    code:
      typeof code === 'string'
        ? code
        : typeof code === 'number' && Number.isFinite(code)
          ? String(code)
          : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}

/**
 * A small fetch client for the verification backends: bearer auth, token renewal shortly before a
 * known expiry and once after a 401, per-attempt timeouts, bounded retries with exponential backoff and jitter, cancellation, and
 * typed errors. It speaks JSON only; protocols validate replies through `parse`.
 *
 * POSTs are retried like GETs: a lost reply can make an upload arrive twice, which the supported
 * backends tolerate (session-v1 stores both, and answers 409 once complete, which the adapter reads
 * as success). The timeout covers the upload too, so very slow links may need a larger `timeoutMs`.
 */
export class KycClient {
  readonly #baseUrl: string;
  readonly #getToken: (() => Promise<string | TokenGrant>) | undefined;
  readonly #renewBeforeMs: number;
  readonly #tokenTimeoutMs: number;
  readonly #now: () => number;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #backoffMs: number;
  readonly #maxDelayMs: number;
  readonly #fetch: FetchFunction;
  readonly #headers: Readonly<Record<string, string>>;
  #token: string;
  /** When `#token` runs out (ms since the epoch); undefined when unknown. */
  #tokenExpiresAt: number | undefined;
  /** Shared by concurrent requests that renew together (early or after a 401): one host call. */
  #refreshing: Promise<void> | undefined;

  /** @throws ConfigurationError when `baseUrl` is neither `https:` nor loopback `http:`. */
  constructor(options: KycClientOptions) {
    checkApiBase(options.baseUrl ?? '');
    this.#baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.#token = options.token;
    this.#tokenExpiresAt = expiryMs(options.tokenExpiresAt);
    this.#getToken = options.getToken;
    const renewBeforeMs = options.renewBeforeMs ?? DEFAULT_RENEW_BEFORE_MS;
    this.#renewBeforeMs = Number.isFinite(renewBeforeMs)
      ? Math.max(0, renewBeforeMs)
      : DEFAULT_RENEW_BEFORE_MS;
    const tokenTimeoutMs = options.tokenTimeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
    this.#tokenTimeoutMs =
      Number.isFinite(tokenTimeoutMs) && tokenTimeoutMs > 0
        ? tokenTimeoutMs
        : DEFAULT_TOKEN_TIMEOUT_MS;
    this.#now = options.now ?? (() => Date.now());
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#retries = Math.max(0, options.retries ?? DEFAULT_RETRIES);
    this.#backoffMs = Math.max(0, options.backoffMs ?? DEFAULT_BACKOFF_MS);
    this.#maxDelayMs = Math.max(0, options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);
    // Bound lazily: `fetch` called as a method of another object throws "Illegal invocation".
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#headers = { ...options.headers };
  }

  /** The bearer token in use; setting it makes the expiry unknown (use `setToken` to keep one). */
  get token(): string {
    return this.#token;
  }

  set token(value: string) {
    this.setToken(value);
  }

  /** When the token in use runs out (ms since the epoch); undefined when unknown. */
  get tokenExpiresAt(): number | undefined {
    return this.#tokenExpiresAt;
  }

  /** Replaces the token when the host renews it by other means; an invalid expiry counts as unknown. */
  setToken(token: string, expiresAt?: TokenExpiry): void {
    this.#token = token;
    this.#tokenExpiresAt = expiryMs(expiresAt);
  }

  /** The absolute or origin-relative URL of `path` (which starts with `/`). */
  url(path: string): string {
    return `${this.#baseUrl}${path.startsWith('/') ? path : `/${path}`}`;
  }

  /** Sends a request and resolves to its JSON body (undefined when empty), unvalidated. */
  request(method: HttpMethod, path: string, options?: RequestOptions): Promise<unknown>;
  /** Sends a request and resolves to its JSON body as validated by `options.parse`. */
  request<T>(method: HttpMethod, path: string, options: ParsedRequestOptions<T>): Promise<T>;
  async request<T>(
    method: HttpMethod,
    path: string,
    options: RequestOptions & { parse?: (body: unknown) => T } = {},
  ): Promise<T | unknown> {
    const { signal, onProgress } = options;
    if (signal?.aborted) throw new AbortedError({ cause: signal.reason });
    const url = this.url(path);
    // Serialised once: retries must send exactly the same bytes (a FormData is re-sent as is).
    const body =
      options.form ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
    onProgress?.(0);
    let retriesUsed = 0;
    let refreshed = false;
    let renewedEarly = false;
    for (;;) {
      // At most once per request, and not after a 401 renewal: a grant that is already near its
      // end must not make every attempt ask the host again.
      if (!renewedEarly && !refreshed && this.#renewalDue()) {
        renewedEarly = true;
        try {
          await this.#renew(signal);
        } catch (error) {
          if (error instanceof AbortedError) throw error;
          // The current token still works for a while: use it, and ask again on the next request.
          // A host that did not answer in time may answer later: that is worth a "try again".
          if (this.#expired())
            throw error instanceof TimeoutError
              ? error
              : new TokenExpiredError(undefined, { cause: error });
        }
      }
      let response: RawResponse;
      try {
        response = await this.#attempt(method, url, body, signal);
      } catch (error) {
        if (error instanceof AbortedError || retriesUsed >= this.#retries) throw error;
        // Offline, retrying now fails the same way: the caller resends when the network is back.
        if (error instanceof NetworkError && isOffline()) throw error;
        await sleep(this.#backoff(retriesUsed++), signal);
        continue;
      }
      const { status, headers, text } = response;
      if (status === 401) {
        // Another request renewed the token while this one was in flight: just use the new one.
        if (response.token !== this.#token && !refreshed) {
          refreshed = true;
          continue;
        }
        if (this.#getToken && !refreshed) {
          refreshed = true;
          await this.#refreshToken(serverError(text).code, signal);
          continue;
        }
        onProgress?.(1);
        throw new TokenExpiredError(serverError(text).code);
      }
      if (isRetryableStatus(status) && retriesUsed < this.#retries) {
        const delay = retryAfterMs(headers);
        await sleep(
          delay === undefined ? this.#backoff(retriesUsed) : Math.min(delay, this.#maxDelayMs),
          signal,
        );
        retriesUsed++;
        continue;
      }
      onProgress?.(1);
      if (status < 200 || status > 299) {
        const { code, message } = serverError(text);
        throw new HttpError({ status, serverCode: code, serverMessage: message, bodyText: text });
      }
      const json = this.#parseJson(text);
      if (!options.parse) return json;
      try {
        return options.parse(json);
      } catch (error) {
        if (error instanceof KycError) throw error;
        throw new ResponseFormatError(
          error instanceof Error ? error.message : 'The server sent an unexpected reply.',
          text,
          { cause: error },
        );
      }
    }
  }

  /** One attempt: send, wait and read the whole body, all under the per-attempt timeout. */
  async #attempt(
    method: HttpMethod,
    url: string,
    body: string | FormData | undefined,
    signal: AbortSignal | undefined,
  ): Promise<RawResponse> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#timeoutMs);
    const onCallerAbort = () => controller.abort();
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    const token = this.#token;
    const headers: Record<string, string> = {
      ...this.#headers,
      Accept: 'application/json',
      Authorization: `Bearer ${token}`,
    };
    if (typeof body === 'string') headers['Content-Type'] = 'application/json';
    try {
      // Raced against our own signal too, so an injected fetch that ignores `signal` still stops.
      const response = await abortable(
        this.#fetch(url, { method, headers, body, signal: controller.signal }),
        controller.signal,
      );
      const text = await abortable(response.text(), controller.signal);
      return { token, status: response.status, headers: response.headers, text };
    } catch (error) {
      if (signal?.aborted) throw new AbortedError({ cause: signal.reason });
      if (timedOut) throw new TimeoutError(this.#timeoutMs, { cause: error });
      if (isOffline()) {
        throw new NetworkError(en.errors['network-error.offline'], {
          cause: error,
          reason: { code: 'network-error.offline' },
        });
      }
      throw new NetworkError(undefined, { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, so clients spread out. */
  #backoff(retry: number): number {
    const ceiling = Math.min(this.#maxDelayMs, this.#backoffMs * 2 ** retry);
    return ceiling / 2 + (Math.random() * ceiling) / 2;
  }

  /** Whether the known expiry is close enough to renew before sending (and the host can). */
  #renewalDue(): boolean {
    const expiresAt = this.#tokenExpiresAt;
    return (
      this.#getToken !== undefined &&
      expiresAt !== undefined &&
      this.#now() >= expiresAt - this.#renewBeforeMs
    );
  }

  /** Whether the known expiry has passed; false when it is unknown. */
  #expired(): boolean {
    return this.#tokenExpiresAt !== undefined && this.#now() >= this.#tokenExpiresAt;
  }

  /**
   * After a 401: asks the host for a new token. A host that did not answer in time gives a
   * retryable `TimeoutError`; any other failure means the session cannot go on.
   */
  async #refreshToken(serverCode: string | undefined, signal: AbortSignal | undefined) {
    try {
      await this.#renew(signal);
    } catch (error) {
      if (error instanceof AbortedError || error instanceof TimeoutError) throw error;
      throw new TokenExpiredError(serverCode, { cause: error });
    }
  }

  /**
   * Asks the host for a new token and stores it with its expiry; concurrent callers share one call.
   * Rejects with what `getToken` threw, a TypeError when it gave no token, a `TimeoutError` when it
   * took longer than `tokenTimeoutMs` (its late answer is dropped; the next renewal asks again),
   * or `AbortedError`.
   */
  #renew(signal: AbortSignal | undefined): Promise<void> {
    const getToken = this.#getToken;
    if (!getToken) return Promise.reject(new TypeError('No getToken to renew the token with.'));
    if (!this.#refreshing) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new TimeoutError(this.#tokenTimeoutMs, { reason: { code: 'timeout.token-renewal' } }),
            ),
          this.#tokenTimeoutMs,
        );
      });
      // Started from a resolved promise, so a getToken that throws synchronously still rejects.
      const refreshing = Promise.race([Promise.resolve().then(getToken), late])
        .then((value) => {
          const grant = readGrant(value, this.#now());
          if (!grant) throw new TypeError('getToken resolved to no token.');
          this.#token = grant.token;
          this.#tokenExpiresAt = grant.expiresAt;
        })
        .finally(() => {
          clearTimeout(timer);
          if (this.#refreshing === refreshing) this.#refreshing = undefined;
        });
      this.#refreshing = refreshing;
    }
    return abortable(this.#refreshing, signal);
  }

  /** Parses a 2xx body; an HTML page or a cut-off reply is a format error, not a crash. */
  #parseJson(text: string): unknown {
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ResponseFormatError('The server sent a reply that is not valid JSON.', text, {
        cause: error,
      });
    }
  }
}
