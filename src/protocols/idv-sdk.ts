// The idv-sdk protocol adapter (seed 001's "IDV SDK" endpoints of the KYC API): consent, session
// read, document type, multipart document images, liveness (generate + process with base64 frames),
// SDK metadata and finalization. Paths, bodies and errors as mock/idv-sdk.ts documents them.
//
// Every call carries `X-Client-Id` (a client-wide header of the KycClient the caller builds) and
// the bearer token; KycClient gives the typed errors, the per-attempt timeout, bounded retries and
// the one token refresh through `getToken()` after a 401.
import type { KycClient } from '../api/client.js';
import { AbortedError, ResponseFormatError } from '../api/errors.js';
import { deviceSignals } from '../capture/device-signals.js';
import type { Capture } from '../capture/types.js';
import type { DocumentType } from '../steps.js';
import { buildDeviceInfo, bytesToBase64, SDK_NAME, SDK_VERSION } from './session-v1.js';
import { isRecord } from '../internal/guards.js';
import { IDV_SDK } from './names.js';
import type { PreflightResult, ProtocolAdapter, SendOptions, ServerFeedback } from './types.js';

export { IDV_SDK, idvSdkHeaders } from './names.js';

/** Root of every IDV SDK endpoint. */
export const IDV_SDK_BASE_PATH = '/idv-sdk';

/** The IDV SDK endpoint paths (all POST). */
export const IdvSdkPaths = {
  ping: `${IDV_SDK_BASE_PATH}/ping`,
  health: `${IDV_SDK_BASE_PATH}/health`,
  sessionRead: `${IDV_SDK_BASE_PATH}/session/read`,
  consent: `${IDV_SDK_BASE_PATH}/consent`,
  documentType: `${IDV_SDK_BASE_PATH}/document-type`,
  documentFront: `${IDV_SDK_BASE_PATH}/document/front`,
  documentBack: `${IDV_SDK_BASE_PATH}/document/back`,
  livenessGenerate: `${IDV_SDK_BASE_PATH}/liveness/generate`,
  livenessProcess: `${IDV_SDK_BASE_PATH}/liveness/process`,
  metadata: `${IDV_SDK_BASE_PATH}/metadata`,
  finalize: `${IDV_SDK_BASE_PATH}/finalize`,
} as const;

/** Seed 001's `document_type_e` values this SDK sends. */
export type IdvDocumentType = 'identification_card' | 'driver_license' | 'passport';

/** The SDK's document types in seed 001's `document_type_e` spelling. */
export const IDV_DOCUMENT_TYPE: Readonly<Record<DocumentType, IdvDocumentType>> = {
  identity_card: 'identification_card',
  drivers_license: 'driver_license',
  passport: 'passport',
};

/** The seed's `document_type_e` value for a document type. */
export function toIdvDocumentType(type: DocumentType): IdvDocumentType {
  return IDV_DOCUMENT_TYPE[type];
}

/** Where the person is, sent with every image and liveness call. */
export interface IdvLocation {
  readonly latitude: number;
  readonly longitude: number;
}

/** The finalization's answer (a type alias, so that it is a `FinishResult`). */
export type IdvSdkResult = {
  readonly verified: boolean;
  readonly on_sanction_list: boolean;
};

/** What {@link createIdvSdkAdapter} needs. */
export interface IdvSdkAdapterOptions {
  /**
   * The client: base URL, bearer token (the session's access token) and `X-Client-Id` among its
   * `headers` (see {@link idvSdkHeaders}).
   */
  readonly client: KycClient;
  /** The IDV session id from the host's backend. */
  readonly sessionId: string;
  /** The integrator's client id, sent as `X-Client-Id` on every call. */
  readonly clientId: string;
  /**
   * The consent recorded by `start()`; default true, because the element only starts once the
   * person ticked consent. With false the backend refuses every later call (403 consent_required).
   */
  readonly consent?: boolean;
  /**
   * Where the person is; default a fixed `{latitude: 0, longitude: 0}` (no location prompt). An
   * integrator may pass a wrapper around `navigator.geolocation.getCurrentPosition`.
   */
  readonly location?: () => Promise<IdvLocation>;
  /** Extra fields merged into the `sdk_metadata` sent by `finish()`. */
  readonly sdkMetadata?: () => Record<string, unknown>;
}

