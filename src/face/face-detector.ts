// Runs in the face worker only (the worker starts when a face step is ahead): this module,
// tasks-vision and its wasm loader never reach the main bundle or a document-only flow.
import { FaceDetector, type Detection } from '@mediapipe/tasks-vision';
// tasks-vision's wasm loader (Emscripten's ES-module glue), bundled into the face worker instead of
// fetched at run time: tasks-vision would load it with `importScripts` or `import(url)`, which
// depends on whether the app's bundler kept the worker a module, and a separate script is one more
// file an app's build must find. The build patches its Node-only branches out (see
// scripts/mediapipe-glue.ts).
import wasmModuleFactory from '@mediapipe/tasks-vision/vision_wasm_module_internal.js';
import type { FaceAssetUrls } from './assets.js';
import { FaceDetectorError, FaceErrorCode } from './errors.js';
import { networkLog } from './network-guard.js';
import type { DetectedFace, FaceDetectionResult, FaceKeypoints, FacePoint } from './types.js';

/** A loaded detector for consecutive video frames. */
export interface LoadedFaceDetector {
  /** Detects faces in `image`; `timestampMs` must come from one clock (it is made increasing). */
  detect(image: ImageBitmap | OffscreenCanvas, timestampMs: number): FaceDetectionResult;
  /** Frees the wasm graph. */
  close(): void;
}

/** Options of {@link loadFaceDetector}. */
export interface LoadFaceDetectorOptions {
  readonly assets: FaceAssetUrls;
  readonly minDetectionConfidence: number;
  readonly minSuppressionThreshold: number;
}

async function fetchModel(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (cause) {
    throw new FaceDetectorError(
      FaceErrorCode.ModelLoadFailed,
      'The face model could not be fetched.',
      {
        url,
        cause,
      },
    );
  }
  if (!response.ok)
    throw new FaceDetectorError(
      FaceErrorCode.ModelLoadFailed,
      `The face model could not be fetched (HTTP ${response.status}).`,
      { url },
    );
  return new Uint8Array(await response.arrayBuffer());
}

