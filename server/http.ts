// Plain node:http request reading, shared by the proxies (proxy.ts) and the mock backends
// (mock/http.ts), so both answer the same problem the same way: the failure reply type, a bounded
// body read, a JSON body parse, a multipart body parse, bearer parsing and the request's source
// address. Nothing here writes a reply.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** A connect-style middleware (Express, Connect, Vite's dev server). */
export type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** A failure answered as `{"error":{"code","message"}}` with an HTTP status. */
export class ProxyHttpError extends Error {
  /** HTTP status of the reply. */
  readonly status: number;
  /** Stable snake_case code, the reply's `error.code`. */
  readonly code: string;
  /** Extra reply headers (Retry-After, Allow, WWW-Authenticate). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    headers: Readonly<Record<string, string>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProxyHttpError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** How {@link readBody} reads a body. */
export interface ReadBodyOptions {
  /**
   * Time allowed for the whole body, in ms, from the first read: a sender slower than that gets
   * 408 `body_timeout` and the connection is closed. Default none.
   */
  readonly timeoutMs?: number;
}

/** Reply headers of a refusal after which the rest of the body is not read: the socket closes. */
const CLOSE = { Connection: 'close' } as const;

/**
 * Reads the whole body, up to `limit` bytes. A declared Content-Length over the limit is 413
 * `payload_too_large` at once, before any byte is read. A body without one (chunked) that grows
 * past the limit is 413 as soon as it does: reading stops there and the reply closes the
 * connection (`Connection: close`), so the rest is never read or held. A body not complete within
 * `timeoutMs` is 408 `body_timeout`, also closing. A client that goes away mid-body is 499
 * `client_closed` (nobody is left to answer, and it is not a server failure). Nothing but the
 * body's own bytes is held: with a Content-Length the buffer is allocated once.
 */
export function readBody(
  req: IncomingMessage,
  limit: number,
  options: ReadBodyOptions = {},
): Promise<Buffer> {
  const tooLarge = (headers: Readonly<Record<string, string>> = {}) =>
    new ProxyHttpError(
      413,
      'payload_too_large',
      `The request body is over ${limit} bytes.`,
      headers,
    );
  const declaredHeader = req.headers['content-length'];
  const declared = declaredHeader === undefined ? Number.NaN : Number(declaredHeader);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    // With a declared length (node's parser holds the body to it) one buffer of that size.
    const whole = Number.isFinite(declared) ? Buffer.allocUnsafe(declared) : undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = (error?: ProxyHttpError) => {
      if (timer !== undefined) clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('aborted', onAbort);
      req.off('close', onClose);
      if (error) {
        chunks.length = 0;
        // Stop reading: what the sender still has is not ours to hold.
        req.pause();
        reject(error);
      }
    };
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limit) {
        stop(tooLarge(CLOSE));
        return;
      }
      if (whole) chunk.copy(whole, size);
      else chunks.push(chunk);
      size += chunk.length;
    };
    const onEnd = () => {
      stop();
      resolve(whole ? whole.subarray(0, size) : Buffer.concat(chunks, size));
    };
    const onAbort = (cause?: unknown) =>
      stop(
        new ProxyHttpError(499, 'client_closed', 'The client closed the request.', {}, { cause }),
      );
    const onClose = () => {
      if (!req.complete) onAbort();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('aborted', onAbort);
    req.on('close', onClose);
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(
        () =>
          stop(
            new ProxyHttpError(
              408,
              'body_timeout',
              'The request body did not arrive in time.',
              CLOSE,
            ),
          ),
        options.timeoutMs,
      );
      timer.unref?.();
    }
  });
}

/** How {@link parseJsonBody} reads a body. */
export interface JsonBodyOptions {
  /** Read no body at all as `{}` (whatever its Content-Type); default false. */
  readonly allowEmpty?: boolean;
}

/**
 * Parses a JSON request body sent as `Content-Type: application/json`. Another content type is
 * 415 `unsupported_content_type` (RFC 9110 §15.5.16: the server refuses the body's media type);
 * bytes that are not JSON are 400 `malformed_body`.
 */
export function parseJsonBody(
  req: IncomingMessage,
  raw: Buffer,
  options: JsonBodyOptions = {},
): unknown {
  if (raw.length === 0 && options.allowEmpty) return {};
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ProxyHttpError(
      415,
      'unsupported_content_type',
      'The body must be sent as Content-Type: application/json.',
    );
  }
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new ProxyHttpError(400, 'malformed_body', 'The body is not valid JSON.');
  }
}

/** Reads and parses a JSON request body: {@link readBody}, then {@link parseJsonBody}. */
export async function readJsonBody(
  req: IncomingMessage,
  limit: number,
  options: JsonBodyOptions & ReadBodyOptions = {},
): Promise<unknown> {
  return parseJsonBody(req, await readBody(req, limit, options), options);
}

/**
 * The bearer token of a request, or a 401 saying what is wrong with the header (with the
 * `WWW-Authenticate` challenge RFC 9110 asks of every 401). The scheme is case-insensitive.
 */
