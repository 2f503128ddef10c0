// The document region as row spans: the checks that look "inside the document" (sharpness,
// exposure, glare) walk rows between two x bounds instead of testing every pixel against a polygon.
import type { Point, Quad } from './types.js';

/**
 * Row spans of a convex quad on a width×height raster (canvas convention: pixel (x, y) covers
 * [x, x+1)×[y, y+1), so its centre is (x+0.5, y+0.5)). For row y, pixels x0 ≤ x < x1 have their
 * centre inside; spans[2y] = x0, spans[2y+1] = x1 (x0 = x1 when the row is empty). A null quad means
 * the whole raster. Returns the number of pixels covered.
 */
export function quadSpans(
  quad: Quad | null,
  width: number,
  height: number,
  spans: Int32Array,
): number {
  if (spans.length < 2 * height) throw new RangeError('spans must hold 2 entries per row');
  if (!quad) {
    for (let y = 0; y < height; y++) {
      spans[2 * y] = 0;
      spans[2 * y + 1] = width;
    }
    return width * height;
  }
  let count = 0;
  for (let y = 0; y < height; y++) {
    const cy = y + 0.5;
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < 4; k++) {
      const [ax, ay] = quad[k]!;
      const [bx, by] = quad[(k + 1) % 4]!;
      // Half-open in y so that a vertex exactly on the row is counted by one edge only.
      if ((ay <= cy && by > cy) || (by <= cy && ay > cy)) {
        const x = ax + ((cy - ay) / (by - ay)) * (bx - ax);
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    }
    let x0 = 0;
    let x1 = 0;
    if (hi >= lo) {
      x0 = Math.max(0, Math.ceil(lo - 0.5));
      x1 = Math.min(width, Math.floor(hi - 0.5) + 1);
      if (x1 < x0) x1 = x0;
    }
    spans[2 * y] = x0;
    spans[2 * y + 1] = x1;
    count += x1 - x0;
  }
  return count;
}

/** The quad shrunk towards its centroid by `share` of each corner's distance (0 = unchanged). */
export function insetQuad(quad: Quad, share: number): Quad {
  const cx = (quad[0][0] + quad[1][0] + quad[2][0] + quad[3][0]) / 4;
  const cy = (quad[0][1] + quad[1][1] + quad[2][1] + quad[3][1]) / 4;
  const k = 1 - share;
  const at = (p: Point): Point => [cx + (p[0] - cx) * k, cy + (p[1] - cy) * k];
  return [at(quad[0]), at(quad[1]), at(quad[2]), at(quad[3])];
}

/** The quad with every coordinate multiplied by `factor` (between integer-downscaled rasters). */
export function scaleQuad(quad: Quad, factor: number): Quad {
  const at = (p: Point): Point => [p[0] * factor, p[1] * factor];
  return [at(quad[0]), at(quad[1]), at(quad[2]), at(quad[3])];
}
