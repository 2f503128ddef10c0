// The demo's integrator backend over real HTTP: kyc-capture/server's proxies in front of the
// link-kyc, validation-v2 and session-v1 mocks, as the browser reaches them (minted token, vendor
// paths).
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createMockBackend, type MockBackend, type RunningMockServer } from './index.ts';
import { makeJpeg } from './test-images.ts';

let backend: MockBackend;
let server: RunningMockServer;
before(async () => {
  backend = createMockBackend();
  server = await backend.listen(0);
});
after(async () => {
  await server?.close();
});

interface Minted {
  id: string;
  token: string;
  expires_at: string;
  api_base: string;
}

async function post(path: string, body: unknown, token?: string) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const jpeg = (width: number, height: number) => makeJpeg(width, height).toString('base64');

/** A POST through node:http, which (unlike fetch) lets the test write any Host header. */
function rawPost(
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
        ...headers,
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(text);
  });
}

describe('integrator backend (kyc-capture/server in front of the mocks)', () => {
  it('link-kyc: mints a token, and the proxy sends the verify request under its own id', async () => {
    const minted = (await post('/demo/link-kyc/sessions', {})).body as Minted;
    assert.equal(minted.api_base, '/integrator/link-kyc');
    assert.ok(Date.parse(minted.expires_at) > Date.now());
    assert.doesNotMatch(JSON.stringify(minted), /mock-password/);
    const reply = await post(
      `${minted.api_base}/identity/verify`,
      {
        id: 'chosen-by-the-browser',
        images: [{ content: jpeg(640, 400), faceImage: jpeg(240, 320) }],
        expeditorCountry: 'ES',
        certifyCallback: 'https://attacker.example/steal',
      },
      minted.token,
    );
    assert.equal(reply.status, 200);
    assert.equal((reply.body as { id: string }).id, minted.id);
    const stored = backend.linkKyc.verifications.get(minted.id);
    assert.ok(stored, 'the vendor holds the verification under the minted id');
    assert.equal(backend.linkKyc.verifications.has('chosen-by-the-browser'), false);
    const attempt = stored.attempts[0];
    assert.equal(attempt?.images[0]?.faceImage?.width, 240);
    assert.notEqual(attempt?.certifyCallback, 'https://attacker.example/steal');
  });

  it('link-kyc: refuses a request without the minted token', async () => {
    const reply = await post('/integrator/link-kyc/identity/verify', {
      id: 'x',
      images: [{ content: jpeg(640, 400) }],
      expeditorCountry: 'ES',
    });
    assert.equal(reply.status, 401);
  });

  it('validation-v2: creates the applicant, and the proxy binds it to the token', async () => {
    const minted = (await post('/demo/validation/sessions', { attempts: 2 })).body as Minted;
    assert.equal(minted.api_base, '/integrator/validation-v2');
    const reply = await post(
      `${minted.api_base}/api/v2/public/Validation`,
      {
        model: {
          faceImageBase64: jpeg(240, 320),
          frontImageBase64: jpeg(640, 400),
          documentType: 2,
        },
        applicantId: 'someone-else',
      },
      minted.token,
    );
    assert.equal(reply.status, 200);
    assert.deepEqual(
      [
        (reply.body as { applicantId: string }).applicantId,
        (reply.body as { status: number }).status,
      ],
      [minted.id, 0],
    );
    const applicant = backend.validationV2.applicants.get(minted.id);
    assert.equal(applicant?.requests.length, 1);
    assert.doesNotMatch(JSON.stringify(minted), /mock-validation-api-key/);
  });

  it('session-v1: creates the session with the access token; the page adds images with a minted token', async () => {
    const minted = (await post('/demo/session-v1/sessions', {})).body as Minted;
    assert.equal(minted.api_base, '/integrator/session-v1');
    assert.match(minted.token, /^kc1\./);
    assert.doesNotMatch(JSON.stringify(minted), /mock-access-token/);
    const path = `${minted.api_base}/api/v1/verification/${minted.id}/images`;
    const image = { type: 'document_front', data: jpeg(640, 400), document_type: 'passport' };
    const reply = await post(
      path,
      { image, device_info: { sdk_name: 'kyc-capture' } },
      minted.token,
    );
    assert.deepEqual(reply.body, { feedback: 'ok', complete: 'false', missing_images: ['selfie'] });
    assert.equal(backend.sessions.get(minted.id)?.images.length, 1);
    const renewed = (await post(`/demo/session-v1/sessions/${minted.id}/token`, {})).body as Minted;
    assert.equal(renewed.id, minted.id);
    assert.equal((await post(path, { image }, 'mock-access-token')).status, 401);
  });

  it('sends the vendor credentials to the configured vendors only, whatever Host the request names', async () => {
    // A host that records whatever reaches it: with a forged Host header it would get the
    // link-kyc login (user and password) and the validation-v2 API key.
    const seen: { url: string; headers: IncomingMessage['headers'] }[] = [];
    const evil = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      req.resume();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ applicantId: 'evil', token: 'x', scopes: [], expiresIn: 60 }));
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const evilHost = `127.0.0.1:${(evil.address() as AddressInfo).port}`;
    try {
      const forged = (path: string, body: unknown, token?: string) =>
        rawPost(path, body, {
          Host: evilHost,
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        });
      const link = await forged('/demo/link-kyc/sessions', {});
      assert.equal(link.status, 200);
      const linkSession = JSON.parse(link.text) as Minted;
      const verify = await forged(
        '/integrator/link-kyc/identity/verify',
        {
          images: [{ content: jpeg(640, 400), faceImage: jpeg(240, 320) }],
          expeditorCountry: 'ES',
        },
        linkSession.token,
      );
      assert.equal(verify.status, 200, verify.text);
      const validation = await forged('/demo/validation/sessions', { attempts: 1 });
      assert.equal(validation.status, 200, validation.text);
      const validationSession = JSON.parse(validation.text) as Minted;
      const validated = await forged(
        '/integrator/validation-v2/api/v2/public/Validation',
        {
          model: {
            faceImageBase64: jpeg(240, 320),
            frontImageBase64: jpeg(640, 400),
            documentType: 2,
          },
        },
        validationSession.token,
      );
      assert.equal(validated.status, 200, validated.text);
      const v1 = await forged('/demo/session-v1/sessions', {});
      assert.equal(v1.status, 200, v1.text);
      assert.deepEqual(seen, [], 'nothing reached the host the Host header named');
      // The vendors got them: the one set of proxies works for every Host.
      assert.ok(backend.linkKyc.verifications.has(linkSession.id));
      assert.ok(backend.validationV2.applicants.get(validationSession.id)?.requests.length);
    } finally {
      await new Promise<void>((resolve) => evil.close(() => resolve()));
    }
  });

  it('lets the server decide the verification: document types, the selfie, no paid extras', async () => {
    const validation = (await post('/demo/validation/sessions', { attempts: 3 })).body as Minted;
    const faceOnly = await post(
      `${validation.api_base}/api/v2/public/Validation`,
      { model: { faceImageBase64: jpeg(240, 320), documentType: 10 } },
      validation.token,
    );
    assert.equal(faceOnly.status, 400);
    assert.equal(
      (faceOnly.body as { error: { code: string } }).error.code,
      'document_type_not_allowed',
    );
    assert.equal(backend.validationV2.applicants.get(validation.id)?.requests.length, 0);

    const link = (await post('/demo/link-kyc/sessions', {})).body as Minted;
    const noFace = await post(
      `${link.api_base}/identity/verify`,
      { images: [{ content: jpeg(640, 400) }], expeditorCountry: 'ES' },
      link.token,
    );
    assert.equal(noFace.status, 400);
    assert.equal((noFace.body as { error: { code: string } }).error.code, 'face_image_required');
    const paid = await post(
      `${link.api_base}/identity/verify`,
      {
        images: [{ content: jpeg(640, 400), faceImage: jpeg(240, 320) }],
        expeditorCountry: 'ES',
        certify: true,
        manualVerification: true,
      },
      link.token,
    );
    assert.equal(paid.status, 200);
    const attempt = backend.linkKyc.verifications.get(link.id)?.attempts[0];
    assert.deepEqual([attempt?.certify, attempt?.manualVerification], [false, false]);
  });

  it('answers only the exact proxy paths: an extra prefix or segment is 404', async () => {
    const link = (await post('/demo/link-kyc/sessions', {})).body as Minted;
    const body = {
      images: [{ content: jpeg(64, 40), faceImage: jpeg(24, 32) }],
      expeditorCountry: 'ES',
    };
    for (const path of [
      '/integrator/link-kyc/extra/identity/verify',
      '/integrator/link-kyc/identity/verify/extra',
      '/integrator/link-kyc//identity/verify',
      '/integrator/validation-v2/x/api/v2/public/Validation',
      '/integrator/session-v1/x/api/v1/verification/abc/images',
    ]) {
      assert.equal((await post(path, body, link.token)).status, 404, path);
    }
    assert.equal(backend.linkKyc.verifications.has(link.id), false);
  });

  it('renews a token for the same request', async () => {
    const minted = (await post('/demo/link-kyc/sessions', {})).body as Minted;
    const renewed = (await post(`/demo/link-kyc/sessions/${minted.id}/token`, {})).body as Minted;
    assert.equal(renewed.id, minted.id);
    assert.notEqual(renewed.token, minted.token);
  });
});
