// Stage 2b of the quad finder: candidate quads from pairs of near-parallel lines (the two pairs
// roughly perpendicular), each side scored by how much of its visible length edges back. Sides
// running past the real corners collect no support, so oversize candidates lose to the true
// outline, and an upper bound per pair of lines prunes most candidates unseen. A document cut by
// the frame along a whole side is searched for too: two lines running out of view, closed by a
// third, the missing side placed from the document's proportions (complete.ts).
import { cornersAspect, DEFAULT_FOCAL_SHARE } from '../shape.js';
import { completeQuad } from './complete.js';
import {
  accumulatorPeak,
  lineSupport,
  meet,
  segmentSupport,
  sideSupport,
  type Line,
  type SideSpan,
} from './lines.js';
import { isPassportAspect } from './spread.js';
import { QUAD_TUNING } from './tuning.js';
import { COS, DEG, orientationGap, SIN, type Workspace } from './workspace.js';

const {
  maxPairs,
  maxCombos,
  maxPairGapDeg,
  minCrossingDeg,
  minSideShare,
  cornerSlack,
  maxAspect,
  maxAspectError,
  cornerSkip,
  overshoot: overshootShare,
  unbackedPenalty,
  minSideSeen,
  minSideBacked,
  minBacked,
  aspectSigma,
  priorFloor,
  threeSidedFactor,
  closingSeen,
  closingBacked,
  pairSideSeen,
  pairSideBacked,
  minPairSeen,
  runOnShare,
  insideMargin,
  faintBacked,
  faintReach,
  faintDeg,
  faintLineRho,
  faintLengthBound,
} = QUAD_TUNING.candidates;

/** Scratch: the sorted pairs' mean orientations and bounds (Pair.deg, Pair.bound). */
const pairDeg = new Float64Array(maxPairs);
const pairBound = new Float64Array(maxPairs);
/** Scratch: the closing side's span in the three-sided search. */
const closingSpan: SideSpan = { seen: 0, backed: 0 };
/** Scratch corners of a faint side moved to the accumulator's peak near it. */
const snapCorners = [0, 0, 0, 0, 0, 0, 0, 0];

/** A near-parallel pair of lines. */
interface Pair {
  a: number;
  b: number;
  deg: number;
  /** Edge support of both lines over their whole visible length: no quad using them scores more. */
  bound: number;
}

/** The winning hypothesis: corners at the coarse size (cycle order) and its edge support. */
export interface BestQuad {
  readonly corners: number[];
  readonly support: number;
  /** The side from corner 2 to corner 3 is out of view and was placed from the document's shape. */
  readonly threeSided: boolean;
}

/** What sideScore found on one side, besides its score (seen and backed length, px). */
interface SideScore extends SideSpan {
  /** Largest backed share of the continuation past either end that was checked. */
  overshoot: number;
  /** The same past the start alone (0 when not checked). */
  overshootStart: number;
}

/** Scratch for the continuations sideScore checks (its callers only need the largest share). */
const past: SideSpan = { seen: 0, backed: 0 };

/**
 * Support of side p→q on `line`, judged between 5% and 95% of its length (documents have rounded
 * corners, and a card's outline must not lose to an inner line, a header band's edge, with square
 * ones), plus the support of the line's continuation past either end (up to 15% of the side): a
 * document's side stops at its corners, a plank seam or a table edge runs on. Returns the score
 * contribution; writes the side's seen and backed length and its overshoot to `out`.
 */
