// Bad server replies, for every protocol: the real mock server answers the protocol's key call with
// an HTML page, truncated JSON, wrong types, 429 with Retry-After, 503, a reset connection or no
// answer at all (armed through its fault injector). Each case asserts the exact outcome (the
// typed error with its status and server code, or the exact answer once retried through) and how
// many requests the mock saw for it; then the same capture is sent again and goes through, in one
// request. idv-sdk's own outcomes follow: `verified: false`, and the backend's refusals.
import { expect } from '@open-wc/testing';
import { KycClient } from '../api/client.js';
import { HttpError, ResponseFormatError, TimeoutError, TokenExpiredError } from '../api/errors.js';
import type { Capture } from '../capture/types.js';
import { rejection } from '../../test/helpers/async.js';
import { createDemoSession } from '../../test/helpers/backend.js';
import { armFault, clearFaults, faultState } from '../../test/helpers/faults.js';
import { testCapture } from '../../test/helpers/captures.js';
import { createIdvSdkAdapter, idvSdkHeaders } from './idv-sdk.js';
import { createLinkKycAdapter } from './link-kyc.js';
import { createSessionV1Adapter } from './session-v1.js';
import { createValidationV2Adapter } from './validation-v2.js';

/** Few, short retries: the behaviour is the same, the test is faster. */
const RETRY = { retries: 1, backoffMs: 20, maxDelayMs: 200 } as const;
/** The per-attempt limit of the cases whose server never answers: short, but above a real answer. */
const HANG_TIMEOUT_MS = 1000;

async function postJson(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.ok, `${path}: ${response.status}`).to.equal(true);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * One protocol's call under test: `run` sends (or finishes), `path` is where the fault goes, `ok`
 * is exactly what `run` resolves to when the server answers properly.
 */
interface Scenario {
  readonly path: string;
  readonly run: () => Promise<unknown>;
  readonly ok: unknown;
}

/** The client settings of one case (a shorter per-attempt limit where the server hangs). */
type ClientSettings = typeof RETRY & { timeoutMs?: number };

/** Fresh session and adapter per case, so a fault never leaks into the next one. */
const PROTOCOLS: Record<string, (settings: ClientSettings) => Promise<Scenario>> = {
  async 'session-v1'(settings) {
    const session = await createDemoSession();
    const client = new KycClient({ token: session.start_token, ...settings });
    const adapter = createSessionV1Adapter({ client, sessionId: session.session_id });
    const front = await testCapture('document_front', 'passport');
    return {
      path: `/api/v1/verification/${session.session_id}/images`,
      run: () => adapter.send(front, { documentType: 'passport' }),
      // A passport needs no back: the selfie is what is left.
      ok: { accepted: true, feedback: 'ok', complete: false, missing: ['selfie'] },
    };
  },
  async 'idv-sdk'(settings) {
    const session = await postJson('/demo/idv/sessions', {});
    const client = new KycClient({
      token: session['access_token'] as string,
      headers: idvSdkHeaders(session['client_id'] as string),
      ...settings,
    });
    const adapter = createIdvSdkAdapter({
      client,
      sessionId: session['session_id'] as string,
      clientId: session['client_id'] as string,
      location: () => Promise.resolve({ latitude: 40.4168, longitude: -3.7038 }),
    });
    await adapter.start();
    await adapter.send(await testCapture('document_front', 'passport'));
    await adapter.send(await testCapture('selfie'));
    // The finalization is the call whose reply the adapter reads.
    return {
      path: '/idv-sdk/finalize',
      run: () => adapter.finish(),
      ok: { verified: true, on_sanction_list: false, liveness_provider_e: 'azure' },
    };
  },
  async 'link-kyc'(settings) {
    const login = await postJson('/link-kyc/auth/token', {
      user: 'mock-user',
      password: 'mock-password',
    });
    const client = new KycClient({
      baseUrl: '/link-kyc',
      token: login['token'] as string,
      ...settings,
    });
    const adapter = createLinkKycAdapter({
      client,
      requestId: crypto.randomUUID(),
      expeditorCountry: 'ES',
    });
    const front: Capture = await testCapture('document_front', 'passport');
    return {
      path: '/link-kyc/identity/verify',
      run: () => adapter.send(front, { remaining: [] }),
      ok: { accepted: true, feedback: 'ok', complete: true },
    };
  },
  async 'validation-v2'(settings) {
    const applicant = await postJson('/demo/validation/applicants', { attempts: 5 });
    const client = new KycClient({
      baseUrl: '/validation-v2',
      token: 'mock-validation-api-key',
      ...settings,
    });
    const adapter = createValidationV2Adapter({
      client,
      applicantId: applicant['applicantId'] as string,
    });
    const selfie = await testCapture('selfie');
    return {
      path: '/validation-v2/api/v2/public/Validation',
      run: () => adapter.send(selfie, { remaining: [] }),
      ok: { accepted: true, feedback: 'ok', complete: true },
    };
  },
};

