// The "tabletop" family: a third, independent set of labelled document photos, used for TUNING the
// quality engine (the "desk" family stays held out; the "studio" set is the original). It is its
// own renderer: no card design, surface, hand, lighting or rasterising code is shared with
// desk.ts or document-scenes.ts; only the image encoders (scripts/jpeg.ts, scripts/png.ts), the
// worker pool (scripts/labelled-set.ts), the seeded PRNG and the SDK's polygon maths.
//
//   node --import tsx scripts/families/tabletop.ts [--out DIR] [--count N] [--seed S] [--format jpeg|png]
//   defaults: --out test/fixtures/generated/families/tabletop, --count 240, --seed 1, --format jpeg
//   (640x480, JPEG quality drawn per item from 70-95 by scripts/jpeg.ts)
//
// How a photo is made (lengths in millimetres, camera space: x right, y down, z forward):
// - a document: an ID-1 card (85.6x54 mm, corner radius 3 mm) in one of five designs (white with a
//   diagonal ribbon, pastel gradient with a watermark, dark with a metallic strip, a busy guilloche
//   rosette, a driving licence with an emblem and numbered fields), or a passport: the 125x88 mm
//   data page (the labelled document) on an open booklet whose visa page, spine crease and cover
//   rim show. Holograms change hue with the viewing angle; passports carry a 2-line MRZ.
// - posed in 3-D (tilt up to 35° about a random in-plane axis, roll ±25°) in front of a pinhole
//   camera of 55-80° horizontal field of view. Each pixel's ray meets the document's plane (card,
//   booklet, hand) or the table's plane, so the labelled corners are exactly the projection of the
//   document's rectangle. Edge pixels get four rays.
// - on a table: marble, cork, felt, herringbone parquet, newspaper, terrazzo, dark leather, glossy
//   white laminate or light oak. The card lies on it (contact occlusion, a thin cast shadow) or is
//   held above it by a hand (a thumb on the face, palm and sleeve beyond one edge) and casts soft
//   shadows. Distractors lie on the table: A4 sheets, receipts, books, phones, keyboards, pens, a
//   mug, or another card (partly under the document, or far behind a held one).
// - lit by a physical model: a spot lamp (inverse-square Lambert diffuse, a Blinn-Phong specular
//   lobe on the laminate, a penumbra from the lamp's size), window light through blinds (soft
//   stripes, a parallel soft shadow) and ambient fill, each with its own colour (warm, cool,
//   mixed). Then lens shading (a partly corrected cos⁴), centre-weighted auto-exposure, lens
//   softness, a little lateral chromatic aberration, shot + read noise in linear light, a 1/2.2
//   tone curve and JPEG at quality 70-95.
//
// Labels by construction (LABEL_RULES): each unacceptable item has one degradation, chosen before
// rendering and set with a margin from the acceptable band; the exposure figures that decide
// glare, dark and bright are measured on the rendered radiance, never by the engine. Fill is the
// projected document's area over the frame's. The manifest is the one scripts/eval.ts reads, as
// desk's: top-level "family": "tabletop", then per item the image, kind, expect, corners,
// document, the variant, the seed and the scene's parameters.
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
export const DEFAULT_TABLETOP_DIR = resolve(REPO_ROOT, 'test/fixtures/generated/families/tabletop');
/** The family's name, written on the manifest and every item. */
export const FAMILY = 'tabletop';
/** Bump when the output for a given seed changes. */
export const TABLETOP_VERSION = 2;

// ---------------------------------------------------------------------------------------------
// Label rules. Shares are of the frame's area, margins of the frame's short side; exposure values
// are linear light (1 = the sensor clips).

/** What makes a photo acceptable, and the margins degraded items keep from it. */
export const LABEL_RULES = {
  /** Acceptable: the document's projected area over the frame's, within [min, max]. */
  acceptableFill: { min: 0.18, max: 0.75 },
  /** Acceptable fills are drawn this far inside that band. */
  fillDrawn: { id1: [0.2, 0.7], passport: [0.2, 0.55] } as Record<DocumentKind, number[]>,
  /** Acceptable: every corner at least this far inside the frame. */
  cornerMargin: 0.05,
  /** Acceptable: tilt of the document's normal from the optical axis, and roll, degrees. */
  maxTilt: 35,
  maxRoll: 25,
  /** Acceptable: the hand's outline at least this far from every corner (mm). */
  handCornerClearanceMm: 8,
  /** corners (finger): a corner lies at least this deep inside the finger's outline (mm). */
  fingerCoverMm: 4,
  /** Acceptable: centre-weighted metering target (linear mean), unless the ceiling lowers it. */
  exposureTarget: [0.11, 0.2],
  /**
   * Acceptable (and blur, corners, too_far): the brightest document pixel (diffuse + specular,
   * any channel) is exposed to at most this, so nothing on it clips, with room for noise and
   * JPEG (0.8 linear is 0.9 after the tone curve).
   */
  documentCeiling: 0.8,
  /** Non-glare items: the laminate's specular peak is at most this share of the paper's diffuse. */
  maxSpecularRatio: 0.25,
  /** too_far: fill drawn from this range (acceptable starts at 0.18). */
  tooFarFill: [0.012, 0.032],
  /** corners (out of frame): one corner at least this far outside, the others this far inside. */
  cornerOutside: 0.06,
  cornerOthersInside: 0.04,
  /** corners (out of frame): at least this share of the document visible. */
  minVisible: 0.55,
  /**
   * blur (defocus): disc (pillbox) radius in pixels at 640 px wide, from a slightly missed focus to
   * a phone that never focused on a card 10 cm away (σ up to ~5.5 px); acceptable items: none.
   */
  defocusRadius: [3.5, 11],
  /** blur (motion): straight streak length in pixels at 640 px wide. */
  motionLength: [11, 22],
  /** glare: the specular lobe clips (every channel ≥ 1) over this share of the document's pixels. */
  glareShare: [0.05, 0.14],
  /** glare: the least share a "glare" label needs. */
  glareMinShare: 0.03,
  /** dark: metering target (linear mean), far under the acceptable one. */
  darkTarget: [0.004, 0.011],
  /** bright: gain makes the paper's 10th percentile (darkest channel) at least this. */
  brightPaperP10: 1.2,
  /** bright: and the metering target is at least this. */
  brightTarget: [0.4, 0.65],
  /** A second card on a table under a held document: at most this share of its projected area. */
  otherCardAreaRatio: 0.5,
  /** A second card partly under a lying document: this share of it visible. */
  otherCardVisible: [0.15, 0.5],
  /** Every item: JPEG quality drawn from this range. */
  jpegQuality: [70, 95],
} as const;

/** Share of acceptable items in the default set; the rest is spread evenly over the issues. */
export const ACCEPTABLE_SHARE = 0.4;
/** Default number of items and size. */
export const DEFAULT_COUNT = 240;
export const DEFAULT_WIDTH = 640;
export const DEFAULT_HEIGHT = 480;

/** The degradations, one per unacceptable item, and the issue each is labelled with. */
export const TABLETOP_VARIANTS = {
  acceptable: null,
  defocus: 'blur',
  motion: 'blur',
  glare: 'glare',
  corner_out: 'corners',
  finger: 'corners',
  dark: 'dark',
  bright: 'bright',
  no_document: 'no_document',
  too_far: 'too_far',
} as const;
/** One variant. */
export type TabletopVariant = keyof typeof TABLETOP_VARIANTS;

/** Document types, with their sizes in mm. */
export const DOCUMENT_SIZE_MM = { id1: [85.6, 54], passport: [125, 88] } as const;
export type DocumentKind = keyof typeof DOCUMENT_SIZE_MM;
/** ID-1 corner radius (mm). */
const CARD_RADIUS = 3;

export const SURFACES = [
  'marble',
  'cork',
  'felt',
  'herringbone',
  'newspaper',
  'terrazzo',
  'leather',
  'laminate',
  'oak',
] as const;
export type SurfaceKind = (typeof SURFACES)[number];
export const CARD_DESIGNS = ['white', 'pastel', 'dark', 'guilloche', 'licence'] as const;
export type CardDesignKind = (typeof CARD_DESIGNS)[number] | 'passport';
export const DISTRACTORS = [
  'a4',
  'receipt',
  'book',
  'phone',
  'card',
  'keyboard',
  'pen',
  'mug',
] as const;
export type DistractorKind = (typeof DISTRACTORS)[number];
export const LIGHTINGS = ['lamp', 'window', 'mixed', 'overhead'] as const;
export type LightingKind = (typeof LIGHTINGS)[number];

// ---------------------------------------------------------------------------------------------
// Small maths

type Vec3 = [number, number, number];
type Rgb = [number, number, number];
const sat = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
const lerpRgb = (a: Rgb, b: Rgb, t: number): Rgb => [
  lerp(a[0], b[0], t),
  lerp(a[1], b[1], t),
  lerp(a[2], b[2], t),
];
const step = (e0: number, e1: number, x: number) => {
  const t = sat((x - e0) / (e1 - e0));
  return t * t * (3 - 2 * t);
};
const dot3 = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const norm3 = (a: Vec3): Vec3 => {
  const l = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / l, a[1] / l, a[2] / l];
};
const add3 = (a: Vec3, b: Vec3, k = 1): Vec3 => [a[0] + b[0] * k, a[1] + b[1] * k, a[2] + b[2] * k];
const frac = (x: number) => x - Math.floor(x);

/** Integer lattice hash to [0, 1). */
function lattice(x: number, y: number, salt: number): number {
  let n =
    (Math.imul(x | 0, 0x1b873593) +
      Math.imul(y | 0, 0x5bd1e995) +
      Math.imul(salt | 0, 0x68e31da4)) |
    0;
  n = Math.imul(n ^ (n >>> 13), 0x4cf5ad43);
  n = Math.imul(n ^ (n >>> 15), 0x2c1b3c6d);
  return ((n ^ (n >>> 16)) >>> 0) / 4294967296;
}

/** Gradient noise in about [-0.7, 0.7]: random unit gradients on the lattice, quintic fade. */
function gnoise(x: number, y: number, salt: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const ux = fx * fx * fx * (fx * (fx * 6 - 15) + 10);
  const uy = fy * fy * fy * (fy * (fy * 6 - 15) + 10);
  return lerp(
    lerp(slope(ix, iy, fx, fy, salt), slope(ix + 1, iy, fx - 1, fy, salt), ux),
    lerp(slope(ix, iy + 1, fx, fy - 1, salt), slope(ix + 1, iy + 1, fx - 1, fy - 1, salt), ux),
    uy,
  );
}

/** The lattice point (i, j)'s random unit gradient, dotted with the offset (dx, dy). */
function slope(i: number, j: number, dx: number, dy: number, salt: number): number {
  const k = (lattice(i, j, salt) * 32) | 0;
  return GRAD_X[k]! * dx + GRAD_Y[k]! * dy;
}
/** 32 unit gradients round the circle (cheaper than a cosine per lattice point). */
const GRAD_X = Float64Array.from({ length: 32 }, (_, k) => Math.cos((k + 0.5) * (Math.PI / 16)));
const GRAD_Y = Float64Array.from({ length: 32 }, (_, k) => Math.sin((k + 0.5) * (Math.PI / 16)));

/** Turbulence-free fractal sum of gradient noise, about [-1, 1]. */
const fractal = (x: number, y: number, salt: number) =>
  gnoise(x, y, salt) +
  0.5 * gnoise(x * 2.1, y * 2.1, salt + 1) +
  0.25 * gnoise(x * 4.3, y * 4.3, salt + 2);

const CELL = { d1: 0, d2: 0, id: 0, cx: 0, cy: 0 };
/** Cellular noise: distances to the nearest and second-nearest jittered points, the nearest's id. */
function cellular(x: number, y: number, salt: number): typeof CELL {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  let d1 = 9;
  let d2 = 9;
  for (let j = -1; j <= 1; j++)
    for (let i = -1; i <= 1; i++) {
      const px = ix + i + lattice(ix + i, iy + j, salt);
      const py = iy + j + lattice(ix + i, iy + j, salt + 7);
      const d = Math.hypot(x - px, y - py);
      if (d < d1) {
        d2 = d1;
        d1 = d;
        CELL.id = lattice(ix + i, iy + j, salt + 13);
        CELL.cx = px;
        CELL.cy = py;
      } else if (d < d2) d2 = d;
    }
  CELL.d1 = d1;
  CELL.d2 = d2;
  return CELL;
}

