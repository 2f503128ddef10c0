// The labelled data for the document quality engine: synthetic phone photos of identity documents
// whose truth is known by construction (the document's corners, and what is wrong with the photo),
// plus the fake-camera videos of the document e2e tests. Deterministic: the same seed gives the
// same bytes (V8's maths is the same everywhere; the PNGs' deflate is Node's bundled zlib), with no
// image library, no ffmpeg and no checked-in binaries. Photos are rendered on worker threads (one
// per core, at most 4); each is seeded by its index, so the output does not depend on how many.
//
//   node --import tsx scripts/generate-documents.ts [--out DIR] [--count N] [--seed S]
//        [--videos DIR | --no-videos] [--force]
//   defaults: --out test/fixtures/generated/documents, --count 336, --seed 1,
//             --videos test/fixtures/generated/document-videos
//
// Each photo is rendered in software (document-scenes.ts, on make-y4m.ts's rasteriser):
// - a document face: an ID-1 card (85.6x54 mm: header band, holder photo, data fields, signature,
//   3-line TD1 MRZ) or a passport data page (125x88 mm: photo with a face, 7 fields, 2-line TD3
//   MRZ), light or darker, with random colours and guilloche;
// - put in 3-D in front of a pinhole camera: roll ±20°, tilt up to 25° about a random in-plane axis,
//   60-72° field of view, 45-90% of the frame width when seen straight on, anywhere that keeps the
//   document 21-68% of the frame's area (smaller would be the engine's "too_far", which this set
//   does not label); drawn by inverse homography with bilinear filtering and 4x4 supersampling on
//   the outline, on a background (wood planks, fabric, plain dark, plain light, clutter of small
//   objects, gradient) with a soft shadow, vignetting, a light slope, white balance and sensor noise;
// - 640x480, every 21st item 1280x720.
//
// Labels (manifest.json beside the images):
//   {"items":[{"image":"0001-clean.png","kind":"document","corners":[[x,y],x4]|null,
//              "expect":{"acceptable":true|false,"issues":[...]}, ...extra fields}]}
// `corners` are the document's true corners, clockwise from its top-left one, in continuous image
// coordinates (pixel (i, j) covers [i, i+1) x [j, j+1); its centre is (i + 0.5, j + 0.5)). They are
// the corners of the rectangle: the card's printed corners are rounded inside them. They are given
// even when a corner lies outside the frame or under a finger. `issues` holds the one degradation
// that was applied (names from src/quality/types.ts); `acceptable` is true exactly when it is empty.
// Extra fields: `seed`, `size` [w, h], `variant` (below), `document` (id1 | passport | null),
// `background`, `params` (the degradation's strength), `metrics` (measured on the written image:
// frame and document mean luma and standard deviation, blown-out share of the document, fill,
// visible share, variance of the Laplacian) and `tolerated`: issues a correct engine may report
// besides `issues` because the degradation implies them (a dark photo also has low contrast, an
// over-exposed card is blown out like a glare, a featureless no-document frame is "blurry"), or
// because a measurement is outside the acceptable band (e.g. a blurred plain scene's contrast).
//
// Variants (default set: 40% acceptable, the rest spread evenly over the seven issues, at least 25
// each; the CLI prints the counts, see `summarise` in labelled-set.ts):
//   acceptable: clean; slight_blur (Gaussian σ ≤ 0.5 px); slight_motion (≤ 1.2 px); glint (blown-out
//     spot ≤ 0.5% of the document); exposure_edge (just inside the exposure band); soft_contrast
//   blur: defocus (Gaussian σ 2.5-4.5 px or disc radius 4-7 px), motion_blur (14-28 px)
//   glare: blown-out reflection covering ≥ 6% of the document (7-22% core)
//   dark: frame mean luma ≤ 42 and document ≤ 60 (acceptable photos: frame 70-185, document 90-210)
//   bright: clipped; frame mean ≥ 200 and document ≥ 232
//   low_contrast: luma standard deviation ≤ 11 around mid grey (acceptable: ≥ ACCEPTABLE.minContrast)
//   corners: corner_out (1-2 corners ≥ 5% of the short side outside the frame, the others ≥ 3.5%
//     inside, at least half the document visible) and finger (a finger covers one corner)
//   no_document: the background alone (corners null)
// Every band is checked on the written image; a rendering that misses it is redrawn with the next
// sub-seed (KYC_GEN_DEBUG=1 logs why). Strengths are in 640-pixel-wide units and scale with the frame.
//
// Also writes 1280x720, 30-frame y4m videos with identical headers and sizes, so that an e2e test
// can switch the fake camera by overwriting one file in place: empty (the wooden table alone), good
// (the fixture card at ~63% of the width, 4° roll, 12° tilt), blurry (the same, Gaussian σ 7 px),
// glare (the same with a blown-out reflection over ~14% of the card) and partial (moved right until
// both right corners are 6% of the width outside). Every frame moves by up to ±0.5 px (the same
// tremor in every video) with fresh sensor noise. videos.json beside them gives each video's true
// corners in its first frame and its expected issues. `generateDocumentVideos` takes a smaller size
// for tests. Outputs are skipped when a stamp of generator version and parameters (or, for the
// videos, the header and size) matches: a rerun takes milliseconds.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QualityIssue, type Point, type Quad } from '../src/quality/types.ts';
import {
  DEFAULT_CARD_STYLE,
  type CardStyle,
  type FrameRenderer,
  prng,
  upToDate,
  writeFileAtomic,
  writeY4m,
  y4mFileSize,
  y4mHeader,
  type Y4mOptions,
} from './make-y4m.ts';
import {
  addGlare,
  addNoise,
  applyGain,
  applyLighting,
  BACKGROUNDS,
  clipToFrame,
  compressContrast,
  discBlur,
  DOCUMENT_MM,
  drawBackground,
  drawDocument,
  drawDocumentShadow,
  drawFinger,
  gaussianBlur,
  hashSeed,
  insideMargin,
  lumaPlane,
  meanCanvasLuma,
  textureLuma,
  motionBlur,
  pick,
  polygonArea,
  projectDocument,
  quantise,
  randomCardStyle,
  randomLighting,
  shift,
  SKIN_TONES,
  toFloat,
  uniform,
  warpTexture,
  type BackgroundKind,
  type DocumentKind,
  type FloatImage,
  type Glare,
  type Lighting,
  type Pose,
} from './document-scenes.ts';
import {
  runIfMain,
  scheduleItems,
  summarise,
  writeSet,
  type ItemSpec as GenericItemSpec,
} from './labelled-set.ts';
import { encodePng } from './png.ts';

