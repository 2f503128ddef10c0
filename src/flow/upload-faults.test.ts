// The upload fault matrix, through the real flow controller and session-v1 adapter over real HTTP
// to the mock backend: offline before and during an upload (the browser really offline, through
// the test runner's `set-offline` command), a server that never answers, a 413, a token that
// expires mid-flow and a host whose getToken never settles. In every case the capture is kept,
// the person is told what comes next (a catalog sentence), and it reaches the backend exactly once.
// No timing is asserted: the limits are short settings, and the tests wait for states.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { KycClient, type KycClientOptions } from '../api/client.js';
import type { Capture } from '../capture/types.js';
import { en } from '../i18n/en.js';
import { errorText } from '../i18n/text.js';
import { createSessionV1Adapter } from '../protocols/session-v1.js';
import { createDemoSession, receivedImages, renewToken } from '../../test/helpers/backend.js';
import { testCapture } from '../../test/helpers/captures.js';
import { armFault, clearFaults, faultState } from '../../test/helpers/faults.js';
import { settled, testFlow, type FlowHostSettings } from '../../test/helpers/flow-host.js';

const imagesPath = (sessionId: string) => `/api/v1/verification/${sessionId}/images`;

/** The requests the mock saw for `path` since the faults were last cleared. */
const seen = async (path: string): Promise<number> => (await faultState(path)).seen;

/** The browser really offline (or back online): fetch fails, `offline`/`online` events fire. */
const setOffline = (offline: boolean) => executeServerCommand('set-offline', offline);

/**
 * A session-v1 flow whose host brings its own adapter over a client with short limits (the
 * element's own client takes the defaults); `client` adds to or replaces them.
 */
async function flowWith(
  client: Partial<KycClientOptions> = {},
  settings: FlowHostSettings = {},
  sessionId?: string,
) {
  const session = sessionId
    ? { session_id: sessionId, start_token: settings.token ?? '' }
    : await createDemoSession();
  const adapter = createSessionV1Adapter({
    client: new KycClient({
      token: session.start_token,
      retries: 1,
      backoffMs: 10,
      maxDelayMs: 50,
      ...client,
    }),
    sessionId: session.session_id,
  });
  const run = testFlow({
    session: session.session_id,
    token: session.start_token,
    adapter,
    ...settings,
  });
  await clearFaults();
  return { ...run, session, path: imagesPath(session.session_id) };
}

/** Starts a passport flow and puts its front under upload; resolves to the capture. */
async function uploadFront(run: Awaited<ReturnType<typeof flowWith>>): Promise<Capture> {
  run.flow.start('passport');
  const front = await testCapture('document_front', 'passport');
  run.flow.captured(front);
  run.flow.confirm();
  return front;
}

/** The flow's error with the words the error screen shows the person. */
function shownError(run: { flow: ReturnType<typeof testFlow>['flow'] }) {
  const error = run.flow.state.error;
  return { ...error, words: error ? errorText(en, error) : undefined };
}

