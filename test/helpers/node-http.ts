// Node-side HTTP harness for the server helper's tests: servers on 127.0.0.1:0 that the test file
// closes after each test (`afterEach(closeServers)`), a stub vendor that records each request and
// answers what the test scripts, and a fetch wrapper that keeps status, headers, text and JSON.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** A listening server. */
export interface Running {
  readonly url: string;
  close(): Promise<void>;
}

const running: Running[] = [];

/** Closes every server `listen` started (for `afterEach`). */
export async function closeServers(): Promise<void> {
  await Promise.all(running.splice(0).map((server) => server.close()));
}

/** Serves `handler` on a free port of 127.0.0.1 until `closeServers`. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Running> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const handle: Running = {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  running.push(handle);
  return handle;
}

/**
 * Serves a proxy's connect-style middleware: what it passes on (`next()`) gets 404
 * `{"passedOn":true}` (500 when passed an error), so a test tells it from the proxy's own replies.
 */
export function listenMiddleware(
  middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void,
): Promise<Running> {
  return listen((req, res) =>
    middleware(req, res, (error) => {
      res.writeHead(error ? 500 : 404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ passedOn: true }));
    }),
  );
}

/** A URL nothing listens on. */
export async function deadUrl(): Promise<string> {
  const server = await listen(() => undefined);
  running.pop();
  await server.close();
  return server.url;
}

/** A request's whole body as text. */
export function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** One request as a stub received it (the body parsed when it is JSON). */
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/** What a stub answers. */
export interface StubReply {
  status: number;
  /** A string is sent as is (with `type`); anything else as JSON. */
  body?: unknown;
  type?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

/**
 * A stub vendor: every request is recorded in `received` and answered with `route(received)`
 * (404 when it returns undefined).
 */
export async function stubServer(
  route: (received: Received) => StubReply | undefined,
): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = await listen((req, res) => {
    void (async () => {
      const text = await readAll(req);
      let body: unknown = text;
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        // keep the raw text
      }
      const request: Received = {
        method: req.method ?? 'GET',
        path: req.url ?? '',
        headers: req.headers,
        body,
      };
      received.push(request);
      const reply = route(request) ?? { status: 404, body: { message: 'no such stub route' } };
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      const raw =
        reply.body === undefined
          ? ''
          : typeof reply.body === 'string'
            ? reply.body
            : JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        'Content-Type': reply.type ?? 'application/json; charset=utf-8',
        ...reply.headers,
      });
      res.end(raw);
    })();
  });
  return { url: server.url, received };
}

/** A reply as the tests look at it. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** A request with an optional bearer token and a JSON (or raw string) body. */
export async function send(
  url: string,
  init: { method?: string; token?: string | null; body?: unknown; type?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (init.token) headers['Authorization'] = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['Content-Type'] = init.type ?? 'application/json';
  const response = await fetch(url, {
    method: init.method ?? 'POST',
    headers,
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The `error.code` of a `{"error": {"code", "message"}}` reply. */
export function errorCode(reply: Reply): unknown {
  return (reply.json as { error?: { code?: unknown } } | undefined)?.error?.code;
}
