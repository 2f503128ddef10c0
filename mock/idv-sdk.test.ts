// The IDV SDK mock (seed 001) over real HTTP, mounted in the mock backend: what the browser SDK
// would see, field by field.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createMockBackend,
  IDV_SDK_OTHER_DEMO_PATH,
  IDV_SDK_OTHER_PATHS,
  type RunningMockServer,
} from './index.ts';
import { makeJpeg, makePng } from './test-images.ts';

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

interface DemoSession {
  session_id: string;
  client_id: string;
  access_token: string;
}

interface Auth {
  token?: string | null;
  clientId?: string | null;
}

let server: RunningMockServer | undefined;
before(async () => {
  server = await createMockBackend({ now: () => Date.parse('2030-01-01T00:00:00Z') }).listen(0);
});
after(async () => {
  await server?.close();
});

async function send(method: string, path: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(`${server?.url}${path}`, { method, ...init });
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json');
  return {
    status: response.status,
    headers: response.headers,
    body: json ? (JSON.parse(text) as unknown) : text,
  };
}

function authHeaders(session: DemoSession, auth: Auth = {}): Record<string, string> {
  const headers: Record<string, string> = {};
  const token = auth.token === undefined ? session.access_token : auth.token;
  const clientId = auth.clientId === undefined ? session.client_id : auth.clientId;
  if (token !== null) headers['Authorization'] = `Bearer ${token}`;
  if (clientId !== null) headers['X-Client-Id'] = clientId;
  return headers;
}

function sdk(session: DemoSession, op: string, body: unknown, auth: Auth = {}): Promise<Reply> {
  return send('POST', `/idv-sdk/${op}`, {
    headers: { ...authHeaders(session, auth), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function upload(
  session: DemoSession,
  side: 'front' | 'back',
  fields: Record<string, string | Blob>,
  auth: Auth = {},
): Promise<Reply> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, 'image.bin');
  }
  return send('POST', `/idv-sdk/document/${side}`, {
    headers: authHeaders(session, auth),
    body: form,
  });
}

/** A Blob of the bytes (copied: Blob wants an ArrayBuffer-backed view). */
const blob = (bytes: Uint8Array | string, type: string) =>
  new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type });

/** The fields without one of them. */
function without(fields: Record<string, string | Blob>, name: string) {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => key !== name));
}

const jpeg = () => blob(makeJpeg(640, 400), 'image/jpeg');
const imageFields = (session: DemoSession) => ({
  session_id: session.session_id,
  latitude: '52.52',
  longitude: '13.405',
  image: jpeg(),
});

