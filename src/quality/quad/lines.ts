// Stage 2a of the quad finder: lines from the Hough accumulator's peaks, and how much of any
// stretch of a line is backed by edge pixels of its orientation (read in O(1) from per-line prefix
// sums, so the candidate search can score thousands of sides per frame).
import { QUAD_TUNING } from './tuning.js';
import { COS, orientationGap, SIN, THETA_BINS, type Workspace } from './workspace.js';

const {
  maxCandidates,
  maxLines,
  relativeFloor,
  bucketDeg,
  maxPerBucket,
  mergeDeg,
  mergeRho,
  supportToleranceDeg,
  supportReach,
} = QUAD_TUNING.lines;

/**
 * Offsets across a line at which support is probed, nearest first (0, -1, 1, -2, 2, ...): a backed
 * sample is found after fewer reads, and whether any probe finds an edge does not depend on order.
 */
const PROBES = Int8Array.from({ length: 2 * supportReach + 1 }, (_, j) =>
  j === 0 ? 0 : j % 2 ? -((j + 1) >> 1) : j >> 1,
);

/** Lines kept per orientation bucket of the current frame (scratch, reset each frame). */
const bucketCounts = new Uint8Array(Math.ceil(180 / bucketDeg));

/** A Hough line at the coarse size: normal (c, s) at `deg` degrees, offset `rho` from the centre. */
export interface Line {
  deg: number;
  c: number;
  s: number;
  rho: number;
  votes: number;
  /** Canvas coordinates of the point at t = 0 (the foot of the normal from the centre). */
  bx: number;
  by: number;
  /** Visible parameter range start, and number of unit samples in the support profile. */
  t0: number;
  len: number;
  /** Offset of this line's prefix sums in the workspace's `cum` buffer. */
  off: number;
}

/** Visible length of a stretch of line and how much of it edges back, px at the coarse size. */
export interface SideSpan {
  seen: number;
  backed: number;
}

/** Local maxima of the accumulator, strongest first, merged when they describe the same line. */
export function houghLines(ws: Workspace, minVotes: number, strongest: number): Line[] {
  const { acc, rhoBins, rhoOffset, candBin, candRho, candVotes } = ws;
  // Relative floor: in heavy texture, keep the search to lines that matter next to the strongest.
  const floor = Math.max(minVotes, relativeFloor * strongest);
  let count = 0;
  for (let b = 0; b < THETA_BINS && count < maxCandidates; b++) {
    // No cell of this row reaches the floor (most rows, in a frame with a few strong lines).
    if (ws.rowMax[b]! < floor) continue;
    const row = b * rhoBins;
    for (let r = 2; r < rhoBins - 2; r++) {
      const v = acc[row + r]!;
      if (v < floor) continue;
      let isMax = true;
      for (let db = -2; db <= 2 && isMax; db++) {
        const bb = b + db;
        // At the 0°/180° seam the neighbour is the mirrored line; skipping it can leave a duplicate,
        // which the merge below removes.
        if (bb < 0 || bb >= THETA_BINS) continue;
        const nrow = bb * rhoBins;
        for (let dr = -2; dr <= 2; dr++) {
          if (db === 0 && dr === 0) continue;
          const u = acc[nrow + r + dr]!;
          // Ties go to the first cell in scan order.
          if (u > v || (u === v && (db < 0 || (db === 0 && dr < 0)))) {
            isMax = false;
            break;
          }
        }
      }
      if (!isMax) continue;
      if (count === maxCandidates) break;
      // Sub-bin ρ from a parabola through the peak and its neighbours.
      const l = acc[row + r - 1]!;
      const rr = acc[row + r + 1]!;
      const den = l - 2 * v + rr;
      const shift = den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (l - rr)) / den)) : 0;
      candBin[count] = b;
      candRho[count] = r + shift - rhoOffset;
      candVotes[count] = v;
      count++;
    }
  }
  const order = Array.from({ length: count }, (_, k) => k).sort(
    (p, q) => candVotes[q]! - candVotes[p]! || p - q,
  );
  const lines: Line[] = [];
  // At most a few lines per orientation: wood grain or a striped cloth makes dozens of long parallel
  // lines that would otherwise crowd out the short sides of a small document across them.
  bucketCounts.fill(0);
  for (const k of order) {
    const deg = candBin[k]!;
    const rho = candRho[k]!;
    const bucket = Math.floor(deg / bucketDeg) % bucketCounts.length;
    if (bucketCounts[bucket]! >= maxPerBucket) continue;
    let duplicate = false;
    for (const line of lines) {
      const d = Math.abs(line.deg - deg);
      const sameRho = d <= 90 ? Math.abs(line.rho - rho) : Math.abs(line.rho + rho);
      if (orientationGap(line.deg, deg) <= mergeDeg && sameRho <= mergeRho) {
        duplicate = true;
        break;
      }
    }
    if (duplicate) continue;
    const c = COS[deg]!;
    const s = SIN[deg]!;
    lines.push({ deg, c, s, rho, votes: candVotes[k]!, bx: 0, by: 0, t0: 0, len: 0, off: 0 });
    bucketCounts[bucket] = bucketCounts[bucket]! + 1;
    if (lines.length === maxLines) break;
  }
  return lines;
}

