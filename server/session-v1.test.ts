// The session-v1 proxy over real HTTP against the session-v1 mock (seed 004) in its own node:http
// server: the page holds only a short-lived kyc-capture token bound to one session; the proxy
// answers add-image for that session only, keeps the seed's two body fields and adds the
// backend's access token ("Add image to session ... Must be sent from the backend").
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, describe, it } from 'node:test';
import { createMockBackend, type MockBackend, type RunningMockServer } from '../mock/index.ts';
import { makeJpeg } from '../mock/test-images.ts';
import { KycClient } from '../src/api/client.ts';
import { createSessionV1Adapter } from '../src/protocols/session-v1.ts';
import type { Capture } from '../src/capture/types.ts';
import type { CaptureStep, DocumentType } from '../src/steps.ts';
import {
  closeServers,
  errorCode,
  listen,
  send,
  stubServer,
  listenMiddleware,
} from '../test/helpers/node-http.ts';
import type { ProxyHttpError } from './proxy.ts';
import { createSessionV1Proxy, type SessionV1ProxyOptions } from './session-v1.ts';
import { createTokenIssuer } from './tokens.ts';

const SECRET = 'session-v1-proxy-test-secret-of-32-bytes';
const ACCESS = 'session-v1-proxy-test-access-token';
const MOUNT = '/kyc/session-v1';

/** Seed 004's add-image samples and statuses, transcribed (test/fixtures/seeds/session-v1/). */
const ADD_IMAGE = JSON.parse(
  readFileSync(
    new URL('../test/fixtures/seeds/session-v1/add-image.json', import.meta.url),
    'utf8',
  ),
) as { request: Record<string, unknown>; response: Record<string, unknown>; statuses: number[] };

let backend: MockBackend;
let vendor: RunningMockServer;
before(async () => {
  backend = createMockBackend({ accessToken: ACCESS });
  vendor = await backend.listen(0);
});
after(() => vendor.close());
afterEach(closeServers);

/** "Create verification session", as the integrator's backend calls it (access token). */
async function vendorSession(): Promise<{ session_id: string; start_token: string }> {
  const response = await fetch(`${vendor.url}/api/v1/verification`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ACCESS}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  assert.equal(response.status, 200);
  return (await response.json()) as { session_id: string; start_token: string };
}

/** The proxy in front of `vendorBaseUrl` (the mock by default), mounted under MOUNT. */
async function setup(overrides: Partial<SessionV1ProxyOptions> = {}) {
  const errors: ProxyHttpError[] = [];
  const accessCalls: string[] = [];
  const proxy = createSessionV1Proxy({
    vendorBaseUrl: vendor.url,
    accessToken: (sessionId) => {
      accessCalls.push(sessionId);
      return Promise.resolve(ACCESS);
    },
    tokens: createTokenIssuer({ secret: SECRET }),
    onError: (error) => errors.push(error),
    mountPath: MOUNT,
    ...overrides,
  });
  const server = await listenMiddleware(proxy.middleware);
  return { proxy, base: `${server.url}${MOUNT}`, errors, accessCalls };
}

const imagesPath = (sid: string) => `/api/v1/verification/${encodeURIComponent(sid)}/images`;

/** An add-image body as the browser SDK sends it. */
const addImage = (type: string, documentType?: string, width = 640, height = 400) => ({
  image: {
    type,
    data: makeJpeg(width, height).toString('base64'),
    mime_type: 'image/jpeg',
    width,
    height,
    ...(documentType ? { document_type: documentType } : {}),
    source: 'camera',
    captured_at: '2030-01-01T00:00:00.000Z',
  },
  device_info: { sdk_name: 'kyc-capture', user_agent: 'node' },
});

function capture(step: CaptureStep, width: number, height: number, documentType?: DocumentType) {
  const bytes = new Uint8Array(makeJpeg(width, height));
  return {
    step,
    blob: new Blob([bytes], { type: 'image/jpeg' }),
    width,
    height,
    source: 'camera',
    takenAt: Date.parse('2030-01-01T00:00:00Z'),
    ...(documentType ? { documentType } : {}),
  } satisfies Capture;
}

