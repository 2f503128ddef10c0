// The demo's integrator backend over real HTTP: kyc-capture/server's proxies in front of the
// link-kyc, validation-v2 and session-v1 mocks, as the browser reaches them (minted token, vendor
// paths).
import assert from 'node:assert/strict';
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
      { model: { faceImageBase64: jpeg(240, 320), documentType: 10 }, applicantId: 'someone-else' },
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

  it('renews a token for the same request', async () => {
    const minted = (await post('/demo/link-kyc/sessions', {})).body as Minted;
    const renewed = (await post(`/demo/link-kyc/sessions/${minted.id}/token`, {})).body as Minted;
    assert.equal(renewed.id, minted.id);
    assert.notEqual(renewed.token, minted.token);
  });
});
