// The "desk" family: a second, independent set of labelled document photos, kept OUT of all tuning
// as the quality engine's held-out family. It shares no scene code with document-scenes.ts or
// make-y4m.ts (no card design, background, lighting or rasteriser): only the image encoders
// (scripts/png.ts, scripts/jpeg.ts), the seeded PRNG and the polygon maths that ship with the SDK.
//
//   node --import tsx scripts/families/desk.ts [--out DIR] [--count N] [--seed S] [--format jpeg|png]
//   defaults: --out test/fixtures/generated/families/desk, --count 120, --seed 1, --format jpeg
//   (640x480, JPEG quality drawn per item from 70-95 by scripts/jpeg.ts)
//
// How a photo is made (all lengths in millimetres, in camera space: x right, y down, z forward):
// - a document: an ID-1 card (85.6x54 mm, rounded corners) or an open passport booklet whose lower
//   page is the 125x88 mm data page (the labelled document) and whose upper page, spine and cover
//   rim are visible too. Cards are white, pastel or dark, with the photo left or right, a header
//   band, text fields, sometimes a chip; passports have a 2-line MRZ.
// - posed in 3-D: a tilt of up to 35° about a random in-plane axis, then a roll of up to ±25° about
//   the optical axis, in front of a pinhole camera whose horizontal field of view is 55-80°. The
//   distance follows from the fill drawn for the item, the position from where its centre lands.
//   Every pixel is ray-cast: the ray hits the document's plane (card, hand) or the desk's plane
//   (texture, distractors, shadows), so perspective is exact and the corners are the projection
//   of the document's rectangle (its printed corners are rounded inside them).
// - on a desk: wood planks, a woven fabric, granite speckle, a gingham or polka-dot tablecloth, or
//   a plain surface with clutter (coins, pens, sticky notes). The card either lies on the desk
//   (contact shadow) or is held above it by a hand (palm, fingers behind, thumb on the front edge,
//   away from the corners) with a soft cast shadow on the desk. Some scenes hold distractors on
//   the desk: an A4 sheet partly under or beside the document, another card, a phone, a keyboard.
// - lit: warm, cool or neutral white balance, a light gradient across the frame, sometimes a soft
//   shadow edge, vignetting; exposed by an auto-exposure that meters the whole frame (with
//   highlight protection on the document's paper), then a mild lens blur and sensor noise.
//
// Labels by construction (the constants below): each unacceptable item carries exactly one
// degradation, chosen before rendering, and its strength is set with a margin from the
// acceptable band. The engine is never run here. Fill is the projected document's area over the
// frame's. The manifest is the one scripts/eval.ts reads (`expect: {acceptable, issues}`), plus
// "family": "desk", the variant, the seed, and the scene's parameters.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { polygonArea, quadJaccard } from '../../src/quality/geometry.ts';
import type { Point, Quad } from '../../src/quality/types.ts';
import { prng } from '../../test/helpers/math.ts';
import {
  familyMain,
  familyRenderer,
  parseFamilyCli,
  writeFamilySet,
  type FamilyFormat,
  type FamilyJob,
  type FamilySetOptions,
  type LabelledItem,
} from '../labelled-set.ts';
import { encodeJpeg } from '../jpeg.ts';
import { encodePng } from '../png.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Default output folder (git-ignored). */
export const DEFAULT_DESK_DIR = resolve(REPO_ROOT, 'test/fixtures/generated/families/desk');
/** The family's name, written on every item. */
export const FAMILY = 'desk';
/** Bump when the output for a given seed changes. */
export const DESK_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Label rules. Shares are of the frame's area, margins of the frame's short side.

/** What makes a photo acceptable, and the margins degraded items keep from it. */
export const LABEL_RULES = {
  /** Acceptable: the document's projected area over the frame's, within [min, max]. */
  acceptableFill: { min: 0.15, max: 0.8 },
  /** Acceptable fills are drawn this far inside that band. */
  fillDrawn: { id1: [0.17, 0.74], passport: [0.17, 0.58] } as Record<DocumentKind, number[]>,
  /** Acceptable: every corner at least this far inside the frame. */
  cornerMargin: 0.04,
  /** Acceptable: tilt of the document's normal from the optical axis, degrees. */
  maxTilt: 35,
  /** Acceptable: roll about the optical axis, degrees. */
  maxRoll: 25,
  /** Acceptable: no part of the hand within this distance of a corner (mm). */
  handCornerClearanceMm: 6,
  /** Acceptable: auto-exposure target (mean of the frame, 0-1), unless the ceiling lowers it. */
  exposureTarget: [0.36, 0.54],
  /**
   * Acceptable (and every variant but dark and bright): the brightest pixel of the document (paper,
   * or the light print of a dark card) is exposed to at most this (0-1), so that nothing on it
   * clips, with room for sensor noise and JPEG ringing.
   */
  documentCeiling: 0.9,
  /** too_far: fill drawn from this range (acceptable starts at 0.15; the brief's limit is 0.05). */
  tooFarFill: [0.012, 0.035],
  /** corners (out of frame): one corner at least this far outside, the others this far inside. */
  cornerOutside: 0.06,
  cornerOthersInside: 0.03,
  /** corners (out of frame): at least this share of the document visible. */
  minVisible: 0.55,
  /** corners (finger): the finger's axis passes over the corner; its radius (mm). */
  fingerRadiusMm: [8, 10],
  /** blur: Gaussian defocus σ in pixels at 640 px wide (acceptable items get only the lens's ~0.5). */
  blurSigma: [3, 5.5],
  /** glare: blown-out core (added light ≥ 1.2, clips whatever the paper) over this share of the document. */
  glareCoreShare: [0.05, 0.14],
  /** glare: the least share a "glare" label needs (the brief's 3 %). */
  glareMinShare: 0.03,
  /** dark: auto-exposure target (frame mean 0-1), far under the acceptable one. */
  darkTarget: [0.05, 0.11],
  /** bright: gain clips at least 90 % of the paper (its 10th percentile × gain ≥ this). */
  brightPaperP10: 1.15,
  /** bright: and the frame mean is at least this before clipping. */
  brightTarget: [0.72, 0.9],
  /** Every item: JPEG quality drawn from this range (phones and the capture path deliver JPEG). */
  jpegQuality: [70, 95],
} as const;

/** Share of acceptable items in the default set; the rest is spread evenly over the issues. */
export const ACCEPTABLE_SHARE = 0.4;
/** Default number of items and size. */
export const DEFAULT_COUNT = 120;
export const DEFAULT_WIDTH = 640;
export const DEFAULT_HEIGHT = 480;

/** The degradations, one per unacceptable item, and the issue each is labelled with. */
export const DESK_VARIANTS = {
  acceptable: null,
  defocus: 'blur',
  glare: 'glare',
  corner_out: 'corners',
  finger: 'corners',
  dark: 'dark',
  bright: 'bright',
  no_document: 'no_document',
  too_far: 'too_far',
} as const;
/** One variant. */
export type DeskVariant = keyof typeof DESK_VARIANTS;

/** Document types, with their sizes in mm. */
export const DOCUMENT_SIZE_MM = { id1: [85.6, 54], passport: [125, 88] } as const;
export type DocumentKind = keyof typeof DOCUMENT_SIZE_MM;

const DESKS = ['wood', 'fabric', 'granite', 'tablecloth', 'clutter'] as const;
type DeskKind = (typeof DESKS)[number];
const CARD_TONES = ['white', 'pastel', 'dark'] as const;
type CardTone = (typeof CARD_TONES)[number];
const DISTRACTORS = ['a4', 'card', 'phone', 'keyboard'] as const;
type DistractorKind = (typeof DISTRACTORS)[number];
const LIGHTS = ['warm', 'cool', 'neutral'] as const;

// ---------------------------------------------------------------------------------------------
// Small maths

type Vec3 = [number, number, number];
type Rgb = [number, number, number];
const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
const mix = (a: number, b: number, t: number) => a + (b - a) * t;
const mixRgb = (a: Rgb, b: Rgb, t: number): Rgb => [
  mix(a[0], b[0], t),
  mix(a[1], b[1], t),
  mix(a[2], b[2], t),
];
const smooth = (e0: number, e1: number, x: number) => {
  const t = clamp01((x - e0) / (e1 - e0));
  return t * t * (3 - 2 * t);
};
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const fract = (x: number) => x - Math.floor(x);