/** The typed error a fault ends in when it outlasts the retries, and what it must carry. */
interface Expected {
  readonly type: typeof ResponseFormatError | typeof HttpError | typeof TimeoutError;
  readonly fields: Readonly<Record<string, unknown>>;
}

const FORMAT: Expected = {
  type: ResponseFormatError,
  fields: { code: 'bad-response', retryable: false },
};

/**
 * Each fault, armed `times`: the requests the call makes with one retry allowed (`attempts`), and
 * the error it ends in (none: retried through to the normal answer).
 */
const FAULTS: readonly {
  kind: string;
  times: number;
  attempts: number;
  error?: Expected;
}[] = [
  // A 200 that is not the protocol's JSON is never retried: the same server would say it again.
  { kind: 'html', times: 1, attempts: 1, error: FORMAT },
  { kind: 'truncated-json', times: 1, attempts: 1, error: FORMAT },
  { kind: 'wrong-types', times: 1, attempts: 1, error: FORMAT },
  {
    kind: 'html-500',
    times: 2,
    attempts: 2,
    error: {
      type: HttpError,
      fields: { code: 'http-error', status: 500, serverCode: undefined, retryable: true },
    },
  },
  {
    kind: 'unavailable',
    times: 2,
    attempts: 2,
    error: {
      type: HttpError,
      fields: {
        code: 'http-error',
        status: 503,
        serverCode: 'service_unavailable',
        retryable: true,
      },
    },
  },
  { kind: 'rate-limited', times: 1, attempts: 2 },
  { kind: 'reset', times: 1, attempts: 2 },
  { kind: 'hang', times: 1, attempts: 2 },
  {
    kind: 'hang',
    times: 2,
    attempts: 2,
    error: {
      type: TimeoutError,
      fields: { code: 'timeout', timeoutMs: HANG_TIMEOUT_MS, retryable: true },
    },
  },
];

describe('bad server replies, every protocol', () => {
  afterEach(clearFaults);

  for (const [protocol, setup] of Object.entries(PROTOCOLS)) {
    describe(protocol, () => {
      for (const fault of FAULTS) {
        const outcome = fault.error
          ? `${fault.error.type.name}, then a resend works`
          : 'retried through';
        it(`${fault.kind} ×${fault.times}: ${outcome}, in ${fault.attempts} request(s)`, async () => {
          const settings: ClientSettings =
            fault.kind === 'hang' ? { ...RETRY, timeoutMs: HANG_TIMEOUT_MS } : RETRY;
          const scenario = await setup(settings);
          await clearFaults();
          await armFault(scenario.path, { kind: fault.kind }, fault.times);
          if (!fault.error) {
            // The client absorbs the fault: exactly the normal answer, after one retry.
            expect(await scenario.run()).to.deep.equal(scenario.ok);
          } else {
            const error = await rejection(scenario.run());
            expect(error).to.be.instanceOf(fault.error.type);
            expect(error).to.include(fault.error.fields);
          }
          // Every armed answer was used, and the mock saw exactly the attempts expected.
          expect(await faultState(scenario.path)).to.deep.equal({
            armed: 0,
            seen: fault.attempts,
          });
          if (!fault.error) return;
          // The same capture goes through, in one request, once the server answers properly again.
          await clearFaults();
          expect(await scenario.run()).to.deep.equal(scenario.ok);
          expect((await faultState(scenario.path)).seen).to.equal(1);
        });
      }
    });
  }
});

