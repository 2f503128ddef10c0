// What of a vendor's reply reaches the browser (the proxies' relay, proxy.ts).
//
// A vendor's body is written for the integrator's server, not for a page: an error body may echo
// the request (its Authorization header: the vendor token or API key) and a 5xx may carry a stack
// trace. So the browser gets: a 2xx JSON body as the vendor sent it, with any secret the proxy sent
// replaced; a 4xx with only the error fields the vendor's document describes (each proxy names
// them), secrets replaced; a 5xx, 429, 401 or 403 as the proxy's own typed body, never the vendor's.
import { isRecord } from './json-fields.ts';
import { ProxyHttpError } from './http.ts';

/** A vendor reply, read in full (bounded). */
export interface VendorReply {
  /** HTTP status. */
  readonly status: number;
  /** Reply headers. */
  readonly headers: Headers;
  /** Reply body bytes. */
  readonly body: Buffer;
  /** What the proxy sent the vendor that the browser must never see (credentials, tokens). */
  readonly secrets: readonly string[];
}

/**
 * Picks the error fields a vendor's document describes from a 4xx JSON body; undefined when it
 * has none of them. Strings are then redacted and cut to {@link MAX_ERROR_TEXT} characters.
 */
export type ErrorFields = (body: unknown) => Record<string, unknown> | undefined;

/** Longest error string relayed. */
const MAX_ERROR_TEXT = 500;
/** What a secret is replaced with. */
export const REDACTED = '[redacted]';
/** Shorter values are not searched for (they would match ordinary text). */
const MIN_SECRET_LENGTH = 4;

/**
 * The values to hide from the browser among the headers sent to the vendor: each value, and the
 * credential after an auth scheme (`Bearer <token>` → `<token>`).
 */
export function secretsOf(
  headers: Readonly<Record<string, string>>,
  extra: readonly string[] = [],
): string[] {
  const out = new Set<string>();
  for (const value of [...Object.values(headers), ...extra]) {
    out.add(value);
    const credential = /^[A-Za-z][\w-]*\s+(\S+)$/.exec(value.trim())?.[1];
    if (credential) out.add(credential);
  }
  // Longest first: `Bearer abc` is replaced whole before `abc` alone.
  return [...out].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** Whether any string (key or value) in a JSON value contains a secret. */
function holdsSecret(value: unknown, secrets: readonly string[]): boolean {
  if (typeof value === 'string') return secrets.some((secret) => value.includes(secret));
  if (Array.isArray(value)) return value.some((item) => holdsSecret(item, secrets));
  if (isRecord(value)) {
    return Object.entries(value).some(
      ([key, item]) => holdsSecret(key, secrets) || holdsSecret(item, secrets),
    );
  }
  return false;
}

/** A JSON value with every secret in its strings (keys too) replaced by {@link REDACTED}. */
export function redact(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets));
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redactText(key, secrets), redact(item, secrets)]),
    );
  }
  return value;
}

/** Error fields, redacted, each string cut short. */
function safeErrorFields(fields: Record<string, unknown>, secrets: readonly string[]): unknown {
  const cut = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.slice(0, MAX_ERROR_TEXT)
      : isRecord(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cut(v)]))
        : value;
  return cut(redact(fields, secrets));
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

/** What the browser gets for a vendor reply: a status, a JSON body and headers. */
export interface RelayedReply {
  readonly status: number;
  /** The serialised JSON body. */
  readonly body: string | Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * What to answer the browser for a vendor reply (see the top of this file), or a ProxyHttpError:
 *
 * - 401/403 (the proxy's own credentials were refused): 502 `upstream_auth_failed`; the browser's
 *   token is not the problem, so it must not see an auth failure.
 * - 429: 429 `rate_limited`; 503: 503 `upstream_unavailable`; another 5xx: the same status with
 *   `upstream_error`. Each with the vendor's Retry-After, never the vendor's body.
 * - another 4xx with a JSON body: its documented error fields (`errorFields`), redacted; a body
 *   with none of them gives `{"error":{"code":"upstream_rejected"}}`.
 * - 2xx with a JSON body: the body byte for byte, or re-serialised with its secrets redacted.
 * - any other non-JSON body, or a status outside 2xx/4xx/5xx: 502 `bad_gateway`.
 */
export function relayedReply(reply: VendorReply, errorFields: ErrorFields): RelayedReply {
  const { status, secrets } = reply;
  const after = retryAfter(reply.headers);
  const headers: Record<string, string> = after ? { 'Retry-After': after } : {};
  if (status === 401 || status === 403) {
    throw new ProxyHttpError(
      502,
      'upstream_auth_failed',
      'The identity service refused the proxy credentials.',
    );
  }
  if (status === 429) {
    throw new ProxyHttpError(
      429,
      'rate_limited',
      'The identity service is rate limiting requests.',
      headers,
    );
  }
  if (status === 503) {
    throw new ProxyHttpError(
      503,
      'upstream_unavailable',
      'The identity service is unavailable.',
      headers,
    );
  }
  if (status >= 500 && status <= 599) {
    throw new ProxyHttpError(status, 'upstream_error', 'The identity service failed.', headers);
  }
  const json = jsonBody(reply.body);
  if (json === undefined || status < 200 || (status >= 300 && status < 400) || status > 599) {
    throw new ProxyHttpError(502, 'bad_gateway', 'The identity service sent an unexpected reply.');
  }
  if (status >= 400) {
    const fields = errorFields(json);
    const body = fields
      ? safeErrorFields(fields, secrets)
      : {
          error: {
            code: 'upstream_rejected',
            message: 'The identity service refused the request.',
          },
        };
    return { status, body: JSON.stringify(body), headers };
  }
  const body = holdsSecret(json, secrets) ? JSON.stringify(redact(json, secrets)) : reply.body;
  return { status, body, headers };
}

/**
 * Error fields for a vendor whose document gives no error body (seeds 001 and 004): the
 * `{"error":{"code","message"}}` shape the browser SDK's client reads, when both are strings.
 */
export const nestedErrorFields: ErrorFields = (body) => {
  const error = isRecord(body) ? body['error'] : undefined;
  if (!isRecord(error)) return undefined;
  const { code, message } = error;
  if (typeof code !== 'string' || !/^[\w.-]{1,64}$/.test(code)) return undefined;
  return { error: { code, ...(typeof message === 'string' ? { message } : {}) } };
};