const sameFile = (a: string, b: string) => a.replace(/[?#].*$/, '') === b.replace(/[?#].*$/, '');

/** Turns what MediaPipe threw while starting into a typed error naming the file at fault. */
function loadError(error: unknown, assets: FaceAssetUrls): FaceDetectorError {
  const message = error instanceof Error ? error.message : String(error);
  const log = networkLog();
  const binaryFailed = log.failed.some((f) => sameFile(f.url, assets.wasmBinary));
  const binaryRequested = log.allowed.some((url) => sameFile(url, assets.wasmBinary));
  if (
    binaryFailed ||
    !binaryRequested ||
    error instanceof WebAssembly.CompileError ||
    /^Aborted\(/.test(message)
  )
    return new FaceDetectorError(
      FaceErrorCode.WasmLoadFailed,
      binaryFailed
        ? 'The face detector (wasm) could not be fetched.'
        : 'The face detector (wasm) could not be loaded.',
      { url: assets.wasmBinary, cause: error },
    );
  return new FaceDetectorError(
    FaceErrorCode.ModelLoadFailed,
    `The face model was rejected: ${message}`,
    { url: assets.model, cause: error },
  );
}

const point = (keypoints: Detection['keypoints'], i: number, w: number, h: number): FacePoint => {
  const k = keypoints[i];
  return { x: (k?.x ?? Number.NaN) * w, y: (k?.y ?? Number.NaN) * h };
};

function toFace(detection: Detection, width: number, height: number): DetectedFace {
  const box = detection.boundingBox;
  const k = detection.keypoints;
  // BlazeFace keypoint order: right eye, left eye, nose tip, mouth, right ear, left ear.
  const keypoints: FaceKeypoints = {
    rightEye: point(k, 0, width, height),
    leftEye: point(k, 1, width, height),
    noseTip: point(k, 2, width, height),
    mouth: point(k, 3, width, height),
    rightEarTragion: point(k, 4, width, height),
    leftEarTragion: point(k, 5, width, height),
  };
  return {
    box: {
      x: box?.originX ?? 0,
      y: box?.originY ?? 0,
      width: box?.width ?? 0,
      height: box?.height ?? 0,
    },
    score: detection.categories[0]?.score ?? 0,
    keypoints,
  };
}

/**
 * Below this best score the frame gets a second look (see {@link ZOOM}): faces at selfie distance
 * scored 0.74-0.98 on the generated set, while faces too far away for the short-range model scored
 * 0.5-0.85 or were missed, and what merely resembles a face (a helmet) 0.51-0.61.
 */
const CONFIDENT_SCORE = 0.75;
/**
 * The second look: the middle 1/ZOOM of the frame on each axis, which the model sees ZOOM times
 * larger. BlazeFace's short-range model misses most faces under ~15 % of the frame height (a
 * person an arm's length too far); at 2x it found every face of 0.10-0.20 of the frame height on
 * the generated selfie set (scores 0.84-0.97) and nothing in empty frames. It costs a second
 * detection only on frames without a confident face.
 */
const ZOOM = 2;
/**
 * Largest box the second look may report, as a share of its crop's height: the second look is for
 * faces too small for the first (at most ~0.2 of the frame height, a box of at most 0.42 of the
 * crop's at 2x). A bigger box there is part of a face too large for the first look to be sure of
 * (the eyes and nose of a face filling the frame), so it is dropped and the first look's answer
 * stands: it must never replace a face that fills the frame with a smaller one that passes.
 */
const ZOOM_MAX_BOX = 0.5;

/** Whether `face`'s box centre lies in the rectangle. */
function centredIn(face: DetectedFace, x: number, y: number, w: number, h: number): boolean {
  const cx = face.box.x + face.box.width / 2;
  const cy = face.box.y + face.box.height / 2;
  return cx >= x && cx < x + w && cy >= y && cy < y + h;
}

/** `face` moved by (dx, dy) pixels. */
function shifted(face: DetectedFace, dx: number, dy: number): DetectedFace {
  const move = (p: FacePoint): FacePoint => ({ x: p.x + dx, y: p.y + dy });
  const k = face.keypoints;
  return {
    ...face,
    box: { ...face.box, x: face.box.x + dx, y: face.box.y + dy },
    keypoints: {
      rightEye: move(k.rightEye),
      leftEye: move(k.leftEye),
      noseTip: move(k.noseTip),
      mouth: move(k.mouth),
      rightEarTragion: move(k.rightEarTragion),
      leftEarTragion: move(k.leftEarTragion),
    },
  };
}

/**
 * Loads tasks-vision's FaceDetector (short-range BlazeFace, VIDEO running mode, CPU) with the wasm
 * binary and model at the given URLs. The loader is the bundled one: with no `wasmLoaderPath`,
 * tasks-vision loads no script and takes the factory from `self.ModuleFactory`, which it clears
 * after each use, so it is set again before every load.
 */
export async function loadFaceDetector(
  options: LoadFaceDetectorOptions,
): Promise<LoadedFaceDetector> {
  const { assets } = options;
  const model = await fetchModel(assets.model);
  let detector: FaceDetector;
  try {
    (self as unknown as { ModuleFactory: unknown }).ModuleFactory = wasmModuleFactory;
    detector = await FaceDetector.createFromOptions(
      { wasmLoaderPath: '', wasmBinaryPath: assets.wasmBinary },
      {
        baseOptions: { modelAssetBuffer: model, delegate: 'CPU' },
        runningMode: 'VIDEO',
        minDetectionConfidence: options.minDetectionConfidence,
        minSuppressionThreshold: options.minSuppressionThreshold,
      },
    );
  } catch (error) {
    throw loadError(error, assets);
  }
  let lastTimestamp = -Infinity;
  // VIDEO mode needs strictly increasing timestamps; a repeated one would abort the graph.
  const nextTimestamp = (timestampMs: number): number =>
    (lastTimestamp = Math.max(timestampMs, lastTimestamp + 1));
  let crop: OffscreenCanvasRenderingContext2D | null = null;
  /** The second look: faces in the middle of the frame, in frame pixels. */
  const zoomedIn = (image: ImageBitmap | OffscreenCanvas, timestampMs: number): DetectedFace[] => {
    const w = Math.round(image.width / ZOOM);
    const h = Math.round(image.height / ZOOM);
    const x = Math.round((image.width - w) / 2);
    const y = Math.round((image.height - h) / 2);
    if (!crop || crop.canvas.width !== w || crop.canvas.height !== h)
      crop = new OffscreenCanvas(w, h).getContext('2d');
    if (!crop) return [];
    crop.drawImage(image, x, y, w, h, 0, 0, w, h);
    return detector
      .detectForVideo(crop.canvas, nextTimestamp(timestampMs))
      .detections.map((d) => toFace(d, w, h))
      .filter((face) => face.box.height <= ZOOM_MAX_BOX * h)
      .map((face) => shifted(face, x, y));
  };
  return {
    detect(image, timestampMs) {
      const { width, height } = image;
      const started = performance.now();
      const { detections } = detector.detectForVideo(image, nextTimestamp(timestampMs));
      let faces = detections.map((d) => toFace(d, width, height));
      if (!faces.some((face) => face.score >= CONFIDENT_SCORE)) {
        const closer = zoomedIn(image, timestampMs);
        if (closer.length) {
          // What the second look saw replaces the first look's guesses in the same area.
          const w = width / ZOOM;
          const h = height / ZOOM;
          const outside = faces.filter(
            (face) => !centredIn(face, (width - w) / 2, (height - h) / 2, w, h),
          );
          faces = [...closer, ...outside];
        }
      }
      const detectMs = performance.now() - started;
      faces.sort((a, b) => b.score - a.score);
      return { faces, width, height, timestampMs, detectMs };
    },
    close() {
      detector.close();
    },
  };
}
