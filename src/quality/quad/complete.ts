// Three-sided completion: where the side of a document that runs out of the frame lies, from the
// three sides in view, the document's proportions and a pinhole camera. Used on the coarse lines by
// the candidate search, and again on the refined sides.
import { sideRatio } from '../shape.js';
import { QUAD_TUNING } from './tuning.js';

const { missingVisible } = QUAD_TUNING.candidates;

/** Length of the part of segment p→q inside the w×h frame (Liang-Barsky). */
function visibleLength(
  px: number,
  py: number,
  qx: number,
  qy: number,
  w: number,
  h: number,
): number {
  const dx = qx - px;
  const dy = qy - py;
  // The four frame edges in turn (left, right, top, bottom), unrolled: no arrays per call.
  clipT0 = 0;
  clipT1 = 1;
  if (!clipEdge(-dx, px) || !clipEdge(dx, w - px) || !clipEdge(-dy, py) || !clipEdge(dy, h - py)) {
    return 0;
  }
  return clipT1 > clipT0 ? (clipT1 - clipT0) * Math.hypot(dx, dy) : 0;
}

/** The parameter range visibleLength narrows. */
let clipT0 = 0;
let clipT1 = 1;

/** One Liang-Barsky step: narrows the range to where p·t <= q; false when the segment is out. */
function clipEdge(p: number, q: number): boolean {
  if (p === 0) return !(q < 0);
  const r = q / p;
  if (p < 0) clipT0 = Math.max(clipT0, r);
  else clipT1 = Math.min(clipT1, r);
  return true;
}

/** completeQuad's inputs the placements depend on (lines, direction, shape, frame, corners 0-1). */
const solvedKey = new Float64Array(19).fill(NaN);
/** Per target (the aspect, its inverse): whether solved for solvedKey's inputs, and the result. */
const solved = new Uint8Array(2);
const solvedT = new Float64Array(2);

/** The same number, telling 0 from -0 (a placement could tell them apart). */
function sameNumber(a: number, b: number): boolean {
  return a === b && (a !== 0 || 1 / a === 1 / b);
}

/**
 * Places the missing side of a document seen on three sides: `l1` and `l2` (homogeneous lines
 * a·x + b·y + c = 0 in coordinates centred on the w×h frame) run out of view, `lb` closes them; the
 * corners l1∩lb and l2∩lb are in `corners[0..3]` (canvas coordinates), (ux, uy) is the direction
 * along l1 into the document. Under perspective the missing side goes through its vanishing point,
 * which lies on lb and, for a pinhole camera of focal length `focal`, in the direction orthogonal
 * (in 3D) to the pair's. It is placed where the document's shape puts it, long side either way,
 * whichever keeps it out of view; writes corners[4..7] and returns true when there is one. With
 * `inView`, a placement wholly in view is also taken when `inView(corners)` says its edge is there
 * (a side too faint, or too covered by fingers, to make a line of its own); with `inViewOnly`,
 * only such a placement is taken.
 */