async function createSession(body: Record<string, unknown> = {}): Promise<DemoSession> {
  const reply = await send('POST', '/demo/idv/sessions', {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body as DemoSession;
}

async function consented(body: Record<string, unknown> = {}): Promise<DemoSession> {
  const session = await createSession(body);
  const reply = await sdk(session, 'consent', { session_id: session.session_id, consented: true });
  assert.equal(reply.status, 200);
  return session;
}

async function state(session: DemoSession): Promise<Record<string, unknown>> {
  const reply = await send('GET', `/demo/idv/sessions/${session.session_id}`);
  assert.equal(reply.status, 200);
  return reply.body as Record<string, unknown>;
}

function assertError(reply: Reply, status: number, code: string): void {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  const body = reply.body as { error?: { code?: unknown; message?: unknown } };
  assert.equal(body.error?.code, code);
  assert.equal(typeof body.error?.message, 'string');
}

describe('IDV SDK mock: probes', () => {
  it('answers ping and health without auth', async () => {
    assert.deepEqual((await send('GET', '/idv-sdk/ping')).body, {
      pong: true,
      timestamp: '2030-01-01T00:00:00.000Z',
    });
    const health = await send('GET', '/idv-sdk/health');
    assert.equal(health.status, 200);
    assert.deepEqual(health.body, { status: 'ok', timestamp: '2030-01-01T00:00:00.000Z' });
  });

  it('answers 404 and 405 for unknown paths and wrong methods, and preflights X-Client-Id', async () => {
    assertError(await send('GET', '/idv-sdk/nope'), 404, 'not_found');
    const wrong = await send('GET', '/idv-sdk/consent');
    assertError(wrong, 405, 'method_not_allowed');
    assert.equal(wrong.headers.get('allow'), 'POST');
    const preflight = await send('OPTIONS', '/idv-sdk/consent');
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /X-Client-Id/);
  });
});

describe('IDV SDK mock: happy path', () => {
  it('runs a whole driver-license verification, field by field', async () => {
    const session = await createSession({ client_id: 'client-a', settings: { locale: 'en' } });
    const id = session.session_id;

    const initial = await sdk(session, 'session/read', { session_id: id });
    assert.equal(initial.status, 200);
    assert.deepEqual(initial.body, {
      session_id: id,
      client_id: 'client-a',
      document_type_e: 'unknown',
      consented: false,
      document_front_given: false,
      document_back_given: false,
      liveness_detected: false,
      selfie_given: false,
      liveness_provider_e: 'azure',
      sdk_metadata: {},
      settings: { locale: 'en' },
    });

    assert.deepEqual((await sdk(session, 'consent', { session_id: id, consented: true })).body, {});
    const typed = await sdk(session, 'document-type', {
      session_id: id,
      document_type_e: 'driver_license',
    });
    assert.equal(typed.status, 200);
    assert.deepEqual(typed.body, {});

    const front = await upload(session, 'front', imageFields(session));
    assert.equal(front.status, 200, JSON.stringify(front.body));
    assert.deepEqual(front.body, {});
    const back = await upload(session, 'back', {
      ...imageFields(session),
      image: blob(makePng(500, 320), 'image/png'),
    });
    assert.equal(back.status, 200, JSON.stringify(back.body));

    const generated = await sdk(session, 'liveness/generate', {
      session_id: id,
      latitude: 52.52,
      longitude: 13.405,
    });
    assert.equal(generated.status, 200);
    const token = (generated.body as { token: unknown }).token;
    assert.equal(typeof token, 'string');
    const processed = await sdk(session, 'liveness/process', {
      session_id: id,
      latitude: 52.52,
      longitude: 13.405,
      images: [makeJpeg(320, 240).toString('base64'), makePng(200, 200).toString('base64')],
    });
    assert.equal(processed.status, 200, JSON.stringify(processed.body));
    assert.deepEqual(processed.body, { token });

    const meta = await sdk(session, 'metadata', {
      session_id: id,
      sdk_metadata: { sdk_version: '0.1.0', platform: 'web' },
    });
    assert.equal(meta.status, 200);
    assert.deepEqual(meta.body, {});

    const read = (await sdk(session, 'session/read', { session_id: id })).body as Record<
      string,
      unknown
    >;
    assert.equal(read['document_type_e'], 'driver_license');
    assert.equal(read['consented'], true);
    assert.equal(read['document_front_given'], true);
    assert.equal(read['document_back_given'], true);
    assert.equal(read['liveness_detected'], true);
    assert.equal(read['selfie_given'], true);
    assert.deepEqual(read['sdk_metadata'], { sdk_version: '0.1.0', platform: 'web' });

    const final = await sdk(session, 'finalize', { session_id: id, settings: { strict: true } });
    assert.equal(final.status, 200);
    assert.deepEqual(final.body, { verified: true, on_sanction_list: false });

    const stored = await state(session);
    assert.equal(stored['finalized'], true);
    assert.deepEqual(stored['finalize_settings'], { strict: true });
    assert.deepEqual(stored['document_front'], {
      mime_type: 'image/jpeg',
      width: 640,
      height: 400,
      byte_length: makeJpeg(640, 400).length,
      latitude: 52.52,
      longitude: 13.405,
      filename: 'image.bin',
    });
    assert.equal((stored['document_back'] as { mime_type: string }).mime_type, 'image/png');
    assert.deepEqual(
      (stored['liveness_frames'] as { mime_type: string }[]).map((f) => f.mime_type),
      ['image/jpeg', 'image/png'],
    );
    assert.equal(stored['liveness_token'], token);

    assertError(
      await sdk(session, 'metadata', { session_id: id, sdk_metadata: {} }),
      409,
      'session_finalized',
    );
    assert.deepEqual((await sdk(session, 'finalize', { session_id: id })).body, final.body);
  });

  it('finalizes a passport without a back image and answers the configured outcome', async () => {
    const session = await consented({ verified: false, on_sanction_list: true });
    const id = session.session_id;
    await sdk(session, 'document-type', { session_id: id, document_type_e: 'passport' });
    assert.equal((await upload(session, 'front', imageFields(session))).status, 200);
    assertError(await upload(session, 'back', imageFields(session)), 409, 'back_not_expected');
    await sdk(session, 'liveness/generate', { session_id: id, latitude: 0, longitude: 0 });
    const processed = await sdk(session, 'liveness/process', {
      session_id: id,
      latitude: 0,
      longitude: 0,
    });
    assert.equal(processed.status, 200, JSON.stringify(processed.body));
    const final = await sdk(session, 'finalize', { session_id: id });
    assert.deepEqual(final.body, { verified: false, on_sanction_list: true });
  });

  it('accepts every document type of the seed', async () => {
    const session = await consented();
    for (const type of [
      'unknown',
      'driver_license',
      'identification_card',
      'passport',
      'passport_card',
    ]) {
      const reply = await sdk(session, 'document-type', {
        session_id: session.session_id,
        document_type_e: type,
      });
      assert.equal(reply.status, 200, type);
      assert.equal((await state(session))['document_type_e'], type);
    }
  });
});

describe('IDV SDK mock: consent gate', () => {
  it('refuses every call but ping, health, read and consent until consent is true', async () => {
    const session = await createSession();
    const id = session.session_id;
    const gated: [string, unknown][] = [
      ['document-type', { session_id: id, document_type_e: 'passport' }],
      ['liveness/generate', { session_id: id, latitude: 1, longitude: 2 }],
      ['liveness/process', { session_id: id, latitude: 1, longitude: 2 }],
      ['metadata', { session_id: id, sdk_metadata: {} }],
      ['finalize', { session_id: id }],
    ];
    for (const [op, body] of gated)
      assertError(await sdk(session, op, body), 403, 'consent_required');
    assertError(await upload(session, 'front', imageFields(session)), 403, 'consent_required');
    assertError(await upload(session, 'back', imageFields(session)), 403, 'consent_required');

    // consented: false is recorded but does not open the gate.
    assert.equal((await sdk(session, 'consent', { session_id: id, consented: false })).status, 200);
    assert.equal((await state(session))['consent_recorded'], true);
    assertError(await sdk(session, 'metadata', gated[3]?.[1]), 403, 'consent_required');
    assert.equal((await sdk(session, 'session/read', { session_id: id })).status, 200);

    await sdk(session, 'consent', { session_id: id, consented: true });
    assert.equal((await sdk(session, 'metadata', gated[3]?.[1])).status, 200);
  });
});

describe('IDV SDK mock: auth', () => {
  it('needs a bearer token and the matching X-Client-Id on every SDK call', async () => {
    const session = await consented({ client_id: 'client-b' });
    const other = await consented({ client_id: 'client-c' });
    const body = { session_id: session.session_id };
    assertError(await sdk(session, 'session/read', body, { token: null }), 401, 'token_missing');
    const malformed = await send('POST', '/idv-sdk/session/read', {
      headers: { Authorization: 'Basic abc', 'X-Client-Id': 'client-b' },
      body: JSON.stringify(body),
    });
    assertError(malformed, 401, 'token_malformed');
    assertError(await sdk(session, 'session/read', body, { token: 'nope' }), 401, 'token_invalid');
    assertError(
      await sdk(session, 'session/read', body, { clientId: null }),
      401,
      'client_id_missing',
    );
    assertError(
      await sdk(session, 'session/read', body, { clientId: 'client-c' }),
      403,
      'client_id_mismatch',
    );
    assertError(
      await sdk(session, 'session/read', { session_id: other.session_id }),
      403,
      'session_mismatch',
    );
    assertError(
      await sdk(session, 'session/read', { session_id: 'no-such-session' }),
      404,
      'session_not_found',
    );
    assertError(
      await upload(session, 'front', imageFields(session), { token: 'nope' }),
      401,
      'token_invalid',
    );
    assertError(
      await upload(session, 'front', imageFields(session), { clientId: null }),
      401,
      'client_id_missing',
    );
  });

  it('keeps stored state off the browser-facing API', async () => {
    const session = await createSession();
    assertError(await send('GET', `/idv-sdk/sessions/${session.session_id}`), 404, 'not_found');
    assertError(await send('GET', '/demo/idv/sessions/unknown'), 404, 'session_not_found');
  });
});

describe('IDV SDK mock: malformed bodies', () => {
  it('rejects wrong JSON types and missing fields with 400 invalid_field', async () => {
    const session = await consented();
    const id = session.session_id;
    const cases: [string, unknown][] = [
      ['session/read', {}],
      ['session/read', { session_id: 7 }],
      ['consent', { session_id: id }],
      ['consent', { session_id: id, consented: 'yes' }],
      ['document-type', { session_id: id }],
      ['document-type', { session_id: id, document_type_e: 'visa' }],
      ['liveness/generate', { session_id: id, latitude: '1', longitude: 2 }],
      ['liveness/generate', { session_id: id, latitude: 1 }],
      ['liveness/generate', { session_id: id, latitude: 91, longitude: 0 }],
      ['liveness/process', { session_id: id, latitude: 1, longitude: 2, images: 'abc' }],
      ['liveness/process', { session_id: id, latitude: 1, longitude: 2, images: [1] }],
      ['liveness/process', { session_id: id, latitude: 1, longitude: 2, images: ['@@@'] }],
      ['metadata', { session_id: id }],
      ['metadata', { session_id: id, sdk_metadata: [1, 2] }],
      ['finalize', { session_id: id, settings: 'x' }],
      ['metadata', { session_id: id, sdk_metadata: {}, extra: true }],
    ];
    for (const [op, body] of cases) {
      const reply = await sdk(session, op, body);
      assertError(reply, 400, 'invalid_field');
    }
  });

  it('rejects non-JSON bodies and non-image liveness frames', async () => {
    const session = await consented();
    const headers = { ...authHeaders(session), 'Content-Type': 'application/json' };
    assertError(
      await send('POST', '/idv-sdk/metadata', { headers, body: '{not json' }),
      400,
      'malformed_body',
    );
    assertError(
      await send('POST', '/idv-sdk/metadata', { headers, body: '[1]' }),
      400,
      'malformed_body',
    );
    assertError(
      await send('POST', '/idv-sdk/metadata', {
        headers: { ...headers, 'Content-Type': 'text/plain' },
        body: '{}',
      }),
      415,
      'unsupported_content_type',
    );
    await sdk(session, 'liveness/generate', {
      session_id: session.session_id,
      latitude: 1,
      longitude: 2,
    });
    const text = Buffer.from('not an image at all').toString('base64');
    assertError(
      await sdk(session, 'liveness/process', {
        session_id: session.session_id,
        latitude: 1,
        longitude: 2,
        images: [text],
      }),
      400,
      'unsupported_image',
    );
  });

  it('needs a generated liveness session before processing', async () => {
    const session = await consented();
    assertError(
      await sdk(session, 'liveness/process', {
        session_id: session.session_id,
        latitude: 1,
        longitude: 2,
      }),
      409,
      'liveness_not_generated',
    );
  });

  it('takes the liveness bodies seed 001 allows: no images, an empty array, more than 10', async () => {
    const session = await consented();
    const id = session.session_id;
    const where = { latitude: 40.4168, longitude: -3.7038 };
    const generated = await sdk(session, 'liveness/generate', { session_id: id, ...where });
    assert.equal(generated.status, 200);
    const token = (generated.body as { token: unknown }).token;
    assert.equal(typeof token, 'string');
    const frame = Buffer.from(makeJpeg(64, 80)).toString('base64');
    for (const images of [undefined, [], Array.from({ length: 12 }, () => frame)]) {
      const reply = await sdk(session, 'liveness/process', {
        session_id: id,
        ...where,
        ...(images ? { images } : {}),
      });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      // Process answers the token generate gave; its body never carried it.
      assert.deepEqual(reply.body, { token });
    }
    assert.equal((await state(session)).selfie_given, true);
    // The seed's process body has no token field: one sent anyway is refused like any other.
    assertError(
      await sdk(session, 'liveness/process', { session_id: id, ...where, token }),
      400,
      'invalid_field',
    );
  });

  it('validates multipart image uploads', async () => {
    const session = await consented();
    const fields = imageFields(session);
    assertError(await upload(session, 'front', fields), 409, 'document_type_required');
    await sdk(session, 'document-type', {
      session_id: session.session_id,
      document_type_e: 'identification_card',
    });
    assertError(await upload(session, 'front', without(fields, 'latitude')), 400, 'invalid_field');
    assertError(await upload(session, 'front', { ...fields, longitude: '' }), 400, 'invalid_field');
    assertError(
      await upload(session, 'front', { ...fields, latitude: 'north' }),
      400,
      'invalid_field',
    );
    assertError(await upload(session, 'front', without(fields, 'image')), 400, 'invalid_field');
    assertError(
      await upload(session, 'front', without(fields, 'session_id')),
      400,
      'invalid_field',
    );
    assertError(
      await upload(session, 'front', {
        ...fields,
        image: new Blob(['%PDF-1.4 not an image'], { type: 'image/jpeg' }),
      }),
      400,
      'unsupported_image',
    );
    assertError(
      await upload(session, 'front', {
        ...fields,
        image: blob(makeJpeg(640, 480).subarray(0, 100), 'image/jpeg'),
      }),
      400,
      'image_truncated',
    );
    assertError(
      await upload(session, 'front', {
        ...fields,
        image: blob(makePng(300, 300), 'image/jpeg'),
      }),
      400,
      'invalid_field',
    );
    const json = await send('POST', '/idv-sdk/document/front', {
      headers: { ...authHeaders(session), 'Content-Type': 'application/json' },
      body: JSON.stringify({ session_id: session.session_id }),
    });
    assertError(json, 415, 'unsupported_content_type');
    const broken = await send('POST', '/idv-sdk/document/front', {
      headers: { ...authHeaders(session), 'Content-Type': 'multipart/form-data; boundary=xyz' },
      body: 'garbage without any boundary',
    });
    assertError(broken, 400, 'malformed_body');
    assert.equal((await state(session))['document_front'], null);
  });

  it('refuses to finalize an incomplete session', async () => {
    const session = await consented();
    const reply = await sdk(session, 'finalize', { session_id: session.session_id });
    assertError(reply, 409, 'incomplete');
    assert.match(
      (reply.body as { error: { message: string } }).error.message,
      /document_type, document_front, document_back, liveness/,
    );
  });

  it('validates the demo creation body', async () => {
    const reply = await send('POST', '/demo/idv/sessions', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ verified: 'yes' }),
    });
    assertError(reply, 400, 'invalid_field');
  });
});

