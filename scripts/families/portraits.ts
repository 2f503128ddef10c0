// The "portraits" family: labelled selfies of a person the selfie checks were never tuned on, kept
// OUT of all calibration as their held-out family. The faces are the held-out people of PEOPLE
// (Grace Hopper, a US Navy photograph in the public domain, and four more; sources and licences in
// test/fixtures/faces/README.md), never used by generate-selfies.ts, whose studio set (the
// astronaut) the thresholds are set on.
// It shares no scene code with selfie-scenes.ts or document-scenes.ts: its own cut-out (a drawn
// head-and-shoulders matte, not a colour key), its own rooms (plaster wall, tiles, bookshelf,
// curtain, window), its own light (a key light from one side, colour temperature, vignetting),
// exposure, camera blur, sensor noise, and JPEG (scripts/jpeg.ts) at quality 70-95.
//
//   node --import tsx scripts/families/portraits.ts [--out DIR] [--count N] [--seed S]
//   defaults: --out test/fixtures/generated/families/portraits, --count 120, --seed 1 (640x480)
//
// Labels by construction (LABEL_RULES; the engine is never run here), with the studio set's
// semantics so that one engine is judged by one rule: face size = forehead-to-chin height over the
// frame's shorter side ("forehead top" is where the visible forehead begins: here the cap's brim),
// acceptable 0.30-0.60, face_too_large above 0.70 (a face that close is always refused),
// face_too_small below 0.22; face_off_center: the face centre more than 18 % of the width or
// height from the frame centre; face_angle: roll beyond 18° (the photo is frontal, so a turned head
// cannot be made and is not labelled); multiple_faces: two faces of size ≥ 0.2; no_face: none in
// the frame; blur: defocus or motion blur well past what a camera does to a sharp photo; dark: face
// and frame mean luma at most 45. Each unacceptable item has exactly one issue, drawn with a margin
// from its bound (MARGINS); acceptable items stay inside the acceptable band by a margin too.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Point } from '../../src/quality/types.ts';
import { prng } from '../../test/helpers/math.ts';
import {
  ANDERSSON_FIXTURE,
  ANNE_HELENE_FIXTURE,
  HOPPER_FIXTURE,
  JESPER_FIXTURE,
  SARBORTOVA_FIXTURE,
  VEDALDI_FIXTURE,
} from '../../test/fixture-names.ts';
import { fixturePath, missingFixtureMessage } from '../../test/shared-fixtures.ts';
import { encodeJpeg } from '../jpeg.ts';
import { familyMain, finishFamilySet } from '../labelled-set.ts';
import { crc32, decodePng, type PngImage } from '../png.ts';
import type { Landmarks } from '../selfie-scenes.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Default output folder (git-ignored). */
export const DEFAULT_PORTRAITS_DIR = resolve(
  REPO_ROOT,
  'test/fixtures/generated/families/portraits',
);
/** The family's name, written at the manifest's top. */
export const FAMILY = 'portraits';
/** Default number of photos. */
export const DEFAULT_COUNT = 120;

// ---------------------------------------------------------------------------------------------
// The people and their truth.

// Landmarks, named as the detector names them ("right" eye/ear: on the image's left): the type
// selfie-scenes.ts defines (a type only; no drawing code is shared).
export type { Landmarks };

const LANDMARK_NAMES: readonly (keyof Landmarks)[] = [
  'foreheadTop',
  'chin',
  'rightEye',
  'leftEye',
  'noseTip',
  'mouth',
  'rightEarTragion',
  'leftEarTragion',
];

interface Ellipse {
  readonly cx: number;
  readonly cy: number;
  readonly rx: number;
  readonly ry: number;
}

/** One person: a committed photo, its measured landmarks and what of it is the person. */
export interface Person {
  readonly name: string;
  /** Relative to a fixtures folder (test/fixture-names.ts). */
  readonly file: string;
  /** Width and height of the photo, RGB. */
  readonly size: readonly [number, number];
  /** CRC-32 of the decoded RGB pixels: the landmarks belong to exactly that image. */
  readonly crc: number;
  /** Measured by eye on 2-3x enlargements, about ±1-2 px (see each person). */
  readonly landmarks: Landmarks;
  /** The head (hair, cap) and the neck and shoulders down to the photo's bottom. */
  readonly head: Ellipse | readonly Point[];
  readonly body: readonly Point[];
  /** The face region (exposure, visibility): an ellipse through forehead top and chin. */
  readonly face: Ellipse;
}

/**
 * The people: which side each is on is fixed here and in test/fixtures/faces/README.md. Held out
 * (never used to set a threshold): Hopper, Anne Helene, Andersson, Sarbortova and Vedaldi. Tuning:
 * Jesper (with the astronaut of generate-selfies.ts).
 *
 * Andersson, Sarbortova and Vedaldi were labelled as the README's "Yaw: hand labels" section says
 * (crops enlarged 4-12x with a 5 px grid, and the luma around the irises and the nose's lower
 * outline; never a detector), in continuous pixel coordinates. Their true yaw ratio (the nose tip's
 * offset from the eyes' middle along the eye line, over the eye distance) from these labels is in
 * each comment; all three were chosen as frontal (|ratio| <= 0.10 with the labels' uncertainty).
 */