export function completeQuad(
  l1: readonly [number, number, number],
  l2: readonly [number, number, number],
  lb: readonly [number, number, number],
  ux: number,
  uy: number,
  aspect: number,
  focal: number,
  w: number,
  h: number,
  corners: number[],
  inView: ((corners: number[]) => boolean) | null = null,
  inViewOnly = false,
): boolean {
  const hw = w / 2;
  const hh = h / 2;
  const [l1x, l1y, l1z] = l1;
  const [l2x, l2y, l2z] = l2;
  const [lbx, lby, lbz] = lb;
  // V1 = l1 × l2; V2 = lb × k, where k = (V1x, V1y, f²·V1z) is the line of points orthogonal to V1.
  const v1x = l1y * l2z - l1z * l2y;
  const v1y = l1z * l2x - l1x * l2z;
  const v1z = l1x * l2y - l1y * l2x;
  const kx = v1x;
  const ky = v1y;
  const kz = v1z * focal * focal;
  const v2x = lby * kz - lbz * ky;
  const v2y = lbz * kx - lbx * kz;
  const v2z = lbx * ky - lby * kx;
  // Missing side through P(t) = corner 0 + t·u and V2; corner 2 on l2.
  const at = placing;
  at.ox = corners[0]! - hw;
  at.oy = corners[1]! - hh;
  at.ux = ux;
  at.uy = uy;
  at.v2x = v2x;
  at.v2y = v2y;
  at.v2z = v2z;
  at.l2x = l2x;
  at.l2y = l2y;
  at.l2z = l2z;
  at.hw = hw;
  at.hh = hh;
  at.corners = corners;
  // The candidate search asks twice for the same three sides (out of view, then with a faint side
  // in view): the placements solved for the last three sides are taken over.
  const key = solvedKey;
  const inputs = [
    l1x,
    l1y,
    l1z,
    l2x,
    l2y,
    l2z,
    lbx,
    lby,
    lbz,
    ux,
    uy,
    aspect,
    focal,
    w,
    h,
  ] as const;
  let same = true;
  for (let k = 0; k < inputs.length; k++) same &&= sameNumber(key[k]!, inputs[k]);
  for (let k = 0; k < 4; k++) same &&= sameNumber(key[inputs.length + k]!, corners[k]!);
  if (!same) {
    for (let k = 0; k < inputs.length; k++) key[k] = inputs[k];
    for (let k = 0; k < 4; k++) key[inputs.length + k] = corners[k]!;
    solved[0] = 0;
    solved[1] = 0;
  }
  // Side ratio |0→1| / |0→3| falls as t grows; the document's long side is either the closing
  // side (ratio = aspect, nearer) or the pair's (ratio = 1 / aspect, farther).
  for (let n = 0; n < 2; n++) {
    if (!solved[n]) {
      const target = n === 0 ? aspect : 1 / aspect;
      solvedT[n] = solveRatio(at, target, Math.hypot(w, h), w, h);
      solved[n] = 1;
    }
    const t = solvedT[n]!;
    if (t <= 0 || !place(at, t)) continue;
    // The missing side must really be out of view, or its edge would have been seen.
    const missing = Math.hypot(corners[6]! - corners[4]!, corners[7]! - corners[5]!);
    const seen = visibleLength(corners[4]!, corners[5]!, corners[6]!, corners[7]!, w, h);
    if (seen <= missingVisible * missing) {
      if (!inViewOnly) return true;
      continue;
    }
    // In view after all: accepted only when the caller finds its (faint) edge there.
    if (inView && seen >= 0.999 * missing && inView(corners)) return true;
  }
  return false;
}

/**
 * The t > 0 at which sideRatio of the corners `place(t)` writes equals `target` (the ratio falls
 * as t grows), by bracketing and bisection; -1 when there is none.
 */
function solveRatio(at: Placing, target: number, scale: number, w: number, h: number): number {
  const corners = at.corners;
  let lo = 0.01 * scale;
  let hi = scale;
  if (!place(at, lo) || sideRatio(corners, w, h) < target) return -1;
  for (let k = 0; k < 6; k++) {
    if (!place(at, hi)) return -1;
    if (sideRatio(corners, w, h) <= target) break;
    if (k === 5) return -1;
    hi *= 2;
  }
  for (let k = 0; k < 24; k++) {
    const mid = (lo + hi) / 2;
    if (!place(at, mid)) return -1;
    if (sideRatio(corners, w, h) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** What placing the missing side at a given t needs (completeQuad's, in frame-centred coordinates). */
interface Placing {
  ox: number;
  oy: number;
  ux: number;
  uy: number;
  v2x: number;
  v2y: number;
  v2z: number;
  l2x: number;
  l2y: number;
  l2z: number;
  hw: number;
  hh: number;
  corners: number[];
}

/** The one Placing, filled by each completeQuad call (a closure per call cost more than it). */
const placing: Placing = {
  ox: 0,
  oy: 0,
  ux: 0,
  uy: 0,
  v2x: 0,
  v2y: 0,
  v2z: 0,
  l2x: 0,
  l2y: 0,
  l2z: 0,
  hw: 0,
  hh: 0,
  corners: [],
};

/**
 * The missing side through P(t) = corner 0 + t·u and V2: writes corners 2 (on l2) and 3 (P(t)) to
 * corners[4..7]; false when it is parallel to l2.
 */
function place(at: Placing, t: number): boolean {
  const { ox, oy, ux, uy, v2x, v2y, v2z, l2x, l2y, l2z, hw, hh, corners } = at;
  const px = ox + t * ux;
  const py = oy + t * uy;
  const dx = py * v2z - v2y;
  const dy = v2x - px * v2z;
  const dz = px * v2y - py * v2x;
  const cx = l2y * dz - l2z * dy;
  const cy = l2z * dx - l2x * dz;
  const cz = l2x * dy - l2y * dx;
  if (Math.abs(cz) < 1e-12) return false;
  corners[4] = cx / cz + hw;
  corners[5] = cy / cz + hh;
  corners[6] = px + hw;
  corners[7] = py + hh;
  return true;
}
