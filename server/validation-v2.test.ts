// The Validation v2 proxy over real HTTP: a stub vendor (node:http) records what it receives; the
// proxy runs in its own node:http server behind its middleware.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  closeServers,
  errorCode,
  listen,
  send,
  stubServer,
  type Received,
  type Reply,
  type StubReply,
  listenMiddleware,
} from '../test/helpers/node-http.ts';
import type { ProxyHttpError } from './proxy.ts';
import { createTokenIssuer, type TokenIssuer } from './tokens.ts';
import { createValidationV2Proxy, type ValidationV2ProxyOptions } from './validation-v2.ts';

afterEach(closeServers);

const SECRET = 'validation-v2-test-secret-at-least-32-bytes';
const API_KEY = 'vendor-api-key-9c1e';
const PATH = '/api/v2/public/Validation';
const T0 = Date.parse('2030-01-01T00:00:00Z');

const SUCCESS = {
  applicantId: '05fcd***',
  attemptId: 1,
  documentType: 10,
  document: null,
  attemptsCount: 5,
  attemptsLeft: 0,
  status: 0,
  validationStatus: {
    expired: null,
    documentIsValid: null,
    faceIsValid: true,
    antiSpoofingIsValid: null,
    qualityIsValid: true,
  },
  invalidDataErrors: [],
  faceSuccess: true,
  documentSuccess: null,
  documentHasNotExpired: null,
  documentValidationTests: [],
  callBackUrl: null,
};

/** A stub Validation v2 API: records every request; `reply` decides the answer. */
async function stubVendor() {
  const stub = {
    url: '',
    received: [] as Received[],
    reply: (): StubReply => ({ status: 200, body: SUCCESS }),
  };
  const server = await stubServer((received) =>
    received.method === 'POST' && received.path === PATH ? stub.reply() : undefined,
  );
  stub.url = server.url;
  stub.received = server.received;
  return stub;
}

type Stub = Awaited<ReturnType<typeof stubVendor>>;

interface Setup {
  stub: Stub;
  url: string;
  tokens: TokenIssuer;
  token: string;
  errors: ProxyHttpError[];
}

async function setup(overrides: Partial<ValidationV2ProxyOptions> = {}): Promise<Setup> {
  const stub = await stubVendor();
  const tokens = overrides.tokens ?? createTokenIssuer({ secret: SECRET });
  const errors: ProxyHttpError[] = [];
  const proxy = createValidationV2Proxy({
    vendorBaseUrl: stub.url,
    vendorHeaders: { 'X-Api-Key': API_KEY },
    tokens,
    onError: (error) => errors.push(error),
    ...overrides,
  });
  const server = await listenMiddleware(proxy.middleware);
  const { token } = proxy.startSession({ applicantId: 'applicant-42', endeavorId: 'endeavor-7' });
  return { stub, url: server.url, tokens, token, errors };
}

const BROWSER_BODY = {
  model: {
    faceImageBase64: 'RkFDRQ==',
    frontImageBase64: 'RlJPTlQ=',
    documentType: 2,
    callBackUrl: 'https://attacker.example/cb',
  },
  applicantId: 'someone-else',
  endeavorId: 'other-endeavor',
  extra: true,
};

function validate(s: Setup, body: unknown = BROWSER_BODY): Promise<Reply> {
  return send(`${s.url}${PATH}`, { token: s.token, body });
}

