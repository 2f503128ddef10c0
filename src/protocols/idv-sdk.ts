// The idv-sdk protocol adapter (seed 001's "IDV SDK" endpoints of the KYC API): consent, session
// read, document type, multipart document images, liveness (generate + process with base64 frames),
// SDK metadata and finalization. Bodies as seed 001 gives them; the seed names no paths, so each
// operation's path is a setting (`paths`, defaults in idv-sdk-options.ts: the mock's choices).
//
// Every call carries `X-Client-Id` (a client-wide header of the KycClient the caller builds) and
// the bearer token; KycClient gives the typed errors, the per-attempt timeout, bounded retries and
// the one token refresh through `getToken()` after a 401.
import type { KycClient } from '../api/client.js';
import { AbortedError, ResponseFormatError } from '../api/errors.js';
import type { GeoPosition } from '../api/geolocation.js';
import { deviceSignals } from '../capture/device-signals.js';
import type { Capture } from '../capture/types.js';
import type { DocumentType } from '../steps.js';
import { buildDeviceInfo, bytesToBase64, SDK_NAME, SDK_VERSION } from './session-v1.js';
import { KycError, type Reason } from '../errors.js';
import { en } from '../i18n/en.js';
import { isRecord } from '../internal/guards.js';
import {
  resolveIdvDocumentTypes,
  resolveIdvSdkPaths,
  type IdvDocumentType,
  type IdvDocumentTypeOverrides,
  type IdvSdkPathOverrides,
} from './idv-sdk-options.js';
import { IDV_SDK } from './names.js';
import type { PreflightResult, ProtocolAdapter, SendOptions, ServerFeedback } from './types.js';

export { IDV_SDK, idvSdkHeaders } from './names.js';
export {
  IDV_DOCUMENT_TYPE,
  IDV_SDK_DEFAULT_PATHS,
  resolveIdvSdkPaths,
  type IdvDocumentType,
  type IdvDocumentTypeOverrides,
  type IdvSdkOperation,
  type IdvSdkPathOverrides,
  type IdvSdkPaths,
} from './idv-sdk-options.js';

/** The seed's `document_type_e` value for a document type, with the integrator's overrides. */
export function toIdvDocumentType(
  type: DocumentType,
  overrides?: IdvDocumentTypeOverrides,
): IdvDocumentType {
  return resolveIdvDocumentTypes(overrides)[type];
}

/** Where the person is, sent with every image and liveness call. */
export type IdvLocation = GeoPosition;

/**
 * The finalization's answer, with the liveness provider the session read reported (seed 001's
 * `liveness_provider_e`, e.g. `azure`; null when the read gave none). A type alias, so that it is
 * a `FinishResult`.
 */
export type IdvSdkResult = {
  readonly verified: boolean;
  readonly on_sanction_list: boolean;
  readonly liveness_provider_e: string | null;
};

/** The liveness session `generate` opened: what a provider's own client would need. */
export interface IdvLivenessSession {
  /** The `token` generate answered (seed 001 takes it in no later call). */
  readonly token: string;
  /** The session's `liveness_provider_e` (e.g. `azure`), when the session read gave one. */
  readonly provider: string | undefined;
}

/** Stable codes of {@link IdvSdkError}. */
export const IdvSdkErrorCode = {
  /** No position to send: the person refused it (or the browser has none) and no `location` is set. */
  PositionUnavailable: 'position-unavailable',
} as const;
/** One idv-sdk error code. */
export type IdvSdkErrorCode = (typeof IdvSdkErrorCode)[keyof typeof IdvSdkErrorCode];

