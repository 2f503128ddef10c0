// The session-v1 wire format as this SDK speaks it: the browser adapter builds requests and reads
// replies with these definitions. The seed API leaves the inner fields of `image` and
// `device_info` open; this module is where the SDK fixes what it sends. The mock backend
// (mock/session-v1.ts) reads requests with its own code written from the seed, so a mistake here
// cannot hide behind the same mistake there. Pure and DOM-free at import time: Node
// loads it for the mock; `buildDeviceInfo` touches `navigator`/`screen` only when called.
import type { Capture, CaptureSource } from '../capture/types.js';
import { DocumentType, IMAGE_STEPS, isImageStep, type ImageStep } from '../steps.js';
import { isVirtualCameraLabel } from '../capture/device-signals.js';
import { isRecord } from '../internal/guards.js';
import { ImageMimeType } from '../internal/image-header.js';

/** The SDK's name as reported in `device_info.sdk_name`. */
export const SDK_NAME = 'kyc-capture';
/** The SDK's version as reported in `device_info.sdk_version`; a mock test keeps it equal to package.json. */
export const SDK_VERSION = '0.1.0';

/** Root of every session-v1 endpoint. */
export const SESSION_V1_BASE_PATH = '/api/v1/verification';

/** The session-v1 endpoint paths, with ids URL-encoded. */
export const SessionV1Paths = {
  /** POST: create a session (backend only, access token). */
  sessions: SESSION_V1_BASE_PATH,
  /** DELETE: delete a session and everything in it (access token). */
  session: (sessionId: string) => `${SESSION_V1_BASE_PATH}/${encodeURIComponent(sessionId)}`,
  /** POST: add an image; GET: list image metadata. */
  images: (sessionId: string) => `${SessionV1Paths.session(sessionId)}/images`,
  /** GET: one image's bytes. */
  image: (sessionId: string, imageId: string) =>
    `${SessionV1Paths.images(sessionId)}/${encodeURIComponent(imageId)}`,
  /** GET: the verification result (access token). */
  result: (sessionId: string) => `${SessionV1Paths.session(sessionId)}/result`,
} as const;

/** The feedback values a session-v1 backend answers an uploaded image with. */
export const ImageFeedback = {
  Ok: 'ok',
  Blurry: 'blurry',
  Glare: 'glare',
  TooDark: 'too_dark',
  TooBright: 'too_bright',
  DocumentNotFound: 'document_not_found',
  CornersNotVisible: 'corners_not_visible',
  WrongSide: 'wrong_side',
  FaceNotFound: 'face_not_found',
  MultipleFaces: 'multiple_faces',
  ImageTooSmall: 'image_too_small',
} as const;
/** One known feedback value; servers may send others, which are kept verbatim. */
export type ImageFeedback = (typeof ImageFeedback)[keyof typeof ImageFeedback];

const KNOWN_FEEDBACK: ReadonlySet<string> = new Set(Object.values(ImageFeedback));

/** Whether `value` is one of the known feedback values (the catalog words each one). */
export function isKnownFeedback(value: unknown): value is ImageFeedback {
  return typeof value === 'string' && KNOWN_FEEDBACK.has(value);
}

