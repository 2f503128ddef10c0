// Focus measures over luma. The variance of the Laplacian is the classic one-number focus score:
// defocus removes exactly the high frequencies a Laplacian responds to. Motion blur removes them in
// one direction only, which a Laplacian (the sum of two directions) half hides, so the directional
// variances are offered too; analyze.ts uses their minimum. Both are absolute numbers that depend
// on content and scale: compare them with a floor at a fixed analysis size (analyze.ts normalises
// by contrast and document size), and relative to the best recent frame over time.
import { quadSpans } from './region.js';
import type { LumaFrame, Quad } from './types.js';

let spans = new Int32Array(0);

/** Options shared by the focus measures. */
export interface SharpnessOptions {
  /** Measure every `rowStep`-th row only (default 1): a cheaper estimate of the same statistic. */
  readonly rowStep?: number;
  /**
   * Skip pixels where the pixel or one of its 4 neighbours is at or above this luma (default:
   * none): a blown-out glare patch has no detail to be sharp or blurred, only an outline.
   */
  readonly ignoreFrom?: number;
}

/** Fills the module's span scratch for `region` and returns it. */
function spansFor(luma: LumaFrame, region: Quad | null): Int32Array {
  if (spans.length < 2 * luma.height) spans = new Int32Array(2 * luma.height);
  quadSpans(region, luma.width, luma.height, spans);
  return spans;
}

/**
 * Variance of the 4-neighbour Laplacian of luma over a quad's interior (null: the whole frame);
 * border pixels, which lack neighbours, are skipped. 0 when fewer than 2 pixels are measured.
 */
export function laplacianVariance(
  luma: LumaFrame,
  region: Quad | null = null,
  options: SharpnessOptions = {},
): number {
  const { data, width, height } = luma;
  const s = spansFor(luma, region);
  const step = Math.max(1, Math.floor(options.rowStep ?? 1));
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let y = 1; y < height - 1; y += step) {
    const x0 = Math.max(1, s[2 * y]!);
    const x1 = Math.min(width - 1, s[2 * y + 1]!);
    const row = y * width;
    // Integer accumulators per row keep the hot loop free of float conversions.
    let rowSum = 0;
    let rowSq = 0;
    for (let i = row + x0, end = row + x1; i < end; i++) {
      const l = 4 * data[i]! - data[i - 1]! - data[i + 1]! - data[i - width]! - data[i + width]!;
      rowSum += l;
      rowSq += l * l;
    }
    if (x1 > x0) {
      n += x1 - x0;
      sum += rowSum;
      sumSq += rowSq;
    }
  }
  if (n < 2) return 0;
  const mean = sum / n;
  return Math.max(0, sumSq / n - mean * mean);
}

/** Variances of the second derivative of luma along four directions (0°, 45°, 90°, 135°). */
export interface DirectionalSharpness {
  /** Along x. */
  readonly horizontal: number;
  /** Along the y = -x diagonal (up and right on screen), per unit step (÷4 for the √2 spacing). */
  readonly rising: number;
  /** Along y. */
  readonly vertical: number;
  /** Along the y = x diagonal (down and right on screen), per unit step. */
  readonly falling: number;
  /** The smallest of the four: motion blur in any direction drags it down. */
  readonly min: number;
}

/**
 * Second-derivative variances along four directions over a quad's interior (null: the whole
 * frame). Defocus lowers all four; motion blur lowers the one along the motion and leaves the
 * across one almost untouched, which a single Laplacian (a sum of the two) would hide.
 */
export function directionalSharpness(
  luma: LumaFrame,
  region: Quad | null = null,
  options: SharpnessOptions = {},
): DirectionalSharpness {
  const { data, width, height } = luma;
  const s = spansFor(luma, region);
  const step = Math.max(1, Math.floor(options.rowStep ?? 1));
  const ignore = options.ignoreFrom ?? 256;
  let n = 0;
  let s0 = 0;
  let q0 = 0;
  let s1 = 0;
  let q1 = 0;
  let s2 = 0;
  let q2 = 0;
  let s3 = 0;
  let q3 = 0;
  for (let y = 1; y < height - 1; y += step) {
    const x0 = Math.max(1, s[2 * y]!);
    const x1 = Math.min(width - 1, s[2 * y + 1]!);
    const row = y * width;
    let count = 0;
    for (let i = row + x0, end = row + x1; i < end; i++) {
      const a = i - width;
      const b = i + width;
      if (
        data[i]! >= ignore ||
        data[i - 1]! >= ignore ||
        data[i + 1]! >= ignore ||
        data[a]! >= ignore ||
        data[b]! >= ignore
      ) {
        continue;
      }
      count++;
      const c2 = 2 * data[i]!;
      const h = data[i - 1]! + data[i + 1]! - c2;
      const r = data[a + 1]! + data[b - 1]! - c2;
      const v = data[a]! + data[b]! - c2;
      const f = data[a - 1]! + data[b + 1]! - c2;
      s0 += h;
      q0 += h * h;
      s1 += r;
      q1 += r * r;
      s2 += v;
      q2 += v * v;
      s3 += f;
      q3 += f * f;
    }
    n += count;
  }
  if (n < 2) return { horizontal: 0, rising: 0, vertical: 0, falling: 0, min: 0 };
  const variance = (sum: number, sq: number): number => Math.max(0, sq / n - (sum / n) ** 2);
  const horizontal = variance(s0, q0);
  const rising = variance(s1, q1) / 4;
  const vertical = variance(s2, q2);
  const falling = variance(s3, q3) / 4;
  return {
    horizontal,
    rising,
    vertical,
    falling,
    min: Math.min(horizontal, rising, vertical, falling),
  };
}

// Keeps the focus measure finite on a blank region (luma std ≈ 0); negligible on real content.
const SHARPNESS_FLOOR_VARIANCE = 25;

/**
 * The focus measure the checks judge (documents and faces): the region's smallest directional
 * second-derivative variance, over its luma variance (so light and contrast do not pass for
 * focus), times its size in analysed pixels (a bigger region puts its detail at lower frequencies).
 */
export function normalisedSharpness(
  minDirectional: number,
  extent: number,
  lumaStd: number,
): number {
  return (10 * minDirectional * extent) / (lumaStd * lumaStd + SHARPNESS_FLOOR_VARIANCE);
}
