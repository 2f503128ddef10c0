import { KycError } from '../errors.js';
import { analyzeDocument } from './analyze.js';
import type { DocumentQualityOptions, FrameVerdict } from './types.js';
import type { AnalyzeReply, AnalyzeRequest } from './worker-protocol.js';

/** Where frames are analysed: in a Worker (normal) or on the main thread (no Worker/OffscreenCanvas). */
export type AnalyzerMode = 'worker' | 'main-thread';

/** Raised when a frame could not be analysed (the worker crashed, the frame was unreadable). */
export class AnalysisError extends KycError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('analysis-failed', message, options);
  }
}

/** Whether this browser can analyse frames in a worker. */
function workersAvailable(): boolean {
  return typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined';
}

/**
 * Analyses downscaled frames, one at a time, in a Worker when the browser has Worker and
 * OffscreenCanvas, else on the main thread. The caller keeps at most one frame in flight, so the
 * analysis rate adapts to what the device can do.
 */
export class FrameAnalyzer {
  /** Where the analysis runs. */
  readonly mode: AnalyzerMode;
  #worker: Worker | undefined;
  #nextId = 1;
  #pending = new Map<
    number,
    { resolve: (v: FrameVerdict) => void; reject: (e: unknown) => void }
  >();
  #canvas: HTMLCanvasElement | undefined;

  constructor(options: { forceMainThread?: boolean } = {}) {
    this.mode = !options.forceMainThread && workersAvailable() ? 'worker' : 'main-thread';
    if (this.mode === 'worker') {
      // The .ts name is what Vite (build) and the test server (esbuild) both resolve and transform.
      this.#worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
      this.#worker.addEventListener('message', (event: MessageEvent<AnalyzeReply>) =>
        this.#settle(event.data),
      );
      this.#worker.addEventListener('error', (event) =>
        this.#failAll(new AnalysisError('The quality worker failed.', { cause: event.message })),
      );
    }
  }

  /** Analyses one frame and closes its bitmap. */
  analyze(bitmap: ImageBitmap, options: DocumentQualityOptions = {}): Promise<FrameVerdict> {
    if (!this.#worker) return Promise.resolve().then(() => this.#analyzeHere(bitmap, options));
    const id = this.#nextId++;
    const request: AnalyzeRequest = { id, bitmap, options };
    return new Promise<FrameVerdict>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker!.postMessage(request, [bitmap]);
    });
  }

  /** Stops the worker; pending analyses reject. */
  dispose(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#failAll(new AnalysisError('The analyser was stopped.'));
  }

  #settle(reply: AnalyzeReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if ('verdict' in reply) pending.resolve(reply.verdict);
    else pending.reject(new AnalysisError(reply.error));
  }

  #failAll(error: AnalysisError): void {
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }

  #analyzeHere(bitmap: ImageBitmap, options: DocumentQualityOptions): FrameVerdict {
    try {
      const canvas = (this.#canvas ??= document.createElement('canvas'));
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) throw new AnalysisError('No 2D canvas to analyse frames on.');
      context.drawImage(bitmap, 0, 0);
      return analyzeDocument(context.getImageData(0, 0, bitmap.width, bitmap.height), options);
    } finally {
      bitmap.close();
    }
  }
}