/** Bump when anything that changes the outputs changes: stale sets and videos are regenerated. */
export const GENERATOR_VERSION = 1;

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Default folder of the labelled photos (git-ignored). */
export const DEFAULT_DOCUMENTS_DIR = resolve(REPO_ROOT, 'test/fixtures/generated/documents');
/** Default folder of the document videos (git-ignored). */
export const DEFAULT_DOCUMENT_VIDEOS_DIR = resolve(
  REPO_ROOT,
  'test/fixtures/generated/document-videos',
);
/** Default number of photos: 320 at 640x480 and 16 at 1280x720. */
export const DEFAULT_COUNT = 336;
/** Default seed. */
export const DEFAULT_SEED = 1;

// ---------------------------------------------------------------------------------------------
// Variants and label bands.

/** Issue each variant is labelled with (null: acceptable). */
export const VARIANT_ISSUE = {
  clean: null,
  slight_blur: null,
  slight_motion: null,
  glint: null,
  exposure_edge: null,
  soft_contrast: null,
  defocus: QualityIssue.Blur,
  motion_blur: QualityIssue.Blur,
  glare: QualityIssue.Glare,
  dark: QualityIssue.Dark,
  bright: QualityIssue.Bright,
  low_contrast: QualityIssue.LowContrast,
  corner_out: QualityIssue.Corners,
  finger: QualityIssue.Corners,
  no_document: QualityIssue.NoDocument,
} as const satisfies Record<string, QualityIssue | null>;
/** One way of rendering a photo. */
export type Variant = keyof typeof VARIANT_ISSUE;
/** The issues this set labels, in the order the default set spreads them. */
export const LABELLED_ISSUES = [
  QualityIssue.Blur,
  QualityIssue.Glare,
  QualityIssue.Dark,
  QualityIssue.Bright,
  QualityIssue.LowContrast,
  QualityIssue.Corners,
  QualityIssue.NoDocument,
] as const;
/** One labelled issue. */
export type LabelledIssue = (typeof LABELLED_ISSUES)[number];

/**
 * What an acceptable photo satisfies (measured on the written image). The unacceptable bands below
 * are far from these, so that no label is a judgement call.
 */
export const ACCEPTABLE = {
  frameLuma: [70, 185],
  documentLuma: [90, 210],
  /** Luma standard deviation of the frame and of the document. */
  minContrast: 24,
  /** Blown-out (luma ≥ 250) share of the document. */
  maxClipped: 0.005,
  /** Corners at least this share of the frame's short side inside it. */
  cornerMargin: 0.035,
  /** Document area / frame area. */
  fill: [0.21, 0.68],
} as const;

/** What the unacceptable variants satisfy. */
export const UNACCEPTABLE = {
  dark: { maxFrameLuma: 42, maxDocumentLuma: 60 },
  bright: { minFrameLuma: 200, minDocumentLuma: 232 },
  lowContrast: { maxContrast: 11 },
  glare: { minClipped: 0.06 },
  /** A corner outside the frame is at least this share of the short side outside. */
  cornerOutside: 0.05,
  /** A covered corner is at least this share of the finger's radius inside the finger. */
  fingerCover: 0.7,
} as const;

// ---------------------------------------------------------------------------------------------
// Manifest types.

/** One labelled photo, as manifest.json has it. */
export interface ManifestItem {
  /** PNG path relative to the manifest. */
  readonly image: string;
  readonly kind: 'document';
  /** True corners, clockwise from the document's top left (null without a document). */
  readonly corners: [number, number][] | null;
  readonly expect: { readonly acceptable: boolean; readonly issues: LabelledIssue[] };
  readonly seed: number;
  readonly size: [number, number];
  readonly variant: Variant;
  readonly document: DocumentKind | null;
  readonly background: BackgroundKind;
  /** Issues a correct engine may report besides `expect.issues`. */
  readonly tolerated: LabelledIssue[];
  /** Strength of the degradation and scene parameters. */
  readonly params: Record<string, number | string | number[]>;
  /** Measured on the written image. */
  readonly metrics: ItemMetrics;
}

/** Measurements of a written photo. */
export interface ItemMetrics {
  /** Mean luma of the frame. */
  readonly meanLuma: number;
  /** Luma standard deviation of the frame. */
  readonly contrast: number;
  /** Mean luma of the visible document (null without one). */
  readonly documentLuma: number | null;
  readonly documentContrast: number | null;
  /** Share of the visible document with luma ≥ 250. */
  readonly clipped: number | null;
  /** Document area / frame area (the whole quad, also the part outside the frame). */
  readonly fill: number | null;
  /** Share of the document inside the frame. */
  readonly visible: number | null;
  /** Variance of the 4-neighbour Laplacian of luma over the document (or the frame). */
  readonly sharpness: number;
}

/** The manifest file. */
export interface Manifest {
  readonly items: ManifestItem[];
}

// ---------------------------------------------------------------------------------------------
// The schedule: which variant each index gets.

/** What to render for one index. */
export type ItemSpec = GenericItemSpec<Variant>;

/**
 * The variants of a set of `count` photos: 40% acceptable (half of them clean, the rest mild
 * degradations), the others spread evenly over the seven issues (blur and corners each split in
 * two ways of causing them), shuffled by the seed so sizes and backgrounds mix with variants.
 */
