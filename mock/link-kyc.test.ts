// The LINK Mobility KYC mock (seed 000) over real HTTP: what a vendor client would see, field by
// field, plus the demo endpoints that script outcomes and show stored state.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  createLinkKycMiddleware,
  LINK_KYC_MOCK_BASE,
  type LinkKycMock,
  type LinkKycMockOptions,
} from './link-kyc.ts';
import { makeJpeg, makePng } from './test-images.ts';

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

interface Running {
  url: string;
  mock: LinkKycMock;
  close(): Promise<void>;
}

const START = Date.parse('2030-01-01T12:34:56Z');
let clock = START;
const SCOPES = [
  'kyc.idVeriication.auto',
  'kyc.facecomparison.auto',
  'kyc.idVerification.manual',
  'kyc.facecomparison.manual',
  'kyc.certification',
];

async function start(options: Partial<LinkKycMockOptions> = {}): Promise<Running> {
  const { middleware, mock } = createLinkKycMiddleware({ now: () => clock, ...options });
  const server: Server = createServer((req, res) =>
    middleware(req, res, () => {
      res.writeHead(418, { 'Content-Type': 'text/plain' });
      res.end('next');
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    mock,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

let server: Running;
let token: string;
before(async () => {
  server = await start();
});
after(async () => {
  await server.close();
});

async function send(
  method: string,
  path: string,
  init: RequestInit = {},
  target: Running = server,
): Promise<Reply> {
  const response = await fetch(`${target.url}${path}`, { method, ...init });
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json');
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: json && text !== '' ? (JSON.parse(text) as unknown) : text,
  };
}

const jsonInit = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  headers: { 'Content-Type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const vendor = (path: string) => `${LINK_KYC_MOCK_BASE}${path}`;

async function login(target: Running = server): Promise<string> {
  const reply = await send(
    'POST',
    vendor('/auth/token'),
    jsonInit({ user: 'mock-user', password: 'mock-password' }),
    target,
  );
  assert.equal(reply.status, 200, reply.text);
  return (reply.body as { token: string }).token;
}

function verify(body: unknown, bearer: string | null = token, target: Running = server) {
  const headers: Record<string, string> = {};
  if (bearer !== null) headers['Authorization'] = `Bearer ${bearer}`;
  return send('POST', vendor('/identity/verify'), jsonInit(body, headers), target);
}

const JPEG = makeJpeg(640, 400);
const JPEG_B64 = JPEG.toString('base64');
const PNG = makePng(320, 200);
const PNG_B64 = PNG.toString('base64');
const FACE = makePng(96, 128);
const FACE_B64 = FACE.toString('base64');

let counter = 0;
const newId = () => `00627e53-800b-4e6d-86ff-${String(++counter).padStart(12, '0')}`;
const request = (overrides: Record<string, unknown> = {}) => ({
  id: newId(),
  images: [{ content: JPEG_B64 }],
  expeditorCountry: 'ES',
  certify: false,
  certifyCallback: '',
  ...overrides,
});

/** Asserts an empty JSON body, as the seed shows for 401/404/503. */
function assertEmptyJson(reply: Reply, status: number): void {
  assert.equal(reply.status, status, reply.text);
  assert.equal(reply.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(reply.text, '');
}

function assertValidation(reply: Reply, id: string | undefined, message: string | RegExp): void {
  assert.equal(reply.status, 400, reply.text);
  const body = reply.body as Record<string, unknown>;
  assert.deepEqual(
    Object.keys(body).sort(),
    id === undefined ? ['code', 'message'] : ['code', 'id', 'message'],
  );
  assert.equal(body['id'], id);
  assert.equal(body['code'], '003');
  if (typeof message === 'string') assert.equal(body['message'], message);
  else assert.match(String(body['message']), message);
}

const field = (type: string, code: string, value: string) => ({
  type,
  code,
  value,
  description: code,
});

async function queue(outcomes: unknown[]): Promise<Reply> {
  return send('POST', '/demo/link-kyc/outcomes', jsonInit({ outcomes }));
}

beforeEach(async () => {
  clock = START;
  token = await login();
  assert.equal((await send('DELETE', '/demo/link-kyc/outcomes')).status, 200);
});

describe('LINK KYC mock: auth token', () => {
  it('issues bearer tokens with the seed scopes; several stay valid', async () => {
    const reply = await send(
      'POST',
      vendor('/auth/token'),
      jsonInit({ user: 'mock-user', password: 'mock-password' }),
    );
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('content-type'), 'application/json; charset=utf-8');
    const body = reply.body as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['expiresIn', 'scopes', 'token', 'token_type']);
    assert.deepEqual(body['scopes'], SCOPES);
    assert.equal(body['expiresIn'], 3600);
    assert.equal(body['token_type'], 'bearer');
    assert.match(String(body['token']), /^[A-Za-z0-9_-]{40,}$/);
    assert.notEqual(body['token'], token);
    // Both the older and the newer token work.
    for (const bearer of [token, String(body['token'])]) {
      assert.equal((await verify(request(), bearer)).status, 200);
    }
  });

  it('answers the seed 500 body for wrong credentials', async () => {
    for (const credentials of [
      { user: 'mock-user', password: 'wrong' },
      { user: 'someone', password: 'mock-password' },
    ]) {
      const reply = await send('POST', vendor('/auth/token'), jsonInit(credentials));
      assert.equal(reply.status, 500);
      assert.deepEqual(reply.body, {
        code: '003',
        message: 'Validation Error: Invalid credentials',
      });
    }
  });

  it('answers 400 code 003 for malformed bodies and missing fields', async () => {
    const cases: [RequestInit, RegExp][] = [
      [jsonInit('{"user": '), /^Validation Error: The body is not valid JSON$/],
      [jsonInit({ user: 'mock-user' }), /^Validation Error: password is required/],
      [jsonInit({ password: 'mock-password' }), /^Validation Error: user is required/],
      [jsonInit({ user: '', password: 'x' }), /^Validation Error: user is required/],
      [jsonInit([1]), /^Validation Error: The body must be a JSON object$/],
      [
        jsonInit({ user: 'mock-user', password: 'mock-password', scope: 'x' }),
        /^Validation Error: Unknown field scope$/,
      ],
      [
        { headers: { 'Content-Type': 'text/plain' }, body: 'user=mock-user' },
        /^Validation Error: The body must be sent as Content-Type: application\/json$/,
      ],
    ];
    for (const [init, message] of cases) {
      assertValidation(await send('POST', vendor('/auth/token'), init), undefined, message);
    }
  });

  it('expires tokens tokenTtlSeconds after issue, by the injected clock', async () => {
    const short = await start({ now: () => clock, tokenTtlSeconds: 60 });
    try {
      const reply = await send(
        'POST',
        vendor('/auth/token'),
        jsonInit({ user: 'mock-user', password: 'mock-password' }),
        short,
      );
      assert.equal((reply.body as { expiresIn: number }).expiresIn, 60);
      const shortToken = (reply.body as { token: string }).token;
      clock = START + 59_999;
      assert.equal((await verify(request(), shortToken, short)).status, 200);
      clock = START + 60_000;
      assertEmptyJson(await verify(request(), shortToken, short), 401);
      // A new login still works at the later time.
      const fresh = await login(short);
      assert.equal((await verify(request(), fresh, short)).status, 200);
    } finally {
      await short.close();
    }
    // The default server's tokens last 3600 s.
    clock = START + 3_599_000;
    assert.equal((await verify(request())).status, 200);
    clock = START + 3_600_000;
    assertEmptyJson(await verify(request()), 401);
  });
});

describe('LINK KYC mock: ping and routing', () => {
  it('answers ping without auth, dated by the clock', async () => {
    const reply = await send('POST', vendor('/ping'), {
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, {
      service: 'KYC API',
      status: 'ok',
      date: '2030-01-01 12:34:56 +00:00',
    });
  });

  it('answers 405 for wrong methods, 404 for unknown paths, preflights, and passes others on', async () => {
    const wrong = await send('GET', vendor('/ping'));
    assertEmptyJson(wrong, 405);
    assert.equal(wrong.headers.get('allow'), 'POST, OPTIONS');
    const wrongCert = await send('POST', vendor('/certificate/abc'), {
      headers: { Authorization: `Bearer ${token}` },
    });
    assertEmptyJson(wrongCert, 405);
    assert.equal(wrongCert.headers.get('allow'), 'GET, OPTIONS');
    assertEmptyJson(await send('POST', vendor('/identity/verify/')), 404);
    assertEmptyJson(await send('POST', vendor('/nope')), 404);
    assertEmptyJson(await send('GET', vendor('/certificate/')), 404);
    const preflight = await send('OPTIONS', vendor('/identity/verify'));
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    const other = await send('GET', '/api/v1/anything');
    assert.equal(other.status, 418);
    assert.equal(other.text, 'next');
    assert.equal(server.mock.handles('/link-kyc/ping'), true);
    assert.equal(server.mock.handles('/demo/link-kyc/outcomes'), true);
    assert.equal(server.mock.handles('/link-kycx'), false);
  });
});

describe('LINK KYC mock: identity verify', () => {
  it('verifies one image automatically, field by field', async () => {
    const body = request();
    const reply = await verify(body);
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.deepEqual(reply.body, {
      id: body.id,
      idVerification: {
        status: 'Completed',
        process: 'Automatic',
        result: 'Ok',
        warning: '',
        fields: [
          field('Normal', 'TYPE', 'PASSPORT'),
          field('Normal', 'SIDE', '1'),
          field('Normal', 'QUALITY_IMAGE_BLURRING', 'IQ_GOOD 11%'),
          field('Normal', 'ICAR_RESULT_DOCUMENT_ID', 'PAESPC1'),
          field('Validation', 'TEST_GLOBAL_AUTHENTICITY_VALUE', 'OK'),
        ],
      },
    });
    const stored = server.mock.verifications.get(body.id);
    assert.equal(stored?.attempts.length, 1);
    const attempt = stored.attempts[0];
    assert.equal(attempt?.images.length, 1);
    assert.equal(attempt?.images[0]?.content.mimeType, 'image/jpeg');
    assert.equal(attempt?.images[0]?.content.width, 640);
    assert.equal(attempt?.images[0]?.content.height, 400);
    assert.ok(attempt?.images[0]?.content.bytes.equals(JPEG));
    assert.equal(attempt?.images[0]?.faceImage, undefined);
    assert.equal(attempt?.expeditorCountry, 'ES');
    assert.equal(attempt?.receivedAt, START);
  });

  it('verifies two sides with a face image and certification', async () => {
    const body = request({
      images: [{ content: JPEG_B64, faceImage: FACE_B64 }, { content: PNG_B64 }],
      expeditorCountry: 'DE',
      certify: true,
      certifyCallback: 'https://webhook.site/8696d970-fa21-4561-bdbb-4d4f716d923a',
    });
    const reply = await verify(body);
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(reply.body, {
      id: body.id,
      idVerification: {
        status: 'Completed',
        process: 'Automatic',
        result: 'Ok',
        warning: '',
        fields: [
          field('Normal', 'TYPE', 'IDENTITY'),
          field('Normal', 'SIDE', '2'),
          field('Normal', 'QUALITY_IMAGE_BLURRING', 'IQ_GOOD 11%'),
          field('Normal', 'ICAR_RESULT_DOCUMENT_ID', 'IDDEUC1'),
          field('Validation', 'TEST_GLOBAL_AUTHENTICITY_VALUE', 'OK'),
          field('Validation', 'TEST_SIDE_CORRESPONDENCE', 'OK'),
          field('Validation', 'TEST_FACE_COMPARISON', 'OK'),
        ],
      },
      certification: { status: 'Processing' },
    });
    const attempt = server.mock.verifications.get(body.id)?.attempts[0];
    assert.equal(attempt?.images[0]?.faceImage?.mimeType, 'image/png');
    assert.equal(attempt?.images[0]?.faceImage?.width, 96);
    assert.equal(attempt?.images[1]?.content.mimeType, 'image/png');
    assert.equal(attempt?.certifyCallback, body.certifyCallback);
  });

  it('rejects a face image on the second side', async () => {
    const body = request({
      images: [{ content: JPEG_B64 }, { content: PNG_B64, faceImage: FACE_B64 }],
    });
    assertValidation(
      await verify(body),
      body.id,
      'Validation Error: images[1].faceImage is only allowed on the first image',
    );
    assert.equal(server.mock.verifications.has(body.id), false);
  });

  it('answers the seed message for invalid base64, data: prefixes and whitespace', async () => {
    const broken = [
      `${JPEG_B64.slice(0, 40)}!${JPEG_B64.slice(41)}`,
      `data:image/jpeg;base64,${JPEG_B64}`,
      `${JPEG_B64.slice(0, 40)}\n${JPEG_B64.slice(40)}`,
      JPEG_B64.slice(0, -1),
    ];
    for (const content of broken) {
      const body = request({ images: [{ content }] });
      const reply = await verify(body);
      assert.equal(reply.status, 400);
      assert.deepEqual(reply.body, {
        id: body.id,
        code: '003',
        message: 'Validation Error: There are images with invalid base64 format',
      });
    }
    const face = request({ images: [{ content: JPEG_B64, faceImage: 'not base64!' }] });
    assertValidation(
      await verify(face),
      face.id,
      'Validation Error: There are images with invalid base64 format',
    );
  });

  it('rejects base64 that is not a complete JPEG or PNG, and oversized images', async () => {
    const text = request({ images: [{ content: Buffer.from('hello, world').toString('base64') }] });
    assertValidation(
      await verify(text),
      text.id,
      /^Validation Error: images\[0\]\.content is not a complete JPEG or PNG image \(/,
    );
    const truncated = request({
      images: [
        { content: JPEG_B64 },
        { content: PNG.subarray(0, PNG.length - 12).toString('base64') },
      ],
    });
    assertValidation(
      await verify(truncated),
      truncated.id,
      'Validation Error: images[1].content is not a complete JPEG or PNG image (The PNG is cut off (no IEND chunk).)',
    );
    const small = await start({ now: () => clock, maxImageBytes: 1000 });
    try {
      const smallToken = await login(small);
      const big = request({
        images: [{ content: makePng(400, 400, [1, 2, 3]).toString('base64') }],
      });
      assert.ok(makePng(400, 400, [1, 2, 3]).length > 1000);
      assertValidation(
        await verify(big, smallToken, small),
        big.id,
        'Validation Error: images[0].content is over 1000 bytes',
      );
    } finally {
      await small.close();
    }
  });

  it('rejects unknown keys, a missing or lower-case expeditorCountry and bad field types', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ expeditorcountry: 'ES' }, 'Validation Error: Unknown field expeditorcountry'],
      [
        { images: [{ content: JPEG_B64, face: FACE_B64 }] },
        'Validation Error: Unknown field images[0].face',
      ],
      [
        { expeditorCountry: undefined },
        'Validation Error: expeditorCountry is required: a two-letter upper-case country code such as ES',
      ],
      [
        { expeditorCountry: 'es' },
        'Validation Error: expeditorCountry is required: a two-letter upper-case country code such as ES',
      ],
      [{ images: [] }, 'Validation Error: images is required: an array of 1 or 2 images'],
      [
        { images: [{ content: JPEG_B64 }, { content: JPEG_B64 }, { content: JPEG_B64 }] },
        'Validation Error: images is required: an array of 1 or 2 images',
      ],
      [{ images: [JPEG_B64] }, 'Validation Error: images[0] must be an object'],
      [{ images: [{}] }, 'Validation Error: images[0].content is required: a base64 string'],
      [{ certify: 'true' }, 'Validation Error: certify must be a boolean'],
      [{ manualVerification: 1 }, 'Validation Error: manualVerification must be a boolean'],
      [
        { certifyCallback: 'not a url' },
        'Validation Error: certifyCallback must be an http(s) URL, empty or null',
      ],
    ];
    for (const [overrides, message] of cases) {
      const body = request(overrides);
      assertValidation(await verify(body), body.id, message);
      assert.equal(server.mock.verifications.has(body.id), false);
    }
    // A bad id: the reply echoes it only when it is a non-empty string.
    for (const id of [undefined, '', 42, ' '.repeat(3), 'x'.repeat(257)]) {
      assertValidation(
        await verify(request({ id })),
        typeof id === 'string' && id !== '' ? id : undefined,
        'Validation Error: id is required: a string of 1 to 256 characters',
      );
    }
    // null callbacks are allowed (the seed: "null or empty" means the default URL).
    assert.equal(
      (await verify(request({ certifyCallback: null, manualVerificationCallback: null }))).status,
      200,
    );
  });

  it('answers 401 with an empty JSON body without a token or with a bad one', async () => {
    const headers: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer not-a-token' },
      { Authorization: token },
      { Authorization: `Basic ${token}` },
    ];
    for (const init of headers) {
      const reply = await send('POST', vendor('/identity/verify'), jsonInit(request(), init));
      assertEmptyJson(reply, 401);
    }
    assertEmptyJson(await send('GET', vendor('/certificate/anything')), 401);
  });

  it('forces manual verification on request', async () => {
    const body = request({
      images: [{ content: JPEG_B64, faceImage: FACE_B64 }, { content: JPEG_B64 }],
      certify: true,
      manualVerification: true,
      manualVerificationCallback: 'https://webhook.site/8696d970',
    });
    const reply = await verify(body);
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(reply.body, {
      id: body.id,
      idVerification: { status: 'Processing', process: 'Manual' },
      certification: { status: 'Processing' },
    });
    const attempt = server.mock.verifications.get(body.id)?.attempts[0];
    assert.equal(attempt?.process, 'Manual');
    assert.equal(attempt?.result, undefined);
  });
});