function sideScore(
  line: Line,
  ws: Workspace,
  px: number,
  py: number,
  qx: number,
  qy: number,
  skipStart: boolean,
  skipEnd: boolean,
  out: SideScore,
): number {
  const dx = qx - px;
  const dy = qy - py;
  const a = skipStart ? cornerSkip : 0;
  const b = skipEnd ? 1 - cornerSkip : 1;
  sideSupport(line, ws, px + a * dx, py + a * dy, px + b * dx, py + b * dy, out);
  let overshoot = 0;
  out.overshoot = 0;
  out.overshootStart = 0;
  if (skipStart) {
    sideSupport(line, ws, px - overshootShare * dx, py - overshootShare * dy, px, py, past);
    overshoot += past.backed;
    if (past.seen > 0) out.overshoot = Math.max(out.overshoot, past.backed / past.seen);
  }
  out.overshootStart = out.overshoot;
  if (skipEnd) {
    sideSupport(line, ws, qx, qy, qx + overshootShare * dx, qy + overshootShare * dy, past);
    overshoot += past.backed;
    if (past.seen > 0) out.overshoot = Math.max(out.overshoot, past.backed / past.seen);
  }
  // Backed length rewards the largest real outline; unbacked length punishes sides that run on
  // past the document; support past the corners says the corner is not one.
  return out.backed - unbackedPenalty * (out.seen - out.backed) - unbackedPenalty * overshoot;
}

/**
 * The line through corners c[4..5] and c[6..7] (coarse canvas coordinates) as Hough coordinates:
 * its normal's angle (0-180°) and offset from the w×h frame's centre, written to `out`.
 */
function segmentLine(
  c: readonly number[],
  w: number,
  h: number,
  out: { deg: number; rho: number },
): { deg: number; rho: number } {
  let deg = Math.atan2(c[6]! - c[4]!, c[5]! - c[7]!) / DEG;
  if (deg < 0) deg += 180;
  if (deg >= 180) deg -= 180;
  out.deg = deg;
  out.rho = (c[4]! - w / 2) * Math.cos(deg * DEG) + (c[5]! - h / 2) * Math.sin(deg * DEG);
  return out;
}

/** Whether canvas point (x, y) lies inside the w×h frame shrunk by `margin` px. */
export function inside(x: number, y: number, w: number, h: number, margin: number): boolean {
  return x >= margin && y >= margin && x <= w - margin && y <= h - margin;
}

/** Convex (all turns the same way) and with every side at least `minSide` long. */
function convexQuad(c: ArrayLike<number>, minSide: number): boolean {
  let sign = 0;
  for (let k = 0; k < 4; k++) {
    const x0 = c[2 * k]!;
    const y0 = c[2 * k + 1]!;
    const x1 = c[(2 * k + 2) % 8]!;
    const y1 = c[(2 * k + 3) % 8]!;
    const x2 = c[(2 * k + 4) % 8]!;
    const y2 = c[(2 * k + 5) % 8]!;
    const cross = (x1 - x0) * (y2 - y1) - (y1 - y0) * (x2 - x1);
    if (cross === 0 || (sign !== 0 && Math.sign(cross) !== sign)) return false;
    sign = Math.sign(cross);
    if (shorterThan(x1 - x0, y1 - y0, minSide)) return false;
  }
  return true;
}

/**
 * Math.hypot(dx, dy) < limit (> 0), exactly: the squared length decides unless it lies within 1e-9
 * of the limit's square (far beyond both roundings), and only then is Math.hypot, several times
 * dearer, called.
 */
function shorterThan(dx: number, dy: number, limit: number): boolean {
  const squared = dx * dx + dy * dy;
  const limitSquared = limit * limit;
  if (squared > limitSquared * (1 + 1e-9)) return false;
  if (squared < limitSquared * (1 - 1e-9)) return true;
  return Math.hypot(dx, dy) < limit;
}

/** Area of the quad given as flat corners. */
export function quadArea(c: ArrayLike<number>): number {
  let area2 = 0;
  for (let k = 0; k < 4; k++) {
    area2 += c[2 * k]! * c[(2 * k + 3) % 8]! - c[(2 * k + 2) % 8]! * c[2 * k + 1]!;
  }
  return Math.abs(area2) / 2;
}

/**
 * The best-supported plausible quad among pairs of near-parallel line pairs; with `partial`, also
 * one with a side out of view (bestThreeSided). With `whole`, only outlines wholly in view; at most
 * `maxRunOn` of their sides may run on past a corner (a document's sides end at its corners). At
 * most `budget` quads are scored.
 */
