// Plane geometry over document outlines: areas, overlap (intersection over union) and corner
// distances. The eval and the bench score detected quads against the generator's truth with these,
// and auto-capture can use them to tell whether the document held still between frames.
// Pure and allocation-light, with no DOM, so they run unchanged in a Worker and in Node.
import type { Point, Quad } from './types.js';

/**
 * Twice the signed area of a polygon (shoelace formula): positive when the vertices run
 * counter-clockwise in a y-up plane, which is clockwise on screen (y down).
 */
function doubledSignedArea(points: readonly Point[]): number {
  let sum = 0;
  for (let i = 0, n = points.length; i < n; i++) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1) % n]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/** Area of a simple polygon given by its vertices in order (either direction); 0 below 3 points. */
export function polygonArea(points: readonly Point[]): number {
  if (points.length < 3) return 0;
  return Math.abs(doubledSignedArea(points)) / 2;
}

/** z of the cross product (a - o) x (b - o): > 0 when o → a → b turns counter-clockwise (y up). */
function cross(o: Point, a: Point, b: Point): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/**
 * Convex hull (Andrew's monotone chain), counter-clockwise in a y-up plane, without collinear
 * points. Clipping needs convex polygons with one known orientation; a detector can return a
 * self-intersecting ("bow-tie") or slightly concave outline, and its hull is the closest convex
 * stand-in that never depends on the order the corners came in.
 */
function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  if (sorted.length < 3) return sorted;
  const lower: Point[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) {
      lower.pop();
    }
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) {
      upper.pop();
    }
    upper.push(p);
  }
  // Each chain ends where the other starts.
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/** Where segment p→q crosses the infinite line through a→b (callers ensure they do cross). */
function lineIntersection(p: Point, q: Point, a: Point, b: Point): Point {
  const dpx = q[0] - p[0];
  const dpy = q[1] - p[1];
  const dax = b[0] - a[0];
  const day = b[1] - a[1];
  const denominator = dpx * day - dpy * dax;
  // Parallel only when both endpoints are on the same side, which the caller has excluded; guard
  // anyway so that rounding cannot produce NaN.
  if (denominator === 0) return p;
  const t = ((a[0] - p[0]) * day - (a[1] - p[1]) * dax) / denominator;
  return [p[0] + t * dpx, p[1] + t * dpy];
}

/**
 * Sutherland–Hodgman: the part of `subject` inside the convex, counter-clockwise `clip` polygon.
 * Both are convex here, so the result is the exact (convex) intersection.
 */
function clipPolygon(subject: readonly Point[], clip: readonly Point[]): Point[] {
  let output: Point[] = [...subject];
  for (let i = 0, n = clip.length; i < n && output.length > 0; i++) {
    const a = clip[i]!;
    const b = clip[(i + 1) % n]!;
    const input = output;
    output = [];
    for (let j = 0, m = input.length; j < m; j++) {
      const current = input[j]!;
      const previous = input[(j + m - 1) % m]!;
      // Points on the edge count as inside, so shared edges are kept rather than doubled or lost.
      const currentInside = cross(a, b, current) >= 0;
      const previousInside = cross(a, b, previous) >= 0;
      if (currentInside) {
        if (!previousInside) output.push(lineIntersection(previous, current, a, b));
        output.push(current);
      } else if (previousInside) {
        output.push(lineIntersection(previous, current, a, b));
      }
    }
  }
  return output;
}

/**
 * Share of the outline's area (its convex hull's) inside the rectangle (0, 0)-(width, height), 0-1;
 * 0 when it has no area.
 */
export function shareInRect(quad: readonly Point[], width: number, height: number): number {
  const hull = convexHull(quad);
  const whole = polygonArea(hull);
  if (whole === 0) return 0;
  // Counter-clockwise in the y-up plane, as clipPolygon wants it.
  const frame: Point[] = [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ];
  return Math.min(1, polygonArea(clipPolygon(hull, frame)) / whole);
}

const isFinitePoint = (p: Point): boolean => Number.isFinite(p[0]) && Number.isFinite(p[1]);

