// The idv-sdk adapter end to end against the IDV SDK mock on the test server's origin, with real
// JPEGs drawn on a canvas; fetch is only wrapped (never faked) to look at the headers sent.
import { expect } from '@open-wc/testing';
import { KycClient, type FetchFunction } from '../api/client.js';
import { HttpError, ResponseFormatError } from '../api/errors.js';
import type { Capture, LivenessFrame } from '../capture/types.js';
import {
  createIdvSdkAdapter,
  idvSdkHeaders,
  IDV_SDK,
  toIdvDocumentType,
  type IdvSdkAdapterOptions,
} from './idv-sdk.js';
import { SDK_VERSION } from './session-v1.js';
import { rejection } from '../../test/helpers/async.js';
import { testCapture, testJpeg } from '../../test/helpers/captures.js';

interface DemoSession {
  session_id: string;
  client_id: string;
  access_token: string;
}

async function createSession(body: Record<string, unknown> = {}): Promise<DemoSession> {
  const response = await fetch('/demo/idv/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).to.equal(200);
  return (await response.json()) as DemoSession;
}

async function demoState(session: DemoSession): Promise<Record<string, unknown>> {
  const response = await fetch(`/demo/idv/sessions/${session.session_id}`);
  expect(response.status).to.equal(200);
  return (await response.json()) as Record<string, unknown>;
}

async function livenessCapture(count: number): Promise<Capture> {
  const frames: LivenessFrame[] = [];
  for (let i = 0; i < count; i++) {
    frames.push({
      label: i === 0 ? 'liveness_passive' : `liveness_active_step_${i}`,
      blob: await testJpeg(320, 400, `rgb(${40 * i}, 90, 120)`),
      width: 320,
      height: 400,
    });
  }
  const first = frames[0] as LivenessFrame;
  return {
    step: 'liveness',
    blob: first.blob,
    width: 320,
    height: 400,
    source: 'camera',
    cameraLabel: 'Front camera',
    takenAt: Date.now(),
    frames,
    livenessMode: 'passive_active',
  };
}

/** A fetch that records the headers of every call. */
function recordingFetch(): { fetch: FetchFunction; calls: { url: string; headers: Headers }[] } {
  const calls: { url: string; headers: Headers }[] = [];
  return {
    calls,
    fetch: (input, init) => {
      calls.push({ url: input, headers: new Headers(init.headers) });
      return fetch(input, init);
    },
  };
}

/** The adapter over a KycClient as the element builds it (X-Client-Id among its headers). */
function adapterFor(
  session: DemoSession,
  extra: Partial<IdvSdkAdapterOptions> & { fetch?: FetchFunction } = {},
) {
  const { fetch: spy, clientId = session.client_id, ...rest } = extra;
  return createIdvSdkAdapter({
    client: new KycClient({
      token: session.access_token,
      headers: idvSdkHeaders(clientId),
      retries: 0,
      ...(spy ? { fetch: spy } : {}),
    }),
    sessionId: session.session_id,
    clientId,
    ...rest,
  });
}

describe('idv-sdk adapter', () => {
  it('maps document types to seed 001 spelling', () => {
    expect(toIdvDocumentType('identity_card')).to.equal('identification_card');
    expect(toIdvDocumentType('drivers_license')).to.equal('driver_license');
    expect(toIdvDocumentType('passport')).to.equal('passport');
  });

  it('runs a whole identity-card session: consent, type, front, back, liveness, metadata, finalize', async () => {
    const session = await createSession({ client_id: 'acme-web', on_sanction_list: true });
    const recorder = recordingFetch();
    const adapter = adapterFor(session, {
      fetch: recorder.fetch,
      location: () => Promise.resolve({ latitude: 52.52, longitude: 13.405 }),
      sdkMetadata: () => ({ host: 'test' }),
    });
    expect(adapter.name).to.equal(IDV_SDK);
    expect(await adapter.start()).to.deep.equal({});
    expect(adapter.session?.['consented']).to.equal(true);

    const progress: number[] = [];
    const front = await adapter.send(await testCapture('document_front', 'identity_card'), {
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(front).to.deep.equal({ accepted: true, feedback: 'ok', complete: false });
    expect(progress).to.deep.equal([0, 1]);
    await adapter.send(await testCapture('document_back', 'identity_card'));
    await adapter.send(await testCapture('selfie'));
    await adapter.sendLiveness?.(await livenessCapture(4));
    expect(adapter.lastResult).to.equal(undefined);
    const result = await adapter.finish();
    expect(result).to.deep.equal({ verified: true, on_sanction_list: true });
    expect(adapter.lastResult).to.deep.equal(result);

    const state = await demoState(session);
    expect(state['consented']).to.equal(true);
    expect(state['document_type_e']).to.equal('identification_card');
    const frontImage = state['document_front'] as Record<string, unknown>;
    expect(frontImage).to.include({ mime_type: 'image/jpeg', width: 1280, height: 720 });
    expect(frontImage).to.include({ latitude: 52.52, longitude: 13.405 });
    expect(frontImage['filename']).to.equal('document_front.jpg');
    expect(state['document_back']).to.include({ width: 1280, height: 720 });
    expect(state['liveness_detected']).to.equal(true);
    expect(state['selfie_given']).to.equal(true);
    expect((state['liveness_frames'] as unknown[]).length).to.equal(4);
    const metadata = state['sdk_metadata'] as Record<string, unknown>;
    expect(metadata['sdk_version']).to.equal(SDK_VERSION);
    expect(metadata['camera_label']).to.equal('Front camera');
    expect(metadata['host']).to.equal('test');
    const metrics = metadata['capture_metrics'] as Record<string, Record<string, unknown>>;
    expect(metrics['document_front']).to.include({ width: 1280, height: 720, auto: true });
    expect(metrics['liveness']).to.include({ frames: 4 });
    expect(state['finalized']).to.equal(true);

    // consent, read, type, front, back, selfie (generate + process), liveness (2), metadata, finalize
    expect(recorder.calls.length).to.equal(11);
    for (const call of recorder.calls) {
      expect(call.headers.get('X-Client-Id'), call.url).to.equal('acme-web');
      expect(call.headers.get('Authorization'), call.url).to.equal(
        `Bearer ${session.access_token}`,
      );
    }
    expect(recorder.calls[0]?.url).to.match(/\/idv-sdk\/consent$/);
  });

  it('sends a passport with the default location and a selfie as its liveness', async () => {
    const session = await createSession();
    const adapter = adapterFor(session);
    await adapter.start();
    await adapter.send(await testCapture('document_front', 'passport'));
    await adapter.send(await testCapture('selfie'));
    await adapter.finish();
    const state = await demoState(session);
    expect(state['document_type_e']).to.equal('passport');
    expect(state['document_front']).to.include({ latitude: 0, longitude: 0 });
    expect(state['document_back']).to.equal(null);
    expect(state['selfie_given']).to.equal(true);
    expect((state['liveness_frames'] as unknown[]).length).to.equal(1);
    expect(state['finalized']).to.equal(true);
    expect(adapter.lastResult).to.deep.equal({ verified: true, on_sanction_list: false });
  });

  it('sends the driver licence type and at most 10 liveness frames', async () => {
    const session = await createSession();
    const adapter = adapterFor(session);
    await adapter.start();
    await adapter.send(await testCapture('document_front', 'drivers_license'));
    await adapter.sendLiveness?.(await livenessCapture(12));
    const state = await demoState(session);
    expect(state['document_type_e']).to.equal('driver_license');
    expect((state['liveness_frames'] as unknown[]).length).to.equal(10);
  });

  it('checks the service before the person starts: ping, then health', async () => {
    const session = await createSession();
    const adapter = adapterFor(session);
    expect(await adapter.preflight()).to.deep.equal({ reachable: true, status: 'ok' });
    // A captive portal's page instead of the probe's JSON is a typed format error.
    await fetch('/__faults', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: '/idv-sdk/ping', reply: { kind: 'html' } }),
    });
    const error = await rejection(adapter.preflight());
    expect(error).to.be.instanceOf(ResponseFormatError);
    // The probes need no consent: nothing was recorded.
    expect((await demoState(session))['consent_recorded']).to.equal(false);
  });

  it('turns a wrong client id into a typed 403 HttpError', async () => {
    const session = await createSession({ client_id: 'acme-web' });
    const adapter = adapterFor(session, { clientId: 'someone-else' });
    const error = await rejection(adapter.start());
    expect(error).to.be.instanceOf(HttpError);
    expect((error as HttpError).status).to.equal(403);
    expect((error as HttpError).serverCode).to.equal('client_id_mismatch');
    expect((await demoState(session))['consent_recorded']).to.equal(false);
  });

  it('reports what finalization still misses as a typed 409', async () => {
    const session = await createSession();
    const adapter = adapterFor(session);
    await adapter.start();
    await adapter.send(await testCapture('document_front', 'identity_card'));
    const error = await rejection(adapter.finish());
    expect(error).to.be.instanceOf(HttpError);
    expect((error as HttpError).status).to.equal(409);
    expect((error as HttpError).serverCode).to.equal('incomplete');
    expect(adapter.lastResult).to.equal(undefined);
  });
});
