// The face worker: loads MediaPipe's FaceDetector on its first request and runs every detection
// here, never on the main thread. Created only when a face step is ahead.
import { readFrame } from '../quality/read-frame.js';
import { serveRequests } from '../worker-client.js';
import { FaceDetectorError, FaceErrorCode } from './errors.js';
import type { LoadedFaceDetector } from './face-detector.js';
import { networkLog, restrictNetwork } from './network-guard.js';
import { analyzeSelfie } from './selfie.js';
import type { FaceLoadRequest, FaceWorkerRequest, FaceWorkerResult } from './worker-protocol.js';

let detector: Promise<LoadedFaceDetector> | undefined;
let context: OffscreenCanvasRenderingContext2D | null = null;

/** The scratch canvas the frame is scaled into (and the detector reads from). */
function contextOf(width: number, height: number): OffscreenCanvasRenderingContext2D | null {
  if (!context || context.canvas.width !== width || context.canvas.height !== height) {
    context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  }
  return context;
}

/** The loaded detector, or a typed error when none was loaded. */
async function loaded(): Promise<LoadedFaceDetector> {
  if (!detector)
    throw new FaceDetectorError(FaceErrorCode.DetectionFailed, 'The face detector is not loaded.');
  return detector;
}

async function load(request: FaceLoadRequest): Promise<LoadedFaceDetector> {
  const { assets } = request;
  // Before any MediaPipe code runs: only the asset origins (and ours) are reachable from here.
  restrictNetwork([assets.wasmLoader, assets.wasmBinary, assets.model]);
  let module: typeof import('./face-detector.js');
  try {
    module = await import('./face-detector.js');
  } catch (cause) {
    throw new FaceDetectorError(
      FaceErrorCode.WasmLoadFailed,
      'The face detector code could not be loaded.',
      { cause },
    );
  }
  return module.loadFaceDetector(request);
}

serveRequests<FaceWorkerRequest, FaceWorkerResult>(
  async (request) => {
    switch (request.type) {
      case 'load': {
        const started = performance.now();
        detector ??= load(request);
        try {
          await detector;
        } catch (error) {
          detector = undefined; // a later load may succeed (e.g. after a network blip)
          const failure =
            error instanceof FaceDetectorError
              ? error
              : new FaceDetectorError(FaceErrorCode.WasmLoadFailed, String(error));
          return {
            type: 'load-failed',
            code: failure.code,
            message: failure.message,
            url: failure.url,
          };
        }
        return { type: 'loaded', loadMs: performance.now() - started };
      }
      case 'detect': {
        try {
          return {
            type: 'detected',
            result: (await loaded()).detect(request.bitmap, request.timestampMs),
          };
        } finally {
          request.bitmap.close();
        }
      }
      case 'selfie': {
        const { frame, timestampMs, options, maxSide, keepFull } = request;
        let face: LoadedFaceDetector;
        try {
          face = await loaded();
        } catch (error) {
          frame.close();
          throw error;
        }
        const { pixels, full } = await readFrame(frame, { maxSide, keepFull }, contextOf);
        try {
          // The detector reads the same scaled pixels the checks measure, from the scratch canvas.
          const detection = face.detect(context!.canvas, timestampMs);
          const verdict = analyzeSelfie(pixels, detection, options);
          return full
            ? { type: 'selfie', verdict, detection, full }
            : { type: 'selfie', verdict, detection };
        } catch (error) {
          full?.close();
          throw error;
        }
      }
      case 'network':
        return { type: 'network', log: networkLog() };
      case 'close': {
        const loaded = await detector?.catch(() => undefined);
        detector = undefined;
        loaded?.close();
        return { type: 'closed', log: networkLog() };
      }
    }
  },
  (result) => (result.type === 'selfie' && result.full ? [result.full] : []),
);