export const PEOPLE = {
  /**
   * Grace Hopper (US Navy, public domain): the full 512x600 photo halved. foreheadTop where the
   * cap's brim meets the forehead on the midline, chin the menton above the collar's shadow, eyes
   * the pupils behind the glasses, ears the tragions at the face outline.
   */
  hopper: {
    name: 'hopper',
    file: HOPPER_FIXTURE,
    size: [256, 300],
    crc: 0x6eaf6549,
    landmarks: {
      foreheadTop: [128, 67],
      chin: [128.5, 164],
      rightEye: [112, 94.25],
      leftEye: [154.5, 93.5],
      noseTip: [127, 123],
      mouth: [127, 138.5],
      rightEarTragion: [83.5, 113],
      leftEarTragion: [177.5, 113],
    },
    head: { cx: 129, cy: 92, rx: 58, ry: 82 },
    body: [
      [104, 150],
      [152, 150],
      [162, 166],
      [200, 180],
      [244, 196],
      [256, 220],
      [256, 300],
      [0, 300],
      [0, 214],
      [28, 190],
      [92, 168],
    ],
    face: { cx: 129, cy: 115.5, rx: 44, ry: 48.5 },
  },
  /**
   * Anne Helene (KPhotoAlbum's demo, GPL-2+): a 220x420 crop of bar55.jpg at full size, beside
   * Jesper, whose cheek the head outline leaves out. foreheadTop where the fringe meets the
   * forehead; the ears are under her hair: the face outline at eye level.
   */
  annehelene: {
    name: 'annehelene',
    file: ANNE_HELENE_FIXTURE,
    size: [220, 420],
    crc: 0x3574cfcf,
    landmarks: {
      foreheadTop: [140, 100],
      chin: [142.5, 212.5],
      rightEye: [111, 125],
      leftEye: [167.5, 118.5],
      noseTip: [147.5, 150],
      mouth: [147.5, 176],
      rightEarTragion: [85, 142],
      leftEarTragion: [192, 140],
    },
    head: [
      [62, 40],
      [100, 24],
      [150, 24],
      [170, 45],
      [177, 90],
      [186, 120],
      [195, 150],
      [192, 190],
      [175, 215],
      [150, 232],
      [120, 230],
      [95, 215],
      [75, 185],
      [58, 150],
      [50, 110],
      [52, 70],
    ],
    body: [
      [95, 205],
      [175, 212],
      [190, 250],
      [180, 300],
      [185, 420],
      [0, 420],
      [0, 205],
      [60, 195],
    ],
    face: { cx: 141, cy: 156, rx: 50, ry: 56 },
  },
  /**
   * Aksel Andersson (Gramps' example family tree, GPL-2+; an old studio portrait):
   * 654px-Aksel_Andersson.jpg, x 40-440, y 20-600, halved to 200x290. Bald: foreheadTop where the
   * hairline would be (a third of the face above the brows); the chin and mouth are under the
   * beard and moustache, placed by the face's thirds (±3 px). Eyes the irises (±1.5 px; the left
   * one is in shadow), nose tip the middle of the tip between the nostrils (±2 px); the right ear
   * at the face outline, the left one under the hair. True yaw ratio -0.06 (±0.06).
   */
  andersson: {
    name: 'andersson',
    file: ANDERSSON_FIXTURE,
    size: [200, 290],
    crc: 0x67d1cd14,
    landmarks: {
      foreheadTop: [114, 34],
      chin: [120.5, 124],
      rightEye: [98.5, 71.25],
      leftEye: [135, 68.5],
      noseTip: [116, 90],
      mouth: [118.5, 106],
      rightEarTragion: [77.5, 84],
      leftEarTragion: [152.5, 80],
    },
    head: [
      [117, 9],
      [145, 12],
      [164, 27],
      [173, 47],
      [170, 70],
      [164, 90],
      [155, 109],
      [142, 125],
      [133, 152],
      [123, 181],
      [109, 184],
      [95, 168],
      [88, 137],
      [78, 119],
      [72, 116],
      [69, 98],
      [62, 78],
      [61, 59],
      [69, 35],
      [88, 17],
    ],
    body: [
      [88, 141],
      [117, 137],
      [148, 117],
      [168, 109],
      [200, 125],
      [200, 290],
      [47, 290],
      [62, 250],
      [76, 211],
      [84, 184],
    ],
    face: { cx: 117, cy: 79, rx: 39, ry: 45 },
  },
  /**
   * Hana Sarbortova (VLFeat's documentation, BSD-2-Clause): sarbortova.jpg as it is, 168x225.
   * foreheadTop where her parting meets the forehead, chin the lower edge of the chin above its
   * shadow, eyes the irises behind the glasses (±0.5 px), nose tip between the nostrils (±1 px);
   * the ears are under her hair: the face outline at the level of the glasses' lower rim. True
   * yaw ratio -0.01 (±0.04).
   */
  sarbortova: {
    name: 'sarbortova',
    file: SARBORTOVA_FIXTURE,
    size: [168, 225],
    crc: 0xd5a6c4b2,
    landmarks: {
      foreheadTop: [85, 26],
      chin: [86, 136.5],
      rightEye: [67, 72],
      leftEye: [105.5, 72.5],
      noseTip: [85.5, 98],
      mouth: [86, 110.5],
      rightEarTragion: [51, 84],
      leftEarTragion: [117, 84],
    },
    head: [
      [86, 2],
      [110, 6],
      [127, 22],
      [137, 48],
      [142, 80],
      [147, 110],
      [153, 140],
      [150, 150],
      [120, 140],
      [86, 142],
      [52, 140],
      [20, 150],
      [17, 140],
      [26, 105],
      [31, 75],
      [36, 45],
      [46, 22],
      [62, 8],
    ],
    body: [
      [52, 125],
      [120, 125],
      [150, 140],
      [168, 170],
      [168, 225],
      [0, 225],
      [0, 175],
      [20, 145],
    ],
    face: { cx: 85.5, cy: 81.25, rx: 34, ry: 55.5 },
  },
  /**
   * Andrea Vedaldi (VLFeat's documentation, BSD-2-Clause): vedaldi.jpg as it is, 120x120, a small
   * face (78 px forehead to chin). foreheadTop at the hairline, chin the lower edge of the beard on
   * it, eyes the pupils behind the glasses (±0.5 px), nose tip between the nostrils (±1 px: 0.035
   * of ratio at this eye distance), ears the tragions at the face outline (both ears show). True
   * yaw ratio 0.02 (±0.05).
   */
  vedaldi: {
    name: 'vedaldi',
    file: VEDALDI_FIXTURE,
    size: [120, 120],
    crc: 0xdeb89ae1,
    landmarks: {
      foreheadTop: [67, 30.5],
      chin: [68, 108],
      rightEye: [53.5, 60.5],
      leftEye: [82, 59.5],
      noseTip: [69, 79.5],
      mouth: [68, 87.5],
      rightEarTragion: [37, 67],
      leftEarTragion: [97.5, 66],
    },
    head: [
      [60, 8],
      [45, 11],
      [35, 18],
      [30, 30],
      [28, 45],
      [25, 52],
      [23, 60],
      [26, 75],
      [32, 82],
      [38, 85],
      [42, 95],
      [45, 103],
      [55, 112],
      [68, 114],
      [82, 110],
      [92, 100],
      [95, 90],
      [100, 80],
      [104, 70],
      [105, 55],
      [100, 50],
      [99, 35],
      [95, 20],
      [85, 12],
      [72, 8],
    ],
    body: [
      [42, 100],
      [92, 95],
      [100, 92],
      [120, 93],
      [120, 120],
      [0, 120],
      [0, 112],
      [20, 105],
    ],
    face: { cx: 67.5, cy: 69.25, rx: 30, ry: 39.5 },
  },
  /**
   * Jesper (KPhotoAlbum's demo, GPL-2+; tuning): jesper_2.jpg, x 130-650, scaled to 256x262. The
   * photo cuts his hair at the top; foreheadTop where his fringe meets the forehead.
   */
  jesper: {
    name: 'jesper',
    file: JESPER_FIXTURE,
    size: [256, 262],
    crc: 0xbac3b7b5,
    landmarks: {
      foreheadTop: [125.5, 73.9],
      chin: [123.1, 206.8],
      rightEye: [97, 103.4],
      leftEye: [152.6, 103.9],
      noseTip: [120.6, 135.4],
      mouth: [122.1, 167.4],
      rightEarTragion: [67.9, 123.1],
      leftEarTragion: [196.9, 123.1],
    },
    head: { cx: 133, cy: 105, rx: 86, ry: 112 },
    body: [
      [95, 185],
      [160, 185],
      [190, 195],
      [256, 225],
      [256, 262],
      [0, 262],
      [0, 235],
      [60, 200],
    ],
    face: { cx: 124, cy: 140, rx: 60, ry: 67 },
  },
} as const satisfies Record<string, Person>;
/** A person's name. */
export type PersonName = keyof typeof PEOPLE;

