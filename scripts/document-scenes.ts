// Software rendering of "phone photos of an identity document" for the labelled data generator
// (generate-documents.ts): document faces (ID-1 card, passport data page), backgrounds, a camera
// model that puts a document in perspective, and the optical and sensor degradations the quality
// engine must recognise. Drawing primitives and the ID-1 card come from make-y4m.ts (one rasteriser
// for all fixtures); this file adds what the fixed video scene did not need.
//
// The photo is composed in floating point (RGB, 0-255 scale but unclipped) so that light can exceed
// white before the sensor clips it: a glare core or an over-exposed card saturates exactly as a
// camera's does, and the noise that a real sensor adds below saturation does not appear above it.
import type { Point, Quad } from '../src/quality/types.ts';
import {
  CARD_MM,
  clamp01,
  createCanvas,
  drawCard,
  drawMrz,
  drawPaper,
  drawShadow,
  drawTable,
  drawTextFields,
  fillEllipse,
  fillRect,
  homography,
  lightingMap,
  mix,
  prng,
  valueNoise,
  type Canvas,
  type CardStyle,
  type Rgb,
} from './make-y4m.ts';

// ---------------------------------------------------------------------------------------------
// Small helpers.

/** A uniform number in [a, b). */
export const uniform = (random: () => number, a: number, b: number): number =>
  a + (b - a) * random();

