// The labelled data for the face checks: selfies whose truth is known by construction (where the
// face is, how big, how turned, and what is wrong with the photo), plus the fake-camera videos of
// the selfie e2e tests. The model is generate-documents.ts: seeded, deterministic (the same seed
// gives the same bytes), no image library, no ffmpeg, no checked-in binaries, skipped when current.
//
//   node --import tsx scripts/generate-selfies.ts [--out DIR] [--count N] [--seed S]
//        [--videos DIR | --no-videos] [--force]
//   defaults: --out test/fixtures/generated/selfies, --count 300, --seed 1,
//             --videos test/fixtures/generated/selfie-videos
//
// The one face is a real photograph: faces/astronaut.png, committed under test/fixtures/ (public
// domain, see test/fixtures/faces/README.md) and found as every test finds it
// (test/shared-fixtures.ts). Without it this prints why and writes no selfies (exit 0); the tests
// that need them then fail under CI and skip elsewhere. selfie-scenes.ts cuts the person out of it
// and holds the face's measured landmarks; every photo here is that person composited onto the
// backgrounds of document-scenes.ts (or in front of the photo's own studio backdrop), scaled,
// moved, rolled, mirrored, "turned" by a displacement warp and tinted, then lit, blurred, exposed
// and given sensor noise like the document photos. 640x480, every 10th item 1280x720.
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
//
// Videos (640x480, 10 fps, 4:2:0, written by make-y4m.ts's writeY4m; videos.json beside them):
// selfie-good (one face, size 0.45, swaying by a few pixels and degrees), selfie-empty (the same
// wall), selfie-far (size 0.15): 30 frames each with identical headers and sizes, so an e2e test
// can switch between them by overwriting one file; selfie-moves: neutral, then tilt
// left (roll -25°), tilt right (+25°), turn left, turn right (yaw ratio ∓0.3), closer (size x1.5)
// and back (x0.65), each held 1 s with 0.5 s of neutral and 0.2 s of transition between them
// (119 frames, 55 MB). videos.json gives each video's segments (pose and issues per frame range)
// and the face's true size, centre, roll and yaw ratio in every frame.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Point } from '../src/quality/types.ts';
import { prng, upToDate, writeFileAtomic, writeY4m, y4mFileSize, y4mHeader } from './make-y4m.ts';
import type { Rgb, Y4mOptions } from './make-y4m.ts';
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
import { decodePng, encodePng } from './png.ts';
import { PORTRAIT_FIXTURE } from '../test/fixture-names.ts';
import { fixtureDirs, fixturePath, missingFixtureMessage } from '../test/shared-fixtures.ts';
import {
  drawLayer,
  faceTransform,
  faceVisibility,
  forward,
  HELMET,
  HELMET_CUTS,
  LANDMARK_NAMES,
  photoBottom,
  photoCoversFrame,
  drawDesk,
  placeLandmarks,
  PORTRAIT_CRC,
  poseOf,
  preparePortrait,
  yawStrengthFor,
  type FacePlacement,
  type Layer,
  type Portrait,
  type Transform,
} from './selfie-scenes.ts';
import {
  runIfMain,
  scheduleItems,
  summarise,
  writeSet,
  type ItemSpec as GenericItemSpec,
} from './labelled-set.ts';

/** Bump when anything that changes the outputs changes: stale sets and videos are regenerated. */
export const GENERATOR_VERSION = 1;

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Default folder of the labelled selfies (git-ignored). */
export const DEFAULT_SELFIES_DIR = resolve(REPO_ROOT, 'test/fixtures/generated/selfies');
/** Default folder of the selfie videos (git-ignored). */
export const DEFAULT_SELFIE_VIDEOS_DIR = resolve(
  REPO_ROOT,
  'test/fixtures/generated/selfie-videos',
);
/** Default number of photos: 270 at 640x480 and 30 at 1280x720. */
export const DEFAULT_COUNT = 300;
/** Default seed. */
export const DEFAULT_SEED = 1;
/** The fixture portrait, relative to the fixtures folder. */
export const PORTRAIT_FILE = PORTRAIT_FIXTURE;