/** Which people each side of the split renders. */
export const SIDES = {
  'held-out': {
    family: 'portraits',
    people: ['hopper', 'annehelene', 'andersson', 'sarbortova', 'vedaldi'],
  },
  tuning: { family: 'portraits-tuning', people: ['jesper'] },
} as const satisfies Record<string, { family: string; people: readonly PersonName[] }>;
/** One side of the split. */
export type Side = keyof typeof SIDES;

// ---------------------------------------------------------------------------------------------
// Label rules and margins.

/** The label semantics (the studio set's, see the header). */
export const LABEL_RULES = {
  acceptableSize: [0.3, 0.6],
  tooSmall: 0.22,
  tooLarge: 0.7,
  maxOffset: 0.18,
  maxRoll: 18,
  countedSize: 0.2,
  darkLuma: 45,
} as const;

/** The bands items are drawn from, each with a margin from LABEL_RULES. */
export const MARGINS = {
  acceptableSize: [0.33, 0.56],
  acceptableOffset: 0.12,
  acceptableRoll: 10,
  largeSize: [0.76, 0.95],
  smallSize: [0.1, 0.18],
  offCentre: [0.24, 0.34],
  badRoll: [26, 40],
  secondFace: [0.26, 0.34],
  /** Acceptable faces' mean luma (the last part "bright but fine"). */
  faceLuma: [95, 195],
  darkFaceLuma: [14, 36],
  /** Camera blur of every photo (σ, px at 480 lines) and the blur variants' strengths. */
  cameraBlur: [0.3, 0.6],
  defocus: [3.2, 5.5],
  motion: [16, 30],
} as const;

/** Issue of each variant (null: acceptable). */
export const PORTRAIT_VARIANTS = {
  acceptable: null,
  bright: null,
  too_close: 'face_too_large',
  too_far: 'face_too_small',
  off_centre: 'face_off_center',
  tilted: 'face_angle',
  two_faces: 'multiple_faces',
  empty: 'no_face',
  torso: 'no_face',
  defocus: 'blur',
  motion: 'blur',
  dark: 'dark',
} as const;
/** One variant. */
export type PortraitVariant = keyof typeof PORTRAIT_VARIANTS;

/** Variants of a set of `count`: 40 % acceptable (a quarter of them bright), the rest even. */
export function planVariants(count: number, seed: number): PortraitVariant[] {
  const acceptable = Math.round(count * 0.4);
  const list: PortraitVariant[] = [];
  for (let i = 0; i < acceptable; i++) list.push(i % 4 === 3 ? 'bright' : 'acceptable');
  const issues = (Object.keys(PORTRAIT_VARIANTS) as PortraitVariant[]).filter(
    (v) => PORTRAIT_VARIANTS[v] !== null,
  );
  const issueNames = [...new Set(issues.map((v) => PORTRAIT_VARIANTS[v]))];
  const rest = count - acceptable;
  issueNames.forEach((issue, k) => {
    const ways = issues.filter((v) => PORTRAIT_VARIANTS[v] === issue);
    const n = Math.floor(rest / issueNames.length) + (k < rest % issueNames.length ? 1 : 0);
    for (let i = 0; i < n; i++) list.push(ways[i % ways.length]!);
  });
  const random = prng(seed * 7919 + 17);
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// The prepared fixture.

/** A person's photo as floats, with the person's matte. */
export interface Fixture {
  readonly person: Person;
  readonly width: number;
  readonly height: number;
  readonly rgb: Float32Array;
  readonly matte: Float32Array;
}

const insidePolygon = (x: number, y: number, polygon: readonly Point[]): boolean => {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const inEllipse = (x: number, y: number, e: { cx: number; cy: number; rx: number; ry: number }) =>
  ((x - e.cx) / e.rx) ** 2 + ((y - e.cy) / e.ry) ** 2 < 1;

/** Whether fixture point (x, y) is inside the person's outline. */
const inPerson = (person: Person, x: number, y: number): boolean =>
  ('cx' in person.head ? inEllipse(x, y, person.head) : insidePolygon(x, y, person.head)) ||
  insidePolygon(x, y, person.body);

/** Checks `person`'s photo and draws the matte (4x4 supersampled: soft, anti-aliased edges). */
export function prepareFixture(person: Person, png: PngImage): Fixture {
  const { width, height, channels, data } = png;
  if (width !== person.size[0] || height !== person.size[1] || channels !== 3)
    throw new Error(
      `${person.file}: expected ${person.size.join('x')} RGB, got ${width}x${height}`,
    );
  const crc = crc32(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) >>> 0;
  if (crc !== person.crc)
    throw new Error(`${person.file} is not the photo whose landmarks were measured`);
  const matte = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let inside = 0;
      for (let j = 0; j < 4; j++) {
        for (let i = 0; i < 4; i++) {
          const sx = x + (i + 0.5) / 4;
          const sy = y + (j + 0.5) / 4;
          if (inPerson(person, sx, sy)) inside++;
        }
      }
      matte[y * width + x] = inside / 16;
    }
  }
  return { person, width, height, rgb: Float32Array.from(data), matte };
}