/** Integer hash to [0, 1): the procedural textures' source of detail. */
function hash(x: number, y: number, seed: number): number {
  let h = Math.imul(x | 0, 0x27d4eb2d) ^ Math.imul(y | 0, 0x165667b1) ^ Math.imul(seed, 0x9e3779b9);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Value noise in [0, 1) with smooth interpolation, period-free. */
function noise(x: number, y: number, seed: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const a = hash(ix, iy, seed);
  const b = hash(ix + 1, iy, seed);
  const c = hash(ix, iy + 1, seed);
  const d = hash(ix + 1, iy + 1, seed);
  return mix(mix(a, b, sx), mix(c, d, sx), sy);
}

/** Three octaves of value noise, in [0, 1). */
const fbm = (x: number, y: number, seed: number) =>
  (noise(x, y, seed) * 4 +
    noise(x * 2.03, y * 2.03, seed + 1) * 2 +
    noise(x * 4.1, y * 4.1, seed + 2)) /
  7;

/** Rotation matrix (row-major 3x3) about a unit axis by an angle (Rodrigues). */
function axisAngle(axis: Vec3, angle: number): number[] {
  const [x, y, z] = axis;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const t = 1 - c;
  return [
    t * x * x + c,
    t * x * y - s * z,
    t * x * z + s * y,
    t * x * y + s * z,
    t * y * y + c,
    t * y * z - s * x,
    t * x * z - s * y,
    t * y * z + s * x,
    t * z * z + c,
  ];
}
function matMul(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 3; c++)
      out.push(a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!);
  return out;
}
const column = (m: readonly number[], c: number): Vec3 => [m[c]!, m[3 + c]!, m[6 + c]!];

/** Distance from p to the segment ab (2-D). */
function segmentDistance(px: number, py: number, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = clamp01(((px - a[0]) * dx + (py - a[1]) * dy) / (dx * dx + dy * dy || 1));
  return Math.hypot(px - a[0] - t * dx, py - a[1] - t * dy);
}

