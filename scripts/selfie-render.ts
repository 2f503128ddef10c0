// One labelled studio selfie (generate-selfies.ts writes the set): the variants and their bands,
// the scene a variant plans (where the faces, the torso or the helmet go), the drawing, light,
// blur, exposure and noise, and the label read off the geometry and the written pixels. The person
// is selfie-scenes.ts's cut-out of the fixture portrait; the backgrounds are document-scenes.ts's.
//
// Labels (manifest.json beside the images, the eval's format):
//   {"items":[{"image":"0000-clean.png","kind":"selfie","faces":1,
//              "expect":{"acceptable":true,"issues":[]}, ...extra fields}]}
// `issues` come from the faces' true geometry (`geometryIssues`, thresholds in FACE_RULES) plus the
// variant's photometric issue (blur, dark); `acceptable` is true exactly when there is none.
//   face size = forehead-to-chin height / the frame's shorter side: acceptable 0.30-0.60,
//     face_too_small below 0.22, face_too_large above 0.70 (the bands between are tolerated:
//     this set avoids them); face_off_center: the face centre (midpoint of forehead top and chin)
//     more than 18% of the frame's width or height from its centre; face_angle: roll beyond 18° or
//     yaw ratio (nose offset from the eyes' midpoint along the eye line / eye distance) ≥ 0.25;
//     multiple_faces: two or more faces of size ≥ 0.2; no_face: none in the frame. Size, offset
//     and angle describe the largest face.
// Every variant keeps a margin from the thresholds (MARGINS) so that no label is a judgement call.
// Conventions: "forehead top" is where the hair meets the forehead on the midline (the fixture's
// fringe; see PORTRAIT_FACE), so the eyes are 21% of the face height below it, the face height is
// 2.19 eye-to-mouth distances and the face centre is at nose level, 0.29 face heights below the
// eye line. Roll is the eye line's angle, clockwise on screen positive; "right" eye and ear are on
// the image's left (the person's own, as MediaPipe names them); yaw ratio > 0: nose to the right.
// Extra fields: `seed`, `size` [w, h], `variant`, `background`, `tolerated` (issues a correct
// engine may also report: a dark frame is also "blurry", a tiny face may go unseen), `params`,
// `geometry` (one entry per face, largest first: size, height, centre, offset, roll, yawRatio,
// mirrored, visible share, the eight landmarks in continuous pixel coordinates) and `metrics`
// (measured on the written image: frame and face luma and contrast, face sharpness).
//
// Variants (default set: 40% acceptable; the rest spread evenly over the eight issues):
//   acceptable: clean; slight_blur; slight_motion; exposure_edge (face luma 95-106); size_edge
//     (0.31-0.34 or 0.54-0.59); offset_edge (10-15% off centre); roll_edge (8-14°); yaw_edge
//     (ratio 0.08-0.14); background_face (a second face of size ≤ 0.12 behind)
//   face_too_small: small (0.10-0.20; people this small sit behind a desk, so that the photo's
//     bottom edge is hidden); face_too_large: large (0.74-0.92); face_off_center:
//     off_center (22-34%); face_angle: roll (24-45°) and yaw (ratio 0.28-0.38); blur: defocus and
//     motion_blur; dark: dark; no_face: empty (background only) and object (the person with her
//     face above the frame, or the helmet she holds); multiple_faces: two_faces and three_faces
//     (each ≥ 0.22; the largest acceptable on its own).
import type { Point } from '../src/quality/types.ts';
import { prng, type Rgb } from './make-y4m.ts';
import {
  addNoise,
  applyGain,
  applyLighting,
  BACKGROUNDS,
  discBlur,
  drawBackground,
  gaussianBlur,
  hashSeed,
  lumaPlane,
  motionBlur,
  pick,
  quantise,
  randomLighting,
  toFloat,
  uniform,
  type BackgroundKind,
  type FloatImage,
  type Lighting,
} from './document-scenes.ts';
import { LANDMARK_NAMES, poseOf, type LandmarkName } from './faces/landmarks.ts';
import {
  FACE_RULES,
  framing,
  geometryIssues,
  LABELLED_ISSUES,
  round,
  roundLandmarks,
  type FaceTruth,
  type SelfieIssue,
} from './faces/truth.ts';
import type { ItemSpec as GenericItemSpec } from './labelled-set.ts';
import {
  drawDesk,
  drawLayer,
  faceTransform,
  faceVisibility,
  forward,
  HELMET,
  HELMET_CUTS,
  photoBottom,
  photoCoversFrame,
  placeLandmarks,
  yawStrengthFor,
  type FacePlacement,
  type Layer,
  type Portrait,
  type Transform,
} from './selfie-scenes.ts';