/** An idv-sdk session on the mock with the outcome and consent given; the adapter and its client. */
async function idvSession(
  outcome: { verified?: boolean; on_sanction_list?: boolean } = {},
  options: { consent?: boolean; token?: string; getToken?: () => Promise<string> } = {},
) {
  const session = await postJson('/demo/idv/sessions', outcome);
  const client = new KycClient({
    token: options.token ?? (session['access_token'] as string),
    headers: idvSdkHeaders(session['client_id'] as string),
    ...(options.getToken ? { getToken: options.getToken } : {}),
    ...RETRY,
  });
  const adapter = createIdvSdkAdapter({
    client,
    sessionId: session['session_id'] as string,
    clientId: session['client_id'] as string,
    ...(options.consent === undefined ? {} : { consent: options.consent }),
    location: () => Promise.resolve({ latitude: 40.4168, longitude: -3.7038 }),
  });
  return { adapter, accessToken: session['access_token'] as string };
}

/** Sends a passport front and a selfie: everything the finalization needs. */
async function sendPassport(adapter: Awaited<ReturnType<typeof idvSession>>['adapter']) {
  await adapter.send(await testCapture('document_front', 'passport'));
  await adapter.send(await testCapture('selfie'));
}

describe('idv-sdk: outcomes other than the mock’s default, and the backend’s refusals', () => {
  afterEach(clearFaults);

  it('verified: false (and on the sanction list) comes back as it is, not as an error', async () => {
    const { adapter } = await idvSession({ verified: false, on_sanction_list: true });
    await adapter.start();
    await sendPassport(adapter);
    await clearFaults();
    const result = await adapter.finish();
    expect(result).to.deep.equal({
      verified: false,
      on_sanction_list: true,
      liveness_provider_e: 'azure',
    });
    expect(adapter.lastResult).to.deep.equal(result);
    expect((await faultState('/idv-sdk/finalize')).seen).to.equal(1);
  });

  it('a finalization before the images is a 409 incomplete, not retried', async () => {
    const { adapter } = await idvSession();
    await adapter.start();
    await clearFaults();
    const error = await rejection(adapter.finish());
    expect(error).to.be.instanceOf(HttpError);
    expect(error).to.include({
      code: 'http-error',
      status: 409,
      serverCode: 'incomplete',
      retryable: false,
    });
    expect((await faultState('/idv-sdk/finalize')).seen).to.equal(1);
    expect(adapter.lastResult).to.equal(undefined);
  });

  it('without consent every upload is a 403 consent_required, not retried', async () => {
    const { adapter } = await idvSession({}, { consent: false });
    await adapter.start();
    await clearFaults();
    const error = await rejection(adapter.send(await testCapture('document_front', 'passport')));
    expect(error).to.be.instanceOf(HttpError);
    expect(error).to.include({ status: 403, serverCode: 'consent_required', retryable: false });
    // The document type is the first call of a first front image: refused there, nothing more sent.
    expect((await faultState('/idv-sdk/document-type')).seen).to.equal(1);
    expect((await faultState('/idv-sdk/document/front')).seen).to.equal(0);
  });

  it('a token the backend does not know is a TokenExpiredError (token_invalid) after one request', async () => {
    const { adapter } = await idvSession({}, { token: 'not-a-token' });
    await clearFaults();
    const error = await rejection(adapter.start());
    expect(error).to.be.instanceOf(TokenExpiredError);
    expect(error).to.include({
      code: 'token-expired',
      serverCode: 'token_invalid',
      retryable: false,
    });
    expect((await faultState('/idv-sdk/consent')).seen).to.equal(1);
  });

  it('the same refused token renewed through getToken goes on, in two requests', async () => {
    let accessToken = '';
    let asked = 0;
    const { adapter, accessToken: issued } = await idvSession(
      {},
      {
        token: 'not-a-token',
        getToken: () => {
          asked++;
          return Promise.resolve(accessToken);
        },
      },
    );
    accessToken = issued;
    await clearFaults();
    await adapter.start();
    expect(asked).to.equal(1);
    expect((await faultState('/idv-sdk/consent')).seen).to.equal(2);
  });

  it('after the finalization, an upload or a second finish is a 409 session_finalized', async () => {
    const { adapter } = await idvSession({ verified: false });
    await adapter.start();
    await sendPassport(adapter);
    const first = await adapter.finish();
    const error = await rejection(adapter.send(await testCapture('selfie')));
    expect(error).to.be.instanceOf(HttpError);
    expect(error).to.include({ status: 409, serverCode: 'session_finalized', retryable: false });
    // finish() sends the metadata first, which the finalized session refuses too.
    const again = await rejection(adapter.finish());
    expect(again).to.include({ status: 409, serverCode: 'session_finalized' });
    expect(first.verified).to.equal(false);
  });
});
