// Stage 2c of the quad finder: an outline that is two documents side by side. An open passport is
// two pages of the same shape (125 x 88 mm each; the spread, 125 x 176, has nearly the page's
// proportions), so the booklet's outline competes with the data page's and wins on length. A
// straight edge right across the winner, from one side to the opposite one, that cuts off a part
// of the document's shape is a fold or an edge lying on it: the part that looks like the document
// (its proportions, and the most print inside: the data page, not the blank visa page) is kept.
// A card's printed bands and photo do not cut it into card-shaped parts, so cards are left alone.
import { quadSpans } from '../region.js';
import { cornersAspect } from '../shape.js';
import type { Quad } from '../types.js';
import { sideSupport, type Line, type SideSpan } from './lines.js';
import { QUAD_TUNING } from './tuning.js';
import { DEG, type Workspace } from './workspace.js';

const {
  cutRange,
  cutSeen,
  cutBacked,
  partAspectError,
  minDensityGain,
  rimShare,
  rimMinPx,
  rimDeg,
} = QUAD_TUNING.spread;

const span: SideSpan = { seen: 0, backed: 0 };
let spans = new Int32Array(0);

/** Where line `l` crosses segment (x0, y0)→(x1, y1), as a fraction of it (NaN when parallel). */
function crossing(l: Line, ws: Workspace, x0: number, y0: number, x1: number, y1: number): number {
  const d0 = (x0 - ws.width / 2) * l.c + (y0 - ws.height / 2) * l.s - l.rho;
  const d1 = (x1 - ws.width / 2) * l.c + (y1 - ws.height / 2) * l.s - l.rho;
  return d0 === d1 ? NaN : d0 / (d0 - d1);
}

/** Share of the quad (about its centre) whose edge pixels are counted as print. */
const innerShare = 0.8;

/**
 * Kept edge pixels per coarse pixel inside the inner part of the quad given as flat corners
 * (clipped to the frame): how much print it holds.
 */
export function edgeDensity(c: readonly number[], ws: Workspace): number {
  const { width: w, height: h, orientation } = ws;
  if (spans.length < 2 * h) spans = new Int32Array(2 * h);
  // The inner 80%: the outline's own edges (and a fold's) are not print.
  const mx = (c[0]! + c[2]! + c[4]! + c[6]!) / 4;
  const my = (c[1]! + c[3]! + c[5]! + c[7]!) / 4;
  const at = (k: number): [number, number] => [
    mx + innerShare * (c[2 * k]! - mx),
    my + innerShare * (c[2 * k + 1]! - my),
  ];
  const quad: Quad = [at(0), at(1), at(2), at(3)];
  const count = quadSpans(quad, w, h, spans);
  if (count === 0) return 0;
  let edges = 0;
  for (let y = 0; y < h; y++) {
    for (let i = y * w + spans[2 * y]!, end = y * w + spans[2 * y + 1]!; i < end; i++) {
      if (orientation[i]! >= 0) edges++;
    }
  }
  return edges / count;
}

/**
 * The part of `corners` (flat, cycle order, coarse pixels) cut off by a line across it that has the
 * document's proportions and the most print, or null when no line cuts it into such parts.
 */
export function documentPart(
  corners: readonly number[],
  lines: readonly Line[],
  ws: Workspace,
  aspect: number,
): number[] | null {
  const tolerance = Math.log(1 + partAspectError);
  let best: number[] | null = null;
  let bestDensity = 0;
  // Cuts from side k (corner k → k+1) to the opposite side (corner k+2 → k+3).
  for (let k = 0; k < 2; k++) {
    const ax = corners[2 * k]!;
    const ay = corners[2 * k + 1]!;
    const bx = corners[(2 * k + 2) % 8]!;
    const by = corners[(2 * k + 3) % 8]!;
    const cx = corners[(2 * k + 4) % 8]!;
    const cy = corners[(2 * k + 5) % 8]!;
    const dx = corners[(2 * k + 6) % 8]!;
    const dy = corners[(2 * k + 7) % 8]!;
    for (const line of lines) {
      const u = crossing(line, ws, ax, ay, bx, by);
      // The opposite side runs c → d: measured from d, so u and v compare along the same way.
      const v = crossing(line, ws, dx, dy, cx, cy);
      if (!(u >= cutRange[0] && u <= cutRange[1] && v >= cutRange[0] && v <= cutRange[1])) {
        continue;
      }
      const px = ax + u * (bx - ax);
      const py = ay + u * (by - ay);
      const qx = dx + v * (cx - dx);
      const qy = dy + v * (cy - dy);
      sideSupport(line, ws, px, py, qx, qy, span);
      const length = Math.hypot(qx - px, qy - py);
      if (span.seen < cutSeen * length || span.backed < cutBacked * span.seen) continue;
      const parts = [
        [ax, ay, px, py, qx, qy, dx, dy],
        [px, py, bx, by, cx, cy, qx, qy],
      ];
      const densities = parts.map((part) => edgeDensity(part, ws));
      for (let p = 0; p < 2; p++) {
        const part = parts[p]!;
        const error = Math.log(cornersAspect(part, ws.width, ws.height) / aspect);
        if (!(Math.abs(error) <= tolerance)) continue;
        // The page with the print: clearly more edges per pixel than the other part.
        if (densities[p]! < minDensityGain * densities[1 - p]!) continue;
        if (densities[p]! > bestDensity) {
          bestDensity = densities[p]!;
          best = part;
        }
      }
    }
  }
  return best;
}