/** One element of `items`, uniformly. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A 32-bit seed mixed from several integers (FNV-1a over their bytes, then a finaliser). */
export function hashSeed(...values: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const value of values) {
    let v = value >>> 0;
    for (let k = 0; k < 4; k++) {
      h = Math.imul(h ^ (v & 0xff), 0x01000193);
      v >>>= 8;
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

/** BT.601 luma of an RGB triple (what the quality engine computes). */
export const luma = (r: number, g: number, b: number): number => 0.299 * r + 0.587 * g + 0.114 * b;

/** HSL (hue in degrees, saturation and lightness 0-1) to RGB 0-255. */
export function hsl(hue: number, saturation: number, lightness: number): Rgb {
  const h = (((hue % 360) + 360) % 360) / 60;
  const c = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const m = lightness - c / 2;
  const [r, g, b] =
    h < 1
      ? [c, x, 0]
      : h < 2
        ? [x, c, 0]
        : h < 3
          ? [0, c, x]
          : h < 4
            ? [0, x, c]
            : h < 5
              ? [x, 0, c]
              : [c, 0, x];
  return [(r + m) * 255, (g + m) * 255, (b + m) * 255];
}

const mixRgb = (a: Rgb, b: Rgb, t: number): Rgb => [
  mix(a[0], b[0], t),
  mix(a[1], b[1], t),
  mix(a[2], b[2], t),
];
const WHITE: Rgb = [255, 255, 255];

/** Multiplies a colour by a brightness factor (simple shading). */
const shade = (c: Rgb, k: number): Rgb => [c[0] * k, c[1] * k, c[2] * k];

// ---------------------------------------------------------------------------------------------
// Documents.

/** The document types the generator draws. */
export type DocumentKind = 'id1' | 'passport';

/** Physical size (mm) and corner radius of each document type: ISO/IEC 7810 ID-1 and ID-3 (TD3). */
export const DOCUMENT_MM: Readonly<
  Record<DocumentKind, { width: number; height: number; corner: number }>
> = {
  id1: { width: CARD_MM.width, height: CARD_MM.height, corner: 3.18 },
  passport: { width: 125, height: 88, corner: 3 },
};

/** Skin tones from light to dark, for holder photos and fingers. */
export const SKIN_TONES: readonly Rgb[] = [
  [241, 198, 166],
  [226, 176, 142],
  [204, 142, 104],
  [170, 112, 78],
  [126, 82, 56],
  [92, 60, 42],
];

/**
 * A random document colour scheme. Light documents have pale paper and dark print; darker ones
 * (as some driving licences and residence permits) have saturated mid-dark paper, light guilloche
 * and light print, with a light MRZ strip.
 */
export function randomCardStyle(random: () => number, dark: boolean): CardStyle {
  const hue = random() * 360;
  const skin = pick(random, SKIN_TONES);
  const hair = pick<Rgb>(random, [
    [40, 30, 24],
    [62, 44, 34],
    [110, 76, 48],
    [168, 136, 92],
    [30, 30, 34],
  ]);
  const clothes = hsl(random() * 360, uniform(random, 0.1, 0.5), uniform(random, 0.12, 0.3));
  const emblem = random() < 0.6 ? hsl(uniform(random, 38, 52), 0.6, 0.55) : hsl(hue, 0.08, 0.72);
  const tint: Rgb = [uniform(random, -8, 8), uniform(random, -8, 8), uniform(random, -8, 8)];
  const pattern = {
    waves: uniform(random, 24, 70),
    wobble: uniform(random, 1, 4),
    wobbleFrequency: uniform(random, 4, 14),
    crossWaves: random() < 0.5 ? uniform(random, 18, 50) : 0,
  };
  if (!dark) {
    const paper = hsl(hue, uniform(random, 0.1, 0.45), uniform(random, 0.82, 0.9));
    const lines = hsl(hue + uniform(random, -60, 60), 0.5, 0.45);
    const amount = uniform(random, 0.06, 0.16);
    const header = hsl(
      hue + uniform(random, -40, 40),
      uniform(random, 0.35, 0.7),
      uniform(random, 0.22, 0.42),
    );
    return {
      paper,
      guilloche: [
        (paper[0] - lines[0]) * amount,
        (paper[1] - lines[1]) * amount,
        (paper[2] - lines[2]) * amount,
      ],
      tint,
      ...pattern,
      header,
      title: mixRgb(header, WHITE, 0.9),
      subtitle: mixRgb(header, WHITE, 0.6),
      emblem,
      photo:
        random() < 0.5
          ? hsl(hue, 0.1, uniform(random, 0.7, 0.85))
          : hsl(hue, 0.1, uniform(random, 0.4, 0.5)),
      clothes,
      skin,
      hair,
      label: hsl(hue, 0.08, uniform(random, 0.5, 0.6)),
      ink: hsl(uniform(random, 200, 240), uniform(random, 0, 0.4), uniform(random, 0.1, 0.22)),
      mrzBand: mixRgb(paper, WHITE, 0.5),
      mrzInk: [24, 24, 28],
    };
  }
  const paper = hsl(hue, uniform(random, 0.25, 0.5), uniform(random, 0.26, 0.4));
  const lines = hsl(hue, 0.3, 0.8);
  const amount = uniform(random, 0.1, 0.2);
  const header = hsl(hue, uniform(random, 0.3, 0.5), uniform(random, 0.12, 0.2));
  return {
    paper,
    // Negative amounts: the guilloche is lighter than the paper.
    guilloche: [
      (paper[0] - lines[0]) * amount,
      (paper[1] - lines[1]) * amount,
      (paper[2] - lines[2]) * amount,
    ],
    tint,
    ...pattern,
    header,
    title: mixRgb(header, WHITE, 0.85),
    subtitle: mixRgb(header, WHITE, 0.55),
    emblem,
    photo: hsl(hue, 0.1, uniform(random, 0.7, 0.85)),
    clothes,
    skin,
    hair,
    label: mixRgb(paper, WHITE, 0.45),
    ink: mixRgb(paper, WHITE, uniform(random, 0.8, 0.92)),
    mrzBand: mixRgb(paper, WHITE, uniform(random, 0.7, 0.85)),
    mrzInk: [24, 24, 28],
  };
}

/**
 * A passport data page (ICAO 9303 TD3, 125x88 mm): header line, a larger holder photo with a face,
 * seven data fields, a signature and the two-line, 44-character MRZ in the bottom 23 mm.
 */
export function drawPassportPage(pxPerMm: number, seed: number, style: CardStyle): Canvas {
  const random = prng(seed);
  const { width, height, corner } = DOCUMENT_MM.passport;
  const mm = (v: number) => v * pxPerMm;
  return drawPaper(width, height, pxPerMm, corner, style, (page) => {
    const rect = (x: number, y: number, w: number, h: number, colour: Rgb) =>
      fillRect(page, mm(x), mm(y), mm(x + w), mm(y + h), colour);
    // A thin header band with the issuing state's title, and the document code fields.
    rect(0, 0, width, 9, style.header);
    rect(6, 2.6, 56, 2.4, style.title);
    rect(6, 6, 30, 1.1, style.subtitle);
    rect(108, 1.5, 12, 6, style.emblem);

    // The photo is drawn on its own canvas so the shoulders are cut at its frame, as in a print.
    const box = { x: 6, y: 13, w: 32, h: 42 };
    const photo = createCanvas(Math.round(mm(box.w)), Math.round(mm(box.h)));
    const p = (v: number) => v * pxPerMm;
    fillRect(photo, 0, 0, photo.width, photo.height, style.photo);
    fillEllipse(photo, p(16), p(47), p(14), p(13), style.clothes);
    fillEllipse(photo, p(16), p(33), p(3.2), p(5), style.skin); // neck
    fillEllipse(photo, p(16), p(19), p(8.2), p(10.5), (nx) =>
      shade(style.skin, 1.04 - 0.18 * nx * nx),
    );
    fillEllipse(photo, p(16), p(11.2), p(8.8), p(4.8), style.hair);
    for (const side of [-1, 1]) {
      fillEllipse(photo, p(16 + side * 3.1), p(18), p(1.1), p(0.6), [40, 32, 30]);
    }
    fillEllipse(photo, p(16), p(25.2), p(2.4), p(0.6), shade(style.skin, 0.6));
    const x0 = Math.round(mm(box.x));
    const y0 = Math.round(mm(box.y));
    for (let y = 0; y < photo.height && y0 + y < page.height; y++) {
      const from = y * photo.width * 4;
      page.data.set(
        photo.data.subarray(from, from + photo.width * 4),
        ((y0 + y) * page.width + x0) * 4,
      );
    }

    drawTextFields(
      page,
      pxPerMm,
      random,
      { left: 44, top: 14, lines: 7, pitch: 6.3, minLength: 24, extraLength: 44 },
      style.label,
      style.ink,
    );
    for (let i = 0; i < 90; i++) {
      const t = i / 90;
      fillEllipse(
        page,
        mm(80 + t * 26),
        mm(60 + Math.sin(t * 15) * 1.3),
        mm(0.4),
        mm(0.4),
        [30, 40, 110],
      );
    }

    rect(0, 66, width, height - 66, style.mrzBand);
    drawMrz(
      page,
      pxPerMm,
      random,
      {
        left: 6,
        top: 71,
        width: 113,
        lines: 2,
        chars: 44,
        pitch: 6.2,
        fillFrom: (line) => (line === 0 ? 30 : 42),
      },
      style.mrzInk,
    );
  });
}

/** A document face texture of the given kind at `pxPerMm`. */
export function drawDocument(
  kind: DocumentKind,
  pxPerMm: number,
  seed: number,
  style: CardStyle,
): Canvas {
  return kind === 'id1' ? drawCard(pxPerMm, seed, style) : drawPassportPage(pxPerMm, seed, style);
}

/** Mean and 99th percentile of the luma of a texture's opaque pixels. */
export function textureLuma(texture: Canvas): { mean: number; p99: number } {
  const d = texture.data;
  const bins = new Float64Array(256);
  let sum = 0;
  let weight = 0;
  for (let p = 0; p < d.length; p += 4) {
    const a = d[p + 3]! / 255;
    const l = luma(d[p]!, d[p + 1]!, d[p + 2]!);
    sum += l * a;
    weight += a;
    bins[Math.min(255, Math.floor(l))]! += a;
  }
  let seen = 0;
  let p99 = 255;
  for (let b = 0; b < 256; b++) {
    seen += bins[b]!;
    if (seen >= 0.99 * weight) {
      p99 = b + 1;
      break;
    }
  }
  return { mean: sum / Math.max(weight, 1), p99 };
}

// ---------------------------------------------------------------------------------------------
// Backgrounds: what a document lies on.

/** The background types. */
export const BACKGROUNDS = ['wood', 'fabric', 'dark', 'light', 'clutter', 'gradient'] as const;
/** One background type. */
export type BackgroundKind = (typeof BACKGROUNDS)[number];

/** Fills a convex polygon (clockwise, y down) with anti-aliased edges. */
export function fillConvex(
  canvas: Canvas,
  points: readonly Point[],
  colour: Rgb,
  opacity = 1,
): void {
  // Coverage from the signed distance to the polygon (max over the edge lines): exact inside and
  // along edges, a slight bevel only at sharp outer corners, which is invisible at these sizes.
  const edges = points.map((p, i) => {
    const q = points[(i + 1) % points.length]!;
    const length = Math.hypot(q[0] - p[0], q[1] - p[1]);
    const nx = (q[1] - p[1]) / length;
    const ny = -(q[0] - p[0]) / length;
    return { nx, ny, c: -(nx * p[0] + ny * p[1]) };
  });
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const left = Math.max(0, Math.floor(Math.min(...xs)) - 1);
  const right = Math.min(canvas.width, Math.ceil(Math.max(...xs)) + 1);
  const top = Math.max(0, Math.floor(Math.min(...ys)) - 1);
  const bottom = Math.min(canvas.height, Math.ceil(Math.max(...ys)) + 1);
  const d = canvas.data;
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      let distance = -Infinity;
      for (const e of edges)
        distance = Math.max(distance, e.nx * (x + 0.5) + e.ny * (y + 0.5) + e.c);
      const a = clamp01(0.5 - distance) * opacity;
      if (a <= 0) continue;
      const p = (y * canvas.width + x) * 4;
      d[p] = d[p]! + (colour[0] - d[p]!) * a;
      d[p + 1] = d[p + 1]! + (colour[1] - d[p + 1]!) * a;
      d[p + 2] = d[p + 2]! + (colour[2] - d[p + 2]!) * a;
    }
  }
}