describe('createValidationV2Proxy', () => {
  it('takes applicantId/endeavorId from the token, never the browser, and adds vendor headers', async () => {
    const s = await setup();
    const reply = await validate(s);
    assert.equal(reply.status, 200);
    assert.equal(reply.text, JSON.stringify(SUCCESS));
    assert.equal(s.stub.received.length, 1);
    const received = s.stub.received[0];
    assert.deepEqual(received?.body, {
      model: { faceImageBase64: 'RkFDRQ==', frontImageBase64: 'RlJPTlQ=', documentType: 2 },
      applicantId: 'applicant-42',
      endeavorId: 'endeavor-7',
    });
    assert.equal(received?.headers['x-api-key'], API_KEY);
    assert.equal(received?.headers.authorization, undefined);
    assert.match(received?.headers['content-type'] ?? '', /^application\/json/);
  });

  it('omits endeavorId and frontImageBase64 when there are none', async () => {
    const s = await setup();
    const tokens = s.tokens;
    const proxy = createValidationV2Proxy({
      vendorBaseUrl: s.stub.url,
      vendorHeaders: {},
      tokens,
      documentTypes: [10],
    });
    const { token } = proxy.startSession({ applicantId: 'face-only' });
    const server = await listen((req, res) => void proxy.handle(req, res));
    const reply = await send(`${server.url}${PATH}`, {
      token,
      body: { model: { faceImageBase64: 'RkFDRQ==', documentType: 10 }, endeavorId: 'sneaky' },
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(s.stub.received[0]?.body, {
      model: { faceImageBase64: 'RkFDRQ==', documentType: 10 },
      applicantId: 'face-only',
    });
    assert.throws(() => proxy.startSession({ applicantId: '' }), TypeError);
  });

  it('calls a vendorHeaders function per request, and answers 502 when it throws', async () => {
    let calls = 0;
    const s = await setup({
      vendorHeaders: () => {
        calls++;
        if (calls > 1) return Promise.reject(new Error('vault down'));
        return Promise.resolve({
          Authorization: `Bearer vendor-${calls}`,
          'Content-Type': 'text/evil',
        });
      },
    });
    const ok = await validate(s);
    assert.equal(ok.status, 200);
    assert.equal(s.stub.received[0]?.headers.authorization, 'Bearer vendor-1');
    assert.match(s.stub.received[0]?.headers['content-type'] ?? '', /^application\/json/);
    const failed = await validate(s);
    assert.equal(failed.status, 502);
    assert.equal(errorCode(failed), 'upstream_auth_failed');
    assert.doesNotMatch(failed.text, /vault down/);
    assert.equal(s.stub.received.length, 1);
    assert.equal(calls, 2);
    assert.equal(s.errors.length, 1);
  });

  it('checks model: face image required, front optional, documentType an integer', async () => {
    const s = await setup();
    const bad = [
      { model: { frontImageBase64: 'QQ==', documentType: 2 } },
      { model: { faceImageBase64: '', documentType: 2 } },
      { model: { faceImageBase64: 'QQ==', documentType: 2.5 } },
      { model: { faceImageBase64: 'QQ==', documentType: '2' } },
      { model: { faceImageBase64: 'QQ==' } },
      { model: { faceImageBase64: 'QQ==', frontImageBase64: 7, documentType: 2 } },
      { faceImageBase64: 'QQ==', documentType: 2 },
      [],
    ];
    for (const body of bad) {
      const reply = await validate(s, body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.equal(errorCode(reply), 'invalid_body');
    }
    assert.equal(s.stub.received.length, 0);
  });

  it('rejects missing, expired and wrong-scope tokens with 401', async () => {
    let time = T0;
    const tokens = createTokenIssuer({ secret: SECRET, ttlSeconds: 30, now: () => time });
    const s = await setup({ tokens });
    const missing = await send(`${s.url}${PATH}`, { token: null, body: BROWSER_BODY });
    assert.equal(missing.status, 401);
    assert.equal(errorCode(missing), 'token_missing');
    const linkToken = tokens.issue({ scope: 'link-kyc', subject: 'applicant-42' }).token;
    const scoped = await send(`${s.url}${PATH}`, { token: linkToken, body: BROWSER_BODY });
    assert.equal(errorCode(scoped), 'scope_mismatch');
    time += 30_000;
    const expired = await validate(s);
    assert.equal(expired.status, 401);
    assert.equal(errorCode(expired), 'token_expired');
    assert.equal(s.stub.received.length, 0);
  });

  it('relays the vendor 400 bodies verbatim', async () => {
    const s = await setup();
    const noFaces = '{"code":120038,"message":"No faces found"}';
    s.stub.reply = () => ({ status: 400, body: noFaces });
    const reply = await validate(s);
    assert.equal(reply.status, 400);
    assert.equal(reply.text, noFaces);
    assert.match(reply.headers.get('content-type') ?? '', /^application\/json/);
  });

  it('answers 413 to an oversize body without calling the vendor', async () => {
    const s = await setup({ maxBodyBytes: 2048 });
    const big = { model: { faceImageBase64: 'A'.repeat(4096), documentType: 10 } };
    const reply = await validate(s, big);
    assert.equal(reply.status, 413);
    assert.equal(errorCode(reply), 'payload_too_large');
    assert.equal(s.stub.received.length, 0);
  });

  it('answers 502 bad_gateway to a vendor HTML page, and its own body to a vendor 500', async () => {
    const s = await setup();
    s.stub.reply = () => ({ status: 200, type: 'text/html', body: '<h1>Maintenance</h1>' });
    const page = await validate(s);
    assert.equal(page.status, 502);
    assert.equal(errorCode(page), 'bad_gateway');
    assert.doesNotMatch(page.text, /<h1>/);
    s.stub.reply = () => ({
      status: 500,
      type: 'text/html',
      body: '<h1>Internal Server Error</h1>',
    });
    const reply = await validate(s);
    assert.equal(reply.status, 500);
    assert.equal(errorCode(reply), 'upstream_error');
    assert.doesNotMatch(reply.text, /<h1>/);
  });

  it('relays a vendor 503 with its Retry-After', async () => {
    const s = await setup();
    s.stub.reply = () => ({
      status: 503,
      type: 'text/plain',
      body: 'busy',
      headers: { 'Retry-After': '30' },
    });
    const reply = await validate(s);
    assert.equal(reply.status, 503);
    assert.equal(reply.headers.get('retry-after'), '30');
    assert.equal(errorCode(reply), 'upstream_unavailable');
  });

  it('maps a vendor 401 to 502 upstream_auth_failed (the browser token is fine)', async () => {
    const s = await setup();
    s.stub.reply = () => ({ status: 401, body: { message: 'bad key' } });
    const reply = await validate(s);
    assert.equal(reply.status, 502);
    assert.equal(errorCode(reply), 'upstream_auth_failed');
    assert.equal(s.stub.received.length, 1);
  });

  it('answers 504 when the vendor is too slow', async () => {
    const s = await setup({ timeoutMs: 100 });
    s.stub.reply = () => ({ status: 200, body: SUCCESS, delayMs: 1000 });
    const reply = await validate(s);
    assert.equal(reply.status, 504);
    assert.equal(errorCode(reply), 'upstream_timeout');
  });

  it('answers only POST/OPTIONS …/api/v2/public/Validation and calls next() otherwise', async () => {
    const s = await setup();
    const preflight = await send(`${s.url}${PATH}`, { method: 'OPTIONS' });
    assert.equal(preflight.status, 204);
    const exact = await send(`${s.url}${PATH}`, { token: s.token, body: BROWSER_BODY });
    assert.equal(exact.status, 200);
    for (const [method, path] of [
      ['GET', PATH],
      // Only the exact mount and path: a prefix or an extra segment is not the endpoint.
      ['POST', `/prefix${PATH}`],
      ['OPTIONS', `/prefix${PATH}`],
      ['POST', `/api/v2/x/public/Validation`],
      ['POST', `//evil.example${PATH}`],
      ['POST', '/api/v2/public/ValidationX'],
      ['POST', '/api/v2/public/validation/extra'],
      ['POST', '/api/v2/status'],
    ] as const) {
      const reply = await send(`${s.url}${path}`, {
        method,
        token: s.token,
        ...(method === 'POST' ? { body: BROWSER_BODY } : {}),
      });
      assert.equal(reply.status, 404, `${method} ${path}`);
      assert.deepEqual(reply.json, { passedOn: true });
    }
    assert.equal(s.stub.received.length, 1);
  });
});
