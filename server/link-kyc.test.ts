// The LINK KYC vendor login and proxy over real HTTP: a stub vendor (node:http) records what it
// receives; the proxy runs in its own node:http server behind its middleware.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { afterEach, describe, it } from 'node:test';
import {
  closeServers,
  deadUrl,
  errorCode,
  listen,
  readAll,
  send,
  stubServer,
  type Received,
  type Reply,
  type StubReply,
  listenMiddleware,
} from '../test/helpers/node-http.ts';
import {
  LinkKycAuth,
  LinkKycAuthError,
  createLinkKycProxy,
  type LinkKycAuthErrorCode,
  type LinkKycProxyOptions,
} from './link-kyc.ts';
import { ProxyHttpError } from './proxy.ts';
import { createTokenIssuer, type TokenIssuer } from './tokens.ts';

afterEach(closeServers);

const USER = 'link-user-7f3a';
const PASSWORD = 'hunter2-Secret-Pa55';
const SECRET = 'link-kyc-test-secret-at-least-32-bytes!';
const T0 = Date.parse('2030-01-01T00:00:00Z');
const PATH = '/kyc/identity/verify';

function tokenReply(token: string, expiresIn = 3600): StubReply {
  return {
    status: 200,
    body: {
      token,
      scopes: ['kyc.idVeriication.auto', 'kyc.facecomparison.auto', 'kyc.certification'],
      expiresIn,
      token_type: 'bearer',
    },
  };
}

const VERIFY_OK = {
  idVerification: { status: 'Completed', process: 'Automatic', result: 'Ok', warning: '' },
  certification: { status: 'Processing' },
};

/**
 * A stub LINK KYC API. By default `/auth/token` mints `vendor-token-<n>` and `/identity/verify`
 * accepts only the latest minted token (401 with an empty body otherwise), answering VERIFY_OK
 * with the request's id.
 */
async function stubVendor() {
  const stub = {
    url: '',
    logins: [] as Received[],
    verifies: [] as Received[],
    minted: 0,
    valid: new Set<string>(),
    login: (n: number): StubReply => tokenReply(`vendor-token-${n}`),
    verify: (received: Received): StubReply => {
      const auth = received.headers.authorization ?? '';
      if (!stub.valid.has(auth.replace(/^Bearer /, ''))) return { status: 401 };
      const id = (received.body as { id?: unknown }).id;
      return { status: 200, body: { id, ...VERIFY_OK } };
    },
  };
  const server = await stubServer((received) => {
    if (received.method === 'POST' && received.path === '/auth/token') {
      stub.logins.push(received);
      const reply = stub.login(++stub.minted);
      const token = (reply.body as { token?: unknown } | undefined)?.token;
      if (reply.status === 200 && typeof token === 'string') stub.valid.add(token);
      return reply;
    }
    if (received.method === 'POST' && received.path === '/identity/verify') {
      stub.verifies.push(received);
      return stub.verify(received);
    }
    return undefined;
  });
  stub.url = server.url;
  return stub;
}

type Stub = Awaited<ReturnType<typeof stubVendor>>;

interface ProxySetup {
  stub: Stub;
  url: string;
  tokens: TokenIssuer;
  errors: ProxyHttpError[];
  session: ReturnType<ReturnType<typeof createLinkKycProxy>['startSession']>;
  proxy: ReturnType<typeof createLinkKycProxy>;
}

/** A stub vendor, a proxy for it in its own server (404 `{passedOn}` from next()), a session. */
async function setup(overrides: Partial<LinkKycProxyOptions> = {}): Promise<ProxySetup> {
  const stub = await stubVendor();
  const tokens = overrides.tokens ?? createTokenIssuer({ secret: SECRET });
  const errors: ProxyHttpError[] = [];
  const proxy = createLinkKycProxy({
    vendorBaseUrl: stub.url,
    auth: { user: USER, password: PASSWORD },
    tokens,
    onError: (error) => errors.push(error),
    mountPath: '/kyc',
    ...overrides,
  });
  const server = await listenMiddleware(proxy.middleware);
  return {
    stub,
    url: server.url,
    tokens,
    errors,
    proxy,
    session: proxy.startSession('req-from-server'),
  };
}

