import { KycError } from '../errors.js';

/** Stable codes of {@link FaceDetectorError}. */
export const FaceErrorCode = {
  /** This browser can't run the detector off the main thread (no module Worker or OffscreenCanvas). */
  Unsupported: 'face-unsupported',
  /** The MediaPipe wasm loader or binary could not be fetched or compiled; `url` says which. */
  WasmLoadFailed: 'face-wasm-load-failed',
  /** The face model could not be fetched or MediaPipe rejected it; `url` says which. */
  ModelLoadFailed: 'face-model-load-failed',
  /** The face worker's script could not be loaded or run (not emitted by the build, refused by a CSP). */
  WorkerLoadFailed: 'face-worker-load-failed',
  /** Detection failed on a frame, or the face worker stopped unexpectedly. */
  DetectionFailed: 'face-detection-failed',
  /** The analyser was disposed: a request made after `dispose()` (or waiting for the load then). */
  Stopped: 'face-analyzer-stopped',
} as const;
/** One of the stable face error codes. */
export type FaceErrorCode = (typeof FaceErrorCode)[keyof typeof FaceErrorCode];

/**
 * A face-detection failure with a stable `code`. `url` is the asset that failed to load (origin and
 * path only: query strings, which may carry signed tokens, are dropped).
 */
export class FaceDetectorError extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: FaceErrorCode;
  /** The asset URL that failed to load, without query or fragment, when a load failed. */
  readonly url: string | undefined;

  constructor(
    code: FaceErrorCode,
    message: string,
    options: { url?: string | undefined; cause?: unknown } = {},
  ) {
    super(code, message, { cause: options.cause });
    this.url = options.url === undefined ? undefined : publicUrl(options.url);
  }
}

/** `url` without its query string and fragment (which may carry tokens). */
export function publicUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url.replace(/[?#].*$/, '');
  }
}