/** A rectangle of `w` x `h` centred on (cx, cy), rotated by `angle`, clockwise from its top left. */
export function rotatedRect(cx: number, cy: number, w: number, h: number, angle: number): Quad {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const at = (x: number, y: number): Point => [cx + x * c - y * s, cy + x * s + y * c];
  return [at(-w / 2, -h / 2), at(w / 2, -h / 2), at(w / 2, h / 2), at(-w / 2, h / 2)];
}

/** Fills every pixel with `from` + (`to` - `from`) * t(x, y) (no allocation per pixel: hot loop). */
function fillWith(canvas: Canvas, from: Rgb, to: Rgb, t: (x: number, y: number) => number): void {
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++) {
      const k = t(x, y);
      const p = (y * canvas.width + x) * 4;
      canvas.data[p] = from[0] + (to[0] - from[0]) * k;
      canvas.data[p + 1] = from[1] + (to[1] - from[1]) * k;
      canvas.data[p + 2] = from[2] + (to[2] - from[2]) * k;
      canvas.data[p + 3] = 255;
    }
  }
}

const BLACK: Rgb = [0, 0, 0];

/**
 * Draws a background of `kind`. Sizes scale with the frame (`u` = width / 640) so the 1280x720
 * frames look like the 640x480 ones at a higher resolution, not like a closer view.
 */
