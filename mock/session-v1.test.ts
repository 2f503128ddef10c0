// The session-v1 mock over real HTTP: what an integrator's backend and the browser SDK would see.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Capture } from '../src/capture/types.ts';
import type { CaptureStep, DocumentType } from '../src/steps.ts';
import {
  buildAddImageRequest,
  buildDeviceInfo,
  SDK_VERSION,
  type AddImageRequest,
  type CreateSessionResponse,
  type SessionImagesResponse,
  type SessionResult,
} from '../src/protocols/session-v1-wire.ts';
import { createMockBackend, type MockBackend, type RunningMockServer } from './index.ts';
import { makeJpeg, makePng } from './test-images.ts';

const ACCESS = 'test-access-token';
const START = Date.parse('2030-01-01T00:00:00Z');

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
  bytes: Buffer;
}

interface CallOptions {
  token?: string | null;
  json?: unknown;
  raw?: string;
  contentType?: string;
  authorization?: string;
}

/** One backend + server per suite, with a clock the tests move by hand. */
function harness(options: { maxImageBytes?: number } = {}) {
  const state = {
    clock: START,
    backend: undefined as MockBackend | undefined,
    server: undefined as RunningMockServer | undefined,
  };
  before(async () => {
    state.backend = createMockBackend({ accessToken: ACCESS, now: () => state.clock, ...options });
    state.server = await state.backend.listen(0);
  });
  after(async () => {
    await state.server?.close();
  });

  async function call(method: string, path: string, opts: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = {};
    const token = opts.token === undefined ? ACCESS : opts.token;
    if (opts.authorization !== undefined) headers['Authorization'] = opts.authorization;
    else if (token !== null) headers['Authorization'] = `Bearer ${token}`;
    let body: string | undefined;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['Content-Type'] = 'application/json';
    }
    if (opts.raw !== undefined) body = opts.raw;
    if (opts.contentType !== undefined) headers['Content-Type'] = opts.contentType;
    const response = await fetch(`${state.server?.url}${path}`, { method, headers, body });
    const bytes = Buffer.from(await response.arrayBuffer());
    let parsed: unknown;
    if (response.headers.get('content-type')?.startsWith('application/json')) {
      parsed = JSON.parse(bytes.toString('utf8'));
    }
    return { status: response.status, headers: response.headers, body: parsed, bytes };
  }

  async function createSession(body: Record<string, unknown> = {}) {
    const reply = await call('POST', '/api/v1/verification', { json: body });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body as CreateSessionResponse;
  }

  return { state, call, createSession };
}

/** An add-image body built with the SDK's own builder, from real image bytes. */
function addImageBody(
  step: CaptureStep,
  options: {
    documentType?: DocumentType;
    bytes?: Buffer;
    width?: number;
    height?: number;
    mimeType?: 'image/jpeg' | 'image/png';
  } = {},
): AddImageRequest {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const bytes = options.bytes ?? makeJpeg(width, height);
  const capture: Capture = {
    step,
    blob: new Blob([new Uint8Array(bytes)], { type: options.mimeType ?? 'image/jpeg' }),
    width,
    height,
    source: 'camera',
    documentType: options.documentType,
    cameraLabel: 'Fake camera',
    facingMode: step === 'selfie' ? 'user' : 'environment',
    takenAt: START,
  };
  return buildAddImageRequest({
    capture,
    data: bytes.toString('base64'),
    mimeType: options.mimeType ?? 'image/jpeg',
    documentType: options.documentType,
    deviceInfo: buildDeviceInfo({
      cameraLabel: capture.cameraLabel,
      facingMode: capture.facingMode,
    }),
  });
}

function errorCode(reply: Reply): string | undefined {
  return (reply.body as { error?: { code?: string } } | undefined)?.error?.code;
}

const imagesPath = (sid: string) => `/api/v1/verification/${sid}/images`;