export function planSet(count: number, seed: number): ItemSpec[] {
  const variants: Variant[] = [];
  const acceptable = Math.round(count * 0.4);
  const mild: Variant[] = [
    'slight_blur',
    'slight_motion',
    'glint',
    'exposure_edge',
    'soft_contrast',
  ];
  const perMild = Math.floor(acceptable * 0.1);
  for (const variant of mild) for (let i = 0; i < perMild; i++) variants.push(variant);
  while (variants.length < acceptable) variants.push('clean');
  const rest = count - acceptable;
  const ways: Record<LabelledIssue, Variant[]> = {
    blur: ['defocus', 'motion_blur'],
    glare: ['glare'],
    dark: ['dark'],
    bright: ['bright'],
    low_contrast: ['low_contrast'],
    corners: ['corner_out', 'finger'],
    no_document: ['no_document'],
  };
  LABELLED_ISSUES.forEach((issue, k) => {
    const n =
      Math.floor(rest / LABELLED_ISSUES.length) + (k < rest % LABELLED_ISSUES.length ? 1 : 0);
    for (let i = 0; i < n; i++) variants.push(ways[issue][i % ways[issue].length]!);
  });
  return scheduleItems(variants, seed, 0x5c4ed, 21);
}

// ---------------------------------------------------------------------------------------------
// Rendering one photo.

/** A rendered photo and its label (without the image path). */
export interface RenderedItem {
  /** RGB bytes. */
  readonly pixels: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly label: Omit<ManifestItem, 'image'>;
}

interface Stats {
  mean: number;
  std: number;
  p99: number;
  count: number;
}

/** Mean, standard deviation and 99th percentile of `values` where `mask` (if any) is set. */
function statistics(values: Float32Array, mask?: Uint8Array): Stats {
  // Histogram in half levels up to 1024: values are unclipped light here and may exceed 255.
  const bins = new Uint32Array(2048);
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask[i]) continue;
    const v = values[i]!;
    sum += v;
    squares += v * v;
    count++;
    bins[Math.min(2047, Math.max(0, Math.floor(v * 2)))]!++;
  }
  const mean = sum / Math.max(count, 1);
  let seen = 0;
  let p99 = 0;
  for (let b = 0; b < bins.length; b++) {
    seen += bins[b]!;
    if (seen >= count * 0.99) {
      p99 = (b + 1) / 2;
      break;
    }
  }
  return {
    mean,
    std: Math.sqrt(Math.max(0, squares / Math.max(count, 1) - mean * mean)),
    p99,
    count,
  };
}

/** Variance of the 4-neighbour Laplacian of `lumaValues`, over interior pixels of `mask` (or all). */
function laplacianVariance(
  values: Float32Array,
  width: number,
  height: number,
  mask?: Uint8Array,
): number {
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      if (mask && !(mask[i] && mask[i - 1] && mask[i + 1] && mask[i - width] && mask[i + width]))
        continue;
      const l =
        values[i - 1]! + values[i + 1]! + values[i - width]! + values[i + width]! - 4 * values[i]!;
      sum += l;
      squares += l * l;
      count++;
    }
  }
  const mean = sum / Math.max(count, 1);
  return squares / Math.max(count, 1) - mean * mean;
}

const DEG = Math.PI / 180;
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

/** A document pose that satisfies the variant's geometry, or null after many tries. */
function samplePose(
  random: () => number,
  width: number,
  height: number,
  doc: { width: number; height: number },
  outside: boolean,
): { pose: Pose; quad: Quad } | null {
  const short = Math.min(width, height);
  for (let attempt = 0; attempt < 400; attempt++) {
    const pose: Pose = {
      roll: uniform(random, -20, 20) * DEG,
      tilt: uniform(random, 0, 25) * DEG,
      tiltAxis: random() * 2 * Math.PI,
      fov: uniform(random, 60, 72) * DEG,
      widthFraction: uniform(random, 0.45, 0.9),
      centre: outside
        ? [uniform(random, 0.05, 0.95) * width, uniform(random, 0.05, 0.95) * height]
        : [uniform(random, 0.3, 0.7) * width, uniform(random, 0.3, 0.7) * height],
    };
    const quad = projectDocument(pose, doc.width, doc.height, width, height);
    const area = polygonArea(quad);
    const fill = area / (width * height);
    if (fill < ACCEPTABLE.fill[0] || fill > ACCEPTABLE.fill[1]) continue;
    const margins = quad.map((p) => insideMargin(p, width, height));
    const inside = (m: number) => m >= ACCEPTABLE.cornerMargin * short;
    if (!outside) {
      if (margins.every(inside)) return { pose, quad };
      continue;
    }
    const out = (m: number) => m <= -UNACCEPTABLE.cornerOutside * short;
    const outCount = margins.filter(out).length;
    const visible = polygonArea(clipToFrame(quad, width, height)) / area;
    // No corner in between "clearly inside" and "clearly outside": the label must be unambiguous.
    if (
      margins.every((m) => inside(m) || out(m)) &&
      outCount >= 1 &&
      outCount <= 2 &&
      visible >= 0.5
    ) {
      return { pose, quad };
    }
  }
  return null;
}

/** A point at (s, t) in the document's unit square (0,0 top left), mapped into the quad. */
function inQuad(quad: Quad, s: number, t: number): Point {
  const [a, b, c, d] = quad;
  return [
    (1 - s) * (1 - t) * a[0] + s * (1 - t) * b[0] + s * t * c[0] + (1 - s) * t * d[0],
    (1 - s) * (1 - t) * a[1] + s * (1 - t) * b[1] + s * t * c[1] + (1 - s) * t * d[1],
  ];
}

