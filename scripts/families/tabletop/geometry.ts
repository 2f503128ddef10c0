// The tabletop family's camera-space geometry (scripts/families/tabletop.ts): a plane's frame,
// placing the document through a pixel at a depth, its true corners, and its outline.
import type { Point, Quad } from '../../../src/quality/types.ts';
import { add3, dot3, project, unproject, type Camera, type Vec3 } from '../../scene/pinhole.ts';
import { CARD_RADIUS, DOCUMENT_SIZE_MM, type DocumentKind } from './rules.ts';

/** Signed distance to a w x h rectangle with its top-left at the origin, corner radius r. */
export function roundBox(x: number, y: number, w: number, h: number, r: number): number {
  const qx = Math.abs(x - w / 2) - w / 2 + r;
  const qy = Math.abs(y - h / 2) - h / 2 + r;
  const ox = qx > 0 ? qx : 0;
  const oy = qy > 0 ? qy : 0;
  return Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(qx, qy), 0) - r;
}

/** A plane in camera space: an origin and orthonormal axes u (right), v (down), n (away). */
export interface Frame3 {
  readonly origin: Vec3;
  readonly u: Vec3;
  readonly v: Vec3;
  readonly n: Vec3;
}

/** Rotates vector p about the unit axis k by angle a (Rodrigues). */
function rotate(p: Vec3, k: Vec3, a: number): Vec3 {
  const c = Math.cos(a);
  const s = Math.sin(a);
  const kd = dot3(k, p) * (1 - c);
  return [
    p[0] * c + (k[1] * p[2] - k[2] * p[1]) * s + k[0] * kd,
    p[1] * c + (k[2] * p[0] - k[0] * p[2]) * s + k[1] * kd,
    p[2] * c + (k[0] * p[1] - k[1] * p[0]) * s + k[2] * kd,
  ];
}

/**
 * The axes of a plane rolled by `rollDeg` about the optical axis, then tilted by `tiltDeg` about
 * the in-image direction `axisDeg` (so the normal leans `tiltDeg` away from the optical axis).
 */
export function planeAxes(tiltDeg: number, axisDeg: number, rollDeg: number): [Vec3, Vec3, Vec3] {
  const r = (rollDeg * Math.PI) / 180;
  let u: Vec3 = [Math.cos(r), Math.sin(r), 0];
  let v: Vec3 = [-Math.sin(r), Math.cos(r), 0];
  let n: Vec3 = [0, 0, 1];
  const a = (axisDeg * Math.PI) / 180;
  const k: Vec3 = [Math.cos(a), Math.sin(a), 0];
  const t = (tiltDeg * Math.PI) / 180;
  u = rotate(u, k, t);
  v = rotate(v, k, t);
  n = rotate(n, k, t);
  return [u, v, n];
}

/** The plane placing a w x h document's centre on the ray through pixel (px, py), at depth z. */
export function placeDocument(
  camera: Camera,
  kind: DocumentKind,
  axes: readonly [Vec3, Vec3, Vec3],
  px: number,
  py: number,
  z: number,
): Frame3 {
  const [w, h] = DOCUMENT_SIZE_MM[kind];
  const [u, v, n] = axes;
  const centre = unproject(camera, px, py, z);
  return { origin: add3(add3(centre, u, -w / 2), v, -h / 2), u, v, n };
}

/** Camera-space point of plane coordinates (a, b) mm. */
export const planePoint = (f: Frame3, a: number, b: number): Vec3 =>
  add3(add3(f.origin, f.u, a), f.v, b);

/** The document's true corners in image pixels, clockwise from its top-left one. */
export function documentQuad(camera: Camera, frame: Frame3, kind: DocumentKind): Quad {
  const [w, h] = DOCUMENT_SIZE_MM[kind];
  return [
    project(camera, planePoint(frame, 0, 0)),
    project(camera, planePoint(frame, w, 0)),
    project(camera, planePoint(frame, w, h)),
    project(camera, planePoint(frame, 0, h)),
  ];
}

/** Outline (negative inside) of everything the document brings: the card, or the whole booklet. */
export function documentOutline(kind: DocumentKind, u: number, v: number): number {
  const [w, h] = DOCUMENT_SIZE_MM[kind];
  if (kind === 'id1') return roundBox(u, v, w, h, CARD_RADIUS);
  // Booklet: both pages and a 3 mm cover rim.
  return roundBox(u + 3, v + h + 3, w + 6, 2 * h + 6, 2.5);
}

/** Corners of a w x h document in its own coordinates, clockwise from top-left. */
export const cornersMm = (w: number, h: number): Point[] => [
  [0, 0],
  [w, 0],
  [w, h],
  [0, h],
];