describe('creating a session', () => {
  const { call, createSession } = harness();

  it('needs the access token', async () => {
    const path = '/api/v1/verification';
    const missing = await call('POST', path, { json: {}, token: null });
    assert.equal(missing.status, 401);
    assert.equal(errorCode(missing), 'token_missing');
    const wrong = await call('POST', path, { json: {}, token: 'not-the-access-token' });
    assert.equal(wrong.status, 401);
    assert.equal(errorCode(wrong), 'token_invalid');
    const basic = await call('POST', path, { json: {}, authorization: 'Basic dXNlcjpwYXNz' });
    assert.equal(basic.status, 401);
    assert.equal(errorCode(basic), 'token_malformed');
    const session = await createSession();
    // The seed lists 401 as the only auth failure ("Access token is malformed, missing data, or
    // expired"): a start token is not the access token.
    const startToken = await call('POST', path, { json: {}, token: session.start_token });
    assert.equal(startToken.status, 401);
    assert.equal(errorCode(startToken), 'insufficient_scope');
  });

  it('answers the seed shape, with a start token valid for 900 s by default', async () => {
    const session = await createSession({
      callback_url: 'https://integrator.example/kyc/done',
      state: 'csrf-123',
      time_to_live: '30d',
    });
    assert.match(session.session_id, /^[0-9a-f-]{36}$/);
    assert.equal(typeof session.start_token, 'string');
    assert.equal(session.expiration, new Date(START + 900_000).toISOString());
    assert.deepEqual(session.missing_images, ['document_front', 'document_back', 'selfie']);
  });

  it('rejects malformed bodies with 400, and bodies not sent as JSON with 415', async () => {
    const path = '/api/v1/verification';
    const notJson = await call('POST', path, { raw: '{}', contentType: 'text/plain' });
    assert.equal(notJson.status, 415);
    assert.equal(errorCode(notJson), 'unsupported_content_type');
    const cases: [CallOptions, string][] = [
      [{ raw: '{"state":', contentType: 'application/json' }, 'malformed_body'],
      [{ json: [] }, 'malformed_body'],
      [{ json: { time_to_live: '90' } }, 'invalid_field'],
      [{ json: { time_to_live: 90 } }, 'invalid_field'],
      [{ json: { callback_url: 42 } }, 'invalid_field'],
      [{ json: { auto_start: 'yes' } }, 'invalid_field'],
      [{ json: { mock_behavior: { feedbak: {} } } }, 'invalid_field'],
      [{ json: { mock_behavior: { recommendation: 'MAYBE' } } }, 'invalid_field'],
      [{ json: { mock_behavior: { feedback: { passport: ['glare'] } } } }, 'invalid_field'],
      [{ json: { mock_behavior: { server_errors: -1 } } }, 'invalid_field'],
    ];
    for (const [options, code] of cases) {
      const reply = await call('POST', path, options);
      assert.equal(reply.status, 400, JSON.stringify(options));
      assert.equal(errorCode(reply), code, JSON.stringify(options));
    }
  });
});