/** The `error.code` values of session-v1 error replies (`{"error":{"code","message"}}`). */
export const SessionV1ErrorCode = {
  /** 400: the body is not a JSON object. */
  MalformedBody: 'malformed_body',
  /** 415: a POST body without `Content-Type: application/json`. */
  UnsupportedContentType: 'unsupported_content_type',
  /** 400: a required field is absent. */
  MissingField: 'missing_field',
  /** 400: a field has the wrong type or a value outside its vocabulary. */
  InvalidField: 'invalid_field',
  /** 400: `image.data` is not plain base64 (no `data:` prefix, no whitespace). */
  InvalidBase64: 'invalid_base64',
  /** 400: the bytes are not a JPEG or PNG, or are corrupt. */
  UnsupportedImage: 'unsupported_image',
  /** 400: the image bytes end too early. */
  ImageTruncated: 'image_truncated',
  /** 400: `mime_type` says one format, the bytes are another. */
  MimeTypeMismatch: 'mime_type_mismatch',
  /** 400: `width`/`height` differ from the size in the image header. */
  DimensionMismatch: 'dimension_mismatch',
  /** 400: the short side is under 200 px. */
  ImageTooSmall: 'image_too_small',
  /** 400: a side over 10000 px, or more bytes than the server takes. */
  ImageTooLarge: 'image_too_large',
  /** 400: e.g. a back side for a passport. */
  UnexpectedImage: 'unexpected_image',
  /** 400: the back's document type differs from the accepted front's. */
  DocumentTypeMismatch: 'document_type_mismatch',
  /** 401: no Authorization header. */
  TokenMissing: 'token_missing',
  /** 401: the Authorization header is not `Bearer <token>`. */
  TokenMalformed: 'token_malformed',
  /** 401: the token is unknown (or its session was deleted). */
  TokenInvalid: 'token_invalid',
  /** 401: the start token's lifetime is over. */
  TokenExpired: 'token_expired',
  /** 401: a start token used on another session (the seed lists no 403). */
  TokenWrongSession: 'token_wrong_session',
  /** 401: a start token used on an access-token-only endpoint (the seed lists no 403). */
  InsufficientScope: 'insufficient_scope',
  /** 404: no such session. */
  SessionNotFound: 'session_not_found',
  /** 404: no such image. */
  ImageNotFound: 'image_not_found',
  /** 404: no such endpoint. */
  NotFound: 'not_found',
  /** 405: the endpoint exists but not with this method. */
  MethodNotAllowed: 'method_not_allowed',
  /** 409: every required image was already accepted. */
  SessionComplete: 'session_complete',
  /** 413: the request body is over the limit. */
  PayloadTooLarge: 'payload_too_large',
  /** 500: a bug in the server. */
  InternalError: 'internal_error',
  /** 503: try again later (see Retry-After). */
  ServiceUnavailable: 'service_unavailable',
} as const;
/** One session-v1 error code. */
export type SessionV1ErrorCode = (typeof SessionV1ErrorCode)[keyof typeof SessionV1ErrorCode];

/** The body of every session-v1 error reply. */
export interface SessionV1ErrorBody {
  /** The error. */
  readonly error: {
    /** A snake_case code, one of {@link SessionV1ErrorCode} for this SDK's mock. */
    readonly code: string;
    /** What went wrong, for developers. */
    readonly message: string;
  };
}

/** The camera directions `device_info.camera_facing` may name. */
export const CameraFacing = { User: 'user', Environment: 'environment' } as const;
/** Front (`user`) or rear (`environment`) camera. */
export type CameraFacing = (typeof CameraFacing)[keyof typeof CameraFacing];

/** The backend's own name of each image where it differs from the step's (`protocolOptions.imageNames`). */
export type ImageNames = Readonly<Partial<Record<ImageStep, string>>>;

/** The name the backend knows `step` by: its entry in `names`, else the step's own. */
export function imageName(step: ImageStep, names: ImageNames = {}): string {
  return names[step] ?? step;
}

/** The `image` object of an add-image request. */
export interface SessionV1Image {
  /** Which image of the verification this is: the step, or the backend's name of it (`imageNames`). */
  readonly type: string;
  /** The JPEG or PNG bytes, base64 without a `data:` prefix. */
  readonly data: string;
  /** The format of `data`. */
  readonly mime_type: ImageMimeType;
  /** Pixel width; must match the image header. */
  readonly width: number;
  /** Pixel height; must match the image header. */
  readonly height: number;
  /** Required for `document_front`/`document_back`, absent for `selfie`. */
  readonly document_type?: DocumentType;
  /** Live camera or a picked file. */
  readonly source: CaptureSource;
  /** When it was taken, ISO 8601. */
  readonly captured_at: string;
}

