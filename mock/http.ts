// Small node:http helpers shared by the mock backends: JSON replies, error replies in the
// `{"error":{"code","message"}}` shape, CORS, constant-time secret checks and mounting a mock as a
// middleware. Reading requests (bounded body, JSON body, bearer token) is the server helper's own
// (server/http.ts): the mocks and the proxies answer the same problem the same way.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord } from '../src/internal/guards.ts';
import { ProxyHttpError, type Middleware } from '../server/http.ts';

export {
  bearerToken,
  parseJsonBody,
  parseMultipart,
  type FormPart,
  readBody,
  readJsonBody,
  type Middleware,
} from '../server/http.ts';

/**
 * A reply that ends request handling early, thrown by handlers and answered by the router: the
 * server helper's error class, which the shared request readers throw.
 */
export { ProxyHttpError as HttpFailure };

/** Same-origin is the norm, but integrators may host the API elsewhere: allow it, with bearer auth. */
const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Expose-Headers': 'Retry-After',
  'Access-Control-Max-Age': '600',
};

/** Adds the CORS headers to a response. */
export function applyCors(res: ServerResponse): void {
  for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
}

/** Answers a JSON body; never cached, since every reply reflects live session state. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  applyCors(res);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Answers a CORS preflight (or any bodiless success). */
export function sendNoContent(res: ServerResponse): void {
  applyCors(res);
  res.writeHead(204, { 'Cache-Control': 'no-store' });
  res.end();
}

/** Answers raw bytes with their content type. */
export function sendBytes(res: ServerResponse, contentType: string, bytes: Buffer): void {
  applyCors(res);
  res.writeHead(200, {
    'Content-Type': contentType,
    'Content-Length': bytes.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(bytes);
}

/** Answers `{"error":{"code","message"}}`. */
export function sendFailure(res: ServerResponse, failure: ProxyHttpError): void {
  sendJson(
    res,
    failure.status,
    { error: { code: failure.code, message: failure.message } },
    {
      ...failure.headers,
    },
  );
}

/**
 * A finished reply in a vendor's own shape (the vendor mocks' errors are not the project's
 * `{"error"}` bodies), thrown to end handling early.
 */
export class VendorReply extends Error {
  /** HTTP status. */
  readonly status: number;
  /** The JSON body; undefined for none at all. */
  readonly body: unknown;
  /** Extra headers (Retry-After, Allow, WWW-Authenticate). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}) {
    super(`Vendor reply ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/**
 * Answers a {@link VendorReply}. Without a body it is still `Content-Type: application/json`, with
 * no content, as seed 000 shows its 401, 404 and 503.
 */
export function sendVendorReply(res: ServerResponse, reply: VendorReply): void {
  if (reply.body !== undefined) {
    sendJson(res, reply.status, reply.body, reply.headers);
    return;
  }
  applyCors(res);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': 0,
    'Cache-Control': 'no-store',
    ...reply.headers,
  });
  res.end();
}

/** A parsed JSON body that must be an object; anything else is 400 `malformed_body`. */
export function jsonObject(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw new ProxyHttpError(400, 'malformed_body', 'Send a JSON object.');
  return body;
}

/** What a handler's failure is answered with: itself, or a 500 `internal_error`. */
export function failureOf(error: unknown): ProxyHttpError {
  return error instanceof ProxyHttpError
    ? error
    : new ProxyHttpError(500, 'internal_error', 'The mock backend failed.');
}

/** Whether two secrets are equal, in equal time: a secret cannot be guessed byte by byte from timings. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The request's URL (its path and query), or undefined when the request target does not parse. */
export function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://mock.invalid');
  } catch {
    return undefined;
  }
}

/** Whether `pathname` is one of `bases` or below one of them (`/base` and `/base/…`, not `/based`). */
export function isUnder(pathname: string, ...bases: readonly string[]): boolean {
  return bases.some((base) => pathname === base || pathname.startsWith(`${base}/`));
}

/** A mock backend that answers the paths it handles. */
export interface MountableMock {
  /** Whether it answers this path. */
  handles(pathname: string): boolean;
  /** Answers one request whose path it handles; never throws. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

/** A connect-style middleware answering what `mock` handles and passing the rest to `next()`. */
export function mountMock(mock: MountableMock): Middleware {
  return (req, res, next) => {
    const url = requestUrl(req);
    if (!url || !mock.handles(url.pathname)) {
      next();
      return;
    }
    void mock.handle(req, res, url);
  };
}
