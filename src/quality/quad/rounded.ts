// Square corners: an ID-1 card's corners are rounded (ISO/IEC 7810: a 3.18 mm radius on its
// 85.6 mm side), so just inside the point where two of its sides meet lies the desk, not the card.
// An outline whose corners are square there is not a card's: a sheet of paper, a book, a receipt,
// the photo printed on the card, or a quad made of a sheet's edge and a desk seam. On the tuning
// families the corners of right outlines were read as square 2 times in 832 (QUAD_TUNING.rounded).
// index.ts asks it only of outlines cut by the frame, which show nothing else of the card.
import type { Point, RgbaFrame } from '../types.js';
import { QUAD_TUNING } from './tuning.js';

const { cornerAt, innerAt, outerAt, spread, minContrast, minRadiusPx, squareBelow } =
  QUAD_TUNING.rounded;

/** Mean RGB of the pixels nearest to the given points into `out`; false when one is outside. */
function meanColour(frame: RgbaFrame, points: readonly number[], out: number[]): boolean {
  const { data, width, height } = frame;
  out[0] = out[1] = out[2] = 0;
  const n = points.length / 2;
  for (let k = 0; k < points.length; k += 2) {
    const x = Math.round(points[k]!);
    const y = Math.round(points[k + 1]!);
    if (x < 0 || y < 0 || x >= width || y >= height) return false;
    const i = 4 * (y * width + x);
    out[0] += data[i]! / n;
    out[1] += data[i + 1]! / n;
    out[2] += data[i + 2]! / n;
  }
  return true;
}

const colourDistance = (a: readonly number[], b: readonly number[]): number =>
  Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

const corner = [0, 0, 0];
const inner = [0, 0, 0];
const outer = [0, 0, 0];
const points: number[] = [];

/**
 * How many corners of `quad` (frame pixels, cycle order) are clearly square for a document whose
 * corner radius is `radiusShare` of its longer side: where the rounded corner would leave the
 * background, the colour is the document's own. Covered corners, corners too near the frame's
 * edge to sample round them, low-contrast ones and ones too small to tell are not counted.
 */
export function squareCorners(
  frame: RgbaFrame,
  quad: readonly Point[],
  occluded: readonly boolean[],
  radiusShare: number,
): number {
  let square = 0;
  for (let k = 0; k < 4; k++) {
    if (occluded[k]) continue;
    const [cx, cy] = quad[k]!;
    const [px, py] = quad[(k + 3) % 4]!;
    const [nx, ny] = quad[(k + 1) % 4]!;
    const l1 = Math.hypot(px - cx, py - cy);
    const l2 = Math.hypot(nx - cx, ny - cy);
    const r = radiusShare * Math.max(l1, l2);
    if (r < minRadiusPx) continue;
    // The inward bisector; the arc crosses it r / sin(half angle) - r from the corner.
    let bx = (px - cx) / l1 + (nx - cx) / l2;
    let by = (py - cy) / l1 + (ny - cy) / l2;
    const bl = Math.hypot(bx, by);
    if (bl === 0) continue;
    bx /= bl;
    by /= bl;
    const cosHalf = ((px - cx) / l1) * bx + ((py - cy) / l1) * by;
    const sinHalf = Math.sqrt(Math.max(1e-6, 1 - cosHalf * cosHalf));
    const gap = r / sinHalf - r;
    const along = (d: number, across: number): void => {
      points.length = 0;
      for (let s = -1; s <= 1; s++) {
        points.push(cx + bx * d - by * s * across, cy + by * d + bx * s * across);
      }
    };
    along(cornerAt * gap, 0);
    if (!meanColour(frame, points, corner)) continue;
    along(innerAt[0] * gap + innerAt[1] * r, spread * r);
    if (!meanColour(frame, points, inner)) continue;
    along(-(outerAt[0] * gap + outerAt[1]), spread * r);
    if (!meanColour(frame, points, outer)) continue;
    const contrast = colourDistance(inner, outer);
    if (contrast < minContrast) continue;
    if (colourDistance(corner, inner) < squareBelow * contrast) square++;
  }
  return square;
}