export function bestQuad(
  lines: Line[],
  ws: Workspace,
  aspect: number,
  minArea: number,
  partial = true,
  whole = false,
  maxRunOn = 4,
  budget: number = maxCombos,
): BestQuad | null {
  const { width: w, height: h } = ws;
  const minSide = minSideShare * Math.min(w, h);
  const low = whole ? 0 : -cornerSlack;
  const high = whole ? 1 : 1 + cornerSlack;
  const pairs: Pair[] = [];
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i]!;
      const b = lines[j]!;
      // Perspective makes opposite sides converge (see maxPairGapDeg).
      if (orientationGap(a.deg, b.deg) > maxPairGapDeg) continue;
      const flipped = Math.abs(a.deg - b.deg) > 90;
      const gap = flipped ? Math.abs(a.rho + b.rho) : Math.abs(a.rho - b.rho);
      if (gap < minSide) continue;
      let mean = flipped ? (a.deg + b.deg + 180) / 2 : (a.deg + b.deg) / 2;
      if (mean >= 180) mean -= 180;
      pairs.push({ a: i, b: j, deg: mean, bound: lineSupport(a, ws) + lineSupport(b, ws) });
    }
  }
  // Strongest bounds first, so a good quad is found early and the bound prunes the rest.
  pairs.sort((p, q) => q.bound - p.bound);
  if (pairs.length > maxPairs) pairs.length = maxPairs;
  // Read by the loop over pairs of pairs, tens of thousands of times with no document in view.
  for (let k = 0; k < pairs.length; k++) {
    pairDeg[k] = pairs[k]!.deg;
    pairBound[k] = pairs[k]!.bound;
  }

  const corners = [0, 0, 0, 0, 0, 0, 0, 0];
  const sideLines: Line[] = [];
  const side: SideScore = { seen: 0, backed: 0, overshoot: 0, overshootStart: 0 };
  let best: BestQuad | null = null;
  let bestScore = 0;
  let bestLogRatio = 0;
  let combos = 0;
  const logAspect = Math.log(aspect);
  for (let p = 0; p < pairs.length && combos < budget; p++) {
    const P = pairs[p]!;
    if (p + 1 < pairs.length && P.bound + pairs[p + 1]!.bound <= bestScore) break;
    for (let q = p + 1; q < pairs.length; q++) {
      if (P.bound + pairBound[q]! <= bestScore) break;
      if (orientationGap(P.deg, pairDeg[q]!) < minCrossingDeg) continue;
      const Q = pairs[q]!;
      if (++combos > budget) break;
      const a1 = lines[P.a]!;
      const a2 = lines[P.b]!;
      const b1 = lines[Q.a]!;
      const b2 = lines[Q.b]!;
      // Corner cycle: a1∩b1 → a1∩b2 → a2∩b2 → a2∩b1; sides lie on a1, b2, a2, b1.
      if (
        !meet(a1, b1, ws, corners, 0) ||
        !meet(a1, b2, ws, corners, 2) ||
        !meet(a2, b2, ws, corners, 4) ||
        !meet(a2, b1, ws, corners, 6)
      ) {
        continue;
      }
      let inBounds = true;
      for (let k = 0; k < 8; k += 2) {
        const x = corners[k]!;
        const y = corners[k + 1]!;
        if (x < low * w || x > high * w || y < low * h || y > high * h) inBounds = false;
      }
      if (!inBounds || !convexQuad(corners, minSide)) continue;
      if (quadArea(corners) < minArea * w * h) continue;
      const ratio = cornersAspect(corners, w, h);
      if (ratio > maxAspect) continue;

      sideLines[0] = a1;
      sideLines[1] = b2;
      sideLines[2] = a2;
      sideLines[3] = b1;
      let seen = 0;
      let backed = 0;
      let total = 0;
      let ok = true;
      let runOn = 0;
      for (let k = 0; k < 4 && ok; k++) {
        const x0 = corners[2 * k]!;
        const y0 = corners[2 * k + 1]!;
        const x1 = corners[(2 * k + 2) % 8]!;
        const y1 = corners[(2 * k + 3) % 8]!;
        total += sideScore(sideLines[k]!, ws, x0, y0, x1, y1, true, true, side);
        // Every side must be partly in view and mostly backed by edges where it is: a finger or a
        // glare patch can hide some of a side, not most of it.
        const length = Math.hypot(x1 - x0, y1 - y0) * (1 - 2 * cornerSkip);
        if (side.seen < minSideSeen * length || side.backed < minSideBacked * side.seen) ok = false;
        seen += side.seen;
        backed += side.backed;
        if (side.overshoot > runOnShare) runOn++;
      }
      if (!ok || backed < minBacked * seen || runOn > maxRunOn) continue;
      // The aspect prior breaks ties between the card and rectangles printed on it.
      const logRatio = Math.log(ratio) - logAspect;
      const prior = Math.exp(-(logRatio * logRatio) / (2 * aspectSigma * aspectSigma));
      const score = total * (priorFloor + (1 - priorFloor) * prior);
      if (score > bestScore) {
        bestScore = score;
        best = { corners: corners.slice(), support: backed / seen, threeSided: false };
        bestLogRatio = logRatio;
      }
    }
  }
  // The best outline is not the document asked for (a phone, a keyboard, a receipt): none is.
  // Gating the winner rather than the candidates keeps a quad mixed from the object's lines and
  // its inner ones (a phone's long sides and its screen's short ones) from taking its place.
  if (best && Math.abs(bestLogRatio) > Math.log(1 + maxAspectError)) {
    best = null;
    bestScore = 0;
  }
  return (partial && bestThreeSided(lines, pairs, ws, aspect, minArea, bestScore)) || best;
}

