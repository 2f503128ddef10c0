// The face worker: loads MediaPipe's FaceDetector on its first request and runs every detection
// here, never on the main thread. Created only when a face step is ahead.
import { straighten, straightenedSize } from '../quality/straighten.js';
import { homography } from '../quality/geometry.js';
import { readFrame } from '../quality/read-frame.js';
import type { Point, Quad } from '../quality/types.js';
import { serveRequests } from '../worker-client.js';
import { FaceDetectorError, FaceErrorCode } from './errors.js';
import { loadFaceDetector, type LoadedFaceDetector } from './face-detector.js';
import { networkLog, restrictNetwork } from './network-guard.js';
import {
  boundingBox,
  boxCorners,
  fromLook,
  judgePortrait,
  lookSize,
  mapFace,
  mergeFaces,
  portraitLooks,
  portraitRotations,
  resolvePortraitOptions,
  type PixelRect,
  type PortraitJudgement,
  type PortraitResult,
  type PortraitRotation,
} from './portrait.js';
import { analyzeSelfie } from './selfie.js';
import type { DetectedFace } from './types.js';
import type {
  FaceLoadRequest,
  FacePortraitRequest,
  FaceWorkerRequest,
  FaceWorkerResult,
} from './worker-protocol.js';

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
  // Before MediaPipe starts a task: only the asset origins (and ours) are reachable from here.
  restrictNetwork([assets.wasmBinary, assets.model]);
  return loadFaceDetector(request);
}

/** A 2D context on a new canvas of the given size (each portrait search has its own). */
function canvas2d(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!ctx)
    throw new FaceDetectorError(FaceErrorCode.DetectionFailed, 'No 2D canvas in the worker.');
  return ctx;
}

/** The document as the portrait search sees it: upright, with where the card is and the way back. */
interface CardImage {
  /** The straightened card plus margin (or the whole image scaled down). */
  readonly canvas: OffscreenCanvas;
  /** The card within `canvas`. */
  readonly card: PixelRect;
  /** A point in card pixels (origin at the card's top-left) to the caller's image pixels. */
  readonly toImage: (point: Point) => Point;
}

/**
 * The card at `quad` straightened to at most `workingSize` pixels on its long side (margin
 * included), or without a quad the whole image scaled as far down. Only the quad's surroundings
 * are read, first scaled to about the working size by the browser (one resize, filtered), so a
 * full-resolution frame costs about what a 640-pixel one does.
 */