describe('upload faults: the capture is kept and the person knows what to do', () => {
  afterEach(async () => {
    await setOffline(false);
    await clearFaults();
  });

  it('offline before the upload: "you are offline", then sent by itself when the network returns', async () => {
    const run = await flowWith();
    await setOffline(true);
    await waitUntil(() => !navigator.onLine, 'the browser offline');
    const front = await uploadFront(run);
    await settled(run.flow, 'error');
    expect(shownError(run)).to.deep.include({
      code: 'network-error',
      phase: 'upload',
      retryable: true,
      reason: { code: 'network-error.offline' },
      words: en.errors['network-error.offline'],
    });
    expect(run.flow.state.capture).to.equal(front);
    // Nothing reached the server, and the client did not spend its retries on a dead network.
    await setOffline(false);
    // The `online` event resends the kept capture: no button needed.
    await waitUntil(() => run.flow.state.accepted.includes('document_front'), 'front accepted');
    const stored = await receivedImages(run.session.session_id);
    expect(stored.map((image) => [image.type, image.feedback, image.size_bytes])).to.deep.equal([
      ['document_front', 'ok', front.blob.size],
    ]);
    expect(await seen(run.path)).to.equal(1);
  });

  it('offline during the upload: the stalled request gives up, then the capture is sent on return', async () => {
    const run = await flowWith({ timeoutMs: 1000 });
    await armFault(run.path, { kind: 'hang' });
    const front = await uploadFront(run);
    await waitUntil(async () => (await seen(run.path)) === 1, 'the upload reached the server');
    await setOffline(true);
    await settled(run.flow, 'error');
    expect(shownError(run)).to.deep.include({
      code: 'network-error',
      retryable: true,
      reason: { code: 'network-error.offline' },
    });
    expect(run.flow.state.capture).to.equal(front);
    await setOffline(false);
    await waitUntil(() => run.flow.state.accepted.includes('document_front'), 'front accepted');
    expect((await receivedImages(run.session.session_id)).length).to.equal(1);
  });

  it('a server that never answers: a timeout, "try again", and "Try again" resends the same capture', async () => {
    const run = await flowWith({ timeoutMs: 1000 });
    await armFault(run.path, { kind: 'hang' }, 2);
    const front = await uploadFront(run);
    await settled(run.flow, 'error');
    expect(shownError(run)).to.deep.include({
      code: 'timeout',
      phase: 'upload',
      retryable: true,
      words: en.errors.timeout,
    });
    expect(run.flow.state.capture).to.equal(front);
    expect(await seen(run.path)).to.equal(2);
    run.flow.retry();
    await settled(run.flow, 'camera');
    expect(run.flow.state.accepted).to.deep.equal(['document_front']);
    const stored = await receivedImages(run.session.session_id);
    expect(stored.map((image) => image.size_bytes)).to.deep.equal([front.blob.size]);
    expect(await seen(run.path)).to.equal(3);
  });

  it('a 413: re-encoded smaller and sent once more, which goes through', async () => {
    const run = await flowWith();
    await armFault(run.path, { status: 413, body: '{"error":{"code":"image_too_large"}}' });
    const front = await uploadFront(run);
    await settled(run.flow, 'camera');
    expect(run.flow.state.accepted).to.deep.equal(['document_front']);
    expect(run.host.eventTypes).not.to.include('kyc-error');
    const [stored, ...more] = await receivedImages(run.session.session_id);
    expect(more).to.have.length(0);
    expect(stored?.size_bytes).to.be.below(front.blob.size);
    expect(await seen(run.path)).to.equal(2);
  });

  it('a 413 again for the smaller image: "too large, take it again", with no third request', async () => {
    const run = await flowWith();
    await armFault(run.path, { status: 413, body: '{"error":{"code":"image_too_large"}}' }, 2);
    const front = await uploadFront(run);
    await settled(run.flow, 'error');
    expect(shownError(run)).to.deep.include({
      code: 'upload-too-large',
      phase: 'upload',
      retryable: false,
      final: false,
      reason: { code: 'upload-too-large' },
      words: en.errors['upload-too-large'],
    });
    // The smaller one is what is kept; "Try again" is not offered, a new photo is.
    expect(run.flow.state.capture?.blob.size).to.be.below(front.blob.size);
    expect(await seen(run.path)).to.equal(2);
    run.flow.retry();
    expect(run.flow.state.status).to.equal('error');
    run.flow.retake();
    expect(run.flow.state.status).to.equal('camera');
    expect(await receivedImages(run.session.session_id)).to.have.length(0);
  });

  it('a host getToken that never settles: "took too long", the capture kept, "Try again" sends it', async () => {
    let asked = 0;
    const expired = await createDemoSession({ start_token_ttl_seconds: 0 });
    const run = await flowWith(
      {
        token: expired.start_token,
        tokenTimeoutMs: 50,
        // Stuck the first time; the host's backend answers the next.
        getToken: () =>
          ++asked === 1 ? new Promise<string>(() => {}) : renewToken(expired.session_id),
      },
      { session: expired.session_id, token: expired.start_token },
      expired.session_id,
    );
    const front = await uploadFront(run);
    await settled(run.flow, 'error');
    expect(shownError(run)).to.deep.include({
      code: 'timeout',
      retryable: true,
      final: false,
      reason: { code: 'timeout.token-renewal' },
      words: en.errors['timeout.token-renewal'],
    });
    expect(run.flow.state.capture).to.equal(front);
    run.flow.retry();
    await settled(run.flow, 'camera');
    expect(run.flow.state.accepted).to.deep.equal(['document_front']);
    expect(asked).to.equal(2);
    expect(await receivedImages(expired.session_id)).to.have.length(1);
    // The expired token's request (401, renewal stuck); on "Try again" the same 401, a renewal
    // that answers, and the capture with the new token.
    expect(await seen(imagesPath(expired.session_id))).to.equal(3);
  });

  it('a token that expires mid-flow is renewed once, and no capture is lost', async () => {
    // A short-lived first token; the host's backend renews with a long one.
    const session = await createDemoSession({ start_token_ttl_seconds: 2 });
    let asked = 0;
    const { flow, host } = testFlow({
      session: session.session_id,
      token: session.start_token,
      getToken: () => {
        asked++;
        return renewToken(session.session_id);
      },
    });
    await clearFaults();
    flow.start('passport');
    flow.captured(await testCapture('document_front', 'passport'));
    flow.confirm();
    await settled(flow, 'camera');
    // Wait (on the same clock as the mock) until the first token is over, then send the rest.
    await waitUntil(() => Date.now() > Date.parse(session.expiration) + 100, 'token expired', {
      timeout: 10_000,
    });
    flow.captured(await testCapture('selfie'));
    flow.confirm();
    await settled(flow, 'done');
    expect(asked).to.equal(1);
    expect(host.eventTypes).not.to.include('kyc-error');
    const stored = await receivedImages(session.session_id);
    expect(stored.map((image) => [image.type, image.feedback])).to.deep.equal([
      ['document_front', 'ok'],
      ['selfie', 'ok'],
    ]);
    // Front, the refused selfie (401 token_expired) and the selfie again with the new token.
    expect(await seen(imagesPath(session.session_id))).to.equal(3);
  });
});
