import type { CameraFrame } from './read-frame.js';
import type { DocumentQualityOptions, FrameVerdict } from './types.js';

/** A frame sent to the quality worker. The frame is transferred; the worker closes it. */
export interface AnalyzeRequest {
  /** The frame at the camera's resolution. */
  readonly frame: CameraFrame;
  /** Document-check options for this step. */
  readonly options: DocumentQualityOptions;
  /** Longest side of the analysed pixels. */
  readonly maxSide: number;
  /** Also return the frame as a full-resolution ImageBitmap. */
  readonly keepFull: boolean;
}

/** The quality worker's answer to one request. */
export interface AnalyzeResult {
  /** The checks' verdict. */
  readonly verdict: FrameVerdict;
  /** The full-resolution frame, when asked for (transferred back). */
  readonly full?: ImageBitmap;
}