let portraitCache: { path: string; portrait: Portrait } | undefined;

/**
 * The prepared fixture portrait from the first of `dirs` that has it (default: the folders every
 * test searches, {@link fixtureDirs}), or why it is unavailable (a message for the user: the
 * generator prints it and writes nothing; the tests fail under CI or skip with it).
 */
export async function loadPortrait(
  dirs: readonly string[] = fixtureDirs(),
): Promise<Portrait | { readonly missing: string }> {
  const path = fixturePath(PORTRAIT_FILE, dirs);
  if (!path) return { missing: missingFixtureMessage(PORTRAIT_FILE, dirs) };
  if (portraitCache?.path === path) return portraitCache.portrait;
  const bytes = await readFile(path);
  const portrait = preparePortrait(decodePng(bytes));
  portraitCache = { path, portrait };
  return portrait;
}

// ---------------------------------------------------------------------------------------------
// Issues, rules and variants.

/** The issues this set labels, in the order `expect.issues` lists them. */
export const LABELLED_ISSUES = [
  'no_face',
  'multiple_faces',
  'face_too_small',
  'face_too_large',
  'face_off_center',
  'face_angle',
  'blur',
  'dark',
] as const;
/** One labelled issue. */
export type SelfieIssue = (typeof LABELLED_ISSUES)[number];

/** The label semantics (issue 5). */
export const FACE_RULES = {
  /** Face size (forehead-to-chin / shorter side) that is acceptable. */
  acceptableSize: [0.3, 0.6],
  /** Below this: face_too_small (0.22-0.30 is tolerated either way). */
  tooSmall: 0.22,
  /** Above this: face_too_large (0.60-0.70 is tolerated either way). */
  tooLarge: 0.7,
  /** Largest offset of the face centre from the frame centre, per axis, over width / height. */
  maxOffset: 0.18,
  /** Largest roll, degrees. */
  maxRoll: 18,
  /** Yaw ratio from which a face is "clearly turned". */
  maxYawRatio: 0.25,
  /** Size from which a face counts towards multiple_faces. */
  countedSize: 0.2,
} as const;

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
  dark: { maxFaceLuma: 45, maxFrameLuma: 45 },
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

/** One of the eight landmarks. */
export type LandmarkName = (typeof LANDMARK_NAMES)[number];

/** The true geometry of one face in a photo. */
export interface FaceTruth {
  /** Forehead-to-chin height over the frame's shorter side. */
  readonly size: number;
  /** Forehead-to-chin height in pixels. */
  readonly height: number;
  /** Midpoint of the forehead top and the chin (pixels). */
  readonly centre: [number, number];
  /** (centre - frame centre) / [width, height]. */
  readonly offset: [number, number];
  /** Eye line angle, degrees, clockwise on screen positive. */
  readonly roll: number;
  /** Nose offset from the eyes' midpoint along the eye line / eye distance (+: image right). */
  readonly yawRatio: number;
  readonly mirrored: boolean;
  /** Share of the face region not covered by another layer. */
  readonly visible: number;
  /** Continuous pixel coordinates; "right" eye/ear are the ones on the image's left. */
  readonly landmarks: Record<LandmarkName, [number, number]>;
}

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
 */
export function geometryIssues(
  faces: readonly Pick<FaceTruth, 'size' | 'offset' | 'roll' | 'yawRatio'>[],
): { issues: SelfieIssue[]; tolerated: SelfieIssue[] } {
  const issues = new Set<SelfieIssue>();
  const tolerated = new Set<SelfieIssue>();
  const main = faces[0];
  if (!main) return { issues: ['no_face'], tolerated: [] };
  if (faces.filter((f) => f.size >= FACE_RULES.countedSize).length >= 2)
    issues.add('multiple_faces');
  if (main.size < FACE_RULES.tooSmall) issues.add('face_too_small');
  else if (main.size < FACE_RULES.acceptableSize[0]) tolerated.add('face_too_small');
  if (main.size > FACE_RULES.tooLarge) issues.add('face_too_large');
  else if (main.size > FACE_RULES.acceptableSize[1]) tolerated.add('face_too_large');
  if (Math.max(Math.abs(main.offset[0]), Math.abs(main.offset[1])) > FACE_RULES.maxOffset)
    issues.add('face_off_center');
  if (Math.abs(main.roll) > FACE_RULES.maxRoll || Math.abs(main.yawRatio) >= FACE_RULES.maxYawRatio)
    issues.add('face_angle');
  return {
    issues: LABELLED_ISSUES.filter((i) => issues.has(i)),
    tolerated: LABELLED_ISSUES.filter((i) => tolerated.has(i)),
  };
}