// ---------------------------------------------------------------------------------------------
// Geometry.

/** A similarity placing a person's photo in the frame. */
export interface Placement {
  readonly person: Person;
  /** Forehead-to-chin height over the frame's shorter side. */
  readonly size: number;
  /** Face centre (midpoint of forehead top and chin) in frame pixels. */
  readonly centre: Point;
  /** Degrees, clockwise on screen. */
  readonly roll: number;
  readonly mirror: boolean;
}

/** Face height, face centre (the midline) and the face's own roll in its photo. */
function personFrame(person: Person) {
  const { chin, foreheadTop, leftEye, rightEye } = person.landmarks;
  return {
    height: Math.hypot(chin[0] - foreheadTop[0], chin[1] - foreheadTop[1]),
    centre: [(chin[0] + foreheadTop[0]) / 2, (chin[1] + foreheadTop[1]) / 2] as Point,
    // Taken out, so that a placement's roll is the true roll.
    roll: (Math.atan2(leftEye[1] - rightEye[1], leftEye[0] - rightEye[0]) * 180) / Math.PI,
  };
}

/** Frame point of fixture point `p` under `pl` in a frame with shorter side `short`. */
export function forward(pl: Placement, short: number, p: Point): Point {
  const f = personFrame(pl.person);
  const scale = (pl.size * short) / f.height;
  const sx = pl.mirror ? 2 * f.centre[0] - p[0] : p[0];
  const own = pl.mirror ? -f.roll : f.roll;
  const a = ((pl.roll - own) * Math.PI) / 180;
  const dx = sx - f.centre[0];
  const dy = p[1] - f.centre[1];
  return [
    pl.centre[0] + scale * (Math.cos(a) * dx - Math.sin(a) * dy),
    pl.centre[1] + scale * (Math.sin(a) * dx + Math.cos(a) * dy),
  ];
}

/** Fixture point drawn at frame point (x, y) (the inverse of {@link forward}). */
function inverse(pl: Placement, short: number, x: number, y: number): Point {
  const f = personFrame(pl.person);
  const scale = (pl.size * short) / f.height;
  const own = pl.mirror ? -f.roll : f.roll;
  const a = ((pl.roll - own) * Math.PI) / 180;
  const dx = (x - pl.centre[0]) / scale;
  const dy = (y - pl.centre[1]) / scale;
  const sx = f.centre[0] + Math.cos(a) * dx + Math.sin(a) * dy;
  const sy = f.centre[1] - Math.sin(a) * dx + Math.cos(a) * dy;
  return [pl.mirror ? 2 * f.centre[0] - sx : sx, sy];
}

/** The true geometry of a placed face, as the manifest records it. */
export interface FaceTruth {
  readonly size: number;
  readonly centre: [number, number];
  readonly offset: [number, number];
  readonly roll: number;
  readonly landmarks: Record<keyof Landmarks, [number, number]>;
}

const r2 = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

/** Landmarks (mirrored faces swap left and right, as a detector names them) and pose. */
export function faceTruth(pl: Placement, width: number, height: number): FaceTruth {
  const short = Math.min(width, height);
  const at = (name: keyof Landmarks) => forward(pl, short, pl.person.landmarks[name]);
  const swap: Partial<Record<keyof Landmarks, keyof Landmarks>> = pl.mirror
    ? {
        rightEye: 'leftEye',
        leftEye: 'rightEye',
        rightEarTragion: 'leftEarTragion',
        leftEarTragion: 'rightEarTragion',
      }
    : {};
  const landmarks = Object.fromEntries(
    LANDMARK_NAMES.map((n) => {
      const p = at(swap[n] ?? n);
      return [n, [r2(p[0]), r2(p[1])]];
    }),
  ) as Record<keyof Landmarks, [number, number]>;
  const top = at('foreheadTop');
  const chin = at('chin');
  const centre: Point = [(top[0] + chin[0]) / 2, (top[1] + chin[1]) / 2];
  const re = landmarks.rightEye;
  const le = landmarks.leftEye;
  return {
    size: r2(Math.hypot(chin[0] - top[0], chin[1] - top[1]) / short, 4),
    centre: [r2(centre[0]), r2(centre[1])],
    offset: [r2(centre[0] / width - 0.5, 4), r2(centre[1] / height - 0.5, 4)],
    roll: r2((Math.atan2(le[1] - re[1], le[0] - re[0]) * 180) / Math.PI),
    landmarks,
  };
}