describe('LINK KYC mock: scripted outcomes', () => {
  it('plays queued outcomes one per valid request, then falls back to Ok', async () => {
    const queued = await queue([
      { result: 'NotProcessed' },
      { process: 'Manual' },
      { status: 503 },
      { status: 500 },
      { status: 400 },
      { result: 'NotCorrect' },
      { result: 'Warning', warning: 'Check the expiry date' },
    ]);
    assert.equal(queued.status, 200);
    assert.deepEqual(queued.body, { queued: 7 });

    // An invalid request does not consume an outcome.
    const invalid = request({ expeditorCountry: 'ESP' });
    assert.equal((await verify(invalid)).status, 400);

    const notProcessed = request();
    assert.deepEqual((await verify(notProcessed)).body, {
      id: notProcessed.id,
      idVerification: {
        status: 'Completed',
        process: 'Automatic',
        result: 'NotProcessed',
        warning: 'The document could not be recognized; please retake the images',
        fields: [],
      },
    });

    const manual = request();
    assert.deepEqual((await verify(manual)).body, {
      id: manual.id,
      idVerification: { status: 'Processing', process: 'Manual' },
    });

    const unavailable = request();
    const busy = await verify(unavailable);
    assertEmptyJson(busy, 503);
    assert.equal(busy.headers.get('retry-after'), '1');
    assert.equal(server.mock.verifications.has(unavailable.id), false);

    const failing = request();
    const failed = await verify(failing);
    assert.equal(failed.status, 500);
    assert.deepEqual(failed.body, {
      id: failing.id,
      code: '001',
      message: 'Unknown Error: Error processing request',
    });

    const rejected = request();
    assertValidation(await verify(rejected), rejected.id, 'Validation Error: Invalid request');

    const notCorrect = request({ images: [{ content: JPEG_B64, faceImage: FACE_B64 }] });
    const incorrect = (await verify(notCorrect)).body as {
      idVerification: { result: string; warning: string; fields: unknown[] };
    };
    assert.equal(incorrect.idVerification.result, 'NotCorrect');
    assert.match(incorrect.idVerification.warning, /TEST_GLOBAL_AUTHENTICITY_VALUE is FAIL/);
    assert.deepEqual(incorrect.idVerification.fields.slice(-2), [
      field('Validation', 'TEST_GLOBAL_AUTHENTICITY_VALUE', 'FAIL'),
      field('Validation', 'TEST_FACE_COMPARISON', 'FAIL'),
    ]);

    const warning = request({ images: [{ content: JPEG_B64 }, { content: PNG_B64 }] });
    const warned = (await verify(warning)).body as {
      idVerification: { result: string; warning: string; fields: unknown[] };
    };
    assert.equal(warned.idVerification.result, 'Warning');
    assert.equal(warned.idVerification.warning, 'Check the expiry date');
    assert.deepEqual(warned.idVerification.fields.slice(-2), [
      field('Validation', 'TEST_GLOBAL_AUTHENTICITY_VALUE', 'OK'),
      field('Validation', 'TEST_SIDE_CORRESPONDENCE', 'FAIL'),
    ]);

    const fallback = (await verify(request())).body as { idVerification: { result: string } };
    assert.equal(fallback.idVerification.result, 'Ok');
  });

  it('clears the queue on DELETE and validates queued outcomes', async () => {
    await queue([{ result: 'NotCorrect' }]);
    assert.deepEqual((await send('DELETE', '/demo/link-kyc/outcomes')).body, { queued: 0 });
    const reply = (await verify(request())).body as { idVerification: { result: string } };
    assert.equal(reply.idVerification.result, 'Ok');
    for (const outcomes of [
      [{ result: 'OK' }],
      [{ status: 404 }],
      [{ process: 'manual' }],
      [{ foo: 1 }],
      [1],
    ]) {
      const bad = await queue(outcomes);
      assert.equal(bad.status, 400, bad.text);
      assert.equal((bad.body as { error: { code: string } }).error.code, 'invalid_field');
    }
    const wrongMethod = await send('GET', '/demo/link-kyc/outcomes');
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get('allow'), 'POST, DELETE, OPTIONS');
  });

  it('keeps every attempt of a repeated id, newest last', async () => {
    await queue([{ result: 'NotProcessed' }]);
    const id = newId();
    assert.equal((await verify(request({ id }))).status, 200);
    clock = START + 30_000;
    const retake = await verify(
      request({ id, images: [{ content: JPEG_B64, faceImage: FACE_B64 }, { content: PNG_B64 }] }),
    );
    assert.equal(
      (retake.body as { idVerification: { result: string } }).idVerification.result,
      'Ok',
    );
    const attempts = server.mock.verifications.get(id)?.attempts ?? [];
    assert.deepEqual(
      attempts.map((attempt) => [attempt.result, attempt.images.length, attempt.receivedAt]),
      [
        ['NotProcessed', 1, START],
        ['Ok', 2, START + 30_000],
      ],
    );
  });
});

