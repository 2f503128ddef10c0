// The page side of the eval and bench CLIs (bundled and run by scripts/browser-runner.ts): decodes
// images as a browser does, runs the quality checks on the pixels and times them with the page's
// clock. Results are plain data, cloned back to Node.
import { FaceAnalyzer } from '../src/face/face-analyzer.ts';
import type { SelfieQualityOptions, SelfieVerdict } from '../src/face/selfie.ts';
import type { DetectedFace } from '../src/face/types.ts';
import { ID1_ASPECT } from '../src/internal/documents.ts';
import { analyzeDocument } from '../src/quality/analyze.ts';
import { prng } from '../test/helpers/math.ts';
import type { DocumentQualityOptions, FrameVerdict, Point, Quad } from '../src/quality/types.ts';

/** One analysed image. */
export interface PageAnalysis {
  /** What analyzeDocument returned (its quad is in the analysed frame's pixels). */
  readonly verdict: FrameVerdict;
  /** Wall time of the analyzeDocument call, in ms (decoding and pixel reading excluded). */
  readonly ms: number;
  /** Size of the decoded image. */
  readonly imageWidth: number;
  /** Size of the decoded image. */
  readonly imageHeight: number;
}

// One canvas reused for every image: allocating a canvas per image would add GC noise to timings.
let scratch: OffscreenCanvasRenderingContext2D | null = null;

/** The scratch canvas's context at `width` x `height` (resizing clears it). */
function context2d(width: number, height: number): OffscreenCanvasRenderingContext2D {
  if (!scratch) {
    // willReadFrequently keeps the canvas in CPU memory: every frame is read back right away.
    scratch = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (!scratch) throw new Error('no 2d context for OffscreenCanvas');
  }
  if (scratch.canvas.width !== width || scratch.canvas.height !== height) {
    scratch.canvas.width = width;
    scratch.canvas.height = height;
  }
  return scratch;
}

/** Fetches and decodes the image at `url`, without colour-space conversion (the file's pixels). */
async function decode(url: string): Promise<ImageBitmap> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return createImageBitmap(await response.blob(), {
    colorSpaceConversion: 'none',
    premultiplyAlpha: 'none',
  });
}

/** Decodes the image at `url` ({@link decode}), hands it to `read` and closes it. */
async function withImage<T>(url: string, read: (bitmap: ImageBitmap) => T): Promise<T> {
  const bitmap = await decode(url);
  try {
    return read(bitmap);
  } finally {
    bitmap.close();
  }
}

/** `quad` with x scaled by `sx` and y by `sy` (from one frame size to another). */
function scaleQuad(quad: Quad, sx: number, sy: number): Quad {
  const scale = ([x, y]: Point): Point => [x * sx, y * sy];
  return [scale(quad[0]), scale(quad[1]), scale(quad[2]), scale(quad[3])];
}