// ---------------------------------------------------------------------------------------------
// The schedule.

/** What to render for one index. */
export type ItemSpec = GenericItemSpec<Variant>;

/**
 * The variants of a set of `count` photos: 40% acceptable (two fifths of them clean, the rest the
 * eight slightly imperfect variants), the others spread evenly over the eight issues (each split
 * between its variants), shuffled by the seed so that sizes and backgrounds mix with variants.
 */
export function planSet(count: number, seed: number): ItemSpec[] {
  const variants: Variant[] = [];
  const acceptable = Math.round(count * 0.4);
  const mild = VARIANTS.filter((v) => VARIANT_ISSUE[v] === null && v !== 'clean');
  const perMild = Math.floor((acceptable * 0.6) / mild.length);
  for (const variant of mild) for (let i = 0; i < perMild; i++) variants.push(variant);
  while (variants.length < acceptable) variants.push('clean');
  const rest = count - acceptable;
  LABELLED_ISSUES.forEach((issue, k) => {
    const ways = VARIANTS.filter((v) => VARIANT_ISSUE[v] === issue);
    const n =
      Math.floor(rest / LABELLED_ISSUES.length) + (k < rest % LABELLED_ISSUES.length ? 1 : 0);
    for (let i = 0; i < n; i++) variants.push(ways[i % ways.length]!);
  });
  return scheduleItems(variants, seed, 0x5e1f, 10);
}

// ---------------------------------------------------------------------------------------------
// Planning a scene: where the faces go.

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
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

/** The landmarks that must be inside the frame for a face to be "in" it. */
const CORE_LANDMARKS: readonly LandmarkName[] = [
  'foreheadTop',
  'chin',
  'rightEye',
  'leftEye',
  'noseTip',
  'mouth',
];

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
  const point = (p: Point): [number, number] => [round(p[0]), round(p[1])];
  return {
    size: round(pose.height / Math.min(width, height), 4),
    height: round(pose.height),
    centre: point(pose.centre),
    offset: [round(pose.centre[0] / width - 0.5, 4), round(pose.centre[1] / height - 0.5, 4)],
    roll: round(pose.roll),
    yawRatio: round(pose.yawRatio, 3),
    mirrored: layer.transform.mirror,
    visible: round(visible, 3),
    landmarks: Object.fromEntries(LANDMARK_NAMES.map((n) => [n, point(landmarks[n])])) as Record<
      LandmarkName,
      [number, number]
    >,
  };
}