/** Signed distance to a w x h rectangle at the origin with corner radius r (negative inside). */
function roundedRectSdf(x: number, y: number, w: number, h: number, r: number): number {
  const qx = Math.abs(x - w / 2) - (w / 2 - r);
  const qy = Math.abs(y - h / 2) - (h / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

// ---------------------------------------------------------------------------------------------
// Camera and pose

/** A pinhole camera: focal length in pixels, principal point at the frame's centre. */
export interface Camera {
  readonly width: number;
  readonly height: number;
  /** Horizontal field of view, degrees. */
  readonly fovDeg: number;
  readonly focal: number;
}

export function makeCamera(width: number, height: number, fovDeg: number): Camera {
  return { width, height, fovDeg, focal: width / 2 / Math.tan((fovDeg * Math.PI) / 360) };
}

/** A plane in camera space: its origin and orthonormal in-plane axes (u right, v down), normal. */
export interface PlanePose {
  readonly origin: Vec3;
  /** Row-major rotation: columns are the plane's u, v and normal (pointing away from the camera). */
  readonly rotation: readonly number[];
}

/** The rotation of a document: tilt about an in-plane axis at `axisDeg`, then roll. */
export function documentRotation(tiltDeg: number, axisDeg: number, rollDeg: number): number[] {
  const a = (axisDeg * Math.PI) / 180;
  const tilt = axisAngle([Math.cos(a), Math.sin(a), 0], (tiltDeg * Math.PI) / 180);
  const roll = axisAngle([0, 0, 1], (rollDeg * Math.PI) / 180);
  return matMul(roll, tilt);
}

/** Projects a point of a plane (u, v in mm from its origin) to image pixels. */
export function projectPlanePoint(camera: Camera, pose: PlanePose, u: number, v: number): Point {
  const e1 = column(pose.rotation, 0);
  const e2 = column(pose.rotation, 1);
  const x = pose.origin[0] + e1[0] * u + e2[0] * v;
  const y = pose.origin[1] + e1[1] * u + e2[1] * v;
  const z = pose.origin[2] + e1[2] * u + e2[2] * v;
  return [camera.width / 2 + (camera.focal * x) / z, camera.height / 2 + (camera.focal * y) / z];
}

/**
 * The document's true corners in image pixels, clockwise from its top-left one. The pose's origin
 * is the document's top-left corner.
 */
export function documentCorners(camera: Camera, pose: PlanePose, kind: DocumentKind): Quad {
  const [w, h] = DOCUMENT_SIZE_MM[kind];
  return [
    projectPlanePoint(camera, pose, 0, 0),
    projectPlanePoint(camera, pose, w, 0),
    projectPlanePoint(camera, pose, w, h),
    projectPlanePoint(camera, pose, 0, h),
  ];
}

/** The pose placing the document's centre on the ray through pixel (px, py), at depth z. */
export function documentPose(
  camera: Camera,
  kind: DocumentKind,
  rotation: readonly number[],
  px: number,
  py: number,
  z: number,
): PlanePose {
  const [w, h] = DOCUMENT_SIZE_MM[kind];
  const centre: Vec3 = [
    ((px - camera.width / 2) / camera.focal) * z,
    ((py - camera.height / 2) / camera.focal) * z,
    z,
  ];
  const e1 = column(rotation, 0);
  const e2 = column(rotation, 1);
  return {
    origin: [
      centre[0] - (e1[0] * w) / 2 - (e2[0] * h) / 2,
      centre[1] - (e1[1] * w) / 2 - (e2[1] * h) / 2,
      centre[2] - (e1[2] * w) / 2 - (e2[2] * h) / 2,
    ],
    rotation,
  };
}

/** Projected area of a quad over the frame's area. */
export const fillOf = (camera: Camera, quad: Quad) =>
  polygonArea(quad) / (camera.width * camera.height);

/** Least distance of a corner inside the frame (negative when one is outside), in pixels. */
export function cornerInset(camera: Camera, corner: Point): number {
  return Math.min(corner[0], corner[1], camera.width - corner[0], camera.height - corner[1]);
}

/** Share of the quad's area inside the frame. */
export function visibleShare(camera: Camera, quad: Quad): number {
  const { width: w, height: h } = camera;
  const frame: Quad = [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ];
  const j = quadJaccard(quad, frame);
  const a = polygonArea(quad);
  // J = I / (A + F - I)  =>  I = J (A + F) / (1 + J)
  return (j * (a + w * h)) / (1 + j) / a;
}

// ---------------------------------------------------------------------------------------------
// The scene description (everything drawn from the seed before rendering)

interface CardDesign {
  readonly tone: CardTone;
  readonly paper: Rgb;
  readonly accent: Rgb;
  readonly ink: Rgb;
  readonly photoLeft: boolean;
  readonly chip: boolean;
  readonly patternSeed: number;
  readonly waveFreq: number;
  /** Passport only: the booklet's cover colour and the upper page's paper. */
  readonly cover: Rgb;
  readonly otherPage: Rgb;
}

interface Hand {
  readonly skin: Rgb;
  /** Capsules drawn over the document (thumb, or the finger over a corner). */
  readonly front: { a: Point; b: Point; r: number }[];
  /** Capsules and the palm drawn behind it, in the document plane (mm). */
  readonly back: { a: Point; b: Point; r: number }[];
}

interface Distractor {
  readonly kind: DistractorKind;
  /** Centre on the desk plane (mm) and rotation (rad). */
  readonly x: number;
  readonly y: number;
  readonly angle: number;
  readonly colour: Rgb;
}

interface ClutterObject {
  readonly kind: 'coin' | 'pen' | 'note';
  readonly x: number;
  readonly y: number;
  readonly angle: number;
  readonly size: number;
  readonly colour: Rgb;
}

interface Glare {
  /** Centre in document mm, semi-axes (mm), rotation (rad). */
  readonly x: number;
  readonly y: number;
  readonly a: number;
  readonly b: number;
  readonly angle: number;
}

/** Everything a photo depends on. */
export interface DeskScene {
  readonly variant: DeskVariant;
  readonly width: number;
  readonly height: number;
  readonly camera: Camera;
  readonly document: DocumentKind;
  /** Null for no_document. */
  readonly pose: PlanePose | null;
  readonly corners: Quad | null;
  readonly tiltDeg: number;
  readonly rollDeg: number;
  readonly fill: number;
  readonly design: CardDesign;
  readonly held: boolean;
  readonly hand: Hand | null;
  readonly desk: DeskKind;
  readonly deskPose: PlanePose;
  readonly deskSeed: number;
  readonly deskColours: Rgb[];
  readonly deskScale: number;
  readonly distractors: Distractor[];
  readonly clutter: ClutterObject[];
  /** Card shadow on the desk: offset (mm in desk coords), softness (mm), strength. */
  readonly shadow: { dx: number; dy: number; soft: number; strength: number };
  readonly light: {
    readonly kind: (typeof LIGHTS)[number];
    readonly balance: Rgb;
    readonly gradientAngle: number;
    readonly gradient: number;
    readonly shadowEdge: { angle: number; offset: number; width: number; depth: number } | null;
    readonly vignette: number;
  };
  readonly exposureTarget: number;
  readonly glare: Glare | null;
  readonly blurSigma: number;
  readonly noise: number;
}

const uniform = (random: () => number, lo: number, hi: number) => lo + (hi - lo) * random();
function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
const range = (random: () => number, r: readonly number[]) => uniform(random, r[0]!, r[1]!);

function hsl(h: number, s: number, l: number): Rgb {
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [f(0), f(8), f(4)];
}

function drawDesign(random: () => number, tone: CardTone): CardDesign {
  const hue = uniform(random, 0, 360);
  const paper: Rgb =
    tone === 'white'
      ? hsl(hue, uniform(random, 0, 0.15), uniform(random, 0.86, 0.92))
      : tone === 'pastel'
        ? hsl(hue, uniform(random, 0.3, 0.6), uniform(random, 0.76, 0.86))
        : hsl(hue, uniform(random, 0.3, 0.6), uniform(random, 0.12, 0.24));
  const accent =
    tone === 'dark'
      ? hsl((hue + uniform(random, 20, 60)) % 360, 0.5, uniform(random, 0.35, 0.5))
      : hsl(
          (hue + uniform(random, 120, 240)) % 360,
          uniform(random, 0.4, 0.7),
          uniform(random, 0.3, 0.5),
        );
  const ink: Rgb =
    tone === 'dark' ? [0.86, 0.86, 0.84] : hsl(hue, 0.3, uniform(random, 0.08, 0.18));
  const coverHue = pick(random, [350, 220, 140, 30]);
  return {
    tone,
    paper,
    accent,
    ink,
    photoLeft: random() < 0.65,
    chip: random() < 0.4,
    patternSeed: Math.floor(random() * 1e6),
    waveFreq: uniform(random, 0.6, 1.6),
    cover: hsl(coverHue, uniform(random, 0.4, 0.7), uniform(random, 0.12, 0.25)),
    otherPage: hsl((hue + 40) % 360, uniform(random, 0.15, 0.4), uniform(random, 0.78, 0.88)),
  };
}

const SKINS: Rgb[] = [
  [0.93, 0.76, 0.64],
  [0.85, 0.64, 0.5],
  [0.72, 0.51, 0.38],
  [0.55, 0.37, 0.26],
  [0.38, 0.25, 0.18],
];

/**
 * A hand holding the document by one edge: the thumb on the front, away from every corner by the
 * clearance; the palm, the fingers behind and the wrist outside. Null when no draw keeps the thumb
 * clear (the caller then draws again).
 */
function drawHoldingHand(random: () => number, kind: DocumentKind): Hand | null {
  const [w, h] = DOCUMENT_SIZE_MM[kind];
  const edge = pick(random, ['bottom', 'left', 'right'] as const);
  const p = uniform(random, 0.3, 0.7);
  const g: Point = edge === 'bottom' ? [w * p, h] : edge === 'left' ? [0, h * p] : [w, h * p];
  const inward: Point = edge === 'bottom' ? [0, -1] : edge === 'left' ? [1, 0] : [-1, 0];
  const along: Point = [-inward[1], inward[0]];
  const at = (n: number, t: number): Point => [
    g[0] + inward[0] * n + along[0] * t,
    g[1] + inward[1] * n + along[1] * t,
  ];
  const thumbR = uniform(random, 7.5, 9.5);
  const thumb = {
    a: at(-20, uniform(random, -10, 10)),
    b: at(uniform(random, 7, 13), 0),
    r: thumbR,
  };
  const corners: Point[] = [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ];
  const clear = corners.every(
    (c) =>
      segmentDistance(c[0], c[1], thumb.a, thumb.b) >= thumb.r + LABEL_RULES.handCornerClearanceMm,
  );
  if (!clear) return null;
  return { skin: pick(random, SKINS), front: [thumb], back: handBehind(at, random) };
}

/** Palm, four fingers (reaching behind the document) and the wrist, along the inward axis. */
function handBehind(at: (n: number, t: number) => Point, random: () => number) {
  const back: { a: Point; b: Point; r: number }[] = [
    { a: at(-42, -8), b: at(-40, 10), r: 30 },
    { a: at(-60, 0), b: at(-260, uniform(random, -40, 40)), r: 33 },
  ];
  for (let k = 0; k < 4; k++) {
    const t = -26 + k * 15 + uniform(random, -2, 2);
    back.push({ a: at(-30, t), b: at(uniform(random, 5, 25), t * 1.1), r: 7.5 });
  }
  return back;
}

/** A finger lying over one corner (by at least its radius), with the hand behind it, outside. */
function drawCornerFinger(random: () => number, kind: DocumentKind, corner: number): Hand {
  const [w, h] = DOCUMENT_SIZE_MM[kind];
  const corners: Point[] = [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ];
  const c = corners[corner]!;
  // Outward diagonal, jittered so that the finger comes in at various angles.
  const base = Math.atan2(c[1] - h / 2, c[0] - w / 2) + uniform(random, -0.5, 0.5);
  const out: Point = [Math.cos(base), Math.sin(base)];
  const at = (n: number, t: number): Point => [
    c[0] - out[0] * n - out[1] * t,
    c[1] - out[1] * n + out[0] * t,
  ];
  const r = range(random, LABEL_RULES.fingerRadiusMm);
  const finger = { a: at(-35, 0), b: at(uniform(random, 6, 12), 0), r };
  return {
    skin: pick(random, SKINS),
    front: [finger],
    back: [
      { a: at(-60, -10), b: at(-55, 12), r: 28 },
      { a: at(-75, 0), b: at(-280, uniform(random, -40, 40)), r: 33 },
    ],
  };
}

function drawDistractor(random: () => number, kind: DistractorKind, docDiag: number): Distractor {
  // Keep everything but the A4 sheet clear of the document; the sheet may go partly under it.
  const clearance: Record<DistractorKind, number> = {
    a4: uniform(random, 40, 180),
    card: docDiag / 2 + 62,
    phone: docDiag / 2 + 90,
    keyboard: docDiag / 2 + 20,
  };
  const dir = uniform(random, 0, Math.PI * 2);
  const d = clearance[kind] + uniform(random, 0, 50);
  return {
    kind,
    x: Math.cos(dir) * d,
    y: Math.sin(dir) * d,
    angle: kind === 'keyboard' ? dir : uniform(random, -0.6, 0.6),
    colour:
      kind === 'card'
        ? hsl(uniform(random, 0, 360), uniform(random, 0.3, 0.8), uniform(random, 0.3, 0.8))
        : kind === 'phone'
          ? pick(random, [
              [0.05, 0.05, 0.06],
              [0.75, 0.76, 0.78],
              [0.2, 0.24, 0.35],
            ] as Rgb[])
          : kind === 'a4'
            ? [0.9, 0.9, 0.88]
            : [0.2, 0.2, 0.22],
  };
}

function drawClutter(random: () => number, docDiag: number): ClutterObject[] {
  const objects: ClutterObject[] = [];
  const n = 5 + Math.floor(random() * 8);
  for (let k = 0; k < n; k++) {
    const kind = pick(random, ['coin', 'coin', 'pen', 'note'] as const);
    const size = kind === 'coin' ? uniform(random, 9, 13) : kind === 'pen' ? 140 : 76;
    const dir = uniform(random, 0, Math.PI * 2);
    const d = docDiag / 2 + (kind === 'pen' ? 75 : size * 0.75) + uniform(random, 5, 160);
    objects.push({
      kind,
      x: Math.cos(dir) * d,
      y: Math.sin(dir) * d,
      angle:
        kind === 'pen' ? dir + Math.PI / 2 + uniform(random, -0.4, 0.4) : uniform(random, 0, 6.3),
      size,
      colour:
        kind === 'coin'
          ? pick(random, [
              [0.75, 0.6, 0.35],
              [0.7, 0.7, 0.68],
            ] as Rgb[])
          : kind === 'note'
            ? pick(random, [
                [0.98, 0.9, 0.4],
                [0.95, 0.6, 0.75],
                [0.6, 0.9, 0.7],
              ] as Rgb[])
            : hsl(uniform(random, 0, 360), 0.6, uniform(random, 0.2, 0.5)),
    });
  }
  return objects;
}

function deskPalette(random: () => number, desk: DeskKind): Rgb[] {
  switch (desk) {
    case 'wood': {
      const light = random() < 0.5;
      return light
        ? [
            [0.78, 0.6, 0.4],
            [0.62, 0.44, 0.26],
          ]
        : [
            [0.42, 0.27, 0.16],
            [0.25, 0.15, 0.08],
          ];
    }
    case 'fabric':
      return pick(random, [
        [
          [0.25, 0.33, 0.5],
          [0.45, 0.52, 0.65],
        ],
        [
          [0.55, 0.53, 0.5],
          [0.7, 0.68, 0.64],
        ],
        [
          [0.2, 0.3, 0.22],
          [0.35, 0.45, 0.35],
        ],
        [
          [0.72, 0.62, 0.5],
          [0.85, 0.78, 0.66],
        ],
      ] as Rgb[][]);
    case 'granite':
      return pick(random, [
        [
          [0.45, 0.45, 0.45],
          [0.1, 0.1, 0.1],
          [0.85, 0.84, 0.82],
        ],
        [
          [0.62, 0.55, 0.52],
          [0.2, 0.18, 0.18],
          [0.9, 0.88, 0.86],
        ],
        [
          [0.15, 0.15, 0.16],
          [0.05, 0.05, 0.05],
          [0.6, 0.6, 0.62],
        ],
      ] as Rgb[][]);
    case 'tablecloth':
      return [
        [0.92, 0.91, 0.88],
        hsl(uniform(random, 0, 360), uniform(random, 0.4, 0.8), uniform(random, 0.35, 0.55)),
      ];
    case 'clutter':
      return [
        pick(random, [
          [0.8, 0.8, 0.78],
          [0.3, 0.3, 0.32],
          [0.55, 0.45, 0.35],
        ] as Rgb[]),
      ];
  }
}

/** Variants whose document must keep the acceptable geometry (the degradation is elsewhere). */
const ACCEPTABLE_GEOMETRY: ReadonlySet<DeskVariant> = new Set([
  'acceptable',
  'defocus',
  'glare',
  'dark',
  'bright',
]);

/**
 * Draws one scene from its seed: camera, document, pose, desk, distractors, hand, light and the
 * degradation of `variant`. Pose draws that miss the variant's geometric rule are redrawn.
 */
export function drawScene(
  variant: DeskVariant,
  seed: number,
  width = DEFAULT_WIDTH,
  height = DEFAULT_HEIGHT,
): DeskScene {
  const random = prng(seed);
  const camera = makeCamera(width, height, uniform(random, 55, 80));
  const short = Math.min(width, height);
  const document: DocumentKind = random() < 0.68 ? 'id1' : 'passport';
  const [dw, dh] = DOCUMENT_SIZE_MM[document];
  const docDiag = Math.hypot(dw, document === 'passport' ? dh * 2 : dh);
  const tone =
    variant === 'bright' ? pick(random, ['white', 'pastel'] as const) : pick(random, CARD_TONES);
  const design = drawDesign(random, tone);
  const held = variant === 'finger' || (variant !== 'no_document' && random() < 0.35);

  let pose: PlanePose | null = null;
  let corners: Quad | null = null;
  let tiltDeg = 0;
  let rollDeg = 0;
  let fill = 0;
  let hand: Hand | null = null;
  if (variant !== 'no_document') {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 5000) throw new Error(`desk: no pose for ${variant} (seed ${seed})`);
      // Most people hold the phone nearly square to the document; some tilt it a lot.
      const band = random();
      tiltDeg =
        band < 0.5
          ? uniform(random, 0, 15)
          : band < 0.85
            ? uniform(random, 15, 28)
            : uniform(random, 28, 35);
      rollDeg = uniform(random, -LABEL_RULES.maxRoll, LABEL_RULES.maxRoll);
      const rotation = documentRotation(tiltDeg, uniform(random, 0, 360), rollDeg);
      const targetFill =
        variant === 'too_far'
          ? range(random, LABEL_RULES.tooFarFill)
          : variant === 'corner_out'
            ? uniform(random, 0.2, 0.55)
            : range(random, LABEL_RULES.fillDrawn[document]);
      let px = uniform(random, 0.3, 0.7) * width;
      let py = uniform(random, 0.3, 0.7) * height;
      let z = 400;
      for (let k = 0; k < 6; k++) {
        const f = fillOf(
          camera,
          documentCorners(camera, documentPose(camera, document, rotation, px, py, z), document),
        );
        z *= Math.sqrt(f / targetFill);
      }
      let candidate = documentPose(camera, document, rotation, px, py, z);
      let quad = documentCorners(camera, candidate, document);
      if (variant === 'corner_out') {
        // Slide the document (at the same depth) until one corner is out by the margin.
        const k = Math.floor(random() * 4);
        const c = quad[k]!;
        const gaps = [c[0], width - c[0], c[1], height - c[1]];
        const side = gaps.indexOf(Math.min(...gaps));
        const push = gaps[side]! + uniform(random, 0.07, 0.16) * short;
        px += side === 0 ? -push : side === 1 ? push : 0;
        py += side === 2 ? -push : side === 3 ? push : 0;
        candidate = documentPose(camera, document, rotation, px, py, z);
        quad = documentCorners(camera, candidate, document);
        const insets = quad.map((q) => cornerInset(camera, q) / short);
        const outside = insets.filter((i) => i <= -LABEL_RULES.cornerOutside).length;
        const inside = insets.filter((i) => i >= LABEL_RULES.cornerOthersInside).length;
        if (outside !== 1 || inside !== 3 || visibleShare(camera, quad) < LABEL_RULES.minVisible)
          continue;
      } else if (!quad.every((q) => cornerInset(camera, q) >= LABEL_RULES.cornerMargin * short)) {
        continue;
      }
      fill = fillOf(camera, quad);
      if (ACCEPTABLE_GEOMETRY.has(variant) || variant === 'finger') {
        const { min, max } = LABEL_RULES.acceptableFill;
        if (fill < min || fill > max) continue;
      }
      if (
        variant === 'too_far' &&
        (fill < LABEL_RULES.tooFarFill[0] || fill > LABEL_RULES.tooFarFill[1])
      )
        continue;
      if (variant === 'finger') hand = drawCornerFinger(random, document, Math.floor(random() * 4));
      else if (held) {
        hand = drawHoldingHand(random, document);
        if (!hand) continue;
      }
      pose = candidate;
      corners = quad;
      break;
    }
  }

  // The desk: under the document when it lies there, 120-320 mm behind it when held (or, without a
  // document, 250-600 mm in front of the camera), with its own tilt.
  const deskTilt =
    pose && !held ? null : documentRotation(uniform(random, 0, 30), uniform(random, 0, 360), 0);
  let deskPose: PlanePose;
  if (pose && !held) {
    const n = column(pose.rotation, 2);
    deskPose = {
      origin: [
        pose.origin[0] + n[0] * 0.8,
        pose.origin[1] + n[1] * 0.8,
        pose.origin[2] + n[2] * 0.8,
      ],
      rotation: pose.rotation,
    };
  } else {
    const z = pose ? pose.origin[2] + uniform(random, 120, 320) : uniform(random, 250, 600);
    deskPose = {
      origin: [uniform(random, -40, 40), uniform(random, -40, 40), z],
      rotation: deskTilt!,
    };
  }
  const desk = pick(random, DESKS);
  const distractors: Distractor[] = [];
  const wantDistractors =
    variant === 'no_document'
      ? 1 + Math.floor(random() * 2)
      : random() < 0.5
        ? 1 + Math.floor(random() * 2)
        : 0;
  for (let k = 0; k < wantDistractors; k++) {
    const kinds = variant === 'no_document' ? DISTRACTORS.filter((d) => d !== 'card') : DISTRACTORS;
    distractors.push(drawDistractor(random, pick(random, kinds), pose ? docDiag : 0));
  }
  const light = {
    kind: pick(random, LIGHTS),
    balance: [1, 1, 1] as Rgb,
    gradientAngle: uniform(random, 0, Math.PI * 2),
    gradient: uniform(random, 0, 0.35),
    shadowEdge:
      random() < 0.35 && variant !== 'bright'
        ? {
            angle: uniform(random, 0, Math.PI * 2),
            offset: uniform(random, 0.15, 0.45),
            width: uniform(random, 0.05, 0.16),
            depth: uniform(random, 0.55, 0.8),
          }
        : null,
    vignette: uniform(random, 0.1, 0.4),
  };
  light.balance =
    light.kind === 'warm'
      ? [1.06, 0.97, uniform(random, 0.74, 0.86)]
      : light.kind === 'cool'
        ? [uniform(random, 0.84, 0.92), 0.97, 1.07]
        : [1, 1, 1];

  let glare: Glare | null = null;
  if (variant === 'glare') {
    const share = range(random, LABEL_RULES.glareCoreShare);
    const ratio = uniform(random, 0.5, 1);
    const a = Math.sqrt((share * dw * dh) / (Math.PI * ratio));
    const b = a * ratio;
    const angle = uniform(random, 0, Math.PI);
    // Keep the whole core on the document, so its share is exactly `share`.
    glare = {
      x: uniform(random, a + 1, dw - a - 1),
      y: uniform(random, a + 1, dh - a - 1),
      a,
      b,
      angle,
    };
  }
  const exposureTarget =
    variant === 'dark'
      ? range(random, LABEL_RULES.darkTarget)
      : variant === 'bright'
        ? range(random, LABEL_RULES.brightTarget)
        : range(random, LABEL_RULES.exposureTarget);
  const scale640 = width / 640;
  return {
    variant,
    width,
    height,
    camera,
    document,
    pose,
    corners,
    tiltDeg,
    rollDeg,
    fill,
    design,
    held,
    hand,
    desk,
    deskPose,
    deskSeed: Math.floor(random() * 1e6),
    deskColours: deskPalette(random, desk),
    deskScale: uniform(random, 0.8, 1.3),
    distractors,
    clutter: desk === 'clutter' ? drawClutter(random, pose ? docDiag : 0) : [],
    shadow: held
      ? {
          dx: uniform(random, -40, 40),
          dy: uniform(random, 10, 45),
          soft: uniform(random, 8, 18),
          strength: uniform(random, 0.25, 0.45),
        }
      : {
          dx: uniform(random, -2, 2),
          dy: uniform(random, 0.5, 2.5),
          soft: uniform(random, 1, 3),
          strength: uniform(random, 0.25, 0.45),
        },
    light,
    exposureTarget,
    glare,
    blurSigma: variant === 'defocus' ? range(random, LABEL_RULES.blurSigma) * scale640 : 0,
    noise: uniform(random, 0.006, 0.018) * (variant === 'dark' ? 1.8 : 1),
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering: one ray per pixel centre, four where the surface hit changes between neighbours

/** Surfaces, for the supersampling test (a change of id between neighbours is an edge). */
const ID = { desk: 0, document: 1, skin: 2, page: 3, cover: 4, distractor: 10 } as const;

/** What a ray hit: albedo, surface id, whether it is the document's bare paper, added glare. */
interface Hit {
  r: number;
  g: number;
  b: number;
  id: number;
  paper: boolean;
  glare: number;
}

/** Per-scene values the per-pixel code needs, computed once. */
interface Prepared {
  readonly scene: DeskScene;
  readonly doc: { o: Vec3; e1: Vec3; e2: Vec3; n: Vec3; no: number } | null;
  readonly desk: { o: Vec3; e1: Vec3; e2: Vec3; n: Vec3; no: number };
  /** Desk coordinates of the point the distractors and clutter are placed around (mm). */
  readonly deskCentre: Point;
  readonly textureAngle: number;
  readonly size: readonly [number, number];
}

function prepare(scene: DeskScene): Prepared {
  const plane = (p: PlanePose) => {
    const n = column(p.rotation, 2);
    return {
      o: p.origin,
      e1: column(p.rotation, 0),
      e2: column(p.rotation, 1),
      n,
      no: dot(n, p.origin),
    };
  };
  const size = DOCUMENT_SIZE_MM[scene.document];
  return {
    scene,
    doc: scene.pose ? plane(scene.pose) : null,
    desk: plane(scene.deskPose),
    deskCentre: scene.pose && !scene.held ? [size[0] / 2, size[1] / 2] : [0, 0],
    textureAngle: hash(scene.deskSeed, 7, 1) * Math.PI,
    size,
  };
}

/**
 * Where the ray through pixel (x, y) meets a plane, in its in-plane coordinates (mm), written to
 * `out` (no allocation: this runs for every ray); false when it does not meet it in front.
 */
function intersect(
  camera: Camera,
  plane: { o: Vec3; e1: Vec3; e2: Vec3; n: Vec3; no: number },
  x: number,
  y: number,
  out: number[],
): boolean {
  const dx = (x - camera.width / 2) / camera.focal;
  const dy = (y - camera.height / 2) / camera.focal;
  const n = plane.n;
  const nd = n[0] * dx + n[1] * dy + n[2];
  if (Math.abs(nd) < 1e-9) return false;
  const t = plane.no / nd;
  if (t <= 0) return false;
  const rx = dx * t - plane.o[0];
  const ry = dy * t - plane.o[1];
  const rz = t - plane.o[2];
  out[0] = plane.e1[0] * rx + plane.e1[1] * ry + plane.e1[2] * rz;
  out[1] = plane.e2[0] * rx + plane.e2[1] * ry + plane.e2[2] * rz;
  return true;
}
const DOC_UV = [0, 0];
const DESK_UV = [0, 0];

/** Text-like marks: glyph cells of a 3x5 grid of strokes, words separated by spaces. */
function glyphInk(
  u: number,
  v: number,
  x0: number,
  y0: number,
  x1: number,
  h: number,
  seed: number,
  mono: boolean,
): boolean {
  if (v < y0 || v > y0 + h || u < x0 || u > x1) return false;
  const cw = h * (mono ? 0.8 : 0.62);
  const i = Math.floor((u - x0) / cw);
  if (!mono && hash(i, 3, seed) < 0.17) return false;
  const gx = fract((u - x0) / cw);
  if (gx < 0.14 || gx > 0.86) return false;
  const gy = (v - y0) / h;
  const col = Math.min(2, Math.floor(((gx - 0.14) / 0.72) * 3));
  const row = Math.min(4, Math.floor(gy * 5));
  if (col === 0 && hash(i, 5, seed) < 0.55) return true;
  return hash(i * 15 + row * 3 + col, 11, seed) < 0.45;
}

/** A text line whose length varies with its seed. */
const textLine = (
  u: number,
  v: number,
  x0: number,
  y0: number,
  x1: number,
  h: number,
  seed: number,
) => glyphInk(u, v, x0, y0, x0 + (x1 - x0) * (0.35 + 0.65 * hash(seed, 1, 2)), h, seed, false);

/** The holder's photo: backdrop, shoulders, face and hair, in a w x h box. */
function portrait(u: number, v: number, w: number, h: number, seed: number): Rgb {
  const cx = w / 2;
  const skin = SKINS[Math.floor(hash(seed, 2, 3) * SKINS.length)]!;
  const hair: Rgb = hash(seed, 4, 5) < 0.5 ? [0.1, 0.08, 0.06] : [0.45, 0.3, 0.15];
  const e = (x: number, y: number, rx: number, ry: number) =>
    ((u - x) / rx) ** 2 + ((v - y) / ry) ** 2;
  if (e(cx, h * 1.05, w * 0.55, h * 0.32) < 1) return [0.15, 0.17, 0.22];
  if (e(cx, h * 0.42, w * 0.28, h * 0.28) < 1) {
    if (e(cx, h * 0.3, w * 0.31, h * 0.2) < 1 && v < h * 0.3) return hair;
    return skin;
  }
  if (e(cx, h * 0.3, w * 0.33, h * 0.22) < 1) return hair;
  return [0.72, 0.78, 0.84];
}

/** The document's face at (u, v) mm from its top-left corner; sets `hit`. */
function documentFace(p: Prepared, u: number, v: number, hit: Hit): void {
  const { design: d, document } = p.scene;
  const w = p.size[0];
  const s = d.patternSeed;
  // Fine guilloche-like waves modulate the paper a little.
  const wave = Math.sin(u * d.waveFreq + 3 * Math.sin(v * 0.35 + u * 0.05)) * 0.5 + 0.5;
  let colour: Rgb = mixRgb(
    d.paper,
    d.tone === 'dark' ? mixRgb(d.paper, d.accent, 0.6) : d.accent,
    0.06 * wave,
  );
  let paper = true;
  const soft = mixRgb(d.ink, d.paper, 0.45);
  const header = document === 'id1' ? 10 : 9;
  const photo = document === 'id1' ? { w: 22, h: 28, y: 14 } : { w: 35, h: 45, y: 14 };
  const photoX = d.photoLeft ? 5 : w - 5 - photo.w;
  const x0 = d.photoLeft ? photoX + photo.w + 5 : 5;
  const x1 = d.photoLeft ? w - 5 : photoX - 5;
  if (v < header) {
    {
      colour = d.accent;
      paper = false;
    }
    if (glyphInk(u, v, 6, header * 0.32, w * 0.7, header * 0.38, s + 1, false)) {
      colour = mixRgb(d.paper, [1, 1, 1], 0.5);
      paper = false;
    }
  } else if (u >= photoX && u < photoX + photo.w && v >= photo.y && v < photo.y + photo.h) {
    {
      colour = portrait(u - photoX, v - photo.y, photo.w, photo.h, s);
      paper = false;
    }
  } else if (document === 'passport' && v >= 64) {
    // The MRZ: two lines of 44 monospaced characters on a lighter band.
    colour = mixRgb(d.paper, [1, 1, 1], d.tone === 'dark' ? 0 : 0.35);
    if (
      glyphInk(u, v, 6, 69, 6 + 44 * 2.54, 3.2, s + 2, true) ||
      glyphInk(u, v, 6, 77, 6 + 44 * 2.54, 3.2, s + 3, true)
    ) {
      colour = d.ink;
      paper = false;
    }
  } else if (d.chip && document === 'id1' && u >= x0 && u < x0 + 11 && v >= 40 && v < 48.5) {
    const line = Math.abs(v - 44.25) < 0.25 || Math.abs(u - x0 - 5.5) < 0.25;
    {
      colour = line ? [0.55, 0.45, 0.2] : [0.85, 0.72, 0.38];
      paper = false;
    }
  } else {
    const rows = document === 'id1' ? 5 : 7;
    const pitch = document === 'id1' ? 6 : 7;
    for (let k = 0; k < rows; k++) {
      const y = 14 + k * pitch;
      if (document === 'id1' && d.chip && k === 4) break;
      if (textLine(u, v, x0, y, x1, 1.3, s + 10 + k)) {
        colour = soft;
        paper = false;
      } else if (textLine(u, v, x0, y + 1.9, x1, document === 'id1' ? 2.3 : 2.8, s + 30 + k)) {
        colour = d.ink;
        paper = false;
      }
    }
    if (document === 'id1' && textLine(u, v, 5, 48, w - 5, 2, s + 50)) {
      colour = d.ink;
      paper = false;
    }
  }
  if (document === 'passport') {
    // The page bends into the spine along its top edge.
    const crease = 1 - 0.14 * (1 - smooth(0, 5, v));
    colour = [colour[0] * crease, colour[1] * crease, colour[2] * crease];
  }
  hit.r = colour[0];
  hit.g = colour[1];
  hit.b = colour[2];
  hit.id = ID.document;
  hit.paper = paper;
}

/** Skin with soft shading towards the capsule's rim. */
function skin(p: Prepared, u: number, v: number, depth: number, hit: Hit): void {
  const c = p.scene.hand!.skin;
  const shade =
    (0.72 + 0.28 * smooth(0, 0.6, depth)) * (0.92 + 0.16 * noise(u * 0.15, v * 0.15, 9));
  hit.r = c[0] * shade;
  hit.g = c[1] * shade;
  hit.b = c[2] * shade;
  hit.id = ID.skin;
  hit.paper = false;
}

/** Depth (0 at the rim, 1 on the axis) inside the nearest capsule, or -1 outside all. */
function capsuleDepth(
  caps: readonly { a: Point; b: Point; r: number }[],
  u: number,
  v: number,
): number {
  let best = -1;
  for (const c of caps) {
    const dist = segmentDistance(u, v, c.a, c.b);
    if (dist < c.r) best = Math.max(best, 1 - dist / c.r);
  }
  return best;
}

function glareAt(g: Glare, u: number, v: number): number {
  const c = Math.cos(g.angle);
  const s = Math.sin(g.angle);
  const du = (u - g.x) * c + (v - g.y) * s;
  const dv = -(u - g.x) * s + (v - g.y) * c;
  const r = Math.sqrt((du / g.a) ** 2 + (dv / g.b) ** 2);
  if (r <= 1) return 1.25;
  const t = Math.max(0, 1 - (r - 1) / 0.7);
  return 1.25 * t * t;
}

/** The desk's own surface at desk coordinates (s, q) mm (rotated, scaled texture space). */
function deskSurface(p: Prepared, s0: number, q0: number): Rgb {
  const sc = p.scene;
  const a = p.textureAngle;
  const s = ((s0 * Math.cos(a) + q0 * Math.sin(a)) * 1) / sc.deskScale;
  const q = ((-s0 * Math.sin(a) + q0 * Math.cos(a)) * 1) / sc.deskScale;
  const seed = sc.deskSeed;
  const [c0, c1, c2] = sc.deskColours;
  switch (sc.desk) {
    case 'wood': {
      const plankW = 95 + 50 * hash(seed, 1, 1);
      const plank = Math.floor(q / plankW);
      const inPlank = q - plank * plankW;
      if (inPlank < 0.9) return mixRgb(c1!, [0, 0, 0], 0.5);
      const ph = hash(plank, 2, seed);
      const warp = 7 * noise(s * 0.006 + ph * 50, q * 0.04, seed);
      const ring = fract((inPlank + warp) * 0.22 + ph * 13);
      const grain = 0.55 * smooth(0.35, 0.95, ring) + 0.3 * noise(s * 0.02, q * 0.9, seed + 3);
      const c = mixRgb(c0!, c1!, clamp01(grain * 0.9 + 0.2 * (ph - 0.5)));
      return c;
    }
    case 'fabric': {
      const pitch = 1.6;
      const i = Math.floor(s / pitch);
      const j = Math.floor(q / pitch);
      const warpOver = (i + j) % 2 === 0;
      const across = warpOver ? fract(s / pitch) : fract(q / pitch);
      const thread = Math.sin(Math.PI * across);
      const t = clamp01(
        0.25 +
          0.5 * thread * (warpOver ? 1 : 0.8) +
          0.25 * hash(i, j, seed) +
          0.15 * (fbm(s * 0.03, q * 0.03, seed) - 0.5),
      );
      return mixRgb(c0!, c1!, t);
    }
    case 'granite': {
      const base = mixRgb(c0!, c2!, 0.25 * fbm(s * 0.04, q * 0.04, seed));
      const cell = 2.4;
      const i = Math.floor(s / cell);
      const j = Math.floor(q / cell);
      const h = hash(i, j, seed);
      const cx = (i + 0.2 + 0.6 * hash(i, j, seed + 1)) * cell;
      const cy = (j + 0.2 + 0.6 * hash(i, j, seed + 2)) * cell;
      const r = 0.35 + 0.7 * hash(i, j, seed + 3);
      if (Math.hypot(s - cx, q - cy) < r) {
        if (h < 0.4) return c1!;
        if (h > 0.8) return c2!;
      }
      return mixRgb(base, c1!, 0.2 * noise(s * 0.7, q * 0.7, seed + 4));
    }
    case 'tablecloth': {
      const weave = 0.94 + 0.06 * Math.sin(s * 4) * Math.sin(q * 4);
      let t: number;
      if (seed % 2 === 0) {
        // Gingham: crossing bands.
        const bw = 16;
        t = ((Math.floor(s / bw) & 1) + (Math.floor(q / bw) & 1)) / 2;
      } else {
        // Polka dots on a plain cloth.
        const g = 22;
        const i = Math.floor(s / g);
        const j = Math.floor(q / g);
        const off = (j & 1) * 0.5;
        t =
          Math.hypot(s - (i + 0.5 + off) * g, q - (j + 0.5) * g) < 5.5 ||
          Math.hypot(s - (i - 0.5 + off) * g, q - (j + 0.5) * g) < 5.5
            ? 1
            : 0;
      }
      const c = mixRgb(c0!, c1!, t * 0.9);
      return [c[0] * weave, c[1] * weave, c[2] * weave];
    }
    case 'clutter': {
      const n = 0.94 + 0.12 * fbm(s * 0.05, q * 0.05, seed);
      return [c0![0] * n, c0![1] * n, c0![2] * n];
    }
  }
}

/** Distractors and clutter lying on the desk at (s, q), or null; sets the id. */
function onDesk(p: Prepared, s: number, q: number, hit: Hit): Rgb | null {
  const sc = p.scene;
  const [ox, oy] = p.deskCentre;
  for (let k = 0; k < sc.distractors.length; k++) {
    const d = sc.distractors[k]!;
    const c = Math.cos(d.angle);
    const sn = Math.sin(d.angle);
    const lx = (s - ox - d.x) * c + (q - oy - d.y) * sn;
    const ly = -(s - ox - d.x) * sn + (q - oy - d.y) * c;
    hit.id = ID.distractor + k;
    switch (d.kind) {
      case 'a4':
        if (Math.abs(lx) < 105 && Math.abs(ly) < 148.5) {
          const row = fract((ly + 148.5) / 6.5);
          const line = Math.floor((ly + 148.5) / 6.5);
          const text =
            Math.abs(lx) < 80 &&
            ly > -120 &&
            ly < 120 &&
            row < 0.35 &&
            glyphInk(
              lx,
              row * 6.5,
              -80,
              0,
              -80 + 160 * (0.5 + 0.5 * hash(line, k, 4)),
              2.2,
              line * 31 + k,
              false,
            );
          return text ? [0.35, 0.35, 0.38] : d.colour;
        }
        break;
      case 'card': {
        if (roundedRectSdf(lx + 42.8, ly + 27, 85.6, 54, 3.18) <= 0)
          return ly < -15 ? mixRgb(d.colour, [0, 0, 0], 0.35) : d.colour;
        break;
      }
      case 'phone': {
        const sdf = roundedRectSdf(lx + 36, ly + 75, 72, 150, 9);
        if (sdf <= 0) {
          if (sdf < -3.5) {
            const sheen = 0.06 + 0.1 * smooth(-60, 70, lx + ly * 0.5);
            return [sheen, sheen, sheen * 1.1];
          }
          return d.colour;
        }
        break;
      }
      case 'keyboard': {
        // lx runs away from the document: the keyboard is the half-plane beyond its near edge.
        if (lx > 0) {
          const kx = fract((lx + 400) / 19);
          const ky = fract((ly + 400) / 19);
          const key = kx > 0.09 && kx < 0.91 && ky > 0.09 && ky < 0.91;
          return key ? [0.3 + 0.2 * d.colour[0], 0.3, 0.32] : [0.08, 0.08, 0.09];
        }
        break;
      }
    }
  }
  for (const o of sc.clutter) {
    const c = Math.cos(o.angle);
    const sn = Math.sin(o.angle);
    const lx = (s - ox - o.x) * c + (q - oy - o.y) * sn;
    const ly = -(s - ox - o.x) * sn + (q - oy - o.y) * c;
    hit.id = ID.distractor + 8;
    if (o.kind === 'coin') {
      const r = Math.hypot(lx, ly);
      if (r < o.size) {
        const shine = 0.8 + 0.35 * smooth(-o.size, o.size, lx - ly) - (r > o.size - 1 ? 0.2 : 0);
        return [o.colour[0] * shine, o.colour[1] * shine, o.colour[2] * shine];
      }
    } else if (o.kind === 'pen') {
      if (Math.abs(lx) < 70 && Math.abs(ly) < 4.5) {
        const shade = 0.75 + 0.35 * Math.cos((ly / 4.5) * 1.4);
        return [o.colour[0] * shade, o.colour[1] * shade, o.colour[2] * shade];
      }
    } else if (Math.abs(lx) < o.size / 2 && Math.abs(ly) < o.size / 2) {
      return o.colour;
    }
  }
  hit.id = ID.desk;
  return null;
}

/** What the ray through pixel (x, y) hits. */
function trace(p: Prepared, x: number, y: number, hit: Hit): void {
  const sc = p.scene;
  const [w, h] = p.size;
  hit.glare = 0;
  hit.paper = false;
  if (p.doc) {
    if (intersect(sc.camera, p.doc, x, y, DOC_UV)) {
      const u = DOC_UV[0]!;
      const v = DOC_UV[1]!;
      const hand = sc.hand;
      const front = hand ? capsuleDepth(hand.front, u, v) : -1;
      if (front >= 0) return skin(p, u, v, front, hit);
      const onCard =
        sc.document === 'id1'
          ? roundedRectSdf(u, v, w, h, 3.18) <= 0
          : u >= 0 && u <= w && v >= 0 && v <= h;
      if (onCard) {
        documentFace(p, u, v, hit);
        if (sc.glare) hit.glare = glareAt(sc.glare, u, v);
        return;
      }
      if (sc.document === 'passport' && u >= -3 && u <= w + 3 && v >= -h - 3 && v <= h + 3) {
        const d = sc.design;
        if (u >= 0 && u <= w && v >= -h && v < 0) {
          // The booklet's other page: its own paper, waves, a stamp, and the crease.
          const wave = 0.5 + 0.5 * Math.sin(v * 0.9 + 2 * Math.sin(u * 0.12));
          let c = mixRgb(d.otherPage, d.accent, 0.05 * wave);
          const ring = Math.hypot(u - w * 0.65, v + h * 0.45);
          if (Math.abs(ring - 15) < 0.8) c = mixRgb(c, d.accent, 0.55);
          const crease = 1 - 0.3 * (1 - smooth(0, 6, -v));
          hit.r = c[0] * crease;
          hit.g = c[1] * crease;
          hit.b = c[2] * crease;
          hit.id = ID.page;
          return;
        }
        hit.r = d.cover[0];
        hit.g = d.cover[1];
        hit.b = d.cover[2];
        hit.id = ID.cover;
        return;
      }
      const back = hand ? capsuleDepth(hand.back, u, v) : -1;
      if (back >= 0) return skin(p, u, v, back, hit);
    }
  }
  if (!intersect(sc.camera, p.desk, x, y, DESK_UV)) {
    hit.r = hit.g = hit.b = 0.3;
    hit.id = ID.desk;
    return;
  }
  const s = DESK_UV[0]!;
  const q = DESK_UV[1]!;
  hit.id = ID.desk;
  const c = onDesk(p, s, q, hit) ?? deskSurface(p, s, q);
  let shade = 1;
  if (p.doc && sc.pose) {
    // The document's shadow: its outline moved by the light's offset, softened.
    let su = s;
    let sv = q;
    if (sc.held && intersect(sc.camera, p.doc, x, y, DOC_UV)) {
      su = DOC_UV[0]!;
      sv = DOC_UV[1]!;
    }
    const bh = sc.document === 'passport' ? h * 2 + 6 : h;
    const sdf = roundedRectSdf(
      su - sc.shadow.dx + (sc.document === 'passport' ? 3 : 0),
      sv - sc.shadow.dy + (sc.document === 'passport' ? h + 3 : 0),
      sc.document === 'passport' ? w + 6 : w,
      bh,
      3,
    );
    shade = 1 - sc.shadow.strength * (1 - smooth(-sc.shadow.soft, sc.shadow.soft, sdf));
  }
  hit.r = c[0] * shade;
  hit.g = c[1] * shade;
  hit.b = c[2] * shade;
}

/** Separable blur of one float plane with a symmetric kernel (edges clamp). */
function convolve(
  plane: Float32Array,
  width: number,
  height: number,
  kernel: readonly number[],
): void {
  const r = (kernel.length - 1) / 2;
  const tmp = new Float32Array(plane.length);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let k = -r; k <= r; k++) {
        const xx = x + k < 0 ? 0 : x + k >= width ? width - 1 : x + k;
        acc += plane[y * width + xx]! * kernel[k + r]!;
      }
      tmp[y * width + x] = acc;
    }
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let k = -r; k <= r; k++) {
        const yy = y + k < 0 ? 0 : y + k >= height ? height - 1 : y + k;
        acc += tmp[yy * width + x]! * kernel[k + r]!;
      }
      plane[y * width + x] = acc;
    }
}

