// What the tabletop family puts in a scene besides the table (scripts/families/tabletop.ts): card
// and passport designs, a hand holding the document or a thumb over a corner, the distractors on the
// table and the lights, each drawn from the scene's seed.
import type { Point } from '../../../src/quality/types.ts';
import { hsl, mixRgb, type Rgb } from '../../scene/colour.ts';
import { add3, dot3, norm3, type Vec3 } from '../../scene/pinhole.ts';
import { pick, uniform } from '../../scene/random.ts';
import { capsuleDistance } from '../../scene/shapes.ts';
import { cornersMm } from './geometry.ts';
import {
  DOCUMENT_SIZE_MM,
  LABEL_RULES,
  type CardDesignKind,
  type DistractorKind,
  type DocumentKind,
  type LightingKind,
} from './rules.ts';

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
export interface Limb {
  readonly a: Point;
  readonly b: Point;
  readonly ra: number;
  readonly rb: number;
  /** 'skin', 'nail' (drawn on the front part only), 'sleeve'. */
  readonly tone: 'skin' | 'sleeve';
  /** Over the document (front) or only outside it (behind). */
  readonly front: boolean;
}

/** A hand: its tones, its parts, and the nail of the fingertip over the document. */
export interface Hand {
  readonly skin: Rgb;
  readonly sleeve: Rgb;
  readonly limbs: readonly Limb[];
  /** The fingertip carrying a nail: tip point, axis direction. */
  readonly nail: { readonly at: Point; readonly dir: Point; readonly r: number } | null;
}

/** Something else lying on the table. */
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

/** A random design of the given kind. */
export function drawDesign(random: () => number, kind: CardDesignKind): Design {
  const hue = uniform(random, 0, 360);
  const seed = Math.floor(random() * 1e6);
  const photoRight = random() < 0.45;
  const chip = random() < 0.45;
  const holo: [number, number, number] = [
    uniform(random, 45, 75),
    uniform(random, 30, 44),
    uniform(random, 5, 8),
  ];
  const cover = pick(random, [
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

/** Skin tones of hands and holder photos, light to dark (display values). */
export const SKIN_TONES: Rgb[] = [
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

/** Distance from p to the hand's outline (negative inside a part). */
export function handSdf(hand: Hand, x: number, y: number, frontOnly: boolean): number {
  let d = Infinity;
  for (const l of hand.limbs)
    if (!frontOnly || l.front) d = Math.min(d, capsuleDistance(x, y, l.a, l.b, l.ra, l.rb));
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
    skin: pick(random, SKIN_TONES),
    sleeve: pick(random, SLEEVES),
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
  const edge = pick(random, ['bottom', 'bottom', 'left', 'right'] as const);
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
export function drawDistractor(
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
        ? pick(random, [
            [0.04, 0.04, 0.05],
            [0.85, 0.84, 0.8],
            [0.3, 0.35, 0.45],
          ] as Rgb[])
        : kind === 'keyboard'
          ? pick(random, [
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

/** Lamp and window placement for a scene lit around `centre` on a table of normal `up` (to camera). */
export function drawLights(
  random: () => number,
  kind: LightingKind,
  centre: Vec3,
  up: Vec3,
  tableU: Vec3,
  tableV: Vec3,
): Lights {
  const angle = uniform(random, 0, Math.PI * 2);
  const inPlane = (a: number) =>
    norm3(
      [0, 1, 2].map((i) => tableU[i]! * Math.cos(a) + tableV[i]! * Math.sin(a)) as [
        number,
        number,
        number,
      ],
    );
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
    ambient: mixRgb(kind === 'lamp' ? warm : daylight, [1, 1, 1], 0.5).map(
      (c) => c * uniform(random, 0.12, 0.22),
    ) as [number, number, number],
    gloss: uniform(random, 0.4, 1.2),
    shininess: uniform(random, 60, 260),
  };
}

/** Specular over diffuse at a document point: how strongly the laminate mirrors the lamp there. */
export function specularRatio(lights: Lights, p: Vec3, nf: Vec3): number {
  const l = norm3(add3(lights.lamp.at, p, -1));
  const cos = dot3(nf, l);
  if (cos <= 0) return 0;
  const view = norm3([-p[0], -p[1], -p[2]]);
  const h = norm3(add3(l, view));
  const spec = lights.gloss * Math.pow(Math.max(0, dot3(nf, h)), lights.shininess);
  // Diffuse of white paper (reflectance about 0.8) under the lamp alone, same distance.
  return spec / (0.8 * cos);
}