const BROWSER_BODY = {
  id: 'browser-chosen-id',
  images: [{ content: 'RlJPTlQ=', faceImage: 'RkFDRQ==' }, { content: 'QkFDSw==' }],
  expeditorCountry: 'ES',
  certify: true,
  certifyCallback: 'https://attacker.example/cb',
  manualVerification: true,
  manualVerificationCallback: 'https://attacker.example/manual',
  extra: 'dropped',
};

function verifyAs(setupResult: ProxySetup, body: unknown = BROWSER_BODY): Promise<Reply> {
  return send(`${setupResult.url}${PATH}`, { token: setupResult.session.token, body });
}

/** Captures console output during `fn` (the server helper must never log). */
async function silent<T>(fn: () => Promise<T>): Promise<{ result: T; logged: unknown[][] }> {
  const logged: unknown[][] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = methods.map((name) => console[name]);
  for (const name of methods) console[name] = (...args: unknown[]) => logged.push(args);
  try {
    return { result: await fn(), logged };
  } finally {
    methods.forEach((name, i) => (console[name] = saved[i] as (typeof console)[typeof name]));
  }
}

// ---------------------------------------------------------------------------------------------
// LinkKycAuth.

describe('LinkKycAuth', () => {
  it('logs in once for concurrent callers and reuses the token', async () => {
    const stub = await stubVendor();
    stub.login = (n) => ({ ...tokenReply(`vendor-token-${n}`), delayMs: 50 });
    const auth = new LinkKycAuth({ baseUrl: stub.url, user: USER, password: PASSWORD });
    const tokens = await Promise.all(Array.from({ length: 5 }, () => auth.token()));
    assert.deepEqual(tokens, Array(5).fill('vendor-token-1'));
    assert.equal(await auth.token(), 'vendor-token-1');
    assert.equal(stub.logins.length, 1);
    assert.deepEqual(stub.logins[0]?.body, { user: USER, password: PASSWORD });
    assert.match(stub.logins[0]?.headers['content-type'] ?? '', /^application\/json/);
  });

  it('logs in again within renewBeforeSeconds of expiry', async () => {
    const stub = await stubVendor();
    let time = T0;
    const auth = new LinkKycAuth({
      baseUrl: stub.url,
      user: USER,
      password: PASSWORD,
      now: () => time,
      renewBeforeSeconds: 300,
    });
    assert.equal(await auth.token(), 'vendor-token-1');
    time = T0 + (3600 - 300) * 1000 - 1;
    assert.equal(await auth.token(), 'vendor-token-1');
    assert.equal(stub.logins.length, 1);
    time += 1;
    assert.equal(await auth.token(), 'vendor-token-2');
    assert.equal(stub.logins.length, 2);
  });

  it('renews a short-lived token at half its lifetime at the latest', async () => {
    const stub = await stubVendor();
    stub.login = (n) => tokenReply(`short-${n}`, 60);
    let time = T0;
    const auth = new LinkKycAuth({
      baseUrl: stub.url,
      user: USER,
      password: PASSWORD,
      now: () => time,
    });
    assert.equal(await auth.token(), 'short-1');
    time = T0 + 29_999;
    assert.equal(await auth.token(), 'short-1');
    time = T0 + 30_000;
    assert.equal(await auth.token(), 'short-2');
  });

  it('invalidate(stale) drops only that token; invalidate() drops any', async () => {
    const stub = await stubVendor();
    const auth = new LinkKycAuth({ baseUrl: stub.url, user: USER, password: PASSWORD });
    assert.equal(await auth.token(), 'vendor-token-1');
    auth.invalidate('some-older-token');
    assert.equal(await auth.token(), 'vendor-token-1');
    auth.invalidate('vendor-token-1');
    assert.equal(await auth.token(), 'vendor-token-2');
    auth.invalidate();
    assert.equal(await auth.token(), 'vendor-token-3');
  });

  it('turns each failed login into a typed error without secrets, and tries again after its backoff', async () => {
    const stub = await stubVendor();
    let time = T0;
    const auth = new LinkKycAuth({
      baseUrl: stub.url,
      user: USER,
      password: PASSWORD,
      now: () => time,
      maxBackoffMs: 60_000,
    });
    const cases: [StubReply, LinkKycAuthErrorCode, number | undefined][] = [
      [{ status: 401 }, 'login_rejected', 401],
      [
        { status: 500, body: { code: '003', message: 'Validation Error: Invalid credentials' } },
        'login_rejected',
        500,
      ],
      [{ status: 500, body: { code: '001', message: 'Unknown Error' } }, 'login_failed', 500],
      [{ status: 502, body: '<html>Bad gateway</html>', type: 'text/html' }, 'login_failed', 502],
      [{ status: 200, body: '<html>login</html>', type: 'text/html' }, 'bad_login_reply', 200],
      [
        { status: 200, body: { token: 'x', scopes: [], token_type: 'bearer' } },
        'bad_login_reply',
        200,
      ],
      [
        { status: 200, body: { token: 'x', scopes: [], expiresIn: 3600, token_type: 'mac' } },
        'bad_login_reply',
        200,
      ],
      [
        { status: 200, body: { token: 'x', scopes: 'all', expiresIn: 3600, token_type: 'bearer' } },
        'bad_login_reply',
        200,
      ],
      [
        { status: 200, body: { token: 'a b', scopes: [], expiresIn: 3600, token_type: 'bearer' } },
        'bad_login_reply',
        200,
      ],
    ];
    for (const [reply, code, status] of cases) {
      stub.login = () => reply;
      time += 60_000; // past the longest backoff: this login is made
      await assert.rejects(auth.token(), (error: unknown) => {
        assert.ok(error instanceof LinkKycAuthError, `expected LinkKycAuthError for ${code}`);
        assert.equal(error.code, code);
        assert.equal(error.status, status);
        assert.doesNotMatch(error.message, new RegExp(`${USER}|${PASSWORD}`));
        return true;
      });
    }
    assert.equal(stub.logins.length, cases.length);
    stub.login = (n) => tokenReply(`vendor-token-${n}`);
    time += 60_000;
    assert.equal(await auth.token(), `vendor-token-${cases.length + 1}`);
  });

  it('reports an unreachable vendor and a timeout as login_failed', async () => {
    const dead = new LinkKycAuth({ baseUrl: await deadUrl(), user: USER, password: PASSWORD });
    await assert.rejects(dead.token(), { name: 'LinkKycAuthError', code: 'login_failed' });
    const stub = await stubVendor();
    stub.login = (n) => ({ ...tokenReply(`t${n}`), delayMs: 1000 });
    const slow = new LinkKycAuth({
      baseUrl: stub.url,
      user: USER,
      password: PASSWORD,
      timeoutMs: 50,
    });
    await assert.rejects(slow.token(), { code: 'login_failed', message: /timed out/ });
  });

  it('keeps the credentials out of inspection and JSON', async () => {
    const { inspect } = await import('node:util');
    const auth = new LinkKycAuth({
      baseUrl: 'https://example.test',
      user: USER,
      password: PASSWORD,
    });
    assert.doesNotMatch(inspect(auth, { showHidden: true, depth: 5 }), new RegExp(PASSWORD));
    assert.doesNotMatch(JSON.stringify(auth), new RegExp(PASSWORD));
    assert.throws(
      () => new LinkKycAuth({ baseUrl: 'ftp://x', user: USER, password: PASSWORD }),
      TypeError,
    );
    assert.throws(
      () => new LinkKycAuth({ baseUrl: 'https://x', user: USER, password: '' }),
      TypeError,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The proxy.

describe('createLinkKycProxy', () => {
  it('startSession binds a request id (random by default) to a link-kyc token', async () => {
    const { proxy, tokens } = await setup();
    const session = proxy.startSession();
    assert.match(
      session.requestId,
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.notEqual(proxy.startSession().requestId, session.requestId);
    assert.equal(session.expiresIn, 600);
    const claims = tokens.verify(session.token, 'link-kyc');
    assert.equal(claims.subject, session.requestId);
    assert.equal(proxy.startSession('abc-123').requestId, 'abc-123');
    assert.throws(() => proxy.startSession('has space'), TypeError);
    assert.throws(() => proxy.startSession(''), TypeError);
  });

  it('forwards a rebuilt body: id from the token, callbacks only from server config', async () => {
    const s = await setup({
      certify: true,
      manualVerification: true,
      certifyCallback: 'https://integrator.example/certificate',
      manualVerificationCallback: 'https://integrator.example/manual',
    });
    const { result: reply, logged } = await silent(() => verifyAs(s));
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, { id: 'req-from-server', ...VERIFY_OK });
    assert.equal(s.stub.verifies.length, 1);
    const received = s.stub.verifies[0];
    assert.deepEqual(received?.body, {
      id: 'req-from-server',
      images: [{ content: 'RlJPTlQ=', faceImage: 'RkFDRQ==' }, { content: 'QkFDSw==' }],
      expeditorCountry: 'ES',
      certify: true,
      certifyCallback: 'https://integrator.example/certificate',
      manualVerification: true,
      manualVerificationCallback: 'https://integrator.example/manual',
    });
    assert.equal(received?.headers.authorization, 'Bearer vendor-token-1');
    assert.doesNotMatch(JSON.stringify(received), new RegExp(s.session.token.slice(4, 40)));
    assert.deepEqual(logged, []);
  });

  it('never sends a browser callback, and sends certify and manual verification false by default', async () => {
    const s = await setup();
    const reply = await verifyAs(s, {
      images: [{ content: 'RlJPTlQ=', faceImage: 'RkFDRQ==' }],
      expeditorCountry: 'PT',
      certify: true,
      manualVerification: true,
      certifyCallback: 'https://attacker.example/cb',
      manualVerificationCallback: 'https://attacker.example/manual',
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(s.stub.verifies[0]?.body, {
      id: 'req-from-server',
      images: [{ content: 'RlJPTlQ=', faceImage: 'RkFDRQ==' }],
      expeditorCountry: 'PT',
      certify: false,
      manualVerification: false,
    });
  });

  it('lets server config win over the browser for country, certify and manual verification', async () => {
    const s = await setup({ expeditorCountry: 'ES', certify: false, manualVerification: false });
    const reply = await verifyAs(s, { ...BROWSER_BODY, expeditorCountry: 'FR' });
    assert.equal(reply.status, 200);
    const body = s.stub.verifies[0]?.body as Record<string, unknown>;
    assert.equal(body['expeditorCountry'], 'ES');
    assert.equal(body['certify'], false);
    assert.equal(body['manualVerification'], false);
    assert.equal(body['certifyCallback'], undefined);
    // With the country forced, the browser need not send one.
    const again = await verifyAs(s, { images: [{ content: 'RlJPTlQ=', faceImage: 'RkFDRQ==' }] });
    assert.equal(again.status, 200);
    assert.equal((s.stub.verifies[1]?.body as Record<string, unknown>)['expeditorCountry'], 'ES');
  });

  it('logs in once for many requests', async () => {
    const s = await setup();
    for (let i = 0; i < 3; i++) assert.equal((await verifyAs(s)).status, 200);
    const parallel = await Promise.all([verifyAs(s), verifyAs(s), verifyAs(s)]);
    assert.deepEqual(
      parallel.map((reply) => reply.status),
      [200, 200, 200],
    );
    assert.equal(s.stub.logins.length, 1);
    assert.equal(s.stub.verifies.length, 6);
  });

  it('logs in again and resends once when the vendor answers 401', async () => {
    const s = await setup();
    assert.equal((await verifyAs(s)).status, 200);
    s.stub.valid.clear(); // the vendor revokes vendor-token-1
    const reply = await verifyAs(s);
    assert.equal(reply.status, 200);
    assert.equal(s.stub.logins.length, 2);
    assert.deepEqual(
      s.stub.verifies.map((r) => r.headers.authorization),
      ['Bearer vendor-token-1', 'Bearer vendor-token-1', 'Bearer vendor-token-2'],
    );
  });

  it('retries a vendor 401 exactly once, then answers 502 upstream_auth_failed', async () => {
    const s = await setup();
    s.stub.verify = () => ({ status: 401 });
    const reply = await verifyAs(s);
    assert.equal(reply.status, 502);
    assert.equal(errorCode(reply), 'upstream_auth_failed');
    assert.equal(s.stub.verifies.length, 2);
    assert.equal(s.stub.logins.length, 2);
  });

  it('answers a failed login with 502 and no secret, and reports the typed error', async () => {
    const s = await setup();
    s.stub.login = () => ({
      status: 500,
      body: { code: '003', message: 'Validation Error: Invalid credentials' },
    });
    const { result: reply, logged } = await silent(() => verifyAs(s));
    assert.equal(reply.status, 502);
    assert.equal(errorCode(reply), 'upstream_auth_failed');
    assert.doesNotMatch(reply.text, new RegExp(`${USER}|${PASSWORD}|Invalid credentials`));
    assert.equal(s.stub.verifies.length, 0);
    assert.equal(s.errors.length, 1);
    const cause = s.errors[0]?.cause;
    assert.ok(cause instanceof LinkKycAuthError);
    assert.equal(cause.code, 'login_rejected');
    assert.deepEqual(logged, []);
  });

  it('rejects missing, expired and wrong-scope browser tokens with 401 before calling the vendor', async () => {
    let time = T0;
    const tokens = createTokenIssuer({ secret: SECRET, ttlSeconds: 60, now: () => time });
    const s = await setup({ tokens });
    const url = `${s.url}${PATH}`;
    const missing = await send(url, { token: null, body: BROWSER_BODY });
    assert.equal(missing.status, 401);
    assert.equal(errorCode(missing), 'token_missing');
    const wrongScope = tokens.issue({ scope: 'validation-v2', subject: 'req-from-server' });
    const scoped = await send(url, { token: wrongScope.token, body: BROWSER_BODY });
    assert.equal(errorCode(scoped), 'scope_mismatch');
    const forged = await send(url, {
      token: `${s.session.token.slice(0, -2)}xx`,
      body: BROWSER_BODY,
    });
    assert.equal(errorCode(forged), 'token_invalid');
    time += 60_000;
    const expired = await verifyAs(s);
    assert.equal(expired.status, 401);
    assert.equal(errorCode(expired), 'token_expired');
    assert.equal(s.stub.logins.length + s.stub.verifies.length, 0);
  });

  it('rejects bodies that do not fit the whitelist with 400/415', async () => {
    const s = await setup();
    const url = `${s.url}${PATH}`;
    const token = s.session.token;
    const image = { content: 'QQ==' };
    const bad: [unknown, string][] = [
      [{ images: [], expeditorCountry: 'ES' }, 'invalid_body'],
      [{ images: [image, image, image], expeditorCountry: 'ES' }, 'invalid_body'],
      [
        { images: [image, { content: 'QQ==', faceImage: 'Rg==' }], expeditorCountry: 'ES' },
        'invalid_body',
      ],
      [{ images: [{ content: 5 }], expeditorCountry: 'ES' }, 'invalid_body'],
      [{ images: [image] }, 'invalid_body'],
      [{ images: [image], expeditorCountry: 'ES', certify: 'yes' }, 'invalid_body'],
      [[image], 'invalid_body'],
      ['{not json', 'malformed_body'],
    ];
    for (const [body, code] of bad) {
      const reply = await send(url, { token, body });
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.equal(errorCode(reply), code);
    }
    const wrongType = await send(url, { token, body: BROWSER_BODY, type: 'text/plain' });
    assert.equal(wrongType.status, 415);
    assert.equal(s.stub.verifies.length, 0);
  });

  it('answers 413 to an oversize body, declared or streamed, without calling the vendor', async () => {
    const s = await setup({ maxBodyBytes: 1000 });
    const big = { ...BROWSER_BODY, images: [{ content: 'A'.repeat(5000) }] };
    const declared = await verifyAs(s, big);
    assert.equal(declared.status, 413);
    assert.equal(errorCode(declared), 'payload_too_large');
    // Chunked: no Content-Length, so the limit trips while reading.
    const streamed = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(`${s.url}${PATH}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${s.session.token}`,
          'Content-Type': 'application/json',
          'Transfer-Encoding': 'chunked',
        },
      });
      req.on('response', (res) => {
        void readAll(res).then((text) => resolve({ status: res.statusCode ?? 0, text }), reject);
      });
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('A'.repeat(500));
      req.end();
    });
    assert.equal(streamed.status, 413);
    assert.match(streamed.text, /payload_too_large/);
    assert.equal(s.stub.logins.length + s.stub.verifies.length, 0);
    const fits = await verifyAs(s, {
      images: [{ content: 'QQ==', faceImage: 'QQ==' }],
      expeditorCountry: 'ES',
    });
    assert.equal(fits.status, 200);
  });

  it('relays vendor JSON errors verbatim', async () => {
    const s = await setup();
    const vendorError = {
      id: 'b2820098-04a9-47ef-9d5f-c668e016a596',
      code: '003',
      message: 'Validation Error: There are images with invalid base64 format',
    };
    s.stub.verify = () => ({ status: 400, body: vendorError });
    const reply = await verifyAs(s);
    assert.equal(reply.status, 400);
    assert.equal(reply.text, JSON.stringify(vendorError));
  });

  it('answers 502 bad_gateway when the vendor sends an HTML page', async () => {
    const s = await setup();
    s.stub.verify = () => ({
      status: 200,
      type: 'text/html',
      body: '<html><body>Maintenance window</body></html>',
    });
    const reply = await verifyAs(s);
    assert.equal(reply.status, 502);
    assert.equal(errorCode(reply), 'bad_gateway');
    assert.doesNotMatch(reply.text, /Maintenance/);
    assert.equal(s.errors[0]?.code, 'bad_gateway');
  });

  it('answers 503 and 429 with their Retry-After and its own body, never the vendor’s', async () => {
    const s = await setup();
    s.stub.verify = () => ({ status: 503, body: '', headers: { 'Retry-After': '120' } });
    const unavailable = await verifyAs(s);
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.headers.get('retry-after'), '120');
    assert.equal(errorCode(unavailable), 'upstream_unavailable');
    s.stub.verify = () => ({
      status: 429,
      body: { message: 'slow down' },
      headers: { 'Retry-After': '7' },
    });
    const limited = await verifyAs(s);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.deepEqual(limited.json, {
      error: { code: 'rate_limited', message: 'The identity service is rate limiting requests.' },
    });
  });

  it('answers 504 when the vendor is too slow and 502 when it is unreachable', async () => {
    const s = await setup({ timeoutMs: 100 });
    s.stub.verify = (received) => ({
      status: 200,
      body: { id: (received.body as { id: string }).id, ...VERIFY_OK },
      delayMs: 1000,
    });
    const slow = await verifyAs(s);
    assert.equal(slow.status, 504);
    assert.equal(errorCode(slow), 'upstream_timeout');

    const stub = await stubVendor();
    const auth = new LinkKycAuth({ baseUrl: stub.url, user: USER, password: PASSWORD });
    const dead = await setup({ vendorBaseUrl: await deadUrl(), auth });
    const unreachable = await verifyAs(dead);
    assert.equal(unreachable.status, 502);
    assert.equal(errorCode(unreachable), 'upstream_unreachable');
    assert.equal(stub.logins.length, 1);
  });

  it('answers only POST/OPTIONS …/identity/verify and calls next() for anything else', async () => {
    const s = await setup();
    const preflight = await send(`${s.url}${PATH}`, { method: 'OPTIONS' });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    for (const [method, path] of [
      ['GET', PATH],
      ['POST', '/kyc/identity/verify/extra'],
      ['POST', '/kyc/identity/verifyx'],
      ['POST', '/kyc/auth/token'],
      ['POST', '/kyc/ping'],
      ['POST', '/certificate/abc'],
    ] as const) {
      const reply = await send(`${s.url}${path}`, {
        method,
        token: s.session.token,
        ...(method === 'POST' ? { body: BROWSER_BODY } : {}),
      });
      assert.equal(reply.status, 404, `${method} ${path}`);
      assert.deepEqual(reply.json, { passedOn: true });
    }
    assert.equal(s.stub.logins.length + s.stub.verifies.length, 0);
  });

  it('handle() answers 405 for other methods and 404 for other paths', async () => {
    const s = await setup();
    const server = await listen((req, res) => void s.proxy.handle(req, res));
    const get = await send(`${server.url}${PATH}`, { method: 'GET' });
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST, OPTIONS');
    const other = await send(`${server.url}/elsewhere`, { body: {} });
    assert.equal(other.status, 404);
    assert.equal(errorCode(other), 'not_found');
  });
});
