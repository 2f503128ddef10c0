// The idv-sdk adapter end to end against the IDV SDK mock on the test server's origin, with real
// JPEGs drawn on a canvas; fetch is only wrapped (never faked) to look at the headers sent.
import { expect } from '@open-wc/testing';
import { KycClient, type FetchFunction } from '../api/client.js';
import { HttpError, ResponseFormatError } from '../api/errors.js';
import { ConfigurationError } from '../errors.js';
import type { Capture, LivenessFrame } from '../capture/types.js';
import {
  createIdvSdkAdapter,
  idvSdkHeaders,
  IdvSdkError,
  IDV_SDK,
  toIdvDocumentType,
  type IdvLivenessSession,
  type IdvSdkAdapterOptions,
} from './idv-sdk.js';
import { IDV_SDK_OTHER_DEMO_PATH, IDV_SDK_OTHER_PATHS } from '../../mock/idv-sdk-other-paths.js';
import { SDK_VERSION } from './session-v1.js';
import { rejection } from '../../test/helpers/async.js';
import { testCapture, testJpeg } from '../../test/helpers/captures.js';

interface DemoSession {
  session_id: string;
  client_id: string;
  access_token: string;
}

async function createSession(
  body: Record<string, unknown> = {},
  demoPath = '/demo/idv/sessions',
): Promise<DemoSession> {
  const response = await fetch(demoPath, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).to.equal(200);
  return (await response.json()) as DemoSession;
}