describe('IDV SDK mock: other paths', () => {
  it('serves every operation under the paths it is given, and nothing under the defaults', async () => {
    const created = await send('POST', IDV_SDK_OTHER_DEMO_PATH, {
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(created.status, 200);
    const session = created.body as DemoSession;
    const id = session.session_id;
    const post = (path: string, body: unknown) =>
      send('POST', path, {
        headers: { ...authHeaders(session), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const where = { latitude: 1.5, longitude: 2.5 };
    const paths = IDV_SDK_OTHER_PATHS;
    assert.equal((await send('GET', paths.ping)).status, 200);
    assert.equal((await send('GET', paths.health)).status, 200);
    assert.equal((await post(paths.consent, { session_id: id, consented: true })).status, 200);
    assert.equal((await post(paths.sessionRead, { session_id: id })).status, 200);
    const type = { session_id: id, document_type_e: 'passport_card' };
    assert.equal((await post(paths.documentType, type)).status, 200);
    for (const path of [paths.documentFront, paths.documentBack]) {
      const form = new FormData();
      for (const [name, value] of Object.entries(imageFields(session))) {
        if (typeof value === 'string') form.append(name, value);
        else form.append(name, value, 'image.jpg');
      }
      const reply = await send('POST', path, { headers: authHeaders(session), body: form });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
    }
    assert.equal((await post(paths.livenessGenerate, { session_id: id, ...where })).status, 200);
    assert.equal((await post(paths.livenessProcess, { session_id: id, ...where })).status, 200);
    const metadata = { session_id: id, sdk_metadata: {} };
    assert.equal((await post(paths.metadata, metadata)).status, 200);
    const finalized = await post(paths.finalize, { session_id: id });
    assert.equal(finalized.status, 200, JSON.stringify(finalized.body));
    // The same session is unknown to the mock under the default paths (another service).
    assertError(await sdk(session, 'session/read', { session_id: id }), 401, 'token_invalid');
  });
});