describe('LINK KYC mock: operation errors and rejected manual verifications', () => {
  it('answers idVerification.status Error when an outcome asks for it, then carries on', async () => {
    assert.equal((await queue([{ idVerificationStatus: 'Error' }])).status, 200);
    const id = newId();
    const reply = await verify(request({ id }));
    assert.equal(reply.status, 200, reply.text);
    // The seed's third "Service Operation Status", with no result (it shows no example).
    assert.deepEqual(reply.body, {
      id,
      idVerification: { status: 'Error', process: 'Automatic' },
    });
    const again = await verify(request({ id }));
    assert.equal(
      (again.body as { idVerification: { status: string } }).idVerification.status,
      'Completed',
    );
    const attempts = server.mock.verifications.get(id)?.attempts ?? [];
    assert.deepEqual(
      attempts.map((attempt) => [attempt.status, attempt.result]),
      [
        ['Error', undefined],
        ['Completed', 'Ok'],
      ],
    );
  });

  it('records the REJECTED callback of a manual verification, in the seed example shape', async () => {
    const rejected = { document: ['GLARE'], face: ['GLARE', 'SELFIE_NOT_LIVE'] };
    assert.equal((await queue([{ process: 'Manual', rejected }])).status, 200);
    const id = newId();
    const reply = await verify(request({ id }));
    assert.deepEqual(reply.body, {
      id,
      idVerification: { status: 'Processing', process: 'Manual' },
    });
    const shown = await send('GET', `/demo/link-kyc/callbacks/${id}`);
    assert.equal(shown.status, 200, shown.text);
    assert.deepEqual(shown.body, {
      id,
      callbacks: [
        {
          id,
          service: 'ManualIDVerification',
          status: 'Completed',
          data: {
            documentInfo: { acceptance: { result: ' REJECTED', reasons: ['GLARE'] } },
            faceComparisonInfo: {
              acceptance: { result: ' REJECTED', reasons: ['GLARE', 'SELFIE_NOT_LIVE'] },
            },
          },
        },
      ],
    });
    const faceOnly = newId();
    await queue([{ process: 'Manual', rejected: { face: ['MISSING_SELFIE'] } }]);
    await verify(request({ id: faceOnly }));
    const faceShown = (await send('GET', `/demo/link-kyc/callbacks/${faceOnly}`)).body as {
      callbacks: { data: { documentInfo: unknown } }[];
    };
    assert.deepEqual(faceShown.callbacks[0]?.data.documentInfo, {
      acceptance: { result: ' ACCEPTED' },
    });
    assert.deepEqual((await send('GET', `/demo/link-kyc/callbacks/${newId()}`)).body, {
      id: `00627e53-800b-4e6d-86ff-${String(counter).padStart(12, '0')}`,
      callbacks: [],
    });
  });

  it('refuses outcomes the seed does not allow', async () => {
    for (const outcome of [
      { idVerificationStatus: 'Failed' },
      { rejected: { document: ['GLARE'] } }, // not a manual verification
      { process: 'Manual', rejected: { document: ['SELFIE_NOT_LIVE'] } }, // a face reason
      { process: 'Manual', rejected: { face: ['UNREADABLE_FIELD'] } }, // a document reason
      { process: 'Manual', rejected: {} },
      { process: 'Manual', rejected: { document: ['GLARE'], other: [] } },
    ]) {
      const bad = await queue([outcome]);
      assert.equal(bad.status, 400, JSON.stringify(outcome));
    }
  });
});