async function demoState(
  session: DemoSession,
  demoPath = '/demo/idv/sessions',
): Promise<Record<string, unknown>> {
  const response = await fetch(`${demoPath}/${session.session_id}`);
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

/** Where the tests' person is (the integrator's explicit position). */
const MADRID = { latitude: 40.4168, longitude: -3.7038 };

/** The adapter over a KycClient as the element builds it (X-Client-Id among its headers). */
function adapterFor(
  session: DemoSession,
  extra: Partial<IdvSdkAdapterOptions> & { fetch?: FetchFunction } = {},
) {
  const { fetch: spy, clientId = session.client_id, ...rest } = extra;
  return createIdvSdkAdapter({
    location: () => Promise.resolve(MADRID),
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
    expect(result).to.deep.equal({
      verified: true,
      on_sanction_list: true,
      liveness_provider_e: 'azure',
    });
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

  it('sends a passport with the integrator’s location and a selfie as its liveness', async () => {
    const session = await createSession();
    const adapter = adapterFor(session);
    await adapter.start();
    await adapter.send(await testCapture('document_front', 'passport'));
    await adapter.send(await testCapture('selfie'));
    await adapter.finish();
    const state = await demoState(session);
    expect(state['document_type_e']).to.equal('passport');
    expect(state['document_front']).to.include(MADRID);
    expect(state['document_back']).to.equal(null);
    expect(state['selfie_given']).to.equal(true);
    expect((state['liveness_frames'] as unknown[]).length).to.equal(1);
    expect(state['finalized']).to.equal(true);
    expect(adapter.lastResult).to.deep.equal({
      verified: true,
      on_sanction_list: false,
      liveness_provider_e: 'azure',
    });
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

describe('idv-sdk adapter: settings', () => {
  it('reaches the service under the paths protocolOptions.paths gives, and only there', async () => {
    const session = await createSession({}, IDV_SDK_OTHER_DEMO_PATH);
    const recorder = recordingFetch();
    const adapter = adapterFor(session, { paths: IDV_SDK_OTHER_PATHS, fetch: recorder.fetch });
    expect(await adapter.preflight()).to.deep.equal({ reachable: true, status: 'ok' });
    await adapter.start();
    await adapter.send(await testCapture('document_front', 'drivers_license'));
    await adapter.send(await testCapture('document_back', 'drivers_license'));
    await adapter.send(await testCapture('selfie'));
    await adapter.finish();
    expect((await demoState(session, IDV_SDK_OTHER_DEMO_PATH))['finalized']).to.equal(true);
    const used = new Set(recorder.calls.map((call) => new URL(call.url, location.href).pathname));
    expect([...used]).to.have.members(Object.values(IDV_SDK_OTHER_PATHS));
  });

  it('takes a partial path map over the defaults', async () => {
    const session = await createSession();
    const recorder = recordingFetch();
    // The same path as the default, written differently: only that operation is overridden.
    const adapter = adapterFor(session, {
      paths: { consent: '/idv-sdk/consent/' },
      fetch: recorder.fetch,
    });
    await adapter.start();
    expect(recorder.calls.map((call) => new URL(call.url, location.href).pathname)).to.deep.equal([
      '/idv-sdk/consent/',
      '/idv-sdk/session/read',
    ]);
  });

  it('refuses paths that are not relative to api-base with a typed ConfigurationError', () => {
    const session = { session_id: 's', client_id: 'c', access_token: 't' };
    const bad: Record<string, string>[] = [
      { consent: 'https://evil.example/consent' },
      { consent: '//evil.example/consent' },
      { consent: 'javascript:alert(1)' },
      { consent: 'consent' },
      { consent: '/idv-sdk/consent?token=x' },
      { consent: '/idv-sdk/../admin/session/delete' },
      { consent: '/idv sdk/consent' },
      { consent: '\\\\evil.example\\consent' },
      { sessionDelete: '/idv/session/delete' },
    ];
    for (const paths of bad) {
      let thrown: unknown;
      try {
        adapterFor(session, { paths });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(paths)).to.be.instanceOf(ConfigurationError);
      expect((thrown as ConfigurationError).reason.code).to.equal('configuration.idv-sdk-path');
    }
  });

  it('sends a passport card (ID-1, front and back) for the identity-card choice when told to', async () => {
    const session = await createSession();
    const adapter = adapterFor(session, { documentTypes: { identity_card: 'passport_card' } });
    await adapter.start();
    await adapter.send(await testCapture('document_front', 'identity_card'));
    await adapter.send(await testCapture('document_back', 'identity_card'));
    await adapter.send(await testCapture('selfie'));
    await adapter.finish();
    const state = await demoState(session);
    expect(state['document_type_e']).to.equal('passport_card');
    expect(state['document_back']).to.include({ width: 1280, height: 720 });
    expect(state['finalized']).to.equal(true);
    expect(toIdvDocumentType('identity_card', { identity_card: 'passport_card' })).to.equal(
      'passport_card',
    );
  });

  it('refuses a document type of another format or outside the seed', () => {
    const session = { session_id: 's', client_id: 'c', access_token: 't' };
    for (const documentTypes of [
      { passport: 'passport_card' },
      { identity_card: 'passport' },
      { identity_card: 'unknown' },
      { drivers_license: 'state_id' },
    ] as never[]) {
      let thrown: unknown;
      try {
        adapterFor(session, { documentTypes });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(documentTypes)).to.be.instanceOf(ConfigurationError);
    }
  });
});

describe('idv-sdk adapter: position and liveness session', () => {
  it('sends nothing when there is no position: a retryable IdvSdkError, never 0,0', async () => {
    const session = await createSession();
    const person: { position?: { latitude: number; longitude: number } } = {};
    const adapter = adapterFor(session, { location: () => Promise.resolve(person.position) });
    await adapter.start();
    const front = await testCapture('document_front', 'passport');
    const error = await rejection(adapter.send(front));
    expect(error).to.be.instanceOf(IdvSdkError);
    expect((error as IdvSdkError).code).to.equal('position-unavailable');
    expect((error as IdvSdkError).retryable).to.equal(true);
    expect((error as IdvSdkError).reason.code).to.equal('idv-sdk.position-unavailable');
    expect(await rejection(adapter.send(await testCapture('selfie')))).to.be.instanceOf(
      IdvSdkError,
    );
    let state = await demoState(session);
    expect(state['document_front']).to.equal(null);
    expect(state['liveness_token']).to.equal(null);
    // The person allows it; "Try again" sends the same capture.
    person.position = { latitude: 51.5072, longitude: -0.1276 };
    await adapter.send(front);
    state = await demoState(session);
    expect(state['document_front']).to.include(person.position);
  });

  it('hands the liveness token and provider on between generate and process', async () => {
    const session = await createSession();
    const seen: IdvLivenessSession[] = [];
    let processedBefore: unknown;
    const adapter = adapterFor(session, {
      onLivenessSession: async (livenessSession) => {
        seen.push(livenessSession);
        processedBefore = (await demoState(session))['liveness_detected'];
      },
    });
    await adapter.start();
    await adapter.sendLiveness?.(await livenessCapture(2));
    const state = await demoState(session);
    expect(seen).to.deep.equal([{ token: state['liveness_token'], provider: 'azure' }]);
    expect(processedBefore).to.equal(false);
    expect(state['liveness_detected']).to.equal(true);
  });
});

/** One request the adapter made, as sent. */
interface SentRequest {
  readonly path: string;
  readonly contentType: string | null;
  readonly body: unknown;
}

/** A fetch that records each request's path, content type and body (JSON parsed, or the form). */
function bodyRecordingFetch(): { fetch: FetchFunction; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  return {
    sent,
    fetch: (input, init) => {
      const body = init.body;
      sent.push({
        path: new URL(input, location.href).pathname,
        contentType: new Headers(init.headers).get('Content-Type'),
        body: typeof body === 'string' ? (JSON.parse(body) as unknown) : body,
      });
      return fetch(input, init);
    },
  };
}

interface SeedOperation {
  content_type: string;
  fields: Record<string, string>;
  required: string[];
  enums?: Record<string, string[]>;
}

/** Which seed operation each of the mock's default paths stands for (the seed names no paths). */
const OPERATION_OF_PATH: Readonly<Record<string, string>> = {
  '/idv-sdk/session/read': 'sdk session read',
  '/idv-sdk/consent': 'sdk add identity consent',
  '/idv-sdk/document-type': 'sdk document type update',
  '/idv-sdk/document/front': 'sdk document front image add',
  '/idv-sdk/document/back': 'sdk document back image add',
  '/idv-sdk/liveness/generate': 'sdk liveness session generate',
  '/idv-sdk/liveness/process': 'sdk liveness session process',
  '/idv-sdk/metadata': 'sdk metadata update',
  '/idv-sdk/finalize': 'sdk idv finalization',
};

/** Whether a value has the type the seed names. */
function hasSeedType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'string non-empty':
      return typeof value === 'string' && value !== '';
    case 'string <binary>':
      return value instanceof Blob;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'Array of strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    default:
      throw new Error(`No check for the seed type ${type}.`);
  }
}

/** Checks one request against its seed operation, field by field. */
function expectSeedShape(request: SentRequest, operation: SeedOperation, name: string): void {
  let fields: [string, unknown][];
  if (operation.content_type === 'multipart/form-data') {
    expect(request.body, name).to.be.instanceOf(FormData);
    const names = [...(request.body as FormData).keys()];
    expect(new Set(names).size, `${name}: each field once`).to.equal(names.length);
    fields = [...(request.body as FormData).entries()];
  } else {
    expect(request.contentType, name).to.equal('application/json');
    fields = Object.entries(request.body as Record<string, unknown>);
  }
  const given = fields.map(([field]) => field);
  expect(operation.fields, `${name}: only the seed's fields`).to.include.keys(given);
  expect(given, `${name}: every required field`).to.include.members(operation.required);
  for (const [field, value] of fields) {
    const type = operation.fields[field] as string;
    expect(hasSeedType(value, type), `${name}.${field} is ${type}`).to.equal(true);
    const allowed = operation.enums?.[field];
    if (allowed) expect(allowed, `${name}.${field}`).to.include(value);
  }
}

describe('idv-sdk adapter: requests as seed 001 writes them (golden fixtures)', () => {
  it('sends every SDK operation with the seed’s fields, types and enum values', async () => {
    const golden = (await (await fetch('/test/fixtures/seeds/idv-sdk/requests.json')).json()) as {
      operations: Record<string, SeedOperation>;
    };
    const session = await createSession();
    const recorder = bodyRecordingFetch();
    const adapter = adapterFor(session, {
      fetch: recorder.fetch,
      documentTypes: { drivers_license: 'passport_card' },
    });
    await adapter.start();
    await adapter.send(await testCapture('document_front', 'drivers_license'));
    await adapter.send(await testCapture('document_back', 'drivers_license'));
    await adapter.send(await testCapture('selfie'));
    await adapter.sendLiveness?.(await livenessCapture(4));
    await adapter.finish();
    const covered = new Set<string>();
    for (const request of recorder.sent) {
      const name = OPERATION_OF_PATH[request.path];
      expect(name, request.path).to.be.a('string');
      const operation = golden.operations[name as string];
      expect(operation, name).to.not.equal(undefined);
      expectSeedShape(request, operation as SeedOperation, name as string);
      covered.add(name as string);
    }
    expect([...covered]).to.have.members(Object.keys(golden.operations));

    const byOperation = (name: string) =>
      recorder.sent.filter((request) => OPERATION_OF_PATH[request.path] === name);
    // The document type values sent are the seed's enum's: here passport_card.
    expect(
      byOperation('sdk document type update').map(
        (request) => (request.body as Record<string, unknown>)['document_type_e'],
      ),
    ).to.deep.equal(['passport_card']);
    // Front and back: the seed's multipart field names, the position as decimal strings.
    for (const request of byOperation('sdk document front image add').concat(
      byOperation('sdk document back image add'),
    )) {
      const form = request.body as FormData;
      expect([...form.keys()]).to.deep.equal(['session_id', 'latitude', 'longitude', 'image']);
      expect(form.get('latitude')).to.equal(String(MADRID.latitude));
      expect(form.get('longitude')).to.equal(String(MADRID.longitude));
    }
    // Liveness: generate with the position; process with `images`, an array of base64 strings
    // (the selfie's one, then the four frames) and no token (the seed's body has no such field).
    const processed = byOperation('sdk liveness session process').map(
      (request) => request.body as Record<string, unknown>,
    );
    expect(processed.map((body) => (body['images'] as string[]).length)).to.deep.equal([1, 4]);
    for (const body of processed) {
      expect(Object.keys(body)).to.have.members(['session_id', 'latitude', 'longitude', 'images']);
      for (const image of body['images'] as string[]) {
        expect(image).to.match(/^\/9j\/[A-Za-z0-9+/]+={0,2}$/); // base64 of a JPEG (FF D8 FF)
      }
    }
  });
});
