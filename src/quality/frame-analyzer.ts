import { KycError } from '../errors.js';
import {
  WorkerOrMainThread,
  type WorkerOrMainThreadOptions,
  type WorkMode,
} from '../worker-client.js';
import {
  DEFAULT_ANALYSIS_SIDE,
  readFrame,
  type CameraFrame,
  type ReadFrameOptions,
} from './read-frame.js';
import type { DocumentQualityOptions, FrameVerdict } from './types.js';
import type { AnalyzeRequest, AnalyzeResult } from './worker-protocol.js';

/** Where frames are analysed: in a Worker (normal) or on the main thread (no Worker/OffscreenCanvas). */
export type AnalyzerMode = WorkMode;

/** One analysed frame. */
export interface AnalyzedFrame {
  /** What the checks found. */
  readonly verdict: FrameVerdict;
  /** The frame at full resolution, when asked for with `keepFull` (the caller must close it). */
  readonly full?: ImageBitmap;
}

/** Raised when a frame could not be analysed (the worker crashed, the frame was unreadable). */
export class AnalysisError extends KycError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('analysis-failed', message, options);
  }
}

/**
 * Analyses camera frames, one at a time, in a Worker when the browser has Worker and
 * OffscreenCanvas, else on the main thread. The worker also does the costly part of sampling:
 * scaling the frame down and copying it to a full-resolution bitmap. The caller keeps at most one
 * frame in flight, so the analysis rate adapts to what the device can do.
 */
export class FrameAnalyzer {
  readonly #work: WorkerOrMainThread<AnalyzeRequest, AnalyzeResult>;
  #canvas: HTMLCanvasElement | undefined;

  constructor(options: WorkerOrMainThreadOptions = {}) {
    this.#work = new WorkerOrMainThread(
      'quality',
      // The .ts name is what Vite (build) and the test server (esbuild) both resolve and transform.
      () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
      ({ message }) => new AnalysisError(message),
      options,
    );
  }

  /** Where the analysis runs: the main thread also once the worker has failed. */
  get mode(): AnalyzerMode {
    return this.#work.mode;
  }

  /**
   * Analyses one frame (scaled so its longer side is at most `maxSide`, default 640) and closes
   * it; with `keepFull`, also hands it back as a full-resolution ImageBitmap.
   */
  analyze(
    frame: CameraFrame,
    options: DocumentQualityOptions = {},
    read: ReadFrameOptions = {},
  ): Promise<AnalyzedFrame> {
    const maxSide = read.maxSide ?? DEFAULT_ANALYSIS_SIDE;
    const keepFull = read.keepFull ?? false;
    return this.#work.run({ frame, options, maxSide, keepFull }, [frame], () =>
      this.#analyzeHere(frame, options, { maxSide, keepFull }),
    );
  }

  /** Stops the worker; pending and later analyses reject. */
  dispose(): void {
    this.#work.dispose();
  }

  async #analyzeHere(
    frame: CameraFrame,
    options: DocumentQualityOptions,
    read: ReadFrameOptions,
  ): Promise<AnalyzedFrame> {
    let result: { pixels: ImageData; full?: ImageBitmap };
    try {
      result = await readFrame(frame, read, (width, height) => {
        const canvas = (this.#canvas ??= document.createElement('canvas'));
        canvas.width = width;
        canvas.height = height;
        return canvas.getContext('2d', { willReadFrequently: true });
      });
    } catch (error) {
      throw new AnalysisError('The frame could not be read.', { cause: error });
    }
    try {
      // Loaded only here: with a worker (nearly every browser) the main thread never needs it.
      const { analyzeDocument } = await import('./analyze.js');
      const verdict = analyzeDocument(result.pixels, options);
      return result.full ? { verdict, full: result.full } : { verdict };
    } catch (error) {
      result.full?.close();
      throw error;
    }
  }
}