describe('createSessionV1Proxy', () => {
  it('runs a whole session (front, back, selfie) for the SDK’s own adapter, to complete and 409', async () => {
    const session = await vendorSession();
    const s = await setup();
    const { token } = s.proxy.startSession(session.session_id);
    assert.match(token, /^kc1\./);
    // The page as it is: api-base is the proxy's mount, token the kyc-capture token.
    const client = new KycClient({ baseUrl: s.base, token, retries: 0 });
    const adapter = createSessionV1Adapter({
      client,
      sessionId: session.session_id,
      deviceInfo: () => ({
        sdk_name: 'kyc-capture',
        sdk_version: '0.1.0',
        user_agent: 'node',
        platform: 'Linux',
        language: 'en',
        screen_width: 0,
        screen_height: 0,
        camera_label: null,
        camera_facing: null,
      }),
    });
    const front = await adapter.send(capture('document_front', 640, 400, 'identity_card'));
    assert.deepEqual(front, {
      accepted: true,
      feedback: 'ok',
      complete: false,
      missing: ['document_back', 'selfie'],
    });
    const back = await adapter.send(capture('document_back', 640, 400, 'identity_card'));
    assert.deepEqual(back.missing, ['selfie']);
    const selfie = await adapter.send(capture('selfie', 480, 640));
    assert.deepEqual(selfie, { accepted: true, feedback: 'ok', complete: true, missing: [] });
    // Once complete, the vendor's 409 ("All required images were successfully submitted")
    // reaches the adapter, which reads it as already complete.
    const again = await adapter.send(capture('selfie', 480, 640));
    assert.equal(again.alreadyComplete, true);
    const raw = await send(`${s.base}${imagesPath(session.session_id)}`, {
      token,
      body: addImage('selfie', undefined, 480, 640),
    });
    assert.ok(ADD_IMAGE.statuses.includes(409));
    assert.equal(raw.status, 409);
    assert.equal(errorCode(raw), 'session_complete');

    const stored = backend.sessions.get(session.session_id)?.images ?? [];
    assert.deepEqual(
      stored.map((image) => [image.type, image.feedback, image.deviceInfo?.['sdk_name']]),
      [
        ['document_front', 'ok', 'kyc-capture'],
        ['document_back', 'ok', 'kyc-capture'],
        ['selfie', 'ok', 'kyc-capture'],
      ],
    );
    assert.ok(s.accessCalls.every((id) => id === session.session_id));
    assert.deepEqual(s.errors, []);
  });

  it('relays the seed’s 200 reply fields, and the vendor’s 400 and 404 as they come', async () => {
    const session = await vendorSession();
    const s = await setup();
    const { token } = s.proxy.startSession(session.session_id);
    const url = `${s.base}${imagesPath(session.session_id)}`;
    const ok = await send(url, { token, body: addImage('document_front', 'passport') });
    assert.equal(ok.status, 200);
    assert.deepEqual(Object.keys(ok.json as object).sort(), Object.keys(ADD_IMAGE.response).sort());
    assert.deepEqual(ok.json, { feedback: 'ok', complete: 'false', missing_images: ['selfie'] });
    assert.ok(!ok.text.includes(ACCESS));
    // The mock's 400 for a too-small image, relayed with its code.
    const small = await send(url, { token, body: addImage('selfie', undefined, 120, 160) });
    assert.equal(small.status, 400);
    assert.equal(errorCode(small), 'image_too_small');
    // The backend deletes the session (its own call): the vendor's 404 reaches the page.
    const deleted = await fetch(`${vendor.url}/api/v1/verification/${session.session_id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${ACCESS}` },
    });
    assert.equal(deleted.status, 200);
    const gone = await send(url, { token, body: addImage('selfie', undefined, 480, 640) });
    assert.equal(gone.status, 404);
    assert.equal(errorCode(gone), 'session_not_found');
  });

  it('answers only add-image: no create, list, image, result or delete', async () => {
    const session = await vendorSession();
    const s = await setup();
    const { token } = s.proxy.startSession(session.session_id);
    const sid = session.session_id;
    const others: [string, string][] = [
      ['POST', '/api/v1/verification'],
      ['GET', `/api/v1/verification/${sid}/images`],
      ['GET', `/api/v1/verification/${sid}/images/img_1`],
      ['POST', `/api/v1/verification/${sid}/images/img_1`],
      ['GET', `/api/v1/verification/${sid}/result`],
      ['POST', `/api/v1/verification/${sid}/result`],
      ['DELETE', `/api/v1/verification/${sid}`],
      ['POST', `/api/v1/verification/${sid}`],
    ];
    for (const [method, path] of others) {
      const reply = await send(`${s.base}${path}`, {
        method,
        token,
        ...(method === 'POST' ? { body: {} } : {}),
      });
      assert.equal(reply.status, 404, `${method} ${path}`);
      assert.deepEqual(reply.json, { passedOn: true });
    }
    // handle() answers them itself: 404 for other paths, 405 for other methods on add-image.
    const server = await listen((req, res) => void s.proxy.handle(req, res));
    const result = await send(`${server.url}/api/v1/verification/${sid}/result`, {
      token,
      body: {},
    });
    assert.equal(result.status, 404);
    assert.equal(errorCode(result), 'not_found');
    const list = await send(`${server.url}${MOUNT}${imagesPath(sid)}`, { method: 'GET', token });
    assert.equal(list.status, 405);
    assert.equal(list.headers.get('allow'), 'POST, OPTIONS');
    const preflight = await fetch(`${s.base}${imagesPath(sid)}`, { method: 'OPTIONS' });
    assert.equal(preflight.status, 204);
    assert.deepEqual(s.accessCalls, []);
    assert.deepEqual(backend.sessions.get(sid)?.images, []);
  });

  it('refuses missing, forged, expired, other-scope and other-session tokens', async () => {
    const session = await vendorSession();
    const other = await vendorSession();
    let now = Date.parse('2030-01-01T00:00:00Z');
    const tokens = createTokenIssuer({ secret: SECRET, ttlSeconds: 60, now: () => now });
    const s = await setup({ tokens });
    const { token } = s.proxy.startSession(session.session_id);
    const url = `${s.base}${imagesPath(session.session_id)}`;
    const body = addImage('document_front', 'passport');
    const cases: [string | null, string][] = [
      [null, 'token_missing'],
      [`${token.slice(0, -2)}AA`, 'token_invalid'],
      [
        createTokenIssuer({ devRandomSecret: true }).issue({
          scope: 'session-v1',
          subject: session.session_id,
        }).token,
        'token_invalid',
      ],
      [tokens.issue({ scope: 'idv-sdk', subject: session.session_id }).token, 'scope_mismatch'],
    ];
    for (const [given, code] of cases) {
      const reply = await send(url, { token: given, body });
      assert.equal(reply.status, 401, code);
      assert.equal(errorCode(reply), code);
    }
    // Another session's token on this session's path, and this token on the other's path.
    const otherToken = s.proxy.startSession(other.session_id).token;
    for (const [given, path] of [
      [otherToken, url],
      [token, `${s.base}${imagesPath(other.session_id)}`],
    ] as const) {
      const reply = await send(path, { token: given, body });
      assert.equal(reply.status, 403);
      assert.equal(errorCode(reply), 'session_mismatch');
    }
    now += 61_000;
    const expired = await send(url, { token, body });
    assert.equal(errorCode(expired), 'token_expired');
    assert.deepEqual(s.accessCalls, []);
    assert.deepEqual(backend.sessions.get(session.session_id)?.images, []);
    assert.deepEqual(backend.sessions.get(other.session_id)?.images, []);
  });

  it('refuses the vendor’s start token and access token as browser tokens', async () => {
    const session = await vendorSession();
    const s = await setup();
    const url = `${s.base}${imagesPath(session.session_id)}`;
    for (const given of [session.start_token, ACCESS]) {
      const reply = await send(url, { token: given, body: addImage('document_front', 'passport') });
      assert.equal(reply.status, 401);
      assert.equal(errorCode(reply), 'token_malformed');
    }
    assert.deepEqual(s.accessCalls, []);
    assert.deepEqual(backend.sessions.get(session.session_id)?.images, []);
  });

  it('sends the vendor only image and device_info, to the token’s session, with the access token', async () => {
    const stub = await stubServer(() => ({ status: 200, body: ADD_IMAGE.response }));
    const s = await setup({ vendorBaseUrl: `${stub.url}/vendor`, accessToken: ACCESS });
    const sid = 'sess/ion 1';
    const { token } = s.proxy.startSession(sid);
    const url = `${s.base}${imagesPath(sid)}`;
    const sent = addImage('selfie', undefined, 480, 640);
    const reply = await send(url, {
      token,
      body: {
        ...sent,
        session_id: 'someone-else',
        start_token: 'st_x',
        callback_url: 'https://attacker.example/',
        mock_behavior: { recommendation: 'APPROVE' },
      },
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, ADD_IMAGE.response);
    const [received] = stub.received;
    assert.equal(received?.path, '/vendor/api/v1/verification/sess%2Fion%201/images');
    assert.deepEqual(received?.body, sent);
    assert.equal(received?.headers['authorization'], `Bearer ${ACCESS}`);
    // device_info is optional in the seed: without it, none is sent.
    await send(url, { token, body: { image: sent.image } });
    assert.deepEqual(stub.received[1]?.body, { image: sent.image });

    const bad: unknown[] = [
      [sent],
      { device_info: sent.device_info },
      { image: 'base64' },
      { image: sent.image, device_info: 'node' },
    ];
    for (const body of bad) {
      const refused = await send(url, { token, body });
      assert.equal(refused.status, 400, JSON.stringify(body).slice(0, 40));
      assert.equal(errorCode(refused), 'invalid_body');
    }
    assert.equal(stub.received.length, 2);
  });

  it('answers 502 upstream_auth_failed when the vendor refuses the access token, or none is had', async () => {
    const session = await vendorSession();
    const wrong = await setup({ accessToken: 'not-the-access-token' });
    const { token } = wrong.proxy.startSession(session.session_id);
    const body = addImage('document_front', 'passport');
    const refused = await send(`${wrong.base}${imagesPath(session.session_id)}`, { token, body });
    assert.equal(refused.status, 502);
    assert.equal(errorCode(refused), 'upstream_auth_failed');
    // The vendor's own 401 body is not passed on.
    assert.doesNotMatch(refused.text, /token_invalid|not valid/);
    assert.equal(wrong.errors.length, 1);

    for (const accessToken of [
      () => Promise.reject(new Error('no token')),
      () => Promise.resolve(''),
    ]) {
      const none = await setup({ accessToken });
      const minted = none.proxy.startSession(session.session_id).token;
      const reply = await send(`${none.base}${imagesPath(session.session_id)}`, {
        token: minted,
        body,
      });
      assert.equal(reply.status, 502);
      assert.equal(errorCode(reply), 'upstream_auth_failed');
    }
    assert.deepEqual(backend.sessions.get(session.session_id)?.images, []);
  });

  it('checks its options', () => {
    const tokens = createTokenIssuer({ secret: SECRET });
    const base = { vendorBaseUrl: 'http://127.0.0.1:9', tokens };
    for (const accessToken of ['', 'two words', 42]) {
      assert.throws(
        () => createSessionV1Proxy({ ...base, accessToken: accessToken as string }),
        TypeError,
      );
    }
    assert.throws(() => createSessionV1Proxy({ ...base, accessToken: ACCESS, vendorBaseUrl: 'x' }));
    const proxy = createSessionV1Proxy({ ...base, accessToken: ACCESS });
    assert.throws(() => proxy.startSession(''), TypeError);
  });
});