export function drawBackground(
  kind: BackgroundKind,
  width: number,
  height: number,
  random: () => number,
): Canvas {
  const canvas = createCanvas(width, height);
  const u = width / 640;
  const seed = Math.floor(random() * 2 ** 31);
  const noise = valueNoise(seed);
  switch (kind) {
    case 'wood': {
      const palette = pick<[Rgb, Rgb]>(random, [
        [
          [92, 60, 36],
          [164, 118, 78],
        ], // oak
        [
          [52, 32, 22],
          [104, 70, 46],
        ], // walnut
        [
          [150, 112, 70],
          [214, 178, 128],
        ], // pine
        [
          [70, 62, 58],
          [128, 118, 110],
        ], // grey-washed
      ]);
      drawTable(canvas, seed, {
        plank: Math.round(uniform(random, 90, 260) * u),
        dark: palette[0],
        light: palette[1],
      });
      break;
    }
    case 'fabric': {
      const base = hsl(random() * 360, uniform(random, 0.15, 0.5), uniform(random, 0.22, 0.6));
      const period = uniform(random, 3, 6) * u;
      const w = (2 * Math.PI) / period;
      fillWith(canvas, BLACK, base, (x, y) => {
        // Plain weave: warp and weft threads alternate over and under, plus a blotchy dye.
        const weave = Math.sin(x * w) * Math.sin(y * w);
        const blotch = noise((x * 0.03) / u, (y * 0.03) / u) - 0.5;
        return 0.92 + 0.07 * weave + 0.14 * blotch;
      });
      break;
    }
    case 'dark':
    case 'light': {
      const base =
        kind === 'dark'
          ? hsl(random() * 360, uniform(random, 0, 0.25), uniform(random, 0.06, 0.2))
          : hsl(random() * 360, uniform(random, 0, 0.2), uniform(random, 0.74, 0.88));
      fillWith(canvas, BLACK, base, (x, y) => 0.96 + 0.08 * noise((x * 0.01) / u, (y * 0.01) / u));
      break;
    }
    case 'gradient': {
      const a = hsl(random() * 360, uniform(random, 0, 0.4), uniform(random, 0.15, 0.75));
      const b = hsl(random() * 360, uniform(random, 0, 0.4), uniform(random, 0.15, 0.75));
      const angle = random() * 2 * Math.PI;
      const dx = Math.cos(angle);
      const dy = Math.sin(angle);
      const span = Math.abs(dx) * width + Math.abs(dy) * height;
      fillWith(canvas, a, b, (x, y) =>
        clamp01(0.5 + ((x - width / 2) * dx + (y - height / 2) * dy) / span),
      );
      break;
    }
    case 'clutter': {
      const base = hsl(random() * 360, uniform(random, 0, 0.3), uniform(random, 0.25, 0.7));
      fillWith(canvas, BLACK, base, (x, y) => 0.94 + 0.12 * noise((x * 0.02) / u, (y * 0.02) / u));
      // Small objects (notes, receipts, coins, pens): each side at most a fifth of the frame, so
      // none can pass for a document (the quality engine wants at least 20% of the frame).
      const objects = 6 + Math.floor(random() * 9);
      for (let i = 0; i < objects; i++) {
        const colour = hsl(random() * 360, uniform(random, 0, 0.8), uniform(random, 0.15, 0.9));
        const cx = random() * width;
        const cy = random() * height;
        const shadowOffset: Point = [3 * u, 4 * u];
        if (random() < 0.65) {
          const long = uniform(random, 0.04, 0.2) * width;
          const short = long * pick(random, [uniform(random, 0.08, 0.2), uniform(random, 0.5, 1)]);
          const quad = rotatedRect(cx, cy, long, short, random() * Math.PI);
          fillConvex(
            canvas,
            quad.map(([x, y]): Point => [x + shadowOffset[0], y + shadowOffset[1]]),
            [0, 0, 0],
            0.25,
          );
          fillConvex(canvas, quad, colour);
        } else {
          const r = uniform(random, 0.015, 0.06) * width;
          fillEllipse(canvas, cx + shadowOffset[0], cy + shadowOffset[1], r, r, [0, 0, 0], {
            opacity: 0.25,
          });
          fillEllipse(canvas, cx, cy, r, r, (nx, ny) =>
            shade(colour, 1.05 - 0.25 * (nx * 0.7 + ny * 0.7 + 1) * 0.5),
          );
        }
      }
      break;
    }
  }
  return canvas;
}

/** Mean luma of an opaque canvas. */
export function meanCanvasLuma(canvas: Canvas): number {
  const d = canvas.data;
  let sum = 0;
  for (let p = 0; p < d.length; p += 4) sum += luma(d[p]!, d[p + 1]!, d[p + 2]!);
  return sum / (d.length / 4);
}

// ---------------------------------------------------------------------------------------------
// The camera: a document in 3-D in front of a pinhole camera.

/** Where a document is and how it is turned, relative to the camera. */
export interface Pose {
  /** In-plane rotation (radians). */
  readonly roll: number;
  /** Angle between the document plane and the image plane (radians). */
  readonly tilt: number;
  /** Direction in the document plane of the axis it is tilted about (radians). */
  readonly tiltAxis: number;
  /** Horizontal field of view of the camera (radians). */
  readonly fov: number;
  /** Document width over frame width if it were seen straight on. */
  readonly widthFraction: number;
  /** Where the document's centre projects to (image pixels). */
  readonly centre: Point;
}

/**
 * Projects a document's corners (clockwise from its top left) with a pinhole camera. Image
 * coordinates are continuous: pixel (i, j) covers [i, i+1) x [j, j+1), so its centre is (i+.5, j+.5).
 */
export function projectDocument(
  pose: Pose,
  widthMm: number,
  heightMm: number,
  frameWidth: number,
  frameHeight: number,
): Quad {
  const f = frameWidth / 2 / Math.tan(pose.fov / 2);
  const distance = (f * widthMm) / (pose.widthFraction * frameWidth);
  // Rodrigues rotation about the tilt axis, then the roll about the optical axis.
  const ax = Math.cos(pose.tiltAxis);
  const ay = Math.sin(pose.tiltAxis);
  const ct = Math.cos(pose.tilt);
  const st = Math.sin(pose.tilt);
  const cr = Math.cos(pose.roll);
  const sr = Math.sin(pose.roll);
  const tx = ((pose.centre[0] - frameWidth / 2) * distance) / f;
  const ty = ((pose.centre[1] - frameHeight / 2) * distance) / f;
  const corner = (x: number, y: number): Point => {
    // v' = v cos t + (a x v) sin t + a (a . v)(1 - cos t), with v = (x, y, 0), a = (ax, ay, 0).
    const dot = ax * x + ay * y;
    const rx = x * ct + ax * dot * (1 - ct);
    const ry = y * ct + ay * dot * (1 - ct);
    const rz = (ax * y - ay * x) * st;
    const X = rx * cr - ry * sr + tx;
    const Y = rx * sr + ry * cr + ty;
    const Z = rz + distance;
    return [frameWidth / 2 + (f * X) / Z, frameHeight / 2 + (f * Y) / Z];
  };
  const w = widthMm / 2;
  const h = heightMm / 2;
  return [corner(-w, -h), corner(w, -h), corner(w, h), corner(-w, h)];
}

/** Area of a polygon (shoelace; positive for clockwise with y down). */
export function polygonArea(points: readonly Point[]): number {
  let area = 0;
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i]!;
    const [x1, y1] = points[(i + 1) % points.length]!;
    area += x0 * y1 - x1 * y0;
  }
  return Math.abs(area) / 2;
}