describe('start tokens', () => {
  const { state, call, createSession } = harness();

  it('expire after their lifetime (clock injected); the access token keeps working', async () => {
    const session = await createSession({ mock_behavior: { start_token_ttl_seconds: 60 } });
    const path = imagesPath(session.session_id);
    const front = () => addImageBody('document_front', { documentType: 'identity_card' });
    assert.equal(
      (await call('POST', path, { token: session.start_token, json: front() })).status,
      200,
    );
    state.clock += 60_000;
    const expired = await call('POST', path, { token: session.start_token, json: front() });
    assert.equal(expired.status, 401);
    assert.equal(errorCode(expired), 'token_expired');
    assert.equal((await call('POST', path, { json: front() })).status, 200);
    state.clock = START;
  });

  it('never list or read a session’s images: the seed gives those the access token (401)', async () => {
    const session = await createSession();
    const path = imagesPath(session.session_id);
    const token = session.start_token;
    const added = await call('POST', path, { token, json: addImageBody('selfie') });
    assert.equal(added.status, 200);
    const list = await call('GET', path, { token });
    assert.equal(list.status, 401);
    assert.equal(errorCode(list), 'insufficient_scope');
    const byBackend = (await call('GET', path)).body as SessionImagesResponse;
    assert.equal(byBackend.session_images.length, 1);
    const id = byBackend.session_images[0]?.id;
    const image = await call('GET', `${path}/${id}`, { token });
    assert.equal(image.status, 401);
    assert.equal(errorCode(image), 'insufficient_scope');
    assert.equal(image.bytes.includes(Buffer.from([0xff, 0xd8])), false);
    assert.equal((await call('GET', `${path}/${id}`)).status, 200);
  });

  it('are refused on another session with 401, the only auth failure the seed lists', async () => {
    const a = await createSession();
    const b = await createSession();
    const add = await call('POST', imagesPath(b.session_id), {
      token: a.start_token,
      json: addImageBody('selfie'),
    });
    assert.equal(add.status, 401);
    assert.equal(errorCode(add), 'token_wrong_session');
  });

  it('can be renewed through the demo endpoint, which plays the integrator backend', async () => {
    const session = await createSession({ mock_behavior: { start_token_ttl_seconds: 0 } });
    const path = imagesPath(session.session_id);
    const selfie = () => addImageBody('selfie');
    assert.equal(
      (await call('POST', path, { token: session.start_token, json: selfie() })).status,
      401,
    );
    const renewed = await call('POST', `/demo/sessions/${session.session_id}/token`, {
      token: null,
    });
    assert.equal(renewed.status, 200);
    const { start_token: fresh } = renewed.body as { start_token: string };
    assert.notEqual(fresh, session.start_token);
    assert.equal((await call('POST', path, { token: fresh, json: selfie() })).status, 200);
  });
});

