import { KycError } from '../errors.js';
import type { ProgressCallback } from '../protocols/types.js';
import {
  AbortedError,
  HttpError,
  isRetryableStatus,
  NetworkError,
  ResponseFormatError,
  TimeoutError,
  TokenExpiredError,
} from './errors.js';

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

/** How a {@link KycClient} talks to the backend. */
export interface KycClientOptions {
  /** Base URL of the backend, e.g. `https://verify.example.com`; `''` (default) means same origin. */
  baseUrl?: string;
  /** The bearer token (a short-lived start token); sent in the Authorization header only. */
  token: string;
  /** Called at most once per request after a 401, to get a fresh token from the host's backend. */
  getToken?: () => Promise<string>;
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
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}

/**
 * A small fetch client for the verification backends: bearer auth, one token refresh after a 401,
 * per-attempt timeouts, bounded retries with exponential backoff and jitter, cancellation, and
 * typed errors. It speaks JSON only; protocols validate replies through `parse`.
 *
 * POSTs are retried like GETs: a lost reply can make an upload arrive twice, which the supported
 * backends tolerate (session-v1 stores both, and answers 409 once complete, which the adapter reads
 * as success). The timeout covers the upload too, so very slow links may need a larger `timeoutMs`.
 */
export class KycClient {
  readonly #baseUrl: string;
  readonly #getToken: (() => Promise<string>) | undefined;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #backoffMs: number;
  readonly #maxDelayMs: number;
  readonly #fetch: FetchFunction;
  readonly #headers: Readonly<Record<string, string>>;
  #token: string;
  /** Shared by concurrent requests that hit a 401 together, so the host is asked only once. */
  #refreshing: Promise<string> | undefined;

  constructor(options: KycClientOptions) {
    this.#baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.#token = options.token;
    this.#getToken = options.getToken;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#retries = Math.max(0, options.retries ?? DEFAULT_RETRIES);
    this.#backoffMs = Math.max(0, options.backoffMs ?? DEFAULT_BACKOFF_MS);
    this.#maxDelayMs = Math.max(0, options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);
    // Bound lazily: `fetch` called as a method of another object throws "Illegal invocation".
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#headers = { ...options.headers };
  }

  /** The bearer token in use; set it when the host renews the token by other means. */
  get token(): string {
    return this.#token;
  }

  set token(value: string) {
    this.#token = value;
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
    for (;;) {
      let response: RawResponse;
      try {
        response = await this.#attempt(method, url, body, signal);
      } catch (error) {
        if (error instanceof AbortedError || retriesUsed >= this.#retries) throw error;
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

  /** Asks the host for a new token once; any failure means the session cannot go on. */
  async #refreshToken(serverCode: string | undefined, signal: AbortSignal | undefined) {
    const getToken = this.#getToken;
    if (!getToken) throw new TokenExpiredError(serverCode);
    this.#refreshing ??= getToken().finally(() => {
      this.#refreshing = undefined;
    });
    let token: string;
    try {
      token = await abortable(this.#refreshing, signal);
    } catch (error) {
      if (error instanceof AbortedError) throw error;
      throw new TokenExpiredError(serverCode, { cause: error });
    }
    if (typeof token !== 'string' || token === '') throw new TokenExpiredError(serverCode);
    this.#token = token;
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
