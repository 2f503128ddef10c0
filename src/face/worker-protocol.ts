import type { CameraFrame } from '../quality/read-frame.js';
import type { Quad } from '../quality/types.js';
import type { FaceAssetUrls } from './assets.js';
import type { FaceErrorCode } from './errors.js';
import type { NetworkLog } from './network-guard.js';
import type { PortraitOptions, PortraitResult } from './portrait.js';
import type { SelfieQualityOptions, SelfieVerdict } from './selfie.js';
import type { FaceDetectionResult } from './types.js';

/** Loads the detector (once per worker). */
export interface FaceLoadRequest {
  readonly type: 'load';
  readonly assets: FaceAssetUrls;
  readonly minDetectionConfidence: number;
  readonly minSuppressionThreshold: number;
}

/** Detects faces in one frame. The bitmap is transferred and closed by the worker. */
export interface FaceDetectRequest {
  readonly type: 'detect';
  readonly bitmap: ImageBitmap;
  readonly timestampMs: number;
}

/**
 * Runs the selfie checks on one camera frame: scaled down to `maxSide`, faces detected, checked.
 * The frame is transferred and closed by the worker; with `keepFull` it comes back as a
 * full-resolution ImageBitmap for auto-capture.
 */
export interface FaceSelfieRequest {
  readonly type: 'selfie';
  readonly frame: CameraFrame;
  readonly timestampMs: number;
  readonly options: SelfieQualityOptions;
  readonly maxSide: number;
  readonly keepFull: boolean;
}

/**
 * Looks for the holder's portrait on a document image (see `FaceAnalyzer.findPortrait`): the card
 * at `quad` (image pixels) straightened, or the whole image without one. The bitmap is the
 * worker's own copy and is closed there.
 */
export interface FacePortraitRequest {
  readonly type: 'portrait';
  readonly bitmap: ImageBitmap;
  readonly quad: Quad | null;
  readonly options: PortraitOptions;
}

/** Asks what the worker requested over the network and what it refused. */
export interface FaceNetworkRequest {
  readonly type: 'network';
}

/** Frees the detector; the answer carries the worker's network log. */
export interface FaceCloseRequest {
  readonly type: 'close';
}

/** A request to the face worker (sent through `WorkerClient`, src/worker-client.ts). */
export type FaceWorkerRequest =
  | FaceLoadRequest
  | FaceDetectRequest
  | FaceSelfieRequest
  | FacePortraitRequest
  | FaceNetworkRequest
  | FaceCloseRequest;

/**
 * The face worker's answer. A failed load is an answer, not a thrown error, so that it keeps the
 * URL of the file at fault (a thrown error crosses the worker boundary as message and code only).
 */
export type FaceWorkerResult =
  | { readonly type: 'loaded'; readonly loadMs: number }
  | {
      readonly type: 'load-failed';
      readonly code: FaceErrorCode;
      readonly message: string;
      readonly url: string | undefined;
    }
  | { readonly type: 'detected'; readonly result: FaceDetectionResult }
  | {
      readonly type: 'selfie';
      readonly verdict: SelfieVerdict;
      readonly detection: FaceDetectionResult;
      readonly full?: ImageBitmap;
    }
  | { readonly type: 'portrait'; readonly result: PortraitResult }
  | { readonly type: 'network' | 'closed'; readonly log: NetworkLog };
