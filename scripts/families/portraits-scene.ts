// The portraits family's own scene (scripts/families/portraits.ts and its videos,
// scripts/portrait-videos.ts): its rooms, its camera blur and motion blur, and luma. Deliberately
// not document-scenes.ts's: the held-out family must not share the look of the set the thresholds
// were tuned on.
import type { Frame } from '../faces/person.ts';

/** A uniform draw in [a, b). */
export const uniform = (random: () => number, a: number, b: number): number =>
  a + (b - a) * random();
/** A uniform pick from `list`. */
export const pick = <T>(random: () => number, list: readonly T[]): T =>
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
export function motion(frame: Frame, length: number, angle: number): void {
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

/** One pass of a 1-D kernel along (sx, sy) (edges clamped), in place. */
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

/** Mean luma of the frame, or of the frame pixels at `pixels`. */
export function meanLuma(frame: Frame, pixels?: readonly number[]): number {
  const n = pixels ? pixels.length : frame.width * frame.height;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += luma(frame.rgb, pixels ? pixels[k]! : k);
  return sum / Math.max(n, 1);
}
