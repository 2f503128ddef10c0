// The floating-point photo the studio set and the document videos compose (RGB on a 0-255 scale,
// unclipped until `quantise`), so that light can exceed white before the sensor clips it: a glare
// core or an over-exposed card saturates exactly as a camera's does, and the noise that a real
// sensor adds below saturation does not appear above it. What happens to it between the scene and
// the file: the document warped in, lighting and vignette, a specular glare, exposure, contrast,
// sensor noise and quantisation (the blurs are in blur.ts).
import type { Point, Quad } from '../../src/quality/types.ts';
import { pixelBounds, prng } from '../../test/helpers/math.ts';
import { luma, type Rgb } from './colour.ts';
import { normalSource, uniform } from './random.ts';
import { lightingMap, textureHomography, type Canvas } from './raster.ts';

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
  const h = textureHomography(quad, tw, th);
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
  const { left, right, top, bottom } = pixelBounds(quad, width, height, 1);
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

/** Lighting of the scene: the rasters' vignette (lightingMap), a random brightness slope and white balance. */
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
  const normal = normalSource(prng(0x5eed));
  const table = new Float32Array(1 << 16);
  for (let i = 0; i < table.length; i++) table[i] = normal();
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
