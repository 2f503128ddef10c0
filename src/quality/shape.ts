// The true long/short side ratio of a rectangle seen in perspective. Tilting a card by 25° changes
// the ratio of its apparent sides by 10-20%, as much as the difference between an ID-1 card and a
// passport page, so the "wrong shape" check and the detector's shape prior undo the perspective
// first (Zhang & He, "Whiteboard scanning and image enhancement", 2007) with a phone-like focal
// length, instead of averaging opposite sides.
import type { Quad } from './types.js';

/** A phone camera's focal length as a share of the frame's long side (~65° field of view). */
export const DEFAULT_FOCAL_SHARE = 0.78;

/**
 * Long side / short side of the rectangle whose perspective image is `quad` (clockwise corners, in
 * a frame of `width`×`height` with the principal point at its centre), for a pinhole camera of
 * focal length `focal` px (default: estimated from the quad when its perspective is strong enough
 * both ways, else DEFAULT_FOCAL_SHARE of the long side). Falls back to the ratio of averaged
 * opposite sides when the quad is degenerate. 0 for a quad without area.
 */
export function rectifiedAspect(quad: Quad, width: number, height: number, focal?: number): number {
  return cornersAspect(
    [
      quad[0][0],
      quad[0][1],
      quad[1][0],
      quad[1][1],
      quad[2][0],
      quad[2][1],
      quad[3][0],
      quad[3][1],
    ],
    width,
    height,
    focal,
  );
}

/**
 * The focal lengths of the cameras a person may hold, as shares of the frame's long side: from a
 * 55° field of view (a mild tele or a cropped main camera) to 80° (an ultra-wide-ish main camera).
 */
export const FOCAL_SHARE_RANGE = [
  0.5 / Math.tan((55 / 2) * (Math.PI / 180)),
  0.5 / Math.tan(40 * (Math.PI / 180)),
] as const;

/**
 * How far `quad`'s rectified proportions are from `expected` (relative, 0 = exact), for the camera
 * that fits best: the focal length the quad gives away when its perspective shows it both ways,
 * else any of the range people's cameras have ({@link FOCAL_SHARE_RANGE}). Tilted about one axis, a
 * quad cannot tell a 55° camera from an 80° one, and the aspect it implies differs by up to ~10 %
 * between them: "wrong shape" should mean wrong for every camera, not for the one assumed.
 */
export function aspectError(quad: Quad, width: number, height: number, expected: number): number {
  const long = Math.max(width, height);
  const error = (aspect: number) => (aspect > 0 ? Math.abs(aspect / expected - 1) : Infinity);
  let best = error(rectifiedAspect(quad, width, height));
  const steps = 8;
  for (let i = 0; i <= steps; i++) {
    const share =
      FOCAL_SHARE_RANGE[0] + ((FOCAL_SHARE_RANGE[1] - FOCAL_SHARE_RANGE[0]) * i) / steps;
    best = Math.min(best, error(rectifiedAspect(quad, width, height, share * long)));
  }
  return best;
}

/** rectifiedAspect over flat clockwise corners [x0, y0, x1, y1, x2, y2, x3, y3] (no allocation). */
export function cornersAspect(
  c: ArrayLike<number>,
  width: number,
  height: number,
  focal?: number,
): number {
  const r = sideRatio(c, width, height, focal);
  return r >= 1 ? r : r > 0 ? 1 / r : 0;
}

/**
 * Rectified length of side 0→1 over side 0→3 of flat corners [x0, y0, ..., x3, y3] given in cycle
 * order (either direction), for a pinhole camera as in rectifiedAspect (a given `focal` is used
 * as is). 0 when degenerate.
 */
export function sideRatio(
  c: ArrayLike<number>,
  width: number,
  height: number,
  focal?: number,
): number {
  const estimate = focal === undefined;
  if (focal === undefined) focal = DEFAULT_FOCAL_SHARE * Math.max(width, height);
  const cx = width / 2;
  const cy = height / 2;
  // m1 = corner 0, m2 = corner 1, m4 = corner 2 (opposite m1), m3 = corner 3; homogeneous, centred.
  const x1 = c[0]! - cx;
  const y1 = c[1]! - cy;
  const x2 = c[2]! - cx;
  const y2 = c[3]! - cy;
  const x4 = c[4]! - cx;
  const y4 = c[5]! - cy;
  const x3 = c[6]! - cx;
  const y3 = c[7]! - cy;
  const d2 = triple(x2, y2, x4, y4, x3, y3);
  const d3 = triple(x3, y3, x4, y4, x2, y2);
  if (Math.abs(d2) > 1e-9 && Math.abs(d3) > 1e-9) {
    const k2 = triple(x1, y1, x4, y4, x3, y3) / d2;
    const k3 = triple(x1, y1, x4, y4, x2, y2) / d3;
    // n2 = k2·m2 - m1 and n3 = k3·m3 - m1 are the rectangle's two side directions up to scale.
    const n2x = k2 * x2 - x1;
    const n2y = k2 * y2 - y1;
    const n2z = k2 - 1;
    const n3x = k3 * x3 - x1;
    const n3y = k3 * y3 - y1;
    const n3z = k3 - 1;
    let f2 = focal * focal;
    // With clear perspective both ways, the quad itself tells the focal length (the two side
    // directions must be orthogonal in 3D); trust it within reason, else keep the assumed one.
    if (estimate && Math.abs(n2z) > 0.04 && Math.abs(n3z) > 0.04) {
      const f2q = -(n2x * n3x + n2y * n3y) / (n2z * n3z);
      if (f2q > 0.25 * f2 && f2q < 4 * f2) f2 = f2q;
    }
    const a = (n2x * n2x + n2y * n2y) / f2 + n2z * n2z;
    const b = (n3x * n3x + n3y * n3y) / f2 + n3z * n3z;
    if (a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b)) return Math.sqrt(a / b);
  }
  const along = (Math.hypot(x2 - x1, y2 - y1) + Math.hypot(x4 - x3, y4 - y3)) / 2;
  const across = (Math.hypot(x4 - x2, y4 - y2) + Math.hypot(x3 - x1, y3 - y1)) / 2;
  return along > 0 && across > 0 ? along / across : 0;
}

/** (a × b) · p for the homogeneous points a, b, p (z = 1). */
function triple(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  return (ay - by) * px + (bx - ax) * py + (ax * by - ay * bx);
}
