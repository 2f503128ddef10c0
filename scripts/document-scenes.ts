// The studio set's scenes (generate-documents.ts), and the document videos': what they draw on the
// scene modules' primitives (scripts/scene/). Documents (the ID-1 card of scene/card.ts and the
// passport data page here) in random colour schemes, the backgrounds a document lies on, its shadow
// and a finger over a corner. The camera is scene/pinhole.ts's `projectDocument`, the photo and its
// degradations are scene/photo.ts's and scene/blur.ts's.
import type { Point, Quad } from '../src/quality/types.ts';
import { prng } from '../test/helpers/math.ts';
import {
  DOCUMENT_MM,
  drawCard,
  drawMrz,
  drawPaper,
  drawSignature,
  drawTextFields,
  type CardStyle,
  type DocumentKind,
} from './scene/card.ts';
import {
  BLACK,
  clamp01,
  hsl255,
  luma,
  mix,
  mixRgb,
  shade,
  WHITE,
  type Rgb,
} from './scene/colour.ts';
import type { FloatImage } from './scene/photo.ts';
import { pick, uniform } from './scene/random.ts';
import {
  createCanvas,
  drawShadow,
  fillConvex,
  fillEllipse,
  fillRect,
  fillWith,
  rotatedRect,
  type Canvas,
} from './scene/raster.ts';
import { valueNoise } from './scene/noise.ts';

// Re-exported for the selfie generators and the flow videos, which import them from here; their
// one definition is in scripts/scene/.
export { discBlur, gaussianBlur, motionBlur } from './scene/blur.ts';
export { DOCUMENT_MM, type DocumentKind } from './scene/card.ts';
export {
  addNoise,
  applyGain,
  applyLighting,
  lumaPlane,
  quantise,
  randomLighting,
  toFloat,
  warpTexture,
  type FloatImage,
  type Lighting,
} from './scene/photo.ts';
export { projectDocument } from './scene/pinhole.ts';
export { hashSeed, pick, uniform } from './scene/random.ts';

// ---------------------------------------------------------------------------------------------
// Documents.

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
  const clothes = hsl255(random() * 360, uniform(random, 0.1, 0.5), uniform(random, 0.12, 0.3));
  const emblem =
    random() < 0.6 ? hsl255(uniform(random, 38, 52), 0.6, 0.55) : hsl255(hue, 0.08, 0.72);
  const tint: Rgb = [uniform(random, -8, 8), uniform(random, -8, 8), uniform(random, -8, 8)];
  const pattern = {
    waves: uniform(random, 24, 70),
    wobble: uniform(random, 1, 4),
    wobbleFrequency: uniform(random, 4, 14),
    crossWaves: random() < 0.5 ? uniform(random, 18, 50) : 0,
  };
  // What every scheme takes from its paper, guilloche lines and header, and the draws above.
  const scheme = (
    paper: Rgb,
    lines: Rgb,
    amount: number,
    header: Rgb,
    title: number,
    subtitle: number,
  ) => ({
    paper,
    guilloche: [
      (paper[0] - lines[0]) * amount,
      (paper[1] - lines[1]) * amount,
      (paper[2] - lines[2]) * amount,
    ] as Rgb,
    tint,
    ...pattern,
    header,
    title: mixRgb(header, WHITE, title),
    subtitle: mixRgb(header, WHITE, subtitle),
    emblem,
    clothes,
    skin,
    hair,
    mrzInk: [24, 24, 28] as Rgb,
  });
  if (!dark) {
    const paper = hsl255(hue, uniform(random, 0.1, 0.45), uniform(random, 0.82, 0.9));
    const lines = hsl255(hue + uniform(random, -60, 60), 0.5, 0.45);
    const amount = uniform(random, 0.06, 0.16);
    const header = hsl255(
      hue + uniform(random, -40, 40),
      uniform(random, 0.35, 0.7),
      uniform(random, 0.22, 0.42),
    );
    return {
      ...scheme(paper, lines, amount, header, 0.9, 0.6),
      photo:
        random() < 0.5
          ? hsl255(hue, 0.1, uniform(random, 0.7, 0.85))
          : hsl255(hue, 0.1, uniform(random, 0.4, 0.5)),
      label: hsl255(hue, 0.08, uniform(random, 0.5, 0.6)),
      ink: hsl255(uniform(random, 200, 240), uniform(random, 0, 0.4), uniform(random, 0.1, 0.22)),
      mrzBand: mixRgb(paper, WHITE, 0.5),
    };
  }
  const paper = hsl255(hue, uniform(random, 0.25, 0.5), uniform(random, 0.26, 0.4));
  const lines = hsl255(hue, 0.3, 0.8);
  const amount = uniform(random, 0.1, 0.2);
  const header = hsl255(hue, uniform(random, 0.3, 0.5), uniform(random, 0.12, 0.2));
  return {
    // Negative amounts: the guilloche is lighter than the paper.
    ...scheme(paper, lines, amount, header, 0.85, 0.55),
    photo: hsl255(hue, 0.1, uniform(random, 0.7, 0.85)),
    label: mixRgb(paper, WHITE, 0.45),
    ink: mixRgb(paper, WHITE, uniform(random, 0.8, 0.92)),
    mrzBand: mixRgb(paper, WHITE, uniform(random, 0.7, 0.85)),
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
    drawSignature(
      page,
      pxPerMm,
      { left: 80, baseline: 60, length: 26, wave: 15, swing: 1.3 },
      90,
      0.4,
    );

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

/** Looks of {@link drawTable}; the defaults are the table of the fixture videos (make-y4m.ts). */
export interface TableStyle {
  /** Plank width in pixels. */
  readonly plank?: number;
  /** Colour of the dark grain. */
  readonly dark?: Rgb;
  /** Colour of the light wood between the grain. */
  readonly light?: Rgb;
}

/** Wooden table top with planks and grain. */
export function drawTable(canvas: Canvas, seed: number, style: TableStyle = {}): void {
  const grain = valueNoise(seed);
  const knots = valueNoise(seed + 1);
  const dark: Rgb = style.dark ?? [92, 60, 36];
  const light: Rgb = style.light ?? [164, 118, 78];
  const plank = style.plank ?? 470;
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++) {
      const board = Math.floor(x / plank);
      // Each plank has its own grain offset so the seams read as separate boards.
      // Grain runs along the planks (vertically): noise stretched in y, stripes across x.
      const n = grain(x * 0.02 + board * 37, y * 0.003) * 0.7 + knots(x * 0.004, y * 0.02) * 0.3;
      const rings = 0.5 + 0.5 * Math.sin(x * 0.05 + n * 9 + board * 2.1);
      const t = clamp01(0.25 + 0.45 * rings + 0.3 * (n - 0.5) + (board % 2) * 0.08);
      const seam = x % plank < 3 ? 0.55 : 1;
      const p = (y * canvas.width + x) * 4;
      canvas.data[p] = mix(dark[0], light[0], t) * seam;
      canvas.data[p + 1] = mix(dark[1], light[1], t) * seam;
      canvas.data[p + 2] = mix(dark[2], light[2], t) * seam;
      canvas.data[p + 3] = 255;
    }
  }
}