function gaussianKernel(sigma: number): number[] {
  const r = Math.ceil(sigma * 3);
  const k = Array.from({ length: 2 * r + 1 }, (_, i) =>
    Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)),
  );
  const sum = k.reduce((a, b) => a + b, 0);
  return k.map((v) => v / sum);
}

/** What the camera did, for the manifest (measured on the scene's radiance, not by the engine). */
export interface Exposure {
  /** Gain applied to the lit albedo. */
  readonly gain: number;
  /** Mean of the written frame (0-1, before noise). */
  readonly frameMean: number;
  /** Share of the document's bare paper that clips (all channels ≥ 1). */
  readonly clippedPaper: number;
}

/** Renders a scene to 8-bit RGB. */
export function renderScene(
  scene: DeskScene,
  noiseSeed: number,
): { rgb: Uint8Array; exposure: Exposure } {
  const { width, height, light } = scene;
  const p = prepare(scene);
  const n = width * height;
  const albedo = [new Float32Array(n), new Float32Array(n), new Float32Array(n)] as const;
  const glare = new Float32Array(n);
  const ids = new Int32Array(n);
  const paper = new Uint8Array(n);
  const hit: Hit = { r: 0, g: 0, b: 0, id: 0, paper: false, glare: 0 };
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      trace(p, x + 0.5, y + 0.5, hit);
      const i = y * width + x;
      albedo[0][i] = hit.r;
      albedo[1][i] = hit.g;
      albedo[2][i] = hit.b;
      glare[i] = hit.glare;
      ids[i] = hit.id;
      paper[i] = hit.paper ? 1 : 0;
    }
  // Edges between surfaces get 4 rays (a rotated grid) instead of 1.
  const offsets = [
    [0.375, 0.125],
    [0.875, 0.375],
    [0.625, 0.875],
    [0.125, 0.625],
  ] as const;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const id = ids[i]!;
      const edge =
        (x > 0 && ids[i - 1] !== id) ||
        (x < width - 1 && ids[i + 1] !== id) ||
        (y > 0 && ids[i - width] !== id) ||
        (y < height - 1 && ids[i + width] !== id);
      if (!edge) continue;
      let r = 0;
      let g = 0;
      let b = 0;
      let gl = 0;
      for (const [ox, oy] of offsets) {
        trace(p, x + ox, y + oy, hit);
        r += hit.r;
        g += hit.g;
        b += hit.b;
        gl += hit.glare;
      }
      albedo[0][i] = r / 4;
      albedo[1][i] = g / 4;
      albedo[2][i] = b / 4;
      glare[i] = gl / 4;
      paper[i] = 0;
    }
  // Light: white balance, a gradient across the frame, maybe a soft shadow edge, vignetting.
  const halfDiag = Math.hypot(width, height) / 2;
  const gc = Math.cos(light.gradientAngle);
  const gs = Math.sin(light.gradientAngle);
  let sum = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const nx = x / width - 0.5;
      const ny = y / height - 0.5;
      let l = 1 + light.gradient * 2 * (nx * gc + ny * gs);
      const e = light.shadowEdge;
      if (e) {
        const along = nx * Math.cos(e.angle) + ny * Math.sin(e.angle);
        l *= mix(1, e.depth, smooth(e.offset - e.width, e.offset + e.width, along));
      }
      const r2 = ((x - width / 2) ** 2 + (y - height / 2) ** 2) / (halfDiag * halfDiag);
      l *= 1 - light.vignette * r2;
      for (let c = 0; c < 3; c++) albedo[c][i] = albedo[c][i]! * l * light.balance[c]!;
      sum += 0.299 * albedo[0][i]! + 0.587 * albedo[1][i]! + 0.114 * albedo[2][i]!;
    }
  // Auto-exposure on the frame's mean, protecting the document from clipping (acceptable items),
  // or pushing its paper into clipping (bright).
  let gain = scene.exposureTarget / (sum / n);
  const paperLuma = new Float32Array(n);
  let paperCount = 0;
  let documentMax = 0;
  for (let i = 0; i < n; i++) {
    if (ids[i] === ID.document)
      documentMax = Math.max(documentMax, albedo[0][i]!, albedo[1][i]!, albedo[2][i]!);
    if (paper[i])
      paperLuma[paperCount++] =
        0.299 * albedo[0][i]! + 0.587 * albedo[1][i]! + 0.114 * albedo[2][i]!;
  }
  if (scene.variant === 'bright') {
    const sorted = paperLuma.subarray(0, paperCount).sort();
    const p10 = sorted[Math.floor(paperCount * 0.1)] ?? 1;
    gain = Math.max(gain, LABEL_RULES.brightPaperP10 / p10);
  } else if (scene.variant !== 'dark' && documentMax > 0) {
    gain = Math.min(gain, LABEL_RULES.documentCeiling / documentMax);
  }
  const out = [albedo[0], albedo[1], albedo[2]] as Float32Array[];
  for (let c = 0; c < 3; c++) {
    const plane = out[c]!;
    for (let i = 0; i < n; i++) plane[i] = plane[i]! * gain + glare[i]!;
    // The lens: a little softness everywhere; defocus for the blur variant.
    convolve(plane, width, height, [0.15, 0.7, 0.15]);
    if (scene.blurSigma > 0) convolve(plane, width, height, gaussianKernel(scene.blurSigma));
  }
  let clipped = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    mean +=
      0.299 * Math.min(1, out[0]![i]!) +
      0.587 * Math.min(1, out[1]![i]!) +
      0.114 * Math.min(1, out[2]![i]!);
    if (paper[i]) {
      if (out[0]![i]! >= 1 && out[1]![i]! >= 1 && out[2]![i]! >= 1) clipped++;
    }
  }
  // Sensor noise (shot-like: grows with the signal), then 8 bits.
  const random = prng(noiseSeed);
  const rgb = new Uint8Array(n * 3);
  // Box-Muller, both outputs used.
  for (let k = 0; k < n * 3; k += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    for (let m = 0; m < 2 && k + m < n * 3; m++) {
      const v = out[(k + m) % 3]![Math.floor((k + m) / 3)]!;
      const g = radius * (m === 0 ? Math.cos(angle) : Math.sin(angle));
      const noisy = v + scene.noise * (0.6 + 0.8 * Math.sqrt(clamp01(v))) * g;
      rgb[k + m] = Math.round(clamp01(noisy) * 255);
    }
  }
  return {
    rgb,
    exposure: { gain, frameMean: mean / n, clippedPaper: paperCount ? clipped / paperCount : 0 },
  };
}

