// The face worker: loads MediaPipe's FaceDetector on its first request and runs every detection
// here, never on the main thread. Created only when a face step is ahead.
import { serveRequests } from '../worker-client.js';
import { FaceDetectorError, FaceErrorCode } from './errors.js';
import type { LoadedFaceDetector } from './face-detector.js';
import { networkLog, restrictNetwork } from './network-guard.js';
import type { FaceLoadRequest, FaceWorkerRequest, FaceWorkerResult } from './worker-protocol.js';

let detector: Promise<LoadedFaceDetector> | undefined;

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

serveRequests<FaceWorkerRequest, FaceWorkerResult>(async (request) => {
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
        if (!detector)
          throw new FaceDetectorError(
            FaceErrorCode.DetectionFailed,
            'The face detector is not loaded.',
          );
        const loaded = await detector;
        return { type: 'detected', result: loaded.detect(request.bitmap, request.timestampMs) };
      } finally {
        request.bitmap.close();
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
});