describe('LINK KYC mock: certificate', () => {
  it('serves a PDF for a certified id and 404 otherwise', async () => {
    const certified = request({ certify: true });
    assert.equal((await verify(certified)).status, 200);
    const plain = request();
    assert.equal((await verify(plain)).status, 200);
    const auth = { headers: { Authorization: `Bearer ${token}` } };

    const reply = await send(
      'GET',
      vendor(`/certificate/${encodeURIComponent(certified.id)}`),
      auth,
    );
    assert.equal(reply.status, 200, reply.text);
    const body = reply.body as { id: string; content: string };
    assert.deepEqual(Object.keys(body).sort(), ['content', 'id']);
    assert.equal(body.id, certified.id);
    assert.match(body.content, /^JVBERi0xLjQK[A-Za-z0-9+/]+={0,2}$/);
    const pdf = Buffer.from(body.content, 'base64').toString('latin1');
    assert.ok(pdf.startsWith('%PDF-1.4\n'));
    assert.ok(pdf.endsWith('%%EOF\n'));
    assert.ok(pdf.includes(`Request id: ${certified.id}`));
    // The xref offset points at the xref table.
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)?.[1]);
    assert.equal(pdf.slice(startxref, startxref + 4), 'xref');

    assertEmptyJson(await send('GET', vendor(`/certificate/${plain.id}`), auth), 404);
    assertEmptyJson(await send('GET', vendor('/certificate/unknown-id'), auth), 404);
  });
});