/**
 * Fills a line's support profile: for each unit step along its visible part, whether an edge pixel
 * of matching orientation lies within supportReach px, as prefix sums.
 */
export function supportProfile(line: Line, index: number, ws: Workspace): void {
  const { width: w, height: h, orientation, cum, maxLen } = ws;
  const { c, s, rho, deg } = line;
  const bx = w / 2 + rho * c;
  const by = h / 2 + rho * s;
  // Direction (-s, c); clip t to the box where edges were computed (Liang-Barsky).
  let t0 = -Infinity;
  let t1 = Infinity;
  const clip = (p: number, d: number, lo: number, hi: number): void => {
    if (Math.abs(d) < 1e-9) {
      if (p < lo || p > hi) t1 = -Infinity;
      return;
    }
    const ta = (lo - p) / d;
    const tb = (hi - p) / d;
    t0 = Math.max(t0, Math.min(ta, tb));
    t1 = Math.min(t1, Math.max(ta, tb));
  };
  clip(bx, -s, 2.5, w - 2.5);
  clip(by, c, 2.5, h - 2.5);
  const len = t1 > t0 ? Math.min(maxLen, Math.floor(t1 - t0) + 1) : 0;
  const off = index * (maxLen + 1);
  line.bx = bx;
  line.by = by;
  line.t0 = t0;
  line.len = len;
  line.off = off;
  cum[off] = 0;
  let total = 0;
  // Every sample lies 2.5 px or more inside the frame (the clip above) and supportReach ≤ 2, so
  // each pixel read is in the frame: truncation floors, and no bounds test is needed.
  for (let i = 0; i < len; i++) {
    const t = t0 + i;
    const x = bx - t * s;
    const y = by + t * c;
    let found = 0;
    for (let j = 0; j < PROBES.length; j++) {
      const k = PROBES[j]!;
      const a = orientation[((y + k * s) | 0) * w + ((x + k * c) | 0)]!;
      if (a < 0) continue;
      // orientationGap(a, deg), inlined: both lie in [0°, 180°).
      let d = a > deg ? a - deg : deg - a;
      if (d > 90) d = 180 - d;
      if (d <= supportToleranceDeg) {
        found = 1;
        break;
      }
    }
    total += found;
    cum[off + i + 1] = total;
  }
}

/**
 * Visible and edge-backed length of the segment p→q of `line` (coarse canvas coordinates), written
 * to `out`: the caller owns it, so the candidate search's inner loop allocates nothing.
 */
export function sideSupport(
  line: Line,
  ws: Workspace,
  px: number,
  py: number,
  qx: number,
  qy: number,
  out: SideSpan,
): void {
  const dx = -line.s;
  const dy = line.c;
  const tp = (px - line.bx) * dx + (py - line.by) * dy;
  const tq = (qx - line.bx) * dx + (qy - line.by) * dy;
  const lo = Math.max(Math.min(tp, tq), line.t0);
  const hi = Math.min(Math.max(tp, tq), line.t0 + line.len - 1);
  if (hi <= lo) {
    out.seen = 0;
    out.backed = 0;
    return;
  }
  const i0 = Math.round(lo - line.t0);
  const i1 = Math.round(hi - line.t0) + 1;
  const seen = hi - lo;
  out.seen = seen;
  out.backed = Math.min(seen, ws.cum[line.off + i1]! - ws.cum[line.off + i0]!);
}

/** Edge support of a line over its whole visible length. */
export function lineSupport(line: Line, ws: Workspace): number {
  return ws.cum[line.off + line.len]!;
}