describe('adding an image: validation', () => {
  const { call, createSession } = harness();
  let sid = '';
  let token = '';
  before(async () => {
    const session = await createSession();
    sid = session.session_id;
    token = session.start_token;
  });

  async function expect400(body: unknown, code: string, raw?: string) {
    const reply = await call('POST', imagesPath(sid), {
      token,
      ...(raw === undefined ? { json: body } : { raw, contentType: 'application/json' }),
    });
    assert.equal(reply.status, 400, `${code}: ${JSON.stringify(reply.body)}`);
    assert.equal(errorCode(reply), code);
  }

  const valid = () => addImageBody('document_front', { documentType: 'identity_card' });
  const withImage = (patch: Record<string, unknown>) => {
    const body = valid();
    return { ...body, image: { ...body.image, ...patch } };
  };

  it('rejects a body that is not JSON or not an object', async () => {
    await expect400(undefined, 'malformed_body', '<html>not json</html>');
    await expect400(undefined, 'malformed_body', '"just a string"');
  });

  it('rejects what the seed requires and is missing or mistyped (image, an object)', async () => {
    await expect400({ device_info: valid().device_info }, 'missing_field');
    await expect400({ image: 'front.jpg' }, 'invalid_field');
    await expect400({ image: valid().image, device_info: 'Pixel 8' }, 'invalid_field');
    // What the mock cannot work without: which image, and its bytes.
    await expect400(withImage({ type: undefined }), 'missing_field');
    await expect400(withImage({ data: undefined }), 'missing_field');
    await expect400(withImage({ type: 'document_side' }), 'invalid_field');
    // The SDK's optional fields, when sent, must be well-formed.
    await expect400(withImage({ width: '640' }), 'invalid_field');
    await expect400(withImage({ height: 480.5 }), 'invalid_field');
    await expect400(withImage({ mime_type: 'image/gif' }), 'invalid_field');
    await expect400(withImage({ source: 'scanner' }), 'invalid_field');
    await expect400(withImage({ captured_at: 'yesterday' }), 'invalid_field');
    await expect400(withImage({ document_type: 'library_card' }), 'invalid_field');
  });

  it('accepts what the seed leaves open: no device_info, any device_info fields, bare images', async () => {
    const session = await createSession();
    const path = imagesPath(session.session_id);
    const token = session.start_token;
    const { image } = addImageBody('document_front', { documentType: 'identity_card' });
    const noDevice = await call('POST', path, { token, json: { image } });
    assert.equal(noDevice.status, 200, JSON.stringify(noDevice.body));
    const odd = await call('POST', path, {
      token,
      json: { image: addImageBody('document_back').image, device_info: { model: 'X', v: 1 } },
    });
    assert.equal(odd.status, 200, JSON.stringify(odd.body));
    const bare = { type: 'selfie', data: makeJpeg(480, 640).toString('base64') };
    const selfie = await call('POST', path, { token, json: { image: bare } });
    assert.deepEqual(selfie.body, { feedback: 'ok', complete: 'true', missing_images: [] });
  });

  it('rejects data that is not bare base64', async () => {
    const data = valid().image.data;
    await expect400(withImage({ data: `data:image/jpeg;base64,${data}` }), 'invalid_base64');
    await expect400(
      withImage({ data: `${data.slice(0, 40)}!*${data.slice(42)}` }),
      'invalid_base64',
    );
    await expect400(withImage({ data: data.slice(0, -1) }), 'invalid_base64');
    await expect400(withImage({ data: '' }), 'invalid_base64');
  });

  it('rejects bytes that are not the declared image', async () => {
    const text = Buffer.from('Just a text file that claims to be a JPEG. '.repeat(20));
    await expect400(withImage({ data: text.toString('base64') }), 'unsupported_image');
    const truncated = makeJpeg(640, 480).subarray(0, 200);
    await expect400(withImage({ data: truncated.toString('base64') }), 'image_truncated');
    await expect400(
      withImage({ data: makePng(640, 480).toString('base64') }),
      'mime_type_mismatch',
    );
    await expect400(withImage({ width: 641 }), 'dimension_mismatch');
    await expect400(withImage({ height: 640 }), 'dimension_mismatch');
  });

  it('rejects images that are too small or too large in pixels', async () => {
    const small = makeJpeg(320, 199);
    await expect400(
      withImage({ data: small.toString('base64'), width: 320, height: 199 }),
      'image_too_small',
    );
    const wide = makeJpeg(10_001, 200);
    await expect400(
      withImage({ data: wide.toString('base64'), width: 10_001, height: 200 }),
      'image_too_large',
    );
  });

  it('rejects a back side for a passport and mixed document types', async () => {
    await expect400(
      addImageBody('document_back', { documentType: 'passport' }),
      'unexpected_image',
    );
    const front = await call('POST', imagesPath(sid), { token, json: valid() });
    assert.equal(front.status, 200);
    await expect400(
      addImageBody('document_back', { documentType: 'drivers_license' }),
      'document_type_mismatch',
    );
  });

  it('checks the session exists before anything else', async () => {
    const reply = await call('POST', imagesPath('no-such-session'), { json: valid() });
    assert.equal(reply.status, 404);
    assert.equal(errorCode(reply), 'session_not_found');
  });
});

describe('adding an image: size limits', () => {
  const { call, createSession } = harness({ maxImageBytes: 2000 });

  it('answers 400 over maxImageBytes and 413 when the body itself is far too large', async () => {
    const session = await createSession();
    const jpeg = makeJpeg(1200, 1200); // 22 500 blocks: ~11 KB
    assert.ok(jpeg.length > 2000);
    const over = await call('POST', imagesPath(session.session_id), {
      token: session.start_token,
      json: addImageBody('selfie', { bytes: jpeg, width: 1200, height: 1200 }),
    });
    assert.equal(over.status, 400);
    assert.equal(errorCode(over), 'image_too_large');
    const flood = await call('POST', imagesPath(session.session_id), {
      token: session.start_token,
      raw: JSON.stringify({ padding: 'x'.repeat(200_000) }),
      contentType: 'application/json',
    });
    assert.equal(flood.status, 413);
    assert.equal(errorCode(flood), 'payload_too_large');
  });
});