describe('LINK KYC mock: demo state', () => {
  it('shows stored attempts as metadata, never bytes', async () => {
    const body = request({
      images: [{ content: JPEG_B64, faceImage: FACE_B64 }, { content: PNG_B64 }],
      certify: true,
      certifyCallback: 'https://example.test/cert',
    });
    assert.equal((await verify(body)).status, 200);
    const reply = await send('GET', `/demo/link-kyc/verifications/${encodeURIComponent(body.id)}`);
    assert.equal(reply.status, 200, reply.text);
    for (const b64 of [JPEG_B64, PNG_B64, FACE_B64]) {
      assert.equal(reply.text.includes(b64.slice(0, 40)), false);
    }
    const state = reply.body as {
      id: string;
      attempts: Record<string, unknown>[];
    };
    assert.equal(state.id, body.id);
    assert.equal(state.attempts.length, 1);
    const attempt = state.attempts[0] ?? {};
    assert.deepEqual(attempt['images'], [
      {
        content: { mimeType: 'image/jpeg', width: 640, height: 400, byteLength: JPEG.length },
        faceImagePresent: true,
        faceImage: { mimeType: 'image/png', width: 96, height: 128, byteLength: FACE.length },
      },
      {
        content: { mimeType: 'image/png', width: 320, height: 200, byteLength: PNG.length },
        faceImagePresent: false,
        faceImage: null,
      },
    ]);
    assert.equal(attempt['receivedAt'], '2030-01-01T12:34:56.000Z');
    assert.equal(attempt['certify'], true);
    assert.equal(attempt['certifyCallback'], 'https://example.test/cert');
    assert.equal(attempt['manualVerification'], false);
    assert.equal(attempt['process'], 'Automatic');
    assert.equal(attempt['result'], 'Ok');
    assert.equal(attempt['warning'], '');

    const unknown = await send('GET', '/demo/link-kyc/verifications/nobody');
    assert.equal(unknown.status, 404);
    assert.equal(
      (unknown.body as { error: { code: string } }).error.code,
      'verification_not_found',
    );
  });
});