/**
 * Intersection over union (Jaccard index) of two document outlines, 0-1. 0 when either is missing,
 * when either has no area (all corners on a line) or holds a non-finite coordinate: a missing or
 * unusable detection earns no overlap credit. Each quad is replaced by its convex hull first, so the
 * corner order does not matter and a self-intersecting or concave outline is scored as the convex
 * region its corners span (slightly generous for a concave one; real documents are convex).
 */
export function quadJaccard(a: Quad | null, b: Quad | null): number {
  if (!a || !b || !a.every(isFinitePoint) || !b.every(isFinitePoint)) return 0;
  const hullA = convexHull(a);
  const hullB = convexHull(b);
  const areaA = polygonArea(hullA);
  const areaB = polygonArea(hullB);
  if (areaA === 0 || areaB === 0) return 0;
  const intersection = polygonArea(clipPolygon(hullA, hullB));
  const union = areaA + areaB - intersection;
  // Rounding in the clipper can push the ratio a hair outside [0, 1].
  return Math.min(1, Math.max(0, intersection / union));
}

/**
 * The four corners clockwise on screen (y down) starting from the top-left one, whatever order
 * they came in: the {@link Quad} convention. "Top-left" is the corner with the smallest x + y,
 * ties going to the higher one. Points are sorted by angle around their centroid, so a convex
 * outline comes out as a simple polygon. Throws a RangeError unless exactly four points are given.
 */
export function orderCorners(points: readonly Point[]): Quad {
  if (points.length !== 4)
    throw new RangeError(`orderCorners needs 4 points, got ${points.length}`);
  const cx = (points[0]![0] + points[1]![0] + points[2]![0] + points[3]![0]) / 4;
  const cy = (points[0]![1] + points[1]![1] + points[2]![1] + points[3]![1]) / 4;
  // With y pointing down, increasing atan2 angle runs clockwise on screen.
  const byAngle = [...points].sort(
    (p, q) => Math.atan2(p[1] - cy, p[0] - cx) - Math.atan2(q[1] - cy, q[0] - cx),
  );
  let start = 0;
  for (let i = 1; i < 4; i++) {
    const p = byAngle[i]!;
    const best = byAngle[start]!;
    const s = p[0] + p[1];
    const bestS = best[0] + best[1];
    if (s < bestS || (s === bestS && p[1] < best[1])) start = i;
  }
  const at = (k: number): Point => {
    const [x, y] = byAngle[(start + k) % 4]!;
    return [x, y];
  };
  return [at(0), at(1), at(2), at(3)];
}

/**
 * Distance in pixels between corresponding corners of two outlines, in {@link Quad} order after
 * {@link orderCorners} on both. Which corner is "top-left" flips for a document turned about 45°,
 * where a one-pixel difference can move the start by one corner; the four cyclic pairings of the
 * ordered corners are tried and the one with the smallest total is kept, so such a flip is not
 * reported as errors the size of a whole side (the clockwise order itself is never changed).
 */
export function cornerErrors(a: Quad, b: Quad): number[] {
  const orderedA = orderCorners(a);
  const orderedB = orderCorners(b);
  let best: number[] = [];
  let bestTotal = Infinity;
  for (let shift = 0; shift < 4; shift++) {
    const errors = orderedA.map((p, i) => {
      const q = orderedB[(i + shift) % 4]!;
      return Math.hypot(p[0] - q[0], p[1] - q[1]);
    });
    const total = errors[0]! + errors[1]! + errors[2]! + errors[3]!;
    if (total < bestTotal) {
      bestTotal = total;
      best = errors;
    }
  }
  return best;
}

/** The homography (row-major 3x3, h33 = 1) that maps the four `from` points onto the four `to` points. */
export function homography(from: readonly Point[], to: readonly Point[]): number[] {
  // 8 unknowns: two equations per point pair; Gaussian elimination with pivoting.
  const rows: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) {
      if (Math.abs(rows[r]![col]!) > Math.abs(rows[pivot]![col]!)) pivot = r;
    }
    [rows[col], rows[pivot]] = [rows[pivot]!, rows[col]!];
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const f = rows[r]![col]! / rows[col]![col]!;
      for (let c = col; c < 9; c++) rows[r]![c]! -= f * rows[col]![c]!;
    }
  }
  return [...rows.map((row, i) => row[8]! / row[i]!), 1];
}