/** Whether a document of this aspect is a passport page (125 x 88 mm), which lies on a cover. */
export function isPassportAspect(aspect: number): boolean {
  return Math.abs(Math.log(aspect / QUAD_TUNING.defaults.passportAspect)) < 0.05;
}

/**
 * A passport page lies on its cover, which shows as a rim a few millimetres wide along the page's
 * outer edges: both edges are strong lines, and the outer (cover on desk) makes the longer quad.
 * Each side of `corners` (flat, cycle order, coarse px) that has, just inside it, a near-parallel
 * line backed along most of it moves to that line (the page's edge); corners are re-intersected.
 * Returns the corners unchanged when no side moves.
 */
export function pageInsideRim(
  corners: readonly number[],
  lines: readonly Line[],
  ws: Workspace,
): number[] {
  const mx = (corners[0]! + corners[2]! + corners[4]! + corners[6]!) / 4 - ws.width / 2;
  const my = (corners[1]! + corners[3]! + corners[5]! + corners[7]!) / 4 - ws.height / 2;
  // Each side as a line n·p = d (centred coordinates), n pointing away from the quad's centre.
  const sides: [number, number, number][] = [];
  let shortest = Infinity;
  for (let k = 0; k < 4; k++) {
    const x0 = corners[2 * k]! - ws.width / 2;
    const y0 = corners[2 * k + 1]! - ws.height / 2;
    const x1 = corners[(2 * k + 2) % 8]! - ws.width / 2;
    const y1 = corners[(2 * k + 3) % 8]! - ws.height / 2;
    const length = Math.hypot(x1 - x0, y1 - y0);
    shortest = Math.min(shortest, length);
    let nx = (y1 - y0) / length;
    let ny = -(x1 - x0) / length;
    if (nx * (x0 - mx) + ny * (y0 - my) < 0) {
      nx = -nx;
      ny = -ny;
    }
    sides.push([nx, ny, nx * x0 + ny * y0]);
  }
  const maxInset = rimShare * shortest;
  let moved = false;
  for (let k = 0; k < 4; k++) {
    const [nx, ny, d] = sides[k]!;
    const x0 = corners[2 * k]!;
    const y0 = corners[2 * k + 1]!;
    const x1 = corners[(2 * k + 2) % 8]!;
    const y1 = corners[(2 * k + 3) % 8]!;
    let bestInset = Infinity;
    let best: Line | null = null;
    for (const line of lines) {
      // Near-parallel, normals turned alike: then its offset compares with the side's.
      const dot = line.c * nx + line.s * ny;
      if (Math.abs(dot) < Math.cos(rimDeg * DEG)) continue;
      const rho = dot > 0 ? line.rho : -line.rho;
      const inset = d - rho;
      if (inset < rimMinPx || inset > maxInset || inset >= bestInset) continue;
      // Backed along most of the side, moved onto that line.
      sideSupport(
        line,
        ws,
        x0 - inset * nx,
        y0 - inset * ny,
        x1 - inset * nx,
        y1 - inset * ny,
        span,
      );
      if (span.seen < cutSeen * Math.hypot(x1 - x0, y1 - y0)) continue;
      if (span.backed < cutBacked * span.seen) continue;
      bestInset = inset;
      best = line;
    }
    if (best !== null) {
      // The side keeps its direction and moves in: the page's edge is parallel to the cover's.
      sides[k] = [nx, ny, d - bestInset];
      moved = true;
    }
  }
  if (!moved) return corners as number[];
  const out: number[] = [];
  for (let k = 0; k < 4; k++) {
    // Corner k is where side k - 1 meets side k.
    const [a1, b1, c1] = sides[(k + 3) % 4]!;
    const [a2, b2, c2] = sides[k]!;
    const det = a1 * b2 - a2 * b1;
    if (Math.abs(det) < 1e-9) return corners as number[];
    out.push((c1 * b2 - c2 * b1) / det + ws.width / 2, (a1 * c2 - a2 * c1) / det + ws.height / 2);
  }
  return out;
}
