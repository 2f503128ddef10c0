// What the server decides, over real HTTP (issue 15): the verification that is billed (document
// types, the selfie, paid services, idv-sdk's finalize settings), what of a vendor's reply the page
// sees (documented error fields, secrets redacted, 5xx replaced), when the vendor login is tried
// again after a failure, and which paths a proxy answers.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  closeServers,
  errorCode,
  listen,
  listenMiddleware,
  send,
  stubServer,
  type Received,
  type StubReply,
} from '../test/helpers/node-http.ts';
import { createIdvSdkProxy } from './idv-sdk.ts';
import { LinkKycAuth, createLinkKycProxy, type LinkKycProxyOptions } from './link-kyc.ts';
import { createSessionV1Proxy } from './session-v1.ts';
import { createTokenIssuer } from './tokens.ts';
import { createValidationV2Proxy, type ValidationV2ProxyOptions } from './validation-v2.ts';

afterEach(closeServers);

const SECRET = 'server-decides-test-secret-of-32-bytes-or-more';
const USER = 'link-user-decides';
const PASSWORD = 'link-Pa55word-decides';
const API_KEY = 'validation-api-key-5ecret';
const VERIFY_OK = {
  idVerification: { status: 'Completed', process: 'Automatic', result: 'Ok', warning: '' },
};
const tokens = () => createTokenIssuer({ secret: SECRET });

/** A stub LINK vendor: logins answered by `login`, verifies by `verify`. */
async function linkVendor(
  verify: (received: Received) => StubReply = (r) => ({
    status: 200,
    body: { id: (r.body as { id: string }).id, ...VERIFY_OK },
  }),
  login: () => StubReply = () => ({
    status: 200,
    body: { token: 'vendor-token-abc123', scopes: [], expiresIn: 3600, token_type: 'bearer' },
  }),
) {
  const logins: Received[] = [];
  const verifies: Received[] = [];
  const stub = await stubServer((received) => {
    if (received.path === '/auth/token') {
      logins.push(received);
      return login();
    }
    verifies.push(received);
    return verify(received);
  });
  return { url: stub.url, logins, verifies };
}

async function linkSetup(
  overrides: Partial<LinkKycProxyOptions> = {},
  vendor?: Awaited<ReturnType<typeof linkVendor>>,
) {
  const stub = vendor ?? (await linkVendor());
  const proxy = createLinkKycProxy({
    vendorBaseUrl: stub.url,
    auth: { user: USER, password: PASSWORD },
    tokens: tokens(),
    mountPath: '/kyc',
    ...overrides,
  });
  const server = await listenMiddleware(proxy.middleware);
  const { token } = proxy.startSession('req-1');
  const verify = (body: unknown, path = '/kyc/identity/verify') =>
    send(`${server.url}${path}`, { token, body });
  return { stub, proxy, server, token, verify };
}

const FRONT_AND_FACE = {
  images: [{ content: 'RlJPTlQ=', faceImage: 'RkFDRQ==' }],
  expeditorCountry: 'ES',
};

async function validationSetup(
  overrides: Partial<ValidationV2ProxyOptions> = {},
  reply: (received: Received) => StubReply = () => ({ status: 200, body: { status: 0 } }),
) {
  const stub = await stubServer(reply);
  const proxy = createValidationV2Proxy({
    vendorBaseUrl: stub.url,
    vendorHeaders: { Authorization: `Bearer ${API_KEY}` },
    tokens: tokens(),
    ...overrides,
  });
  const server = await listenMiddleware(proxy.middleware);
  const { token } = proxy.startSession({ applicantId: 'applicant-1' });
  const validate = (model: Record<string, unknown>) =>
    send(`${server.url}/api/v2/public/Validation`, { token, body: { model } });
  return { stub, validate };
}

const DOCUMENT = { faceImageBase64: 'RkFDRQ==', frontImageBase64: 'RlJPTlQ=', documentType: 2 };