async function cardImage(
  bitmap: ImageBitmap,
  quad: Quad | null,
  o: ReturnType<typeof resolvePortraitOptions>,
): Promise<CardImage> {
  if (!quad) {
    const scale = Math.min(1, o.workingSize / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const ctx = canvas2d(width, height);
    ctx.imageSmoothingQuality = 'medium';
    ctx.drawImage(bitmap, 0, 0, width, height);
    const [sx, sy] = [bitmap.width / width, bitmap.height / height];
    return {
      canvas: ctx.canvas,
      card: { x: 0, y: 0, width, height },
      toImage: ([x, y]) => [x * sx, y * sy],
    };
  }
  const m = o.margin;
  const size = straightenedSize(quad, o.aspect);
  const long = Math.max(size.width, size.height) * (1 + 2 * m);
  // Read at 1.5x the working size: straighten samples bilinearly, without filtering.
  const scale = Math.min(1, (1.5 * o.workingSize) / long);
  const around = boundingBox(quad);
  const pad = m * Math.max(size.width, size.height);
  const x0 = Math.max(0, Math.floor(around.x - pad));
  const y0 = Math.max(0, Math.floor(around.y - pad));
  const x1 = Math.min(bitmap.width, Math.ceil(around.x + around.width + pad));
  const y1 = Math.min(bitmap.height, Math.ceil(around.y + around.height + pad));
  const rw = Math.max(1, x1 - x0);
  const rh = Math.max(1, y1 - y0);
  const width = Math.max(1, Math.round(rw * scale));
  const height = Math.max(1, Math.round(rh * scale));
  const region = await createImageBitmap(bitmap, x0, y0, rw, rh, {
    resizeWidth: width,
    resizeHeight: height,
    resizeQuality: 'medium',
  });
  const read = canvas2d(width, height);
  read.drawImage(region, 0, 0);
  region.close();
  const [kx, ky] = [width / rw, height / rh];
  const local = quad.map(([x, y]) => [(x - x0) * kx, (y - y0) * ky] as const) as unknown as Quad;
  const image = straighten(read.getImageData(0, 0, width, height), local, {
    aspect: o.aspect,
    margin: m,
    maxLongSide: o.workingSize,
  });
  const out = canvas2d(image.width, image.height);
  out.putImageData(new ImageData(image.data, image.width, image.height), 0, 0);
  const card = {
    x: (image.width * m) / (1 + 2 * m),
    y: (image.height * m) / (1 + 2 * m),
    width: image.width / (1 + 2 * m),
    height: image.height / (1 + 2 * m),
  };
  const h = homography(boxCorners({ ...card, x: 0, y: 0 }), quad);
  return {
    canvas: out.canvas,
    card,
    toImage: ([x, y]) => {
      const d = h[6]! * x + h[7]! * y + h[8]!;
      return [(h[0]! * x + h[1]! * y + h[2]!) / d, (h[3]! * x + h[4]! * y + h[5]!) / d];
    },
  };
}

/**
 * Looks for the holder's portrait: the card image in each orientation in turn, its two ends first,
 * then (without a confident portrait) the whole of it, until a face passes `judgePortrait`.
 */
async function findPortrait(
  face: LoadedFaceDetector,
  request: FacePortraitRequest,
): Promise<PortraitResult> {
  const started = performance.now();
  const o = resolvePortraitOptions(request.options);
  const { canvas, card, toImage } = await cardImage(request.bitmap, request.quad, o);
  // From here on, nothing is awaited: the canvases are this call's alone.
  const cardSize = { width: card.width, height: card.height };
  let looks = 0;
  let best: { judgement: PortraitJudgement; rotation: PortraitRotation } | undefined;
  for (const rotation of o.rotations ?? portraitRotations(card.width, card.height)) {
    let faces: DetectedFace[] = [];
    let judgement: PortraitJudgement | undefined;
    for (const look of portraitLooks(canvas.width, canvas.height, rotation, o.sideShare)) {
      if (judgement?.found && judgement.score >= o.confidentScore) break;
      const { width, height } = lookSize(look);
      const view = canvas2d(width, height);
      view.translate(width / 2, height / 2);
      view.rotate((rotation * Math.PI) / 180);
      const { x, y, width: w, height: h } = look.rect;
      view.drawImage(canvas, x, y, w, h, -w / 2, -h / 2, w, h);
      looks++;
      const seen = face.detect(view.canvas, 0).faces.map((f) =>
        mapFace(f, (p) => {
          const [cx, cy] = fromLook(look, p);
          return [cx - card.x, cy - card.y];
        }),
      );
      faces = mergeFaces([...faces, ...seen], o.sameFaceOverlap);
      judgement = judgePortrait(faces, cardSize, o);
    }
    if (!judgement) continue;
    // The search stops at the first portrait; without one, the best score is reported.
    if (judgement.found || !best || judgement.score > best.judgement.score)
      best = { judgement, rotation };
    if (judgement.found) break;
  }
  const judgement = best?.judgement ?? judgePortrait([], cardSize, o);
  const portrait = judgement.face;
  return {
    found: judgement.found,
    box: portrait ? boundingBox(boxCorners(portrait.box).map(toImage)) : null,
    cardBox: portrait
      ? {
          x: portrait.box.x / card.width,
          y: portrait.box.y / card.height,
          width: portrait.box.width / card.width,
          height: portrait.box.height / card.height,
        }
      : null,
    score: judgement.score,
    faces: judgement.faces,
    issue: judgement.issue,
    rotation: judgement.found ? (best?.rotation ?? 0) : 0,
    looks,
    ms: performance.now() - started,
  };
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
      case 'portrait': {
        try {
          return { type: 'portrait', result: await findPortrait(await loaded(), request) };
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
  },
  (result) => (result.type === 'selfie' && result.full ? [result.full] : []),
);
