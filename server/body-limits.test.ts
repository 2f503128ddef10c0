// The proxies' memory and time bounds over real HTTP (issue 15): bodies in flight per session and
// per process, an over-limit chunked body refused as soon as it passes the limit (not read to its
// end), a deadline for slow senders, an aborted upload not reported as a server failure, and what
// one 25 MB body costs in memory.
import assert from 'node:assert/strict';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, it } from 'node:test';
import {
  closeServers,
  listenMiddleware,
  readAll,
  send,
  stubServer,
  type Received,
  type StubReply,
} from '../test/helpers/node-http.ts';
import { createBodyLimits, DEFAULT_MAX_BODIES, DEFAULT_MAX_BODIES_PER_TOKEN } from './limits.ts';
import { DEFAULT_BODY_TIMEOUT_MS, type ProxyHttpError } from './proxy.ts';
import { createTokenIssuer } from './tokens.ts';
import { createValidationV2Proxy, type ValidationV2ProxyOptions } from './validation-v2.ts';

afterEach(closeServers);

const SECRET = 'body-limits-test-secret-of-at-least-32-bytes';
const PATH = '/api/v2/public/Validation';
const SUCCESS = { applicantId: 'a', status: 0 };

/** A validation-v2 proxy in front of a stub vendor (answering `reply`), with two sessions. */
async function setup(
  overrides: Partial<ValidationV2ProxyOptions> = {},
  reply: (received: Received) => StubReply = () => ({ status: 200, body: SUCCESS }),
) {
  const stub = await stubServer((received) => reply(received));
  const errors: ProxyHttpError[] = [];
  const tokens = createTokenIssuer({ secret: SECRET });
  const proxy = createValidationV2Proxy({
    vendorBaseUrl: stub.url,
    vendorHeaders: { 'X-Api-Key': 'vendor-key-0123456789' },
    tokens,
    onError: (error) => errors.push(error),
    bodyLimits: createBodyLimits(),
    ...overrides,
  });
  const server = await listenMiddleware(proxy.middleware);
  return {
    url: `${server.url}${PATH}`,
    stub,
    errors,
    a: proxy.startSession({ applicantId: 'applicant-a' }).token,
    b: proxy.startSession({ applicantId: 'applicant-b' }).token,
  };
}

function validBody(face = 'RkFDRQ=='): string {
  return JSON.stringify({
    model: { faceImageBase64: face, frontImageBase64: 'RlJPTlQ=', documentType: 2 },
  });
}

interface Open {
  readonly req: ClientRequest;
  /** The reply, once it comes. */
  readonly reply: Promise<{ status: number; headers: IncomingMessage['headers']; text: string }>;
  /** Resolves when the client's socket is closed. */
  readonly closed: Promise<void>;
}

/** Starts a POST whose body the test writes (chunked unless `contentLength` is given). */
function openPost(url: string, token: string, contentLength?: number): Open {
  const req = httpRequest(url, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...(contentLength === undefined
        ? { 'Transfer-Encoding': 'chunked' }
        : { 'Content-Length': contentLength }),
    },
  });
  req.on('error', () => undefined); // a reset after the reply is what some tests expect
  const reply = new Promise<{ status: number; headers: IncomingMessage['headers']; text: string }>(
    (resolve, reject) => {
      req.on('response', (res) => {
        readAll(res).then(
          (text) => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }),
          reject,
        );
      });
    },
  );
  const closed = new Promise<void>((resolve) => {
    req.on('socket', (socket) => socket.once('close', () => resolve()));
  });
  req.flushHeaders();
  return { req, reply, closed };
}