/** Signed distance to a w x h rectangle with its top-left at the origin, corner radius r. */
function roundBox(x: number, y: number, w: number, h: number, r: number): number {
  const qx = Math.abs(x - w / 2) - w / 2 + r;
  const qy = Math.abs(y - h / 2) - h / 2 + r;
  const ox = qx > 0 ? qx : 0;
  const oy = qy > 0 ? qy : 0;
  return Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Signed distance to a cone-capped capsule from a (radius ra) to b (radius rb). */
function taper(px: number, py: number, a: Point, b: Point, ra: number, rb: number): number {
  const bx = b[0] - a[0];
  const by = b[1] - a[1];
  const t = sat(((px - a[0]) * bx + (py - a[1]) * by) / (bx * bx + by * by || 1));
  return Math.hypot(px - a[0] - t * bx, py - a[1] - t * by) - lerp(ra, rb, t);
}

/** Display colour (0-1) to linear reflectance: a gamma of 2, cheap enough per ray. */
const lin = (c: number) => c * c;

function hsl(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l);
  return [hslChannel(0, h, l, a), hslChannel(8, h, l, a), hslChannel(4, h, l, a)];
}
function hslChannel(n: number, h: number, l: number, a: number): number {
  const k = (n + h / 30) % 12;
  return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
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

/** A plane in camera space: an origin and orthonormal axes u (right), v (down), n (away). */
export interface Frame3 {
  readonly origin: Vec3;
  readonly u: Vec3;
  readonly v: Vec3;
  readonly n: Vec3;
}

/** Rotates vector p about the unit axis k by angle a (Rodrigues). */
function rotate(p: Vec3, k: Vec3, a: number): Vec3 {
  const c = Math.cos(a);
  const s = Math.sin(a);
  const kd = dot3(k, p) * (1 - c);
  return [
    p[0] * c + (k[1] * p[2] - k[2] * p[1]) * s + k[0] * kd,
    p[1] * c + (k[2] * p[0] - k[0] * p[2]) * s + k[1] * kd,
    p[2] * c + (k[0] * p[1] - k[1] * p[0]) * s + k[2] * kd,
  ];
}

/**
 * The axes of a plane rolled by `rollDeg` about the optical axis, then tilted by `tiltDeg` about
 * the in-image direction `axisDeg` (so the normal leans `tiltDeg` away from the optical axis).
 */
export function planeAxes(tiltDeg: number, axisDeg: number, rollDeg: number): [Vec3, Vec3, Vec3] {
  const r = (rollDeg * Math.PI) / 180;
  let u: Vec3 = [Math.cos(r), Math.sin(r), 0];
  let v: Vec3 = [-Math.sin(r), Math.cos(r), 0];
  let n: Vec3 = [0, 0, 1];
  const a = (axisDeg * Math.PI) / 180;
  const k: Vec3 = [Math.cos(a), Math.sin(a), 0];
  const t = (tiltDeg * Math.PI) / 180;
  u = rotate(u, k, t);
  v = rotate(v, k, t);
  n = rotate(n, k, t);
  return [u, v, n];
}

/** The plane placing a w x h document's centre on the ray through pixel (px, py), at depth z. */
export function placeDocument(
  camera: Camera,
  kind: DocumentKind,
  axes: readonly [Vec3, Vec3, Vec3],
  px: number,
  py: number,
  z: number,
): Frame3 {
  const [w, h] = DOCUMENT_SIZE_MM[kind];
  const [u, v, n] = axes;
  const centre: Vec3 = [
    ((px - camera.width / 2) / camera.focal) * z,
    ((py - camera.height / 2) / camera.focal) * z,
    z,
  ];
  return { origin: add3(add3(centre, u, -w / 2), v, -h / 2), u, v, n };
}

/** Camera-space point of plane coordinates (a, b) mm. */
const planePoint = (f: Frame3, a: number, b: number): Vec3 => add3(add3(f.origin, f.u, a), f.v, b);

/** Projects a camera-space point to image pixels. */
export function project(camera: Camera, p: Vec3): Point {
  return [
    camera.width / 2 + (camera.focal * p[0]) / p[2],
    camera.height / 2 + (camera.focal * p[1]) / p[2],
  ];
}

/** The document's true corners in image pixels, clockwise from its top-left one. */
export function documentQuad(camera: Camera, frame: Frame3, kind: DocumentKind): Quad {
  const [w, h] = DOCUMENT_SIZE_MM[kind];
  return [
    project(camera, planePoint(frame, 0, 0)),
    project(camera, planePoint(frame, w, 0)),
    project(camera, planePoint(frame, w, h)),
    project(camera, planePoint(frame, 0, h)),
  ];
}

/** Projected area of a quad over the frame's area. */
export const fillShare = (camera: Camera, quad: Quad) =>
  polygonArea(quad) / (camera.width * camera.height);

/** How far a point lies inside the frame (negative outside), in pixels. */
export function insetOf(camera: Camera, p: Point): number {
  return Math.min(p[0], p[1], camera.width - p[0], camera.height - p[1]);
}

/** Share of the quad's area inside the frame. */
export function shareInFrame(camera: Camera, quad: Quad): number {
  const { width: w, height: h } = camera;
  const j = quadJaccard(quad, [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ]);
  const a = polygonArea(quad);
  // Jaccard J = I / (A + F - I), so I = J (A + F) / (1 + J).
  return (j * (a + w * h)) / (1 + j) / a;
}

// ---------------------------------------------------------------------------------------------
// The scene description (everything drawn from the seed before rendering)

/** A card or passport design: colours in display values, seeds for its print. */
export interface Design {
  readonly kind: CardDesignKind;
  readonly paper: Rgb;
  readonly paper2: Rgb;
  readonly accent: Rgb;
  readonly ink: Rgb;
  readonly photoRight: boolean;
  readonly chip: boolean;
  readonly seed: number;
  /** Hologram patch centre (mm) and radius. */
  readonly holo: readonly [number, number, number];
  /** Passport: cover colour and the visa page's paper. */
  readonly cover: Rgb;
  readonly visa: Rgb;
}

/** A hand part in the document plane (mm): a tapered capsule. */
interface Limb {
  readonly a: Point;
  readonly b: Point;
  readonly ra: number;
  readonly rb: number;
  /** 'skin', 'nail' (drawn on the front part only), 'sleeve'. */
  readonly tone: 'skin' | 'sleeve';
  /** Over the document (front) or only outside it (behind). */
  readonly front: boolean;
}

export interface Hand {
  readonly skin: Rgb;
  readonly sleeve: Rgb;
  readonly limbs: readonly Limb[];
  /** The fingertip carrying a nail: tip point, axis direction. */
  readonly nail: { readonly at: Point; readonly dir: Point; readonly r: number } | null;
}

export interface Distractor {
  readonly kind: DistractorKind;
  /** Centre in table coordinates (mm), rotation (rad). */
  readonly x: number;
  readonly y: number;
  readonly angle: number;
  readonly colour: Rgb;
  readonly seed: number;
}

/** The lights, in camera space. Intensities are relative: the exposure sets the scale. */
export interface Lights {
  readonly kind: LightingKind;
  /** Spot lamp: position, axis (unit, from the lamp), cone cosines, intensity, colour, radius. */
  readonly lamp: {
    readonly at: Vec3;
    readonly axis: Vec3;
    readonly cosOuter: number;
    readonly cosInner: number;
    readonly power: number;
    readonly colour: Rgb;
    readonly radius: number;
  };
  /** Window: unit direction towards it, irradiance, colour, blinds (period mm, duty, depth). */
  readonly window: {
    readonly dir: Vec3;
    readonly power: number;
    readonly colour: Rgb;
    readonly across: Vec3;
    readonly period: number;
    readonly duty: number;
    readonly depth: number;
  };
  readonly ambient: Rgb;
  /** Laminate: specular weight and Blinn-Phong exponent. */
  readonly gloss: number;
  readonly shininess: number;
}

/** Everything a photo depends on. */
export interface TabletopScene {
  readonly variant: TabletopVariant;
  readonly width: number;
  readonly height: number;
  readonly camera: Camera;
  readonly document: DocumentKind;
  /** Null for no_document. */
  readonly frame: Frame3 | null;
  readonly corners: Quad | null;
  readonly tiltDeg: number;
  readonly rollDeg: number;
  readonly fill: number;
  readonly design: Design;
  readonly held: boolean;
  readonly hand: Hand | null;
  readonly surface: SurfaceKind;
  readonly table: Frame3;
  readonly tableSeed: number;
  readonly tableAngle: number;
  /** Table coordinates of the point distractors are placed around. */
  readonly tableCentre: Point;
  readonly distractors: readonly Distractor[];
  readonly lights: Lights;
  /** Lens shading: the share of cos⁴ fall-off left after the phone's correction. */
  readonly shading: number;
  readonly exposureTarget: number;
  readonly defocusRadius: number;
  readonly motion: { readonly length: number; readonly angle: number } | null;
  /** Glare: the clipped share of the document the specular lobe is scaled to. */
  readonly glareTarget: number;
  /** Lateral chromatic aberration: radial scale of red (and minus of blue). */
  readonly aberration: number;
  /** Sensor noise: shot (variance per unit signal) and read (σ), linear. */
  readonly shot: number;
  readonly read: number;
}

const uniform = (random: () => number, lo: number, hi: number) => lo + (hi - lo) * random();
const within = (random: () => number, r: readonly number[]) => uniform(random, r[0]!, r[1]!);
function oneOf<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function drawDesign(random: () => number, kind: CardDesignKind): Design {
  const hue = uniform(random, 0, 360);
  const seed = Math.floor(random() * 1e6);
  const photoRight = random() < 0.45;
  const chip = random() < 0.45;
  const holo: [number, number, number] = [
    uniform(random, 45, 75),
    uniform(random, 30, 44),
    uniform(random, 5, 8),
  ];
  const cover = oneOf(random, [
    hsl(350, 0.55, 0.22),
    hsl(215, 0.5, 0.18),
    hsl(150, 0.4, 0.16),
    [0.07, 0.07, 0.08] as Rgb,
  ]);
  const visa = hsl((hue + 90) % 360, uniform(random, 0.15, 0.35), uniform(random, 0.82, 0.9));
  const base = { kind, photoRight, chip, seed, holo, cover, visa };
  switch (kind) {
    case 'white':
      return {
        ...base,
        paper: hsl(hue, uniform(random, 0.02, 0.12), uniform(random, 0.9, 0.95)),
        paper2: hsl(hue, 0.1, 0.86),
        accent: hsl((hue + 180) % 360, uniform(random, 0.5, 0.8), uniform(random, 0.35, 0.5)),
        ink: hsl(hue, 0.2, uniform(random, 0.08, 0.16)),
      };
    case 'pastel':
      return {
        ...base,
        paper: hsl(hue, uniform(random, 0.35, 0.6), uniform(random, 0.8, 0.87)),
        paper2: hsl((hue + uniform(random, 40, 90)) % 360, uniform(random, 0.35, 0.6), 0.82),
        accent: hsl((hue + 200) % 360, 0.45, 0.4),
        ink: hsl(hue, 0.3, 0.12),
      };
    case 'dark':
      return {
        ...base,
        paper: hsl(hue, uniform(random, 0.35, 0.6), uniform(random, 0.1, 0.2)),
        paper2: hsl(hue, 0.45, 0.26),
        accent: [0.72, 0.73, 0.76],
        ink: hsl(hue, 0.15, uniform(random, 0.82, 0.9)),
      };
    case 'guilloche':
      return {
        ...base,
        paper: hsl(hue, uniform(random, 0.3, 0.5), uniform(random, 0.78, 0.85)),
        paper2: hsl((hue + 60) % 360, 0.5, 0.7),
        accent: hsl((hue + 150) % 360, uniform(random, 0.5, 0.7), uniform(random, 0.4, 0.55)),
        ink: hsl(hue, 0.35, 0.14),
      };
    case 'licence':
      return {
        ...base,
        photoRight: false,
        paper: hsl(
          uniform(random, 320, 350),
          uniform(random, 0.3, 0.55),
          uniform(random, 0.84, 0.9),
        ),
        paper2: hsl(uniform(random, 90, 150), 0.3, 0.84),
        accent: hsl(225, 0.7, 0.35),
        ink: [0.1, 0.1, 0.13],
      };
    case 'passport':
      return {
        ...base,
        paper: hsl(hue, uniform(random, 0.15, 0.35), uniform(random, 0.84, 0.9)),
        paper2: hsl((hue + 40) % 360, 0.35, 0.76),
        accent: hsl((hue + 180) % 360, 0.45, 0.42),
        ink: [0.1, 0.1, 0.12],
      };
  }
}

const SKIN_TONES: Rgb[] = [
  [0.96, 0.8, 0.69],
  [0.89, 0.69, 0.56],
  [0.78, 0.57, 0.42],
  [0.6, 0.41, 0.3],
  [0.42, 0.28, 0.2],
];
const SLEEVES: Rgb[] = [
  [0.15, 0.18, 0.3],
  [0.55, 0.55, 0.58],
  [0.6, 0.15, 0.15],
  [0.9, 0.88, 0.85],
  [0.2, 0.35, 0.25],
];

/** Corners of a w x h document in its own coordinates, clockwise from top-left. */
const cornersMm = (w: number, h: number): Point[] => [
  [0, 0],
  [w, 0],
  [w, h],
  [0, h],
];

/** Distance from p to the hand's outline (negative inside a part). */
function handSdf(hand: Hand, x: number, y: number, frontOnly: boolean): number {
  let d = Infinity;
  for (const l of hand.limbs)
    if (!frontOnly || l.front) d = Math.min(d, taper(x, y, l.a, l.b, l.ra, l.rb));
  return d;
}

/** Palm, sleeve and thumb of a hand entering from `g` (mm) along `inward`, the thumb `reach` in. */
function handFrom(
  random: () => number,
  g: Point,
  inward: Point,
  reach: number,
  thumbR: number,
): Hand {
  const side: Point = [-inward[1], inward[0]];
  const at = (n: number, t: number): Point => [
    g[0] + inward[0] * n + side[0] * t,
    g[1] + inward[1] * n + side[1] * t,
  ];
  const slant = uniform(random, -14, 14);
  const tip = at(reach, slant * 0.3);
  const limbs: Limb[] = [
    { a: at(-34, slant), b: tip, ra: thumbR + 3, rb: thumbR, tone: 'skin', front: true },
    {
      a: at(-40, 0),
      b: at(-70, uniform(random, -15, 15)),
      ra: 36,
      rb: 40,
      tone: 'skin',
      front: false,
    },
    {
      a: at(-105, 0),
      b: at(-420, uniform(random, -60, 60)),
      ra: 34,
      rb: 44,
      tone: 'sleeve',
      front: false,
    },
  ];
  // Fingertips behind the card peeking past its edge next to the palm.
  for (let k = 0; k < 3; k++) {
    const t = 24 + k * 16 + uniform(random, -2, 2);
    const s = random() < 0.5 ? 1 : -1;
    limbs.push({
      a: at(-45, s * t * 0.6),
      b: at(-6 + uniform(random, -4, 4), s * t),
      ra: 9,
      rb: 7.5,
      tone: 'skin',
      front: false,
    });
  }
  const dir = norm2([tip[0] - limbs[0]!.a[0], tip[1] - limbs[0]!.a[1]]);
  return {
    skin: oneOf(random, SKIN_TONES),
    sleeve: oneOf(random, SLEEVES),
    limbs,
    nail: { at: tip, dir, r: thumbR },
  };
}

function norm2(p: Point): Point {
  const l = Math.hypot(p[0], p[1]) || 1;
  return [p[0] / l, p[1] / l];
}

/**
 * A hand holding the document by one edge, its thumb on the face; null when the draw brings any
 * part of the front thumb within the clearance of a corner (the caller draws again).
 */
export function holdingHand(random: () => number, kind: DocumentKind): Hand | null {
  const [w, h] = DOCUMENT_SIZE_MM[kind];
  const edge = oneOf(random, ['bottom', 'bottom', 'left', 'right'] as const);
  const p = uniform(random, 0.3, 0.7);
  const g: Point = edge === 'bottom' ? [w * p, h] : edge === 'left' ? [0, h * p] : [w, h * p];
  const inward: Point = edge === 'bottom' ? [0, -1] : edge === 'left' ? [1, 0] : [-1, 0];
  const hand = handFrom(random, g, inward, uniform(random, 8, 15), uniform(random, 8, 10));
  // Every part, the thumb on the face and the fingertips peeking out from behind, stays clear.
  const clear = cornersMm(w, h).every(
    (c) => handSdf(hand, c[0], c[1], false) >= LABEL_RULES.handCornerClearanceMm,
  );
  return clear ? hand : null;
}

/** A thumb lying over one corner, at least `fingerCoverMm` deep, entering from outside. */
export function cornerThumb(random: () => number, kind: DocumentKind, corner: number): Hand {
  const [w, h] = DOCUMENT_SIZE_MM[kind];
  const c = cornersMm(w, h)[corner]!;
  const out = Math.atan2(c[1] - h / 2, c[0] - w / 2) + uniform(random, -0.45, 0.45);
  const inward: Point = [-Math.cos(out), -Math.sin(out)];
  const r = uniform(random, 8, 10);
  // The tip goes 7-13 mm past the corner: the corner is then r - ... deep, checked below.
  for (;;) {
    const hand = handFrom(random, c, inward, uniform(random, 7, 13), r);
    // One corner covered, and only that one: the other three stay clear of every part.
    const others = cornersMm(w, h).filter((_, k) => k !== corner);
    if (
      -handSdf(hand, c[0], c[1], true) >= LABEL_RULES.fingerCoverMm &&
      others.every((o) => handSdf(hand, o[0], o[1], false) >= LABEL_RULES.handCornerClearanceMm)
    )
      return hand;
  }
}

/** A distractor's footprint half-diagonal (mm), to keep it clear of the document. */
const DISTRACTOR_RADIUS: Record<DistractorKind, number> = {
  a4: 182,
  receipt: 110,
  book: 135,
  phone: 82,
  card: 51,
  keyboard: 232,
  pen: 72,
  mug: 45,
};

/**
 * A distractor on the table, placed around the point the document sits over: sheets and receipts
 * may slide partly under a lying document, everything else keeps clear of its footprint; without a
 * document they lie near the frame's centre.
 */
function drawDistractor(
  random: () => number,
  kind: DistractorKind,
  docRadius: number | null,
  lying: boolean,
): Distractor {
  const dir = uniform(random, 0, Math.PI * 2);
  const radius = DISTRACTOR_RADIUS[kind];
  const sheet = kind === 'a4' || kind === 'receipt';
  const d =
    docRadius === null
      ? uniform(random, 0.2, 0.6) * radius + uniform(random, 20, 110)
      : kind === 'keyboard'
        ? docRadius + uniform(random, 10, 50)
        : lying && sheet && random() < 0.5
          ? uniform(random, 0.45, 0.85) * radius
          : docRadius + radius + uniform(random, 3, 50);
  const colour: Rgb =
    kind === 'book'
      ? hsl(uniform(random, 0, 360), uniform(random, 0.3, 0.7), uniform(random, 0.25, 0.6))
      : kind === 'phone'
        ? oneOf(random, [
            [0.04, 0.04, 0.05],
            [0.85, 0.84, 0.8],
            [0.3, 0.35, 0.45],
          ] as Rgb[])
        : kind === 'keyboard'
          ? oneOf(random, [
              [0.12, 0.12, 0.13],
              [0.78, 0.78, 0.8],
            ] as Rgb[])
          : kind === 'pen'
            ? hsl(uniform(random, 0, 360), 0.6, uniform(random, 0.2, 0.45))
            : kind === 'mug'
              ? hsl(uniform(random, 0, 360), uniform(random, 0, 0.6), uniform(random, 0.3, 0.9))
              : kind === 'receipt'
                ? [0.93, 0.93, 0.95]
                : kind === 'card'
                  ? hsl(
                      uniform(random, 0, 360),
                      uniform(random, 0.3, 0.7),
                      uniform(random, 0.3, 0.75),
                    )
                  : [0.94, 0.93, 0.9];
  return {
    kind,
    x: Math.cos(dir) * d,
    y: Math.sin(dir) * d,
    angle: kind === 'keyboard' ? dir : uniform(random, -Math.PI, Math.PI),
    colour,
    seed: Math.floor(random() * 1e6),
  };
}

/** Outline (negative inside) of everything the document brings: the card, or the whole booklet. */
function documentOutline(kind: DocumentKind, u: number, v: number): number {
  const [w, h] = DOCUMENT_SIZE_MM[kind];
  if (kind === 'id1') return roundBox(u, v, w, h, CARD_RADIUS);
  // Booklet: both pages and a 3 mm cover rim.
  return roundBox(u + 3, v + h + 3, w + 6, 2 * h + 6, 2.5);
}

/** Variants whose document keeps the acceptable geometry (the degradation is elsewhere). */
const ACCEPTABLE_GEOMETRY: ReadonlySet<TabletopVariant> = new Set([
  'acceptable',
  'defocus',
  'motion',
  'glare',
  'dark',
  'bright',
]);

/** Lamp and window placement for a scene lit around `centre` on a table of normal `up` (to camera). */
function drawLights(
  random: () => number,
  kind: LightingKind,
  centre: Vec3,
  up: Vec3,
  tableU: Vec3,
  tableV: Vec3,
): Lights {
  const angle = uniform(random, 0, Math.PI * 2);
  const inPlane = (a: number) =>
    norm3([0, 1, 2].map((i) => tableU[i]! * Math.cos(a) + tableV[i]! * Math.sin(a)) as Vec3);
  const side = inPlane(angle);
  const height = kind === 'overhead' ? uniform(random, 700, 1100) : uniform(random, 280, 650);
  const offset = kind === 'overhead' ? uniform(random, 0, 200) : uniform(random, 150, 450);
  const at = add3(add3(centre, up, height), side, offset);
  const axis = norm3(add3(add3(centre, side, uniform(random, -60, 60)), at, -1));
  const warm: Rgb = [1, uniform(random, 0.78, 0.86), uniform(random, 0.55, 0.68)];
  const neutral: Rgb = [1, 0.97, uniform(random, 0.88, 0.95)];
  const daylight: Rgb = [uniform(random, 0.8, 0.88), uniform(random, 0.9, 0.95), 1];
  const lampShare =
    kind === 'window'
      ? uniform(random, 0, 0.15)
      : kind === 'mixed'
        ? uniform(random, 0.4, 0.6)
        : uniform(random, 0.65, 0.85);
  const windowShare =
    kind === 'window'
      ? uniform(random, 0.55, 0.75)
      : kind === 'mixed'
        ? uniform(random, 0.25, 0.4)
        : kind === 'lamp'
          ? uniform(random, 0, 0.15)
          : 0;
  const d = Math.hypot(at[0] - centre[0], at[1] - centre[1], at[2] - centre[2]);
  const cosAtCentre = Math.max(0.2, dot3(up, norm3(add3(at, centre, -1))));
  const elevation = uniform(random, 0.45, 1.1);
  const wAngle = uniform(random, 0, Math.PI * 2);
  const wSide = inPlane(wAngle);
  const wDir = norm3(
    add3(
      [up[0] * Math.cos(elevation), up[1] * Math.cos(elevation), up[2] * Math.cos(elevation)],
      wSide,
      Math.sin(elevation),
    ),
  );
  // The blinds' slats run across the light: their shadows stripe along the window's side.
  const across = wSide;
  return {
    kind,
    lamp: {
      at,
      axis,
      cosOuter: Math.cos(uniform(random, 0.7, 1.1)),
      cosInner: Math.cos(uniform(random, 0.2, 0.45)),
      power: (lampShare * d * d) / cosAtCentre,
      colour: kind === 'overhead' ? neutral : warm,
      radius: uniform(random, 15, 45),
    },
    window: {
      dir: wDir,
      power: windowShare / Math.max(0.2, Math.cos(elevation)),
      colour: daylight,
      across,
      period: uniform(random, 28, 60),
      duty: uniform(random, 0.45, 0.7),
      depth: random() < 0.7 ? uniform(random, 0.2, 0.55) : 1,
    },
    ambient: lerpRgb(kind === 'lamp' ? warm : daylight, [1, 1, 1], 0.5).map(
      (c) => c * uniform(random, 0.12, 0.22),
    ) as Rgb,
    gloss: uniform(random, 0.4, 1.2),
    shininess: uniform(random, 60, 260),
  };
}

/** Specular over diffuse at a document point: how strongly the laminate mirrors the lamp there. */
function specularRatio(lights: Lights, p: Vec3, nf: Vec3): number {
  const l = norm3(add3(lights.lamp.at, p, -1));
  const cos = dot3(nf, l);
  if (cos <= 0) return 0;
  const view = norm3([-p[0], -p[1], -p[2]]);
  const h = norm3(add3(l, view));
  const spec = lights.gloss * Math.pow(Math.max(0, dot3(nf, h)), lights.shininess);
  // Diffuse of white paper (reflectance about 0.8) under the lamp alone, same distance.
  return spec / (0.8 * cos);
}

/**
 * Draws one scene from its seed: camera, document, pose, table, distractors, hand, lights and the
 * degradation of `variant`. Draws that miss the variant's geometric rule are redrawn.
 */
export function drawScene(
  variant: TabletopVariant,
  seed: number,
  width = DEFAULT_WIDTH,
  height = DEFAULT_HEIGHT,
): TabletopScene {
  const random = prng(seed);
  const camera = makeCamera(width, height, uniform(random, 55, 80));
  const short = Math.min(width, height);
  const document: DocumentKind = random() < 0.7 ? 'id1' : 'passport';
  const [dw, dh] = DOCUMENT_SIZE_MM[document];
  const designKind: CardDesignKind =
    document === 'passport'
      ? 'passport'
      : variant === 'bright'
        ? oneOf(random, ['white', 'pastel', 'guilloche', 'licence'] as const)
        : oneOf(random, CARD_DESIGNS);
  const design = drawDesign(random, designKind);
  const held = variant === 'finger' ? random() < 0.6 : variant !== 'no_document' && random() < 0.35;
  const docRadius = document === 'id1' ? Math.hypot(dw, dh) / 2 : Math.hypot(dw, 2 * dh) / 2 + 4;

  let frame: Frame3 | null = null;
  let corners: Quad | null = null;
  let tiltDeg = 0;
  let rollDeg = 0;
  let fill = 0;
  let hand: Hand | null = null;
  if (variant !== 'no_document') {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 5000) throw new Error(`tabletop: no pose for ${variant} (seed ${seed})`);
      // Tilt: mostly mild, a third strong; the square root spreads draws towards the limit.
      tiltDeg =
        random() < 0.6
          ? uniform(random, 0, 18)
          : LABEL_RULES.maxTilt * Math.sqrt(uniform(random, 0.25, 1));
      rollDeg = uniform(random, -LABEL_RULES.maxRoll, LABEL_RULES.maxRoll);
      const axes = planeAxes(tiltDeg, uniform(random, 0, 360), rollDeg);
      const targetFill =
        variant === 'too_far'
          ? within(random, LABEL_RULES.tooFarFill)
          : variant === 'corner_out'
            ? uniform(random, 0.22, 0.5)
            : within(random, LABEL_RULES.fillDrawn[document]);
      let px = uniform(random, 0.32, 0.68) * width;
      let py = uniform(random, 0.32, 0.68) * height;
      let z = 350;
      for (let k = 0; k < 8; k++) {
        const f = fillShare(
          camera,
          documentQuad(camera, placeDocument(camera, document, axes, px, py, z), document),
        );
        z *= Math.sqrt(f / targetFill);
      }
      let candidate = placeDocument(camera, document, axes, px, py, z);
      let quad = documentQuad(camera, candidate, document);
      if (variant === 'corner_out') {
        // Slide the document sideways at the same depth until one corner leaves the frame.
        const k = Math.floor(random() * 4);
        const c = quad[k]!;
        const gaps = [c[0], width - c[0], c[1], height - c[1]];
        const side = gaps.indexOf(Math.min(...gaps));
        const push = gaps[side]! + uniform(random, 0.08, 0.17) * short;
        px += side === 0 ? -push : side === 1 ? push : 0;
        py += side === 2 ? -push : side === 3 ? push : 0;
        candidate = placeDocument(camera, document, axes, px, py, z);
        quad = documentQuad(camera, candidate, document);
        const insets = quad.map((q) => insetOf(camera, q) / short);
        if (
          insets.filter((i) => i <= -LABEL_RULES.cornerOutside).length !== 1 ||
          insets.filter((i) => i >= LABEL_RULES.cornerOthersInside).length !== 3 ||
          shareInFrame(camera, quad) < LABEL_RULES.minVisible
        )
          continue;
      } else if (!quad.every((q) => insetOf(camera, q) >= LABEL_RULES.cornerMargin * short)) {
        continue;
      }
      fill = fillShare(camera, quad);
      if (ACCEPTABLE_GEOMETRY.has(variant) || variant === 'finger') {
        if (fill < LABEL_RULES.acceptableFill.min || fill > LABEL_RULES.acceptableFill.max)
          continue;
      }
      if (
        variant === 'too_far' &&
        (fill < LABEL_RULES.tooFarFill[0] || fill > LABEL_RULES.tooFarFill[1])
      )
        continue;
      if (variant === 'finger') hand = cornerThumb(random, document, Math.floor(random() * 4));
      else if (held) {
        hand = holdingHand(random, document);
        if (!hand) continue;
      }
      frame = candidate;
      corners = quad;
      break;
    }
  }

  // The table: under the document when it lies there (a card's or a booklet's thickness behind
  // it), 150-400 mm behind a held one, 220-480 mm away without a document; its own tilt otherwise.
  let table: Frame3;
  if (frame && !held) {
    const gap = document === 'id1' ? 0.76 : 3;
    table = { ...frame, origin: add3(frame.origin, frame.n, gap) };
  } else {
    const [u, v, n] = planeAxes(
      uniform(random, 0, 32),
      uniform(random, 0, 360),
      uniform(random, -180, 180),
    );
    const z = frame ? frame.origin[2] + uniform(random, 150, 400) : uniform(random, 220, 480);
    table = { origin: [uniform(random, -50, 50), uniform(random, -50, 50), z], u, v, n };
  }
  // Where the camera ray through the document's centre (or the frame's) meets the table.
  const aim: Vec3 = frame ? norm3(planePoint(frame, dw / 2, dh / 2)) : [0, 0, 1];
  const tAim = dot3(table.n, table.origin) / dot3(table.n, aim);
  const aimPoint: Vec3 = [aim[0] * tAim, aim[1] * tAim, aim[2] * tAim];
  const rel = add3(aimPoint, table.origin, -1);
  const tableCentre: Point = [dot3(rel, table.u), dot3(rel, table.v)];
  const lying = frame !== null && !held;

  // A dark card on dark leather would be exposed for its light print and leave the frame near
  // the dark band: keep that pairing out so exposure labels keep their margin.
  const surface = oneOf(
    random,
    design.kind === 'dark' && variant !== 'dark'
      ? SURFACES.filter((k) => k !== 'leather')
      : SURFACES,
  );
  const distractors: Distractor[] = [];
  const want =
    variant === 'no_document'
      ? 1 + Math.floor(random() * 3)
      : random() < 0.55
        ? 1 + Math.floor(random() * 2)
        : 0;
  const kinds = variant === 'no_document' ? DISTRACTORS.filter((d) => d !== 'card') : DISTRACTORS;
  for (let k = 0; k < want; k++) {
    let kind = oneOf(random, kinds);
    if (kind === 'card' && frame) {
      const other = otherCard(random, camera, frame, table, tableCentre, document, lying);
      if (other) {
        distractors.push(other);
        continue;
      }
      kind = 'pen';
    }
    distractors.push(drawDistractor(random, kind, frame ? docRadius : null, lying));
  }

  const lightKind = oneOf(random, LIGHTINGS);
  const nfTable: Vec3 = [-table.n[0], -table.n[1], -table.n[2]];
  const centre3 = frame ? planePoint(frame, dw / 2, dh / 2) : aimPoint;
  let lights = drawLights(random, lightKind, centre3, nfTable, table.u, table.v);
  let glareTarget = 0;
  if (frame) {
    const nf: Vec3 = [-frame.n[0], -frame.n[1], -frame.n[2]];
    if (variant === 'glare') {
      // Put the lamp where the laminate mirrors it into the camera at a point well inside the
      // page: the specular lobe is centred there; its strength is set at exposure time.
      const q = planePoint(frame, uniform(random, 0.3, 0.7) * dw, uniform(random, 0.3, 0.7) * dh);
      const view = norm3([-q[0], -q[1], -q[2]]);
      const mirror = add3([-view[0], -view[1], -view[2]], nf, 2 * dot3(nf, view));
      const at = add3(q, mirror, uniform(random, 300, 650));
      const d = Math.hypot(at[0] - q[0], at[1] - q[1], at[2] - q[2]);
      // The lamp now lights the page from the mirror direction; keep at least a fair share of
      // the light its own (the exposure sets the overall scale).
      const before = lights.lamp;
      const dBefore = Math.hypot(
        before.at[0] - centre3[0],
        before.at[1] - centre3[1],
        before.at[2] - centre3[2],
      );
      const cosBefore = Math.max(0.2, dot3(nfTable, norm3(add3(before.at, centre3, -1))));
      const irradiance = Math.max(0.35, (before.power * cosBefore) / (dBefore * dBefore));
      lights = {
        ...lights,
        lamp: {
          ...before,
          at,
          axis: norm3(add3(q, at, -1)),
          power: (irradiance * d * d) / Math.max(0.2, dot3(nf, mirror)),
        },
        gloss: uniform(random, 0.8, 1.5),
        shininess: uniform(random, 40, 160),
      };
      glareTarget = within(random, LABEL_RULES.glareShare);
    } else {
      // Keep the lamp out of the laminate's mirror: redraw it until the specular peak over a grid of
      // the page stays a small share of the paper's diffuse light, then damp the gloss if need be.
      for (let attempt = 0; ; attempt++) {
        let worst = 0;
        for (let j = 0; j <= 8; j++)
          for (let i = 0; i <= 12; i++)
            worst = Math.max(
              worst,
              specularRatio(lights, planePoint(frame, (i / 12) * dw, (j / 8) * dh), nf),
            );
        if (worst <= LABEL_RULES.maxSpecularRatio) break;
        if (attempt >= 30) {
          lights = { ...lights, gloss: (lights.gloss * LABEL_RULES.maxSpecularRatio) / worst };
          break;
        }
        lights = drawLights(random, lightKind, centre3, nfTable, table.u, table.v);
      }
    }
  }
  const exposureTarget =
    variant === 'dark'
      ? within(random, LABEL_RULES.darkTarget)
      : variant === 'bright'
        ? within(random, LABEL_RULES.brightTarget)
        : within(random, LABEL_RULES.exposureTarget);
  const scale = width / 640;
  return {
    variant,
    width,
    height,
    camera,
    document,
    frame,
    corners,
    tiltDeg,
    rollDeg,
    fill,
    design,
    held,
    hand,
    surface,
    table,
    tableSeed: Math.floor(random() * 1e6),
    tableAngle: uniform(random, 0, Math.PI),
    tableCentre,
    distractors,
    lights,
    shading: uniform(random, 0.15, 0.45),
    exposureTarget,
    defocusRadius: variant === 'defocus' ? within(random, LABEL_RULES.defocusRadius) * scale : 0,
    motion:
      variant === 'motion'
        ? {
            length: within(random, LABEL_RULES.motionLength) * scale,
            angle: uniform(random, 0, Math.PI),
          }
        : null,
    glareTarget,
    aberration: random() < 0.6 ? uniform(random, 0.0004, 0.0016) : 0,
    shot: uniform(random, 0.0003, 0.0012) * (variant === 'dark' ? 0.6 : 1),
    read: uniform(random, 0.001, 0.003),
  };
}