/** The part of a polygon inside the frame (Sutherland-Hodgman against the four frame edges). */
export function clipToFrame(points: readonly Point[], width: number, height: number): Point[] {
  const planes: ((p: Point) => number)[] = [
    (p) => p[0],
    (p) => width - p[0],
    (p) => p[1],
    (p) => height - p[1],
  ];
  let polygon: Point[] = [...points];
  for (const inside of planes) {
    const next: Point[] = [];
    for (let i = 0; i < polygon.length; i++) {
      const a = polygon[i]!;
      const b = polygon[(i + 1) % polygon.length]!;
      const da = inside(a);
      const db = inside(b);
      if (da >= 0) next.push(a);
      if (da >= 0 !== db >= 0) {
        const t = da / (da - db);
        next.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
      }
    }
    polygon = next;
    if (polygon.length === 0) break;
  }
  return polygon;
}

/** How far a point is inside the frame (negative: outside by that much), in pixels. */
export function insideMargin([x, y]: Point, width: number, height: number): number {
  return Math.min(x, width - x, y, height - y);
}

// ---------------------------------------------------------------------------------------------
// The floating-point photo.

/** An RGB image in floating point (0-255 scale, not clipped until {@link quantise}). */
export interface FloatImage {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** Interleaved RGB, 3 values per pixel. */
  readonly rgb: Float32Array;
}

/** Converts an opaque canvas to a float image. */
export function toFloat(canvas: Canvas): FloatImage {
  const rgb = new Float32Array(canvas.width * canvas.height * 3);
  for (let i = 0, p = 0; p < canvas.data.length; i += 3, p += 4) {
    rgb[i] = canvas.data[p]!;
    rgb[i + 1] = canvas.data[p + 1]!;
    rgb[i + 2] = canvas.data[p + 2]!;
  }
  return { width: canvas.width, height: canvas.height, rgb };
}

/**
 * Adds `weight` times the bilinear sample of `texture` at (u, v) (texel centres at +0.5) to `acc`
 * as premultiplied RGB and alpha. Coordinates are clamped so that a sample just inside the outline
 * does not blend in texels from beyond it (the outline itself is resolved by supersampling).
 * A top-level function writing into a typed array: a closure over `let` accumulators was 3x slower.
 */
function sampleTexture(
  texture: Canvas,
  u: number,
  v: number,
  acc: Float64Array,
  weight: number,
): void {
  const tw = texture.width;
  const th = texture.height;
  const t = texture.data;
  const fu = Math.min(Math.max(u - 0.5, 0), tw - 1);
  const fv = Math.min(Math.max(v - 0.5, 0), th - 1);
  const u0 = Math.min(Math.floor(fu), tw - 2);
  const v0 = Math.min(Math.floor(fv), th - 2);
  const du = fu - u0;
  const dv = fv - v0;
  for (let k = 0; k < 4; k++) {
    const q = ((v0 + (k >> 1)) * tw + u0 + (k & 1)) * 4;
    const w = (k & 1 ? du : 1 - du) * (k >> 1 ? dv : 1 - dv) * (t[q + 3]! / 255) * weight;
    acc[0] = acc[0]! + t[q]! * w;
    acc[1] = acc[1]! + t[q + 1]! * w;
    acc[2] = acc[2]! + t[q + 2]! * w;
    acc[3] = acc[3]! + w;
  }
}

/**
 * Draws `texture` so that its corners land on `quad`, by inverse mapping with bilinear filtering.
 * Pixels near the outline get 4x4 supersampling, whose box filter is how a sensor integrates a
 * sharp edge, so the outline is anti-aliased like a photo's rather than stair-stepped or blurred.
 * @returns the document's coverage of each pixel (0-1), for degradations confined to the document
 */
export function warpTexture(image: FloatImage, texture: Canvas, quad: Quad): Float32Array {
  const { width, height, rgb } = image;
  const tw = texture.width;
  const th = texture.height;
  const h = homography(quad, [
    [0, 0],
    [tw, 0],
    [tw, th],
    [0, th],
  ]);
  const coverage = new Float32Array(width * height);
  const edge = (a: Point, b: Point) => Math.hypot(b[0] - a[0], b[1] - a[1]);
  // Texels per pixel at the most compressed side: how wide (in texels) the outline band must be.
  const scale = Math.max(
    tw / edge(quad[0], quad[1]),
    tw / edge(quad[3], quad[2]),
    th / edge(quad[0], quad[3]),
    th / edge(quad[1], quad[2]),
  );
  const band = 1.5 * scale + 1;
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const left = Math.max(0, Math.floor(Math.min(...xs)) - 1);
  const right = Math.min(width, Math.ceil(Math.max(...xs)) + 1);
  const top = Math.max(0, Math.floor(Math.min(...ys)) - 1);
  const bottom = Math.min(height, Math.ceil(Math.max(...ys)) + 1);
  // Premultiplied colour and alpha of the samples of one pixel.
  const acc = new Float64Array(4);
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const w = h[6]! * px + h[7]! * py + h[8]!;
      const u = (h[0]! * px + h[1]! * py + h[2]!) / w;
      const v = (h[3]! * px + h[4]! * py + h[5]!) / w;
      if (u < -band || v < -band || u > tw + band || v > th + band) continue;
      acc.fill(0);
      if (u > band && v > band && u < tw - band && v < th - band) {
        sampleTexture(texture, u, v, acc, 1);
      } else {
        for (let j = 0; j < 4; j++) {
          for (let i = 0; i < 4; i++) {
            const qx = x + (i + 0.5) / 4;
            const qy = y + (j + 0.5) / 4;
            const qw = h[6]! * qx + h[7]! * qy + h[8]!;
            const qu = (h[0]! * qx + h[1]! * qy + h[2]!) / qw;
            const qv = (h[3]! * qx + h[4]! * qy + h[5]!) / qw;
            if (qu >= 0 && qv >= 0 && qu < tw && qv < th)
              sampleTexture(texture, qu, qv, acc, 1 / 16);
          }
        }
      }
      const sa = acc[3]!;
      if (sa <= 0) continue;
      const i = y * width + x;
      const p = i * 3;
      const keep = 1 - sa;
      rgb[p] = rgb[p]! * keep + acc[0]!;
      rgb[p + 1] = rgb[p + 1]! * keep + acc[1]!;
      rgb[p + 2] = rgb[p + 2]! * keep + acc[2]!;
      coverage[i] = sa;
    }
  }
  return coverage;
}