/** `promise`, or a failure naming `what` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms).unref(),
    ),
  ]);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('proxy body bounds (issue 15)', () => {
  it('has sane defaults: 16 bodies per process, 2 per session, 30 s to send one', () => {
    assert.deepEqual(
      [DEFAULT_MAX_BODIES, DEFAULT_MAX_BODIES_PER_TOKEN, DEFAULT_BODY_TIMEOUT_MS],
      [16, 2, 30_000],
    );
    assert.throws(() => createBodyLimits({ maxBodies: 0 }), RangeError);
    assert.throws(() => createBodyLimits({ maxBodiesPerToken: 1.5 }), RangeError);
  });

  it('refuses an over-limit chunked body with 413 as soon as it passes the limit, and closes', async () => {
    const s = await setup({ maxBodyBytes: 1000 });
    const open = openPost(s.url, s.a);
    open.req.write('x'.repeat(600));
    open.req.write('x'.repeat(600)); // past the limit; the body never ends
    const reply = await within(open.reply, 3000, 'the 413');
    assert.equal(reply.status, 413);
    assert.match(reply.text, /payload_too_large/);
    assert.equal(reply.headers.connection, 'close');
    // The rest is never read: the server closes the connection while the client still sends.
    const writer = setInterval(() => open.req.write('x'.repeat(1000)), 5);
    try {
      await within(open.closed, 3000, 'the connection closing');
    } finally {
      clearInterval(writer);
    }
    assert.equal(s.stub.received.length, 0);
    assert.deepEqual(s.errors, []);
  });

  it('answers 408 body_timeout to a sender slower than the body deadline, and closes', async () => {
    const s = await setup({ bodyTimeoutMs: 200 });
    const open = openPost(s.url, s.a, 10_000);
    open.req.write('{"model":'); // then nothing more
    const reply = await within(open.reply, 3000, 'the 408');
    assert.equal(reply.status, 408);
    assert.match(reply.text, /body_timeout/);
    assert.equal(reply.headers.connection, 'close');
    await within(open.closed, 3000, 'the connection closing');
    assert.equal(s.stub.received.length, 0);
    assert.deepEqual(s.errors, [], 'a slow browser is not a server failure');
  });

  it('does not report an upload the browser aborted as a 500', async () => {
    const s = await setup();
    const open = openPost(s.url, s.a, 100_000);
    open.req.write('{"model":{"faceImageBase64":"');
    await pause(100);
    open.req.destroy();
    await pause(200);
    assert.deepEqual(
      s.errors.map((error) => [error.status, error.code]),
      [],
    );
    assert.equal(s.stub.received.length, 0);
    // The session's slot is free again.
    assert.equal((await send(s.url, { token: s.a, body: JSON.parse(validBody()) })).status, 200);
  });

  it('caps bodies in flight per session (429) and per process (503), with Retry-After', async () => {
    const limits = createBodyLimits({ maxBodies: 2, maxBodiesPerToken: 1 });
    const s = await setup({ bodyLimits: limits });
    const body = JSON.parse(validBody()) as unknown;
    const held = openPost(s.url, s.a);
    held.req.write('{"model":');
    await pause(100);
    assert.equal(limits.inFlight, 1);
    const second = await send(s.url, { token: s.a, body });
    assert.equal(second.status, 429);
    assert.equal(second.headers.get('retry-after'), '1');
    assert.match(second.text, /too_many_requests/);
    // Another session still gets through; with two held, the process is full.
    const other = openPost(s.url, s.b);
    other.req.write('{"model":');
    await pause(100);
    const third = createTokenIssuer({ secret: SECRET });
    const busy = await send(s.url, {
      token: third.issue({ scope: 'validation-v2', subject: 'applicant-c' }).token,
      body,
    });
    assert.equal(busy.status, 503);
    assert.equal(busy.headers.get('retry-after'), '1');
    assert.match(busy.text, /server_busy/);
    // Finishing the held bodies frees their slots.
    const rest = validBody().slice('{"model":'.length);
    held.req.end(rest);
    other.req.end(rest);
    assert.equal((await held.reply).status, 200);
    assert.equal((await other.reply).status, 200);
    assert.equal(limits.inFlight, 0);
    assert.equal((await send(s.url, { token: s.a, body })).status, 200);
    assert.equal(s.stub.received.length, 3);
  });

  it('measures the memory one 25 MB body costs on its way through the proxy', async (t) => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const s = await setup({}, () => ({ status: 200, body: SUCCESS }));
    const face = 'A'.repeat(25 * 1024 * 1024 - 200);
    const text = validBody(face);
    gc();
    const before = process.memoryUsage();
    let peak = { rss: 0, heapUsed: 0, external: 0 };
    const sample = setInterval(() => {
      const now = process.memoryUsage();
      peak = {
        rss: Math.max(peak.rss, now.rss - before.rss),
        heapUsed: Math.max(peak.heapUsed, now.heapUsed - before.heapUsed),
        external: Math.max(peak.external, now.external - before.external),
      };
    }, 2);
    const reply = await send(s.url, { token: s.a, body: text });
    clearInterval(sample);
    assert.equal(reply.status, 200);
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
    // The client's copy (the test's own string and fetch's body) and the stub vendor's copy are in
    // this process too: the figure is an upper bound for the proxy alone.
    t.diagnostic(
      `25 MB body, peak over baseline (client + proxy + stub vendor in one process): rss ${mb(peak.rss)}, heap ${mb(peak.heapUsed)}, external ${mb(peak.external)}`,
    );
    assert.equal(s.stub.received.length, 1);
  });
});