describe('the server decides what is verified and billed', () => {
  it('validation-v2: face only (10) is refused unless configured; a document type needs its front', async () => {
    const s = await validationSetup();
    const faceOnly = await s.validate({ faceImageBase64: 'RkFDRQ==', documentType: 10 });
    assert.equal(faceOnly.status, 400);
    assert.equal(errorCode(faceOnly), 'document_type_not_allowed');
    const noFront = await s.validate({ faceImageBase64: 'RkFDRQ==', documentType: 2 });
    assert.equal(noFront.status, 400);
    assert.equal(errorCode(noFront), 'invalid_body');
    assert.equal(s.stub.received.length, 0, 'the vendor was not called');
    assert.equal((await s.validate(DOCUMENT)).status, 200);

    const listed = await validationSetup({ documentTypes: [1, 2] });
    assert.equal(
      errorCode(await listed.validate({ ...DOCUMENT, documentType: 3 })),
      'document_type_not_allowed',
    );
    assert.equal((await listed.validate(DOCUMENT)).status, 200);
    const face = await validationSetup({ documentTypes: [10] });
    assert.equal(
      (await face.validate({ faceImageBase64: 'RkFDRQ==', documentType: 10 })).status,
      200,
    );
    assert.equal((await face.validate(DOCUMENT)).status, 400);
    assert.throws(
      () =>
        createValidationV2Proxy({
          vendorBaseUrl: 'http://x',
          vendorHeaders: {},
          tokens: tokens(),
          documentTypes: [],
        }),
      TypeError,
    );
  });

  it('link-kyc: the selfie is required by default; paid services are off unless the server allows them', async () => {
    const s = await linkSetup();
    const noFace = await s.verify({ images: [{ content: 'RlJPTlQ=' }], expeditorCountry: 'ES' });
    assert.equal(noFace.status, 400);
    assert.equal(errorCode(noFace), 'face_image_required');
    assert.equal(s.stub.verifies.length, 0);
    const asksForMore = await s.verify({
      ...FRONT_AND_FACE,
      certify: true,
      manualVerification: true,
    });
    assert.equal(asksForMore.status, 200);
    assert.deepEqual(
      [s.stub.verifies[0]?.body].map((b) => [
        (b as Record<string, unknown>)['certify'],
        (b as Record<string, unknown>)['manualVerification'],
      ]),
      [[false, false]],
    );

    // The server allows both: the browser may ask for less, never more.
    const paid = await linkSetup({
      certify: true,
      manualVerification: true,
      requireFaceImage: false,
    });
    assert.equal(
      (await paid.verify({ images: [{ content: 'RlJPTlQ=' }], expeditorCountry: 'ES' })).status,
      200,
    );
    assert.equal(
      (await paid.verify({ ...FRONT_AND_FACE, certify: false, manualVerification: false })).status,
      200,
    );
    const sent = paid.stub.verifies.map((r) => {
      const body = r.body as Record<string, unknown>;
      return [body['certify'], body['manualVerification']];
    });
    assert.deepEqual(sent, [
      [true, true],
      [false, false],
    ]);
  });

  it('idv-sdk: finalize settings and document types are the server’s', async () => {
    const stub = await stubServer(() => ({ status: 200, body: { verified: true } }));
    const proxy = createIdvSdkProxy({
      vendorBaseUrl: stub.url,
      clientId: 'acme',
      vendorHeaders: { Authorization: 'Bearer idv-vendor-token' },
      tokens: tokens(),
      finalizeSettings: { manual_review: false },
      documentTypes: ['passport'],
    });
    const server = await listenMiddleware(proxy.middleware);
    const { token } = proxy.startSession('idv-session-1');
    const post = (path: string, body: unknown) => send(`${server.url}${path}`, { token, body });
    const browserSettings = await post('/idv-sdk/finalize', { settings: { manual_review: true } });
    assert.equal(browserSettings.status, 400);
    assert.equal(stub.received.length, 0);
    assert.equal((await post('/idv-sdk/finalize', {})).status, 200);
    assert.deepEqual(stub.received[0]?.body, {
      session_id: 'idv-session-1',
      settings: { manual_review: false },
    });
    assert.equal(
      (await post('/idv-sdk/document-type', { document_type_e: 'driver_license' })).status,
      400,
    );
    assert.equal(
      (await post('/idv-sdk/document-type', { document_type_e: 'passport' })).status,
      200,
    );
    assert.equal(stub.received.length, 2);
  });
});