/** A finger (a capsule from `tip` to `base`) lying over the document. */
export interface Finger {
  /** Centre of the rounded fingertip (image pixels). */
  readonly tip: Point;
  /** The other end of the finger's axis (far outside the frame: the hand is not drawn). */
  readonly base: Point;
  /** Half the finger's width, in pixels. */
  readonly radius: number;
  /** Skin colour before shading. */
  readonly skin: Rgb;
}

/** Distance from p to the segment ab, and the position along it (0 at a, in pixels). */
function segmentDistance(
  p: Point,
  a: Point,
  b: Point,
): { distance: number; along: number; side: number } {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length = Math.hypot(dx, dy);
  const ux = dx / length;
  const uy = dy / length;
  const along = (p[0] - a[0]) * ux + (p[1] - a[1]) * uy;
  const side = -(p[0] - a[0]) * uy + (p[1] - a[1]) * ux;
  const t = Math.min(Math.max(along, 0), length);
  return { distance: Math.hypot(p[0] - a[0] - ux * t, p[1] - a[1] - uy * t), along, side };
}

/**
 * Draws a finger: its soft shadow on what is below, then a skin-coloured rounded capsule shaded as a
 * cylinder lit from the upper left, with a nail near the tip and a knuckle crease.
 * @returns the finger's coverage of each pixel (0-1)
 */
export function drawFinger(image: FloatImage, finger: Finger): Float32Array {
  const { width, height, rgb } = image;
  const coverage = new Float32Array(width * height);
  const r = finger.radius;
  const shadowShift: Point = [r * 0.25, r * 0.35];
  const reach = r * 1.6;
  const left = Math.max(0, Math.floor(Math.min(finger.tip[0], finger.base[0]) - reach));
  const right = Math.min(width, Math.ceil(Math.max(finger.tip[0], finger.base[0]) + reach));
  const top = Math.max(0, Math.floor(Math.min(finger.tip[1], finger.base[1]) - reach));
  const bottom = Math.min(height, Math.ceil(Math.max(finger.tip[1], finger.base[1]) + reach));
  const shadowTip: Point = [finger.tip[0] + shadowShift[0], finger.tip[1] + shadowShift[1]];
  const shadowBase: Point = [finger.base[0] + shadowShift[0], finger.base[1] + shadowShift[1]];
  const nail = mixRgb(finger.skin, [250, 220, 215], 0.45);
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      const p = (y * width + x) * 3;
      const centre: Point = [x + 0.5, y + 0.5];
      // The shadow is soft over half a radius: the finger hovers a few millimetres above the card.
      const shadow = segmentDistance(centre, shadowTip, shadowBase).distance;
      const darken = 0.4 * clamp01((r * 1.25 - shadow) / (r * 0.5));
      if (darken > 0) {
        rgb[p] = rgb[p]! * (1 - darken);
        rgb[p + 1] = rgb[p + 1]! * (1 - darken);
        rgb[p + 2] = rgb[p + 2]! * (1 - darken);
      }
      const { distance, along, side } = segmentDistance(centre, finger.tip, finger.base);
      const a = clamp01(r - distance + 0.5);
      if (a <= 0) continue;
      const n = Math.min(distance / r, 1);
      // Cylinder: bright along the ridge, darker at the sides, the side away from the light darker.
      let k = 0.6 + 0.42 * Math.sqrt(1 - n * n) + 0.12 * (side / r);
      let colour = finger.skin;
      const nailX = (along - r * 0.85) / (r * 0.62);
      const nailY = side / (r * 0.58);
      if (nailX * nailX + nailY * nailY < 1) {
        colour = nail;
        k += 0.08 * (1 - nailY * nailY);
      }
      if (Math.abs(along - r * 2.6) < r * 0.06 && Math.abs(side) < r * 0.7) k *= 0.8;
      const i = y * width + x;
      rgb[p] = rgb[p]! * (1 - a) + colour[0] * k * a;
      rgb[p + 1] = rgb[p + 1]! * (1 - a) + colour[1] * k * a;
      rgb[p + 2] = rgb[p + 2]! * (1 - a) + colour[2] * k * a;
      coverage[i] = a;
    }
  }
  return coverage;
}

/** Soft shadow under the document (make-y4m's, scaled to the frame). */
export function drawDocumentShadow(background: Canvas, quad: Quad, random: () => number): void {
  const u = background.width / 640;
  drawShadow(background, quad, {
    offset: [uniform(random, -3, 6) * u, uniform(random, 2, 8) * u],
    blur: uniform(random, 5, 12) * u,
    strength: uniform(random, 0.25, 0.45),
  });
}

/** Lighting of the scene: make-y4m's vignette, a random brightness slope and white balance. */
export interface Lighting {
  /** Brightness change from the centre to the frame edge along `angle`. */
  readonly slope: number;
  /** Direction in which the light increases (radians, image axes). */
  readonly angle: number;
  /** Per-channel gains (colour temperature of the light). */
  readonly balance: Rgb;
}

/** A random, mild {@link Lighting}. */
export function randomLighting(random: () => number): Lighting {
  const warm = uniform(random, -0.05, 0.05);
  return {
    slope: uniform(random, -0.08, 0.08),
    angle: random() * 2 * Math.PI,
    balance: [1 + warm, 1, 1 - warm],
  };
}

const vignettes = new Map<string, Float32Array>();