export function bearerToken(req: IncomingMessage): string {
  const header = req.headers.authorization;
  if (!header) {
    throw new ProxyHttpError(401, 'token_missing', 'The Authorization header is missing.', {
      'WWW-Authenticate': 'Bearer',
    });
  }
  const match = /^Bearer ([\x21-\x7e]+)$/i.exec(header.trim());
  if (!match?.[1]) {
    throw new ProxyHttpError(
      401,
      'token_malformed',
      'The Authorization header must be "Bearer <token>".',
      { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    );
  }
  return match[1];
}

/**
 * A list of IP addresses and CIDR ranges (`203.0.113.7`, `10.0.0.0/8`, `::1`, `fd00::/8`). IPv4
 * entries also match their IPv4-mapped IPv6 form (`::ffff:203.0.113.7`), as Node reports a peer
 * on a dual-stack socket.
 */
export class AddressList {
  readonly #list = new BlockList();
  /** The entries as given. */
  readonly entries: readonly string[];

  /** @throws TypeError for an entry that is not an IP address or a CIDR range. */
  constructor(entries: readonly string[], name: string) {
    if (!Array.isArray(entries)) throw new TypeError(`${name} must be an array of IP addresses.`);
    for (const entry of entries) {
      const [address = '', bits, extra] = String(entry).trim().split('/');
      const family = isIP(address);
      const prefix = Number(bits);
      const max = family === 6 ? 128 : 32;
      if (
        family === 0 ||
        extra !== undefined ||
        (bits !== undefined && (!/^\d{1,3}$/.test(bits) || prefix > max))
      ) {
        throw new TypeError(
          `${name}: ${JSON.stringify(entry)} is not an IP address or CIDR range.`,
        );
      }
      const type = family === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.#list.addAddress(address, type);
      else this.#list.addSubnet(address, prefix, type);
    }
    this.entries = [...entries];
  }

  /** Whether `address` (an IP address; anything else is never listed) is in the list. */
  has(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.#list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  }
}

/** One X-Forwarded-For hop as an address: brackets and a port (`[::1]:80`, `1.2.3.4:80`) dropped. */
function hopAddress(hop: string): string {
  const value = hop.trim();
  if (isIP(value)) return value;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) return bracketed[1];
  const withPort = /^([\d.]+):\d+$/.exec(value);
  return withPort?.[1] ?? value;
}

/**
 * The address a request came from. Without trusted proxies, the socket's peer, whatever
 * `X-Forwarded-For` says (anyone can send that header). When the peer is one of `trustedProxies`,
 * `X-Forwarded-For` is read from the right (each proxy appends the address it saw) and the first
 * hop that is not itself a trusted proxy is the source: hops left of it were written by the
 * client and prove nothing. If every hop is a trusted proxy, the left-most one is the source.
 * Undefined when the socket has no peer address.
 */
export function requestSource(
  req: IncomingMessage,
  trustedProxies: AddressList | undefined,
): string | undefined {
  const peer = req.socket.remoteAddress;
  if (peer === undefined || !trustedProxies?.has(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map(hopAddress)
    .filter((hop) => hop !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!trustedProxies.has(hop)) return hop;
  }
  return hops[0] ?? peer;
}

/** One part of a multipart/form-data body. */
export interface FormPart {
  /** The field name. */
  readonly name: string;
  /** The file name, for a file part. */
  readonly filename: string | undefined;
  /** The part's own Content-Type, if any. */
  readonly contentType: string | undefined;
  /** The bytes. */
  readonly data: Buffer;
}

/** Parses a multipart/form-data body (RFC 7578); a malformed body is a 400. */
export function parseMultipart(contentType: string, raw: Buffer): FormPart[] {
  const match = /^multipart\/form-data\s*;.*\bboundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) {
    throw new ProxyHttpError(
      415,
      'unsupported_content_type',
      'The body must be sent as Content-Type: multipart/form-data with a boundary.',
    );
  }
  const malformed = () =>
    new ProxyHttpError(400, 'malformed_body', 'The body is not valid multipart/form-data.');
  const delimiter = Buffer.from(`--${boundary}`);
  let at = raw.indexOf(delimiter);
  if (at < 0) throw malformed();
  const parts: FormPart[] = [];
  for (;;) {
    at += delimiter.length;
    if (raw.subarray(at, at + 2).toString('latin1') === '--') return parts;
    if (raw.subarray(at, at + 2).toString('latin1') !== '\r\n') throw malformed();
    at += 2;
    const headerEnd = raw.indexOf('\r\n\r\n', at);
    if (headerEnd < 0) throw malformed();
    const next = raw.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) throw malformed();
    const headers = raw.subarray(at, headerEnd).toString('utf8').split('\r\n');
    let name: string | undefined;
    let filename: string | undefined;
    let partType: string | undefined;
    for (const line of headers) {
      const [key = '', ...valueParts] = line.split(':');
      const value = valueParts.join(':').trim();
      if (key.trim().toLowerCase() === 'content-disposition') {
        if (!/^form-data\b/i.test(value)) throw malformed();
        name = /\bname="([^"]*)"/i.exec(value)?.[1];
        filename = /\bfilename="([^"]*)"/i.exec(value)?.[1];
      } else if (key.trim().toLowerCase() === 'content-type') partType = value;
    }
    if (name === undefined) throw malformed();
    parts.push({ name, filename, contentType: partType, data: raw.subarray(headerEnd + 4, next) });
    at = next + 2;
  }
}