/**
 * Another ID-1 card on the table, unambiguous next to the document: partly under a lying one
 * (LABEL_RULES.otherCardVisible of it showing), or far enough behind a held one to look at most
 * otherCardAreaRatio its size. Null when no draw of a few fits.
 */
function otherCard(
  random: () => number,
  camera: Camera,
  frame: Frame3,
  table: Frame3,
  tableCentre: Point,
  kind: DocumentKind,
  lying: boolean,
): Distractor | null {
  const [w] = DOCUMENT_SIZE_MM[kind];
  for (let attempt = 0; attempt < 20; attempt++) {
    const angle = uniform(random, -0.7, 0.7);
    const dir = uniform(random, 0, Math.PI * 2);
    const reach = lying ? uniform(random, 0.35, 0.75) * (w / 2 + 43) : uniform(random, 60, 160);
    const x = Math.cos(dir) * reach;
    const y = Math.sin(dir) * reach;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const local = (i: number, j: number): Point => {
      const lx = (i - 0.5) * 85.6;
      const ly = (j - 0.5) * 54;
      return [tableCentre[0] + x + lx * c - ly * s, tableCentre[1] + y + lx * s + ly * c];
    };
    if (lying) {
      // Table and document coordinates coincide (same axes, same origin in-plane).
      let shown = 0;
      let total = 0;
      for (let j = 0; j <= 10; j++)
        for (let i = 0; i <= 16; i++) {
          const [tu, tv] = local(i / 16, j / 10);
          total++;
          if (documentOutline(kind, tu, tv) > 0) shown++;
        }
      const share = shown / total;
      if (share < LABEL_RULES.otherCardVisible[0] || share > LABEL_RULES.otherCardVisible[1])
        continue;
    } else {
      const quad = [local(0, 0), local(1, 0), local(1, 1), local(0, 1)].map((p) =>
        project(camera, planePoint(table, p[0], p[1])),
      ) as unknown as Quad;
      const ratio = polygonArea(quad) / polygonArea(documentQuad(camera, frame, kind));
      if (ratio > LABEL_RULES.otherCardAreaRatio) continue;
    }
    return {
      kind: 'card',
      x,
      y,
      angle,
      colour: hsl(uniform(random, 0, 360), uniform(random, 0.3, 0.7), uniform(random, 0.3, 0.75)),
      seed: Math.floor(random() * 1e6),
    };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Print: glyphs, portraits, security patterns

/** Stroke set of a glyph cell (x0, y0, x1, y1 in the unit cell): a crude sans-serif. */
const STROKES = [
  [0.2, 0.12, 0.2, 0.88],
  [0.8, 0.12, 0.8, 0.88],
  [0.2, 0.12, 0.8, 0.12],
  [0.2, 0.5, 0.8, 0.5],
  [0.2, 0.88, 0.8, 0.88],
  [0.2, 0.88, 0.8, 0.12],
  [0.2, 0.12, 0.8, 0.88],
  [0.5, 0.12, 0.5, 0.88],
] as const;

/** Ink of one glyph (code picks 2-4 strokes) at (gx, gy) in its unit cell. */
function glyphAt(gx: number, gy: number, code: number, weight: number): boolean {
  let strokes = 0;
  for (let k = 0; k < 8; k++) {
    if (((code >> k) & 1) === 0) continue;
    if (++strokes > 4) break;
    const s = STROKES[k]!;
    const bx = s[2] - s[0];
    const by = s[3] - s[1];
    const t = sat(((gx - s[0]) * bx + (gy - s[1]) * by) / (bx * bx + by * by));
    if (Math.hypot(gx - s[0] - t * bx, (gy - s[1] - t * by) * 0.7) < weight) return true;
  }
  return false;
}

/**
 * A run of text from (x0, y0), `length` mm long, caps `size` mm high; words split by spaces when not
 * `mono`; '<' fillers in MRZ style when `mono` and the hash says so.
 */
function textRun(
  u: number,
  v: number,
  x0: number,
  y0: number,
  length: number,
  size: number,
  seed: number,
  mono = false,
): boolean {
  if (v < y0 || v >= y0 + size || u < x0 || u >= x0 + length) return false;
  const pitch = size * (mono ? 0.78 : 0.68);
  const i = Math.floor((u - x0) / pitch);
  const gx = (u - x0) / pitch - i;
  const gy = (v - y0) / size;
  const r = lattice(i, seed, 91);
  if (mono) {
    if (lattice(i >> 3, seed, 92) < 0.35 && r < 0.8) {
      // Filler chevron.
      return Math.abs(Math.abs(gy - 0.5) * 0.9 - (gx - 0.25)) < 0.1 && gx > 0.2 && gx < 0.8;
    }
  } else if (r < 0.16) return false;
  return glyphAt(gx, gy, Math.floor(lattice(i, seed, 93) * 255) | 0x11, mono ? 0.11 : 0.1);
}

/** The holder's photo in a w x h box: backdrop, shoulders, neck, face, hair, eyes. */
function photo(u: number, v: number, w: number, h: number, seed: number): Rgb {
  const tone = SKIN_TONES[Math.floor(lattice(seed, 1, 5) * SKIN_TONES.length)]!;
  const hair: Rgb = lattice(seed, 2, 5) < 0.6 ? [0.12, 0.09, 0.07] : [0.55, 0.4, 0.22];
  const x = (u - w / 2) / w;
  const y = v / h;
  const backdrop: Rgb = lattice(seed, 3, 5) < 0.5 ? [0.82, 0.84, 0.86] : [0.6, 0.7, 0.82];
  const shoulders = y > 0.78 + 0.25 * x * x * 4;
  if (shoulders) return lattice(seed, 4, 5) < 0.5 ? [0.2, 0.22, 0.28] : [0.45, 0.3, 0.3];
  const face = (x / 0.25) ** 2 + ((y - 0.45) / 0.26) ** 2;
  const neck = Math.abs(x) < 0.1 && y > 0.6;
  if (face < 1 || neck) {
    if (face < 1 && y < 0.3 + 0.05 * Math.cos(x * 12)) return hair;
    const eye = Math.min(Math.hypot(x - 0.09, y - 0.42), Math.hypot(x + 0.09, y - 0.42));
    if (face < 1 && eye < 0.025) return [0.1, 0.08, 0.08];
    if (face < 1 && Math.abs(y - 0.6) < 0.012 && Math.abs(x) < 0.07) return [0.5, 0.25, 0.25];
    return lerpRgb(tone, [0, 0, 0], 0.15 * face);
  }
  if ((x / 0.29) ** 2 + ((y - 0.38) / 0.3) ** 2 < 1 && y < 0.55) return hair;
  return backdrop;
}

/** Rosette guilloche: 1 on its fine lines, 0 between them (lines about `width` of a period). */
function rosette(
  u: number,
  v: number,
  cx: number,
  cy: number,
  petals: number,
  seed: number,
  width: number,
): number {
  const dx = u - cx;
  const dy = v - cy;
  const r = Math.hypot(dx, dy);
  const a = Math.atan2(dy, dx);
  const f = Math.sin(r * 0.9 + 2.4 * Math.sin(petals * a + r * 0.07 + seed));
  const g = Math.sin(r * 0.9 - 2.4 * Math.sin(petals * a - r * 0.05 + seed * 0.5));
  return Math.abs(f) < width || Math.abs(g) < width ? 1 : 0;
}

/** Iridescent hologram colour: hue shifts with the position and the viewing angle. */
function holoColour(u: number, v: number, view: number): Rgb {
  const hue = frac(u * 0.08 + v * 0.05 + view * 3.5) * 360;
  return hsl(hue, 0.45, 0.72);
}

// ---------------------------------------------------------------------------------------------
// Surfaces hit by a ray: albedo (display values), an id for edge supersampling, a class for labels

/** Ids for the edge test (a change between neighbours is an edge). */
const SURFACE_ID = {
  table: 0,
  document: 1,
  skin: 2,
  sleeve: 3,
  visa: 4,
  cover: 5,
  distractor: 10,
} as const;
/** Classes of the labelled document's pixels (the exposure rules count them). */
const CLASS = { other: 0, paper: 1, print: 2 } as const;

/** What a ray hit. */
interface Sample {
  r: number;
  g: number;
  b: number;
  id: number;
  cls: number;
  /** Laminate: the specular lobe applies. */
  gloss: boolean;
}

const setRgb = (s: Sample, c: Rgb) => {
  s.r = c[0];
  s.g = c[1];
  s.b = c[2];
};

/** The face of an ID-1 card at (u, v) mm; `view` is the cosine of the viewing angle. */
function cardFace(d: Design, u: number, v: number, view: number, s: Sample): void {
  const [w, h] = DOCUMENT_SIZE_MM.id1;
  const seed = d.seed;
  let c: Rgb;
  let print = true;
  const photoX = d.photoRight ? w - 5 - 23 : 5;
  const textX = d.photoRight ? 5 : 5 + 23 + 4;
  const textW = w - 5 - 23 - 4 - 5;
  // Background per design.
  switch (d.kind) {
    case 'white': {
      c = d.paper;
      print = false;
      // A diagonal ribbon across one corner and a hairline border.
      const band = (u - w * 0.62) * 0.5 + v - 4;
      if (band < 0 && band > -7) {
        c = lerpRgb(d.paper, d.accent, 0.55);
        print = true;
      } else if (Math.abs(roundBox(u, v, w, h, CARD_RADIUS) + 2) < 0.25) {
        c = lerpRgb(d.paper, d.accent, 0.7);
        print = true;
      }
      break;
    }
    case 'pastel': {
      c = lerpRgb(d.paper, d.paper2, step(0, h, v + 0.3 * u));
      print = false;
      const emblem = Math.hypot(u - w * 0.55, v - h * 0.55);
      if (Math.abs(emblem - 13) < 0.6 || Math.abs(emblem - 9) < 0.35) {
        c = lerpRgb(c, d.accent, 0.25);
        print = true;
      }
      break;
    }
    case 'dark': {
      c = lerpRgb(d.paper, d.paper2, 0.5 + 0.5 * Math.sin(u * 0.25 + 3 * Math.sin(v * 0.12)));
      print = false;
      if (Math.abs(v - 9.5) < 0.9) {
        c = lerpRgb(d.accent, [1, 1, 1], 0.2 * Math.sin(u * 2));
        print = true;
      }
      break;
    }
    case 'guilloche': {
      c = lerpRgb(d.paper, d.paper2, 0.5 + 0.5 * Math.sin(u * 0.06 - v * 0.09));
      print = false;
      if (rosette(u, v, w * 0.6, h * 0.5, 9, seed % 7, 0.28)) {
        c = lerpRgb(c, d.accent, 0.55);
        print = true;
      } else if (Math.abs(Math.sin(0.7 * (v + 4 * Math.sin(u * 0.2)))) < 0.12) {
        c = lerpRgb(c, hsl((u * 4) % 360, 0.5, 0.6), 0.35);
        print = true;
      }
      break;
    }
    case 'licence': {
      c = lerpRgb(d.paper, d.paper2, step(w * 0.2, w, u));
      print = false;
      if (Math.abs(Math.sin(0.5 * (u - 20 * Math.sin(v * 0.05)))) < 0.07) {
        c = lerpRgb(c, d.accent, 0.12);
        print = true;
      }
      // Emblem: a blue block with a ring of stars and a country letter.
      if (u >= 3.5 && u < 15 && v >= 3.5 && v < 15) {
        c = d.accent;
        const ring = Math.hypot(u - 9.25, v - 8.2);
        const star = Math.atan2(v - 8.2, u - 9.25) * (12 / 6.283185);
        if (Math.abs(ring - 3.6) < 0.6 && Math.abs(frac(star) - 0.5) < 0.22) c = [0.95, 0.8, 0.1];
        if (v > 12 && glyphAt((u - 7.7) / 3, (v - 12) / 2.5, 0x3b, 0.12)) c = [0.95, 0.95, 0.95];
        print = true;
      }
      break;
    }
    default:
      c = d.paper;
  }
  // Header text.
  const headerY = d.kind === 'licence' ? 5 : d.kind === 'dark' ? 3.5 : 4;
  const headerX = d.kind === 'licence' ? 18 : textX;
  if (textRun(u, v, headerX, headerY, d.kind === 'licence' ? 50 : textW, 2.8, seed + 1)) {
    c = d.kind === 'dark' ? d.accent : d.kind === 'white' ? d.accent : d.ink;
    print = true;
  }
  // Photo box (and a small ghost copy).
  const photoY = d.kind === 'licence' ? 17 : 14;
  if (u >= photoX && u < photoX + 23 && v >= photoY && v < photoY + 29) {
    c = photo(u - photoX, v - photoY, 23, 29, seed);
    print = true;
  } else if (
    d.kind !== 'dark' &&
    u >= textX + textW - 11 &&
    u < textX + textW - 1 &&
    v >= 36 &&
    v < 48
  ) {
    const p = photo(u - (textX + textW - 11), v - 36, 10, 12, seed);
    c = lerpRgb(c, [p[0] * 0.6 + 0.4 * c[0], p[1] * 0.6, p[2] * 0.6], 0.35);
    print = true;
  } else if (d.chip && u >= textX && u < textX + 10 && v >= 38 && v < 46) {
    const seam =
      Math.abs(v - 42) < 0.25 || Math.abs(u - textX - 5) < 0.25 || Math.abs(u - textX - 2.5) < 0.2;
    c = seam ? [0.58, 0.48, 0.25] : [0.88, 0.77, 0.45];
    print = true;
  } else {
    // Field labels (small, soft) and values (larger, ink); numbered on the licence.
    const soft = lerpRgb(d.ink, c, 0.5);
    const rows = d.chip ? 4 : 5;
    for (let k = 0; k < rows; k++) {
      const y = 14 + k * 6.2;
      const x = textX + (d.kind === 'licence' ? 3 : 0);
      if (d.kind === 'licence' && textRun(u, v, textX, y + 1.4, 2, 2, seed + 70 + k)) {
        c = d.accent;
        print = true;
      } else if (
        textRun(u, v, x, y, textW * (0.3 + 0.3 * lattice(k, seed, 3)), 1.3, seed + 10 + k)
      ) {
        c = soft;
        print = true;
      } else if (
        textRun(u, v, x, y + 1.8, textW * (0.45 + 0.45 * lattice(k, seed, 4)), 2.4, seed + 30 + k)
      ) {
        c = d.ink;
        print = true;
      }
    }
  }
  // Licence: signature under the photo, category pictograms along the bottom.
  if (d.kind === 'licence') {
    const sig = 48.5 + 1.8 * Math.sin(u * 0.9 + seed) + 0.8 * Math.sin(u * 2.3);
    if (u > 6 && u < 26 && Math.abs(v - sig) < 0.3) {
      c = [0.1, 0.12, 0.35];
      print = true;
    }
    if (u > 34 && u < w - 5 && v > 46 && v < 50.5 && frac((u - 34) / 7) < 0.7) {
      const cell = Math.floor((u - 34) / 7);
      if (
        glyphAt(
          frac((u - 34) / 7) / 0.7,
          (v - 46) / 4.5,
          Math.floor(lattice(cell, seed, 8) * 255) | 0x5,
          0.1,
        )
      ) {
        c = d.ink;
        print = true;
      }
    }
  }
  // Hologram: an iridescent disc over everything, its hue changing with the view.
  const [hx, hy, hr] = d.holo;
  const dh = Math.hypot(u - hx, v - hy);
  if (dh < hr && rosette(u, v, hx, hy, 6, seed % 5, 0.5)) {
    c = lerpRgb(c, holoColour(u, v, view), 0.45);
    print = true;
  }
  setRgb(s, c);
  s.id = SURFACE_ID.document;
  s.cls = print ? CLASS.print : CLASS.paper;
  s.gloss = true;
}

/** The passport's data page at (u, v) mm. */
function passportPage(d: Design, u: number, v: number, view: number, s: Sample): void {
  const [w] = DOCUMENT_SIZE_MM.passport;
  const seed = d.seed;
  let c: Rgb = lerpRgb(d.paper, d.paper2, 0.5 + 0.5 * Math.sin(u * 0.05 + v * 0.03));
  let print = false;
  if (Math.abs(Math.sin(0.8 * (u + 5 * Math.sin(v * 0.15))) * Math.sin(0.6 * v)) < 0.05) {
    c = lerpRgb(c, d.accent, 0.18);
    print = true;
  }
  if (textRun(u, v, w * 0.3, 4, w * 0.45, 2.8, seed + 1)) {
    c = d.ink;
    print = true;
  }
  const px = d.photoRight ? w - 6 - 32 : 6;
  const tx = d.photoRight ? 6 : 6 + 32 + 6;
  const tw = w - 32 - 18;
  if (u >= px && u < px + 32 && v >= 12 && v < 52) {
    c = photo(u - px, v - 12, 32, 40, seed);
    print = true;
  } else if (v >= 62) {
    // The machine-readable zone: a plain band with two 44-character lines.
    c = lerpRgb(d.paper, [1, 1, 1], 0.4);
    if (
      textRun(u, v, 5, 66, 44 * 2.5, 3.2, seed + 2, true) ||
      textRun(u, v, 5, 75, 44 * 2.5, 3.2, seed + 3, true)
    ) {
      c = d.ink;
      print = true;
    }
  } else {
    for (let k = 0; k < 6; k++) {
      const y = 12 + k * 7.6;
      if (textRun(u, v, tx, y, tw * (0.25 + 0.25 * lattice(k, seed, 6)), 1.4, seed + 10 + k)) {
        c = lerpRgb(d.ink, d.paper, 0.5);
        print = true;
      } else if (
        textRun(u, v, tx, y + 2, tw * (0.4 + 0.5 * lattice(k, seed, 7)), 2.8, seed + 30 + k)
      ) {
        c = d.ink;
        print = true;
      }
    }
  }
  const [hx, hy, hr] = d.holo;
  if (Math.hypot(u - hx - 30, v - hy) < hr * 1.4 && rosette(u, v, hx + 30, hy, 8, seed % 3, 0.45)) {
    c = lerpRgb(c, holoColour(u, v, view), 0.4);
    print = true;
  }
  // The page curves into the spine along its top edge.
  const crease = 1 - 0.22 * (1 - step(0, 6, v));
  s.r = c[0] * crease;
  s.g = c[1] * crease;
  s.b = c[2] * crease;
  s.id = SURFACE_ID.document;
  s.cls = print ? CLASS.print : CLASS.paper;
  s.gloss = true;
}

/** The booklet around the data page: the visa page above it (v < 0), and the cover's rim. */
function booklet(d: Design, u: number, v: number, s: Sample): boolean {
  const [w, h] = DOCUMENT_SIZE_MM.passport;
  if (u >= 0 && u <= w && v >= -h && v < 0) {
    let c: Rgb = lerpRgb(
      d.visa,
      [1, 1, 1],
      0.25 * (0.5 + 0.5 * Math.sin(u * 0.3 + 2 * Math.sin(v * 0.2))),
    );
    // An entry stamp: a rectangle outline and a round one.
    const sx = w * (0.2 + 0.5 * lattice(d.seed, 9, 1));
    const box = roundBox(u - sx, v + h * 0.7, 38, 22, 2);
    if (Math.abs(box) < 0.5) c = lerpRgb(c, [0.3, 0.15, 0.5], 0.6);
    if (Math.abs(Math.hypot(u - w * 0.75, v + h * 0.35) - 12) < 0.6)
      c = lerpRgb(c, [0.6, 0.15, 0.15], 0.6);
    if (textRun(u, v, w * 0.12, -10, w * 0.5, 2.2, d.seed + 50))
      c = lerpRgb(c, [0.2, 0.2, 0.2], 0.7);
    const crease = 1 - 0.3 * (1 - step(0, 7, -v));
    s.r = c[0] * crease;
    s.g = c[1] * crease;
    s.b = c[2] * crease;
    s.id = SURFACE_ID.visa;
    s.cls = CLASS.other;
    s.gloss = false;
    return true;
  }
  if (roundBox(u + 3, v + h + 3, w + 6, 2 * h + 6, 2.5) <= 0) {
    setRgb(s, lerpRgb(d.cover, [0, 0, 0], Math.abs(v) < 1 ? 0.4 : 0));
    s.id = SURFACE_ID.cover;
    s.cls = CLASS.other;
    s.gloss = false;
    return true;
  }
  return false;
}

/** Skin or sleeve at (u, v), shaded by depth into the limb; the thumb's nail near its tip. */
function handSurface(hand: Hand, u: number, v: number, frontOnly: boolean, s: Sample): boolean {
  let best = Infinity;
  let limb: Limb | null = null;
  for (const l of hand.limbs) {
    if (frontOnly && !l.front) continue;
    const d = taper(u, v, l.a, l.b, l.ra, l.rb);
    if (d < best) {
      best = d;
      limb = l;
    }
  }
  if (!limb || best > 0) return false;
  const r = Math.max(limb.ra, limb.rb);
  const depth = sat(-best / r);
  const round = Math.sqrt(depth * (2 - depth));
  if (limb.tone === 'sleeve') {
    const rib = 0.92 + 0.08 * Math.sin((u + v) * 2.2);
    const c = hand.sleeve;
    const k = (0.65 + 0.35 * round) * rib;
    s.r = c[0] * k;
    s.g = c[1] * k;
    s.b = c[2] * k;
    s.id = SURFACE_ID.sleeve;
  } else {
    let c = hand.skin;
    // Rosier towards the rim (blood under thin skin), a nail near the thumb's tip.
    c = [c[0], c[1] * (0.9 + 0.1 * round), c[2] * (0.88 + 0.12 * round)];
    const n = hand.nail;
    if (n && limb.front) {
      const ax = u - (n.at[0] - n.dir[0] * n.r * 0.55);
      const ay = v - (n.at[1] - n.dir[1] * n.r * 0.55);
      const along = ax * n.dir[0] + ay * n.dir[1];
      const across = -ax * n.dir[1] + ay * n.dir[0];
      if ((along / (n.r * 0.55)) ** 2 + (across / (n.r * 0.5)) ** 2 < 1)
        c = lerpRgb(c, [0.95, 0.82, 0.8], 0.55);
    }
    const k = 0.6 + 0.4 * round;
    s.r = c[0] * k;
    s.g = c[1] * k;
    s.b = c[2] * k;
    s.id = SURFACE_ID.skin;
  }
  s.cls = CLASS.other;
  s.gloss = false;
  return true;
}

/** The table's own surface at texture coordinates (x, y) mm. */
function tableSurface(kind: SurfaceKind, x: number, y: number, seed: number, s: Sample): void {
  let c: Rgb;
  switch (kind) {
    case 'marble': {
      const warp = fractal(x * 0.012, y * 0.012, seed) * 6;
      const vein = Math.abs(Math.sin(x * 0.03 + y * 0.012 + warp));
      const fine = Math.abs(Math.sin(x * 0.011 - y * 0.05 + warp * 1.7 + 1));
      const cloud = 0.5 + 0.3 * fractal(x * 0.03, y * 0.03, seed + 5);
      c = lerpRgb([0.92, 0.91, 0.89], [0.78, 0.78, 0.8], cloud);
      c = lerpRgb(c, [0.38, 0.38, 0.42], (1 - step(0, 0.06, vein)) * 0.8);
      c = lerpRgb(c, [0.55, 0.55, 0.6], (1 - step(0, 0.03, fine)) * 0.5);
      break;
    }
    case 'cork': {
      const cell = cellular(x * 0.8, y * 0.8, seed);
      const base = 0.55 + 0.45 * cell.id;
      c = lerpRgb([0.52, 0.36, 0.22], [0.78, 0.6, 0.4], base);
      if (cell.d1 < 0.12 + 0.08 * lattice(Math.floor(x), Math.floor(y), seed))
        c = lerpRgb(c, [0.2, 0.12, 0.06], 0.7);
      c = lerpRgb(c, [0.35, 0.22, 0.12], sat(cell.d2 - cell.d1 < 0.08 ? 0.35 : 0));
      break;
    }
    case 'felt': {
      const hue = lattice(seed, 1, 2);
      const base: Rgb =
        hue < 0.33 ? [0.12, 0.32, 0.2] : hue < 0.66 ? [0.42, 0.42, 0.44] : [0.42, 0.12, 0.15];
      const fibre =
        0.88 +
        0.12 * lattice(Math.floor(x * 3), Math.floor(y * 3), seed) +
        0.08 * fractal(x * 0.2, y * 0.2, seed);
      c = [base[0] * fibre, base[1] * fibre, base[2] * fibre];
      break;
    }
    case 'herringbone': {
      // Boards 14 x 70 mm (n = 5 widths). In row j (units of a width), x - j modulo 2n: the first n
      // are row j's horizontal board, the next n are columns of vertical boards n rows tall.
      const n = 5;
      const px = x / 14;
      const py = y / 14;
      const j = Math.floor(py);
      const t = px - j;
      const band = Math.floor(t / (2 * n));
      const r = t - band * 2 * n;
      let along: number;
      let across: number;
      let id: number;
      if (r < n) {
        along = r;
        across = py - j;
        id = lattice(j, band, seed);
      } else {
        const m = Math.floor(px);
        along = py - (m - 2 * n * band - 2 * n + 1);
        across = px - m;
        id = lattice(m, band + 7777, seed);
      }
      const grain = 0.5 + 0.5 * Math.sin(across * 9 + 3 * gnoise(along * 0.6, id * 50, seed));
      c = lerpRgb([0.6, 0.4, 0.22], [0.8, 0.6, 0.38], id);
      c = lerpRgb(c, [0.48, 0.3, 0.16], grain * 0.3);
      if (along < 0.05 || across < 0.05) c = lerpRgb(c, [0.2, 0.12, 0.06], 0.65);
      break;
    }
    case 'newspaper': {
      const paper: Rgb = [0.86, 0.85, 0.8];
      c = paper;
      const column = Math.floor(x / 52);
      const cx = frac(x / 52) * 52;
      const block = Math.floor(y / 90);
      const cy = frac(y / 90) * 90;
      const picture = lattice(column, block, seed) < 0.2;
      if (cx > 3 && cx < 49) {
        if (picture && cy > 4 && cy < 60) {
          const halftone = Math.hypot(frac(x * 0.9) - 0.5, frac(y * 0.9) - 0.5);
          const dark = 0.5 + 0.5 * fractal(x * 0.05, y * 0.05, seed + column);
          c = halftone < dark * 0.45 ? [0.25, 0.25, 0.27] : paper;
        } else if (lattice(column, block, seed + 1) < 0.15 && cy > 4 && cy < 12) {
          if (textRun(cx, cy, 4, 5, 44, 5, seed + column * 7 + block)) c = [0.12, 0.12, 0.13];
        } else {
          const line = Math.floor(cy / 3.2);
          if (
            textRun(
              cx,
              frac(cy / 3.2) * 3.2,
              4,
              0.6,
              42 + 3 * lattice(line, column, seed),
              2,
              seed + line * 13 + column * 101 + block * 7,
            )
          )
            c = [0.3, 0.3, 0.32];
        }
      }
      break;
    }
    case 'terrazzo': {
      const cell = cellular(x * 0.11, y * 0.11, seed);
      const base: Rgb = lattice(seed, 4, 4) < 0.5 ? [0.88, 0.86, 0.82] : [0.55, 0.56, 0.56];
      c = lerpRgb(base, [0.8, 0.8, 0.78], 0.2 * fractal(x * 0.05, y * 0.05, seed));
      const chip =
        cell.d2 - cell.d1 >
        0.22 + 0.1 * lattice(Math.floor(cell.cx), Math.floor(cell.cy), seed + 2);
      if (chip && cell.id < 0.55) {
        const palette: Rgb[] = [
          [0.75, 0.35, 0.3],
          [0.3, 0.32, 0.34],
          [0.9, 0.75, 0.55],
          [0.35, 0.5, 0.45],
          [0.1, 0.1, 0.1],
        ];
        c = palette[Math.floor((cell.id / 0.55) * palette.length)]!;
      }
      break;
    }
    case 'leather': {
      const cell = cellular(x * 0.9, y * 0.9, seed);
      const crease = step(0, 0.12, cell.d2 - cell.d1);
      const tone =
        lattice(seed, 5, 5) < 0.5 ? ([0.2, 0.12, 0.08] as Rgb) : ([0.08, 0.08, 0.09] as Rgb);
      const k = (0.7 + 0.3 * crease) * (0.9 + 0.15 * fractal(x * 0.02, y * 0.02, seed));
      c = [tone[0] * k, tone[1] * k, tone[2] * k];
      break;
    }
    case 'laminate': {
      const k = 0.97 + 0.03 * fractal(x * 0.01, y * 0.01, seed);
      c = [0.9 * k, 0.9 * k, 0.91 * k];
      break;
    }
    case 'oak': {
      // Light oak planks 140 mm wide with butt joints; long streaky grain along each plank.
      const plank = Math.floor(y / 140);
      const inY = y - plank * 140;
      const offset = lattice(plank, 1, seed) * 900;
      const joint = frac((x + offset) / 900) * 900;
      const streak = 0.5 + 0.5 * fractal((x + offset) * 0.003, inY * 0.09, seed + plank);
      const fleck = lattice(Math.floor(x * 0.5), Math.floor(inY * 2), seed) < 0.04 ? 0.5 : 0;
      c = lerpRgb(
        [0.88, 0.77, 0.6],
        [0.74, 0.6, 0.42],
        sat(streak * 0.7 + 0.3 * lattice(plank, 2, seed) + fleck * 0.3),
      );
      if (inY < 0.6 || joint < 0.6) c = lerpRgb(c, [0.4, 0.3, 0.2], 0.6);
      break;
    }
  }
  setRgb(s, c);
  s.id = SURFACE_ID.table;
  s.cls = CLASS.other;
  s.gloss = false;
}

/** A distractor lying on the table at local (x, y) (its own frame, mm); false where it is not. */
function distractorSurface(d: Distractor, x: number, y: number, s: Sample): boolean {
  let c: Rgb | null = null;
  switch (d.kind) {
    case 'a4':
      if (Math.abs(x) < 105 && Math.abs(y) < 148.5) {
        c = d.colour;
        const ly = y + 148.5;
        if (ly > 20 && ly < 30 && textRun(x, ly, -85, 21, 110, 6, d.seed)) c = [0.15, 0.15, 0.18];
        else if (ly > 40 && ly < 270) {
          const line = Math.floor((ly - 40) / 6);
          if (
            textRun(
              x,
              ly - 40 - line * 6,
              -85,
              0,
              170 * (0.6 + 0.4 * lattice(line, d.seed, 1)),
              2.6,
              d.seed + line,
            )
          )
            c = [0.3, 0.3, 0.34];
        }
      }
      break;
    case 'receipt':
      if (Math.abs(x) < 40 && Math.abs(y) < 110) {
        c = d.colour;
        const ly = y + 110;
        const line = Math.floor(ly / 5);
        if (line % 7 === 6) {
          if (frac(x / 3) < 0.5 && Math.abs(ly - line * 5 - 2.5) < 0.3) c = [0.4, 0.4, 0.45];
        } else if (
          textRun(
            x,
            ly - line * 5,
            -34,
            1,
            68 * (0.4 + 0.6 * lattice(line, d.seed, 2)),
            2.2,
            d.seed + line,
          )
        ) {
          c = [0.35, 0.35, 0.4];
        }
      }
      break;
    case 'book':
      if (Math.abs(x) < 78 && Math.abs(y) < 117) {
        c = d.colour;
        if (x > 73) c = [0.92, 0.9, 0.84];
        else if (Math.abs(y + 60) < 18 && Math.abs(x) < 55) c = lerpRgb(d.colour, [1, 1, 1], 0.7);
        else if (textRun(x, y, -40, -70, 80, 7, d.seed)) c = [0.95, 0.95, 0.9];
      }
      break;
    case 'phone': {
      const sd = roundBox(x + 36, y + 74, 72, 148, 9);
      if (sd <= 0) {
        c = d.colour;
        if (sd < -3) {
          const sheen =
            0.04 + 0.12 * step(-40, 60, x * 0.7 + y * 0.3) * (1 - step(60, 80, x * 0.7 + y * 0.3));
          c = [sheen, sheen, sheen * 1.15];
          if (Math.hypot(x, y + 66) < 2.2) c = [0.01, 0.01, 0.01];
        }
      }
      break;
    }
    case 'card':
      if (roundBox(x + 42.8, y + 27, 85.6, 54, CARD_RADIUS) <= 0) {
        c = d.colour;
        if (Math.abs(y - 6) < 4 && Math.abs(x) < 38) c = [0.12, 0.12, 0.12];
        else if (textRun(x, y, -38, -20, 60, 4, d.seed)) c = lerpRgb(d.colour, [1, 1, 1], 0.8);
      }
      break;
    case 'keyboard':
      // The keyboard's near edge faces the document; it runs away from it (x > 0).
      if (x > 0 && x < 130 && Math.abs(y) < 220) {
        const kx = frac(x / 19);
        const ky = frac((y + 220) / 19);
        const key = kx > 0.1 && kx < 0.9 && ky > 0.1 && ky < 0.9;
        c = key ? lerpRgb(d.colour, [1, 1, 1], 0.25) : lerpRgb(d.colour, [0, 0, 0], 0.4);
        if (
          key &&
          Math.abs(kx - 0.35) < 0.12 &&
          Math.abs(ky - 0.35) < 0.12 &&
          lattice(Math.floor(x / 19), Math.floor(y / 19), 3) < 0.7
        )
          c = d.colour[0] > 0.5 ? [0.2, 0.2, 0.2] : [0.85, 0.85, 0.85];
      }
      break;
    case 'pen':
      if (Math.abs(x) < 70 && Math.abs(y) < 4.5) {
        const k = 0.6 + 0.5 * Math.cos((y / 4.5) * 1.3);
        c =
          x > 55
            ? [0.75 * k, 0.75 * k, 0.78 * k]
            : [d.colour[0] * k, d.colour[1] * k, d.colour[2] * k];
        if (x < -40 && x > -55 && y > 2.5) c = [0.8, 0.8, 0.82];
      }
      break;
    case 'mug': {
      const r = Math.hypot(x, y);
      if (r < 42)
        c = r > 37 ? d.colour : r > 35 ? lerpRgb(d.colour, [0, 0, 0], 0.3) : [0.16, 0.09, 0.05];
      else if (Math.abs(x - 50) < 9 && Math.abs(y) < 5) c = d.colour;
      break;
    }
  }
  if (!c) return false;
  setRgb(s, c);
  s.cls = CLASS.other;
  s.gloss = false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Tracing and lighting

interface PlaneData {
  readonly o: Vec3;
  readonly u: Vec3;
  readonly v: Vec3;
  readonly n: Vec3;
  readonly no: number;
}

/** Per-scene values the per-ray code needs, computed once. */
interface Prepared {
  readonly scene: TabletopScene;
  readonly doc: PlaneData | null;
  readonly table: PlaneData;
  readonly nfDoc: Vec3;
  readonly nfTable: Vec3;
  readonly texCos: number;
  readonly texSin: number;
  readonly dist: readonly { d: Distractor; c: number; s: number }[];
  /** The blinds' stripe axis, perpendicular to the window light. */
  readonly stripeAxis: Vec3;
  readonly size: readonly [number, number];
}

function prepare(scene: TabletopScene): Prepared {
  const plane = (f: Frame3): PlaneData => ({
    o: f.origin,
    u: f.u,
    v: f.v,
    n: f.n,
    no: dot3(f.n, f.origin),
  });
  const w = scene.lights.window;
  const stripeAxis = norm3(add3(w.across, w.dir, -dot3(w.across, w.dir)));
  const flip = (n: Vec3): Vec3 => [-n[0], -n[1], -n[2]];
  return {
    scene,
    doc: scene.frame ? plane(scene.frame) : null,
    table: plane(scene.table),
    nfDoc: scene.frame ? flip(scene.frame.n) : [0, 0, -1],
    nfTable: flip(scene.table.n),
    texCos: Math.cos(scene.tableAngle),
    texSin: Math.sin(scene.tableAngle),
    dist: scene.distractors.map((d) => ({ d, c: Math.cos(d.angle), s: Math.sin(d.angle) })),
    stripeAxis,
    size: DOCUMENT_SIZE_MM[scene.document],
  };
}

/** A ray's result: the surface sample plus the light reaching it. */
interface Ray extends Sample {
  /** Irradiance (linear, per channel). */
  er: number;
  eg: number;
  eb: number;
  /** Specular radiance factor of the lamp (times the lamp's colour), laminate only. */
  spec: number;
}

const P: Vec3 = [0, 0, 0];
const HIT = [0, 0];

/** Intersects the ray through (dx, dy, 1) with a plane; the point to P, its plane coords to HIT. */
function meet(pl: PlaneData, dx: number, dy: number): boolean {
  const nd = pl.n[0] * dx + pl.n[1] * dy + pl.n[2];
  if (nd < 1e-9) return false;
  const t = pl.no / nd;
  if (t <= 0) return false;
  P[0] = dx * t;
  P[1] = dy * t;
  P[2] = t;
  const rx = P[0] - pl.o[0];
  const ry = P[1] - pl.o[1];
  const rz = P[2] - pl.o[2];
  HIT[0] = rx * pl.u[0] + ry * pl.u[1] + rz * pl.u[2];
  HIT[1] = rx * pl.v[0] + ry * pl.v[1] + rz * pl.v[2];
  return true;
}

const OCCLUDER = { sdf: 0, t: 0 };
/**
 * Whether the segment from P along `(dx, dy, dz)` (up to `maxT` of it) crosses the document's
 * plane; if so OCCLUDER holds the outline's distance there (mm, negative inside the document or
 * the hand) and the crossing's parameter.
 */
function occluded(p: Prepared, dx: number, dy: number, dz: number, maxT: number): boolean {
  const doc = p.doc!;
  const denom = doc.n[0] * dx + doc.n[1] * dy + doc.n[2] * dz;
  if (Math.abs(denom) < 1e-9) return false;
  const t = (doc.no - dot3(doc.n, P)) / denom;
  if (t <= 0 || t >= maxT) return false;
  const qx = P[0] + dx * t - doc.o[0];
  const qy = P[1] + dy * t - doc.o[1];
  const qz = P[2] + dz * t - doc.o[2];
  const a = qx * doc.u[0] + qy * doc.u[1] + qz * doc.u[2];
  const b = qx * doc.v[0] + qy * doc.v[1] + qz * doc.v[2];
  let sdf = documentOutline(p.scene.document, a, b);
  const hand = p.scene.hand;
  if (hand && sdf > -20) sdf = Math.min(sdf, handSdf(hand, a, b, false));
  OCCLUDER.sdf = sdf;
  OCCLUDER.t = t;
  return true;
}

/** Light reaching the point P (normal nf towards the camera); `onTable` casts the document's shadows. */
function illuminate(p: Prepared, nf: Vec3, onTable: boolean, glossy: boolean, ray: Ray): void {
  const { lamp, window: win, ambient, gloss, shininess } = p.scene.lights;
  // Spot lamp: inverse square, Lambert, cone falloff, penumbra from the lamp's size.
  const lx = lamp.at[0] - P[0];
  const ly = lamp.at[1] - P[1];
  const lz = lamp.at[2] - P[2];
  const d2 = lx * lx + ly * ly + lz * lz;
  const d = Math.sqrt(d2);
  const cos = (nf[0] * lx + nf[1] * ly + nf[2] * lz) / d;
  let lampE = 0;
  ray.spec = 0;
  if (cos > 0) {
    const cone = -(lamp.axis[0] * lx + lamp.axis[1] * ly + lamp.axis[2] * lz) / d;
    let visible = step(lamp.cosOuter, lamp.cosInner, cone);
    if (visible > 0 && onTable && p.doc) {
      if (occluded(p, lx, ly, lz, 1)) {
        const pen = (lamp.radius * OCCLUDER.t) / (1 - OCCLUDER.t) + 0.3;
        visible *= step(-pen, pen, OCCLUDER.sdf);
      }
    }
    const flux = (lamp.power / d2) * visible;
    lampE = flux * cos;
    if (glossy) {
      const vl = Math.hypot(P[0], P[1], P[2]);
      const hx = lx / d - P[0] / vl;
      const hy = ly / d - P[1] / vl;
      const hz = lz / d - P[2] / vl;
      const hl = Math.hypot(hx, hy, hz);
      const nh = (nf[0] * hx + nf[1] * hy + nf[2] * hz) / hl;
      if (nh > 0) ray.spec = gloss * Math.pow(nh, shininess) * flux;
    }
  }
  // Window through blinds: soft stripes, a soft parallel shadow of the document.
  let winE = 0;
  const cw = dot3(nf, win.dir);
  if (cw > 0 && win.power > 0) {
    const a = dot3(P, p.stripeAxis) / win.period;
    const ph = frac(a);
    const lit = step(0, 0.12, ph) * (1 - step(win.duty - 0.12, win.duty, ph));
    let visible = lerp(win.depth, 1, lit);
    if (onTable && p.doc) {
      if (occluded(p, win.dir[0], win.dir[1], win.dir[2], 1e9)) {
        const pen = 0.025 * OCCLUDER.t + 0.3;
        visible *= lerp(0.15, 1, step(-pen, pen, OCCLUDER.sdf));
      }
    }
    winE = win.power * cw * visible;
  }
  ray.er = lampE * lamp.colour[0] + winE * win.colour[0] + ambient[0];
  ray.eg = lampE * lamp.colour[1] + winE * win.colour[1] + ambient[1];
  ray.eb = lampE * lamp.colour[2] + winE * win.colour[2] + ambient[2];
}

/** Traces the ray through pixel (x, y): what it hits and the light there. */
function trace(p: Prepared, x: number, y: number, ray: Ray): void {
  const sc = p.scene;
  const cam = sc.camera;
  const dx = (x - cam.width / 2) / cam.focal;
  const dy = (y - cam.height / 2) / cam.focal;
  ray.gloss = false;
  if (p.doc && meet(p.doc, dx, dy)) {
    const u = HIT[0]!;
    const v = HIT[1]!;
    const hand = sc.hand;
    let hit = hand !== null && handSurface(hand, u, v, true, ray);
    if (!hit) {
      const [w, h] = p.size;
      const onPage =
        sc.document === 'id1'
          ? roundBox(u, v, w, h, CARD_RADIUS) <= 0
          : u >= 0 && u <= w && v >= 0 && v <= h;
      if (onPage) {
        const view =
          -(P[0] * p.nfDoc[0] + P[1] * p.nfDoc[1] + P[2] * p.nfDoc[2]) /
          Math.hypot(P[0], P[1], P[2]);
        if (sc.document === 'id1') cardFace(sc.design, u, v, view, ray);
        else passportPage(sc.design, u, v, view, ray);
        hit = true;
      } else if (sc.document === 'passport') hit = booklet(sc.design, u, v, ray);
      if (!hit && hand) hit = handSurface(hand, u, v, false, ray);
    }
    if (hit) {
      illuminate(p, p.nfDoc, false, ray.gloss, ray);
      return;
    }
  }
  if (!meet(p.table, dx, dy)) {
    ray.r = ray.g = ray.b = 0.3;
    ray.id = SURFACE_ID.table;
    ray.cls = CLASS.other;
    ray.er = ray.eg = ray.eb = 0.3;
    ray.spec = 0;
    return;
  }
  const a = HIT[0]!;
  const b = HIT[1]!;
  const ca = a - sc.tableCentre[0];
  const cb = b - sc.tableCentre[1];
  let found = false;
  for (let k = 0; k < p.dist.length && !found; k++) {
    const { d, c, s } = p.dist[k]!;
    const lx = (ca - d.x) * c + (cb - d.y) * s;
    const ly = -(ca - d.x) * s + (cb - d.y) * c;
    if (distractorSurface(d, lx, ly, ray)) {
      ray.id = SURFACE_ID.distractor + k;
      found = true;
    }
  }
  if (!found)
    tableSurface(
      sc.surface,
      a * p.texCos + b * p.texSin,
      -a * p.texSin + b * p.texCos,
      sc.tableSeed,
      ray,
    );
  illuminate(p, p.nfTable, true, false, ray);
  if (p.doc && !sc.held) {
    // Contact occlusion along the lying document's outline (table and document coordinates agree).
    const sdf = documentOutline(sc.document, a, b);
    if (sdf > 0) {
      const ao = 1 - 0.45 * Math.exp(-sdf / 1.4);
      ray.er *= ao;
      ray.eg *= ao;
      ray.eb *= ao;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The camera: exposure, optics, sensor

/** Disc (pillbox) blur of one plane, radius in pixels, by horizontal spans over row prefix sums. */
function discBlur(plane: Float32Array, width: number, height: number, radius: number): void {
  const prefix = new Float64Array((width + 1) * height);
  for (let y = 0; y < height; y++) {
    let acc = 0;
    const row = y * (width + 1);
    for (let x = 0; x < width; x++) {
      acc += plane[y * width + x]!;
      prefix[row + x + 1] = acc;
    }
  }
  const r = Math.ceil(radius);
  const spans: number[] = [];
  for (let dy = -r; dy <= r; dy++)
    spans.push(Math.round(Math.sqrt(Math.max(0, radius * radius - dy * dy))));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let count = 0;
      for (let k = 0; k < spans.length; k++) {
        const yy = y + k - r;
        if (yy < 0 || yy >= height) continue;
        const x0 = Math.max(0, x - spans[k]!);
        const x1 = Math.min(width - 1, x + spans[k]!);
        const row = yy * (width + 1);
        sum += prefix[row + x1 + 1]! - prefix[row + x0]!;
        count += x1 - x0 + 1;
      }
      plane[y * width + x] = sum / count;
    }
}

/** Bilinear read with clamped edges. */
function sampleAt(
  plane: Float32Array,
  width: number,
  height: number,
  x: number,
  y: number,
): number {
  const xc = x < 0 ? 0 : x > width - 1 ? width - 1 : x;
  const yc = y < 0 ? 0 : y > height - 1 ? height - 1 : y;
  const x0 = Math.floor(xc);
  const y0 = Math.floor(yc);
  const x1 = Math.min(width - 1, x0 + 1);
  const y1 = Math.min(height - 1, y0 + 1);
  const fx = xc - x0;
  const fy = yc - y0;
  const top = plane[y0 * width + x0]! * (1 - fx) + plane[y0 * width + x1]! * fx;
  const bottom = plane[y1 * width + x0]! * (1 - fx) + plane[y1 * width + x1]! * fx;
  return top * (1 - fy) + bottom * fy;
}

/** A straight motion streak: the mean of the plane along a centred segment. */
function streak(
  plane: Float32Array,
  width: number,
  height: number,
  length: number,
  angle: number,
): Float32Array {
  const out = new Float32Array(plane.length);
  const taps = Math.max(2, Math.ceil(length));
  const ux = Math.cos(angle) * (length / (taps - 1));
  const uy = Math.sin(angle) * (length / (taps - 1));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = 0; k < taps; k++) {
        const o = k - (taps - 1) / 2;
        sum += sampleAt(plane, width, height, x + ux * o, y + uy * o);
      }
      out[y * width + x] = sum / taps;
    }
  return out;
}

/** The lens's own softness: a 3-tap separable kernel (about σ 0.55 px). */
function soften(plane: Float32Array, width: number, height: number): void {
  const tmp = new Float32Array(plane.length);
  const a = 0.137;
  const b = 0.726;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      tmp[i] = plane[i]! * b + (plane[x > 0 ? i - 1 : i]! + plane[x < width - 1 ? i + 1 : i]!) * a;
    }
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      plane[i] =
        tmp[i]! * b + (tmp[y > 0 ? i - width : i]! + tmp[y < height - 1 ? i + width : i]!) * a;
    }
}

/** What the camera did, for the manifest (measured on the rendered radiance, not by the engine). */
export interface Exposure {
  /** Gain applied to the scene's radiance. */
  readonly gain: number;
  /** Mean luma of the written frame (0-1, as written: after the tone curve and noise). */
  readonly frameMean: number;
  /** Share of the document's bare paper that clips (every channel ≥ 1). */
  readonly clippedPaper: number;
  /** Share of the document's pixels that clip (every channel ≥ 1): the glare label's measure. */
  readonly clippedDocument: number;
  /** The brightest document channel over 1 (the ceiling's measure, before the lens). */
  readonly documentPeak: number;
}

const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

/** The tone curve (linear to display, 1/2.2) as 8-bit values over a fine linear grid. */
const TONE_STEPS = 65535;
const TONE = Uint8Array.from({ length: TONE_STEPS + 1 }, (_, k) =>
  Math.round(Math.pow(k / TONE_STEPS, 1 / 2.2) * 255),
);

/** Renders a scene to 8-bit RGB. */
export function renderScene(
  scene: TabletopScene,
  noiseSeed: number,
): { rgb: Uint8Array; exposure: Exposure } {
  const { width, height, lights } = scene;
  const p = prepare(scene);
  const n = width * height;
  const rad = [new Float32Array(n), new Float32Array(n), new Float32Array(n)] as const;
  const spec = new Float32Array(n);
  const ids = new Int32Array(n);
  const cls = new Uint8Array(n);
  const ray: Ray = { r: 0, g: 0, b: 0, id: 0, cls: 0, gloss: false, er: 0, eg: 0, eb: 0, spec: 0 };
  const cx = width / 2;
  const cy = height / 2;
  const f = scene.camera.focal;
  // Lens shading: cos⁴ of the off-axis angle, mostly corrected by the phone.
  const shadingAt = (x: number, y: number) => {
    const c2 = (f * f) / (f * f + (x - cx) ** 2 + (y - cy) ** 2);
    return lerp(1, c2 * c2, scene.shading);
  };
  const store = (i: number, weight: number, shade: number) => {
    rad[0][i] += lin(ray.r) * ray.er * shade * weight;
    rad[1][i] += lin(ray.g) * ray.eg * shade * weight;
    rad[2][i] += lin(ray.b) * ray.eb * shade * weight;
    spec[i] += ray.spec * shade * weight;
  };
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      trace(p, x + 0.5, y + 0.5, ray);
      const i = y * width + x;
      store(i, 1, shadingAt(x + 0.5, y + 0.5));
      ids[i] = ray.id;
      cls[i] = ray.cls;
    }
  // Pixels on an edge between surfaces: four rays on a rotated grid instead of one.
  const grid = [
    [0.375, 0.125],
    [0.875, 0.375],
    [0.625, 0.875],
    [0.125, 0.625],
  ] as const;
  const edge = new Uint8Array(n);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const id = ids[i]!;
      edge[i] =
        (x > 0 && ids[i - 1] !== id) ||
        (x < width - 1 && ids[i + 1] !== id) ||
        (y > 0 && ids[i - width] !== id) ||
        (y < height - 1 && ids[i + width] !== id)
          ? 1
          : 0;
    }
  for (let i = 0; i < n; i++) {
    if (!edge[i]) continue;
    const x = i % width;
    const y = (i - x) / width;
    rad[0][i] = rad[1][i] = rad[2][i] = spec[i] = 0;
    const shade = shadingAt(x + 0.5, y + 0.5);
    for (const [ox, oy] of grid) {
      trace(p, x + ox, y + oy, ray);
      store(i, 0.25, shade);
    }
    // A mixed pixel is no one surface's: leave it out of the document's measures.
    cls[i] = CLASS.other;
  }

  // Centre-weighted metering of the diffuse light (highlights do not steer it).
  let metered = 0;
  let weights = 0;
  for (let y = 0; y < height; y += 2)
    for (let x = 0; x < width; x += 2) {
      const i = y * width + x;
      const r2 = ((x - cx) / cx) ** 2 + ((y - cy) / cy) ** 2;
      const w = 1 + 2 * Math.exp(-r2 / 0.3);
      metered += w * luma(rad[0][i]!, rad[1][i]!, rad[2][i]!);
      weights += w;
    }
  let gain = scene.exposureTarget / (metered / weights);
  const lc = lights.lamp.colour;
  const docPixels: number[] = [];
  for (let i = 0; i < n; i++) if (cls[i] !== CLASS.other) docPixels.push(i);
  const peak = (withSpec: boolean) => {
    let m = 0;
    for (const i of docPixels) {
      const s = withSpec ? spec[i]! : 0;
      m = Math.max(m, rad[0][i]! + s * lc[0], rad[1][i]! + s * lc[1], rad[2][i]! + s * lc[2]);
    }
    return m;
  };
  let specScale = 1;
  if (scene.variant === 'bright') {
    const darkest: number[] = [];
    for (const i of docPixels)
      if (cls[i] === CLASS.paper) darkest.push(Math.min(rad[0][i]!, rad[1][i]!, rad[2][i]!));
    darkest.sort((a, b) => a - b);
    const p10 = darkest[Math.floor(darkest.length * 0.1)] ?? 1;
    gain = Math.max(gain, LABEL_RULES.brightPaperP10 / p10);
  } else if (scene.variant === 'glare') {
    const ceiling = peak(false);
    if (ceiling > 0) gain = Math.min(gain, LABEL_RULES.documentCeiling / ceiling);
    // Scale the lamp's specular lobe until it clips the target share of the document.
    const clippedAt = (k: number) => {
      let c = 0;
      for (const i of docPixels) {
        const s = spec[i]! * k;
        if (
          (rad[0][i]! + s * lc[0]) * gain >= 1 &&
          (rad[1][i]! + s * lc[1]) * gain >= 1 &&
          (rad[2][i]! + s * lc[2]) * gain >= 1
        )
          c++;
      }
      return c / Math.max(1, docPixels.length);
    };
    let lo = -6;
    let hi = 12;
    for (let k = 0; k < 40; k++) {
      const mid = (lo + hi) / 2;
      if (clippedAt(10 ** mid) < scene.glareTarget) lo = mid;
      else hi = mid;
    }
    specScale = 10 ** hi;
  } else if (scene.variant !== 'dark' && docPixels.length) {
    gain = Math.min(gain, LABEL_RULES.documentCeiling / peak(true));
  }

  const out: Float32Array[] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  for (let c = 0; c < 3; c++) {
    const plane = out[c]!;
    for (let i = 0; i < n; i++) plane[i] = (rad[c]![i]! + spec[i]! * specScale * lc[c]!) * gain;
  }
  let documentPeak = 0;
  for (const i of docPixels)
    documentPeak = Math.max(documentPeak, out[0]![i]!, out[1]![i]!, out[2]![i]!);
  let clippedDoc = 0;
  let paperCount = 0;
  let clippedPaper = 0;
  for (const i of docPixels) {
    const clip = out[0]![i]! >= 1 && out[1]![i]! >= 1 && out[2]![i]! >= 1;
    if (clip) clippedDoc++;
    if (cls[i] === CLASS.paper) {
      paperCount++;
      if (clip) clippedPaper++;
    }
  }
  // Optics: the lens's softness, then defocus or motion, then lateral chromatic aberration.
  for (let c = 0; c < 3; c++) {
    soften(out[c]!, width, height);
    if (scene.defocusRadius > 0) discBlur(out[c]!, width, height, scene.defocusRadius);
    if (scene.motion)
      out[c] = streak(out[c]!, width, height, scene.motion.length, scene.motion.angle);
  }
  if (scene.aberration > 0) {
    for (const [c, k] of [
      [0, 1 + scene.aberration],
      [2, 1 - scene.aberration],
    ] as const) {
      const src = out[c]!;
      const dst = new Float32Array(n);
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++)
          dst[y * width + x] = sampleAt(
            src,
            width,
            height,
            cx - 0.5 + (x + 0.5 - cx) * k,
            cy - 0.5 + (y + 0.5 - cy) * k,
          );
      out[c] = dst;
    }
  }
  // Sensor: shot noise (variance grows with the signal) and read noise, in linear light; then the
  // tone curve and 8 bits.
  const random = prng(noiseSeed);
  const rgb = new Uint8Array(n * 3);
  let mean = 0;
  let spare = NaN;
  const gauss = () => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = NaN;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const a = 6.283185307 * random();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) {
      const v = out[c]![i]!;
      const sigma = Math.sqrt(scene.shot * (v < 0 ? 0 : v > 1 ? 1 : v) + scene.read * scene.read);
      const noisy = v + sigma * gauss();
      rgb[i * 3 + c] =
        TONE[noisy <= 0 ? 0 : noisy >= 1 ? TONE_STEPS : Math.round(noisy * TONE_STEPS)]!;
    }
    mean += luma(rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!) / 255;
  }
  return {
    rgb,
    exposure: {
      gain,
      frameMean: mean / n,
      clippedPaper: paperCount ? clippedPaper / paperCount : 0,
      clippedDocument: docPixels.length ? clippedDoc / docPixels.length : 0,
      documentPeak,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The set

/** One manifest item (scripts/eval.ts reads image, kind, expect, corners, document). */
export interface TabletopItem extends LabelledItem {
  readonly kind: 'document';
  readonly family: typeof FAMILY;
  readonly variant: TabletopVariant;
  readonly corners: Quad | null;
  readonly document: DocumentKind;
  readonly seed: number;
  readonly size: [number, number];
  readonly params: Record<string, unknown>;
}

/** The variants of a set of `count` items: the acceptable share, the rest round the issues. */
export function planVariants(count: number, seed: number): TabletopVariant[] {
  const acceptable = Math.round(count * ACCEPTABLE_SHARE);
  const degraded = (Object.keys(TABLETOP_VARIANTS) as TabletopVariant[]).filter(
    (v) => v !== 'acceptable',
  );
  const issues = [...new Set(degraded.map((v) => TABLETOP_VARIANTS[v]))];
  // Issues with two variants (blur: defocus, motion; corners: out of frame, finger) alternate them.
  const turn: Record<string, number> = {};
  const variants: TabletopVariant[] = Array.from(
    { length: acceptable },
    () => 'acceptable' as const,
  );
  for (let k = 0; variants.length < count; k++) {
    const issue = issues[k % issues.length]!;
    const options = degraded.filter((v) => TABLETOP_VARIANTS[v] === issue);
    turn[issue!] = (turn[issue!] ?? -1) + 1;
    variants.push(options[turn[issue!]! % options.length]!);
  }
  const random = prng(itemSeed(seed, 0x7ab1e));
  for (let i = variants.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [variants[i], variants[j]] = [variants[j]!, variants[i]!];
  }
  return variants;
}

/** Each item's own seed, from the set's seed and its index. */
export function itemSeed(seed: number, index: number): number {
  return Math.floor(lattice(seed, index, 0x7ab) * 2 ** 31);
}

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;

/** How images are written: JPEG as a phone delivers them (default), or lossless PNG. */
export type TabletopFormat = FamilyFormat;

/** Renders item `index` of a set: its image file and its manifest entry. */
export function renderItem(
  index: number,
  variant: TabletopVariant,
  seed: number,
  width = DEFAULT_WIDTH,
  height = DEFAULT_HEIGHT,
  format: TabletopFormat = 'jpeg',
): { file: Buffer; item: TabletopItem; scene: TabletopScene; exposure: Exposure } {
  const s = itemSeed(seed, index);
  const scene = drawScene(variant, s, width, height);
  const { rgb, exposure } = renderScene(scene, s ^ 0x5a17);
  const quality = Math.round(within(prng(s ^ 0x3c3), LABEL_RULES.jpegQuality));
  const issue = TABLETOP_VARIANTS[variant];
  const item: TabletopItem = {
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
      design: scene.design.kind,
      held: scene.held,
      hand: scene.hand !== null,
      surface: scene.surface,
      distractors: scene.distractors.map((d) => d.kind),
      light: scene.lights.kind,
      blinds: scene.lights.window.power > 0 && scene.lights.window.depth < 1,
      exposureTarget: round(scene.exposureTarget, 4),
      gain: round(exposure.gain, 2),
      frameMean: round(exposure.frameMean),
      documentPeak: round(exposure.documentPeak),
      clippedPaper: round(exposure.clippedPaper),
      clippedDocument: round(exposure.clippedDocument),
      ...(scene.defocusRadius ? { defocusRadiusPx: round(scene.defocusRadius, 2) } : {}),
      ...(scene.motion
        ? {
            motionLengthPx: round(scene.motion.length, 1),
            motionAngleDeg: round((scene.motion.angle * 180) / Math.PI, 1),
          }
        : {}),
      ...(format === 'jpeg' ? { jpegQuality: quality } : {}),
    },
  };
  const file =
    format === 'jpeg'
      ? encodeJpeg({ width, height, data: rgb }, quality)
      : encodePng({ width, height, channels: 3, data: rgb });
  return { file, item, scene, exposure };
}

/** One image to render and write (what the worker threads are sent). */
export type TabletopJob = FamilyJob<TabletopVariant>;

/** Renders one job's image into its folder and returns its manifest item. */
export const renderToFile: (job: TabletopJob) => Promise<TabletopItem> = familyRenderer(renderItem);

/** Options of {@link generateTabletopSet}. */
export type TabletopSetOptions = FamilySetOptions;

/** Writes the set's images and manifest.json; returns the manifest's path and the items. */
export function generateTabletopSet(
  options: TabletopSetOptions = {},
): Promise<{ manifestPath: string; items: TabletopItem[] }> {
  return writeFamilySet(options, {
    family: FAMILY,
    dir: DEFAULT_TABLETOP_DIR,
    count: DEFAULT_COUNT,
    width: DEFAULT_WIDTH,
    height: DEFAULT_HEIGHT,
    plan: planVariants,
    workerModule: new URL('./tabletop.worker.ts', import.meta.url),
    render: renderToFile,
  });
}

familyMain(import.meta.url, (argv) => generateTabletopSet(parseFamilyCli(argv)));
