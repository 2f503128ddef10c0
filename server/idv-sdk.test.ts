// The idv-sdk proxy over real HTTP against the IDV SDK mock (seed 001) in its own node:http server:
// the page holds only a short-lived kyc-capture token; the proxy adds the vendor credentials and
// X-Client-Id, takes session_id from the token and forwards the SDK operations only.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { createMockBackend, IDV_SDK_OTHER_DEMO_PATH, IDV_SDK_OTHER_PATHS } from '../mock/index.ts';
import type { RunningMockServer } from '../mock/index.ts';
import { makeJpeg } from '../mock/test-images.ts';
import {
  closeServers,
  errorCode,
  listen,
  send,
  listenMiddleware,
} from '../test/helpers/node-http.ts';
import { createIdvSdkProxy, type IdvSdkProxyOptions } from './idv-sdk.ts';
import type { ProxyHttpError } from './proxy.ts';
import { createTokenIssuer } from './tokens.ts';

const SECRET = 'idv-sdk-proxy-test-secret-of-32-bytes+';

interface DemoSession {
  session_id: string;
  client_id: string;
  access_token: string;
}

let vendor: RunningMockServer | undefined;
before(async () => {
  vendor = await createMockBackend().listen(0);
});
after(() => vendor?.close());
afterEach(closeServers);

