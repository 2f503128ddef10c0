// The fault injector over real HTTP: armed through its control endpoint (or in-process), answering
// in front of a stand-in backend that says where each request went.
import assert from 'node:assert/strict';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createFaultInjector, FAULT_KINDS, type Fault, type FaultInjector } from './faults.ts';

/** One injector in front of a backend that answers every request it gets with 200 `{backend}`. */
function harness() {
  const state = {
    injector: createFaultInjector(),
    server: undefined as Server | undefined,
    url: '',
  };
  before(async () => {
    state.server = createServer((req, res) =>
      state.injector.middleware(req, res, () => {
        // The stand-in backend reads the body too, like the real ones do.
        req.resume();
        req.on('end', () => {
          const text = JSON.stringify({ backend: true, method: req.method, url: req.url });
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(text);
        });
      }),
    );
    await new Promise<void>((resolve) => state.server!.listen(0, '127.0.0.1', resolve));
    state.url = `http://127.0.0.1:${(state.server!.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => {
      state.server?.close(() => resolve());
      state.server?.closeAllConnections();
    });
  });
  beforeEach(() => state.injector.clear());
  return state;
}

/** Arms a fault through the control endpoint, as a browser test would. */
async function armOverHttp(url: string, fault: unknown): Promise<Response> {
  return fetch(`${url}/__faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fault),
  });
}

/** Whether a reply came from the stand-in backend rather than a fault. */
async function reachedBackend(response: Response): Promise<boolean> {
  if (response.status !== 200) return false;
  try {
    return (JSON.parse(await response.text()) as { backend?: unknown }).backend === true;
  } catch {
    return false;
  }
}