describe('a passport flow', () => {
  const { call, createSession } = harness();

  it('needs front and selfie only, then answers 409', async () => {
    const session = await createSession();
    const path = imagesPath(session.session_id);
    const token = session.start_token;
    const front = await call('POST', path, {
      token,
      json: addImageBody('document_front', { documentType: 'passport' }),
    });
    assert.equal(front.status, 200);
    assert.deepEqual(front.body, {
      feedback: 'ok',
      complete: 'false',
      missing_images: ['selfie'],
    });
    const selfie = await call('POST', path, { token, json: addImageBody('selfie') });
    assert.deepEqual(selfie.body, { feedback: 'ok', complete: 'true', missing_images: [] });
    const again = await call('POST', path, { token, json: addImageBody('selfie') });
    assert.equal(again.status, 409);
    assert.equal(errorCode(again), 'session_complete');
  });
});

describe('an identity card flow, with PNG and JPEG', () => {
  const { call, createSession } = harness();

  it('needs front, back and selfie, and lists and serves what it stored', async () => {
    const session = await createSession();
    const path = imagesPath(session.session_id);
    const token = session.start_token;
    const png = makePng(1280, 720);
    const steps: [CaptureStep, AddImageRequest, string[]][] = [
      [
        'document_front',
        addImageBody('document_front', {
          documentType: 'identity_card',
          bytes: png,
          width: 1280,
          height: 720,
          mimeType: 'image/png',
        }),
        ['document_back', 'selfie'],
      ],
      [
        'document_back',
        addImageBody('document_back', { documentType: 'identity_card' }),
        ['selfie'],
      ],
      ['selfie', addImageBody('selfie', { width: 480, height: 640 }), []],
    ];
    for (const [step, body, missing] of steps) {
      const reply = await call('POST', path, { token, json: body });
      assert.equal(reply.status, 200, step);
      assert.deepEqual((reply.body as { missing_images: string[] }).missing_images, missing);
    }

    const list = (await call('GET', path)).body as SessionImagesResponse;
    assert.deepEqual(
      list.session_images.map((i) => [i.type, i.mime_type, i.width, i.height, i.document_type]),
      [
        ['document_front', 'image/png', 1280, 720, 'identity_card'],
        ['document_back', 'image/jpeg', 640, 480, 'identity_card'],
        ['selfie', 'image/jpeg', 480, 640, undefined],
      ],
    );
    const first = list.session_images[0];
    assert.ok(first);
    assert.equal(first.size_bytes, png.length);
    assert.equal(first.feedback, 'ok');
    assert.equal(first.source, 'camera');
    assert.equal(first.created_at, new Date(START).toISOString());

    const bytes = await call('GET', `${path}/${first.id}`);
    assert.equal(bytes.status, 200);
    assert.equal(bytes.headers.get('content-type'), 'image/png');
    assert.ok(bytes.bytes.equals(png));
    const demoBytes = await call('GET', `/demo/sessions/${session.session_id}/images/${first.id}`, {
      token: null,
    });
    assert.ok(demoBytes.bytes.equals(png));
    const demoList = await call('GET', `/demo/sessions/${session.session_id}/images`, {
      token: null,
    });
    assert.deepEqual(demoList.body, list);
    const missingImage = await call('GET', `${path}/img_nope`);
    assert.equal(missingImage.status, 404);
    assert.equal(errorCode(missingImage), 'image_not_found');
  });
});

