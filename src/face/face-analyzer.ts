import {
  DEFAULT_ANALYSIS_SIDE,
  type CameraFrame,
  type ReadFrameOptions,
} from '../quality/read-frame.js';
import type { Quad } from '../quality/types.js';
import { startWorker } from '../internal/trusted-worker.js';
import {
  WORKER_LOAD_FAILED,
  WorkerClient,
  workersAvailable,
  type WorkerFailure,
} from '../worker-client.js';
import { resolveFaceAssets, type FaceAssetUrls } from './assets.js';
import { FaceDetectorError, FaceErrorCode } from './errors.js';
import type { NetworkLog } from './network-guard.js';
import type { PortraitOptions, PortraitResult } from './portrait.js';
import type { SelfieQualityOptions, SelfieVerdict } from './selfie.js';
import type { FaceDetectionResult, FaceDetectorOptions } from './types.js';
import type { FaceWorkerRequest, FaceWorkerResult } from './worker-protocol.js';

/** One camera frame through the selfie checks. */
export interface AnalyzedSelfie {
  /** What the checks found. */
  readonly verdict: SelfieVerdict;
  /** The faces the detector reported (in the analysed frame's pixels). */
  readonly detection: FaceDetectionResult;
  /** The frame at full resolution, when asked for with `keepFull` (the caller must close it). */
  readonly full?: ImageBitmap;
}

/** How long loading took. */
export interface FaceLoadTiming {
  /** In the worker: fetching the model, loading and compiling the wasm, building the graph (ms). */
  readonly loadMs: number;
  /** On the main thread: from starting the worker to the detector being ready (ms). */
  readonly totalMs: number;
}

const CODES = new Set<string>(Object.values(FaceErrorCode));

/** A failure that crossed the worker boundary, as a typed error. */
function toFaceError(failure: WorkerFailure): FaceDetectorError {
  if (failure.code === WORKER_LOAD_FAILED)
    return new FaceDetectorError(
      FaceErrorCode.WorkerLoadFailed,
      'The face worker could not be started.',
    );
  const code =
    failure.code && CODES.has(failure.code)
      ? (failure.code as FaceErrorCode)
      : FaceErrorCode.DetectionFailed;
  return new FaceDetectorError(code, failure.message);
}

function stopped(): FaceDetectorError {
  return new FaceDetectorError(FaceErrorCode.Stopped, 'The face analyser was disposed.');
}

function unexpected(result: FaceWorkerResult): FaceDetectorError {
  return new FaceDetectorError(
    FaceErrorCode.DetectionFailed,
    `Unexpected answer from the face worker: ${result.type}`,
  );
}

/**
 * Detects faces in frames with MediaPipe's FaceDetector, in a dedicated worker. Nothing is loaded
 * until {@link FaceAnalyzer.load} or the first {@link FaceAnalyzer.analyze}: create one when a face
 * step is ahead (and call `prefetchFaceAssets` earlier still to warm the cache). Failures are
 * `FaceDetectorError`s; nothing throws synchronously.
 */
export class FaceAnalyzer {
  /** The asset URLs this analyser loads from. */
  readonly assets: FaceAssetUrls;
  readonly #thresholds: Required<
    Pick<FaceDetectorOptions, 'minDetectionConfidence' | 'minSuppressionThreshold'>
  >;
  #client: WorkerClient<FaceWorkerRequest, FaceWorkerResult> | undefined;
  #loading: Promise<FaceLoadTiming> | undefined;
  /** Set by dispose(): no worker starts again (a failed load or a crash only resets). */
  #disposed = false;

