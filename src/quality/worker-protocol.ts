import type { DocumentQualityOptions, FrameVerdict } from './types.js';

/** A frame sent to the quality worker. The bitmap is transferred and closed by the worker. */
export interface AnalyzeRequest {
  /** Correlates the reply. */
  readonly id: number;
  /** The frame, already downscaled to the analysis size. */
  readonly bitmap: ImageBitmap;
  /** Document-check options for this step. */
  readonly options: DocumentQualityOptions;
}

/** The worker's reply to one request. */
export type AnalyzeReply =
  | { readonly id: number; readonly verdict: FrameVerdict }
  | { readonly id: number; readonly error: string };