/** A glare whose core covers `share` of a document of `area` pixels. */
function randomGlare(
  random: () => number,
  quad: Quad,
  area: number,
  share: number,
  peak: number,
  halo: number,
): Glare {
  const aspect = uniform(random, 1.2, 2.4);
  const core = (share * area) / Math.PI;
  const rx = Math.sqrt(core * aspect);
  return {
    centre: inQuad(quad, uniform(random, 0.25, 0.75), uniform(random, 0.25, 0.75)),
    rx,
    ry: core / rx,
    angle: random() * Math.PI,
    peak,
    halo,
  };
}

/**
 * Renders one photo of `spec`, redrawing with the next sub-seed until the written image satisfies
 * its variant's bands (a few percent of attempts miss, e.g. a dark card on a dark table).
 */
export function renderItem(spec: ItemSpec): RenderedItem {
  const misses: string[] = [];
  for (let attempt = 0; attempt < 80; attempt++) {
    const item = tryRender(spec, prng(hashSeed(spec.seed, attempt)), attempt);
    if (typeof item !== 'string') return item;
    misses.push(item);
    if (process.env.KYC_GEN_DEBUG) console.error(`${spec.index} ${spec.variant}: ${item}`);
  }
  throw new Error(
    `item ${spec.index} (${spec.variant}): no rendering fit its label: ${misses.join('; ')}`,
  );
}

