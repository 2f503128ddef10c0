// The session-v1 protocol adapter (the Document Verification sessions API): one POST per image,
// answered with feedback and the images still missing. The wire format itself lives in
// session-v1-wire.ts and is re-exported here, so `session-v1` is the one module to import.
import type { KycClient } from '../api/client.js';
import { AbortedError, HttpError } from '../api/errors.js';
import type { Capture } from '../capture/types.js';
import { KycError, type Reason } from '../errors.js';
import { en } from '../i18n/en.js';
import { isVirtualCameraLabel } from '../capture/device-signals.js';
import { SESSION_V1 } from './names.js';
import { readImageHeader } from '../internal/image-header.js';
import { IMAGE_STEPS, isImageStep, type CaptureStep, type ImageStep } from '../steps.js';
import {
  buildAddImageRequest,
  buildDeviceInfo,
  parseAddImageResponse,
  SessionV1Paths,
  type AddImageReply,
  type DeviceInfo,
  type ImageNames,
} from './session-v1-wire.js';
import type { ProtocolAdapter, SendOptions, ServerFeedback } from './types.js';

// The public part of the wire format (the package root re-exports this module). Helpers only the
// mock needs stay in session-v1-wire.ts.
export {
  type AddImageReply,
  type AddImageRequest,
  type AddImageResponse,
  buildAddImageRequest,
  buildDeviceInfo,
  type CreateSessionRequest,
  type CreateSessionResponse,
  type DeviceInfo,
  ImageFeedback,
  imageName,
  type ImageNames,
  isKnownFeedback,
  parseAddImageResponse,
  Recommendation,
  SDK_NAME,
  SDK_VERSION,
  SESSION_V1_BASE_PATH,
  type SessionImageMetadata,
  type SessionImagesResponse,
  type SessionResult,
  SessionStatus,
  type SessionV1ErrorBody,
  SessionV1ErrorCode,
  type SessionV1Image,
  SessionV1Paths,
  type AddImageInput,
  type CameraDetails,
  type WireIssue,
  type WireResult,
} from './session-v1-wire.js';
export {
  ImageMimeType,
  readImageHeader,
  type ImageHeader,
  type ImageHeaderProblem,
} from '../internal/image-header.js';

export { SESSION_V1 } from './names.js';

/** Stable codes of {@link CaptureInputError}. */
export const CaptureInputErrorCode = {
  /** The capture's bytes are neither a JPEG nor a PNG. */
  UnsupportedImage: 'unsupported-image',
  /** A document image without a document type: the backend needs to know which document it is. */
  MissingDocumentType: 'missing-document-type',
} as const;
/** One capture-input error code. */
export type CaptureInputErrorCode =
  (typeof CaptureInputErrorCode)[keyof typeof CaptureInputErrorCode];

/** A capture the adapter cannot send as it is: a bug in the caller, so never retried. */
export class CaptureInputError extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: CaptureInputErrorCode;
  /** Always false: sending the same capture again fails the same way. */
  readonly retryable = false;

  constructor(code: CaptureInputErrorCode, message: string, options?: { reason?: Reason }) {
    super(code, message, options);
  }
}

/** Stable codes of {@link SessionV1ReplyError}. */
export const SessionV1ReplyErrorCode = {
  /**
   * The backend says it is not complete but asks for no image the SDK can name, and no planned
   * step is left to fall back on: carrying on is impossible and "done" would be false.
   */
  UnknownMissingImages: 'unknown-missing-images',
} as const;
/** One session-v1 reply error code. */
export type SessionV1ReplyErrorCode =
  (typeof SessionV1ReplyErrorCode)[keyof typeof SessionV1ReplyErrorCode];

/** A well-formed session-v1 reply the flow cannot act on; final: another try gets the same answer. */
export class SessionV1ReplyError extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: SessionV1ReplyErrorCode;
  /** Always false: the backend answers the same. */
  readonly retryable = false;
  /** Always true: nothing the person does gets past it (the integrator's `imageNames` does). */
  readonly final = true;
  /** The `missing_images` names the SDK could not read. */
  readonly names: readonly string[];

  constructor(code: SessionV1ReplyErrorCode, message: string, names: readonly string[]) {
    super(code, message, { reason: { code: `${SESSION_V1}.${code}`, params: { names } } });
    this.names = names;
  }
}

/** What {@link createSessionV1Adapter} needs. */
export interface SessionV1AdapterOptions {
  /** The client, holding the start token and the backend's base URL. */
  readonly client: KycClient;
  /** The session id from the host's backend. */
  readonly sessionId: string;
  /** Describes the device; default {@link buildDeviceInfo}. Camera fields come from each capture. */
  readonly deviceInfo?: () => DeviceInfo;
  /** The backend's own image names, where they are not the SDK's (`protocolOptions.imageNames`). */
  readonly imageNames?: ImageNames;
}