  constructor(options: FaceDetectorOptions = {}) {
    this.assets = resolveFaceAssets(options);
    this.#thresholds = {
      minDetectionConfidence: options.minDetectionConfidence ?? 0.5,
      minSuppressionThreshold: options.minSuppressionThreshold ?? 0.3,
    };
  }

  /** Whether this browser can run the detector off the main thread (Worker and OffscreenCanvas). */
  static get supported(): boolean {
    return workersAvailable();
  }

  /** Starts the worker and loads the detector; idempotent. A failed load can be retried. */
  load(): Promise<FaceLoadTiming> {
    this.#loading ??= this.#load().catch((error: unknown) => {
      // Start from scratch next time: a fresh worker and a fresh attempt.
      this.#reset();
      throw error;
    });
    return this.#loading;
  }

  /**
   * Detects the faces in one frame (and closes its bitmap); `timestampMs` from one clock. When no
   * face is certain, the middle of the frame gets a second, 2x closer look (faces too far away for
   * the short-range model), at the cost of a second detection on such frames only.
   */
  async analyze(bitmap: ImageBitmap, timestampMs: number): Promise<FaceDetectionResult> {
    try {
      await this.load();
    } catch (error) {
      bitmap.close();
      throw error;
    }
    const answer = await this.#request({ type: 'detect', bitmap, timestampMs }, [bitmap]);
    if (answer.type !== 'detected') throw unexpected(answer);
    return answer.result;
  }

  /**
   * Runs the selfie checks on one camera frame in the worker: scaled so its longer side is at most
   * `maxSide` (default 640), faces detected, checked. Closes `frame`; with `keepFull`, hands it
   * back as a full-resolution ImageBitmap (the caller must close it).
   */
  async analyzeSelfie(
    frame: CameraFrame,
    timestampMs: number,
    options: SelfieQualityOptions = {},
    read: ReadFrameOptions = {},
  ): Promise<AnalyzedSelfie> {
    try {
      await this.load();
    } catch (error) {
      frame.close();
      throw error;
    }
    const answer = await this.#request(
      {
        type: 'selfie',
        frame,
        timestampMs,
        options,
        maxSide: read.maxSide ?? DEFAULT_ANALYSIS_SIDE,
        keepFull: read.keepFull ?? false,
      },
      [frame],
    );
    if (answer.type !== 'selfie') throw unexpected(answer);
    const { verdict, detection, full } = answer;
    return full ? { verdict, detection, full } : { verdict, detection };
  }

  /**
   * Looks for the holder's portrait on a document image (the captured full-resolution frame, or a
   * crop of it). With `quad` (the document's corners in `image` pixels, clockwise from top-left)
   * the card is straightened first, so the portrait is upright and as large as the short-range
   * detector needs; without it the whole image is searched. `image` is read at the call: the
   * caller keeps it and may hand it on (or close it) at once. The result's `box` is in `image`
   * pixels.
   */
  findPortrait(
    image: ImageBitmap,
    quad: Quad | null,
    options: PortraitOptions = {},
  ): Promise<PortraitResult> {
    // A snapshot taken now, synchronously: the capture transfers the same frame to the encoder
    // right after this call, which detached it before an `await` here had passed (so the check
    // never ran in the flow). An ImageBitmap of an ImageBitmap shares its pixels; the snapshot is
    // moved to the worker, not cloned, and closed there.
    return this.#findPortrait(createImageBitmap(image), quad, options);
  }

  async #findPortrait(
    snapshot: Promise<ImageBitmap>,
    quad: Quad | null,
    options: PortraitOptions,
  ): Promise<PortraitResult> {
    const bitmap = await snapshot;
    try {
      await this.load();
    } catch (error) {
      bitmap.close();
      throw error;
    }
    const answer = await this.#request({ type: 'portrait', bitmap, quad, options }, [bitmap]);
    if (answer.type !== 'portrait') throw unexpected(answer);
    return answer.result;
  }

  /** What the worker requested and refused so far (only the asset origins are reachable). */
  async networkLog(): Promise<NetworkLog> {
    const answer = await this.#request({ type: 'network' });
    if (answer.type !== 'network') throw unexpected(answer);
    return answer.log;
  }

  /**
   * Frees the detector and stops the worker. Resolves with the worker's network log (what it
   * fetched and what it refused over its life), or undefined when no worker was running.
   */
  async close(): Promise<NetworkLog | undefined> {
    if (!this.#client) return undefined;
    try {
      const answer = await this.#request({ type: 'close' });
      return answer.type === 'closed' ? answer.log : undefined;
    } finally {
      this.dispose();
    }
  }

  /**
   * Stops the worker at once, for good: pending and later requests reject with
   * `face-analyzer-stopped`. A request already under way when this runs (waiting for the load) would
   * otherwise start a new worker that nobody stops: MediaPipe's heap, per element, for the page's
   * life (seen by `npm run soak`).
   */
  dispose(): void {
    this.#disposed = true;
    this.#reset();
  }

  /** Stops the worker; the next request starts a new one. */
  #reset(): void {
    this.#client?.dispose();
    this.#client = undefined;
    this.#loading = undefined;
  }

  async #load(): Promise<FaceLoadTiming> {
    const started = performance.now();
    const answer = await this.#request({ type: 'load', assets: this.assets, ...this.#thresholds });
    if (answer.type === 'load-failed')
      throw new FaceDetectorError(answer.code, answer.message, { url: answer.url });
    if (answer.type !== 'loaded') throw unexpected(answer);
    return { loadMs: answer.loadMs, totalMs: performance.now() - started };
  }

  #request(request: FaceWorkerRequest, transfer: Transferable[] = []): Promise<FaceWorkerResult> {
    let answer: Promise<FaceWorkerResult>;
    try {
      answer = this.#ensureClient().request(request, transfer);
    } catch (error) {
      // What was handed over to be moved is closed, as the worker would have done.
      for (const item of transfer) if ('close' in item) item.close();
      return Promise.reject(error);
    }
    // A request that dispose() cut short says so: it is not a failure of the detector.
    return answer.catch((error: unknown) => {
      throw this.#disposed ? stopped() : error;
    });
  }

  #ensureClient(): WorkerClient<FaceWorkerRequest, FaceWorkerResult> {
    if (this.#client) return this.#client;
    if (this.#disposed) throw stopped();
    if (!workersAvailable())
      throw new FaceDetectorError(
        FaceErrorCode.Unsupported,
        'This browser cannot run the face detector in a worker.',
      );
    let worker: Worker;
    try {
      // The .ts name is what Vite (build) and the test server (esbuild) both resolve and transform.
      // startWorker: the URL as a TrustedScriptURL on a page that enforces Trusted Types.
      worker = startWorker(
        () => new Worker(new URL('./face-worker.ts', import.meta.url), { type: 'module' }),
      );
    } catch (cause) {
      throw new FaceDetectorError(
        FaceErrorCode.WorkerLoadFailed,
        'The face worker could not be started.',
        { cause },
      );
    }
    const client = new WorkerClient<FaceWorkerRequest, FaceWorkerResult>(worker, toFaceError);
    // A crashed worker is gone for good: the next request starts a new one.
    worker.addEventListener('error', () => {
      if (this.#client === client) this.#reset();
    });
    this.#client = client;
    return client;
  }
}