describe('mock_behavior', () => {
  const { call, createSession } = harness();

  it('answers the listed feedback in order, then ok; rejected images do not count', async () => {
    const session = await createSession({
      mock_behavior: { feedback: { document_front: ['glare', 'hologram_hidden'] } },
    });
    const path = imagesPath(session.session_id);
    const token = session.start_token;
    const body = addImageBody('document_front', { documentType: 'passport' });
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push((await call('POST', path, { token, json: body })).body);
    assert.deepEqual(answers, [
      {
        feedback: 'glare',
        complete: 'false',
        missing_images: ['document_front', 'document_back', 'selfie'],
      },
      {
        feedback: 'hologram_hidden',
        complete: 'false',
        missing_images: ['document_front', 'document_back', 'selfie'],
      },
      { feedback: 'ok', complete: 'false', missing_images: ['selfie'] },
    ]);
    const list = (await call('GET', path)).body as SessionImagesResponse;
    assert.deepEqual(
      list.session_images.map((i) => i.feedback),
      ['glare', 'hologram_hidden', 'ok'],
    );
  });

  it('answers the first server_errors add-image requests with 503 and Retry-After: 0', async () => {
    const session = await createSession({ mock_behavior: { server_errors: 2 } });
    const path = imagesPath(session.session_id);
    const token = session.start_token;
    for (let i = 0; i < 2; i++) {
      const reply = await call('POST', path, { token, json: addImageBody('selfie') });
      assert.equal(reply.status, 503);
      assert.equal(reply.headers.get('retry-after'), '0');
      assert.equal(errorCode(reply), 'service_unavailable');
    }
    const ok = await call('POST', path, { token, json: addImageBody('selfie') });
    assert.equal(ok.status, 200);
  });

  it('speaks the image names of image_names, both ways (the seed does not fix them)', async () => {
    const session = await createSession({
      mock_behavior: { image_names: { document_back: 'DOCUMENT_BACK', selfie: 'SELFIE' } },
    });
    assert.deepEqual(session.missing_images, ['document_front', 'DOCUMENT_BACK', 'SELFIE']);
    const path = imagesPath(session.session_id);
    const token = session.start_token;
    const front = await call('POST', path, {
      token,
      json: addImageBody('document_front', { documentType: 'identity_card' }),
    });
    assert.deepEqual(front.body, {
      feedback: 'ok',
      complete: 'false',
      missing_images: ['DOCUMENT_BACK', 'SELFIE'],
    });
    const ourName = await call('POST', path, { token, json: addImageBody('selfie') });
    assert.equal(ourName.status, 400);
    assert.equal(errorCode(ourName), 'invalid_field');
    const selfie = addImageBody('selfie');
    const theirs = { ...selfie, image: { ...selfie.image, type: 'SELFIE' } };
    assert.deepEqual((await call('POST', path, { token, json: theirs })).body, {
      feedback: 'ok',
      complete: 'false',
      missing_images: ['DOCUMENT_BACK'],
    });
    const list = (await call('GET', path)).body as SessionImagesResponse;
    assert.deepEqual(
      list.session_images.map((i) => i.type),
      ['document_front', 'SELFIE'],
    );
    for (const image_names of [{ selfie: 'document_front' }, { liveness: 'L' }, { selfie: '' }]) {
      const reply = await call('POST', '/api/v1/verification', {
        json: { mock_behavior: { image_names } },
      });
      assert.equal(reply.status, 400, JSON.stringify(image_names));
    }
  });

  it('creates sessions through the demo endpoint without any token', async () => {
    const reply = await call('POST', '/demo/sessions', {
      token: null,
      json: { mock_behavior: { recommendation: 'REVIEW' }, start_token_ttl_seconds: 5 },
    });
    assert.equal(reply.status, 200);
    const session = reply.body as CreateSessionResponse;
    assert.equal(session.expiration, new Date(START + 5000).toISOString());
    const empty = await call('POST', '/demo/sessions', { token: null });
    assert.equal(empty.status, 200);
    const typo = await call('POST', '/demo/sessions', { token: null, json: { ttl: 5 } });
    assert.equal(typo.status, 400);
  });
});