/** The `device_info` object of an add-image request. */
export interface DeviceInfo {
  /** Always `kyc-capture`. */
  readonly sdk_name: string;
  /** The SDK's semver version. */
  readonly sdk_version: string;
  /** `navigator.userAgent`. */
  readonly user_agent: string;
  /** The OS platform as the browser names it (e.g. `Android`, `macOS`, `Linux x86_64`). */
  readonly platform: string;
  /** The browser's BCP 47 language tag (`und` when unknown). */
  readonly language: string;
  /** Screen width in CSS pixels (0 where there is no screen, e.g. in a Worker). */
  readonly screen_width: number;
  /** Screen height in CSS pixels. */
  readonly screen_height: number;
  /** The camera's label, or null for a picked file or an unknown camera. */
  readonly camera_label: string | null;
  /** The camera's facing mode, or null when unknown. */
  readonly camera_facing: CameraFacing | null;
  /**
   * True when the camera's label names a known virtual camera (see `isVirtualCameraLabel`): a
   * hint for the backend's fraud checks, not a verdict. Optional on the wire (default false).
   */
  readonly virtual_camera?: boolean;
}

/** The body of `POST /api/v1/verification/{sid}/images`. */
export interface AddImageRequest {
  /** The image. */
  readonly image: SessionV1Image;
  /** The device that took it. */
  readonly device_info: DeviceInfo;
}

/** The 200 body of `POST /api/v1/verification/{sid}/images`. */
export interface AddImageResponse {
  /** `ok` or a reason for a retake (see {@link ImageFeedback}); unknown values are possible. */
  readonly feedback: string;
  /** Whether every required image is in; the seed sends a string, clients accept a boolean too. */
  readonly complete: 'true' | 'false' | boolean;
  /** The images still needed. */
  readonly missing_images?: readonly string[];
}

/** The recommendations a verification result can carry. */
export const Recommendation = { Approve: 'APPROVE', Review: 'REVIEW', Deny: 'DENY' } as const;
/** One recommendation. */
export type Recommendation = (typeof Recommendation)[keyof typeof Recommendation];

/** Whether a session has all its images. */
export const SessionStatus = { Complete: 'complete', Incomplete: 'incomplete' } as const;
/** A session's status in its result. */
export type SessionStatus = (typeof SessionStatus)[keyof typeof SessionStatus];

/** The body of `POST /api/v1/verification` (every field optional). */
export interface CreateSessionRequest {
  /** Where the person is sent when done. */
  readonly callback_url?: string;
  /** Opaque CSRF state added to the callback URL. */
  readonly state?: string;
  /** Deprecated: session lifetime as `<n>d`, default `90d`. */
  readonly time_to_live?: string;
  /** Test-only behaviour (see mock/session-v1.ts for what the mock understands). */
  readonly mock_behavior?: unknown;
  /** Deprecated: see `start`. */
  readonly auto_start?: boolean;
  /** Starts the session from the backend; leave empty for browser capture. */
  readonly start?: Readonly<Record<string, unknown>> | null;
}

/** The 200 body of `POST /api/v1/verification`. */
export interface CreateSessionResponse {
  /** The short-lived token the browser uses. */
  readonly start_token: string;
  /** The session id. */
  readonly session_id: string;
  /** When the start token expires, ISO 8601. */
  readonly expiration: string;
  /** The images the session needs. */
  readonly missing_images: readonly ImageStep[];
}

/** One entry of `GET /api/v1/verification/{sid}/images`. */
export interface SessionImageMetadata {
  /** Image id for `GET .../images/{id}`. */
  readonly id: string;
  /** Which image it is. */
  readonly type: string;
  /** Its format. */
  readonly mime_type: ImageMimeType;
  /** Pixel width. */
  readonly width: number;
  /** Pixel height. */
  readonly height: number;
  /** Size of the stored bytes. */
  readonly size_bytes: number;
  /** The feedback it got. */
  readonly feedback: string;
  /** Camera or file. */
  readonly source: CaptureSource;
  /** The document type, for document images. */
  readonly document_type?: DocumentType;
  /** When the server received it, ISO 8601. */
  readonly created_at: string;
}

