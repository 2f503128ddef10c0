// Glare: blown-out highlight blobs inside the document region. Size is what separates glare from
// sparkle: a hologram or a laminate edge throws a few specular pixels that hide nothing, while a
// reflection of a lamp is one big patch that hides the text under it. Each blob therefore counts
// its area times min(1, area / reference area), so small blobs fade out quadratically.
import { quadSpans } from './region.js';
import type { LumaFrame, Quad } from './types.js';

/** Tunables of the glare measure. */
export interface GlareOptions {
  /** Luma at or above which a pixel is blown out (default 245). */
  readonly threshold?: number;
  /**
   * The region's median luma (when known): the threshold is raised to median + `medianMargin`, so a
   * white, evenly over-exposed document reads as "bright" rather than as one huge glare blob.
   */
  readonly median?: number;
  /** See `median` (default 12). */
  readonly medianMargin?: number;
  /** Blob area, as a share of the region, from which a blob counts fully (default 0.004). */
  readonly referenceShare?: number;
}

/** The glare measured in a region. */
export interface GlareStats {
  /** Size-weighted blown-out share of the region, 0-1. */
  readonly score: number;
  /** Unweighted blown-out share of the region, 0-1. */
  readonly share: number;
  /** Area of the largest blob, as a share of the region. */
  readonly largest: number;
  /** Number of blobs. */
  readonly blobs: number;
  /** The luma threshold that was applied. */
  readonly threshold: number;
}

let spans = new Int32Array(0);
let visited = new Uint8Array(0);
let stack = new Int32Array(0);

/**
 * Size-weighted share of blown-out pixels (4-connected blobs) inside a quad's interior (null: the
 * whole frame).
 */
export function glareStats(
  luma: LumaFrame,
  region: Quad | null = null,
  options: GlareOptions = {},
): GlareStats {
  const { data, width, height } = luma;
  const n = width * height;
  if (spans.length < 2 * height) spans = new Int32Array(2 * height);
  if (visited.length < n) {
    visited = new Uint8Array(n);
    stack = new Int32Array(n);
  }
  const count = quadSpans(region, width, height, spans);
  const base = options.threshold ?? 245;
  const threshold =
    options.median === undefined
      ? base
      : Math.min(254, Math.max(base, options.median + (options.medianMargin ?? 12)));
  if (count === 0) return { score: 0, share: 0, largest: 0, blobs: 0, threshold };
  const reference = Math.max(1, (options.referenceShare ?? 0.004) * count);

  // visited: 0 = not looked at, 1 = blown-out and in the region, 2 = already in a blob. Marking the
  // region's blown-out pixels first keeps the flood fill free of span tests.
  visited.fill(0, 0, n);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let i = row + spans[2 * y]!, end = row + spans[2 * y + 1]!; i < end; i++) {
      if (data[i]! >= threshold) visited[i] = 1;
    }
  }
  let weighted = 0;
  let total = 0;
  let largest = 0;
  let blobs = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let i = row + spans[2 * y]!, end = row + spans[2 * y + 1]!; i < end; i++) {
      if (visited[i] !== 1) continue;
      let top = 0;
      stack[top++] = i;
      visited[i] = 2;
      let area = 0;
      while (top > 0) {
        const p = stack[--top]!;
        area++;
        const px = p % width;
        if (px > 0 && visited[p - 1] === 1) {
          visited[p - 1] = 2;
          stack[top++] = p - 1;
        }
        if (px < width - 1 && visited[p + 1] === 1) {
          visited[p + 1] = 2;
          stack[top++] = p + 1;
        }
        if (p >= width && visited[p - width] === 1) {
          visited[p - width] = 2;
          stack[top++] = p - width;
        }
        if (p + width < n && visited[p + width] === 1) {
          visited[p + width] = 2;
          stack[top++] = p + width;
        }
      }
      blobs++;
      total += area;
      if (area > largest) largest = area;
      weighted += area * Math.min(1, area / reference);
    }
  }
  return {
    score: weighted / count,
    share: total / count,
    largest: largest / count,
    blobs,
    threshold,
  };
}