/** The geometric issues of faces (largest first) by LABEL_RULES, and any tolerance-band hit. */
export function geometryIssues(faces: readonly FaceTruth[]): {
  issues: string[];
  inBand: boolean;
} {
  const main = faces[0];
  if (!main) return { issues: ['no_face'], inBand: false };
  const issues: string[] = [];
  const R = LABEL_RULES;
  if (faces.filter((f) => f.size >= R.countedSize).length >= 2) issues.push('multiple_faces');
  if (main.size < R.tooSmall) issues.push('face_too_small');
  if (main.size > R.tooLarge) issues.push('face_too_large');
  if (Math.max(Math.abs(main.offset[0]), Math.abs(main.offset[1])) > R.maxOffset)
    issues.push('face_off_center');
  if (Math.abs(main.roll) > R.maxRoll) issues.push('face_angle');
  const inBand =
    (main.size >= R.tooSmall && main.size < R.acceptableSize[0]) ||
    (main.size > R.acceptableSize[1] && main.size <= R.tooLarge);
  return { issues, inBand };
}

// ---------------------------------------------------------------------------------------------
// Rendering: rooms, the person, light, camera.

/** A float RGB frame, 0-255 (also the portrait videos' frames). */
export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly rgb: Float32Array;
}

const uniform = (random: () => number, a: number, b: number) => a + (b - a) * random();
const pick = <T>(random: () => number, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)]!;

/** The rooms behind the person. */
export const ROOMS = ['plaster', 'tiles', 'bookshelf', 'curtain', 'window'] as const;
/** One room. */
export type Room = (typeof ROOMS)[number];

/** Smooth 2-D noise from a few random sinusoids (cheap, seedable, no lattice). */
function waves(random: () => number, count: number, scale: number) {
  const w = Array.from({ length: count }, () => ({
    fx: uniform(random, -1, 1) / scale,
    fy: uniform(random, -1, 1) / scale,
    phase: uniform(random, 0, 2 * Math.PI),
  }));
  return (x: number, y: number) =>
    w.reduce((s, { fx, fy, phase }) => s + Math.sin(x * fx * 6.28 + y * fy * 6.28 + phase), 0) /
    count;
}

/** Draws a room behind everything. */
export function drawRoom(frame: Frame, room: Room, random: () => number): void {
  const { width, height, rgb } = frame;
  const base: [number, number, number] = [
    uniform(random, 120, 230),
    uniform(random, 110, 220),
    uniform(random, 100, 215),
  ];
  const plaster = waves(random, 6, 90);
  const tile = uniform(random, 40, 80);
  const books = Array.from({ length: 64 }, () => [
    uniform(random, 40, 200),
    uniform(random, 30, 180),
    uniform(random, 30, 170),
    uniform(random, 10, 26),
  ]);
  const fold = uniform(random, 30, 60);
  const win = [uniform(random, 0.05, 0.55), uniform(random, 0.05, 0.3)].map((v, k) =>
    k === 0 ? v * width : v * height,
  ) as [number, number];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let c: [number, number, number] = [base[0], base[1], base[2]];
      switch (room) {
        case 'plaster': {
          const k = 1 + 0.06 * plaster(x, y);
          c = [c[0] * k, c[1] * k, c[2] * k];
          break;
        }
        case 'tiles': {
          const gx = x % tile;
          const gy = y % tile;
          if (gx < 2 || gy < 2) c = [c[0] * 0.7, c[1] * 0.7, c[2] * 0.7];
          break;
        }
        case 'bookshelf': {
          const shelf = Math.floor(y / 120);
          if (y % 120 < 12) c = [90, 60, 35];
          else {
            // Spines of varying width along each shelf.
            let sx = (shelf * 37) % 64;
            let left = 0;
            while (left + books[sx % 64]![3]! < x) left += books[sx++ % 64]![3]!;
            const b = books[sx % 64]!;
            const top = 120 * shelf + 12 + (sx % 5) * 6;
            c = y < top ? [60, 45, 30] : [b[0]!, b[1]!, b[2]!];
          }
          break;
        }
        case 'curtain': {
          const k = 0.8 + 0.2 * Math.sin((x / fold) * 2 * Math.PI + 0.3 * Math.sin(y / 70));
          c = [c[0] * k, c[1] * k * 0.95, c[2] * k * 0.9];
          break;
        }
        case 'window': {
          const inside =
            x > win[0] && x < win[0] + width * 0.4 && y > win[1] && y < win[1] + height * 0.55;
          const frameBar =
            inside &&
            (Math.abs(x - (win[0] + width * 0.2)) < 4 ||
              Math.abs(y - (win[1] + height * 0.27)) < 4);
          if (frameBar) c = [235, 235, 230];
          else if (inside) c = [250, 252, 255];
          break;
        }
      }
      const i = (y * width + x) * 3;
      rgb[i] = c[0];
      rgb[i + 1] = c[1];
      rgb[i + 2] = c[2];
    }
  }
}

/** Catmull-Rom weight. */
const cubic = (d: number) => {
  const a = Math.abs(d);
  if (a < 1) return 1.5 * a * a * a - 2.5 * a * a + 1;
  if (a < 2) return -0.5 * a * a * a + 2.5 * a * a - 4 * a + 2;
  return 0;
};

/**
 * Draws the person at `pl` (bicubic colour, bilinear matte; below the photo its last row continues,
 * so a small person is not cut off in mid-air), tinted by `tint`.
 * @returns frame pixel indices inside this face's region
 */