/**
 * The best quad with one side out of view (two adjacent corners outside the frame), when it beats
 * `bestScore`: two near-parallel lines that both run out of the frame, closed by a third line whose
 * two corners are in view; the missing side is placed where the document's shape puts it. Under
 * perspective that needs the missing side's vanishing point, which a pinhole camera fixes: it lies
 * on the closing line, and its direction is orthogonal (in 3D) to the pair's. The same placement
 * in view, where edges back a side too faint to make a line, is a whole outline and scored as one.
 */
function bestThreeSided(
  lines: Line[],
  pairs: Pair[],
  ws: Workspace,
  aspect: number,
  minArea: number,
  bestScore: number,
): BestQuad | null {
  const { width: w, height: h } = ws;
  const minSide = minSideShare * Math.min(w, h);
  const focal = DEFAULT_FOCAL_SHARE * Math.max(w, h);
  const passport = isPassportAspect(aspect);
  const longShort = Math.max(aspect, 1 / aspect);
  const order = lines
    .map((_, k) => k)
    .sort((p, q) => lineSupport(lines[q]!, ws) - lineSupport(lines[p]!, ws));
  const corners = [0, 0, 0, 0, 0, 0, 0, 0];
  const side: SideScore = { seen: 0, backed: 0, overshoot: 0, overshootStart: 0 };
  let best: BestQuad | null = null;
  let evaluated = 0;
  // The fourth side of a document in view whose edge made no line: found along the placed side,
  // or along the strongest accumulator cell near it (the placement assumes a focal length and
  // the document's exact proportions), whichever edges back more. Sets `faintShare`.
  let a1 = lines[0]!;
  let a2 = lines[0]!;
  let faintShare = 0;
  const peak = { deg: 0, rho: 0 };
  const placedLine = { deg: 0, rho: 0 };
  const snapped: Line = { ...a1 };
  const faintSide = (c: number[]): boolean => {
    // Exact only from faintBacked up: below it, neither placement stands.
    faintShare = segmentSupport(ws, c[4]!, c[5]!, c[6]!, c[7]!, faintBacked);
    segmentLine(c, w, h, placedLine);
    const reach = faintReach * Math.hypot(c[6]! - c[0]!, c[7]! - c[1]!);
    if (accumulatorPeak(ws, placedLine.deg, placedLine.rho, faintDeg, reach, peak) > 0) {
      snapped.c = COS[peak.deg]!;
      snapped.s = SIN[peak.deg]!;
      snapped.rho = peak.rho;
      if (meet(a2, snapped, ws, snapCorners, 4) && meet(a1, snapped, ws, snapCorners, 6)) {
        const share = segmentSupport(
          ws,
          snapCorners[4]!,
          snapCorners[5]!,
          snapCorners[6]!,
          snapCorners[7]!,
          Math.max(faintBacked, faintShare),
        );
        if (share > faintShare) {
          faintShare = share;
          for (let k = 4; k < 8; k++) c[k] = snapCorners[k]!;
        }
      }
    }
    if (faintShare < faintBacked) return false;
    // A side that made a line of its own was weighed by the four-sided search already: a faint
    // side is none of the lines (else a print band's edge inside the card passes for one).
    const { deg, rho } = segmentLine(c, w, h, placedLine);
    for (const line of lines) {
      if (orientationGap(line.deg, deg) > faintDeg) continue;
      const same = Math.abs(line.deg - deg) <= 90 ? line.rho - rho : line.rho + rho;
      if (Math.abs(same) <= faintLineRho) return false;
    }
    return true;
  };
  for (const P of pairs) {
    for (const k of order) {
      const b = lines[k]!;
      if (k === P.a || k === P.b) continue;
      // A missing side is a document half out of view: demand more than from a whole outline.
      // A faint fourth side in view may add up to about the closing side's support, unhandicapped:
      // past the usual bound, only such whole outlines are still looked for.
      const closingBound = lineSupport(b, ws);
      if (P.bound + 2 * closingBound <= bestScore) break;
      const faintOnly = (P.bound + closingBound) * threeSidedFactor <= bestScore;
      if (orientationGap(P.deg, b.deg) < minCrossingDeg) continue;
      if (++evaluated > maxCombos) return best;
      a1 = lines[P.a]!;
      a2 = lines[P.b]!;
      if (!meet(a1, b, ws, corners, 0) || !meet(a2, b, ws, corners, 2)) continue;
      if (
        !inside(corners[0]!, corners[1]!, w, h, insideMargin) ||
        !inside(corners[2]!, corners[3]!, w, h, insideMargin)
      ) {
        continue;
      }
      // Walk along each pair line away from the closing line: both must leave the frame that way.
      const dir1 = awayFrom(a1, corners[0]!, corners[1]!, ws);
      const dir2 = awayFrom(a2, corners[2]!, corners[3]!, ws);
      if (dir1 === 0 || dir2 === 0) continue;
      // The most a whole outline in view could score here: the pair lines' support from the
      // corners on (over at most a long side's length), the closing side's, and a faint side; a
      // side at most faintLengthBound times as long as the document's shape makes it.
      sideSupport(b, ws, corners[0]!, corners[1]!, corners[2]!, corners[3]!, closingSpan);
      const pairCap = faintLengthBound * longShort * closingSpan.seen;
      const canFaint =
        Math.min(pairCap, supportFrom(a1, corners[0]!, corners[1]!, dir1, ws)) +
          Math.min(pairCap, supportFrom(a2, corners[2]!, corners[3]!, dir2, ws)) +
          closingSpan.backed +
          faintLengthBound * closingSpan.seen >
        bestScore;
      if (faintOnly && !canFaint) continue;
      // Out of view, then in view with a faint side: both are scored, neither hides the other.
      for (let pass = faintOnly ? 1 : 0; pass < (canFaint ? 2 : 1); pass++) {
        const faint = pass === 1;
        const placed = completeQuad(
          [a1.c, a1.s, -a1.rho],
          [a2.c, a2.s, -a2.rho],
          [b.c, b.s, -b.rho],
          -a1.s * dir1,
          a1.c * dir1,
          aspect,
          focal,
          w,
          h,
          corners,
          faint ? faintSide : null,
          faint,
        );
        const inView =
          inside(corners[4]!, corners[5]!, w, h, 0) && inside(corners[6]!, corners[7]!, w, h, 0);
        if (faint && !inView) continue;
        if (!placed || !convexQuad(corners, minSide) || quadArea(corners) < minArea * w * h)
          continue;
        // Sides: b (0→1), a2 (1→2), a1 (3→0); the missing one (2→3) neither helps nor hurts, a
        // faint one in view counts below.
        // With a side missing, the three seen must look like a document's: well backed, and ending
        // at the corners (plank seams and table edges run on past any line that crosses them).
        let total = sideScore(
          b,
          ws,
          corners[0]!,
          corners[1]!,
          corners[2]!,
          corners[3]!,
          true,
          true,
          side,
        );
        let seen = side.seen;
        let backed = side.backed;
        const closing = Math.hypot(corners[2]! - corners[0]!, corners[3]! - corners[1]!);
        if (side.seen < closingSeen * closing || side.backed < closingBacked * side.seen) continue;
        let runOn = side.overshoot > runOnShare ? 1 : 0;
        let pairSeen = 0;
        let pairLength = 0;
        let ok = true;
        for (const [line, x0, y0, x1, y1] of [
          [a2, corners[2]!, corners[3]!, corners[4]!, corners[5]!],
          [a1, corners[0]!, corners[1]!, corners[6]!, corners[7]!],
        ] as const) {
          // A faint fourth side in view has corners: the pair's sides must stop there too.
          total += sideScore(line, ws, x0, y0, x1, y1, true, inView, side);
          // Each side at least partly, and together at least a third of the document must show.
          const length = Math.hypot(x1 - x0, y1 - y0);
          if (side.seen < pairSideSeen * length || side.backed < pairSideBacked * side.seen)
            ok = false;
          // A whole outline in view: each side as much in view and backed as a four-sided one's.
          if (
            inView &&
            (side.seen < minSideSeen * length * (1 - 2 * cornerSkip) ||
              side.backed < minSideBacked * side.seen)
          ) {
            ok = false;
          }
          pairSeen += side.seen;
          pairLength += length;
          // Past a faint side in view too, except a passport page's: its sides run on along the
          // booklet's other page.
          if ((passport ? side.overshootStart : side.overshoot) > runOnShare) runOn++;
          seen += side.seen;
          backed += side.backed;
        }
        // One side may happen to line up with a seam; two or more running on is texture, not a card.
        if (!ok || runOn > 1 || pairSeen < minPairSeen * pairLength) continue;
        let score = total * threeSidedFactor;
        if (inView) {
          // The faint side counts like any other, and the outline is a whole one: no handicap, the
          // aspect prior and gate of a four-sided candidate.
          const length = Math.hypot(corners[6]! - corners[4]!, corners[7]! - corners[5]!);
          const faint = faintShare * length;
          total += faint - unbackedPenalty * (length - faint);
          seen += length;
          backed += faint;
          if (backed < minBacked * seen) continue;
          const logRatio = Math.log(cornersAspect(corners, w, h) / aspect);
          if (Math.abs(logRatio) > Math.log(1 + maxAspectError)) continue;
          const prior = Math.exp(-(logRatio * logRatio) / (2 * aspectSigma * aspectSigma));
          score = total * (priorFloor + (1 - priorFloor) * prior);
        }
        if (score > bestScore) {
          bestScore = score;
          // A side placed in view had its faint edge found: the refinement fits it like any other.
          best = { corners: corners.slice(), support: backed / seen, threeSided: !inView };
        }
      }
    }
  }
  return best;
}

/** Edge support of `line` from the point at (x, y) on, in direction `dir` (+1 or -1) along it. */
function supportFrom(line: Line, x: number, y: number, dir: number, ws: Workspace): number {
  const t = (x - line.bx) * -line.s + (y - line.by) * line.c;
  const i = Math.max(0, Math.min(line.len, Math.round(t - line.t0)));
  const before = ws.cum[line.off + i]!;
  return dir > 0 ? ws.cum[line.off + line.len]! - before : before;
}

/**
 * +1 or -1: the direction along `line` (whose direction is (-s, c)) in which it is backed by edges
 * from the corner at (x, y) on, i.e. where the document's side runs; 0 when neither way is.
 */
function awayFrom(line: Line, x: number, y: number, ws: Workspace): number {
  const t = (x - line.bx) * -line.s + (y - line.by) * line.c;
  const i = Math.max(0, Math.min(line.len, Math.round(t - line.t0)));
  const before = ws.cum[line.off + i]!;
  const after = ws.cum[line.off + line.len]! - before;
  if (Math.max(before, after) < minSideShare * Math.min(ws.width, ws.height)) return 0;
  return after >= before ? 1 : -1;
}