/** Mean and standard deviation of `values` at `indices` (all when omitted). */
function stats(values: Float32Array, indices?: readonly number[]): { mean: number; std: number } {
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

// ---------------------------------------------------------------------------------------------
// Writing a set.

/** Options of {@link generateSelfies}. */
export interface SelfieSetOptions {
  /** Output folder (default {@link DEFAULT_SELFIES_DIR}); relative paths are from the working directory. */
  readonly out?: string;
  /** Number of photos (default {@link DEFAULT_COUNT}). */
  readonly count?: number;
  /** Seed (default {@link DEFAULT_SEED}). */
  readonly seed?: number;
  /** Only these indices of the planned set (tests); the manifest lists just them. */
  readonly only?: readonly number[];
  /** Regenerate even when the stamp matches. */
  readonly force?: boolean;
  /** Folders to look for the face fixture in (default {@link fixtureDirs}; tests of its absence). */
  readonly fixtureDirs?: readonly string[];
  /**
   * Worker threads (default: the number of cores, at most 4; 1 renders in this thread). Workers
   * load this module through tsx, so a caller running under another TypeScript loader passes 1.
   */
  readonly workers?: number;
  /** Called after each photo (progress for the CLI). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What {@link generateSelfies} did. */
export type SelfieSetResult =
  { readonly manifestPath: string; readonly count: number } | { readonly skipped: string };

// Deflate level of the photos: sensor noise is incompressible (as in generate-documents.ts).
const PNG_LEVEL = 4;

type Label = RenderedItem['label'];

/** Image file name of an item. */
export const imageName = (spec: ItemSpec): string =>
  `${String(spec.index).padStart(4, '0')}-${spec.variant}.png`;

/** Renders a photo and writes it as a PNG (what each worker does per item). */
export async function renderToFile(spec: ItemSpec, path: string): Promise<Label> {
  const portrait = await loadPortrait();
  if ('missing' in portrait) throw new Error(portrait.missing);
  const rendered = renderItem(spec, portrait);
  const png = encodePng(
    { width: rendered.width, height: rendered.height, channels: 3, data: rendered.pixels },
    { level: PNG_LEVEL },
  );
  await writeFileAtomic(path, png);
  return rendered.label;
}

/**
 * Renders the labelled selfies and manifest.json into `options.out`, unless a stamp shows that the
 * same generator version, fixture, count and seed already wrote them there. Without the fixture it
 * writes nothing and says why.
 */
export async function generateSelfies(options: SelfieSetOptions = {}): Promise<SelfieSetResult> {
  const portrait = await loadPortrait(options.fixtureDirs);
  if ('missing' in portrait) return { skipped: portrait.missing };
  const dir = resolve(options.out ?? DEFAULT_SELFIES_DIR);
  const count = options.count ?? DEFAULT_COUNT;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`bad count ${count}`);
  const all = planSet(count, seed);
  const specs = options.only ? options.only.map((i) => all[i]!) : all;
  const stamp = {
    version: GENERATOR_VERSION,
    count,
    seed,
    only: options.only ?? null,
    fixture: PORTRAIT_CRC,
  };
  const names = specs.map(imageName);
  return writeSet({
    dir,
    stamp,
    specs,
    names,
    workerModule: new URL('./generate-selfies.worker.ts', import.meta.url),
    render: renderToFile,
    family: 'studio',
    workers: options.workers,
    force: options.force,
    onProgress: options.onProgress,
  });
}

// ---------------------------------------------------------------------------------------------
// Videos.

/** The selfie videos. */
export const SELFIE_VIDEO_NAMES = [
  'selfie-good',
  'selfie-empty',
  'selfie-far',
  'selfie-moves',
] as const;
/** One selfie video. */
export type SelfieVideoName = (typeof SELFIE_VIDEO_NAMES)[number];

/** The poses of selfie-moves, in order, after `neutral`. */
export const MOVES = [
  'tilt_left',
  'tilt_right',
  'turn_left',
  'turn_right',
  'closer',
  'back',
] as const;
/** A pose of the videos. */
export type VideoPose = 'neutral' | (typeof MOVES)[number];

/** Options of {@link generateSelfieVideos} (the defaults are what the e2e tests use). */
export interface SelfieVideoOptions {
  /** Frame width (default 640). */
  readonly width?: number;
  /** Frame height (default 480). */
  readonly height?: number;
  /** Frame rate (default 10). */
  readonly fps?: number;
  /** Frames of selfie-good/empty/far (default 30; Chromium loops the file). */
  readonly frames?: number;
  /** Frames each pose of selfie-moves is held (default: one second). */
  readonly hold?: number;
  /** Regenerate even when the files are current. */
  readonly force?: boolean;
  /** Folders to look for the face fixture in (default {@link fixtureDirs}; tests of its absence). */
  readonly fixtureDirs?: readonly string[];
}

/** A range of frames of one video showing one pose. */
export interface VideoSegment {
  /** First frame (0-based). */
  readonly from: number;
  /** Last frame (inclusive). */
  readonly to: number;
  /** The pose held, or `transition` (frames on the way between two poses: no expectation). */
  readonly pose: VideoPose | 'transition';
  /** Issues of the held pose (null for transitions and frames without a face). */
  readonly issues: SelfieIssue[] | null;
}

/** videos.json, written beside the videos. */
export interface SelfieVideoIndex {
  readonly header: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  /** Order of the numbers in `truth`. */
  readonly truthFields: readonly ['size', 'centreX', 'centreY', 'roll', 'yawRatio'];
  readonly videos: Record<
    SelfieVideoName,
    {
      readonly file: string;
      readonly frames: number;
      readonly segments: VideoSegment[];
      /** Per frame: the face's true size, centre, roll and yaw ratio (null: no face). */
      readonly truth: (number[] | null)[];
    }
  >;
}

const VIDEO_SEED = 11;
/** The neutral pose: a face of half the frame height, centred (x1.5 is too large, x0.65 fine). */
const NEUTRAL = { size: 0.5, roll: 0, yawRatio: 0 } as const;

/** Where the face is in one frame. */
interface FramePose {
  readonly size: number;
  readonly centre: Point;
  readonly roll: number;
  readonly yawRatio: number;
}

/** The pose a move reaches. */
function moveTarget(move: VideoPose, centre: Point): FramePose {
  const base: FramePose = { ...NEUTRAL, centre };
  switch (move) {
    case 'neutral':
      return base;
    case 'tilt_left':
      return { ...base, roll: -25 };
    case 'tilt_right':
      return { ...base, roll: 25 };
    case 'turn_left':
      return { ...base, yawRatio: -0.3 };
    case 'turn_right':
      return { ...base, yawRatio: 0.3 };
    case 'closer':
      return { ...base, size: NEUTRAL.size * 1.5 };
    case 'back':
      return { ...base, size: NEUTRAL.size * 0.65 };
  }
}

/**
 * The frames of selfie-moves: half a second of neutral, then each move (ramp in over 2 frames, held
 * for `hold` frames, ramp out over 2, half a second of neutral).
 */
function movesTimeline(
  fps: number,
  hold: number,
  centre: Point,
): { poses: FramePose[]; segments: VideoSegment[] } {
  const poses: FramePose[] = [];
  const segments: VideoSegment[] = [];
  const neutral = moveTarget('neutral', centre);
  const rest = Math.max(1, Math.round(fps / 2));
  const ramp = 2;
  const push = (pose: VideoPose | 'transition', frames: FramePose[]) => {
    const issues = pose === 'transition' ? null : geometryIssues([truthOf(frames[0]!)]).issues;
    segments.push({ from: poses.length, to: poses.length + frames.length - 1, pose, issues });
    poses.push(...frames);
  };
  const between = (a: FramePose, b: FramePose, t: number): FramePose => ({
    size: a.size + (b.size - a.size) * t,
    centre: a.centre,
    roll: a.roll + (b.roll - a.roll) * t,
    yawRatio: a.yawRatio + (b.yawRatio - a.yawRatio) * t,
  });
  const ramping = (a: FramePose, b: FramePose) =>
    Array.from({ length: ramp }, (_, k) => between(a, b, (k + 1) / (ramp + 1)));
  push('neutral', Array<FramePose>(rest).fill(neutral));
  for (const move of MOVES) {
    const target = moveTarget(move, centre);
    push('transition', ramping(neutral, target));
    push(move, Array<FramePose>(hold).fill(target));
    push('transition', ramping(target, neutral));
    push('neutral', Array<FramePose>(rest).fill(neutral));
  }
  return { poses, segments };
}

/** Label-relevant truth of a frame pose (the placement is exact, so this is the request). */
function truthOf(pose: FramePose): Pick<FaceTruth, 'size' | 'offset' | 'roll' | 'yawRatio'> {
  return { size: pose.size, offset: [0, 0], roll: pose.roll, yawRatio: pose.yawRatio };
}

/** Which frames the videos have and what they show (videos.json), without rendering anything. */
export function planSelfieVideos(options: SelfieVideoOptions = {}): SelfieVideoIndex {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const fps = options.fps ?? 10;
  const frames = options.frames ?? 30;
  const hold = options.hold ?? fps;
  const header = y4mHeader(width, height, { frameCount: 0, fps, extraTags: VIDEO_TAGS });
  const centre: Point = [width / 2, height / 2];
  // Small natural motion, periodic over the clip so that the loop has no jump.
  const sway = (i: number, size: number): FramePose => {
    const a = (2 * Math.PI * i) / frames;
    const short = Math.min(width, height);
    return {
      size: size * (1 + 0.015 * Math.sin(a)),
      centre: [
        centre[0] + 0.012 * short * Math.sin(a),
        centre[1] + 0.008 * short * Math.sin(2 * a + 1),
      ],
      roll: 2 * Math.sin(a + 0.5),
      yawRatio: 0.03 * Math.sin(a + 2),
    };
  };
  const all = (issues: SelfieIssue[]): VideoSegment[] => [
    { from: 0, to: frames - 1, pose: 'neutral', issues },
  ];
  const plans: Record<SelfieVideoName, { poses: (FramePose | null)[]; segments: VideoSegment[] }> =
    {
      'selfie-good': {
        poses: Array.from({ length: frames }, (_, i) => sway(i, 0.45)),
        segments: all([]),
      },
      'selfie-empty': { poses: Array<null>(frames).fill(null), segments: all(['no_face']) },
      'selfie-far': {
        poses: Array.from({ length: frames }, (_, i) => sway(i, 0.15)),
        segments: all(['face_too_small']),
      },
      'selfie-moves': movesTimeline(fps, hold, centre),
    };
  const truth = (p: FramePose | null) =>
    p
      ? [
          round(p.size, 4),
          round(p.centre[0]),
          round(p.centre[1]),
          round(p.roll),
          round(p.yawRatio, 3),
        ]
      : null;
  return {
    header: header.trimEnd(),
    width,
    height,
    fps,
    truthFields: ['size', 'centreX', 'centreY', 'roll', 'yawRatio'],
    videos: Object.fromEntries(
      SELFIE_VIDEO_NAMES.map((name) => [
        name,
        {
          file: `${name}.y4m`,
          frames: plans[name].poses.length,
          segments: plans[name].segments,
          truth: plans[name].poses.map(truth),
        },
      ]),
    ) as SelfieVideoIndex['videos'],
  };
}

const VIDEO_TAGS = [`XKYC_SELFIEVID=${GENERATOR_VERSION}`];

/**
 * Writes selfie-good/empty/far.y4m (identical headers and sizes), selfie-moves.y4m and
 * videos.json ({@link planSelfieVideos}) into `outDir`, unless they are current. Every frame is
 * drawn from its `truth` entry, so videos.json is exact. Without the face fixture it writes nothing.
 * @returns absolute paths of the four videos, or why they were skipped
 */
export async function generateSelfieVideos(
  outDir: string = DEFAULT_SELFIE_VIDEOS_DIR,
  options: SelfieVideoOptions = {},
): Promise<Record<SelfieVideoName, string> | { readonly skipped: string }> {
  const portrait = await loadPortrait(options.fixtureDirs);
  if ('missing' in portrait) return { skipped: portrait.missing };
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const index = planSelfieVideos(options);
  const { width, height, fps } = index;
  const header = `${index.header}\n`;
  const paths = Object.fromEntries(
    SELFIE_VIDEO_NAMES.map((name) => [name, join(dir, index.videos[name].file)]),
  ) as Record<SelfieVideoName, string>;
  let scene: ReturnType<typeof videoScene> | undefined;
  for (const name of SELFIE_VIDEO_NAMES) {
    const truth = index.videos[name].truth;
    const y4m: Y4mOptions = { frameCount: truth.length, fps, extraTags: VIDEO_TAGS };
    if (!options.force && (await upToDate(paths[name], header, y4mFileSize(width, height, y4m))))
      continue;
    const draw = (scene ??= videoScene(portrait, width, height));
    await writeY4m(paths[name], width, height, (i) => draw(truth[i]!, i), y4m);
  }
  // One video per line: readable at a glance, and small.
  const { videos, ...meta } = index;
  const indexText = `${JSON.stringify(meta).slice(0, -1)},"videos":{\n${SELFIE_VIDEO_NAMES.map(
    (name) => `${JSON.stringify(name)}:${JSON.stringify(videos[name])}`,
  ).join(',\n')}\n}}\n`;
  const indexPath = join(dir, 'videos.json');
  if ((await readFile(indexPath, 'utf8').catch(() => '')) !== indexText)
    await writeFileAtomic(indexPath, indexText);
  return paths;
}

/**
 * The frames of the videos: the fixture person in front of a light wall, lit and exposed the same
 * in every video (switching files does not change the wall), fresh sensor noise in every frame.
 * Frames of the same pose are rendered once.
 */
export function videoScene(
  portrait: Portrait,
  width: number,
  height: number,
): (truth: readonly number[] | null, frame: number) => Uint8ClampedArray {
  const wall = drawBackground('light', width, height, prng(hashSeed(VIDEO_SEED, 1)));
  const lighting: Lighting = { slope: 0.05, angle: 0.8, balance: [1.02, 1, 0.98] };
  const cache = new Map<string, FloatImage>();
  let gain = 0;
  // `truth` as videos.json has it: size, centre x, centre y, roll, yaw ratio.
  const render = (truth: readonly number[] | null): FloatImage => {
    const key = JSON.stringify(truth);
    let image = cache.get(key);
    if (image) return image;
    image = toFloat(wall);
    let face: number[] = [];
    if (truth) {
      const [size, x, y, roll, yawRatio] = truth as [number, number, number, number, number];
      const placement: FacePlacement = {
        size,
        centre: [x, y],
        roll,
        yaw: yawStrengthFor(yawRatio, false),
        mirror: false,
      };
      const transform = faceTransform(placement, width, height);
      face = drawLayer(image, portrait, { cutout: 'person', transform });
    }
    applyLighting(image, lighting);
    if (gain === 0) {
      // Metered once, on the neutral face: the same exposure for every frame of every video.
      gain = face.length > 0 ? 150 / stats(lumaPlane(image), face).mean : 1;
    }
    applyGain(image, gain);
    if (cache.size > 64) cache.clear();
    cache.set(key, image);
    return image;
  };
  render([NEUTRAL.size, width / 2, height / 2, 0, 0]);
  const rgba = new Uint8ClampedArray(width * height * 4);
  return (truth, frame) => {
    const image: FloatImage = { width, height, rgb: render(truth).rgb.slice() };
    addNoise(image, prng(hashSeed(VIDEO_SEED, 200, frame)), 1.5);
    rgba.set(quantise(image, 4));
    return rgba;
  };
}

// ---------------------------------------------------------------------------------------------
// CLI.

/** The CLI's options (node:util's parser: unknown options and missing values are errors). */
function cliOptions(args: string[]): SelfieSetOptions & { videos: string | null } {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
      videos: { type: 'string' },
      'no-videos': { type: 'boolean' },
      force: { type: 'boolean' },
    },
  });
  const number = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  return {
    out: values.out,
    count: number(values.count),
    seed: number(values.seed),
    videos: values['no-videos'] ? null : (values.videos ?? DEFAULT_SELFIE_VIDEOS_DIR),
    force: values.force ?? false,
  };
}

runIfMain(import.meta.url, async () => {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const args = cliOptions(process.argv.slice(2));
  // The videos render in this thread while the workers render the photos.
  const [set, videos] = await Promise.all([
    generateSelfies({
      ...args,
      onProgress: (done, total) => {
        if (done % 50 === 0 || done === total)
          process.stderr.write(`${done}/${total} (${seconds()} s)\n`);
      },
    }),
    args.videos ? generateSelfieVideos(args.videos, { force: args.force }) : null,
  ]);
  if ('skipped' in set) {
    console.log(set.skipped);
    return;
  }
  const manifest = JSON.parse(await readFile(set.manifestPath, 'utf8')) as Manifest;
  console.log(`${set.manifestPath}: ${set.count} photos`);
  console.log(JSON.stringify(summarise(manifest.items)));
  if (videos && !('skipped' in videos)) console.log(Object.values(videos).join('\n'));
  console.log(`(${seconds()} s)`);
});