export function drawPerson(
  frame: Frame,
  fixture: Fixture,
  pl: Placement,
  tint: readonly number[],
): number[] {
  const { width, height, rgb } = frame;
  const short = Math.min(width, height);
  const fw = fixture.width;
  const fh = fixture.height;
  const face: number[] = [];
  const wx = new Float64Array(4);
  const wy = new Float64Array(4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, syRaw] = inverse(pl, short, x + 0.5, y + 0.5);
      if (sx < 0 || sx >= fw || syRaw < 0) continue;
      const sy = Math.min(syRaw, fh - 0.5);
      const lx = sx - 0.5;
      const ly = sy - 0.5;
      const x0 = Math.floor(lx);
      const y0 = Math.floor(ly);
      const fx = lx - x0;
      const fy = ly - y0;
      const m = (xx: number, yy: number) =>
        fixture.matte[Math.min(Math.max(yy, 0), fh - 1) * fw + Math.min(Math.max(xx, 0), fw - 1)]!;
      const alpha =
        (m(x0, y0) * (1 - fx) + m(x0 + 1, y0) * fx) * (1 - fy) +
        (m(x0, y0 + 1) * (1 - fx) + m(x0 + 1, y0 + 1) * fx) * fy;
      if (alpha <= 0.002) continue;
      for (let k = 0; k < 4; k++) {
        wx[k] = cubic(fx + 1 - k);
        wy[k] = cubic(fy + 1 - k);
      }
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        let v = 0;
        for (let j = 0; j < 4; j++) {
          const row = Math.min(Math.max(y0 - 1 + j, 0), fh - 1) * fw;
          for (let k = 0; k < 4; k++) {
            const col = Math.min(Math.max(x0 - 1 + k, 0), fw - 1);
            v += fixture.rgb[(row + col) * 3 + c]! * wx[k]! * wy[j]!;
          }
        }
        rgb[i + c] = rgb[i + c]! * (1 - alpha) + Math.max(0, v) * tint[c]! * alpha;
      }
      if (inEllipse(sx, syRaw, fixture.person.face)) face.push(y * width + x);
    }
  }
  return face;
}

/** Separable Gaussian blur in place. */
export function gaussian(frame: Frame, sigma: number): void {
  if (sigma <= 0.05) return;
  const radius = Math.ceil(sigma * 3);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, k) =>
    Math.exp(-((k - radius) ** 2) / (2 * sigma * sigma)),
  );
  const sum = kernel.reduce((a, b) => a + b, 0);
  const weights = kernel.map((k) => k / sum);
  convolve(frame, weights, 1, 0);
  convolve(frame, weights, 0, 1);
}

/** Motion blur of `length` px along `angle` (radians): a line of taps, bilinear. */
function motion(frame: Frame, length: number, angle: number): void {
  const { width, height, rgb } = frame;
  const taps = Math.max(2, Math.ceil(length));
  const out = new Float32Array(rgb.length);
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      for (let t = 0; t < taps; t++) {
        const s = (t / (taps - 1) - 0.5) * length;
        const px = Math.min(Math.max(Math.round(x + dx * s), 0), width - 1);
        const py = Math.min(Math.max(Math.round(y + dy * s), 0), height - 1);
        const i = (py * width + px) * 3;
        out[o] = out[o]! + rgb[i]! / taps;
        out[o + 1] = out[o + 1]! + rgb[i + 1]! / taps;
        out[o + 2] = out[o + 2]! + rgb[i + 2]! / taps;
      }
    }
  }
  rgb.set(out);
}

function convolve(frame: Frame, weights: readonly number[], sx: number, sy: number): void {
  const { width, height, rgb } = frame;
  const radius = (weights.length - 1) / 2;
  const out = new Float32Array(rgb.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      for (let k = -radius; k <= radius; k++) {
        const px = Math.min(Math.max(x + k * sx, 0), width - 1);
        const py = Math.min(Math.max(y + k * sy, 0), height - 1);
        const i = (py * width + px) * 3;
        const w = weights[k + radius]!;
        out[o] = out[o]! + rgb[i]! * w;
        out[o + 1] = out[o + 1]! + rgb[i + 1]! * w;
        out[o + 2] = out[o + 2]! + rgb[i + 2]! * w;
      }
    }
  }
  rgb.set(out);
}

const luma = (rgb: Float32Array, i: number) =>
  0.299 * rgb[i * 3]! + 0.587 * rgb[i * 3 + 1]! + 0.114 * rgb[i * 3 + 2]!;

export function meanLuma(frame: Frame, pixels?: readonly number[]): number {
  const n = pixels ? pixels.length : frame.width * frame.height;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += luma(frame.rgb, pixels ? pixels[k]! : k);
  return sum / Math.max(n, 1);
}

// ---------------------------------------------------------------------------------------------
// One item.

/** One manifest item, in the eval's format. */
export interface PortraitItem {
  readonly image: string;
  readonly kind: 'selfie';
  readonly faces: number;
  readonly expect: { readonly acceptable: boolean; readonly issues: string[] };
  readonly variant: PortraitVariant;
  readonly seed: number;
  readonly room: Room;
  readonly quality: number;
  readonly params: Record<string, number | string | boolean>;
  /** One entry per face, largest first. */
  readonly geometry: FaceTruth[];
  /** Mean luma of the frame and of the largest face (null without one), as written. */
  readonly metrics: { readonly frameLuma: number; readonly faceLuma: number | null };
}

/** A rendered item: RGB bytes and its label (without the file name). */
export interface Rendered {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
  readonly label: Omit<PortraitItem, 'image'>;
}

const centred = (random: () => number, max: number): Point => [
  uniform(random, -max, max),
  uniform(random, -max, max),
];
const signed = (random: () => number, [a, b]: readonly number[]) =>
  (random() < 0.5 ? -1 : 1) * uniform(random, a!, b!);

/** The faces of a variant (main first), or null when the draw does not fit (redrawn). */
function planFaces(
  variant: PortraitVariant,
  random: () => number,
  people: readonly Person[],
  width: number,
  height: number,
): Placement[] | null {
  const M = MARGINS;
  const at = (offset: Point): Point => [width * (0.5 + offset[0]), height * (0.5 + offset[1])];
  const person = pick(random, people);
  const one = (size: readonly number[], offset: Point, roll: number): Placement[] => [
    {
      person,
      size: uniform(random, size[0]!, size[1]!),
      centre: at(offset),
      roll,
      mirror: random() < 0.5,
    },
  ];
  const okRoll = () => uniform(random, -M.acceptableRoll, M.acceptableRoll);
  switch (variant) {
    case 'acceptable':
    case 'bright':
    case 'defocus':
    case 'motion':
    case 'dark':
      return one(M.acceptableSize, centred(random, M.acceptableOffset), okRoll());
    case 'too_close':
      return one(M.largeSize, centred(random, 0.04), okRoll());
    case 'too_far':
      return one(M.smallSize, centred(random, 0.1), okRoll());
    case 'off_centre': {
      const mode = Math.floor(random() * 3);
      const offset: Point = [
        mode !== 1 ? signed(random, M.offCentre) : uniform(random, -0.08, 0.08),
        mode !== 0 ? signed(random, M.offCentre) : uniform(random, -0.08, 0.08),
      ];
      return one([0.3, 0.42], offset, okRoll());
    }
    case 'tilted':
      return one([0.33, 0.48], centred(random, 0.08), signed(random, M.badRoll));
    case 'two_faces': {
      const side = random() < 0.5 ? -1 : 1;
      const main = one(
        [0.36, 0.46],
        [-side * uniform(random, 0.1, 0.15), uniform(random, 0, 0.08)],
        okRoll(),
      );
      const other: Placement = {
        person: pick(random, people),
        size: uniform(random, M.secondFace[0], M.secondFace[1]),
        centre: at([side * uniform(random, 0.26, 0.36), uniform(random, -0.15, -0.02)]),
        roll: okRoll(),
        mirror: !main[0]!.mirror,
      };
      return [main[0]!, other];
    }
    case 'empty':
      return [];
    case 'torso':
      return null;
  }
}