/** Bytes to base64 in chunks: one `String.fromCharCode(...all)` would overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  const chunk = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** What the backend answers 409 with: it already has everything, so this upload changes nothing. */
const ALREADY_COMPLETE: ServerFeedback = {
  accepted: true,
  feedback: 'ok',
  complete: true,
  alreadyComplete: true,
  missing: [],
};

/**
 * The session-v1 adapter over a {@link KycClient}.
 *
 * `start()` sends nothing and resolves to `{}`: the seed lets only the access token list a
 * session's images, so the browser learns what is missing from the first upload's reply (a 409 then
 * means the session was already complete).
 */
export function createSessionV1Adapter(options: SessionV1AdapterOptions): ProtocolAdapter {
  const { client, sessionId, imageNames = {} } = options;
  const describeDevice = options.deviceInfo ?? (() => buildDeviceInfo());

  async function send(capture: Capture, sendOptions: SendOptions = {}): Promise<ServerFeedback> {
    const { signal, onProgress } = sendOptions;
    if (signal?.aborted) throw new AbortedError({ cause: signal.reason });
    const bytes = new Uint8Array(await capture.blob.arrayBuffer());
    if (signal?.aborted) throw new AbortedError({ cause: signal.reason });

    // The bytes name the format; a Blob's `type` can be empty or wrong (e.g. a renamed file).
    const header = readImageHeader(bytes);
    if (!header.ok) {
      throw new CaptureInputError(
        'unsupported-image',
        en.errors['unsupported-image']({ detail: header.message }),
        { reason: { code: 'unsupported-image', params: { detail: header.message } } },
      );
    }
    const documentType =
      capture.step === 'selfie' ? undefined : (capture.documentType ?? sendOptions.documentType);
    if (capture.step !== 'selfie' && !documentType) {
      throw new CaptureInputError(
        'missing-document-type',
        en.errors['missing-document-type']({ step: capture.step }),
        { reason: { code: 'missing-document-type', params: { step: capture.step } } },
      );
    }

    const device = describeDevice();
    const body = buildAddImageRequest({
      capture,
      data: bytesToBase64(bytes),
      mimeType: header.mimeType,
      documentType,
      // The camera that took this capture is more precise than anything known up front.
      deviceInfo: {
        ...device,
        camera_label: capture.cameraLabel ?? device.camera_label,
        camera_facing: capture.facingMode ?? device.camera_facing,
        virtual_camera: isVirtualCameraLabel(capture.cameraLabel ?? device.camera_label),
      },
      imageNames,
    });

    try {
      const reply = await client.request('POST', SessionV1Paths.images(sessionId), {
        json: body,
        signal,
        onProgress,
        parse: (raw: unknown) => parseReply(raw, imageNames),
      });
      return toFeedback(reply, sendOptions.remaining);
    } catch (error) {
      if (error instanceof HttpError && error.status === 409) return ALREADY_COMPLETE;
      throw error;
    }
  }

  return {
    name: SESSION_V1,
    start: async ({ signal } = {}) => {
      if (signal?.aborted) throw new AbortedError({ cause: signal.reason });
      return {};
    },
    send,
  };
}

/** Strict reply parsing; the client turns the thrown Error into a `ResponseFormatError`. */
function parseReply(body: unknown, names: ImageNames): AddImageReply {
  const result = parseAddImageResponse(body, names);
  if (!result.ok) {
    throw new Error(`Unexpected add-image reply: ${result.issue.message}`);
  }
  return result.value;
}

/**
 * What the flow makes of a reply. `complete: false` after an accepted image must never end the
 * flow, which it would with an empty list of missing images: when the reply names no image the SDK
 * knows (names it cannot read, or none at all), the images still planned stand in for it, with any
 * it did read. With nothing planned either, the flow cannot go on: a typed, final error. Without
 * `remaining` (the adapter used outside a flow) the reply is passed on as read.
 */
function toFeedback(
  reply: AddImageReply,
  remaining: readonly CaptureStep[] | undefined,
): ServerFeedback {
  const { feedback, complete, missing, unknownImages } = reply;
  const accepted = feedback === 'ok';
  const base = { accepted, feedback, complete };
  const readable = missing && unknownImages.length === 0;
  const needsFallback = accepted && !complete && (!readable || missing.length === 0);
  if (!needsFallback) return readable ? { ...base, missing } : base;
  // Outside a flow there is no plan to fall back on; an empty list must not read as "done".
  if (remaining === undefined) return base;
  const wanted = new Set<ImageStep>([...(missing ?? []), ...remaining.filter(isImageStep)]);
  const steps = IMAGE_STEPS.filter((step) => wanted.has(step));
  if (steps.length === 0) {
    throw new SessionV1ReplyError(
      'unknown-missing-images',
      `The backend is not complete but asks for no image this SDK can name (missing_images: ` +
        `${JSON.stringify(unknownImages)}); set protocolOptions.imageNames.`,
      unknownImages,
    );
  }
  return { ...base, missing: steps };
}
