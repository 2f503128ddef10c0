// Pixel-level primitives the face cut-outs share (selfie-scenes.ts's astronaut, faces/person.ts's
// people): outlines, the sampling of a matte, the cubic kernel. The families differ in what they
// cut out and how they draw colour, not in these.
import type { Point } from '../../src/quality/types.ts';

/** An axis-aligned ellipse (a face region, a head). */
export interface Ellipse {
  readonly cx: number;
  readonly cy: number;
  readonly rx: number;
  readonly ry: number;
}

/** True when (x, y) is inside the polygon (even-odd rule; any simple polygon). */
export function insidePolygon(x: number, y: number, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when (x, y) is inside the ellipse. */
export function inEllipse(x: number, y: number, e: Ellipse): boolean {
  const ex = (x - e.cx) / e.rx;
  const ey = (y - e.cy) / e.ry;
  return ex * ex + ey * ey < 1;
}

/**
 * Bilinear sample of a `width` x `height` plane at (x, y), texel centres at integers; outside, the
 * nearest edge texel.
 */
export function bilinear(
  plane: Float32Array,
  width: number,
  height: number,
  x: number,
  y: number,
): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const xa = Math.min(Math.max(x0, 0), width - 1);
  const xb = Math.min(Math.max(x0 + 1, 0), width - 1);
  const ya = Math.min(Math.max(y0, 0), height - 1) * width;
  const yb = Math.min(Math.max(y0 + 1, 0), height - 1) * width;
  return (
    (plane[ya + xa]! * (1 - fx) + plane[ya + xb]! * fx) * (1 - fy) +
    (plane[yb + xa]! * (1 - fx) + plane[yb + xb]! * fx) * fy
  );
}

/** Catmull-Rom weight of a tap at distance `d`: sharper than bilinear when a photo is enlarged. */
export function catmullRom(d: number): number {
  const a = Math.abs(d);
  if (a < 1) return 1.5 * a * a * a - 2.5 * a * a + 1;
  if (a < 2) return -0.5 * a * a * a + 2.5 * a * a - 4 * a + 2;
  return 0;
}