/** Draws `bitmap` resized to `width` x `height` on the scratch canvas and reads it back. */
function pixelsOf(bitmap: ImageBitmap, width: number, height: number): ImageData {
  const ctx = context2d(width, height);
  ctx.clearRect(0, 0, width, height);
  ctx.drawImage(bitmap, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}

/**
 * Decodes the image at `url` to RGBA, optionally resized: fetch → createImageBitmap → canvas →
 * getImageData, the path a captured frame takes in the SDK. No colour-space conversion, so the
 * pixels are the file's.
 */
export async function loadImageData(
  url: string,
  width?: number,
  height?: number,
): Promise<ImageData> {
  return withImage(url, (bitmap) =>
    pixelsOf(bitmap, width ?? bitmap.width, height ?? bitmap.height),
  );
}

/**
 * Runs analyzeDocument on the image at `url`. `warmUpRuns` extra untimed runs come first, so that
 * the first measured frame is not the one paying for JIT compilation.
 */
export async function analyzeDocumentImage(
  url: string,
  options: DocumentQualityOptions = {},
  warmUpRuns = 0,
): Promise<PageAnalysis> {
  const image = await loadImageData(url);
  for (let i = 0; i < warmUpRuns; i++) analyzeDocument(image, options);
  const start = performance.now();
  const verdict = analyzeDocument(image, options);
  const ms = performance.now() - start;
  return { verdict, ms, imageWidth: image.width, imageHeight: image.height };
}

// ---------------------------------------------------------------------------------------------
// Bench frames

/** A frame to time, with its true document outline in its own pixels. */
interface BenchFrame {
  readonly image: ImageData;
  readonly truth: Quad | null;
}

/**
 * Draws synthetic frame `index` at `width` x `height`: an ID-1 card (85.6 x 54 proportions) turned
 * up to ±15°, with a few pixels of perspective, on a textured table, and returns its true outline.
 * The same index gives the same layout relative to the frame at every size, so the sizes compare
 * like with like.
 */
export function synthesizeDocument(index: number, width: number, height: number): BenchFrame {
  const random = prng(0x5eed + index * 7919);
  const ctx = context2d(width, height);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.filter = 'none';
  // Table: a dark wood-ish base with low-contrast streaks, so edges other than the card's exist.
  const base = 40 + Math.floor(random() * 60);
  ctx.fillStyle = `rgb(${base + 25}, ${base + 10}, ${base})`;
  ctx.fillRect(0, 0, width, height);
  for (let i = 0; i < 40; i++) {
    const shade = base + Math.floor(random() * 30) - 15;
    ctx.fillStyle = `rgba(${shade + 25}, ${shade + 10}, ${shade}, 0.5)`;
    ctx.fillRect(0, random() * height, width, 1 + random() * height * 0.01);
  }
  // Card: 45-75 % of the frame width, centred with some jitter.
  const cardWidth = width * (0.45 + random() * 0.3);
  const cardHeight = cardWidth / ID1_ASPECT;
  const cx = width / 2 + (random() - 0.5) * (width - cardWidth) * 0.5;
  const cy = height / 2 + (random() - 0.5) * Math.max(0, height - cardHeight) * 0.5;
  const angle = ((random() - 0.5) * 30 * Math.PI) / 180;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const wobble = () => (random() - 0.5) * cardWidth * 0.04;
  const corner = (u: number, v: number): Point => [
    cx + u * cos - v * sin + wobble(),
    cy + u * sin + v * cos + wobble(),
  ];
  const w2 = cardWidth / 2;
  const h2 = cardHeight / 2;
  const truth: Quad = [corner(-w2, -h2), corner(w2, -h2), corner(w2, h2), corner(-w2, h2)];
  ctx.beginPath();
  ctx.moveTo(...truth[0]);
  for (const p of truth.slice(1)) ctx.lineTo(...p);
  ctx.closePath();
  const tint = 200 + Math.floor(random() * 40);
  ctx.fillStyle = `rgb(${tint}, ${Math.min(255, tint + 8)}, 245)`;
  ctx.fill();
  // Content in the card's own (affine) frame: a photo box and text lines, inside a margin so the
  // perspective wobble never pushes them over the edge.
  ctx.save();
  ctx.clip();
  ctx.setTransform(cos, sin, -sin, cos, cx, cy);
  ctx.fillStyle = 'rgb(120, 110, 105)';
  ctx.fillRect(-w2 * 0.85, -h2 * 0.6, cardWidth * 0.25, cardHeight * 0.6);
  ctx.fillStyle = 'rgb(40, 40, 60)';
  for (let line = 0; line < 6; line++) {
    const length = cardWidth * (0.2 + random() * 0.3);
    ctx.fillRect(-w2 * 0.3, -h2 * 0.6 + line * cardHeight * 0.12, length, cardHeight * 0.04);
  }
  ctx.restore();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  return { image: ctx.getImageData(0, 0, width, height), truth };
}

/** Decodes the image at `url` resized to `width` x `height`, its true outline scaled to match. */
async function imageFrame(
  url: string,
  corners: Quad | null,
  width: number,
  height: number,
): Promise<BenchFrame> {
  return withImage(url, (bitmap) => ({
    image: pixelsOf(bitmap, width, height),
    truth: corners ? scaleQuad(corners, width / bitmap.width, height / bitmap.height) : null,
  }));
}

// ---------------------------------------------------------------------------------------------
// Selfies: the face detector (MediaPipe, in its worker) and the selfie checks

/**
 * Long side of the frames the selfie step analyses: the camera view samples frames downscaled to
 * this (as for documents), so bigger images are resized to it first.
 */
export const SELFIE_ANALYSIS_SIDE = 640;

// One detector per page, as the selfie step keeps one for its whole life: loading it (worker,
// 13 MB wasm, model) takes about a second and is paid once, by the first call.
let faceAnalyzer: FaceAnalyzer | undefined;
const analyzer = (): FaceAnalyzer => (faceAnalyzer ??= new FaceAnalyzer());

/** Starts the face worker and loads the detector (idempotent); returns the main-thread ms. */
export async function loadFaceDetector(): Promise<number> {
  return (await analyzer().load()).totalMs;
}

/** One frame through the selfie step's path. */
interface SelfieRun {
  readonly verdict: SelfieVerdict;
  readonly faces: readonly DetectedFace[];
  /** The detector alone, in the worker (ms). */
  readonly detectMs: number;
  /** Detection round trip (bitmap transferred to the worker, faces back) + analyzeSelfie (ms). */
  readonly ms: number;
}

/**
 * What the selfie step does with a sampled frame: the bitmap goes to the face worker, the faces
 * come back and analyzeSelfie judges them with the frame's pixels. VIDEO mode wants increasing
 * timestamps: performance.now() is one clock, as the camera's frame times would be.
 */
async function runSelfie(image: ImageData, options: SelfieQualityOptions): Promise<SelfieRun> {
  const bitmap = await createImageBitmap(image);
  const start = performance.now();
  // The selfie step's own path: reading the frame, detection and the checks, all in the worker.
  const { verdict, detection } = await analyzer().analyzeSelfie(bitmap, start, options);
  const ms = performance.now() - start;
  return { verdict, faces: detection.faces, detectMs: detection.detectMs, ms };
}

/** One analysed selfie image. */
export interface PageSelfieAnalysis extends SelfieRun {
  /** Size of the decoded image. */
  readonly imageWidth: number;
  /** Size of the decoded image. */
  readonly imageHeight: number;
}

/**
 * Runs the real face detector and then analyzeSelfie on the image at `url`, resized to at most
 * {@link SELFIE_ANALYSIS_SIDE} on its long side. `warmUpRuns` extra untimed runs come first (the
 * first one also loads the detector).
 */
export async function analyzeSelfieImage(
  url: string,
  options: SelfieQualityOptions = {},
  warmUpRuns = 0,
): Promise<PageSelfieAnalysis> {
  const { image, imageWidth, imageHeight } = await withImage(url, (bitmap) => {
    const scale = Math.min(1, SELFIE_ANALYSIS_SIDE / Math.max(bitmap.width, bitmap.height));
    return {
      image: pixelsOf(bitmap, Math.round(bitmap.width * scale), Math.round(bitmap.height * scale)),
      imageWidth: bitmap.width,
      imageHeight: bitmap.height,
    };
  });
  for (let i = 0; i < warmUpRuns; i++) await runSelfie(image, options);
  return { ...(await runSelfie(image, options)), imageWidth, imageHeight };
}

/** Where face bench frames come from. */
export type FaceBenchSource =
  /** Selfie photos, resized to the frame size. */
  | { readonly kind: 'images'; readonly urls: readonly string[] }
  /** The fixture portrait, drawn at a different size and place in every frame. */
  | { readonly kind: 'portrait'; readonly url: string };

/** One face bench pass over frames of one size. */
export interface FaceBenchRequest {
  readonly source: FaceBenchSource;
  readonly width: number;
  readonly height: number;
  /** Timed frames (images are cycled when there are fewer). */
  readonly frames: number;
  /** Untimed frames first (the first also loads the detector). */
  readonly warmUpFrames: number;
}

/** Raw samples of one face pass. */
export interface FaceBenchSamples {
  /** The detector alone, in the worker, ms per frame. */
  readonly detectMs: number[];
  /** Detection round trip + analyzeSelfie, ms per frame. */
  readonly pipelineMs: number[];
  /** Faces found per frame. */
  readonly faces: number[];
  /** Main-thread time to start the worker and load the detector (ms), when this pass loaded it. */
  readonly loadMs: number | null;
}

/**
 * Draws frame `index` from the portrait: a grey-blue wall, and the portrait's head-and-shoulders
 * square scaled so that the face is 0.35-0.55 of the frame height, a little off centre. The same
 * index gives the same layout at every size.
 */
function portraitFrame(portrait: ImageBitmap, index: number, width: number, height: number) {
  const random = prng(0xface + index * 7919);
  const ctx = context2d(width, height);
  ctx.fillStyle = `rgb(${150 + Math.floor(random() * 40)}, 160, 170)`;
  ctx.fillRect(0, 0, width, height);
  // The portrait's face spans ~100 of its 512 px around (224, 130): a 256 px square around it.
  const side = height * (0.9 + random() * 0.5);
  const x = (width - side) / 2 + (random() - 0.5) * width * 0.1;
  const y = (height - side) / 2 + (random() - 0.5) * height * 0.1;
  ctx.drawImage(portrait, 96, 0, 256, 256, x, y, side, side);
  return ctx.getImageData(0, 0, width, height);
}

/** Times the face detector and the selfie pipeline on `request.frames` frames of one size. */
export async function facePass(request: FaceBenchRequest): Promise<FaceBenchSamples> {
  const { source, width, height } = request;
  const loaded = faceAnalyzer !== undefined;
  const loadMs = await loadFaceDetector();
  const samples: FaceBenchSamples = {
    detectMs: [],
    pipelineMs: [],
    faces: [],
    loadMs: loaded ? null : loadMs,
  };
  const portrait = source.kind === 'portrait' ? await decode(source.url) : null;
  try {
    for (let n = 0; n < request.warmUpFrames + request.frames; n++) {
      let image: ImageData;
      if (portrait) image = portraitFrame(portrait, n, width, height);
      else {
        const urls = (source as Extract<FaceBenchSource, { kind: 'images' }>).urls;
        image = await loadImageData(urls[n % urls.length]!, width, height);
      }
      const run = await runSelfie(image, {});
      if (n < request.warmUpFrames) continue;
      samples.detectMs.push(run.detectMs);
      samples.pipelineMs.push(run.ms);
      samples.faces.push(run.faces.length);
    }
  } finally {
    portrait?.close();
  }
  return samples;
}

// ---------------------------------------------------------------------------------------------
// jscanify (OpenCV.js), the baseline the bench compares against

/** The few OpenCV.js members used here. */
interface CvMat {
  delete(): void;
}
interface OpenCv {
  Mat?: unknown;
  calledRun?: boolean;
  matFromImageData(image: ImageData): CvMat;
  onRuntimeInitialized?: () => void;
  then?: (callback: () => void) => unknown;
}
interface JscanifyCorner {
  x: number;
  y: number;
}
interface Jscanify {
  findPaperContour(image: CvMat): CvMat | null;
  getCornerPoints(
    contour: CvMat,
  ): Partial<
    Record<
      'topLeftCorner' | 'topRightCorner' | 'bottomRightCorner' | 'bottomLeftCorner',
      JscanifyCorner
    >
  >;
}
// Some OpenCV.js builds define `cv` as a promise of the module instead of the module itself.
type BaselineGlobals = { cv?: OpenCv | Promise<unknown>; jscanify?: new () => Jscanify };
const baselineGlobals = globalThis as unknown as BaselineGlobals;

/** Loads a classic script (jscanify's client build is UMD and reads a global `cv`). */
function loadClassicScript(src: string): Promise<void> {
  return new Promise((done, fail) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => done();
    script.onerror = () => fail(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

let scanner: Jscanify | undefined;

/**
 * Loads OpenCV.js and jscanify (paths relative to the repository, served under `/repo/`; see
 * scripts/bench-baseline.ts) and waits for OpenCV's runtime. Returns the load time in ms.
 */
export async function loadJscanify(scripts: {
  readonly opencv: string;
  readonly jscanify: string;
}): Promise<number> {
  const start = performance.now();
  if (!baselineGlobals.cv) {
    await loadClassicScript(`/repo/${scripts.opencv}`);
  }
  const loaded = baselineGlobals.cv;
  if (!loaded) throw new Error('opencv.js defined no global cv');
  if (loaded instanceof Promise) {
    // Builds that export a promise of the module: jscanify needs the module itself as `cv`.
    baselineGlobals.cv = (await loaded) as OpenCv;
  } else if (!loaded.calledRun) {
    // Emscripten's module is a "thenable" whose then() hands back the module, itself thenable:
    // awaiting it would loop forever, so wait through the callback and ignore its argument.
    await new Promise<void>((done) => {
      if (typeof loaded.then === 'function') loaded.then(() => done());
      else loaded.onRuntimeInitialized = () => done();
    });
  }
  if (!baselineGlobals.jscanify) await loadClassicScript(`/repo/${scripts.jscanify}`);
  if (!baselineGlobals.jscanify) throw new Error('jscanify.js defined no global jscanify');
  scanner = new baselineGlobals.jscanify();
  return performance.now() - start;
}

/**
 * jscanify's document outline on `image`: findPaperContour + getCornerPoints, as its README does.
 * It starts from the same ImageData as ours (matFromImageData is what cv.imread(canvas) does after
 * reading the canvas), so neither side is charged for reading pixels. Null when it finds no
 * contour or leaves a corner undefined (a quadrant without contour points).
 */
function jscanifyQuad(image: ImageData): Quad | null {
  const cv = baselineGlobals.cv;
  if (!scanner || !cv || cv instanceof Promise) throw new Error('call loadJscanify() first');
  const mat = cv.matFromImageData(image);
  let contour: CvMat | null = null;
  try {
    contour = scanner.findPaperContour(mat);
    if (!contour) return null;
    const c = scanner.getCornerPoints(contour);
    const {
      topLeftCorner: tl,
      topRightCorner: tr,
      bottomRightCorner: br,
      bottomLeftCorner: bl,
    } = c;
    if (!tl || !tr || !br || !bl) return null;
    return [
      [tl.x, tl.y],
      [tr.x, tr.y],
      [br.x, br.y],
      [bl.x, bl.y],
    ];
  } finally {
    // WASM memory is not garbage-collected: a leak per frame would slow later frames down.
    contour?.delete();
    mat.delete();
  }
}

// ---------------------------------------------------------------------------------------------
// Bench

/** The checks timed one by one (the stage names of FrameVerdict.timings). */
export type CheckName = keyof FrameVerdict['timings'];
const CHECK_NAMES: readonly CheckName[] = ['luma', 'sharpness', 'glare', 'exposure', 'quad'];

/** Where bench frames come from. */
export type BenchSource =
  | { readonly kind: 'synthetic' }
  | { readonly kind: 'images'; readonly images: readonly BenchImage[] };

/** An image to bench on, with its truth and the document's proportions when known. */
export interface BenchImage {
  readonly url: string;
  readonly corners: Quad | null;
  /** Passed to the checks as a step configured for this document type would (default ID-1). */
  readonly documentAspect?: number;
}

/** One bench pass over frames of one size. */
export interface BenchRequest {
  readonly source: BenchSource;
  readonly width: number;
  readonly height: number;
  /** Timed frames (images are cycled when there are fewer). */
  readonly frames: number;
  /** Untimed frames run through everything first (JIT, scratch buffers, caches). */
  readonly warmUpFrames: number;
  /** Also time jscanify on every frame (loadJscanify() first). */
  readonly jscanify: boolean;
}

/** Raw samples of one pass; statistics are computed in Node. */
export interface BenchSamples {
  /** analyzeDocument wall time per frame, ms. */
  readonly pipelineMs: number[];
  /** Each check called on its own, ms per frame. */
  readonly checksMs: Record<CheckName, number[]>;
  /** The same stages as analyzeDocument reports them in FrameVerdict.timings, ms per frame. */
  readonly stagesMs: Record<CheckName, number[]>;
  /** jscanify quad detection wall time per frame, ms (empty unless requested). */
  readonly jscanifyMs: number[];
  /** Per distinct frame: the true outline, ours and jscanify's (frame pixels). */
  readonly quads: { truth: Quad | null; ours: Quad | null; jscanify: Quad | null }[];
  /** Whether the page had 5 µs timers (cross-origin isolated) rather than 100 µs ones. */
  readonly preciseTimers: boolean;
}

const emptyChecks = (): Record<CheckName, number[]> => ({
  luma: [],
  sharpness: [],
  glare: [],
  exposure: [],
  quad: [],
});

/** Frame `i` of the request's source at the requested size. */
async function benchFrame(
  request: BenchRequest,
  i: number,
): Promise<BenchFrame & { documentAspect?: number }> {
  const { source, width, height } = request;
  if (source.kind === 'synthetic') return synthesizeDocument(i, width, height);
  const item = source.images[i % source.images.length]!;
  const frame = await imageFrame(item.url, item.corners, width, height);
  return { ...frame, documentAspect: item.documentAspect };
}

/**
 * Times the checks, the whole pipeline and optionally jscanify on `request.frames` frames of one
 * size, after `request.warmUpFrames` untimed ones. Frames are produced one at a time (a hundred
 * 1280x720 frames held at once would be 370 MB).
 */
export async function benchPass(request: BenchRequest): Promise<BenchSamples> {
  const samples: BenchSamples = {
    pipelineMs: [],
    checksMs: emptyChecks(),
    stagesMs: emptyChecks(),
    jscanifyMs: [],
    quads: [],
    preciseTimers: globalThis.crossOriginIsolated === true,
  };
  const distinct =
    request.source.kind === 'images'
      ? Math.min(request.frames, request.source.images.length)
      : request.frames;
  const total = request.warmUpFrames + request.frames;
  for (let n = 0; n < total; n++) {
    const timed = n >= request.warmUpFrames;
    const i = timed ? n - request.warmUpFrames : n;
    const { image, truth, documentAspect } = await benchFrame(request, i);

    const start = performance.now();
    const verdict = analyzeDocument(image, documentAspect ? { documentAspect } : {});
    const pipeline = performance.now() - start;
    // Per-check times are the pipeline's own stage timings: one measurement, no hand-kept mirror.
    const checkTimes = verdict.timings;

    let baseline: Quad | null = null;
    let baselineMs = 0;
    if (request.jscanify) {
      const t0 = performance.now();
      baseline = jscanifyQuad(image);
      baselineMs = performance.now() - t0;
    }
    if (!timed) continue;
    samples.pipelineMs.push(pipeline);
    for (const name of CHECK_NAMES) {
      samples.checksMs[name].push(checkTimes[name]);
      samples.stagesMs[name].push(verdict.timings[name]);
    }
    if (request.jscanify) samples.jscanifyMs.push(baselineMs);
    if (i < distinct) {
      const sx = image.width / (verdict.width || image.width);
      const sy = image.height / (verdict.height || image.height);
      const ours = verdict.quad ? scaleQuad(verdict.quad, sx, sy) : null;
      samples.quads.push({ truth, ours, jscanify: baseline });
    }
  }
  return samples;
}
