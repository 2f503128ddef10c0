import { KycError, type Reason } from '../errors.js';
import { en } from '../i18n/en.js';

/** Stable codes of {@link CameraError}; programs branch on these, never on the message. */
export const CameraErrorCode = {
  /** The person or a policy refused camera access. */
  PermissionDenied: 'permission-denied',
  /** No camera is connected (or none matches the requested device). */
  NotFound: 'not-found',
  /** The camera exists but the OS or another app holds it. */
  InUse: 'in-use',
  /** No camera can satisfy the constraints, even after the controller's relaxed retry. */
  Overconstrained: 'overconstrained',
  /** The page is not served over HTTPS (or localhost), so browsers hide the camera. */
  InsecureContext: 'insecure-context',
  /** The browser aborted the start for a reason of its own. */
  Aborted: 'aborted',
  /** This browser has no `getUserMedia` at all. */
  Unsupported: 'unsupported',
  /** A running camera stopped: unplugged, or taken over by another app. */
  TrackEnded: 'track-ended',
  /** A photo was asked for while the camera was not running. */
  NotLive: 'not-live',
  /**
   * The camera runs but its preview never showed a picture: playback refused (a web view that
   * wants a gesture or has inline playback off) or a track that delivers no frames.
   */
  NoVideo: 'no-video',
  /** Anything the browser reported that has no better code. */
  Unknown: 'unknown',
} as const;
/** One of the stable camera error codes. */
export type CameraErrorCode = (typeof CameraErrorCode)[keyof typeof CameraErrorCode];

/** What each code tells a developer (`hint`) and the element. */
interface CameraErrorInfo {
  readonly hint: string;
  readonly retryable: boolean;
  readonly recoverable: boolean;
}

// Hints are written for people who are mid-verification (say what to do, no jargon); the message
// is the catalog's English `camera.<code>` line, which the person reads (in their language).
// `retryable` drives the "Try again" button; `recoverable` says whether the person can fix the cause
// themselves (false when only the site's developer or another browser can).
const INFO: Record<CameraErrorCode, CameraErrorInfo> = {
  'permission-denied': {
    hint: "Allow camera access in your browser's site settings, then try again, or upload a photo instead.",
    retryable: true,
    recoverable: true,
  },
  'not-found': {
    hint: 'Connect a camera and try again, or upload a photo instead.',
    retryable: true,
    recoverable: true,
  },
  'in-use': {
    hint: 'Close other apps or tabs that use the camera, then try again, or upload a photo instead.',
    retryable: true,
    recoverable: true,
  },
  overconstrained: {
    hint: 'Switch to another camera or device, or upload a photo instead.',
    // The controller already retried with no constraints at all; repeating that cannot help.
    retryable: false,
    recoverable: true,
  },
  'insecure-context': {
    hint: 'Upload a photo instead. The camera works only on pages served over HTTPS.',
    retryable: false,
    recoverable: false,
  },
  aborted: {
    hint: 'Try again, or upload a photo instead.',
    retryable: true,
    recoverable: true,
  },
  unsupported: {
    hint: 'Upload a photo instead, or open this page in an up-to-date browser.',
    retryable: false,
    recoverable: false,
  },
  'track-ended': {
    hint: 'Check that your camera is connected and not used by another app, then try again, or upload a photo instead.',
    retryable: true,
    recoverable: true,
  },
  'not-live': {
    hint: 'Wait until you see the camera picture, then take the photo again.',
    retryable: true,
    recoverable: true,
  },
  'no-video': {
    hint: 'Try again, or upload a photo instead.',
    // The tap on "Try again" is itself the gesture a web view may be waiting for before it plays.
    retryable: true,
    recoverable: true,
  },
  unknown: {
    hint: 'Try again, or upload a photo instead.',
    retryable: true,
    recoverable: true,
  },
};

/** A camera failure with a stable `code`, a person-facing `message` and `hint`, and the browser's error as `cause`. */
export class CameraError extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: CameraErrorCode;
  /** What the person can do next, in a sentence. */
  readonly hint: string;
  /** Whether offering "Try again" (a new `start()`) can succeed, possibly after following `hint`. */
  readonly retryable: boolean;
  /** Whether the person can fix the cause themselves; false when only the site or another browser can. */
  readonly recoverable: boolean;

  constructor(code: CameraErrorCode, options?: { cause?: unknown; message?: string }) {
    const info = INFO[code];
    super(code, options?.message ?? en.errors[`camera.${code}`], { cause: options?.cause });
    this.hint = info.hint;
    this.retryable = info.retryable;
    this.recoverable = info.recoverable;
  }

  /** `camera.<code>`: `aborted` and `unknown` mean something else for a request. */
  protected override defaultReason(): Reason {
    return { code: `camera.${this.code}` };
  }
}

// getUserMedia reports failures as DOMException names; the legacy names come from Chrome < 53 and
// old Firefox, which some embedded WebViews still ship.
const BY_NAME: ReadonlyMap<string, CameraErrorCode> = new Map<string, CameraErrorCode>([
  ['NotAllowedError', 'permission-denied'],
  ['PermissionDeniedError', 'permission-denied'],
  ['NotFoundError', 'not-found'],
  ['DevicesNotFoundError', 'not-found'],
  ['NotReadableError', 'in-use'],
  ['TrackStartError', 'in-use'],
  ['OverconstrainedError', 'overconstrained'],
  ['ConstraintNotSatisfiedError', 'overconstrained'],
  ['SecurityError', 'insecure-context'],
  ['AbortError', 'aborted'],
]);

/** Maps anything getUserMedia (or a track) threw to a `CameraError`, keeping the original as `cause`. */
export function toCameraError(err: unknown): CameraError {
  if (err instanceof CameraError) return err;
  const name =
    typeof err === 'object' && err !== null && 'name' in err && typeof err.name === 'string'
      ? err.name
      : undefined;
  return new CameraError((name !== undefined && BY_NAME.get(name)) || 'unknown', { cause: err });
}
