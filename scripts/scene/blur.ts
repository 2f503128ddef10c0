// The blurs of the scene renderers: what an out-of-focus or moving camera does to the light, and a
// lens's own softness. They work on float pixels with `channels` values per pixel (3, interleaved,
// for the studio set's FloatImage; 1 for the families' separate planes), edges clamped, and return
// new arrays. Sums run in the order each renderer summed them, so the fixtures' bytes do not move.
import { shift, type FloatImage } from './photo.ts';

/**
 * Normalised Gaussian weights out to 3σ (at least `minRadius` taps each side). `float32` stores
 * the weights as 32-bit floats, as the studio set was rendered with; the desk family's are doubles.
 */
export function gaussianKernel(
  sigma: number,
  minRadius = 0,
  precision: 'double' | 'float32' = 'double',
): ArrayLike<number> {
  const radius = Math.max(minRadius, Math.ceil(sigma * 3));
  const weights = Array.from({ length: 2 * radius + 1 }, (_, i) =>
    Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)),
  );
  let sum = 0;
  for (const w of weights) sum += w;
  if (precision === 'double') return weights.map((w) => w / sum);
  const stored = Float32Array.from(weights);
  for (let k = 0; k < stored.length; k++) stored[k] = stored[k]! / sum;
  return stored;
}

/**
 * Separable convolution with a symmetric `kernel` (odd length): rows first, then columns. One
 * channel (a plane) or three interleaved; each has its own loop with its sums in locals, as the
 * hot loop it is (a per-channel inner loop was 1.8x slower).
 */
export function convolve(
  values: Float32Array,
  width: number,
  height: number,
  channels: 1 | 3,
  kernel: ArrayLike<number>,
): Float32Array {
  const radius = (kernel.length - 1) / 2;
  const pass = (input: Float32Array, horizontal: boolean): Float32Array => {
    const out = new Float32Array(input.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const p = (y * width + x) * channels;
        if (channels === 1) {
          let v = 0;
          for (let k = -radius; k <= radius; k++) {
            const sx = horizontal ? Math.min(Math.max(x + k, 0), width - 1) : x;
            const sy = horizontal ? y : Math.min(Math.max(y + k, 0), height - 1);
            v += input[sy * width + sx]! * kernel[k + radius]!;
          }
          out[p] = v;
          continue;
        }
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
        out[p] = r;
        out[p + 1] = g;
        out[p + 2] = b;
      }
    }
    return out;
  };
  return pass(pass(values, true), false);
}

/** Separable Gaussian blur of a float image (defocus approximated as Gaussian). */
export function gaussianBlur(image: FloatImage, sigma: number): FloatImage {
  const { width, height } = image;
  const kernel = gaussianKernel(sigma, 1, 'float32');
  return { width, height, rgb: convolve(image.rgb, width, height, 3, kernel) };
}

/**
 * Disc ("bokeh", pillbox) blur: what an out-of-focus lens does to a point, a uniform disc of
 * `radius` pixels. Row sums come from per-row prefix sums, so the cost is one add per disc row
 * rather than per disc pixel. One channel or three interleaved, as {@link convolve}.
 */
export function discBlurValues(
  values: Float32Array,
  width: number,
  height: number,
  channels: 1 | 3,
  radius: number,
): Float32Array {
  const stride = (width + 1) * channels;
  const prefix = new Float64Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        prefix[y * stride + (x + 1) * channels + c] =
          prefix[y * stride + x * channels + c]! + values[(y * width + x) * channels + c]!;
      }
    }
  }
  const r = Math.ceil(radius);
  const spans: number[] = [];
  for (let dy = -r; dy <= r; dy++)
    spans.push(Math.floor(Math.sqrt(Math.max(0, radius * radius - dy * dy)) + 0.5));
  const out = new Float32Array(values.length);
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
        const a = sy * stride + x0 * channels;
        const b = sy * stride + x1 * channels;
        rs += prefix[b]! - prefix[a]!;
        if (channels === 3) {
          gs += prefix[b + 1]! - prefix[a + 1]!;
          bs += prefix[b + 2]! - prefix[a + 2]!;
        }
        count += x1 - x0;
      }
      const p = (y * width + x) * channels;
      out[p] = rs / count;
      if (channels === 3) {
        out[p + 1] = gs / count;
        out[p + 2] = bs / count;
      }
    }
  }
  return out;
}

/** Disc blur of a float image ({@link discBlurValues}). */
export function discBlur(image: FloatImage, radius: number): FloatImage {
  const { width, height } = image;
  return { width, height, rgb: discBlurValues(image.rgb, width, height, 3, radius) };
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