/** One rendering attempt: the item, or why it missed its variant's bands. */
function tryRender(spec: ItemSpec, random: () => number, attempt: number): RenderedItem | string {
  const { width, height, variant } = spec;
  const u = width / 640;
  const issue = VARIANT_ISSUE[variant];
  const params: Record<string, number | string | number[]> = {};
  if (attempt > 0) params.attempt = attempt;
  const backgroundKind = pick(random, BACKGROUNDS);
  const background = drawBackground(backgroundKind, width, height, random);
  const backgroundLuma = meanCanvasLuma(background);

  let image: FloatImage;
  let quad: Quad | null = null;
  let documentKind: DocumentKind | null = null;
  let coverage: Float32Array | null = null;
  let fingerCoverage: Float32Array | null = null;
  const lighting = randomLighting(random);

  if (variant === 'no_document') {
    image = toFloat(background);
  } else {
    documentKind = random() < 0.3 ? 'passport' : 'id1';
    const doc = DOCUMENT_MM[documentKind];
    // A document must stand out from what it lies on (a real user would not photograph a white
    // card on a white sheet and expect the edges to be found): its mean luma, judged on a 1 px/mm
    // thumbnail that costs almost nothing next to the real texture, must differ from the table's.
    // Darker documents are rarer on light and on dark tables: on light ones no exposure suits both
    // (the camera meters the table), on dark ones they would not stand out.
    const textureSeed = hashSeed(spec.seed, attempt, 1);
    const darkShare = backgroundLuma > 150 || backgroundLuma < 90 ? 0.1 : 0.3;
    let dark = false;
    let documentLuma = 0;
    let documentPeak = 0;
    let style: CardStyle | null = null;
    for (let k = 0; k < 8 && !style; k++) {
      dark = random() < darkShare;
      const candidate = randomCardStyle(random, dark);
      const thumbnail = drawDocument(documentKind, 1, textureSeed, candidate);
      ({ mean: documentLuma, p99: documentPeak } = textureLuma(thumbnail));
      if (Math.abs(documentLuma - backgroundLuma) >= 35) style = candidate;
    }
    if (!style) return 'document like background';
    const placed = samplePose(random, width, height, doc, variant === 'corner_out');
    if (!placed) return 'no pose';
    quad = placed.quad;
    // The exposure band needs a gain that suits both the frame and the document: a dark card on a
    // white desk has none. Estimated here (with slack) to skip rendering hopeless scenes.
    const fill = polygonArea(quad) / (width * height);
    const frameEstimate = backgroundLuma * (1 - fill) + documentLuma * fill;
    const gainFloor = Math.max(78 / frameEstimate, 98 / documentLuma);
    // The lighting map brightens the upper left by up to ~8%.
    const gainCeiling = Math.min(
      178 / frameEstimate,
      202 / documentLuma,
      238 / (documentPeak * 1.08),
    );
    if (variant !== 'dark' && variant !== 'bright' && gainFloor > 1.1 * gainCeiling) {
      return 'no exposure in band (estimate)';
    }
    const edges = [0, 1, 2, 3].map((i) => {
      const a = quad![i]!;
      const b = quad![(i + 1) % 4]!;
      return Math.hypot(b[0] - a[0], b[1] - a[1]) / (i % 2 === 0 ? doc.width : doc.height);
    });
    // A texture 1.25x its largest on-screen size: bilinear minification then does not alias.
    const texture = drawDocument(documentKind, Math.max(...edges) * 1.25, textureSeed, style);
    if (Math.abs(textureLuma(texture).mean - backgroundLuma) < 30) {
      return 'document like background (texture)';
    }
    drawDocumentShadow(background, quad, random);
    image = toFloat(background);
    coverage = warpTexture(image, texture, quad);
    params.roll = round(placed.pose.roll / DEG, 1);
    params.tilt = round(placed.pose.tilt / DEG, 1);
    params.dark = dark ? 1 : 0;

    if (variant === 'finger') {
      const corner = Math.floor(random() * 4);
      const q = quad[corner]!;
      const cx = quad.reduce((s, p) => s + p[0], 0) / 4;
      const cy = quad.reduce((s, p) => s + p[1], 0) / 4;
      const turn = uniform(random, -30, 30) * DEG;
      const out0 = Math.atan2(q[1] - cy, q[0] - cx) + turn;
      const dir: Point = [Math.cos(out0), Math.sin(out0)];
      const perp: Point = [-dir[1], dir[0]];
      const pxPerMm = Math.sqrt(polygonArea(quad) / (doc.width * doc.height));
      const radius = uniform(random, 7.5, 10) * pxPerMm;
      const lateral = uniform(random, -0.3, 0.3) * radius;
      const depth = uniform(random, 0.8, 1.4) * radius;
      const tip: Point = [
        q[0] + perp[0] * lateral - dir[0] * depth,
        q[1] + perp[1] * lateral - dir[1] * depth,
      ];
      const base: Point = [
        tip[0] + dir[0] * 2 * (width + height),
        tip[1] + dir[1] * 2 * (width + height),
      ];
      fingerCoverage = drawFinger(image, { tip, base, radius, skin: pick(random, SKIN_TONES) });
      // The corner is |lateral| from the finger's axis: covered with a margin of the rest.
      params.occludedCorner = corner;
      params.fingerWidth = round(2 * radius, 1);
      params.cornerCover = round(1 - Math.abs(lateral) / radius, 2);
    }
  }
  applyLighting(image, lighting);

  // Where the document is visible (fully covered, no finger): the region its metrics describe.
  const pixels = width * height;
  let documentMask: Uint8Array | undefined;
  if (coverage) {
    documentMask = new Uint8Array(pixels);
    for (let i = 0; i < pixels; i++) {
      documentMask[i] =
        coverage[i]! >= 0.999 && (!fingerCoverage || fingerCoverage[i]! <= 0.001) ? 1 : 0;
    }
  }
  const light = lumaPlane(image);
  const frame = statistics(light);
  const onDocument = documentMask ? statistics(light, documentMask) : frame;
  if (onDocument.count < 100) return 'document hidden';

  if (variant === 'glare' || variant === 'glint') {
    const area = polygonArea(quad!);
    const glare =
      variant === 'glare'
        ? randomGlare(
            random,
            quad!,
            area,
            uniform(random, 0.07, 0.22),
            uniform(random, 380, 520),
            uniform(random, 0.4, 0.9),
          )
        : randomGlare(
            random,
            quad!,
            area,
            uniform(random, 0.0006, 0.0025),
            uniform(random, 300, 400),
            uniform(random, 0.2, 0.4),
          );
    const mask = new Float32Array(pixels);
    for (let i = 0; i < pixels; i++)
      mask[i] = coverage![i]! * (1 - (fingerCoverage ? fingerCoverage[i]! : 0));
    addGlare(image, glare, mask);
    params.glareCore = round((Math.PI * glare.rx * glare.ry) / area, 4);
  }

  switch (variant) {
    case 'defocus':
      if (random() < 0.5) {
        const sigma = uniform(random, 2.5, 4.5) * u;
        image = gaussianBlur(image, sigma);
        params.kernel = 'gaussian';
        params.sigma = round(sigma, 2);
      } else {
        const radius = uniform(random, 4, 7) * u;
        image = discBlur(image, radius);
        params.kernel = 'disc';
        params.radius = round(radius, 2);
      }
      break;
    case 'slight_blur': {
      const sigma = uniform(random, 0.3, 0.5) * u;
      image = gaussianBlur(image, sigma);
      params.sigma = round(sigma, 2);
      break;
    }
    case 'motion_blur':
    case 'slight_motion': {
      const length =
        (variant === 'motion_blur' ? uniform(random, 14, 28) : uniform(random, 0.6, 1.2)) * u;
      const angle = random() * Math.PI;
      image = motionBlur(image, length, angle);
      params.length = round(length, 2);
      params.angle = round(angle / DEG, 1);
      break;
    }
    default:
      break;
  }

  // Exposure, from the statistics before any glare: a camera meters the scene, not the reflection.
  const clean: [number, number] = [
    Math.max(78 / frame.mean, documentMask ? 98 / onDocument.mean : 0),
    Math.min(
      178 / frame.mean,
      documentMask ? 202 / onDocument.mean : Infinity,
      238 / onDocument.p99,
    ),
  ];
  let gain: number;
  if (variant === 'dark') {
    gain = Math.min(36 / frame.mean, 50 / onDocument.mean) * uniform(random, 0.35, 1);
  } else if (variant === 'bright') {
    const clippedMean = (g: number, mask?: Uint8Array) => {
      let sum = 0;
      let count = 0;
      for (let i = 0; i < pixels; i++) {
        if (mask && !mask[i]) continue;
        sum += Math.min(255, light[i]! * g);
        count++;
      }
      return sum / count;
    };
    const enough = (g: number) => clippedMean(g) >= 208 && clippedMean(g, documentMask) >= 238;
    if (!enough(12)) return 'cannot over-expose';
    let lo = 1;
    let hi = 12;
    for (let k = 0; k < 24; k++) {
      const mid = (lo + hi) / 2;
      if (enough(mid)) hi = mid;
      else lo = mid;
    }
    gain = hi * uniform(random, 1, 1.25);
  } else {
    if (clean[0] > clean[1]) return 'no exposure in band';
    if (variant === 'exposure_edge') {
      gain =
        random() < 0.5 ? clean[0] * uniform(random, 1, 1.03) : clean[1] * uniform(random, 0.97, 1);
    } else {
      // Auto-exposure keeps the scene near its own level when that is in the band, and otherwise
      // brings it just inside (a dark table is lifted to the band's bottom, not to mid grey).
      const lo = Math.max(clean[0], 0.85);
      const hi = Math.min(clean[1], 1.15);
      gain =
        lo <= hi
          ? uniform(random, lo, hi)
          : clean[1] < 0.85
            ? uniform(random, Math.max(clean[0], clean[1] * 0.92), clean[1])
            : uniform(random, clean[0], Math.min(clean[1], clean[0] * 1.08));
    }
  }
  applyGain(image, gain);
  params.gain = round(gain, 3);
  if (variant === 'low_contrast') {
    const target = uniform(random, 3.5, 8);
    const factor = target / (gain * Math.max(frame.std, onDocument.std));
    compressContrast(image, factor);
    params.contrastFactor = round(factor, 3);
  } else if (variant === 'soft_contrast') {
    const factor = uniform(random, 0.7, 0.85);
    compressContrast(image, factor);
    params.contrastFactor = round(factor, 3);
  }
  const noise = uniform(random, 1, 2) * (variant === 'dark' ? 1.4 : 1);
  addNoise(image, random, noise);
  params.noise = round(noise, 2);

  const bytes = quantise(image, 3);
  const metrics = measure(bytes, width, height, documentMask, quad);
  if (!satisfies(variant, metrics)) return `missed band: ${JSON.stringify(metrics)}`;

  const issues: LabelledIssue[] = issue ? [issue] : [];
  return {
    pixels: bytes,
    width,
    height,
    label: {
      kind: 'document',
      corners: quad ? quad.map(([x, y]) => [round(x, 3), round(y, 3)] as [number, number]) : null,
      expect: { acceptable: issues.length === 0, issues },
      seed: spec.seed,
      size: [width, height],
      variant,
      document: documentKind,
      background: backgroundKind,
      tolerated: tolerated(variant, metrics),
      params,
      metrics,
    },
  };
}

