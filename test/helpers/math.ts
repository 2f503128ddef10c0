// Pure helpers shared by the fixture generators (Node) and the browser test scenes: no DOM, no
// Node APIs, so both sides import the same code and draw the same pixels.

// One seeded PRNG (mulberry32), shared with the SDK's reproducible challenge draws.
export { seededRandom as prng } from '../../src/random.js';

// The homography solver ships with the SDK (the straightened capture uses it); one copy.
export { homography } from '../../src/quality/geometry.js';

/** A homography (row-major 3x3, as `homography` returns it) applied to the point (x, y). */
export function applyHomography(h: readonly number[], x: number, y: number): [number, number] {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/**
 * The pixels a drawing of `points` may touch in a `width` x `height` frame: its bounding box
 * widened by `pad` pixels, clipped to the frame (`right` and `bottom` exclusive).
 */
export function pixelBounds(
  points: readonly (readonly [number, number])[],
  width: number,
  height: number,
  pad: number,
): { left: number; right: number; top: number; bottom: number } {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return {
    left: Math.max(0, Math.floor(Math.min(...xs)) - pad),
    right: Math.min(width, Math.ceil(Math.max(...xs)) + pad),
    top: Math.max(0, Math.floor(Math.min(...ys)) - pad),
    bottom: Math.min(height, Math.ceil(Math.max(...ys)) + pad),
  };
}