/** The background types. */
export const BACKGROUNDS = ['wood', 'fabric', 'dark', 'light', 'clutter', 'gradient'] as const;

/** One background type. */
export type BackgroundKind = (typeof BACKGROUNDS)[number];

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
      const base = hsl255(random() * 360, uniform(random, 0.15, 0.5), uniform(random, 0.22, 0.6));
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
          ? hsl255(random() * 360, uniform(random, 0, 0.25), uniform(random, 0.06, 0.2))
          : hsl255(random() * 360, uniform(random, 0, 0.2), uniform(random, 0.74, 0.88));
      fillWith(canvas, BLACK, base, (x, y) => 0.96 + 0.08 * noise((x * 0.01) / u, (y * 0.01) / u));
      break;
    }
    case 'gradient': {
      const a = hsl255(random() * 360, uniform(random, 0, 0.4), uniform(random, 0.15, 0.75));
      const b = hsl255(random() * 360, uniform(random, 0, 0.4), uniform(random, 0.15, 0.75));
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
      const base = hsl255(random() * 360, uniform(random, 0, 0.3), uniform(random, 0.25, 0.7));
      fillWith(canvas, BLACK, base, (x, y) => 0.94 + 0.12 * noise((x * 0.02) / u, (y * 0.02) / u));
      // Small objects (notes, receipts, coins, pens): each side at most a fifth of the frame, so
      // none can pass for a document (the quality engine wants at least 20% of the frame).
      const objects = 6 + Math.floor(random() * 9);
      for (let i = 0; i < objects; i++) {
        const colour = hsl255(random() * 360, uniform(random, 0, 0.8), uniform(random, 0.15, 0.9));
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
// A finger over a corner, and the document's shadow.

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

/** Soft shadow under the document (drawShadow's, scaled to the frame). */
export function drawDocumentShadow(background: Canvas, quad: Quad, random: () => number): void {
  const u = background.width / 640;
  drawShadow(background, quad, {
    offset: [uniform(random, -3, 6) * u, uniform(random, 2, 8) * u],
    blur: uniform(random, 5, 12) * u,
    strength: uniform(random, 0.25, 0.45),
  });
}