/** Multiplies the image by the lighting. */
export function applyLighting(image: FloatImage, lighting: Lighting): void {
  const { width, height, rgb } = image;
  const key = `${width}x${height}`;
  let vignette = vignettes.get(key);
  if (!vignette) {
    vignette = lightingMap(width, height);
    vignettes.set(key, vignette);
  }
  const dx = Math.cos(lighting.angle) / (width / 2);
  const dy = Math.sin(lighting.angle) / (width / 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const k =
        vignette[i]! * (1 + lighting.slope * ((x - width / 2) * dx + (y - height / 2) * dy));
      rgb[i * 3] = rgb[i * 3]! * k * lighting.balance[0];
      rgb[i * 3 + 1] = rgb[i * 3 + 1]! * k * lighting.balance[1];
      rgb[i * 3 + 2] = rgb[i * 3 + 2]! * k * lighting.balance[2];
    }
  }
}

/** A specular reflection on the document: an elliptical core of light with a soft halo. */
export interface Glare {
  /** Centre of the reflection (image pixels). */
  readonly centre: Point;
  /** Semi-axis of the core along `angle`, in pixels. */
  readonly rx: number;
  /** The other semi-axis of the core, in pixels. */
  readonly ry: number;
  /** Orientation of the ellipse (radians). */
  readonly angle: number;
  /** Light added in the core (well above 255, so that the core clips whatever the exposure). */
  readonly peak: number;
  /** Halo width, relative to the core's size. */
  readonly halo: number;
}

/** Adds a glare, only where the document is (`mask`, coverage 0-1): a reflection is on its surface. */
export function addGlare(image: FloatImage, glare: Glare, mask: Float32Array): void {
  const { width, height, rgb } = image;
  const cos = Math.cos(glare.angle);
  const sin = Math.sin(glare.angle);
  const reach = Math.max(glare.rx, glare.ry) * (1 + 3 * glare.halo);
  const left = Math.max(0, Math.floor(glare.centre[0] - reach));
  const right = Math.min(width, Math.ceil(glare.centre[0] + reach));
  const top = Math.max(0, Math.floor(glare.centre[1] - reach));
  const bottom = Math.min(height, Math.ceil(glare.centre[1] + reach));
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      const i = y * width + x;
      const m = mask[i]!;
      if (m <= 0) continue;
      const dx = x + 0.5 - glare.centre[0];
      const dy = y + 0.5 - glare.centre[1];
      const ex = (dx * cos + dy * sin) / glare.rx;
      const ey = (-dx * sin + dy * cos) / glare.ry;
      const rho = Math.sqrt(ex * ex + ey * ey);
      // Flat core, then a Gaussian fall-off: the rim of a real reflection fades over a distance
      // comparable to its size (the light source is extended, the laminate slightly rough).
      const fall = rho <= 1 ? 1 : Math.exp(-(((rho - 1) / glare.halo) ** 2) * 2);
      const add = glare.peak * fall * m;
      rgb[i * 3] = rgb[i * 3]! + add;
      rgb[i * 3 + 1] = rgb[i * 3 + 1]! + add;
      rgb[i * 3 + 2] = rgb[i * 3 + 2]! + add * 0.98;
    }
  }
}

/** Separable Gaussian blur (defocus approximated as Gaussian), edges clamped. */
export function gaussianBlur(image: FloatImage, sigma: number): FloatImage {
  const radius = Math.max(1, Math.ceil(sigma * 3));
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let k = -radius; k <= radius; k++)
    sum += kernel[k + radius] = Math.exp(-(k * k) / (2 * sigma * sigma));
  for (let k = 0; k < kernel.length; k++) kernel[k] = kernel[k]! / sum;
  const { width, height } = image;
  const pass = (input: Float32Array, horizontal: boolean): Float32Array => {
    const out = new Float32Array(input.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (let k = -radius; k <= radius; k++) {
          const sx = horizontal ? Math.min(Math.max(x + k, 0), width - 1) : x;
          const sy = horizontal ? y : Math.min(Math.max(y + k, 0), height - 1);
          const q = (sy * width + sx) * 3;
          const w = kernel[k + radius]!;
          r += input[q]! * w;
          g += input[q + 1]! * w;
          b += input[q + 2]! * w;
        }
        const p = (y * width + x) * 3;
        out[p] = r;
        out[p + 1] = g;
        out[p + 2] = b;
      }
    }
    return out;
  };
  return { width, height, rgb: pass(pass(image.rgb, true), false) };
}

/**
 * Disc ("bokeh") blur: what an out-of-focus lens does to a point, a uniform disc. Row sums come
 * from per-row prefix sums, so the cost is one add per disc row rather than per disc pixel.
 */
export function discBlur(image: FloatImage, radius: number): FloatImage {
  const { width, height, rgb } = image;
  const stride = (width + 1) * 3;
  const prefix = new Float64Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        prefix[y * stride + (x + 1) * 3 + c] =
          prefix[y * stride + x * 3 + c]! + rgb[(y * width + x) * 3 + c]!;
      }
    }
  }
  const r = Math.ceil(radius);
  const spans: number[] = [];
  for (let dy = -r; dy <= r; dy++)
    spans.push(Math.floor(Math.sqrt(Math.max(0, radius * radius - dy * dy)) + 0.5));
  const out = new Float32Array(rgb.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let rs = 0;
      let gs = 0;
      let bs = 0;
      let count = 0;
      for (let dy = -r; dy <= r; dy++) {
        const sy = y + dy;
        if (sy < 0 || sy >= height) continue;
        const span = spans[dy + r]!;
        const x0 = Math.max(0, x - span);
        const x1 = Math.min(width, x + span + 1);
        const row = sy * stride;
        rs += prefix[row + x1 * 3]! - prefix[row + x0 * 3]!;
        gs += prefix[row + x1 * 3 + 1]! - prefix[row + x0 * 3 + 1]!;
        bs += prefix[row + x1 * 3 + 2]! - prefix[row + x0 * 3 + 2]!;
        count += x1 - x0;
      }
      const p = (y * width + x) * 3;
      out[p] = rs / count;
      out[p + 1] = gs / count;
      out[p + 2] = bs / count;
    }
  }
  return { width, height, rgb: out };
}