/** A session on the mock, as the integrator's backend would create it (the vendor's token). */
async function vendorSession(demoPath = '/demo/idv/sessions'): Promise<DemoSession> {
  const response = await fetch(`${vendor?.url}${demoPath}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client_id: 'acme-web' }),
  });
  assert.equal(response.status, 200);
  return (await response.json()) as DemoSession;
}

async function vendorState(session: DemoSession, demoPath = '/demo/idv/sessions') {
  const response = await fetch(`${vendor?.url}${demoPath}/${session.session_id}`);
  return (await response.json()) as Record<string, unknown>;
}

/** The proxy in front of the mock, mounted under /kyc/idv; the vendor token stays server-side. */
async function setup(
  session: DemoSession,
  overrides: Partial<IdvSdkProxyOptions> = {},
): Promise<{ base: string; token: string; errors: ProxyHttpError[]; vendorCalls: string[] }> {
  const errors: ProxyHttpError[] = [];
  const vendorCalls: string[] = [];
  const proxy = createIdvSdkProxy({
    vendorBaseUrl: vendor!.url,
    clientId: 'acme-web',
    vendorHeaders: (sessionId) => {
      vendorCalls.push(sessionId);
      return Promise.resolve({ Authorization: `Bearer ${session.access_token}` });
    },
    tokens: createTokenIssuer({ secret: SECRET }),
    onError: (error) => errors.push(error),
    mountPath: '/kyc/idv',
    ...overrides,
  });
  const server = await listenMiddleware(proxy.middleware);
  const { token } = proxy.startSession(session.session_id);
  return { base: `${server.url}/kyc/idv`, token, errors, vendorCalls };
}

/** A document image as the browser SDK sends it (multipart). */
function imageForm(fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append('session_id', 'whatever-the-browser-says');
  form.append('latitude', '40.4168');
  form.append('longitude', '-3.7038');
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.append(
    'image',
    new Blob([new Uint8Array(makeJpeg(640, 400))], { type: 'image/jpeg' }),
    'f.jpg',
  );
  return form;
}

async function sendForm(url: string, token: string, form: FormData) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'X-Client-Id': 'whatever' },
    body: form,
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

const WHERE = { latitude: 40.4168, longitude: -3.7038 };

describe('createIdvSdkProxy', () => {
  it('runs a whole session for the page with only a kyc-capture token', async () => {
    const session = await vendorSession();
    const s = await setup(session);
    assert.match(s.token, /^kc1\./);
    const post = (path: string, body: unknown) =>
      send(`${s.base}/idv-sdk/${path}`, { token: s.token, body });
    // The browser's session_id is replaced by the token's (the mock would refuse another).
    const other = { session_id: 'someone-else' };
    assert.equal((await post('consent', { ...other, consented: true })).status, 200);
    const read = await post('session/read', other);
    assert.equal(read.status, 200);
    assert.equal((read.json as Record<string, unknown>)['liveness_provider_e'], 'azure');
    assert.equal((await post('document-type', { document_type_e: 'passport_card' })).status, 200);
    for (const side of ['front', 'back']) {
      const reply = await sendForm(`${s.base}/idv-sdk/document/${side}`, s.token, imageForm());
      assert.equal(reply.status, 200, JSON.stringify(reply.json));
    }
    const generated = await post('liveness/generate', { ...WHERE });
    assert.equal(generated.status, 200);
    const image = Buffer.from(makeJpeg(64, 80)).toString('base64');
    // An undocumented field (here a token) is dropped, not passed on: the mock refuses unknown fields.
    const processed = await post('liveness/process', { ...WHERE, images: [image], token: 'x' });
    assert.equal(processed.status, 200, processed.text);
    assert.equal((await post('metadata', { sdk_metadata: { sdk: 'kyc-capture' } })).status, 200);
    const finalized = await post('finalize', {});
    assert.deepEqual(finalized.json, { verified: true, on_sanction_list: false });

    const state = await vendorState(session);
    assert.equal(state['document_type_e'], 'passport_card');
    assert.deepEqual(
      [(state['document_front'] as Record<string, unknown>)['latitude'], state['finalized']],
      [40.4168, true],
    );
    assert.equal(state['selfie_given'], true);
    // Every vendor call was for the token's session; no reply carried the vendor's token.
    assert.ok(s.vendorCalls.every((id) => id === session.session_id));
    for (const reply of [read, generated, processed, finalized]) {
      assert.ok(!reply.text.includes(session.access_token));
    }
    assert.deepEqual(s.errors, []);
  });

  it('answers only the SDK operations: no admin operation, no probe, no other path', async () => {
    const session = await vendorSession();
    const s = await setup(session);
    for (const path of ['/idv/session/delete', '/idv/session/list', '/idv-sdk/ping', '/webhook']) {
      const reply = await send(`${s.base}${path}`, { token: s.token, body: { session_id: 'x' } });
      assert.equal(reply.status, 404, path);
      assert.deepEqual(reply.json, { passedOn: true });
    }
    // handle() answers what middleware passes on with the proxy's own 404.
    const proxy = createIdvSdkProxy({
      vendorBaseUrl: vendor!.url,
      clientId: 'acme-web',
      vendorHeaders: {},
      tokens: createTokenIssuer({ secret: SECRET }),
    });
    const server = await listen((req, res) => void proxy.handle(req, res));
    const { token } = proxy.startSession(session.session_id);
    const admin = await send(`${server.url}/idv/session/delete`, { token, body: {} });
    assert.equal(admin.status, 404);
    assert.equal(errorCode(admin), 'not_found');
    const wrongMethod = await send(`${server.url}/idv-sdk/consent`, { method: 'GET', token });
    assert.equal(wrongMethod.status, 405);
  });

  it('refuses the vendor token, a forged or expired token, and another scope', async () => {
    const session = await vendorSession();
    let now = Date.parse('2030-01-01T00:00:00Z');
    const tokens = createTokenIssuer({ secret: SECRET, ttlSeconds: 60, now: () => now });
    const s = await setup(session, { tokens });
    const url = `${s.base}/idv-sdk/session/read`;
    const cases: [string | null, string][] = [
      [null, 'token_missing'],
      [session.access_token, 'token_malformed'],
      [`${s.token.slice(0, -2)}AA`, 'token_invalid'],
      [tokens.issue({ scope: 'link-kyc', subject: session.session_id }).token, 'scope_mismatch'],
    ];
    for (const [token, code] of cases) {
      const reply = await send(url, { token, body: {} });
      assert.equal(reply.status, 401, code);
      assert.equal(errorCode(reply), code);
    }
    now += 61_000;
    assert.equal(errorCode(await send(url, { token: s.token, body: {} })), 'token_expired');
    assert.deepEqual(s.vendorCalls, []);
  });

  it('checks each body against the seed’s fields before calling the vendor', async () => {
    const session = await vendorSession();
    const s = await setup(session);
    const post = (path: string, body: unknown) =>
      send(`${s.base}/idv-sdk/${path}`, { token: s.token, body });
    const bad: [string, unknown][] = [
      ['consent', { consented: 'yes' }],
      ['document-type', { document_type_e: 'visa' }],
      ['liveness/generate', { latitude: '1', longitude: 2 }],
      ['liveness/process', { ...WHERE, images: [1] }],
      ['metadata', { sdk_metadata: [1] }],
      ['finalize', { settings: 'x' }],
      ['session/read', [1, 2]],
    ];
    for (const [path, body] of bad) {
      const reply = await post(path, body);
      assert.equal(reply.status, 400, path);
      assert.equal(errorCode(reply), 'invalid_body');
    }
    const noLatitude = imageForm();
    noLatitude.delete('latitude');
    const front = `${s.base}/idv-sdk/document/front`;
    assert.equal((await sendForm(front, s.token, noLatitude)).status, 400);
    const asJson = await send(front, { token: s.token, body: { image: 'x' } });
    assert.equal(asJson.status, 415);
    assert.deepEqual(s.vendorCalls, []);
  });

  it('forwards to the real service’s paths (vendorPaths) and preflights X-Client-Id', async () => {
    const session = await vendorSession(IDV_SDK_OTHER_DEMO_PATH);
    // The probes are not proxied: every other operation goes to the other paths.
    const vendorPaths = Object.fromEntries(
      Object.entries(IDV_SDK_OTHER_PATHS).filter(
        ([operation]) => !['ping', 'health'].includes(operation),
      ),
    );
    const s = await setup(session, { vendorPaths });
    const post = (path: string, body: unknown) =>
      send(`${s.base}/idv-sdk/${path}`, { token: s.token, body });
    assert.equal((await post('consent', { consented: true })).status, 200);
    assert.equal((await post('document-type', { document_type_e: 'passport' })).status, 200);
    const reply = await sendForm(`${s.base}/idv-sdk/document/front`, s.token, imageForm());
    assert.equal(reply.status, 200, JSON.stringify(reply.json));
    const state = await vendorState(session, IDV_SDK_OTHER_DEMO_PATH);
    assert.equal(state['document_type_e'], 'passport');
    const preflight = await fetch(`${s.base}/idv-sdk/consent`, { method: 'OPTIONS' });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /X-Client-Id/);
    assert.throws(
      () => createIdvSdkProxy({ ...baseOptions(), vendorPaths: { consent: 'https://x/y' } }),
      TypeError,
    );
    assert.throws(
      () => createIdvSdkProxy({ ...baseOptions(), vendorPaths: { sessionDelete: '/x' } as never }),
      TypeError,
    );
    assert.throws(() => createIdvSdkProxy({ ...baseOptions(), clientId: '' }), TypeError);
  });

  it('answers 502 upstream_auth_failed when the vendor credentials cannot be had', async () => {
    const session = await vendorSession();
    const s = await setup(session, { vendorHeaders: () => Promise.reject(new Error('no oauth')) });
    const reply = await send(`${s.base}/idv-sdk/session/read`, { token: s.token, body: {} });
    assert.equal(reply.status, 502);
    assert.equal(errorCode(reply), 'upstream_auth_failed');
    assert.equal(s.errors.length, 1);
  });
});

function baseOptions(): IdvSdkProxyOptions {
  return {
    vendorBaseUrl: 'http://127.0.0.1:9',
    clientId: 'acme-web',
    vendorHeaders: {},
    tokens: createTokenIssuer({ secret: SECRET }),
  };
}