/** The 200 body of `GET /api/v1/verification/{sid}/images`. */
export interface SessionImagesResponse {
  /** Every image received, rejected ones included, oldest first. */
  readonly session_images: readonly SessionImageMetadata[];
}

/** The 200 body of `GET /api/v1/verification/{sid}/result`. */
export interface SessionResult {
  /** The session id. */
  readonly session_id: string;
  /** Whether every required image is in. */
  readonly status: SessionStatus;
  /** The verdict, null until the session is complete. */
  readonly recommendation: Recommendation | null;
  /** Data read about the person (PII), null until complete. */
  readonly person: Readonly<Record<string, unknown>> | null;
  /** Data read from the document, null until complete. */
  readonly document: Readonly<Record<string, unknown>> | null;
  /** Anything else the backend reports. */
  readonly additional_info: Readonly<Record<string, unknown>>;
  /** Individual check outcomes, null until complete. */
  readonly checks: Readonly<Record<string, unknown>> | null;
}

/** One problem found in a body: the error code and the dotted path of the field. */
export interface WireIssue {
  /** The session-v1 error code a server answers with. */
  readonly code: SessionV1ErrorCode;
  /** Dotted path of the offending field (`image.width`), empty for the whole body. */
  readonly field: string;
  /** What is wrong, for developers. */
  readonly message: string;
}

/** The outcome of validating a body. */
export type WireResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issue: WireIssue };

const LANGUAGE_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;
const MAX_SHORT_TEXT = 200;
const MAX_USER_AGENT = 1000;

/** Thrown inside the validators to stop at the first problem; never escapes this module. */
class IssueFound {
  constructor(readonly issue: WireIssue) {}
}

function fail(code: SessionV1ErrorCode, field: string, message: string): never {
  throw new IssueFound({ code, field, message });
}

function run<T>(validate: () => T): WireResult<T> {
  try {
    return { ok: true, value: validate() };
  } catch (error) {
    if (error instanceof IssueFound) return { ok: false, issue: error.issue };
    throw error;
  }
}

function required(object: Record<string, unknown>, key: string, path: string): unknown {
  const value = object[key];
  if (value === undefined) fail('missing_field', path, `${path} is required.`);
  return value;
}

/** A 200 add-image reply as read: the images named in `missing_images` split into known and not. */
export interface AddImageReply {
  /** The backend's feedback value, verbatim (`ok` means accepted). */
  readonly feedback: string;
  /** Whether the backend has every image (`"true"`/`true`). */
  readonly complete: boolean;
  /** The steps `missing_images` names, in its order; undefined when the reply has no list. */
  readonly missing?: readonly ImageStep[];
  /** The names in `missing_images` that are no step's name: the SDK cannot tell what they ask for. */
  readonly unknownImages: readonly string[];
}

/**
 * Reads a 200 add-image reply strictly. `complete` may be a boolean or the strings the seed shows
 * (`"false"` in its sample); each `missing_images` name is read through `names`, and names no step
 * has are kept apart (never dropped silently: the adapter decides what the flow does about them).
 * Any wrong type is an error.
 */