/** Measures a written photo (RGB bytes). */
function measure(
  bytes: Uint8Array,
  width: number,
  height: number,
  documentMask: Uint8Array | undefined,
  quad: Quad | null,
): ItemMetrics {
  const values = new Float32Array(width * height);
  for (let i = 0; i < values.length; i++) {
    values[i] = 0.299 * bytes[i * 3]! + 0.587 * bytes[i * 3 + 1]! + 0.114 * bytes[i * 3 + 2]!;
  }
  const frame = statistics(values);
  let doc: Stats | null = null;
  let clipped: number | null = null;
  if (documentMask) {
    doc = statistics(values, documentMask);
    let blown = 0;
    for (let i = 0; i < values.length; i++) if (documentMask[i] && values[i]! >= 250) blown++;
    clipped = blown / Math.max(doc.count, 1);
  }
  const area = quad ? polygonArea(quad) : 0;
  return {
    meanLuma: round(frame.mean),
    contrast: round(frame.std),
    documentLuma: doc ? round(doc.mean) : null,
    documentContrast: doc ? round(doc.std) : null,
    clipped: clipped === null ? null : round(clipped, 4),
    fill: quad ? round(area / (width * height), 4) : null,
    visible: quad ? round(polygonArea(clipToFrame(quad, width, height)) / area, 4) : null,
    sharpness: round(laplacianVariance(values, width, height, documentMask), 1),
  };
}

const within = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi;

/** True when the measured photo fits its variant's label with the documented margins. */
function satisfies(variant: Variant, m: ItemMetrics): boolean {
  const normalExposure =
    within(m.meanLuma, ACCEPTABLE.frameLuma) &&
    (m.documentLuma === null || within(m.documentLuma, ACCEPTABLE.documentLuma));
  const normalContrast =
    m.contrast >= ACCEPTABLE.minContrast &&
    (m.documentContrast === null || m.documentContrast >= ACCEPTABLE.minContrast);
  const noGlare = m.clipped === null || m.clipped <= ACCEPTABLE.maxClipped;
  switch (variant) {
    case 'clean':
    case 'slight_blur':
    case 'slight_motion':
    case 'glint':
    case 'exposure_edge':
    case 'soft_contrast':
    case 'finger':
    case 'corner_out':
      return normalExposure && normalContrast && noGlare;
    case 'defocus':
    case 'motion_blur':
      // Blur lowers the standard deviation a little; that alone is not the label's concern.
      return normalExposure && noGlare;
    case 'glare':
      return (
        m.clipped !== null &&
        m.clipped >= UNACCEPTABLE.glare.minClipped &&
        m.meanLuma <= 200 &&
        m.meanLuma >= 70
      );
    case 'dark':
      return (
        m.meanLuma <= UNACCEPTABLE.dark.maxFrameLuma &&
        (m.documentLuma ?? 0) <= UNACCEPTABLE.dark.maxDocumentLuma
      );
    case 'bright':
      return (
        m.meanLuma >= UNACCEPTABLE.bright.minFrameLuma &&
        (m.documentLuma ?? 255) >= UNACCEPTABLE.bright.minDocumentLuma
      );
    case 'low_contrast':
      return (
        within(m.meanLuma, ACCEPTABLE.frameLuma) &&
        m.contrast <= UNACCEPTABLE.lowContrast.maxContrast &&
        (m.documentContrast ?? 0) <= UNACCEPTABLE.lowContrast.maxContrast
      );
    case 'no_document':
      return within(m.meanLuma, ACCEPTABLE.frameLuma);
  }
}

/** Issues implied by the variant's degradation, or measured outside the acceptable bands. */
function tolerated(variant: Variant, m: ItemMetrics): LabelledIssue[] {
  const implied: Partial<Record<Variant, LabelledIssue[]>> = {
    // Scaling luma down scales its deviation and Laplacian down as much.
    dark: ['low_contrast', 'blur'],
    // An over-exposed document is blown out, which is what a glare measure counts.
    bright: ['low_contrast', 'glare'],
    low_contrast: ['blur'],
    // A plain background has no texture to be sharp, nor contrast.
    no_document: ['low_contrast', 'blur'],
  };
  const out = new Set<LabelledIssue>(implied[variant] ?? []);
  if (VARIANT_ISSUE[variant] !== null) {
    if (
      m.contrast < ACCEPTABLE.minContrast ||
      (m.documentContrast ?? Infinity) < ACCEPTABLE.minContrast
    ) {
      out.add('low_contrast');
    }
    if (m.meanLuma > ACCEPTABLE.frameLuma[1] || (m.documentLuma ?? 0) > ACCEPTABLE.documentLuma[1])
      out.add('bright');
    if (
      m.meanLuma < ACCEPTABLE.frameLuma[0] ||
      (m.documentLuma ?? Infinity) < ACCEPTABLE.documentLuma[0]
    )
      out.add('dark');
  }
  const issue = VARIANT_ISSUE[variant];
  if (issue) out.delete(issue);
  return LABELLED_ISSUES.filter((i) => out.has(i));
}

// ---------------------------------------------------------------------------------------------
// Writing a set.

