// A fault injector for the mock backends: browser contract tests arm a fault over HTTP
// (`POST /__faults`), and the next matching request gets a bad answer from the real server over a
// real connection, the way a captive portal, a proxy or an overloaded backend would answer.
//
//   POST   /__faults   a JSON Fault -> 204 (400 when it is not one)
//   DELETE /__faults   disarms every fault -> 204
//   GET    /__faults   {armed: number of faults with uses left}, so a test can see its fault fired
//   GET    /__faults?path=/x   {armed, seen: requests to exactly /x since the last DELETE}, so a test
//                      can tell how many attempts a call took (faulted or not)
//
// Faults match in the order they were armed; each match uses up one of its `times`, except a
// `reset` on a reused keep-alive connection: browsers silently resend such a request on another
// connection, so only a reset the caller sees (on a fresh connection) counts. CORS preflights
// (OPTIONS) only match a fault armed for method OPTIONS, so a cross-origin request is not answered
// before it is sent. Mounted before the backends, so it sees their requests first.
import {
  validateHeaderName,
  validateHeaderValue,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { isRecord } from '../src/internal/guards.ts';
import {
  applyCors,
  HttpFailure,
  readJsonBody,
  sendFailure,
  sendJson,
  sendNoContent,
  type Middleware,
} from './http.ts';

/** The path of the control endpoint. */
export const FAULTS_PATH = '/__faults';

/** The canned bad answers. */
export const FAULT_KINDS = [
  'html',
  'html-500',
  'truncated-json',
  'wrong-types',
  'rate-limited',
  'unavailable',
  'reset',
  'hang',
] as const;
/**
 * One canned bad answer: `html` a 200 text/html page (captive portal), `html-500` a 500 text/html
 * proxy error page, `truncated-json` a 200 application/json body cut mid-object, `wrong-types` a
 * 200 JSON object whose every value has an unexpected type, `rate-limited` a 429 and `unavailable`
 * a 503 (both with Retry-After: 1 and a JSON error body), `reset` the socket destroyed unanswered,
 * `hang` the body read and never answered (a stalled backend) until the client gives up or the
 * faults are cleared.
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** An answer spelled out in full. */
export interface FaultResponse {
  /** HTTP status, 200 to 599. */
  status: number;
  /** Extra response headers; they win over the defaults. */
  headers?: Record<string, string>;
  /** The body; default empty. */
  body?: string;
  /** Content-Type of a non-empty body; default `application/json; charset=utf-8`. */
  contentType?: string;
}

/** What to answer instead of the backend. */
export type FaultReply = FaultResponse | { kind: FaultKind };

/** A bad answer to give to the next matching request(s). */
export interface Fault {
  /** The exact pathname (no query), or a prefix ending in `*` (`/*` matches every path). */
  path: string;
  /** Only this method (any case); default any method but OPTIONS. */
  method?: string;
  /** How many matching requests get the fault; default 1 (for `reset`, see the file comment). */
  times?: number;
  /** The answer. */
  reply: FaultReply;
}

/** Arms faults in-process or over HTTP, and answers with them. */
export interface FaultInjector {
  /** Serves `/__faults`, answers matching requests with their fault, else calls `next()`. */
  readonly middleware: Middleware;
  /** Arms a fault; throws TypeError when it is not a valid {@link Fault}. */
  arm(fault: Fault): void;
  /** Disarms every fault. */
  clear(): void;
  /** How many faults still have uses left. */
  readonly armed: number;
  /**
   * How many requests (OPTIONS aside) reached exactly `pathname` since the last clear: the
   * attempts a client made. A reset on a reused connection is not one (the browser resends it).
   */
  seen(pathname: string): number;
}

/** A validated fault with its uses left. */
interface ArmedFault {
  readonly path: string;
  readonly prefix: boolean;
  readonly method: string | undefined;
  readonly reply: FaultReply;
  remaining: number;
}

/** Largest accepted control body. */
const MAX_CONTROL_BYTES = 64 * 1024;
/** Most uses one fault may have; more is a typo. */
const MAX_TIMES = 10_000;
/** Most distinct paths counted between clears: a dev server that is never cleared stays small. */
const MAX_COUNTED_PATHS = 10_000;

const HTML_PAGE = `<!doctype html>
<html><head><title>Sign in to Wi-Fi</title></head>
<body><h1>Welcome to Hotel Wi-Fi</h1><p>Please accept the terms of use to continue.</p>
<form method="post" action="/login"><button>Accept and connect</button></form></body></html>
`;

const HTML_500_PAGE = `<html>
<head><title>500 Internal Server Error</title></head>
<body>
<center><h1>500 Internal Server Error</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

/** A JSON reply cut off mid-object, with a Content-Length that matches what is sent. */
const TRUNCATED_JSON = '{"feedback":"ok","complete":"false","missing_images":["document_fr';

/** The field names of both protocols' replies, every one with a value of a type nobody expects. */
const WRONG_TYPES = JSON.stringify({
  accepted: 'yes',
  complete: 1,
  feedback: 7,
  missing_images: 'document_front',
  session_images: { 0: null },
  session_id: 42,
  start_token: false,
  expiration: [],
  token: 123,
  status: 0,
  result: 17,
  recommendation: [],
  verified: 'true',
  on_sanction_list: 'no',
  pong: 'yes',
  timestamp: 'now',
  client_id: {},
  access_token: null,
});

/** What a canned fault answers: status, headers, body. */
function cannedResponse(kind: Exclude<FaultKind, 'reset' | 'hang'>): FaultResponse {
  const json = 'application/json; charset=utf-8';
  switch (kind) {
    case 'html':
      return { status: 200, body: HTML_PAGE, contentType: 'text/html; charset=utf-8' };
    case 'html-500':
      return { status: 500, body: HTML_500_PAGE, contentType: 'text/html' };
    case 'truncated-json':
      return { status: 200, body: TRUNCATED_JSON, contentType: json };
    case 'wrong-types':
      return { status: 200, body: WRONG_TYPES, contentType: json };
    case 'rate-limited':
      return {
        status: 429,
        headers: { 'Retry-After': '1' },
        body: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many requests.' } }),
        contentType: json,
      };
    case 'unavailable':
      return {
        status: 503,
        headers: { 'Retry-After': '1' },
        body: JSON.stringify({
          error: { code: 'service_unavailable', message: 'The service is unavailable.' },
        }),
        contentType: json,
      };
  }
}

/** Fails unless `value` has only the `allowed` keys. */
function onlyKeys(value: Record<string, unknown>, allowed: readonly string[], what: string): void {
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0)
    throw new TypeError(`${what} has unknown field(s): ${unknown.join(', ')}.`);
}

/** Checks a reply spelled out in full; returns a copy. */
function validateResponse(reply: Record<string, unknown>): FaultResponse {
  onlyKeys(reply, ['status', 'headers', 'body', 'contentType'], 'reply');
  const { status, headers, body, contentType } = reply;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
    throw new TypeError('reply.status must be an integer from 200 to 599.');
  }
  if (body !== undefined && typeof body !== 'string') {
    throw new TypeError('reply.body must be a string.');
  }
  if (body && (status === 204 || status === 205 || status === 304)) {
    throw new TypeError(`A ${status} reply cannot have a body.`);
  }
  if (contentType !== undefined) {
    if (typeof contentType !== 'string' || contentType === '') {
      throw new TypeError('reply.contentType must be a non-empty string.');
    }
    try {
      validateHeaderValue('Content-Type', contentType);
    } catch {
      throw new TypeError('reply.contentType is not a valid header value.');
    }
  }
  const copy: FaultResponse = { status };
  if (headers !== undefined) {
    if (!isRecord(headers)) throw new TypeError('reply.headers must be an object of strings.');
    copy.headers = {};
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value !== 'string') throw new TypeError(`reply.headers.${name} must be a string.`);
      try {
        validateHeaderName(name);
        validateHeaderValue(name, value);
      } catch {
        throw new TypeError(`reply.headers.${name} is not a valid header.`);
      }
      copy.headers[name] = value;
    }
  }
  if (body !== undefined) copy.body = body;
  if (contentType !== undefined) copy.contentType = contentType;
  return copy;
}

/** Checks that `value` is a {@link Fault}; throws TypeError saying what is wrong. */
function validateFault(value: unknown): ArmedFault {
  if (!isRecord(value)) throw new TypeError('A fault must be a JSON object.');
  onlyKeys(value, ['path', 'method', 'times', 'reply'], 'The fault');
  const { path, method, times, reply } = value;
  if (typeof path !== 'string' || !path.startsWith('/') || path.slice(0, -1).includes('*')) {
    throw new TypeError('path must start with "/" and may only end in "*".');
  }
  if (path === FAULTS_PATH) throw new TypeError(`${FAULTS_PATH} itself cannot be faulted.`);
  if (method !== undefined && (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method))) {
    throw new TypeError('method must be an HTTP method name.');
  }
  if (
    times !== undefined &&
    (typeof times !== 'number' || !Number.isInteger(times) || times < 1 || times > MAX_TIMES)
  ) {
    throw new TypeError(`times must be an integer from 1 to ${MAX_TIMES}.`);
  }
  if (!isRecord(reply)) throw new TypeError('reply must be an object.');
  let checked: FaultReply;
  if ('kind' in reply) {
    onlyKeys(reply, ['kind'], 'A reply with a kind');
    const kind = reply['kind'];
    if (!FAULT_KINDS.includes(kind as FaultKind)) {
      throw new TypeError(`reply.kind must be one of ${FAULT_KINDS.join(', ')}.`);
    }
    checked = { kind: kind as FaultKind };
  } else {
    checked = validateResponse(reply);
  }
  const prefix = path.endsWith('*');
  return {
    path: prefix ? path.slice(0, -1) : path,
    prefix,
    method: method?.toUpperCase(),
    reply: checked,
    remaining: times ?? 1,
  };
}

/** Reads and discards the request body: answering before it is in makes browsers see a reset. */
function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.readableEnded) {
      resolve();
      return;
    }
    req.on('end', resolve);
    // A client that went away needs no answer; whoever writes next finds the socket closed.
    req.on('close', resolve);
    req.on('error', () => resolve());
    req.resume();
  });
}

/** Answers `reply` on `res` (the body already drained); `hang` answers nothing. */
function answer(req: IncomingMessage, res: ServerResponse, reply: FaultReply): void {
  let response: FaultResponse;
  if (!('kind' in reply)) response = reply;
  else if (reply.kind === 'hang') return;
  else if (reply.kind !== 'reset') response = cannedResponse(reply.kind);
  else {
    // An RST, as a dropped proxy connection would send.
    req.socket.resetAndDestroy();
    return;
  }
  const body = response.body ?? '';
  const headers: Record<string, string | number> = {
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  };
  if (body !== '')
    headers['Content-Type'] = response.contentType ?? 'application/json; charset=utf-8';
  applyCors(res);
  res.writeHead(response.status, { ...headers, ...response.headers });
  res.end(body);
}

/** Serves the control endpoint. */
async function control(
  req: IncomingMessage,
  res: ServerResponse,
  arm: (fault: unknown) => void,
  clear: () => void,
  armed: () => number,
  seen: (pathname: string) => number,
): Promise<void> {
  try {
    const method = req.method ?? 'GET';
    if (method === 'GET') {
      await drain(req);
      const path = new URL(req.url ?? '/', 'http://mock.invalid').searchParams.get('path');
      sendJson(res, 200, path === null ? { armed: armed() } : { armed: armed(), seen: seen(path) });
    } else if (method === 'OPTIONS') {
      await drain(req);
      sendNoContent(res);
    } else if (method === 'DELETE') {
      await drain(req);
      clear();
      sendNoContent(res);
    } else if (method === 'POST') {
      const body = await readJsonBody(req, MAX_CONTROL_BYTES);
      try {
        arm(body);
      } catch (error) {
        throw new HttpFailure(400, 'invalid_fault', (error as Error).message);
      }
      sendNoContent(res);
    } else {
      await drain(req);
      throw new HttpFailure(405, 'method_not_allowed', `${method} is not allowed here.`, {
        Allow: 'GET, POST, DELETE, OPTIONS',
      });
    }
  } catch (error) {
    if (res.headersSent || res.destroyed) return;
    sendFailure(
      res,
      error instanceof HttpFailure
        ? error
        : new HttpFailure(500, 'internal', 'The fault injector failed.'),
    );
  }
}

/** Creates a fault injector with no fault armed. */
export function createFaultInjector(): FaultInjector {
  let faults: ArmedFault[] = [];
  /** Requests per pathname since the last clear. */
  const counts = new Map<string, number>();
  /** Requests held by `hang`: released (their sockets destroyed) by a clear. */
  const hanging = new Set<ServerResponse>();

  function arm(fault: unknown): void {
    faults.push(validateFault(fault));
  }

  function clear(): void {
    faults = [];
    counts.clear();
    for (const res of hanging) res.destroy();
    hanging.clear();
  }

  function seen(pathname: string): number {
    return counts.get(pathname) ?? 0;
  }

  function count(pathname: string): void {
    const known = counts.get(pathname);
    if (known === undefined && counts.size >= MAX_COUNTED_PATHS) return;
    counts.set(pathname, (known ?? 0) + 1);
  }

  /**
   * The first armed fault for this request, with one use taken; undefined when none matches. A
   * reset on a reused connection takes no use: browsers silently resend a request whose reused
   * keep-alive connection drops before any answer, so only a reset on a fresh connection (nothing
   * written to it yet) is one the caller sees.
   */
  function take(req: IncomingMessage, pathname: string): ArmedFault | undefined {
    const method = (req.method ?? 'GET').toUpperCase();
    const fault = faults.find(
      (candidate) =>
        (candidate.method === undefined ? method !== 'OPTIONS' : candidate.method === method) &&
        (candidate.prefix ? pathname.startsWith(candidate.path) : pathname === candidate.path),
    );
    if (!fault) return undefined;
    const reused = req.socket.bytesWritten > 0;
    if (reused && 'kind' in fault.reply && fault.reply.kind === 'reset') return fault;
    count(pathname);
    fault.remaining--;
    if (fault.remaining <= 0) faults = faults.filter((candidate) => candidate !== fault);
    return fault;
  }

  const middleware: Middleware = (req, res, next) => {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://mock.invalid').pathname;
    } catch {
      next();
      return;
    }
    if (pathname === FAULTS_PATH) {
      void control(req, res, arm, clear, () => faults.length, seen);
      return;
    }
    const fault = take(req, pathname);
    if (!fault) {
      if ((req.method ?? 'GET').toUpperCase() !== 'OPTIONS') count(pathname);
      next();
      return;
    }
    if ('kind' in fault.reply && fault.reply.kind === 'hang') {
      hanging.add(res);
      res.once('close', () => hanging.delete(res));
    }
    void drain(req).then(() => {
      if (!res.destroyed) answer(req, res, fault.reply);
    });
  };

  return {
    middleware,
    arm,
    clear,
    seen,
    get armed() {
      return faults.length;
    },
  };
}
