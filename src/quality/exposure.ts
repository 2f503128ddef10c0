// Exposure and contrast from a luma histogram of the document region (or the whole frame): the mean
// says too dark / too bright, the standard deviation says washed out, the clipped shares say how
// much detail is gone at either end.
import { quadSpans } from './region.js';
import type { LumaFrame, Quad } from './types.js';

/** Luma statistics of a region. */
export interface ExposureStats {
  /** Mean luma, 0-255. */
  readonly mean: number;
  /** Standard deviation of luma (contrast), 0-255. */
  readonly std: number;
  /** Median luma, 0-255. */
  readonly median: number;
  /** Share of pixels at or below `clipLow` (crushed shadows). */
  readonly clippedLow: number;
  /** Share of pixels at or above `clipHigh` (blown highlights). */
  readonly clippedHigh: number;
  /** Standard deviation of the pixels below `clipHigh` (the print, without a glare patch). */
  readonly stdUnclipped: number;
  /** Pixels measured. */
  readonly count: number;
}

/** Where the histogram counts a pixel as clipped. */
export interface ExposureOptions {
  /** Luma at or below which a pixel counts as crushed (default 8). */
  readonly clipLow?: number;
  /** Luma at or above which a pixel counts as blown (default 250). */
  readonly clipHigh?: number;
  /** Measure every `step`-th pixel of every `step`-th row only (default 1): a cheaper estimate. */
  readonly step?: number;
}

// Scratch reused across frames: frames come at a steady size, so these are allocated once.
const histogram = new Uint32Array(256);
let spans = new Int32Array(0);

/** Luma histogram statistics over a quad's interior (null: the whole frame). */
export function exposureStats(
  luma: LumaFrame,
  region: Quad | null = null,
  options: ExposureOptions = {},
): ExposureStats {
  const { data, width, height } = luma;
  if (spans.length < 2 * height) spans = new Int32Array(2 * height);
  quadSpans(region, width, height, spans);
  histogram.fill(0);
  const step = Math.max(1, Math.floor(options.step ?? 1));
  for (let y = 0; y < height; y += step) {
    const row = y * width;
    for (let i = row + spans[2 * y]!, end = row + spans[2 * y + 1]!; i < end; i += step) {
      histogram[data[i]!]!++;
    }
  }
  let count = 0;
  let sum = 0;
  let sumSq = 0;
  for (let v = 0; v < 256; v++) {
    const c = histogram[v]!;
    count += c;
    sum += c * v;
    sumSq += c * v * v;
  }
  if (count === 0) {
    return { mean: 0, std: 0, median: 0, clippedLow: 0, clippedHigh: 0, stdUnclipped: 0, count };
  }
  const clipLow = options.clipLow ?? 8;
  const clipHigh = options.clipHigh ?? 250;
  let low = 0;
  let high = 0;
  let median = -1;
  let seen = 0;
  let keptSum = 0;
  let keptSq = 0;
  for (let v = 0; v < 256; v++) {
    const c = histogram[v]!;
    if (v <= clipLow) low += c;
    if (v >= clipHigh) high += c;
    else {
      keptSum += c * v;
      keptSq += c * v * v;
    }
    seen += c;
    if (median < 0 && seen * 2 >= count) median = v;
  }
  const mean = sum / count;
  const kept = count - high;
  const keptMean = kept > 0 ? keptSum / kept : 0;
  return {
    mean,
    std: Math.sqrt(Math.max(0, sumSq / count - mean * mean)),
    median,
    clippedLow: low / count,
    clippedHigh: high / count,
    stdUnclipped: kept > 0 ? Math.sqrt(Math.max(0, keptSq / kept - keptMean * keptMean)) : 0,
    count,
  };
}