/** Options of {@link generateDocumentSet}. */
export interface DocumentSetOptions {
  /** Output folder (default {@link DEFAULT_DOCUMENTS_DIR}); relative paths are from the working directory. */
  readonly out?: string;
  /** Number of photos (default {@link DEFAULT_COUNT}). */
  readonly count?: number;
  /** Seed (default {@link DEFAULT_SEED}). */
  readonly seed?: number;
  /** Regenerate even when the stamp matches. */
  readonly force?: boolean;
  /**
   * Worker threads (default: the number of cores, at most 4; 1 renders in this thread). Workers
   * load this module through tsx, so a caller running under another TypeScript loader passes 1.
   */
  readonly workers?: number;
  /** Called after each photo (progress for the CLI). */
  readonly onProgress?: (done: number, total: number) => void;
}

// Deflate level of the photos: sensor noise is incompressible, so 4 is within 3% of 6-9 in size
// at half the time.
const PNG_LEVEL = 4;

type Label = RenderedItem['label'];

/** Image file name of an item. */
export const imageName = (spec: ItemSpec): string =>
  `${String(spec.index).padStart(4, '0')}-${spec.variant}.png`;

/** Renders a photo and writes it as a PNG (what each worker does per item). */
export async function renderToFile(spec: ItemSpec, path: string): Promise<Label> {
  const rendered = renderItem(spec);
  const png = encodePng(
    { width: rendered.width, height: rendered.height, channels: 3, data: rendered.pixels },
    { level: PNG_LEVEL },
  );
  await writeFileAtomic(path, png);
  return rendered.label;
}

/**
 * Renders the labelled photos and manifest.json into `options.out`, unless a stamp shows that the
 * same generator version, count and seed already wrote them there (and the files are all present).
 */
export async function generateDocumentSet(
  options: DocumentSetOptions = {},
): Promise<{ manifestPath: string; count: number }> {
  const dir = resolve(options.out ?? DEFAULT_DOCUMENTS_DIR);
  const count = options.count ?? DEFAULT_COUNT;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`bad count ${count}`);
  const stamp = { version: GENERATOR_VERSION, count, seed };
  const specs = planSet(count, seed);
  const names = specs.map(imageName);
  return writeSet({
    dir,
    stamp,
    specs,
    names,
    workerModule: new URL('./generate-documents.worker.ts', import.meta.url),
    render: renderToFile,
    family: 'studio',
    workers: options.workers,
    force: options.force,
    onProgress: options.onProgress,
  });
}

// ---------------------------------------------------------------------------------------------
// Videos.

/** The document videos. */
export const VIDEO_NAMES = ['empty', 'good', 'blurry', 'glare', 'partial'] as const;
/** One document video. */
export type VideoName = (typeof VIDEO_NAMES)[number];

/** Options of {@link generateDocumentVideos} (the defaults are what the e2e tests use). */
export interface DocumentVideoOptions {
  /** Frame width (default 1280). */
  readonly width?: number;
  /** Frame height (default 720). */
  readonly height?: number;
  /** Frames per video (default 30; Chromium loops the file). */
  readonly frames?: number;
  /** Regenerate even when the files are current. */
  readonly force?: boolean;
}

/** videos.json, written beside the videos. */
export interface VideoIndex {
  readonly header: string;
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  readonly videos: Record<
    VideoName,
    {
      readonly file: string;
      readonly corners: [number, number][] | null;
      readonly issues: LabelledIssue[];
    }
  >;
}

const VIDEO_SEED = 7;

/** The fixed document pose of the videos: 60% of the width, turned 4°, top edge tilted away. */
export function videoPose(width: number, height: number): Pose {
  return {
    roll: -4 * DEG,
    tilt: 12 * DEG,
    tiltAxis: 0,
    fov: 66 * DEG,
    widthFraction: 0.6,
    centre: [width * 0.5, height * 0.5],
  };
}

/** The partial video's pose: shifted right until both right corners are 6% of the width outside. */
function partialPose(width: number, height: number): Pose {
  let pose = videoPose(width, height);
  const doc = DOCUMENT_MM.id1;
  for (let k = 0; k < 4; k++) {
    const quad = projectDocument(pose, doc.width, doc.height, width, height);
    const rightmost = Math.min(quad[1][0], quad[2][0]);
    pose = {
      ...pose,
      centre: [pose.centre[0] + width * 1.06 - rightmost, pose.centre[1] + height * 0.03],
    };
  }
  return pose;
}

/**
 * Writes empty/good/blurry/glare/partial.y4m (1280x720, 30 frames, identical headers and sizes) and
 * videos.json into `outDir`, unless they are current. Each frame is the video's still scene moved
 * by up to ±0.5 px (hand tremor) with fresh sensor noise; the tremor is the same in every video.
 * @returns absolute paths of the five videos
 */