describe('what of a vendor reply reaches the page', () => {
  it('relays only seed 000’s error fields, with the vendor token and login redacted', async () => {
    const s = await linkSetup(
      {},
      await linkVendor((r) => ({
        status: 400,
        body: {
          id: 'req-1',
          code: '003',
          message: `Validation Error: bad request with ${r.headers.authorization} for ${USER}/${PASSWORD}`,
          request: { headers: r.headers },
          stack: 'Error: at Handler (/srv/app.js:10)',
        },
      })),
    );
    const reply = await s.verify(FRONT_AND_FACE);
    assert.equal(reply.status, 400);
    assert.deepEqual(Object.keys(reply.json as object), ['id', 'code', 'message']);
    assert.equal(
      (reply.json as { message: string }).message,
      'Validation Error: bad request with [redacted] for [redacted]/[redacted]',
    );
    assert.doesNotMatch(reply.text, /vendor-token-abc123|link-Pa55word|link-user|app\.js/);
  });

  it('relays only seed 002’s code and message, with the API key redacted, also inside a 200', async () => {
    let echo = 400;
    const s = await validationSetup({}, (r) => ({
      status: echo,
      body: {
        code: 120038,
        message: `No faces found (${r.headers.authorization})`,
        debug: r.headers,
        status: 1,
      },
    }));
    const reply = await s.validate(DOCUMENT);
    assert.equal(reply.status, 400);
    assert.deepEqual(reply.json, { code: 120038, message: 'No faces found ([redacted])' });
    echo = 200;
    const ok = await s.validate(DOCUMENT);
    assert.equal(ok.status, 200);
    assert.doesNotMatch(ok.text, new RegExp(API_KEY));
    assert.equal((ok.json as { status: number }).status, 1, 'the rest of a 200 is the vendor’s');
  });

  it('replaces a vendor 5xx body (a stack trace, the token) with its own typed body', async () => {
    const s = await validationSetup({}, (r) => ({
      status: 500,
      body: { message: `TypeError at /srv/validation.js:42 auth=${r.headers.authorization}` },
    }));
    const reply = await s.validate(DOCUMENT);
    assert.equal(reply.status, 500);
    assert.deepEqual(reply.json, {
      error: { code: 'upstream_error', message: 'The identity service failed.' },
    });
    const v1Stub = await stubServer(() => ({
      status: 502,
      type: 'text/plain',
      body: 'Traceback: secret',
    }));
    const v1 = createSessionV1Proxy({
      vendorBaseUrl: v1Stub.url,
      accessToken: 'access-token-1234',
      tokens: tokens(),
    });
    const server = await listen((req, res) => void v1.handle(req, res));
    const v1Reply = await send(`${server.url}/api/v1/verification/s1/images`, {
      token: v1.startSession('s1').token,
      body: { image: { type: 'selfie' } },
    });
    assert.equal(v1Reply.status, 502);
    assert.equal(errorCode(v1Reply), 'upstream_error');
    assert.doesNotMatch(v1Reply.text, /Traceback/);
  });

  it('passes seed 004’s and 001’s undocumented 4xx bodies as {error:{code,message}} only', async () => {
    const v1Stub = await stubServer((r) => ({
      status: 404,
      body: {
        error: { code: 'session_not_found', message: `no ${r.headers.authorization}` },
        trace: 'x',
      },
    }));
    const v1 = createSessionV1Proxy({
      vendorBaseUrl: v1Stub.url,
      accessToken: 'access-token-1234',
      tokens: tokens(),
    });
    const server = await listen((req, res) => void v1.handle(req, res));
    const reply = await send(`${server.url}/api/v1/verification/s1/images`, {
      token: v1.startSession('s1').token,
      body: { image: { type: 'selfie' } },
    });
    assert.equal(reply.status, 404);
    assert.deepEqual(reply.json, {
      error: { code: 'session_not_found', message: 'no [redacted]' },
    });
  });
});