/** An idv-sdk call that cannot be made as seed 001 requires it. */
export class IdvSdkError extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: IdvSdkErrorCode;
  /** "Try again" can help: the person may allow the position meanwhile. */
  readonly retryable = true;

  constructor(code: IdvSdkErrorCode) {
    super(code, en.errors[`${IDV_SDK}.${code}`]);
  }

  /** `idv-sdk.<code>`. */
  protected override defaultReason(): Reason {
    return { code: `${IDV_SDK}.${this.code}` };
  }
}

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
   * Where the person is (seed 001 requires latitude and longitude on every image and liveness
   * call): e.g. a wrapper around `currentPosition`. Required: no position is made up. Resolving
   * undefined (refused, none set) fails that upload with a retryable `IdvSdkError`.
   */
  readonly location: () => Promise<IdvLocation | undefined>;
  /** The path of each operation relative to the client's base URL (partial; the rest default). */
  readonly paths?: IdvSdkPathOverrides;
  /** The `document_type_e` a choice is sent as, e.g. `{ identity_card: 'passport_card' }`. */
  readonly documentTypes?: IdvDocumentTypeOverrides;
  /**
   * Called with the liveness session between `generate` and `process`, for an integrator whose
   * provider's own client takes its token. The SDK keeps the token for nothing else.
   */
  readonly onLivenessSession?: (session: IdvLivenessSession) => void | Promise<void>;
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
 *   or back path. Seed 001's only image uploads are the document front and back (multipart with
 *   no type field); `selfie` is only a stored-file type of the admin downloads. So a selfie is
 *   sent as the single image of a liveness process (generate + process with `images: [selfie]`),
 *   which the backend records as liveness detected and selfie given. A later liveness step
 *   replaces it.
 * - `sendLiveness()`: generate, then process with every frame of `capture.frames` as base64 (at
 *   most {@link MAX_LIVENESS_IMAGES}, spread evenly over the sequence when there are more).
 *   Generate's `token` goes to `onLivenessSession`; seed 001's process body has no field for it.
 * - `finish()`: SDK metadata (SDK name and version, device, last camera label, capture metrics,
 *   device signals), then finalization; resolves with the answer and the session's liveness
 *   provider, also kept in `lastResult`.
 * @throws ConfigurationError for `paths` or `documentTypes` that seed 001 cannot take.
 */
export function createIdvSdkAdapter(options: IdvSdkAdapterOptions): IdvSdkAdapter {
  const { client, sessionId } = options;
  const consent = options.consent ?? true;
  const paths = resolveIdvSdkPaths(options.paths);
  const documentTypes = resolveIdvDocumentTypes(options.documentTypes);
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
    const idvType = documentTypes[type];
    await postJson(paths.documentType, { document_type_e: idvType }, { signal });
    sentDocumentType = idvType;
  }

  /** The person's position as seed 001 requires it; an `IdvSdkError` when there is none. */
  async function locate(signal: AbortSignal | undefined): Promise<GeoPosition> {
    const position = await options.location();
    checkAborted(signal);
    if (!position) throw new IdvSdkError(IdvSdkErrorCode.PositionUnavailable);
    return position;
  }

  /** The session read's `liveness_provider_e`, when it gave a string. */
  function livenessProvider(): string | undefined {
    const provider = session?.['liveness_provider_e'];
    return typeof provider === 'string' && provider !== '' ? provider : undefined;
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
    const location = await locate(signal);
    const encoded: string[] = [];
    for (const image of images) {
      encoded.push(bytesToBase64(new Uint8Array(await image.arrayBuffer())));
    }
    checkAborted(signal);
    const coordinates = { latitude: location.latitude, longitude: location.longitude };
    const generated = await postJson(paths.livenessGenerate, coordinates, { signal });
    const token = isRecord(generated) ? generated['token'] : undefined;
    if (typeof token !== 'string' || token === '') {
      throw new ResponseFormatError('The liveness generate reply lacks its token.', '');
    }
    await options.onLivenessSession?.({ token, provider: livenessProvider() });
    checkAborted(signal);
    // Seed 001's process body is session_id, latitude, longitude and images: no token field.
    await postJson(
      paths.livenessProcess,
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
      const idvType = documentTypes[documentType];
      // The first document image sets the type; a new front with another type changes it.
      if (
        sentDocumentType === undefined ||
        (capture.step === 'document_front' && sentDocumentType !== idvType)
      ) {
        await setDocumentType(documentType, signal);
      }
    }
    const location = await locate(signal);
    const path = capture.step === 'document_front' ? paths.documentFront : paths.documentBack;
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
      await postJson(paths.consent, { consented: consent }, { signal });
      const read = await postJson(paths.sessionRead, {}, { signal });
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
      const ping = await client.request('GET', paths.ping, { signal });
      const health = await client.request('GET', paths.health, { signal });
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
      await postJson(paths.metadata, { sdk_metadata: sdkMetadata }, { signal });
      const reply = await postJson(paths.finalize, {}, { signal });
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
      lastResult = {
        verified: reply['verified'],
        on_sanction_list: reply['on_sanction_list'],
        liveness_provider_e: livenessProvider() ?? null,
      };
      return lastResult;
    },
  };
}
