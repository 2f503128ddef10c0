// The desk family's scenes (scripts/families/desk.ts): everything a photo depends on, drawn from its
// seed before rendering. The camera, pose, desk, distractors, hand, light and the degradation of the
// item's variant; pose draws that miss the variant's geometric rule are redrawn.
import type { Point, Quad } from '../../../src/quality/types.ts';
import { prng } from '../../../test/helpers/math.ts';
import { hsl, type Rgb } from '../../scene/colour.ts';
import {
  makeCamera,
  project,
  drawExposureTarget,
  placementOf,
  searchPose,
  unproject,
  type Camera,
  type Vec3,
} from '../../scene/pinhole.ts';
import { pick, uniform, within } from '../../scene/random.ts';
import { capsuleDistance } from '../../scene/shapes.ts';
import {
  CARD_TONES,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  DESKS,
  DISTRACTORS,
  DOCUMENT_SIZE_MM,
  LABEL_RULES,
  LIGHTS,
  type CardTone,
  type DeskKind,
  type DeskVariant,
  type DistractorKind,
  type DocumentKind,
} from './rules.ts';

// ---------------------------------------------------------------------------------------------
// Pose: a plane's rotation as a matrix, its corners through the camera.

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

/** Column `c` of a row-major 3x3 matrix. */
export const column = (m: readonly number[], c: number): Vec3 => [m[c]!, m[3 + c]!, m[6 + c]!];

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
  return project(camera, [
    pose.origin[0] + e1[0] * u + e2[0] * v,
    pose.origin[1] + e1[1] * u + e2[1] * v,
    pose.origin[2] + e1[2] * u + e2[2] * v,
  ]);
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
  const centre = unproject(camera, px, py, z);
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

// ---------------------------------------------------------------------------------------------
// The scene description (everything drawn from the seed before rendering)

/** A card or passport design: its tone, colours, layout and print seeds. */
export interface CardDesign {
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

/** A hand: capsules over the document (in front) and behind it, in the document plane (mm). */
export interface Hand {
  readonly skin: Rgb;
  /** Capsules drawn over the document (thumb, or the finger over a corner). */
  readonly front: { a: Point; b: Point; r: number }[];
  /** Capsules and the palm drawn behind it, in the document plane (mm). */
  readonly back: { a: Point; b: Point; r: number }[];
}

/** Something else lying on the desk. */
export interface Distractor {
  readonly kind: DistractorKind;
  /** Centre on the desk plane (mm) and rotation (rad). */
  readonly x: number;
  readonly y: number;
  readonly angle: number;
  readonly colour: Rgb;
}

/** A small object of a cluttered desk (a coin, a pen, a sticky note). */
export interface ClutterObject {
  readonly kind: 'coin' | 'pen' | 'note';
  readonly x: number;
  readonly y: number;
  readonly angle: number;
  readonly size: number;
  readonly colour: Rgb;
}

/** A blown-out reflection on the document. */
export interface Glare {
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

/** A random design of the given tone. */
export function drawDesign(random: () => number, tone: CardTone): CardDesign {
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

/** Skin tones of hands and holder photos, light to dark (display values). */
export const SKINS: Rgb[] = [
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
      capsuleDistance(c[0], c[1], thumb.a, thumb.b) >= thumb.r + LABEL_RULES.handCornerClearanceMm,
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
  const r = within(random, LABEL_RULES.fingerRadiusMm);
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

/**
 * Variants whose document must keep the acceptable fill: those whose degradation is elsewhere, and
 * the finger over a corner.
 */
const FILL_CHECKED: ReadonlySet<string> = new Set([
  'acceptable',
  'defocus',
  'glare',
  'dark',
  'bright',
  'finger',
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
  const document: DocumentKind = random() < 0.68 ? 'id1' : 'passport';
  const [dw, dh] = DOCUMENT_SIZE_MM[document];
  const docDiag = Math.hypot(dw, document === 'passport' ? dh * 2 : dh);
  const tone =
    variant === 'bright' ? pick(random, ['white', 'pastel'] as const) : pick(random, CARD_TONES);
  const design = drawDesign(random, tone);
  const held = variant === 'finger' || (variant !== 'no_document' && random() < 0.35);

  const placed =
    variant === 'no_document'
      ? null
      : searchPose<PlanePose, Hand>({
          random,
          camera,
          variant,
          document,
          rules: LABEL_RULES,
          fillChecked: FILL_CHECKED,
          depth: 400,
          iterations: 6,
          cornerOut: { fill: [0.2, 0.55], push: [0.07, 0.16] },
          centre: [0.3, 0.7],
          failure: `desk: no pose for ${variant} (seed ${seed})`,
          draw: () => {
            // Most people hold the phone nearly square to the document; some tilt it a lot.
            const band = random();
            const tiltDeg =
              band < 0.5
                ? uniform(random, 0, 15)
                : band < 0.85
                  ? uniform(random, 15, 28)
                  : uniform(random, 28, 35);
            const rollDeg = uniform(random, -LABEL_RULES.maxRoll, LABEL_RULES.maxRoll);
            const rotation = documentRotation(tiltDeg, uniform(random, 0, 360), rollDeg);
            return {
              tiltDeg,
              rollDeg,
              place: ([px, py], z) => documentPose(camera, document, rotation, px, py, z),
              quadOf: (pose) => documentCorners(camera, pose, document),
            };
          },
          finger: () => drawCornerFinger(random, document, Math.floor(random() * 4)),
          holding: held ? () => drawHoldingHand(random, document) : null,
        });
  const pose = placed?.frame ?? null;

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
    const share = within(random, LABEL_RULES.glareCoreShare);
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
  const exposureTarget = drawExposureTarget(random, variant, LABEL_RULES);
  const scale640 = width / 640;
  return {
    variant,
    width,
    height,
    camera,
    document,
    pose,
    ...placementOf(placed),
    design,
    held,
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
    blurSigma: variant === 'defocus' ? within(random, LABEL_RULES.blurSigma) * scale640 : 0,
    noise: uniform(random, 0.006, 0.018) * (variant === 'dark' ? 1.8 : 1),
  };
}