const DARK_FRAME = 45;

/** Renders item `index` of a set with seed `setSeed` (deterministic), redrawing misfits. */
export function renderItem(
  variant: PortraitVariant,
  itemSeed: number,
  fixtures: readonly Fixture[],
  width = 640,
  height = 480,
): Rendered {
  for (let attempt = 0; attempt < 80; attempt++) {
    const out = tryRender(variant, itemSeed, attempt, fixtures, width, height);
    if (out) return out;
  }
  throw new Error(`${variant} (seed ${itemSeed}): no draw fit its label`);
}

function tryRender(
  variant: PortraitVariant,
  itemSeed: number,
  attempt: number,
  fixtures: readonly Fixture[],
  width: number,
  height: number,
): Rendered | null {
  const random = prng((itemSeed * 31 + attempt * 7877) >>> 0);
  const short = Math.min(width, height);
  const params: Record<string, number | string | boolean> = {};
  if (attempt > 0) params.attempt = attempt;
  const expected = PORTRAIT_VARIANTS[variant];

  // Where the faces go; a torso is the person with the chin above the frame by a margin.
  let faces: Placement[];
  let torso: Placement | null = null;
  if (variant === 'torso') {
    const size = uniform(random, 0.35, 0.6);
    torso = {
      person: pick(random, fixtures).person,
      size,
      centre: [width * uniform(random, 0.35, 0.65), -size * short * uniform(random, 0.75, 1.1)],
      roll: uniform(random, -6, 6),
      mirror: random() < 0.5,
    };
    const t = faceTruth(torso, width, height);
    if (Object.values(t.landmarks).some(([, y]) => y > -0.03 * short)) return null;
    faces = [];
  } else {
    const planned = planFaces(
      variant,
      random,
      fixtures.map((f) => f.person),
      width,
      height,
    );
    if (!planned) return null;
    faces = planned;
  }
  const truths = faces.map((f) => faceTruth(f, width, height));
  // Every landmark of every face inside the frame (ears may leave it for a face too close).
  const margin = 0.02 * short;
  for (const [k, t] of truths.entries()) {
    const names =
      variant === 'too_close'
        ? (['rightEye', 'leftEye', 'noseTip', 'mouth'] as const)
        : LANDMARK_NAMES;
    for (const n of names) {
      const [x, y] = t.landmarks[n];
      if (x < margin || y < margin || x > width - margin || y > height - margin) return null;
    }
    if (k > 0 && variant !== 'two_faces') return null;
  }
  const order = truths
    .map((t, k) => ({ t, k }))
    .sort((a, b) => b.t.size - a.t.size)
    .map(({ k }) => k);
  const sorted = order.map((k) => truths[k]!);
  const geometric = geometryIssues(sorted);
  const photometric = expected === 'blur' || expected === 'dark' ? expected : null;
  const want = expected && !photometric ? [expected] : [];
  if (JSON.stringify(geometric.issues) !== JSON.stringify(want) || geometric.inBand) return null;

  // The scene: a room, the people (the other face behind the main one), a key light.
  const frame: Frame = { width, height, rgb: new Float32Array(width * height * 3) };
  const room = pick(random, ROOMS);
  drawRoom(frame, room, random);
  let mainFace: number[] = [];
  const drawOrder = torso ? [torso] : [...faces].reverse();
  for (const [k, pl] of drawOrder.entries()) {
    const tint = [uniform(random, 0.92, 1.08), 1, uniform(random, 0.9, 1.08)];
    const fixture = fixtures.find((f) => f.person === pl.person)!;
    const pixels = drawPerson(frame, fixture, pl, tint);
    if (!torso && k === drawOrder.length - 1) mainFace = pixels;
  }
  if (variant === 'two_faces') {
    // The face behind must stay visible: the main person's matte may not cover its face.
    const behind = faces[1]!;
    const pts = 48;
    let covered = 0;
    for (let i = 0; i < pts; i++) {
      const a = (2 * Math.PI * i) / pts;
      const e = behind.person.face;
      const p = forward(behind, short, [
        e.cx + 0.8 * e.rx * Math.cos(a),
        e.cy + 0.8 * e.ry * Math.sin(a),
      ]);
      const front = faces[0]!.person;
      const [sx, sy] = inverse(faces[0]!, short, p[0], p[1]);
      if (
        sx >= 0 &&
        sx < front.size[0] &&
        sy >= 0 &&
        inPerson(front, sx, Math.min(sy, front.size[1] - 1))
      )
        covered++;
    }
    if (covered > 0) return null;
  }

  // Key light from one side over the frame, a colour temperature, vignetting.
  const side = uniform(random, -1, 1);
  const temp = uniform(random, -0.08, 0.08);
  const vignette = uniform(random, 0.1, 0.3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width - 0.5;
      const v = y / height - 0.5;
      const k = (1 + 0.35 * side * u) * (1 - vignette * (u * u + v * v) * 2);
      const i = (y * width + x) * 3;
      frame.rgb[i] = frame.rgb[i]! * k * (1 + temp);
      frame.rgb[i + 1] = frame.rgb[i + 1]! * k;
      frame.rgb[i + 2] = frame.rgb[i + 2]! * k * (1 - temp);
    }
  }
  params.people = (torso ? [torso] : faces).map((f) => f.person.name).join(',');
  params.light = r2(side);
  params.temperature = r2(temp);

  // The camera's blur (always a little), or the blur variants'.
  const u = short / 480;
  if (variant === 'defocus') {
    const sigma = uniform(random, MARGINS.defocus[0], MARGINS.defocus[1]) * u;
    gaussian(frame, sigma);
    params.defocus = r2(sigma);
  } else if (variant === 'motion') {
    const length = uniform(random, MARGINS.motion[0], MARGINS.motion[1]) * u;
    const angle = random() * Math.PI;
    motion(frame, length, angle);
    params.motion = r2(length);
    params.angle = r2((angle * 180) / Math.PI, 1);
  } else {
    const sigma = uniform(random, MARGINS.cameraBlur[0], MARGINS.cameraBlur[1]) * u;
    gaussian(frame, sigma);
    params.blur = r2(sigma);
  }

  // Exposure: the camera meters the face, or the frame without one.
  const [lo, hi] =
    variant === 'dark'
      ? MARGINS.darkFaceLuma
      : variant === 'bright'
        ? [172, MARGINS.faceLuma[1]]
        : [MARGINS.faceLuma[0], 165];
  const target = uniform(random, lo, hi);
  const metered = mainFace.length > 0 ? meanLuma(frame, mainFace) : meanLuma(frame);
  const gain = (mainFace.length > 0 ? target : uniform(random, 70, 180)) / Math.max(metered, 1);
  // Sensor noise after the gain, stronger in the dark.
  const noise = uniform(random, 1.5, 4) * (variant === 'dark' ? 1.5 : 1);
  const pixels = new Uint8Array(width * height * 3);
  for (let i = 0; i < pixels.length; i++) {
    const n = (random() + random() + random() - 1.5) * 2 * noise;
    pixels[i] = Math.max(0, Math.min(255, Math.round(frame.rgb[i]! * gain + n)));
  }
  const written: Frame = { width, height, rgb: Float32Array.from(pixels) };
  const frameLuma = meanLuma(written);
  const faceLuma = mainFace.length > 0 ? meanLuma(written, mainFace) : null;
  if (variant === 'dark') {
    if (faceLuma === null || faceLuma > LABEL_RULES.darkLuma - 5 || frameLuma > DARK_FRAME)
      return null;
  } else {
    if (frameLuma < 55) return null;
    if (faceLuma !== null && (faceLuma < MARGINS.faceLuma[0] || faceLuma > MARGINS.faceLuma[1]))
      return null;
  }
  params.gain = r2(gain);
  params.noise = r2(noise);

  const issues = expected ? [expected] : [];
  return {
    width,
    height,
    pixels,
    label: {
      kind: 'selfie',
      faces: faces.length,
      expect: { acceptable: issues.length === 0, issues },
      variant,
      seed: itemSeed,
      room,
      quality: Math.round(uniform(random, 70, 95)),
      params,
      geometry: sorted,
      metrics: {
        frameLuma: r2(frameLuma, 1),
        faceLuma: faceLuma === null ? null : r2(faceLuma, 1),
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The set.

/** Loads and prepares one person's photo, or says why it is unavailable. */
export async function loadFixture(
  name: PersonName,
  dirs?: readonly string[],
): Promise<Fixture | { missing: string }> {
  const person: Person = PEOPLE[name];
  const path = fixturePath(person.file, dirs);
  if (!path) return { missing: missingFixtureMessage(person.file, dirs) };
  return prepareFixture(person, decodePng(await readFile(path)));
}

/** Options of {@link generatePortraits}. */
export interface PortraitSetOptions {
  /** Default 'held-out' (family "portraits"); 'tuning' renders the tuning people instead. */
  readonly side?: Side;
  readonly out?: string;
  readonly count?: number;
  readonly seed?: number;
  readonly fixtureDirs?: readonly string[];
}

/** Writes the set (JPEG images and manifest.json); without a fixture writes nothing. */
export async function generatePortraits(
  options: PortraitSetOptions = {},
): Promise<{ manifestPath: string; items: PortraitItem[] } | { skipped: string }> {
  const side = SIDES[options.side ?? 'held-out'];
  const fixtures: Fixture[] = [];
  for (const name of side.people) {
    const fixture = await loadFixture(name, options.fixtureDirs);
    if ('missing' in fixture) return { skipped: fixture.missing };
    fixtures.push(fixture);
  }
  const out = resolve(options.out ?? join(dirname(DEFAULT_PORTRAITS_DIR), side.family));
  const count = options.count ?? DEFAULT_COUNT;
  const seed = options.seed ?? 1;
  await mkdir(out, { recursive: true });
  const items: PortraitItem[] = [];
  for (const [index, variant] of planVariants(count, seed).entries()) {
    const itemSeed = (seed * 1_000_003 + index * 7919) >>> 0;
    const { width, height, pixels, label } = renderItem(variant, itemSeed, fixtures);
    const image = `${String(index).padStart(4, '0')}-${variant}.jpg`;
    await writeFile(join(out, image), encodeJpeg({ width, height, data: pixels }, label.quality));
    items.push({ image, ...label });
  }
  // Only JPEG is written here, so only numbered JPEG files are taken for an earlier set's.
  const manifestPath = await finishFamilySet(out, items, side.family, /^\d{4}-[a-z_]+\.jpg$/);
  return { manifestPath, items };
}

familyMain(import.meta.url, (argv) => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      side: { type: 'string' },
      out: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const side = values.side ?? 'held-out';
  if (!(side in SIDES)) throw new Error(`--side must be one of ${Object.keys(SIDES).join(', ')}`);
  return generatePortraits({
    side: side as Side,
    out: values.out,
    count: values.count === undefined ? undefined : Number(values.count),
    seed: values.seed === undefined ? undefined : Number(values.seed),
  });
});