/** The idv-sdk adapter: a {@link ProtocolAdapter} that also keeps the finalization's answer. */
export interface IdvSdkAdapter extends ProtocolAdapter {
  /** The finalization's answer, once `finish()` resolved; undefined before. */
  readonly lastResult: IdvSdkResult | undefined;
  /** The session as `start()` read it (seed 001's session information), undefined before. */
  readonly session: Readonly<Record<string, unknown>> | undefined;
  /** Metadata, then finalization; resolves with (and keeps in `lastResult`) the answer. */
  finish(options?: { signal?: AbortSignal }): Promise<IdvSdkResult>;
  /** `ping`, then `health`: whether the service answers, and the status it reports. */
  preflight(options?: { signal?: AbortSignal }): Promise<PreflightResult>;
}

/** The most images one liveness process takes (seed 001 sets no limit; the mock takes 10). */
export const MAX_LIVENESS_IMAGES = 10;

/** At most `max` items, spread evenly over the list (first and last kept). */
function spread<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  return Array.from(
    { length: max },
    (_, i) => items[Math.round((i * (items.length - 1)) / (max - 1))] as T,
  );
}

const ACCEPTED: ServerFeedback = { accepted: true, feedback: 'ok', complete: false };
const DEFAULT_LOCATION: IdvLocation = { latitude: 0, longitude: 0 };

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError({ cause: signal.reason });
}

/** The file name of a document image part, from the bytes' type. */
function fileName(capture: Capture): string {
  return `${capture.step}.${capture.blob.type === 'image/png' ? 'png' : 'jpg'}`;
}

/**
 * The idv-sdk adapter.
 *
 * - `start()` records consent, then reads the session; resolves to `{}` (the session read does not
 *   name steps the SDK's flow should skip).
 * - `send()`: a document image first sets the document type (again when it changes on a new front
 *   image, which the backend answers by clearing the images), then goes as multipart to the front
 *   or back path. Seed 001 has no selfie endpoint, so a selfie is sent as the single image of a
 *   liveness process (generate + process with `images: [selfie]`), which the backend records as
 *   liveness detected and selfie given. A later liveness step replaces it.
 * - `sendLiveness()`: generate, then process with every frame of `capture.frames` as base64 (at
 *   most {@link MAX_LIVENESS_IMAGES}, spread evenly over the sequence when there are more).
 * - `finish()`: SDK metadata (SDK name and version, device, last camera label, capture metrics, device signals),
 *   then finalization; resolves with the answer, also kept in `lastResult`.
 */
