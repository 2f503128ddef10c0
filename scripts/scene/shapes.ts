// Signed distances of the shapes the ray-cast families draw in a document's plane (mm): negative
// inside, so that a comparison with 0 is the shape's outline and the value is how deep a point lies.
import type { Point } from '../../src/quality/types.ts';
import { clamp01, mix } from './colour.ts';

/**
 * Distance from (px, py) to a capsule from a (radius ra) to b (radius rb), its radius tapering
 * linearly along the segment: with no radii, the distance to the segment ab.
 */
export function capsuleDistance(
  px: number,
  py: number,
  a: Point,
  b: Point,
  ra = 0,
  rb = ra,
): number {
  const bx = b[0] - a[0];
  const by = b[1] - a[1];
  const t = clamp01(((px - a[0]) * bx + (py - a[1]) * by) / (bx * bx + by * by || 1));
  return Math.hypot(px - a[0] - t * bx, py - a[1] - t * by) - mix(ra, rb, t);
}
