// The server helper's security sentences, each proven over real HTTP (issue 15): vendor redirects
// refused, vendor reply headers dropped, the 10 MB reply cap, the default 25 MB body limit, the
// headers an integrator's vendorHeaders cannot override, the mocks' constant-time secret compare,
// and nothing logged during a whole proxied session (console and stdio trapped).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import { afterEach, describe, it, mock } from 'node:test';
import { createMockBackend } from '../mock/index.ts';
import { sameSecret } from '../mock/http.ts';
import { makeJpeg } from '../mock/test-images.ts';
import {
  closeServers,
  errorCode,
  listenMiddleware,
  readAll,
  send,
  stubServer,
} from '../test/helpers/node-http.ts';
import { createIdvSdkProxy } from './idv-sdk.ts';
import { LinkKycAuth } from './link-kyc.ts';
import { DEFAULT_MAX_BODY_BYTES, MAX_VENDOR_REPLY_BYTES } from './proxy.ts';
import { createTokenIssuer } from './tokens.ts';
import { createValidationV2Proxy } from './validation-v2.ts';

afterEach(closeServers);

const SECRET = 'security-test-secret-of-at-least-32-bytes';
const PATH = '/api/v2/public/Validation';
const MODEL = { faceImageBase64: 'RkFDRQ==', frontImageBase64: 'RlJPTlQ=', documentType: 2 };

async function validationProxy(
  vendorUrl: string,
  vendorHeaders: Record<string, string> = { Authorization: 'Bearer k-123456' },
) {
  const proxy = createValidationV2Proxy({
    vendorBaseUrl: vendorUrl,
    vendorHeaders,
    tokens: createTokenIssuer({ secret: SECRET }),
  });
  const server = await listenMiddleware(proxy.middleware);
  const { token } = proxy.startSession({ applicantId: 'applicant-1' });
  return { url: `${server.url}${PATH}`, token };
}

