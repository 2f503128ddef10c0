// The session-v1 mock against seed 004's own samples (test/fixtures/seeds/session-v1/, transcribed
// from the seed): it takes the sample requests and answers in the sample responses' shape, with the
// statuses and tokens the seed gives each endpoint.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createMockBackend, type MockBackend, type RunningMockServer } from './index.ts';
import { makeJpeg } from './test-images.ts';

const ACCESS = 'golden-access-token';
const seed = (name: string) =>
  JSON.parse(
    readFileSync(
      new URL(`../test/fixtures/seeds/session-v1/${name}.json`, import.meta.url),
      'utf8',
    ),
  ) as Record<string, unknown>;
const CREATE = seed('create-session');
const ADD = seed('add-image');
const IMAGES = seed('session-images');
const RESULT = seed('result');

/** A JSON value's kind, as the seed's samples show it (collapsed objects and lists included). */
function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** The sample's keys with the kind of each value: what a reply must match field by field. */
function shape(value: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, kind(v)]));
}

let backend: MockBackend;
let server: RunningMockServer;
before(async () => {
  backend = createMockBackend({ accessToken: ACCESS });
  server = await backend.listen(0);
});
after(() => server.close());

async function call(method: string, path: string, token: string | null, json?: unknown) {
  const headers: Record<string, string> = {};
  if (token !== null) headers['Authorization'] = `Bearer ${token}`;
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.startsWith('application/json');
  return { status: response.status, body: isJson ? (JSON.parse(text) as unknown) : text };
}

async function created(body: unknown = CREATE['request']) {
  const reply = await call('POST', '/api/v1/verification', ACCESS, body);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body as { session_id: string; start_token: string };
}

const image = (type: string, width = 640, height = 480) => ({
  type,
  data: makeJpeg(width, height).toString('base64'),
});

describe('session-v1 mock: the seed’s samples', () => {
  it('takes the create request sample and answers the response sample’s fields', async () => {
    const reply = await call('POST', '/api/v1/verification', ACCESS, CREATE['request']);
    assert.equal(reply.status, 200);
    assert.deepEqual(shape(reply.body), shape(CREATE['response']));
    const session = backend.sessions.get((reply.body as { session_id: string }).session_id);
    assert.equal(session?.callbackUrl, 'string');
    assert.equal(session?.state, 'string');
  });

  it('takes the add-image request sample’s shape, device_info optional, and answers the sample’s', async () => {
    const { session_id: sid, start_token: token } = await created();
    const path = `/api/v1/verification/${sid}/images`;
    assert.deepEqual(Object.keys(ADD['request'] as object), ['image', 'device_info']);
    const withDevice = await call('POST', path, token, {
      image: image('document_front'),
      device_info: {},
    });
    assert.equal(withDevice.status, 200, JSON.stringify(withDevice.body));
    assert.deepEqual(shape(withDevice.body), shape(ADD['response']));
    assert.deepEqual(withDevice.body, {
      ...(ADD['response'] as object),
      missing_images: ['document_back', 'selfie'],
    });
    const without = await call('POST', path, token, { image: image('document_back') });
    assert.equal(without.status, 200, JSON.stringify(without.body));
    assert.equal((without.body as { complete: unknown }).complete, 'false');
    const last = await call('POST', path, token, { image: image('selfie', 480, 640) });
    assert.deepEqual(last.body, { feedback: 'ok', complete: 'true', missing_images: [] });
    // "409 All required images were successfully submitted".
    const more = await call('POST', path, token, { image: image('selfie', 480, 640) });
    assert.equal(more.status, 409);
  });

  it('answers add-image only with the statuses the seed lists for it', async () => {
    const statuses = ADD['statuses'] as number[];
    const { session_id: sid, start_token: token } = await created();
    const path = `/api/v1/verification/${sid}/images`;
    const seen = [
      (await call('POST', path, null, { image: image('selfie') })).status,
      (await call('POST', path, token, { device_info: {} })).status,
      (await call('POST', path, token, { image: 'selfie.jpg' })).status,
      (await call('POST', '/api/v1/verification/nope/images', ACCESS, { image: image('selfie') }))
        .status,
    ];
    assert.deepEqual(seen, [401, 400, 400, 404]);
    for (const status of seen) assert.ok(statuses.includes(status), String(status));
  });

  it('lists and serves images to the access token only; a start token gets the seed’s 401', async () => {
    const { session_id: sid, start_token: token } = await created();
    const path = `/api/v1/verification/${sid}/images`;
    assert.equal((await call('POST', path, token, { image: image('selfie') })).status, 200);
    const list = await call('GET', path, ACCESS);
    assert.equal(list.status, 200);
    assert.deepEqual(shape(list.body), shape(IMAGES['listResponse']));
    const id = (list.body as { session_images: { id: string }[] }).session_images[0]?.id;
    assert.equal((await call('GET', `${path}/${id}`, ACCESS)).status, 200);
    const refused = [
      (await call('GET', path, token)).status,
      (await call('GET', `${path}/${id}`, token)).status,
    ];
    assert.deepEqual(refused, [401, 401]);
    assert.ok((IMAGES['listStatuses'] as number[]).includes(refused[0]!));
    assert.ok((IMAGES['imageStatuses'] as number[]).includes(refused[1]!));
    assert.equal((await call('GET', `${path}/img_none`, ACCESS)).status, 404);
  });

  it('answers the result sample’s fields, with its status and recommendation values', async () => {
    const { session_id: sid, start_token: token } = await created({
      mock_behavior: { recommendation: 'DENY' },
    });
    const path = `/api/v1/verification/${sid}/images`;
    await call('POST', path, token, {
      image: { ...image('document_front'), document_type: 'passport' },
    });
    await call('POST', path, token, { image: image('selfie', 480, 640) });
    const result = await call('GET', `/api/v1/verification/${sid}/result`, ACCESS);
    assert.equal(result.status, 200);
    assert.deepEqual(shape(result.body), shape(RESULT['response']));
    const { status, recommendation } = result.body as Record<string, unknown>;
    const sample = RESULT['response'] as Record<string, unknown>;
    assert.deepEqual([status, recommendation], [sample['status'], sample['recommendation']]);
    const statuses = RESULT['statuses'] as number[];
    const asStart = await call('GET', `/api/v1/verification/${sid}/result`, token);
    const unknown = await call('GET', '/api/v1/verification/nope/result', ACCESS);
    for (const reply of [asStart, unknown]) assert.ok(statuses.includes(reply.status));
  });
});