export function createIdvSdkAdapter(options: IdvSdkAdapterOptions): IdvSdkAdapter {
  const { client, sessionId } = options;
  const consent = options.consent ?? true;
  const locate = options.location ?? (() => Promise.resolve(DEFAULT_LOCATION));
  let sentDocumentType: IdvDocumentType | undefined;
  let lastResult: IdvSdkResult | undefined;
  let session: Record<string, unknown> | undefined;
  let cameraLabel: string | undefined;
  const metrics: Record<string, unknown> = {};
  const taken = new Map<string, Capture>();

  /** POSTs through the client (typed errors, timeout, retries); resolves to the JSON body. */
  function post(
    path: string,
    body: { json: Record<string, unknown> } | { form: FormData },
    requestOptions: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
  ): Promise<unknown> {
    return client.request('POST', path, { ...body, ...requestOptions });
  }

  function postJson(
    path: string,
    json: Record<string, unknown>,
    requestOptions?: { signal?: AbortSignal; onProgress?: (fraction: number) => void },
  ): Promise<unknown> {
    return post(path, { json: { session_id: sessionId, ...json } }, requestOptions);
  }

  async function setDocumentType(type: DocumentType, signal: AbortSignal | undefined) {
    const idvType = toIdvDocumentType(type);
    await postJson(IdvSdkPaths.documentType, { document_type_e: idvType }, { signal });
    sentDocumentType = idvType;
  }

  function remember(capture: Capture, extra: Record<string, unknown> = {}): void {
    if (capture.cameraLabel) cameraLabel = capture.cameraLabel;
    taken.set(capture.step, capture);
    metrics[capture.step] = {
      width: capture.width,
      height: capture.height,
      byte_length: capture.blob.size,
      source: capture.source,
      auto: capture.quality?.auto ?? null,
      sharpness: capture.quality?.sharpness ?? null,
      ...extra,
    };
  }

  /** Liveness generate + process with the given images. */
  async function liveness(images: readonly Blob[], sendOptions: SendOptions): Promise<void> {
    const { signal, onProgress } = sendOptions;
    const location = await locate();
    checkAborted(signal);
    const encoded: string[] = [];
    for (const image of images) {
      encoded.push(bytesToBase64(new Uint8Array(await image.arrayBuffer())));
    }
    checkAborted(signal);
    const coordinates = { latitude: location.latitude, longitude: location.longitude };
    await postJson(IdvSdkPaths.livenessGenerate, coordinates, { signal });
    await postJson(
      IdvSdkPaths.livenessProcess,
      encoded.length > 0 ? { ...coordinates, images: encoded } : coordinates,
      { signal, onProgress },
    );
  }

  async function send(capture: Capture, sendOptions: SendOptions = {}): Promise<ServerFeedback> {
    const { signal, onProgress } = sendOptions;
    checkAborted(signal);
    if (capture.step === 'liveness') return sendLiveness(capture, sendOptions);
    if (capture.step === 'selfie') {
      await liveness([capture.blob], sendOptions);
      remember(capture);
      return ACCEPTED;
    }
    const documentType = capture.documentType ?? sendOptions.documentType;
    if (documentType) {
      const idvType = toIdvDocumentType(documentType);
      // The first document image sets the type; a new front with another type changes it.
      if (
        sentDocumentType === undefined ||
        (capture.step === 'document_front' && sentDocumentType !== idvType)
      ) {
        await setDocumentType(documentType, signal);
      }
    }
    const location = await locate();
    checkAborted(signal);
    const path =
      capture.step === 'document_front' ? IdvSdkPaths.documentFront : IdvSdkPaths.documentBack;
    const form = new FormData();
    form.append('session_id', sessionId);
    form.append('latitude', String(location.latitude));
    form.append('longitude', String(location.longitude));
    form.append('image', capture.blob, fileName(capture));
    await post(path, { form }, { signal, onProgress });
    remember(capture);
    return ACCEPTED;
  }

  async function sendLiveness(
    capture: Capture,
    sendOptions: SendOptions = {},
  ): Promise<ServerFeedback> {
    const frames = spread(
      capture.frames?.map((frame) => frame.blob) ?? [capture.blob],
      MAX_LIVENESS_IMAGES,
    );
    await liveness(frames, sendOptions);
    remember(capture, {
      frames: capture.frames?.length ?? 1,
      labels: capture.frames?.map((frame) => frame.label) ?? [],
      mode: capture.livenessMode ?? null,
    });
    return ACCEPTED;
  }

  return {
    name: IDV_SDK,
    get lastResult() {
      return lastResult;
    },
    get session() {
      return session;
    },
    start: async ({ signal } = {}) => {
      checkAborted(signal);
      await postJson(IdvSdkPaths.consent, { consented: consent }, { signal });
      const read = await postJson(IdvSdkPaths.sessionRead, {}, { signal });
      if (!isRecord(read)) {
        throw new ResponseFormatError(
          'The session read is not a JSON object.',
          JSON.stringify(read),
        );
      }
      session = read;
      return {};
    },
    send,
    sendLiveness,
    preflight: async ({ signal } = {}) => {
      // The probes carry no auth in the seed; the client's token and X-Client-Id do no harm.
      const ping = await client.request('GET', IdvSdkPaths.ping, { signal });
      const health = await client.request('GET', IdvSdkPaths.health, { signal });
      const status = isRecord(health) ? health['status'] : undefined;
      return {
        reachable: isRecord(ping) && ping['pong'] === true,
        ...(typeof status === 'string' ? { status } : {}),
      };
    },
    finish: async ({ signal } = {}) => {
      checkAborted(signal);
      const device = buildDeviceInfo({ cameraLabel });
      const sdkMetadata = {
        sdk_name: SDK_NAME,
        sdk_version: SDK_VERSION,
        device: {
          user_agent: device.user_agent,
          platform: device.platform,
          language: device.language,
          screen_width: device.screen_width,
          screen_height: device.screen_height,
        },
        camera_label: device.camera_label,
        capture_metrics: { ...metrics },
        device_signals: deviceSignals(taken.values()),
        ...options.sdkMetadata?.(),
      };
      await postJson(IdvSdkPaths.metadata, { sdk_metadata: sdkMetadata }, { signal });
      const reply = await postJson(IdvSdkPaths.finalize, {}, { signal });
      if (
        !isRecord(reply) ||
        typeof reply['verified'] !== 'boolean' ||
        typeof reply['on_sanction_list'] !== 'boolean'
      ) {
        throw new ResponseFormatError(
          'The finalization reply lacks verified and on_sanction_list.',
          JSON.stringify(reply) ?? '',
        );
      }
      lastResult = { verified: reply['verified'], on_sanction_list: reply['on_sanction_list'] };
      return lastResult;
    },
  };
}