/** Bump when anything that changes the outputs changes: stale sets and videos are regenerated. */
export const GENERATOR_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Rules and variants (the label semantics, FACE_RULES, are faces/truth.ts's).

/** The bands the variants are drawn from: far enough from FACE_RULES that no label is a toss-up. */
export const MARGINS = {
  cleanSize: [0.34, 0.55],
  edgeSizes: [
    [0.31, 0.34],
    [0.54, 0.59],
  ],
  smallSize: [0.1, 0.2],
  largeSize: [0.74, 0.92],
  /** Acceptable faces are at most this far off centre (per axis); clean ones 8%. */
  edgeOffset: [0.1, 0.15],
  offCentre: [0.22, 0.34],
  edgeRoll: [8, 14],
  badRoll: [24, 45],
  edgeYaw: [0.08, 0.14],
  badYaw: [0.28, 0.38],
  /** Faces that count for multiple_faces are at least this big ... */
  countedFace: 0.22,
  /** ... and background faces that do not count at most this. */
  backgroundFace: [0.07, 0.12],
  /** Share of each face region that no other layer may cover. */
  minVisible: 0.97,
} as const;

/** Exposure bands, measured on the written image (luma 0-255). */
export const EXPOSURE = {
  /** Every variant but `dark`: the face's mean luma, and the frame's at least. */
  faceLuma: [95, 205],
  minFrameLuma: 50,
  /** Frames without a face. */
  frameLuma: [60, 200],
  /** `dark`: face and frame mean luma at most. */
  dark: { maxFaceLuma: FACE_RULES.darkLuma, maxFrameLuma: FACE_RULES.darkLuma },
} as const;

/** Issue each variant is labelled with (null: acceptable). */
export const VARIANT_ISSUE = {
  clean: null,
  slight_blur: null,
  slight_motion: null,
  exposure_edge: null,
  size_edge: null,
  offset_edge: null,
  roll_edge: null,
  yaw_edge: null,
  background_face: null,
  small: 'face_too_small',
  large: 'face_too_large',
  off_center: 'face_off_center',
  roll: 'face_angle',
  yaw: 'face_angle',
  defocus: 'blur',
  motion_blur: 'blur',
  dark: 'dark',
  empty: 'no_face',
  object: 'no_face',
  two_faces: 'multiple_faces',
  three_faces: 'multiple_faces',
} as const satisfies Record<string, SelfieIssue | null>;
/** One way of rendering a selfie. */
export type Variant = keyof typeof VARIANT_ISSUE;
/** Every variant, acceptable ones first. */
export const VARIANTS = Object.keys(VARIANT_ISSUE) as Variant[];

/** Backgrounds: document-scenes.ts's, and the photo's own studio backdrop. */
export type SelfieBackground = BackgroundKind | 'studio';

// ---------------------------------------------------------------------------------------------
// Manifest types.

/** Measurements of a written photo. */
export interface SelfieMetrics {
  /** Mean luma of the frame. */
  readonly meanLuma: number;
  /** Luma standard deviation of the frame. */
  readonly contrast: number;
  /** Mean luma of the largest face's visible region (null without a face). */
  readonly faceLuma: number | null;
  readonly faceContrast: number | null;
  /** Variance of the 4-neighbour Laplacian of luma over the largest face (or the frame). */
  readonly sharpness: number;
}

/** One labelled photo, as manifest.json has it. */
export interface ManifestItem {
  /** PNG path relative to the manifest. */
  readonly image: string;
  readonly kind: 'selfie';
  /** Faces in the frame (also small ones that do not count for multiple_faces). */
  readonly faces: number;
  readonly expect: { readonly acceptable: boolean; readonly issues: SelfieIssue[] };
  readonly seed: number;
  readonly size: [number, number];
  readonly variant: Variant;
  readonly background: SelfieBackground;
  /** Issues a correct engine may report besides `expect.issues`. */
  readonly tolerated: SelfieIssue[];
  readonly params: Record<string, number | string | boolean>;
  /** One entry per face, largest first. */
  readonly geometry: FaceTruth[];
  readonly metrics: SelfieMetrics;
}

/** The manifest file. */
export interface Manifest {
  readonly items: ManifestItem[];
}

/**
 * The geometric issues of a frame with these faces (largest first), by FACE_RULES, and the issues
 * a face in a tolerance band may also be reported with.

/** What to render for one index. */
export type ItemSpec = GenericItemSpec<Variant>;

// ---------------------------------------------------------------------------------------------
// Planning a scene: where the faces go.

const signed = (random: () => number, [a, b]: readonly [number, number]) =>
  (random() < 0.5 ? -1 : 1) * uniform(random, a, b);

/** How one face of a variant is drawn. */
interface FaceSpec {
  readonly size: readonly [number, number];
  /** Centre offsets from the frame centre (fractions of width and height), sampled per try. */
  readonly offset: (random: () => number) => Point;
  /** Absolute roll range (degrees) and yaw-ratio range; the sign is random. */
  readonly roll: readonly [number, number];
  readonly yaw: readonly [number, number];
  /** Ears must be in the frame too (faces that should be acceptable). */
  readonly ears: boolean;
}

const CENTRED = (max: number) => (random: () => number) =>
  [uniform(random, -max, max), uniform(random, -max, max)] as Point;

const CLEAN_FACE: FaceSpec = {
  size: MARGINS.cleanSize,
  offset: CENTRED(0.08),
  roll: [0, 6],
  yaw: [0, 0.06],
  ears: true,
};

/** The landmarks that must be inside the frame for a face to be "in" it: all but the ears. */
const CORE_LANDMARKS: readonly LandmarkName[] = LANDMARK_NAMES.slice(0, 6);

/** A placement of `spec` whose face is inside the frame, or null after many tries. */
function sampleFace(
  random: () => number,
  spec: FaceSpec,
  width: number,
  height: number,
): FacePlacement | null {
  const margin = 0.02 * Math.min(width, height);
  for (let attempt = 0; attempt < 200; attempt++) {
    const [ox, oy] = spec.offset(random);
    const mirror = random() < 0.5;
    const placement: FacePlacement = {
      size: uniform(random, spec.size[0], spec.size[1]),
      centre: [width * (0.5 + ox), height * (0.5 + oy)],
      roll: signed(random, spec.roll),
      yaw: yawStrengthFor(signed(random, spec.yaw), mirror),
      mirror,
    };
    const landmarks = placeLandmarks(faceTransform(placement, width, height));
    const names = spec.ears ? LANDMARK_NAMES : CORE_LANDMARKS;
    const inside = names.every((name) => {
      const [x, y] = landmarks[name];
      return x >= margin && y >= margin && x <= width - margin && y <= height - margin;
    });
    if (inside) return placement;
  }
  return null;
}

/** A layer in a planned scene, back to front. */
interface PlannedLayer {
  readonly layer: Layer;
  /** A face that the labels describe (false: no face in the frame, e.g. the helmet). */
  readonly face: boolean;
}

const randomTint = (random: () => number, spread: number): Rgb => {
  const k = uniform(random, 1 - spread, 1 + spread * 0.5);
  return [
    k * uniform(random, 1 - spread / 2, 1 + spread / 2),
    k,
    k * uniform(random, 1 - spread / 2, 1 + spread / 2),
  ];
};

/** The faces and objects of a variant, back to front, or why none fit. */
function planScene(
  variant: Variant,
  random: () => number,
  width: number,
  height: number,
): PlannedLayer[] | string {
  const person = (placement: FacePlacement, spread: number): PlannedLayer => ({
    layer: {
      cutout: 'person',
      transform: faceTransform(placement, width, height),
      tint: randomTint(random, spread),
    },
    face: true,
  });
  const one = (spec: Partial<FaceSpec>): PlannedLayer[] | string => {
    const placement = sampleFace(random, { ...CLEAN_FACE, ...spec }, width, height);
    return placement ? [person(placement, 0.06)] : 'no placement';
  };
  switch (variant) {
    case 'clean':
    case 'slight_blur':
    case 'slight_motion':
    case 'exposure_edge':
    case 'defocus':
    case 'motion_blur':
    case 'dark':
      return one({});
    case 'size_edge':
      return one({ size: pick(random, MARGINS.edgeSizes) });
    case 'offset_edge':
      return one({ offset: offCentre(MARGINS.edgeOffset, 0.08), size: [0.32, 0.5] });
    case 'roll_edge':
      return one({ roll: MARGINS.edgeRoll });
    case 'yaw_edge':
      return one({ yaw: MARGINS.edgeYaw });
    case 'small':
      return one({ size: MARGINS.smallSize, offset: CENTRED(0.1) });
    case 'large':
      return one({ size: MARGINS.largeSize, offset: CENTRED(0.04), ears: false });
    case 'off_center':
      return one({ offset: offCentre(MARGINS.offCentre, 0.08), size: [0.3, 0.46], ears: false });
    case 'roll':
      return one({ roll: MARGINS.badRoll, size: [0.32, 0.5] });
    case 'yaw':
      return one({ yaw: MARGINS.badYaw });
    case 'empty':
      return [];
    case 'object':
      return random() < 0.5 ? torso(random, width, height) : helmet(random, width, height);
    case 'background_face':
    case 'two_faces':
    case 'three_faces': {
      const main = sampleFace(
        random,
        { ...CLEAN_FACE, size: variant === 'background_face' ? [0.34, 0.5] : [0.32, 0.46] },
        width,
        height,
      );
      if (!main) return 'no placement';
      const others: PlannedLayer[] = [];
      const sides = variant === 'three_faces' ? [-1, 1] : [random() < 0.5 ? -1 : 1];
      for (const side of sides) {
        const size: readonly [number, number] =
          variant === 'background_face'
            ? MARGINS.backgroundFace
            : [MARGINS.countedFace, Math.max(MARGINS.countedFace, main.size - 0.04)];
        // Beside the main face, a little higher (further back), anywhere the face fits.
        const spec: FaceSpec = {
          size,
          offset: (r) => [
            (main.centre[0] / width - 0.5) * 0.3 + side * uniform(r, 0.22, 0.42),
            uniform(r, -0.22, 0.05),
          ],
          roll: [0, 8],
          yaw: [0, 0.1],
          ears: false,
        };
        const placement = sampleFace(random, spec, width, height);
        if (!placement) return 'no placement for another face';
        others.push(person(placement, 0.15));
      }
      return [...others, person(main, 0.06)];
    }
  }
}

/** Offsets with one or both axes in `band` (random signs), the other within ±`other`. */
function offCentre(band: readonly [number, number], other: number) {
  return (random: () => number): Point => {
    const mode = Math.floor(random() * 3);
    return [
      mode !== 1 ? signed(random, band) : uniform(random, -other, other),
      mode !== 0 ? signed(random, band) : uniform(random, -other, other),
    ];
  };
}

/** The person with her face above the frame: suit and neck ring only. */
function torso(random: () => number, width: number, height: number): PlannedLayer[] | string {
  const short = Math.min(width, height);
  for (let attempt = 0; attempt < 100; attempt++) {
    const size = uniform(random, 0.35, 0.6);
    const placement: FacePlacement = {
      size,
      centre: [
        width * uniform(random, 0.4, 0.6),
        -uniform(random, 0.04, 0.25) * height - (size * short) / 2,
      ],
      roll: uniform(random, -8, 8),
      yaw: 0,
      mirror: random() < 0.5,
    };
    const transform = faceTransform(placement, width, height);
    const landmarks = placeLandmarks(transform);
    if (LANDMARK_NAMES.every((name) => landmarks[name][1] < -0.02 * short)) {
      return [{ layer: { cutout: 'person', transform }, face: false }];
    }
  }
  return 'no torso placement';
}

/** The helmet, large in the frame, with the photo's cut edges through it outside the frame. */
function helmet(random: () => number, width: number, height: number): PlannedLayer[] | string {
  const short = Math.min(width, height);
  for (let attempt = 0; attempt < 400; attempt++) {
    const mirror = random() < 0.5;
    const scale = (uniform(random, 0.3, 0.55) * short) / HELMET.r;
    const transform: Transform = {
      scale,
      rotation: (uniform(random, -12, 12) * Math.PI) / 180,
      anchor: [mirror ? 449 - HELMET.cx : HELMET.cx, HELMET.cy],
      at: [width * uniform(random, 0.25, 0.75), height * uniform(random, 0.45, 0.9)],
      mirror,
      yaw: 0,
    };
    const outside = HELMET_CUTS.every(([a, b]) => {
      const [p, q] = [forward(transform, a), forward(transform, b)];
      return (
        (p[0] >= width && q[0] >= width) ||
        (p[0] <= 0 && q[0] <= 0) ||
        (p[1] >= height && q[1] >= height) ||
        (p[1] <= 0 && q[1] <= 0)
      );
    });
    if (outside) return [{ layer: { cutout: 'helmet', transform }, face: false }];
  }
  return 'no helmet placement';
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

/**
 * Renders one photo of `spec`, redrawing with the next sub-seed until the written image satisfies
 * its variant's label and bands (KYC_GEN_DEBUG=1 logs the misses).
 */
export function renderItem(spec: ItemSpec, portrait: Portrait): RenderedItem {
  const misses: string[] = [];
  for (let attempt = 0; attempt < 60; attempt++) {
    const item = tryRender(spec, portrait, prng(hashSeed(spec.seed, attempt)), attempt);
    if (typeof item !== 'string') return item;
    misses.push(item);
    if (process.env.KYC_GEN_DEBUG) console.error(`${spec.index} ${spec.variant}: ${item}`);
  }
  throw new Error(
    `item ${spec.index} (${spec.variant}): nothing fit its label: ${misses.join('; ')}`,
  );
}

/** The truth of the face drawn by `layer`, `visible` its uncovered share. */
function faceTruth(layer: Layer, visible: number, width: number, height: number): FaceTruth {
  const landmarks = placeLandmarks(layer.transform);
  const pose = poseOf(landmarks);
  const { size, centre, offset } = framing(pose, width, height);
  return {
    size,
    height: round(pose.height),
    centre,
    offset,
    roll: round(pose.roll),
    yawRatio: round(pose.yawRatio, 3),
    mirrored: layer.transform.mirror,
    visible: round(visible, 3),
    landmarks: roundLandmarks(landmarks),
  };
}

/** Mean and standard deviation of `values` at `indices` (all when omitted). */
export function stats(
  values: Float32Array,
  indices?: readonly number[],
): { mean: number; std: number } {
  const n = indices ? indices.length : values.length;
  let sum = 0;
  let squares = 0;
  for (let k = 0; k < n; k++) {
    const v = values[indices ? indices[k]! : k]!;
    sum += v;
    squares += v * v;
  }
  const mean = sum / Math.max(n, 1);
  return { mean, std: Math.sqrt(Math.max(0, squares / Math.max(n, 1) - mean * mean)) };
}

/** Variance of the 4-neighbour Laplacian at `indices` (interior pixels only; all when omitted). */
function sharpness(values: Float32Array, width: number, indices?: readonly number[]): number {
  const height = values.length / width;
  const laplacians: number[] = [];
  const at = (i: number) => {
    const x = i % width;
    const y = (i - x) / width;
    if (x < 1 || y < 1 || x >= width - 1 || y >= height - 1) return;
    laplacians.push(
      values[i - 1]! + values[i + 1]! + values[i - width]! + values[i + width]! - 4 * values[i]!,
    );
  };
  if (indices) indices.forEach(at);
  else for (let i = 0; i < values.length; i++) at(i);
  return stats(Float32Array.from(laplacians)).std ** 2;
}

/** One rendering attempt: the item, or why it missed its variant's label or bands. */
function tryRender(
  spec: ItemSpec,
  portrait: Portrait,
  random: () => number,
  attempt: number,
): RenderedItem | string {
  const { width, height, variant } = spec;
  const u = Math.min(width, height) / 480;
  const params: Record<string, number | string | boolean> = {};
  if (attempt > 0) params.attempt = attempt;
  const plan = planScene(variant, random, width, height);
  if (typeof plan === 'string') return plan;

  // The label first, from the geometry alone (cheap): the variant must get exactly its issue.
  const preliminary = plan
    .flatMap((p) => (p.face ? [faceTruth(p.layer, 1, width, height)] : []))
    .sort((a, b) => b.size - a.size);
  const geometric = geometryIssues(preliminary);
  const issue = VARIANT_ISSUE[variant];
  const photometric = issue === 'blur' || issue === 'dark' ? issue : null;
  const expected = issue && !photometric ? [issue] : [];
  if (JSON.stringify(geometric.issues) !== JSON.stringify(expected))
    return `geometry gives ${geometric.issues.join(',') || 'nothing'}`;
  if (geometric.tolerated.length > 0) return 'in a tolerance band';

  // Each face must be (almost) wholly visible: checked before anything is drawn.
  const visibility = faceVisibility(
    portrait,
    plan.map((p) => p.layer),
    width,
    height,
  );
  if (visibility.some((v) => v < MARGINS.minVisible)) return 'a face is covered';
  const truths = plan
    .flatMap((p, k) => (p.face ? [faceTruth(p.layer, visibility[k]!, width, height)] : []))
    .sort((a, b) => b.size - a.size);

  // One person on her own may stand in front of the photo's studio backdrop.
  const single = plan.length === 1 && plan[0]!.layer.cutout === 'person';
  const studio =
    single && random() < 0.2 && photoCoversFrame(plan[0]!.layer.transform, width, height);
  const background: SelfieBackground = studio ? 'studio' : pick(random, BACKGROUNDS);
  let image: FloatImage = studio
    ? { width, height, rgb: new Float32Array(width * height * 3) }
    : toFloat(drawBackground(background as BackgroundKind, width, height, random));
  // The largest face is drawn last (in front): its whole face region is what metrics measure.
  let mainPixels: number[] | undefined;
  for (const planned of plan) {
    const layer: Layer = studio ? { ...planned.layer, cutout: 'photo' } : planned.layer;
    const pixels = drawLayer(image, portrait, layer);
    if (planned.face) mainPixels = pixels;
  }
  // Where the photo ends inside the frame (small people), they sit behind a desk.
  const bottoms = plan.flatMap((p) =>
    p.layer.cutout === 'person' ? (photoBottom(p.layer.transform, height) ?? []) : [],
  );
  if (bottoms.length > 0) {
    const top = Math.min(...bottoms) - 2;
    const lowest = Math.max(...truths.flatMap((t) => LANDMARK_NAMES.map((n) => t.landmarks[n][1])));
    if (top < lowest + 0.03 * Math.min(width, height)) return 'desk over a face';
    drawDesk(image, top, pick(random, DESKS));
    params.desk = round(top);
  }

  const lighting: Lighting = randomLighting(random);
  applyLighting(image, lighting);
  switch (variant) {
    case 'defocus':
      if (random() < 0.5) {
        const sigma = uniform(random, 3, 5) * u;
        image = gaussianBlur(image, sigma);
        params.kernel = 'gaussian';
        params.sigma = round(sigma);
      } else {
        const radius = uniform(random, 4.5, 8) * u;
        image = discBlur(image, radius);
        params.kernel = 'disc';
        params.radius = round(radius);
      }
      break;
    case 'slight_blur': {
      const sigma = uniform(random, 0.3, 0.6) * u;
      image = gaussianBlur(image, sigma);
      params.sigma = round(sigma);
      break;
    }
    case 'motion_blur':
    case 'slight_motion': {
      const length =
        (variant === 'motion_blur' ? uniform(random, 16, 32) : uniform(random, 0.6, 1.5)) * u;
      const angle = random() * Math.PI;
      image = motionBlur(image, length, angle);
      params.length = round(length);
      params.angle = round((angle * 180) / Math.PI, 1);
      break;
    }
    default:
      break;
  }

  // Exposure: the camera meters the face when there is one.
  const light = lumaPlane(image);
  const frameBefore = stats(light).mean;
  const faceBefore = mainPixels ? stats(light, mainPixels).mean : null;
  let gain: number;
  if (variant === 'dark') {
    gain = Math.min(uniform(random, 12, 36) / faceBefore!, 40 / frameBefore);
  } else if (faceBefore === null) {
    gain = uniform(random, 90, 160) / frameBefore;
  } else if (variant === 'exposure_edge') {
    gain = uniform(random, 97, 104) / faceBefore;
  } else {
    gain = uniform(random, 120, 175) / faceBefore;
  }
  applyGain(image, gain);
  params.gain = round(gain, 3);
  const noise = uniform(random, 1, 2.2) * (variant === 'dark' ? 1.5 : 1);
  addNoise(image, random, noise);
  params.noise = round(noise);
  params.lightSlope = round(lighting.slope, 3);

  const bytes = quantise(image, 3);
  const values = new Float32Array(width * height);
  for (let i = 0; i < values.length; i++)
    values[i] = 0.299 * bytes[i * 3]! + 0.587 * bytes[i * 3 + 1]! + 0.114 * bytes[i * 3 + 2]!;
  const frame = stats(values);
  const face = mainPixels ? stats(values, mainPixels) : null;
  const metrics: SelfieMetrics = {
    meanLuma: round(frame.mean),
    contrast: round(frame.std),
    faceLuma: face ? round(face.mean) : null,
    faceContrast: face ? round(face.std) : null,
    sharpness: round(sharpness(values, width, mainPixels), 1),
  };
  const miss = missesBand(variant, metrics);
  if (miss) return miss;

  const issues: SelfieIssue[] = LABELLED_ISSUES.filter(
    (i) => expected.includes(i) || i === photometric,
  );
  const tolerated = new Set<SelfieIssue>(TOLERATED[variant] ?? []);
  for (const i of issues) tolerated.delete(i);
  const geometry = truths;
  params.layers = plan.map((p) => p.layer.cutout).join('+');
  return {
    pixels: bytes,
    width,
    height,
    label: {
      kind: 'selfie',
      faces: geometry.length,
      expect: { acceptable: issues.length === 0, issues },
      seed: spec.seed,
      size: [width, height],
      variant,
      background,
      tolerated: LABELLED_ISSUES.filter((i) => tolerated.has(i)),
      params,
      geometry,
      metrics,
    },
  };
}

/** Desk tops: oak, walnut, white, grey, black. */
const DESKS: readonly Rgb[] = [
  [150, 104, 64],
  [88, 58, 38],
  [226, 224, 218],
  [128, 130, 132],
  [40, 40, 42],
];

/** Issues implied by a variant's degradation that a correct engine may also report. */
const TOLERATED: Partial<Record<Variant, SelfieIssue[]>> = {
  // Scaling luma down scales its Laplacian down as much; a detector may not see a face in the dark.
  dark: ['blur', 'no_face'],
  // A face of 48-96 px may be below a detector's reach, and has little detail to be sharp.
  small: ['no_face', 'blur'],
  // A heavily blurred face may go unseen.
  defocus: ['no_face'],
  motion_blur: ['no_face'],
  // A plain wall has no texture to be sharp.
  empty: ['blur'],
  object: ['blur'],
};

/** Why the measured photo misses its variant's exposure bands (null: it fits). */
function missesBand(variant: Variant, m: SelfieMetrics): string | null {
  const inside = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi;
  if (variant === 'dark') {
    return m.meanLuma <= EXPOSURE.dark.maxFrameLuma &&
      (m.faceLuma ?? 0) <= EXPOSURE.dark.maxFaceLuma
      ? null
      : `not dark: ${JSON.stringify(m)}`;
  }
  if (m.faceLuma === null) {
    return inside(m.meanLuma, EXPOSURE.frameLuma) ? null : `frame exposure: ${m.meanLuma}`;
  }
  return inside(m.faceLuma, EXPOSURE.faceLuma) && m.meanLuma >= EXPOSURE.minFrameLuma
    ? null
    : `exposure: face ${m.faceLuma}, frame ${m.meanLuma}`;
}