describe('failed vendor logins are remembered', () => {
  it('makes one login attempt for many browser requests, then waits longer after each failure', async () => {
    let time = Date.parse('2030-01-01T00:00:00Z');
    const vendor = await linkVendor(undefined, () => ({ status: 401 }));
    const auth = new LinkKycAuth({
      baseUrl: vendor.url,
      user: USER,
      password: PASSWORD,
      now: () => time,
      backoffMs: 1000,
      maxBackoffMs: 4000,
    });
    const s = await linkSetup({ auth }, vendor);
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await s.verify(FRONT_AND_FACE));
    assert.equal(vendor.logins.length, 1, 'the vendor saw one login for five browser requests');
    assert.deepEqual(
      replies.map((r) => [r.status, errorCode(r)]),
      [
        [502, 'upstream_auth_failed'],
        ...Array.from({ length: 4 }, () => [503, 'upstream_auth_backoff']),
      ],
    );
    assert.equal(replies[1]?.headers.get('retry-after'), '1');
    time += 1000; // the first wait is over: one more attempt, which fails, and then 2 s
    assert.equal((await s.verify(FRONT_AND_FACE)).status, 502);
    time += 1500;
    const waiting = await s.verify(FRONT_AND_FACE);
    assert.equal(waiting.status, 503);
    assert.equal(waiting.headers.get('retry-after'), '1');
    assert.equal(vendor.logins.length, 2);
    time += 10_000; // capped at 4 s: long since over
    assert.equal((await s.verify(FRONT_AND_FACE)).status, 502);
    time += 4000;
    assert.equal((await s.verify(FRONT_AND_FACE)).status, 502);
    assert.equal(vendor.logins.length, 4);
    assert.equal(vendor.verifies.length, 0);
  });
});

describe('a proxy answers its exact mount and path only', () => {
  it('is 404 for a path with an extra prefix or segment, for each proxy', async () => {
    const link = await linkSetup();
    for (const path of [
      '/identity/verify',
      '/evil/kyc/identity/verify',
      '/kyc/x/identity/verify',
      '/kyc/identity/verify/x',
      '//kyc/identity/verify',
      '/kyc//identity/verify',
    ]) {
      const reply = await link.verify(FRONT_AND_FACE, path);
      assert.equal(reply.status, 404, path);
      assert.deepEqual(reply.json, { passedOn: true }, path);
    }
    assert.equal((await link.verify(FRONT_AND_FACE)).status, 200);
    assert.equal(link.stub.verifies.length, 1);

    const handled = await listen((req, res) => void link.proxy.handle(req, res));
    const prefixed = await send(`${handled.url}/x/kyc/identity/verify`, {
      token: link.token,
      body: FRONT_AND_FACE,
    });
    assert.equal(prefixed.status, 404);
    assert.equal(errorCode(prefixed), 'not_found');

    const idvStub = await stubServer(() => ({ status: 200, body: {} }));
    const idv = createIdvSdkProxy({
      vendorBaseUrl: idvStub.url,
      clientId: 'c',
      vendorHeaders: {},
      tokens: tokens(),
      mountPath: '/kyc/idv',
    });
    const idvServer = await listen((req, res) => void idv.handle(req, res));
    const idvToken = idv.startSession('s1').token;
    const consent = (path: string) =>
      send(`${idvServer.url}${path}`, { token: idvToken, body: { consented: true } });
    assert.equal((await consent('/kyc/idv/idv-sdk/consent')).status, 200);
    assert.equal((await consent('/kyc/idv/x/idv-sdk/consent')).status, 404);
    assert.equal((await consent('/x/kyc/idv/idv-sdk/consent')).status, 404);

    const v1Stub = await stubServer(() => ({ status: 200, body: { feedback: 'ok' } }));
    const v1 = createSessionV1Proxy({
      vendorBaseUrl: v1Stub.url,
      accessToken: 'a-token',
      tokens: tokens(),
      mountPath: '/kyc/v1',
    });
    const v1Server = await listenMiddleware(v1.middleware);
    const v1Token = v1.startSession('s1').token;
    const add = (path: string) =>
      send(`${v1Server.url}${path}`, { token: v1Token, body: { image: {} } });
    assert.equal((await add('/kyc/v1/api/v1/verification/s1/images')).status, 200);
    assert.equal((await add('/x/kyc/v1/api/v1/verification/s1/images')).status, 404);
    assert.equal((await add('/kyc/v1/x/api/v1/verification/s1/images')).status, 404);
    assert.equal(idvStub.received.length + v1Stub.received.length, 2);
    assert.throws(
      () =>
        createSessionV1Proxy({
          vendorBaseUrl: 'http://x',
          accessToken: 'a',
          tokens: tokens(),
          mountPath: '/kyc/',
        }),
      TypeError,
    );
  });
});
