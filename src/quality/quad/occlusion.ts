// Covered corners: a corner whose edges vanish near it on both sides (in the refined fits), or
// one that an object's outline crosses near it (in the coarse lines), is reported as occluded, e.g.
// under a finger, so the capture can ask the user to move it.
import type { Point } from '../types.js';
import { sideSupport, type Line, type SideSpan } from './lines.js';
import type { SideFit } from './refine.js';
import { QUAD_TUNING } from './tuning.js';
import { DEG, type Workspace } from './workspace.js';

const { occlusionReach, occlusionMinPx, crossingReach, crossingRun, crossingGap, crossingMinDeg } =
  QUAD_TUNING.occlusion;

/**
 * How far (px) from the corner at the start (or end) of a fitted side its edge stays missing:
 * samples that do not lie on the fitted line, counted from the corner until two in a row do.
 */
function missingReach(fit: SideFit, fromEnd: boolean): number {
  let reach = 0;
  let streak = 0;
  for (let k = 0; k < fit.samples; k++) {
    const i = fromEnd ? fit.samples - 1 - k : k;
    if (fit.state[i] === 0) break;
    const d = (fromEnd ? 1 - fit.at[i]! : fit.at[i]!) * fit.length;
    if (fit.state[i] === 2) {
      if (++streak === 2) break;
    } else {
      streak = 0;
      reach = d;
    }
  }
  return reach;
}

/**
 * Whether the edges leading into each corner vanish near it (a finger covers it): on both sides
 * the edge is missing farther from the corner than a document's rounded corner explains.
 */
export function occlusion(
  fits: readonly SideFit[],
  corners: Point[],
  width: number,
  height: number,
): boolean[] {
  const occluded = [false, false, false, false];
  const longest = Math.max(fits[0]!.length, fits[1]!.length, fits[2]!.length, fits[3]!.length);
  const limit = Math.max(occlusionMinPx, occlusionReach * longest);
  for (let k = 0; k < 4; k++) {
    const [x, y] = corners[k]!;
    if (x < 0 || y < 0 || x > width || y > height) continue;
    const before = fits[(k + 3) % 4]!;
    const after = fits[k]!;
    if (before.samples === 0 || after.samples === 0) continue;
    if (missingReach(before, true) >= limit && missingReach(after, false) >= limit) {
      occluded[k] = true;
    }
  }
  return occluded;
}

/**
 * Corners (coarse cycle order) that an object lying on the document covers: an edge line that is
 * not one of the document's sides crosses a side near the corner and is backed by edges on both
 * sides of the crossing, on the document and off it. A fingertip's outline does that; printing on
 * the document stops at its outline, and things under the document stop at it from outside.
 */
export function crossedCorners(lines: Line[], corners: number[], ws: Workspace): boolean[] {
  const covered = [false, false, false, false];
  let longest = 0;
  let shortest = Infinity;
  for (let k = 0; k < 4; k++) {
    const side = Math.hypot(
      corners[(2 * k + 2) % 8]! - corners[2 * k]!,
      corners[(2 * k + 3) % 8]! - corners[2 * k + 1]!,
    );
    longest = Math.max(longest, side);
    shortest = Math.min(shortest, side);
  }
  const reach = crossingReach * shortest;
  const run = Math.max(3, crossingRun * longest);
  const span: SideSpan = { seen: 0, backed: 0 };
  for (const line of lines) {
    const dx = -line.s;
    const dy = line.c;
    // Distance of a coarse point from the line, and its position along it.
    const off = (x: number, y: number): number => (x - line.bx) * line.c + (y - line.by) * line.s;
    for (let k = 0; k < 4; k++) {
      const x0 = corners[2 * k]!;
      const y0 = corners[2 * k + 1]!;
      const x1 = corners[(2 * k + 2) % 8]!;
      const y1 = corners[(2 * k + 3) % 8]!;
      const d0 = off(x0, y0);
      const d1 = off(x1, y1);
      // The line must cross this side (not run along it, not be one of the document's sides).
      if (d0 === d1 || Math.sign(d0) === Math.sign(d1)) continue;
      const sideLength = Math.hypot(x1 - x0, y1 - y0);
      const sin = Math.abs((x1 - x0) * line.c + (y1 - y0) * line.s) / sideLength;
      if (sin < Math.sin(crossingMinDeg * DEG)) continue;
      const u = d0 / (d0 - d1);
      const along = u * sideLength;
      const nearStart = along <= sideLength - along;
      // Lines through the corner itself are the adjacent side (or a seam lined up with it).
      const fromCorner = Math.min(along, sideLength - along);
      if (fromCorner > reach || fromCorner < crossingGap * shortest) continue;
      const px = x0 + u * (x1 - x0);
      const py = y0 + u * (y1 - y0);
      let both = true;
      for (const sign of [-1, 1]) {
        sideSupport(line, ws, px, py, px + sign * run * dx, py + sign * run * dy, span);
        if (span.seen < 0.8 * run || span.backed < 0.75 * span.seen) both = false;
      }
      if (both) covered[nearStart ? k : (k + 1) % 4] = true;
    }
  }
  return covered;
}