/** Intersection of two Hough lines in coarse canvas coordinates (written to `out`). */
export function meet(a: Line, b: Line, ws: Workspace, out: number[], at: number): boolean {
  const det = a.c * b.s - a.s * b.c;
  if (Math.abs(det) < 1e-6) return false;
  out[at] = (a.rho * b.s - a.s * b.rho) / det + ws.width / 2;
  out[at + 1] = (a.c * b.rho - a.rho * b.c) / det + ws.height / 2;
  return true;
}

/**
 * Share (0-1) of the segment p→q (coarse canvas coordinates, inside the frame) backed by edge
 * pixels of its orientation within supportReach px, as supportProfile counts it for a line: for a
 * side that no Hough line stands for (too faint to make a peak). With `floor`, it stops as soon as
 * the share cannot reach it and returns some share below it.
 */
export function segmentSupport(
  ws: Workspace,
  px: number,
  py: number,
  qx: number,
  qy: number,
  floor = 0,
): number {
  const { width: w, height: h, orientation } = ws;
  const length = Math.hypot(qx - px, qy - py);
  if (length < 1) return 0;
  const dx = (qx - px) / length;
  const dy = (qy - py) / length;
  // The segment's orientation as the edges store it: the gradient's (normal's), mod 180°.
  let deg = (Math.atan2(dx, -dy) * 180) / Math.PI;
  if (deg < 0) deg += 180;
  if (deg >= 180) deg -= 180;
  let backed = 0;
  const steps = Math.floor(length);
  const needed = floor * (steps + 1);
  // Every probe lies within supportReach px of the segment (and rounding far below a pixel): with
  // a pixel's margin more all around, none needs its bounds tested.
  const margin = supportReach + 1;
  const inner =
    Math.min(px, qx) >= margin &&
    Math.min(py, qy) >= margin &&
    Math.max(px, qx) < w - margin &&
    Math.max(py, qy) < h - margin;
  for (let i = 0; i <= steps; i++) {
    if (backed + steps + 1 - i < needed) break;
    const x = px + i * dx;
    const y = py + i * dy;
    for (let j = 0; j < PROBES.length; j++) {
      const k = PROBES[j]!;
      // In the frame exactly when the floored pixel is (w and h are integers); there, truncation
      // floors.
      const fx = x - k * dy;
      const fy = y + k * dx;
      if (!inner && !(fx >= 0 && fy >= 0 && fx < w && fy < h)) continue;
      const a = orientation[(fy | 0) * w + (fx | 0)]!;
      if (a < 0) continue;
      // orientationGap(a, deg), inlined: both lie in [0°, 180°].
      let d = a > deg ? a - deg : deg - a;
      if (d > 90) d = 180 - d;
      if (d <= supportToleranceDeg) {
        backed++;
        break;
      }
    }
  }
  return backed / (steps + 1);
}

/**
 * The strongest accumulator cell within `degReach` degrees and `rhoReach` px of the line at `deg`
 * (normal, 0-180) and `rho` (from the coarse frame's centre): a line too faint to be a peak above
 * the floors, looked for where the other sides say it is. Writes its deg and rho to `out` and
 * returns its votes.
 */
export function accumulatorPeak(
  ws: Workspace,
  deg: number,
  rho: number,
  degReach: number,
  rhoReach: number,
  out: { deg: number; rho: number },
): number {
  const { acc, rhoBins, rhoOffset } = ws;
  let best = 0;
  const b0 = Math.round(deg);
  for (let db = -degReach; db <= degReach; db++) {
    let bin = b0 + db;
    let r0 = rho;
    // Past the 0°/180° seam the same line has the mirrored normal.
    if (bin < 0) {
      bin += THETA_BINS;
      r0 = -rho;
    } else if (bin >= THETA_BINS) {
      bin -= THETA_BINS;
      r0 = -rho;
    }
    const row = bin * rhoBins;
    const lo = Math.max(0, Math.round(r0 - rhoReach) + rhoOffset);
    const hi = Math.min(rhoBins - 1, Math.round(r0 + rhoReach) + rhoOffset);
    for (let r = lo; r <= hi; r++) {
      const v = acc[row + r]!;
      if (v > best) {
        best = v;
        out.deg = bin;
        out.rho = r - rhoOffset;
      }
    }
  }
  return best;
}
