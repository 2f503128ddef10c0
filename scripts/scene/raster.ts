// A tiny software rasteriser over RGBA buffers, shared by every Node scene renderer (the fixture
// videos, the studio set's document faces and backgrounds). Edges are anti-aliased (coverage from an
// approximate distance to the edge), because hard stair-stepped edges would make the fixtures
// easier to analyse than a real camera image.
import type { Point, Quad } from '../../src/quality/types.ts';
import { homography, pixelBounds } from '../../test/helpers/math.ts';
import { clamp01, type Rgb } from './colour.ts';

/** An RGBA image that the drawing helpers paint into. */
export interface Canvas {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/** A transparent RGBA canvas. */
export function createCanvas(width: number, height: number): Canvas {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

/** Blends `colour` over pixel `index` with coverage `alpha` (opaque result). */
function blend(canvas: Canvas, index: number, colour: Rgb, alpha: number): void {
  if (alpha <= 0) return;
  const d = canvas.data;
  const p = index * 4;
  if (alpha >= 1) {
    d[p] = colour[0];
    d[p + 1] = colour[1];
    d[p + 2] = colour[2];
  } else {
    d[p] = d[p]! + (colour[0] - d[p]!) * alpha;
    d[p + 1] = d[p + 1]! + (colour[1] - d[p + 1]!) * alpha;
    d[p + 2] = d[p + 2]! + (colour[2] - d[p + 2]!) * alpha;
  }
  d[p + 3] = 255;
}

/** Axis-aligned rectangle with fractional edges (coverage = overlap of the pixel and the box). */
export function fillRect(
  canvas: Canvas,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  colour: Rgb,
  opacity = 1,
): void {
  const left = Math.max(0, Math.floor(x0));
  const right = Math.min(canvas.width, Math.ceil(x1));
  const top = Math.max(0, Math.floor(y0));
  const bottom = Math.min(canvas.height, Math.ceil(y1));
  for (let y = top; y < bottom; y++) {
    const cy = clamp01(Math.min(y + 1, y1) - Math.max(y, y0));
    for (let x = left; x < right; x++) {
      const cx = clamp01(Math.min(x + 1, x1) - Math.max(x, x0));
      blend(canvas, y * canvas.width + x, colour, cx * cy * opacity);
    }
  }
}

/** Colour of an ellipse at normalised position (nx, ny), both -1..1 at the rim. */
export type Shader = (nx: number, ny: number) => Rgb;

/** Rotated ellipse; `colour` may be a shader for shading (face, hair). */
export function fillEllipse(
  canvas: Canvas,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  colour: Rgb | Shader,
  options: { angle?: number; opacity?: number } = {},
): void {
  const angle = options.angle ?? 0;
  const opacity = options.opacity ?? 1;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const reach = Math.max(rx, ry) + 1;
  const left = Math.max(0, Math.floor(cx - reach));
  const right = Math.min(canvas.width, Math.ceil(cx + reach));
  const top = Math.max(0, Math.floor(cy - reach));
  const bottom = Math.min(canvas.height, Math.ceil(cy + reach));
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const ex = (dx * cos + dy * sin) / rx;
      const ey = (-dx * sin + dy * cos) / ry;
      // Math.sqrt rather than Math.hypot: hypot is several times slower in V8, and this is the hot loop.
      const r = Math.sqrt(ex * ex + ey * ey);
      if (r > 1 + 2 / Math.min(rx, ry)) continue;
      // Signed distance to the rim in pixels, to first order: (1 - r) / |grad r|.
      const gx = ex / rx;
      const gy = ey / ry;
      const gradient = Math.sqrt(gx * gx + gy * gy) / Math.max(r, 1e-6);
      const coverage = clamp01((1 - r) / gradient + 0.5);
      const rgb = typeof colour === 'function' ? colour(ex, ey) : colour;
      blend(canvas, y * canvas.width + x, rgb, coverage * opacity);
    }
  }
}

/** Per-pixel brightness factor: light from the upper left, darker corners (a real lens vignettes). */
export function lightingMap(width: number, height: number): Float32Array {
  const map = new Float32Array(width * height);
  const diagonal = Math.hypot(width, height) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const r = Math.hypot(x - width / 2, y - height / 2) / diagonal;
      const gradient = 1.06 - 0.12 * ((x / width + y / height) / 2);
      map[y * width + x] = gradient * (1 - 0.22 * r * r);
    }
  }
  return map;
}

/**
 * The homography from image pixels to the coordinates of a `tw` x `th` texture whose corners land
 * on `quad` (clockwise from its top left): what an inverse-mapping warp samples with.
 */
export function textureHomography(quad: readonly Point[], tw: number, th: number): number[] {
  return homography(quad, [
    [0, 0],
    [tw, 0],
    [tw, th],
    [0, th],
  ]);
}