export function parseAddImageResponse(
  body: unknown,
  names: ImageNames = {},
): WireResult<AddImageReply> {
  return run(() => {
    if (!isRecord(body)) fail('malformed_body', '', 'The reply must be a JSON object.');
    const feedback = required(body, 'feedback', 'feedback');
    if (typeof feedback !== 'string' || feedback === '') {
      fail('invalid_field', 'feedback', 'feedback must be a non-empty string.');
    }
    const rawComplete = required(body, 'complete', 'complete');
    let complete: boolean;
    if (typeof rawComplete === 'boolean') complete = rawComplete;
    else if (rawComplete === 'true' || rawComplete === 'false') complete = rawComplete === 'true';
    else fail('invalid_field', 'complete', 'complete must be true, false, "true" or "false".');
    const rawMissing = body['missing_images'];
    let missing: ImageStep[] | undefined;
    const unknownImages: string[] = [];
    if (rawMissing !== undefined && rawMissing !== null) {
      if (!Array.isArray(rawMissing) || !rawMissing.every((v) => typeof v === 'string')) {
        fail('invalid_field', 'missing_images', 'missing_images must be an array of strings.');
      }
      const steps = new Map(IMAGE_STEPS.map((step) => [imageName(step, names), step]));
      missing = [];
      for (const name of rawMissing as string[]) {
        const step = steps.get(name);
        if (step) missing.push(step);
        else unknownImages.push(name);
      }
    }
    return { feedback, complete, ...(missing ? { missing } : {}), unknownImages };
  });
}

/** Camera details of one capture, for `device_info`. */
export interface CameraDetails {
  /** The camera's label. */
  readonly cameraLabel?: string;
  /** The camera's facing mode. */
  readonly facingMode?: CameraFacing;
}

/** The parts of `navigator` read here; `userAgentData` is Chromium-only and not in lib.dom. */
interface NavigatorLike {
  readonly userAgent?: string;
  readonly platform?: string;
  readonly language?: string;
  readonly userAgentData?: { readonly platform?: string };
}

function clip(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}

/**
 * Describes this device from `navigator` and `screen`. Every value is clipped to what a strict
 * backend takes: an odd browser must never be the reason an upload fails.
 */
export function buildDeviceInfo(camera: CameraDetails = {}): DeviceInfo {
  const nav = (globalThis as { navigator?: NavigatorLike }).navigator;
  const screen = (globalThis as { screen?: { width?: number; height?: number } }).screen;
  const language = nav?.language ?? '';
  const size = (value: number | undefined) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
  return {
    sdk_name: SDK_NAME,
    sdk_version: SDK_VERSION,
    user_agent: clip(nav?.userAgent ?? '', MAX_USER_AGENT),
    platform: clip(nav?.userAgentData?.platform || nav?.platform || '', MAX_SHORT_TEXT),
    language: LANGUAGE_TAG.test(language) && language.length <= MAX_SHORT_TEXT ? language : 'und',
    screen_width: size(screen?.width),
    screen_height: size(screen?.height),
    camera_label: camera.cameraLabel ? clip(camera.cameraLabel, MAX_SHORT_TEXT) : null,
    camera_facing: camera.facingMode ?? null,
    virtual_camera: isVirtualCameraLabel(camera.cameraLabel),
  };
}

/** What {@link buildAddImageRequest} needs besides the capture. */
export interface AddImageInput {
  /** The capture to send. */
  readonly capture: Capture;
  /** The capture's bytes, base64-encoded. */
  readonly data: string;
  /** The format found in the bytes. */
  readonly mimeType: ImageMimeType;
  /** The document type; used for document images only. */
  readonly documentType?: DocumentType;
  /** The device description to send. */
  readonly deviceInfo: DeviceInfo;
  /** The backend's own image names (`protocolOptions.imageNames`). */
  readonly imageNames?: ImageNames;
}

/** Builds the add-image body; `document_type` is set for document images and left out for selfies. */
export function buildAddImageRequest(input: AddImageInput): AddImageRequest {
  const { capture, data, mimeType, documentType, deviceInfo, imageNames } = input;
  // A liveness sequence is not one of session-v1's images; the flow never sends one here.
  if (!isImageStep(capture.step)) throw new RangeError(`session-v1 has no ${capture.step} image`);
  return {
    image: {
      type: imageName(capture.step, imageNames),
      data,
      mime_type: mimeType,
      width: capture.width,
      height: capture.height,
      ...(capture.step !== 'selfie' && documentType ? { document_type: documentType } : {}),
      source: capture.source,
      captured_at: new Date(capture.takenAt).toISOString(),
    },
    device_info: deviceInfo,
  };
}