/** Linear motion blur: the mean of the image shifted along a segment of `length` pixels. */
export function motionBlur(image: FloatImage, length: number, angle: number): FloatImage {
  const { width, height } = image;
  const taps = Math.max(2, Math.ceil(length) + 1);
  const out = new Float32Array(image.rgb.length);
  const dx = Math.cos(angle) * length;
  const dy = Math.sin(angle) * length;
  for (let k = 0; k < taps; k++) {
    const t = k / (taps - 1) - 0.5;
    const shifted = shift(image, dx * t, dy * t);
    for (let i = 0; i < out.length; i++) out[i] = out[i]! + shifted.rgb[i]! / taps;
  }
  return { width, height, rgb: out };
}

/** The image moved by (dx, dy) pixels (bilinear; the frame edge repeats). */
export function shift(image: FloatImage, dx: number, dy: number): FloatImage {
  const { width, height } = image;
  const out = new Float32Array(image.rgb.length);
  const ix = Math.floor(dx);
  const iy = Math.floor(dy);
  const fx = dx - ix;
  const fy = dy - iy;
  // out(x, y) = in(x - dx, y - dy): the weights are the same for every pixel, so this is a
  // 2x2 convolution; only the clamped indices vary.
  const w00 = (1 - fx) * (1 - fy);
  const w10 = fx * (1 - fy);
  const w01 = (1 - fx) * fy;
  const w11 = fx * fy;
  const rgb = image.rgb;
  for (let y = 0; y < height; y++) {
    const y0 = Math.min(Math.max(y - iy, 0), height - 1);
    const y1 = Math.min(Math.max(y - iy - 1, 0), height - 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.min(Math.max(x - ix, 0), width - 1);
      const x1 = Math.min(Math.max(x - ix - 1, 0), width - 1);
      const a = (y0 * width + x0) * 3;
      const b = (y0 * width + x1) * 3;
      const c = (y1 * width + x0) * 3;
      const d = (y1 * width + x1) * 3;
      const p = (y * width + x) * 3;
      for (let ch = 0; ch < 3; ch++) {
        out[p + ch] =
          rgb[a + ch]! * w00 + rgb[b + ch]! * w10 + rgb[c + ch]! * w01 + rgb[d + ch]! * w11;
      }
    }
  }
  return { width, height, rgb: out };
}

/** Exposure: multiplies by `gain` (clipping happens at quantisation, as in a sensor). */
export function applyGain(image: FloatImage, gain: number): void {
  for (let i = 0; i < image.rgb.length; i++) image.rgb[i] = image.rgb[i]! * gain;
}

/** Low contrast (haze, a washed-out screen): pulls every value towards mid grey by `factor` (0-1). */
export function compressContrast(image: FloatImage, factor: number, centre = 128): void {
  for (let i = 0; i < image.rgb.length; i++)
    image.rgb[i] = centre + (image.rgb[i]! - centre) * factor;
}

// Standard normal samples, drawn once: indexing a table is 4x cheaper than Box-Muller per pixel,
// and a 64k table has no visible repetition in noise this faint.
const GAUSSIAN = (() => {
  const random = prng(0x5eed);
  const table = new Float32Array(1 << 16);
  for (let i = 0; i < table.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const t = 2 * Math.PI * random();
    table[i] = r * Math.cos(t);
    table[i + 1] = r * Math.sin(t);
  }
  return table;
})();

/**
 * Sensor noise: a luma part (`sigma`, the same on all channels) and a weaker colour part, added
 * before clipping so that blown-out highlights stay flat white.
 */
export function addNoise(
  image: FloatImage,
  random: () => number,
  sigma: number,
  chroma = 0.35,
): void {
  const rgb = image.rgb;
  const mask = GAUSSIAN.length - 1;
  for (let p = 0; p < rgb.length; p += 3) {
    const bits = (random() * 4294967296) >>> 0;
    const n = GAUSSIAN[bits & mask]! * sigma;
    const c = GAUSSIAN[(bits >>> 16) & mask]! * sigma * chroma;
    rgb[p] = rgb[p]! + n + c;
    rgb[p + 1] = rgb[p + 1]! + n;
    rgb[p + 2] = rgb[p + 2]! + n - c;
  }
}

/** Clips and rounds to 8-bit RGB (3 channels) or RGBA (4, opaque). */
export function quantise(image: FloatImage, channels: 3 | 4): Uint8Array {
  // Assigning to a Uint8ClampedArray clips and rounds (half to even) natively: 5x faster than
  // Math.round in a loop.
  const rgb = new Uint8ClampedArray(image.rgb.length);
  rgb.set(image.rgb);
  if (channels === 3) return new Uint8Array(rgb.buffer);
  const out = new Uint8Array((rgb.length / 3) * 4);
  for (let i = 0, p = 0; i < rgb.length; i += 3, p += 4) {
    out[p] = rgb[i]!;
    out[p + 1] = rgb[i + 1]!;
    out[p + 2] = rgb[i + 2]!;
    out[p + 3] = 255;
  }
  return out;
}

/** Luma of every pixel of a float image. */
export function lumaPlane(image: FloatImage): Float32Array {
  const out = new Float32Array(image.width * image.height);
  for (let i = 0; i < out.length; i++)
    out[i] = luma(image.rgb[i * 3]!, image.rgb[i * 3 + 1]!, image.rgb[i * 3 + 2]!);
  return out;
}