// ---------------------------------------------------------------------------------------------
// The set

/** One manifest item (scripts/eval.ts reads image, kind, expect, corners, document). */
export interface DeskItem extends LabelledItem {
  readonly kind: 'document';
  readonly family: typeof FAMILY;
  readonly variant: DeskVariant;
  readonly corners: Quad | null;
  readonly document: DocumentKind;
  readonly seed: number;
  readonly size: [number, number];
  readonly params: Record<string, unknown>;
}

/** The variants of a set of `count` items: the acceptable share, the rest round the issues. */
export function planVariants(count: number, seed: number): DeskVariant[] {
  const acceptable = Math.round(count * ACCEPTABLE_SHARE);
  const degraded = (Object.keys(DESK_VARIANTS) as DeskVariant[]).filter((v) => v !== 'acceptable');
  // The two corner variants share one issue: alternate them in its slot.
  const issues = [...new Set(degraded.map((v) => DESK_VARIANTS[v]))];
  const variants: DeskVariant[] = Array.from({ length: acceptable }, () => 'acceptable' as const);
  let corner = 0;
  for (let k = 0; variants.length < count; k++) {
    const issue = issues[k % issues.length]!;
    if (issue === 'corners') variants.push(corner++ % 2 === 0 ? 'corner_out' : 'finger');
    else variants.push(degraded.find((v) => DESK_VARIANTS[v] === issue)!);
  }
  const random = prng(itemSeed(seed, 0x5eed));
  for (let i = variants.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [variants[i], variants[j]] = [variants[j]!, variants[i]!];
  }
  return variants;
}