export async function generateDocumentVideos(
  outDir: string = DEFAULT_DOCUMENT_VIDEOS_DIR,
  options: DocumentVideoOptions = {},
): Promise<Record<VideoName, string>> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const width = options.width ?? 1280;
  const height = options.height ?? 720;
  const frames = options.frames ?? 30;
  const y4m: Y4mOptions = { frameCount: frames, extraTags: [`XKYC_DOCVID=${GENERATOR_VERSION}`] };
  const header = y4mHeader(width, height, y4m);
  const size = y4mFileSize(width, height, y4m);
  const paths = Object.fromEntries(
    VIDEO_NAMES.map((name) => [name, join(dir, `${name}.y4m`)]),
  ) as Record<VideoName, string>;

  const tremor = videoTremor(frames);
  const doc = DOCUMENT_MM.id1;
  const goodQuad = projectDocument(videoPose(width, height), doc.width, doc.height, width, height);
  const partialQuad = projectDocument(
    partialPose(width, height),
    doc.width,
    doc.height,
    width,
    height,
  );
  const moved = (quad: Quad | null): [number, number][] | null =>
    quad
      ? quad.map(
          ([x, y]) =>
            [round(x + tremor[0]![0], 3), round(y + tremor[0]![1], 3)] as [number, number],
        )
      : null;
  const index: VideoIndex = {
    header: header.trimEnd(),
    width,
    height,
    frames,
    videos: {
      empty: { file: 'empty.y4m', corners: null, issues: ['no_document'] },
      good: { file: 'good.y4m', corners: moved(goodQuad), issues: [] },
      blurry: { file: 'blurry.y4m', corners: moved(goodQuad), issues: ['blur'] },
      glare: { file: 'glare.y4m', corners: moved(goodQuad), issues: ['glare'] },
      partial: { file: 'partial.y4m', corners: moved(partialQuad), issues: ['corners'] },
    },
  };
  const indexPath = join(dir, 'videos.json');
  // One video per line: short enough to read at a glance.
  const { videos, ...meta } = index;
  const indexText = `${JSON.stringify(meta).slice(0, -1)},"videos":{\n${VIDEO_NAMES.map(
    (name) => `${JSON.stringify(name)}:${JSON.stringify(videos[name])}`,
  ).join(',\n')}\n}}\n`;

  const stale: VideoName[] = [];
  for (const name of VIDEO_NAMES) {
    if (options.force || !(await upToDate(paths[name], header, size))) stale.push(name);
  }
  if (stale.length > 0) {
    const scene = videoScene(width, height);
    for (const name of stale) {
      const base = scene(
        name,
        name === 'partial' ? partialQuad : name === 'empty' ? null : goodQuad,
      );
      await writeY4m(paths[name], width, height, videoFrames(base, tremor), y4m);
    }
  }
  if ((await readFile(indexPath, 'utf8').catch(() => '')) !== indexText)
    await writeFileAtomic(indexPath, indexText);
  return paths;
}

/**
 * Per-frame hand tremor of the videos (up to ±0.5 px each way), the same in every video so that
 * switching files does not make the document jump.
 */
export function videoTremor(frames: number): (readonly [number, number])[] {
  return Array.from({ length: frames }, (_, i) => {
    const random = prng(hashSeed(VIDEO_SEED, 100, i));
    return [uniform(random, -0.5, 0.5), uniform(random, -0.5, 0.5)] as const;
  });
}

/** The frames of a video: its still scene moved by each frame's tremor, with fresh sensor noise. */
export function videoFrames(
  base: FloatImage,
  tremor: readonly (readonly [number, number])[],
): FrameRenderer {
  const rgba = new Uint8ClampedArray(base.width * base.height * 4);
  return (i) => {
    const frame = shift(base, tremor[i]![0], tremor[i]![1]);
    addNoise(frame, prng(hashSeed(VIDEO_SEED, 200, i)), 1.5);
    rgba.set(quantise(frame, 4));
    return rgba;
  };
}

/**
 * The still scene of each video, before tremor and noise. `overlay` (if any) draws on the image
 * after the card and before the lighting, given the card's quad: what is printed on the card, such
 * as the flow videos' holder photo (scripts/flow-videos.ts).
 */
export function videoScene(
  width: number,
  height: number,
  overlay?: (image: FloatImage, quad: Quad) => void,
): (name: VideoName, quad: Quad | null) => FloatImage {
  const random = prng(hashSeed(VIDEO_SEED, 1));
  const background = drawBackground('wood', width, height, random);
  const u = width / 640;
  const lighting: Lighting = { slope: 0.04, angle: 0.6, balance: [1.02, 1, 0.98] };
  const doc = DOCUMENT_MM.id1;
  return (name, quad) => {
    const canvas = { ...background, data: background.data.slice() };
    let image: FloatImage;
    if (!quad) {
      image = toFloat(canvas);
      applyLighting(image, lighting);
      return image;
    }
    const edge = Math.hypot(quad[1][0] - quad[0][0], quad[1][1] - quad[0][1]) / doc.width;
    const texture = drawDocument('id1', edge * 1.3, hashSeed(VIDEO_SEED, 2), DEFAULT_CARD_STYLE);
    drawDocumentShadow(canvas, quad, prng(hashSeed(VIDEO_SEED, 3)));
    image = toFloat(canvas);
    const coverage = warpTexture(image, texture, quad);
    overlay?.(image, quad);
    applyLighting(image, lighting);
    if (name === 'glare') {
      const area = polygonArea(quad);
      const core = (0.14 * area) / Math.PI;
      const rx = Math.sqrt(core * 1.7);
      addGlare(
        image,
        { centre: inQuad(quad, 0.6, 0.45), rx, ry: core / rx, angle: 0.5, peak: 450, halo: 0.6 },
        coverage,
      );
    }
    if (name === 'blurry') image = gaussianBlur(image, 3.5 * u);
    return image;
  };
}

// ---------------------------------------------------------------------------------------------
// CLI.

function parseArgs(argv: readonly string[]): DocumentSetOptions & { videos: string | null } {
  let out: string | undefined;
  let count: number | undefined;
  let seed: number | undefined;
  let videos: string | null = DEFAULT_DOCUMENT_VIDEOS_DIR;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--out') out = value();
    else if (arg === '--count') count = Number(value());
    else if (arg === '--seed') seed = Number(value());
    else if (arg === '--videos') videos = value();
    else if (arg === '--no-videos') videos = null;
    else if (arg === '--force') force = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  return { out, count, seed, videos, force };
}

runIfMain(import.meta.url, async () => {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const args = parseArgs(process.argv.slice(2));
  const { manifestPath, count } = await generateDocumentSet({
    ...args,
    onProgress: (done, total) => {
      if (done % 50 === 0 || done === total)
        process.stderr.write(`${done}/${total} (${seconds()} s)\n`);
    },
  });
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
  console.log(`${manifestPath}: ${count} photos (${seconds()} s)`);
  console.log(JSON.stringify(summarise(manifest.items)));
  if (args.videos) {
    const videos = await generateDocumentVideos(args.videos, { force: args.force });
    console.log(`${Object.values(videos).join('\n')}\n(${seconds()} s)`);
  }
});
