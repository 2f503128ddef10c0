// Small node:http helpers shared by the mock backends: JSON replies, error replies in the
// session-v1 shape, CORS, bounded body reading and bearer-token parsing.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A connect-style middleware, as Vite and the web-test-runner wrapper call it. */
export type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** A reply that ends request handling early; thrown by handlers, answered by the router. */
export class HttpFailure extends Error {
  /** HTTP status to answer with. */
  readonly status: number;
  /** snake_case code for the `{"error":{"code"}}` body. */
  readonly code: string;
  /** Extra response headers (e.g. Retry-After, Allow). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

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
export function sendFailure(res: ServerResponse, failure: HttpFailure): void {
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
 * Reads the whole body, up to `limit` bytes. Over the limit it keeps reading but discards the
 * rest, then fails with 413: answering while the client is still sending makes browsers report a
 * reset connection instead of the 413.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => {
      if (size <= limit) resolve(Buffer.concat(chunks));
      else {
        reject(
          new HttpFailure(413, 'payload_too_large', `The request body is over ${limit} bytes.`),
        );
      }
    });
    req.on('error', reject);
  });
}

/** Parses a JSON request body; `allowEmpty` treats no body as `{}`. */
export function parseJsonBody(
  req: IncomingMessage,
  raw: Buffer,
  options: { allowEmpty?: boolean } = {},
): unknown {
  if (raw.length === 0 && options.allowEmpty) return {};
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpFailure(
      400,
      'unsupported_content_type',
      'The body must be sent as Content-Type: application/json.',
    );
  }
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new HttpFailure(400, 'malformed_body', 'The body is not valid JSON.');
  }
}

/** The bearer token of a request, or a 401 saying what is wrong with the header. */
export function bearerToken(req: IncomingMessage): string {
  const header = req.headers.authorization;
  if (!header) throw new HttpFailure(401, 'token_missing', 'The Authorization header is missing.');
  const match = /^Bearer ([\x21-\x7e]+)$/.exec(header.trim());
  if (!match?.[1]) {
    throw new HttpFailure(
      401,
      'token_malformed',
      'The Authorization header must be "Bearer <token>".',
    );
  }
  return match[1];
}