/** Each item's own seed, from the set's seed and its index. */
export function itemSeed(seed: number, index: number): number {
  return Math.floor(hash(seed, index, 0xde5c) * 2 ** 31);
}

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;

/** How images are written: JPEG as a phone delivers them (default), or lossless PNG. */
export type DeskFormat = FamilyFormat;

/** Renders item `index` of a set: its image file and its manifest entry. */
export function renderItem(
  index: number,
  variant: DeskVariant,
  seed: number,
  width = DEFAULT_WIDTH,
  height = DEFAULT_HEIGHT,
  format: DeskFormat = 'jpeg',
): { file: Buffer; item: DeskItem } {
  const s = itemSeed(seed, index);
  const scene = drawScene(variant, s, width, height);
  const { rgb, exposure } = renderScene(scene, s ^ 0x6e01);
  const quality = Math.round(range(prng(s ^ 0x1e9), LABEL_RULES.jpegQuality));
  const issue = DESK_VARIANTS[variant];
  const item: DeskItem = {
    image: `${String(index + 1).padStart(4, '0')}-${variant}.${format === 'jpeg' ? 'jpg' : 'png'}`,
    kind: 'document',
    family: FAMILY,
    variant,
    expect: { acceptable: issue === null, issues: issue ? [issue] : [] },
    corners:
      (scene.corners?.map(
        ([x, y]) => [round(x, 2), round(y, 2)] as Point,
      ) as unknown as Quad | null) ?? null,
    document: scene.document,
    seed: s,
    size: [width, height],
    params: {
      fovDeg: round(scene.camera.fovDeg, 1),
      tiltDeg: round(scene.tiltDeg, 1),
      rollDeg: round(scene.rollDeg, 1),
      fill: round(scene.fill, 4),
      tone: scene.design.tone,
      photoLeft: scene.design.photoLeft,
      held: scene.held,
      hand: scene.hand !== null,
      desk: scene.desk,
      distractors: scene.distractors.map((d) => d.kind),
      light: scene.light.kind,
      shadowEdge: scene.light.shadowEdge !== null,
      exposureTarget: round(scene.exposureTarget),
      frameMean: round(exposure.frameMean),
      clippedPaper: round(exposure.clippedPaper),
      ...(scene.glare
        ? {
            glareShare: round(
              (Math.PI * scene.glare.a * scene.glare.b) /
                (DOCUMENT_SIZE_MM[scene.document][0] * DOCUMENT_SIZE_MM[scene.document][1]),
            ),
          }
        : {}),
      ...(scene.blurSigma ? { blurSigmaPx: round(scene.blurSigma, 2) } : {}),
      ...(format === 'jpeg' ? { jpegQuality: quality } : {}),
    },
  };
  const file =
    format === 'jpeg'
      ? encodeJpeg({ width, height, data: rgb }, quality)
      : encodePng({ width, height, channels: 3, data: rgb });
  return { file, item };
}

/** One image to render and write (what the worker threads are sent). */
export type DeskJob = FamilyJob<DeskVariant>;

/** Renders one job's image into its folder and returns its manifest item. */
export const renderToFile: (job: DeskJob) => Promise<DeskItem> = familyRenderer(renderItem);

/** Options of {@link generateDeskSet}. */
export type DeskSetOptions = FamilySetOptions;

/** Writes the set's images and manifest.json; returns the manifest's path and the items. */
export function generateDeskSet(
  options: DeskSetOptions = {},
): Promise<{ manifestPath: string; items: DeskItem[] }> {
  return writeFamilySet(options, {
    family: FAMILY,
    dir: DEFAULT_DESK_DIR,
    count: DEFAULT_COUNT,
    width: DEFAULT_WIDTH,
    height: DEFAULT_HEIGHT,
    plan: planVariants,
    workerModule: new URL('./desk.worker.ts', import.meta.url),
    render: renderToFile,
  });
}

familyMain(import.meta.url, (argv) => generateDeskSet(parseFamilyCli(argv)));
