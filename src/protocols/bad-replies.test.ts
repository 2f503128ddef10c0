// Bad server replies, for every protocol: the real mock server answers the protocol's key call with
// an HTML page, truncated JSON, wrong types, 429 with Retry-After, 503 or a reset connection (armed
// through its fault injector), and the adapter either retries within its bounds or ends in a typed
// error; either way the same capture can be sent again and goes through.
import { expect } from '@open-wc/testing';
import { KycClient } from '../api/client.js';
import { HttpError, ResponseFormatError } from '../api/errors.js';
import type { Capture } from '../capture/types.js';
import { rejection } from '../../test/helpers/async.js';
import { createDemoSession } from '../../test/helpers/backend.js';
import { testCapture } from '../../test/helpers/captures.js';
import { createIdvSdkAdapter, idvSdkHeaders } from './idv-sdk.js';
import { createLinkKycAdapter } from './link-kyc.js';
import { createSessionV1Adapter } from './session-v1.js';
import { createValidationV2Adapter } from './validation-v2.js';

/** Few, short retries: the behaviour is the same, the test is faster. */
const RETRY = { retries: 1, backoffMs: 20, maxDelayMs: 200 } as const;

async function postJson(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.ok, `${path}: ${response.status}`).to.equal(true);
  return (await response.json()) as Record<string, unknown>;
}

async function arm(path: string, reply: Record<string, unknown>, times: number): Promise<void> {
  const response = await fetch('/__faults', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ path, method: 'POST', times, reply }),
  });
  expect(response.status).to.equal(204);
}

const clearFaults = () => fetch('/__faults', { method: 'DELETE' });

/** How many armed faults still have uses left. */
async function armedFaults(): Promise<number> {
  return ((await (await fetch('/__faults')).json()) as { armed: number }).armed;
}

/** One protocol's call under test: `run` sends (or finishes), `path` is where the fault goes. */
interface Scenario {
  readonly path: string;
  readonly run: () => Promise<unknown>;
}

/** Fresh session and adapter per case, so a fault never leaks into the next one. */
const PROTOCOLS: Record<string, () => Promise<Scenario>> = {
  async 'session-v1'() {
    const session = await createDemoSession();
    const client = new KycClient({ token: session.start_token, ...RETRY });
    const adapter = createSessionV1Adapter({ client, sessionId: session.session_id });
    const front = await testCapture('document_front', 'passport');
    return {
      path: `/api/v1/verification/${session.session_id}/images`,
      run: () => adapter.send(front, { documentType: 'passport' }),
    };
  },
  async 'idv-sdk'() {
    const session = await postJson('/demo/idv/sessions', {});
    const client = new KycClient({
      token: session['access_token'] as string,
      headers: idvSdkHeaders(session['client_id'] as string),
      ...RETRY,
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
    return { path: '/idv-sdk/finalize', run: () => adapter.finish() };
  },
  async 'link-kyc'() {
    const login = await postJson('/link-kyc/auth/token', {
      user: 'mock-user',
      password: 'mock-password',
    });
    const client = new KycClient({
      baseUrl: '/link-kyc',
      token: login['token'] as string,
      ...RETRY,
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
    };
  },
  async 'validation-v2'() {
    const applicant = await postJson('/demo/validation/applicants', { attempts: 5 });
    const client = new KycClient({
      baseUrl: '/validation-v2',
      token: 'mock-validation-api-key',
      ...RETRY,
    });
    const adapter = createValidationV2Adapter({
      client,
      applicantId: applicant['applicantId'] as string,
    });
    const selfie = await testCapture('selfie');
    return {
      path: '/validation-v2/api/v2/public/Validation',
      run: () => adapter.send(selfie, { remaining: [] }),
    };
  },
};

/** Faults that outlast the retries end in a typed error; passing ones are retried through. */
const FAULTS = [
  { kind: 'html', times: 1, error: ResponseFormatError },
  { kind: 'truncated-json', times: 1, error: ResponseFormatError },
  { kind: 'wrong-types', times: 1, error: ResponseFormatError },
  { kind: 'html-500', times: 2, error: HttpError },
  { kind: 'unavailable', times: 2, error: HttpError },
  { kind: 'rate-limited', times: 1, error: undefined },
  { kind: 'reset', times: 1, error: undefined },
] as const;

describe('bad server replies, every protocol', () => {
  afterEach(clearFaults);

  for (const [protocol, setup] of Object.entries(PROTOCOLS)) {
    describe(protocol, () => {
      for (const fault of FAULTS) {
        it(`${fault.kind}: ${fault.error ? `${fault.error.name}, then a resend works` : 'retried within bounds'}`, async () => {
          const scenario = await setup();
          await arm(scenario.path, { kind: fault.kind }, fault.times);
          if (!fault.error) {
            // The client absorbs the fault: the call succeeds, and the fault did fire.
            expect(await scenario.run()).to.not.equal(undefined);
            expect(await armedFaults()).to.equal(0);
            return;
          }
          const error = await rejection(scenario.run());
          expect(error).to.be.instanceOf(fault.error);
          if (error instanceof HttpError) {
            // Retried as far as allowed (every armed answer used), then reported, retryable.
            expect(error.retryable).to.equal(true);
            expect(await armedFaults()).to.equal(0);
          }
          // The same capture goes through once the server answers properly again.
          await clearFaults();
          expect(await scenario.run()).to.not.equal(undefined);
        });
      }
    });
  }
});