/** Draws `texture` into `canvas` so that its corners land on `quad` (clockwise from top left). */
export function drawWarped(canvas: Canvas, texture: Canvas, quad: readonly Point[]): void {
  const tw = texture.width;
  const th = texture.height;
  const h = textureHomography(quad, tw, th);
  const { left, right, top, bottom } = pixelBounds(quad, canvas.width, canvas.height, 1);
  const t = texture.data;
  const d = canvas.data;
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const w = h[6]! * px + h[7]! * py + h[8]!;
      const u = (h[0]! * px + h[1]! * py + h[2]!) / w - 0.5;
      const v = (h[3]! * px + h[4]! * py + h[5]!) / w - 0.5;
      if (u <= -1 || v <= -1 || u >= tw || v >= th) continue;
      const u0 = Math.floor(u);
      const v0 = Math.floor(v);
      const fu = u - u0;
      const fv = v - v0;
      // Bilinear filtering, weighted by alpha so that transparent texels do not darken the edge;
      // texels outside the texture count as transparent, which anti-aliases the card's outline.
      let alpha = 0;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < 4; k++) {
        const tx = u0 + (k & 1);
        const ty = v0 + (k >> 1);
        if (tx < 0 || ty < 0 || tx >= tw || ty >= th) continue;
        const q = (ty * tw + tx) * 4;
        const a = (t[q + 3]! / 255) * ((k & 1 ? fu : 1 - fu) * (k >> 1 ? fv : 1 - fv));
        alpha += a;
        r += t[q]! * a;
        g += t[q + 1]! * a;
        b += t[q + 2]! * a;
      }
      if (alpha <= 0) continue;
      const p = (y * canvas.width + x) * 4;
      const keep = 1 - alpha;
      d[p] = d[p]! * keep + r;
      d[p + 1] = d[p + 1]! * keep + g;
      d[p + 2] = d[p + 2]! * keep + b;
    }
  }
}

/** Shape of {@link drawShadow}'s shadow; the defaults suit a 1920x1080 frame. */
export interface ShadowStyle {
  /** Shift of the shadow from the card, in pixels. */
  readonly offset?: readonly [number, number];
  /** Width of the soft edge, in pixels. */
  readonly blur?: number;
  /** Darkening at the shadow's core (0-1). */
  readonly strength?: number;
}

/** Darkens the table under and below-right of the card, as a soft contact shadow. */
export function drawShadow(canvas: Canvas, quad: readonly Point[], style: ShadowStyle = {}): void {
  const offset = style.offset ?? ([8, 12] as const);
  const blur = style.blur ?? 18;
  const strength = style.strength ?? 0.45;
  const shifted = quad.map(([x, y]): Point => [x + offset[0], y + offset[1]]);
  // Distance to a convex polygon is the max of the distances to its edge lines, which is exact
  // inside and close enough outside.
  const edges = edgeLines(shifted);
  const xs = shifted.map((p) => p[0]);
  const ys = shifted.map((p) => p[1]);
  const left = Math.max(0, Math.floor(Math.min(...xs) - blur));
  const right = Math.min(canvas.width, Math.ceil(Math.max(...xs) + blur));
  const top = Math.max(0, Math.floor(Math.min(...ys) - blur));
  const bottom = Math.min(canvas.height, Math.ceil(Math.max(...ys) + blur));
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      let distance = -Infinity;
      for (const e of edges) distance = Math.max(distance, e.nx * x + e.ny * y + e.c);
      const s = clamp01(0.5 - distance / (2 * blur));
      const k = 1 - strength * s * s * (3 - 2 * s);
      const p = (y * canvas.width + x) * 4;
      canvas.data[p] = canvas.data[p]! * k;
      canvas.data[p + 1] = canvas.data[p + 1]! * k;
      canvas.data[p + 2] = canvas.data[p + 2]! * k;
    }
  }
}

/** Fills a convex polygon (clockwise, y down) with anti-aliased edges. */
export function fillConvex(
  canvas: Canvas,
  points: readonly Point[],
  colour: Rgb,
  opacity = 1,
): void {
  // Coverage from the signed distance to the polygon (max over the edge lines): exact inside and
  // along edges, a slight bevel only at sharp outer corners, which is invisible at these sizes.
  const edges = edgeLines(points);
  const { left, right, top, bottom } = pixelBounds(points, canvas.width, canvas.height, 1);
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
export function fillWith(
  canvas: Canvas,
  from: Rgb,
  to: Rgb,
  t: (x: number, y: number) => number,
): void {
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

/** One edge line of a polygon: outward unit normal (nx, ny) and offset, distance = nx x + ny y + c. */
export interface EdgeLine {
  readonly nx: number;
  readonly ny: number;
  readonly c: number;
}

/** The outward edge lines of a convex polygon given clockwise (y down). */
export function edgeLines(points: readonly Point[]): EdgeLine[] {
  return points.map((p, i) => {
    const q = points[(i + 1) % points.length]!;
    const length = Math.hypot(q[0] - p[0], q[1] - p[1]);
    const nx = (q[1] - p[1]) / length;
    const ny = -(q[0] - p[0]) / length;
    return { nx, ny, c: -(nx * p[0] + ny * p[1]) };
  });
}