/** How a promise rejected; fails when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('fault injector', () => {
  const state = harness();
  const injector = (): FaultInjector => state.injector;

  /** One request through node:http, by default on a connection of its own. */
  function send(
    path: string,
    options: { method?: string; body?: string; agent?: Agent } = {},
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        `${state.url}${path}`,
        { method: options.method ?? 'GET', agent: options.agent ?? false },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  }

  it('passes every request on when no fault is armed', async () => {
    assert.equal(injector().armed, 0);
    assert.equal(await reachedBackend(await fetch(`${state.url}/api/v1/anything`)), true);
  });

  describe('kinds', () => {
    const cases: {
      kind: (typeof FAULT_KINDS)[number];
      status: number;
      type: RegExp;
      check: (text: string, headers: Headers) => void;
    }[] = [
      {
        kind: 'html',
        status: 200,
        type: /^text\/html/,
        check: (text) => assert.match(text, /^<!doctype html>/i),
      },
      {
        kind: 'html-500',
        status: 500,
        type: /^text\/html/,
        check: (text) => assert.match(text, /500 Internal Server Error/),
      },
      {
        kind: 'truncated-json',
        status: 200,
        type: /^application\/json/,
        check: (text) => {
          assert.match(text, /^\{"/);
          assert.throws(() => JSON.parse(text), SyntaxError);
        },
      },
      {
        kind: 'wrong-types',
        status: 200,
        type: /^application\/json/,
        check: (text) => {
          const body = JSON.parse(text) as Record<string, unknown>;
          assert.equal(body['accepted'], 'yes');
          assert.equal(body['complete'], 1);
          assert.equal(body['feedback'], 7);
          assert.equal(typeof body['missing_images'], 'string');
          assert.equal(typeof body['session_images'], 'object');
          assert.equal(Array.isArray(body['session_images']), false);
        },
      },
      {
        kind: 'rate-limited',
        status: 429,
        type: /^application\/json/,
        check: (text, headers) => {
          assert.equal(headers.get('Retry-After'), '1');
          assert.deepEqual(JSON.parse(text), {
            error: { code: 'rate_limited', message: 'Too many requests.' },
          });
        },
      },
      {
        kind: 'unavailable',
        status: 503,
        type: /^application\/json/,
        check: (text, headers) => {
          assert.equal(headers.get('Retry-After'), '1');
          const body = JSON.parse(text) as { error: { code: string } };
          assert.equal(body.error.code, 'service_unavailable');
        },
      },
    ];
    for (const { kind, status, type, check } of cases) {
      it(`answers ${kind}`, async () => {
        assert.equal((await armOverHttp(state.url, { path: '/x', reply: { kind } })).status, 204);
        const response = await fetch(`${state.url}/x`);
        assert.equal(response.status, status);
        assert.match(response.headers.get('Content-Type') ?? '', type);
        assert.equal(response.headers.get('Access-Control-Allow-Origin'), '*');
        assert.equal(response.headers.get('Cache-Control'), 'no-store');
        const text = await response.text();
        assert.equal(Number(response.headers.get('Content-Length')), Buffer.byteLength(text));
        check(text, response.headers);
        assert.equal(await reachedBackend(await fetch(`${state.url}/x`)), true);
      });
    }

    it('answers reset by destroying a fresh connection without a reply', async () => {
      injector().arm({ path: '/x', reply: { kind: 'reset' } });
      const error = await rejection(send('/x', { method: 'POST', body: 'hello' }));
      assert.equal((error as NodeJS.ErrnoException).code, 'ECONNRESET');
      assert.equal(injector().armed, 0);
      assert.equal((await send('/x')).status, 200);
    });

    it('resets a reused connection without using up the fault, as browsers resend then', async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        injector().arm({ path: '/x', reply: { kind: 'reset' } });
        assert.equal((await send('/warm', { agent })).status, 200);
        // The same connection again: reset, but still armed for the resend on a new one.
        const error = await rejection(send('/x', { agent }));
        assert.equal((error as NodeJS.ErrnoException).code, 'ECONNRESET');
        assert.equal(injector().armed, 1);
        await assert.rejects(send('/x', { agent }));
        assert.equal(injector().armed, 0);
        assert.equal((await send('/x', { agent })).status, 200);
      } finally {
        agent.destroy();
      }
    });

    it('answers hang with nothing until the client gives up, then the next request passes', async () => {
      injector().arm({ path: '/x', reply: { kind: 'hang' } });
      const controller = new AbortController();
      const pending = fetch(`${state.url}/x`, {
        method: 'POST',
        body: 'hello',
        signal: controller.signal,
      });
      // The fault is taken (the request reached the injector) and no answer comes.
      while (injector().armed !== 0) await new Promise((resolve) => setTimeout(resolve, 5));
      const first = await Promise.race([
        pending.then(() => 'answered'),
        Promise.resolve('pending'),
      ]);
      assert.equal(first, 'pending');
      controller.abort();
      await assert.rejects(pending);
      assert.equal(await reachedBackend(await fetch(`${state.url}/x`)), true);
    });

    it('releases a hanging request when the faults are cleared', async () => {
      injector().arm({ path: '/x', reply: { kind: 'hang' } });
      const error = rejection(send('/x', { method: 'POST', body: 'hello' }));
      while (injector().armed !== 0) await new Promise((resolve) => setTimeout(resolve, 5));
      injector().clear();
      assert.equal(((await error) as NodeJS.ErrnoException).code, 'ECONNRESET');
    });

    it('covers every kind', () => {
      assert.deepEqual(
        [...cases.map((c) => c.kind), 'reset', 'hang'].sort(),
        [...FAULT_KINDS].sort(),
      );
    });
  });

  it('answers a reply spelled out: status, headers, body and content type', async () => {
    await armOverHttp(state.url, {
      path: '/x',
      reply: {
        status: 418,
        headers: { 'X-Teapot': 'yes', 'Cache-Control': 'max-age=5' },
        body: 'short and stout',
        contentType: 'text/plain',
      },
    });
    const response = await fetch(`${state.url}/x`);
    assert.equal(response.status, 418);
    assert.equal(response.headers.get('X-Teapot'), 'yes');
    assert.equal(response.headers.get('Cache-Control'), 'max-age=5');
    assert.equal(response.headers.get('Content-Type'), 'text/plain');
    assert.equal(await response.text(), 'short and stout');

    injector().arm({ path: '/y', reply: { status: 502, body: '{"code":1}' } });
    injector().arm({ path: '/z', reply: { status: 204 } });
    const json = await fetch(`${state.url}/y`);
    assert.equal(json.status, 502);
    assert.match(json.headers.get('Content-Type') ?? '', /^application\/json/);
    assert.deepEqual(await json.json(), { code: 1 });
    const empty = await fetch(`${state.url}/z`);
    assert.equal(empty.status, 204);
    assert.equal(await empty.text(), '');
  });

  it('reads the whole request body before answering', async () => {
    injector().arm({ path: '/upload', reply: { kind: 'unavailable' } });
    // Sent in two parts with a pause between: no answer may come before the last byte is in.
    const part = Buffer.alloc(256 * 1024, 0x61);
    let answeredEarly = false;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${state.url}/upload`,
        { method: 'POST', headers: { 'Content-Length': part.length * 2 } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('response', () => {
        if (!req.writableEnded) answeredEarly = true;
      });
      req.on('error', reject);
      req.write(part);
      setTimeout(() => req.end(part), 150);
    });
    assert.equal(status, 503);
    assert.equal(answeredEarly, false);
  });

  it('counts the requests each path saw (faulted or not, OPTIONS aside) until cleared', async () => {
    const seen = async (path: string) =>
      ((await (await fetch(`${state.url}/__faults?path=${path}`)).json()) as { seen: number }).seen;
    assert.equal(await seen('/x'), 0);
    injector().arm({ path: '/x', reply: { kind: 'unavailable' } });
    await fetch(`${state.url}/x`, { method: 'POST', body: '{}' });
    await fetch(`${state.url}/x`);
    await fetch(`${state.url}/x`, { method: 'OPTIONS' });
    await fetch(`${state.url}/y`);
    assert.equal(await seen('/x'), 2);
    assert.equal(injector().seen('/y'), 1);
    assert.deepEqual(await (await fetch(`${state.url}/__faults`)).json(), { armed: 0 });
    await fetch(`${state.url}/__faults`, { method: 'DELETE' });
    assert.equal(await seen('/x'), 0);
  });

  it('counts times: each matching request uses one', async () => {
    assert.equal(
      (await armOverHttp(state.url, { path: '/x', times: 2, reply: { kind: 'unavailable' } }))
        .status,
      204,
    );
    assert.equal(injector().armed, 1);
    assert.equal((await fetch(`${state.url}/elsewhere`)).status, 200);
    assert.equal((await fetch(`${state.url}/x`)).status, 503);
    assert.equal(injector().armed, 1);
    assert.equal((await fetch(`${state.url}/x?page=2`)).status, 503);
    assert.equal(injector().armed, 0);
    assert.equal(await reachedBackend(await fetch(`${state.url}/x`)), true);
  });

  it('matches faults in the order they were armed', async () => {
    injector().arm({ path: '/x', reply: { kind: 'rate-limited' } });
    injector().arm({ path: '/*', reply: { kind: 'unavailable' } });
    assert.equal(injector().armed, 2);
    assert.equal((await fetch(`${state.url}/x`)).status, 429);
    assert.equal((await fetch(`${state.url}/x`)).status, 503);
    assert.equal(await reachedBackend(await fetch(`${state.url}/x`)), true);
  });

  it('matches an exact path exactly, and a path ending in * as a prefix', async () => {
    injector().arm({ path: '/api/v1/verification/*', times: 2, reply: { kind: 'unavailable' } });
    injector().arm({ path: '/demo/sessions', reply: { kind: 'rate-limited' } });
    assert.equal(await reachedBackend(await fetch(`${state.url}/api/v1/verification`)), true);
    assert.equal(await reachedBackend(await fetch(`${state.url}/api/v1/other/x`)), true);
    assert.equal(await reachedBackend(await fetch(`${state.url}/demo/sessions/abc`)), true);
    assert.equal(await reachedBackend(await fetch(`${state.url}/demo/sessionsx`)), true);
    assert.equal((await fetch(`${state.url}/api/v1/verification/s1/images`)).status, 503);
    assert.equal((await fetch(`${state.url}/api/v1/verification/`)).status, 503);
    assert.equal((await fetch(`${state.url}/demo/sessions?x=1`)).status, 429);
    assert.equal(injector().armed, 0);
  });

  it('filters by method (any case); CORS preflights only match a fault for OPTIONS', async () => {
    injector().arm({ path: '/x', method: 'post', reply: { kind: 'unavailable' } });
    injector().arm({ path: '/y', reply: { kind: 'unavailable' } });
    assert.equal(await reachedBackend(await fetch(`${state.url}/x`)), true);
    assert.equal(await reachedBackend(await fetch(`${state.url}/y`, { method: 'OPTIONS' })), true);
    assert.equal((await fetch(`${state.url}/x`, { method: 'POST', body: '{}' })).status, 503);
    assert.equal((await fetch(`${state.url}/y`, { method: 'DELETE' })).status, 503);
    injector().arm({ path: '/z', method: 'OPTIONS', reply: { status: 500 } });
    assert.equal((await fetch(`${state.url}/z`, { method: 'OPTIONS' })).status, 500);
  });

  it('clears every fault through DELETE /__faults or clear()', async () => {
    injector().arm({ path: '/x', times: 5, reply: { kind: 'unavailable' } });
    injector().arm({ path: '/*', reply: { kind: 'html' } });
    const listed = await fetch(`${state.url}/__faults`);
    assert.deepEqual(await listed.json(), { armed: 2 });
    const cleared = await fetch(`${state.url}/__faults`, { method: 'DELETE' });
    assert.equal(cleared.status, 204);
    assert.equal(cleared.headers.get('Access-Control-Allow-Origin'), '*');
    assert.equal(injector().armed, 0);
    assert.equal(await reachedBackend(await fetch(`${state.url}/x`)), true);
    injector().arm({ path: '/x', reply: { kind: 'unavailable' } });
    injector().clear();
    assert.equal(await reachedBackend(await fetch(`${state.url}/x`)), true);
  });

  it('answers CORS on the control endpoint, and 405 to other methods', async () => {
    const preflight = await fetch(`${state.url}/__faults`, { method: 'OPTIONS' });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('Access-Control-Allow-Methods') ?? '', /DELETE/);
    const put = await fetch(`${state.url}/__faults`, { method: 'PUT', body: '{}' });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('Allow'), 'GET, POST, DELETE, OPTIONS');
  });

  describe('control body validation', () => {
    const ok = { path: '/x', reply: { kind: 'html' } };
    const nonsense: [string, unknown][] = [
      ['not an object', 'html'],
      ['an array', [ok]],
      ['null', null],
      ['no path', { reply: { kind: 'html' } }],
      ['a relative path', { path: 'x', reply: { kind: 'html' } }],
      ['a * in the middle', { path: '/a/*/b', reply: { kind: 'html' } }],
      ['the control path', { path: '/__faults', reply: { kind: 'html' } }],
      ['a numeric method', { ...ok, method: 5 }],
      ['a method with spaces', { ...ok, method: 'GET POST' }],
      ['times 0', { ...ok, times: 0 }],
      ['fractional times', { ...ok, times: 1.5 }],
      ['times as a string', { ...ok, times: '2' }],
      ['no reply', { path: '/x' }],
      ['an unknown kind', { path: '/x', reply: { kind: 'slow' } }],
      ['a kind with a status', { path: '/x', reply: { kind: 'html', status: 200 } }],
      ['a status out of range', { path: '/x', reply: { status: 99 } }],
      ['a status as a string', { path: '/x', reply: { status: '500' } }],
      ['a numeric body', { path: '/x', reply: { status: 500, body: 5 } }],
      ['a body on a 204', { path: '/x', reply: { status: 204, body: 'x' } }],
      ['a header that is not a string', { path: '/x', reply: { status: 500, headers: { A: 1 } } }],
      ['an invalid header name', { path: '/x', reply: { status: 500, headers: { 'A B': 'x' } } }],
      [
        'a header value with a newline',
        { path: '/x', reply: { status: 500, headers: { A: 'x\ny' } } },
      ],
      ['an unknown fault field', { ...ok, time: 2 }],
      ['an unknown reply field', { path: '/x', reply: { status: 500, bdy: 'x' } }],
    ];
    for (const [name, body] of nonsense) {
      it(`refuses ${name} with 400, arming nothing`, async () => {
        const response = await armOverHttp(state.url, body);
        assert.equal(response.status, 400);
        const { error } = (await response.json()) as { error: { code: string; message: string } };
        assert.equal(error.code, 'invalid_fault');
        assert.ok(error.message.length > 0);
        assert.equal(injector().armed, 0);
        assert.throws(() => injector().arm(body as Fault), TypeError);
      });
    }

    it('refuses a body that is not JSON, or not sent as JSON', async () => {
      const malformed = await fetch(`${state.url}/__faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"path":',
      });
      assert.equal(malformed.status, 400);
      assert.equal(
        ((await malformed.json()) as { error: { code: string } }).error.code,
        'malformed_body',
      );
      const plain = await fetch(`${state.url}/__faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify(ok),
      });
      assert.equal(plain.status, 415);
      assert.equal(injector().armed, 0);
    });
  });
});