describe('server helper security sentences', () => {
  it('refuses vendor redirects: credentials never follow one, neither on a call nor a login', async () => {
    const elsewhere = await stubServer(() => ({ status: 200, body: { status: 0 } }));
    const redirecting = await stubServer(() => ({
      status: 307,
      headers: { Location: `${elsewhere.url}${PATH}` },
    }));
    const proxy = await validationProxy(redirecting.url);
    const reply = await send(proxy.url, { token: proxy.token, body: { model: MODEL } });
    assert.equal(reply.status, 502);
    assert.equal(errorCode(reply), 'upstream_unreachable');
    const login = new LinkKycAuth({ baseUrl: redirecting.url, user: 'u-1', password: 'p-123456' });
    await assert.rejects(login.token(), { name: 'LinkKycAuthError', code: 'login_failed' });
    assert.equal(redirecting.received.length, 2);
    assert.equal(elsewhere.received.length, 0, 'nothing followed the redirect');
  });

  it('drops the vendor’s reply headers (cookies, internals) and the browser’s request headers', async () => {
    const vendor = await stubServer(() => ({
      status: 200,
      body: { status: 0 },
      headers: {
        'Set-Cookie': 'vendor_session=abc',
        'X-Internal-Trace': 'node-7',
        'Access-Control-Allow-Credentials': 'true',
        'Retry-After': '5',
      },
    }));
    const proxy = await validationProxy(vendor.url);
    const response = await fetch(proxy.url, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${proxy.token}`,
        'Content-Type': 'application/json',
        Cookie: 'page_session=xyz',
        'X-Forwarded-For': '203.0.113.9',
        'X-Api-Key': 'browser-chosen',
      },
      body: JSON.stringify({ model: MODEL }),
    });
    assert.equal(response.status, 200);
    for (const name of ['set-cookie', 'x-internal-trace', 'access-control-allow-credentials']) {
      assert.equal(response.headers.get(name), null, name);
    }
    assert.equal(response.headers.get('retry-after'), '5');
    const sent = vendor.received[0]?.headers ?? {};
    assert.equal(sent.authorization, 'Bearer k-123456', 'the proxy’s credentials, not the token');
    for (const name of ['cookie', 'x-forwarded-for', 'x-api-key']) {
      assert.equal(sent[name], undefined, name);
    }
  });

  it('caps a vendor reply at 10 MB (502 bad_gateway beyond)', async () => {
    assert.equal(MAX_VENDOR_REPLY_BYTES, 10 * 1024 * 1024);
    let size = MAX_VENDOR_REPLY_BYTES + 1;
    const vendor = await stubServer(() => ({
      status: 200,
      body: `{"pad":"${'x'.repeat(size - 10)}"}`,
    }));
    const proxy = await validationProxy(vendor.url);
    const over = await send(proxy.url, { token: proxy.token, body: { model: MODEL } });
    assert.equal(over.status, 502);
    assert.equal(errorCode(over), 'bad_gateway');
    size = MAX_VENDOR_REPLY_BYTES;
    const at = await send(proxy.url, { token: proxy.token, body: { model: MODEL } });
    assert.equal(at.status, 200);
  });

  it('accepts browser bodies up to 25 MB by default and answers 413 beyond, before reading', async () => {
    assert.equal(DEFAULT_MAX_BODY_BYTES, 25 * 1024 * 1024);
    const vendor = await stubServer(() => ({ status: 200, body: { status: 0 } }));
    const proxy = await validationProxy(vendor.url);
    const reply = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(proxy.url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${proxy.token}`,
          'Content-Type': 'application/json',
          'Content-Length': DEFAULT_MAX_BODY_BYTES + 1,
        },
      });
      req.on('error', () => undefined);
      req.on('response', (res) => {
        readAll(res).then((text) => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, text });
        }, reject);
      });
      req.flushHeaders(); // the declared length alone is enough: no byte of the body is sent
    });
    assert.equal(reply.status, 413);
    assert.match(reply.text, /payload_too_large/);
    assert.equal(vendor.received.length, 0);
  });

  it('keeps the protected headers its own whatever vendorHeaders says', async () => {
    const vendor = await stubServer(() => ({ status: 200, body: { status: 0 } }));
    const proxy = await validationProxy(vendor.url, {
      Authorization: 'Bearer k-123456',
      Host: 'evil.example',
      'Content-Type': 'text/plain',
      'Content-Length': '1',
      Accept: 'text/html',
      Connection: 'upgrade',
      'Transfer-Encoding': 'gzip',
      Upgrade: 'websocket',
    });
    const reply = await send(proxy.url, { token: proxy.token, body: { model: MODEL } });
    assert.equal(reply.status, 200);
    const sent = vendor.received[0];
    assert.equal(sent?.headers.host, new URL(vendor.url).host);
    assert.match(sent?.headers['content-type'] ?? '', /^application\/json/);
    assert.equal(sent?.headers.accept, 'application/json');
    assert.equal(sent?.headers.upgrade, undefined);
    assert.deepEqual((sent?.body as { model: unknown }).model, MODEL, 'the body arrived whole');

    // idv-sdk: X-Client-Id is the server's, never the browser's.
    const idvVendor = await stubServer(() => ({ status: 200, body: {} }));
    const idv = createIdvSdkProxy({
      vendorBaseUrl: idvVendor.url,
      clientId: 'server-client',
      vendorHeaders: { Authorization: 'Bearer idv-123456', 'X-Client-Id': 'other' },
      tokens: createTokenIssuer({ secret: SECRET }),
    });
    const server = await listenMiddleware(idv.middleware);
    const response = await fetch(`${server.url}/idv-sdk/consent`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${idv.startSession('s1').token}`,
        'Content-Type': 'application/json',
        'X-Client-Id': 'browser-client',
      },
      body: JSON.stringify({ consented: true }),
    });
    assert.equal(response.status, 200);
    assert.equal(idvVendor.received[0]?.headers['x-client-id'], 'server-client');
  });

  it('compares the mocks’ secrets in constant time (crypto.timingSafeEqual)', () => {
    const spy = mock.method(crypto, 'timingSafeEqual');
    syncBuiltinESMExports();
    try {
      assert.equal(sameSecret('mock-access-token', 'mock-access-token'), true);
      assert.equal(sameSecret('mock-access-token', 'xock-access-token'), false);
      assert.equal(sameSecret('mock-access-token', 'mock-access-tokeX'), false);
      assert.equal(spy.mock.callCount(), 3);
    } finally {
      spy.mock.restore();
      syncBuiltinESMExports();
    }
  });

  it('logs nothing during a whole proxied session: no token, secret or image byte on any output', async () => {
    const secrets = {
      linkKycPassword: 'link-Pa55-log-trap',
      validationApiKey: 'validation-key-log-trap',
      accessToken: 'access-token-log-trap',
      tokenSecret: 'token-secret-log-trap-of-at-least-32-bytes',
    };
    const backend = createMockBackend({
      linkKycUser: 'link-user-log-trap',
      linkKycPassword: secrets.linkKycPassword,
      validationApiKey: secrets.validationApiKey,
      accessToken: secrets.accessToken,
      tokenSecret: secrets.tokenSecret,
    });
    const server = await backend.listen(0);
    const written: string[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const;
    const savedConsole = methods.map((name) => console[name]);
    for (const name of methods) {
      console[name] = (...args: unknown[]) => void written.push(args.map(String).join(' '));
    }
    const savedWrites = [process.stdout.write, process.stderr.write];
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: never[]) => {
        written.push(String(chunk));
        return original(chunk as string, ...rest);
      }) as typeof stream.write;
    }
    const face = makeJpeg(240, 320).toString('base64');
    const front = makeJpeg(640, 400).toString('base64');
    const minted: string[] = [];
    try {
      const post = async (path: string, body: unknown, token?: string) => {
        const reply = await send(`${server.url}${path}`, { token: token ?? null, body });
        return reply.json as { token: string; api_base: string; id: string };
      };
      const link = await post('/demo/link-kyc/sessions', {});
      const validation = await post('/demo/validation/sessions', { attempts: 2 });
      const v1 = await post('/demo/session-v1/sessions', {});
      minted.push(link.token, validation.token, v1.token);
      await post(
        `${link.api_base}/identity/verify`,
        { images: [{ content: front, faceImage: face }], expeditorCountry: 'ES' },
        link.token,
      );
      await post(
        `${validation.api_base}/api/v2/public/Validation`,
        { model: { faceImageBase64: face, frontImageBase64: front, documentType: 2 } },
        validation.token,
      );
      await post(
        `${v1.api_base}/api/v1/verification/${v1.id}/images`,
        { image: { type: 'document_front', data: front, document_type: 'passport' } },
        v1.token,
      );
      // Failures too: a forged token, a refused body, a too-large one.
      await post(`${link.api_base}/identity/verify`, { images: [] }, `${link.token}x`);
      await post(`${link.api_base}/identity/verify`, { images: [{ content: front }] }, link.token);
    } finally {
      methods.forEach(
        (name, i) => (console[name] = savedConsole[i] as (typeof console)[typeof name]),
      );
      [process.stdout.write, process.stderr.write] = savedWrites as [
        typeof process.stdout.write,
        typeof process.stderr.write,
      ];
      await server.close();
    }
    assert.equal(backend.linkKyc.verifications.size, 1, 'the session ran');
    const output = written.join('\n');
    for (const value of [
      ...Object.values(secrets),
      'link-user-log-trap',
      ...minted,
      face.slice(100, 160),
      front.slice(100, 160),
    ]) {
      assert.equal(output.includes(value), false, `logged: ${value.slice(0, 12)}…`);
    }
  });
});