describe('result and delete', () => {
  const { call, createSession } = harness();

  async function completePassport(sid: string, token: string) {
    const path = imagesPath(sid);
    await call('POST', path, {
      token,
      json: addImageBody('document_front', { documentType: 'passport' }),
    });
    await call('POST', path, { token, json: addImageBody('selfie') });
  }

  it('reports incomplete, then the recommendation once complete (access token only)', async () => {
    const session = await createSession({ state: 'abc' });
    const path = `/api/v1/verification/${session.session_id}/result`;
    const incomplete = (await call('GET', path)).body as SessionResult;
    assert.equal(incomplete.status, 'incomplete');
    assert.equal(incomplete.recommendation, null);
    const asStart = await call('GET', path, { token: session.start_token });
    assert.equal(asStart.status, 401);
    await completePassport(session.session_id, session.start_token);
    const result = (await call('GET', path)).body as SessionResult;
    assert.equal(result.session_id, session.session_id);
    assert.equal(result.status, 'complete');
    assert.equal(result.recommendation, 'APPROVE');
    assert.equal(result.document?.['type'], 'passport');
    assert.equal(result.checks?.['face_match'], 'PASS');
  });

  it('takes the recommendation from mock_behavior', async () => {
    const session = await createSession({ mock_behavior: { recommendation: 'DENY' } });
    await completePassport(session.session_id, session.start_token);
    const result = (await call('GET', `/api/v1/verification/${session.session_id}/result`))
      .body as SessionResult;
    assert.equal(result.recommendation, 'DENY');
    assert.equal(result.checks?.['document_authenticity'], 'FAIL');
  });

  it('deletes everything: the session, its images and its start tokens', async () => {
    const session = await createSession();
    const sid = session.session_id;
    await completePassport(sid, session.start_token);
    const asStart = await call('DELETE', `/api/v1/verification/${sid}`, {
      token: session.start_token,
    });
    assert.equal(asStart.status, 401);
    const deleted = await call('DELETE', `/api/v1/verification/${sid}`);
    assert.equal(deleted.status, 200);
    assert.equal((await call('GET', `/api/v1/verification/${sid}/result`)).status, 404);
    assert.equal((await call('GET', imagesPath(sid))).status, 404);
    const oldToken = await call('POST', imagesPath(sid), {
      token: session.start_token,
      json: addImageBody('selfie'),
    });
    assert.equal(oldToken.status, 401);
    assert.equal(errorCode(oldToken), 'token_invalid');
    assert.equal((await call('DELETE', `/api/v1/verification/${sid}`)).status, 404);
  });
});

describe('HTTP plumbing', () => {
  const { call, createSession } = harness();

  it('answers CORS preflights permissively', async () => {
    const reply = await call('OPTIONS', '/api/v1/verification/x/images', { token: null });
    assert.equal(reply.status, 204);
    assert.equal(reply.headers.get('access-control-allow-origin'), '*');
    assert.match(reply.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    assert.match(reply.headers.get('access-control-allow-headers') ?? '', /Content-Type/);
  });

  it('answers unknown endpoints 404 and wrong methods 405', async () => {
    const session = await createSession();
    const unknown = await call('GET', `/api/v1/verification/${session.session_id}/selfies`);
    assert.equal(unknown.status, 404);
    const wrong = await call('PUT', imagesPath(session.session_id));
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'GET, POST');
  });

  it('passes every other path to next(), including the demo page files', () => {
    const backend = createMockBackend();
    for (const url of ['/demo/main.ts', '/demo/', '/api/v1/verificationx', '/index.html']) {
      let passed = false;
      backend.middleware(
        { url, method: 'GET', headers: {} } as IncomingMessage,
        {} as ServerResponse,
        () => {
          passed = true;
        },
      );
      assert.ok(passed, url);
    }
  });

  it('reports the SDK version package.json has', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    assert.equal(SDK_VERSION, pkg.version);
  });
});
