// The tabletop family's table surfaces and distractors (scripts/families/tabletop.ts): what a ray
// sees where it meets the table, in the table's own texture coordinates (mm).
import { clamp01, fract, mixRgb, setRgb, smoothstep, type Rgb } from '../../scene/colour.ts';
import { cellularNoise, fractalNoise, gradientNoise, latticeHash } from '../../scene/noise.ts';
import { roundBox } from './geometry.ts';
import { CLASS, SURFACE_ID, textRun, type Sample } from './print.ts';
import type { Distractor } from './props.ts';
import { CARD_RADIUS, DOCUMENT_SIZE_MM, type SurfaceKind } from './rules.ts';

/** The table's own surface at texture coordinates (x, y) mm. */
export function tableSurface(
  kind: SurfaceKind,
  x: number,
  y: number,
  seed: number,
  s: Sample,
): void {
  let c: Rgb;
  switch (kind) {
    case 'marble': {
      const warp = fractalNoise(x * 0.012, y * 0.012, seed) * 6;
      const vein = Math.abs(Math.sin(x * 0.03 + y * 0.012 + warp));
      const fine = Math.abs(Math.sin(x * 0.011 - y * 0.05 + warp * 1.7 + 1));
      const cloud = 0.5 + 0.3 * fractalNoise(x * 0.03, y * 0.03, seed + 5);
      c = mixRgb([0.92, 0.91, 0.89], [0.78, 0.78, 0.8], cloud);
      c = mixRgb(c, [0.38, 0.38, 0.42], (1 - smoothstep(0, 0.06, vein)) * 0.8);
      c = mixRgb(c, [0.55, 0.55, 0.6], (1 - smoothstep(0, 0.03, fine)) * 0.5);
      break;
    }
    case 'cork': {
      const cell = cellularNoise(x * 0.8, y * 0.8, seed);
      const base = 0.55 + 0.45 * cell.id;
      c = mixRgb([0.52, 0.36, 0.22], [0.78, 0.6, 0.4], base);
      if (cell.d1 < 0.12 + 0.08 * latticeHash(Math.floor(x), Math.floor(y), seed))
        c = mixRgb(c, [0.2, 0.12, 0.06], 0.7);
      c = mixRgb(c, [0.35, 0.22, 0.12], clamp01(cell.d2 - cell.d1 < 0.08 ? 0.35 : 0));
      break;
    }
    case 'felt': {
      const hue = latticeHash(seed, 1, 2);
      const base: Rgb =
        hue < 0.33 ? [0.12, 0.32, 0.2] : hue < 0.66 ? [0.42, 0.42, 0.44] : [0.42, 0.12, 0.15];
      const fibre =
        0.88 +
        0.12 * latticeHash(Math.floor(x * 3), Math.floor(y * 3), seed) +
        0.08 * fractalNoise(x * 0.2, y * 0.2, seed);
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
        id = latticeHash(j, band, seed);
      } else {
        const m = Math.floor(px);
        along = py - (m - 2 * n * band - 2 * n + 1);
        across = px - m;
        id = latticeHash(m, band + 7777, seed);
      }
      const grain =
        0.5 + 0.5 * Math.sin(across * 9 + 3 * gradientNoise(along * 0.6, id * 50, seed));
      c = mixRgb([0.6, 0.4, 0.22], [0.8, 0.6, 0.38], id);
      c = mixRgb(c, [0.48, 0.3, 0.16], grain * 0.3);
      if (along < 0.05 || across < 0.05) c = mixRgb(c, [0.2, 0.12, 0.06], 0.65);
      break;
    }
    case 'newspaper': {
      const paper: Rgb = [0.86, 0.85, 0.8];
      c = paper;
      const column = Math.floor(x / 52);
      const cx = fract(x / 52) * 52;
      const block = Math.floor(y / 90);
      const cy = fract(y / 90) * 90;
      const picture = latticeHash(column, block, seed) < 0.2;
      if (cx > 3 && cx < 49) {
        if (picture && cy > 4 && cy < 60) {
          const halftone = Math.hypot(fract(x * 0.9) - 0.5, fract(y * 0.9) - 0.5);
          const dark = 0.5 + 0.5 * fractalNoise(x * 0.05, y * 0.05, seed + column);
          c = halftone < dark * 0.45 ? [0.25, 0.25, 0.27] : paper;
        } else if (latticeHash(column, block, seed + 1) < 0.15 && cy > 4 && cy < 12) {
          if (textRun(cx, cy, 4, 5, 44, 5, seed + column * 7 + block)) c = [0.12, 0.12, 0.13];
        } else {
          const line = Math.floor(cy / 3.2);
          if (
            textRun(
              cx,
              fract(cy / 3.2) * 3.2,
              4,
              0.6,
              42 + 3 * latticeHash(line, column, seed),
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
      const cell = cellularNoise(x * 0.11, y * 0.11, seed);
      const base: Rgb = latticeHash(seed, 4, 4) < 0.5 ? [0.88, 0.86, 0.82] : [0.55, 0.56, 0.56];
      c = mixRgb(base, [0.8, 0.8, 0.78], 0.2 * fractalNoise(x * 0.05, y * 0.05, seed));
      const chip =
        cell.d2 - cell.d1 >
        0.22 + 0.1 * latticeHash(Math.floor(cell.cx), Math.floor(cell.cy), seed + 2);
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
      const cell = cellularNoise(x * 0.9, y * 0.9, seed);
      const crease = smoothstep(0, 0.12, cell.d2 - cell.d1);
      const tone =
        latticeHash(seed, 5, 5) < 0.5 ? ([0.2, 0.12, 0.08] as Rgb) : ([0.08, 0.08, 0.09] as Rgb);
      const k = (0.7 + 0.3 * crease) * (0.9 + 0.15 * fractalNoise(x * 0.02, y * 0.02, seed));
      c = [tone[0] * k, tone[1] * k, tone[2] * k];
      break;
    }
    case 'laminate': {
      const k = 0.97 + 0.03 * fractalNoise(x * 0.01, y * 0.01, seed);
      c = [0.9 * k, 0.9 * k, 0.91 * k];
      break;
    }
    case 'oak': {
      // Light oak planks 140 mm wide with butt joints; long streaky grain along each plank.
      const plank = Math.floor(y / 140);
      const inY = y - plank * 140;
      const offset = latticeHash(plank, 1, seed) * 900;
      const joint = fract((x + offset) / 900) * 900;
      const streak = 0.5 + 0.5 * fractalNoise((x + offset) * 0.003, inY * 0.09, seed + plank);
      const fleck = latticeHash(Math.floor(x * 0.5), Math.floor(inY * 2), seed) < 0.04 ? 0.5 : 0;
      c = mixRgb(
        [0.88, 0.77, 0.6],
        [0.74, 0.6, 0.42],
        clamp01(streak * 0.7 + 0.3 * latticeHash(plank, 2, seed) + fleck * 0.3),
      );
      if (inY < 0.6 || joint < 0.6) c = mixRgb(c, [0.4, 0.3, 0.2], 0.6);
      break;
    }
  }
  setRgb(s, c);
  s.id = SURFACE_ID.table;
  s.cls = CLASS.other;
  s.gloss = false;
}

/** Another ID-1 card's size (mm). */
const [cw, ch] = DOCUMENT_SIZE_MM.id1;

/** A distractor lying on the table at local (x, y) (its own frame, mm); false where it is not. */
export function distractorSurface(d: Distractor, x: number, y: number, s: Sample): boolean {
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
              170 * (0.6 + 0.4 * latticeHash(line, d.seed, 1)),
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
          if (fract(x / 3) < 0.5 && Math.abs(ly - line * 5 - 2.5) < 0.3) c = [0.4, 0.4, 0.45];
        } else if (
          textRun(
            x,
            ly - line * 5,
            -34,
            1,
            68 * (0.4 + 0.6 * latticeHash(line, d.seed, 2)),
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
        else if (Math.abs(y + 60) < 18 && Math.abs(x) < 55) c = mixRgb(d.colour, [1, 1, 1], 0.7);
        else if (textRun(x, y, -40, -70, 80, 7, d.seed)) c = [0.95, 0.95, 0.9];
      }
      break;
    case 'phone': {
      const sd = roundBox(x + 36, y + 74, 72, 148, 9);
      if (sd <= 0) {
        c = d.colour;
        if (sd < -3) {
          const sheen =
            0.04 +
            0.12 *
              smoothstep(-40, 60, x * 0.7 + y * 0.3) *
              (1 - smoothstep(60, 80, x * 0.7 + y * 0.3));
          c = [sheen, sheen, sheen * 1.15];
          if (Math.hypot(x, y + 66) < 2.2) c = [0.01, 0.01, 0.01];
        }
      }
      break;
    }
    case 'card':
      if (roundBox(x + cw / 2, y + ch / 2, cw, ch, CARD_RADIUS) <= 0) {
        c = d.colour;
        if (Math.abs(y - 6) < 4 && Math.abs(x) < 38) c = [0.12, 0.12, 0.12];
        else if (textRun(x, y, -38, -20, 60, 4, d.seed)) c = mixRgb(d.colour, [1, 1, 1], 0.8);
      }
      break;
    case 'keyboard':
      // The keyboard's near edge faces the document; it runs away from it (x > 0).
      if (x > 0 && x < 130 && Math.abs(y) < 220) {
        const kx = fract(x / 19);
        const ky = fract((y + 220) / 19);
        const key = kx > 0.1 && kx < 0.9 && ky > 0.1 && ky < 0.9;
        c = key ? mixRgb(d.colour, [1, 1, 1], 0.25) : mixRgb(d.colour, [0, 0, 0], 0.4);
        if (
          key &&
          Math.abs(kx - 0.35) < 0.12 &&
          Math.abs(ky - 0.35) < 0.12 &&
          latticeHash(Math.floor(x / 19), Math.floor(y / 19), 3) < 0.7
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
        c = r > 37 ? d.colour : r > 35 ? mixRgb(d.colour, [0, 0, 0], 0.3) : [0.16, 0.09, 0.05];
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
