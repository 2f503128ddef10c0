// Pinhole cameras of the document scenes: where a document's corners land in the image, how much
// of the frame it fills and how far its corners are inside it. Image coordinates are continuous:
// pixel (i, j) covers [i, i+1) x [j, j+1), so its centre is (i + 0.5, j + 0.5).
//
// Two ways of placing a document, each pinned by its fixtures: the studio set and the document
// videos give a Pose (roll, tilt, field of view, apparent width) and project the rectangle's corners
// (`projectDocument`); the ray-cast families (scripts/families/) place a plane in camera space (mm)
// and cast a ray per pixel through a `Camera`, with the helpers below to search for a pose that
// meets their label rules.
import { polygonArea, shareInRect } from '../../src/quality/geometry.ts';
import type { Point, Quad } from '../../src/quality/types.ts';
import { uniform, within } from './random.ts';

// ---------------------------------------------------------------------------------------------
// The studio set and the document videos.

/** Degrees to radians. */
export const DEG = Math.PI / 180;

/** A point at (s, t) in the document's unit square (0,0 top left), mapped into the quad. */
export function inQuad(quad: Quad, s: number, t: number): Point {
  const [a, b, c, d] = quad;
  return [
    (1 - s) * (1 - t) * a[0] + s * (1 - t) * b[0] + s * t * c[0] + (1 - s) * t * d[0],
    (1 - s) * (1 - t) * a[1] + s * (1 - t) * b[1] + s * t * c[1] + (1 - s) * t * d[1],
  ];
}

/** Where a document is and how it is turned, relative to the camera. */
export interface Pose {
  /** In-plane rotation (radians). */
  readonly roll: number;
  /** Angle between the document plane and the image plane (radians). */
  readonly tilt: number;
  /** Direction in the document plane of the axis it is tilted about (radians). */
  readonly tiltAxis: number;
  /** Horizontal field of view of the camera (radians). */
  readonly fov: number;
  /** Document width over frame width if it were seen straight on. */
  readonly widthFraction: number;
  /** Where the document's centre projects to (image pixels). */
  readonly centre: Point;
}

/**
 * Projects a document's corners (clockwise from its top left) with a pinhole camera. Image
 * coordinates are continuous: pixel (i, j) covers [i, i+1) x [j, j+1), so its centre is (i+.5, j+.5).
 */
export function projectDocument(
  pose: Pose,
  widthMm: number,
  heightMm: number,
  frameWidth: number,
  frameHeight: number,
): Quad {
  const f = frameWidth / 2 / Math.tan(pose.fov / 2);
  const distance = (f * widthMm) / (pose.widthFraction * frameWidth);
  // Rodrigues rotation about the tilt axis, then the roll about the optical axis.
  const ax = Math.cos(pose.tiltAxis);
  const ay = Math.sin(pose.tiltAxis);
  const ct = Math.cos(pose.tilt);
  const st = Math.sin(pose.tilt);
  const cr = Math.cos(pose.roll);
  const sr = Math.sin(pose.roll);
  const tx = ((pose.centre[0] - frameWidth / 2) * distance) / f;
  const ty = ((pose.centre[1] - frameHeight / 2) * distance) / f;
  const corner = (x: number, y: number): Point => {
    // v' = v cos t + (a x v) sin t + a (a . v)(1 - cos t), with v = (x, y, 0), a = (ax, ay, 0).
    const dot = ax * x + ay * y;
    const rx = x * ct + ax * dot * (1 - ct);
    const ry = y * ct + ay * dot * (1 - ct);
    const rz = (ax * y - ay * x) * st;
    const X = rx * cr - ry * sr + tx;
    const Y = rx * sr + ry * cr + ty;
    const Z = rz + distance;
    return [frameWidth / 2 + (f * X) / Z, frameHeight / 2 + (f * Y) / Z];
  };
  const w = widthMm / 2;
  const h = heightMm / 2;
  return [corner(-w, -h), corner(w, -h), corner(w, h), corner(-w, h)];
}

/** How far a point is inside the frame (negative: outside by that much), in pixels. */
export function insideMargin([x, y]: Point, width: number, height: number): number {
  return Math.min(x, width - x, y, height - y);
}

// ---------------------------------------------------------------------------------------------
// The ray-cast families: a camera, camera-space vectors (mm; x right, y down, z forward) and the
// search for a pose that meets a family's geometric label rules.

/** A point or direction in camera space. */
export type Vec3 = readonly [number, number, number];

/** Dot product. */
export const dot3 = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** a + k b. */
export const add3 = (a: Vec3, b: Vec3, k = 1): Vec3 => [
  a[0] + b[0] * k,
  a[1] + b[1] * k,
  a[2] + b[2] * k,
];

/** The unit vector along a (a itself when it has no length). */
export const norm3 = (a: Vec3): Vec3 => {
  const l = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / l, a[1] / l, a[2] / l];
};

/** A pinhole camera: focal length in pixels, principal point at the frame's centre. */
export interface Camera {
  /** Frame width, pixels. */
  readonly width: number;
  /** Frame height, pixels. */
  readonly height: number;
  /** Horizontal field of view, degrees. */
  readonly fovDeg: number;
  /** Focal length, pixels. */
  readonly focal: number;
}

/** The camera of a `width` x `height` frame with a horizontal field of view of `fovDeg`. */
export function makeCamera(width: number, height: number, fovDeg: number): Camera {
  return { width, height, fovDeg, focal: width / 2 / Math.tan((fovDeg * Math.PI) / 360) };
}

/** The camera-space point at depth `z` on the ray through pixel (px, py). */
export function unproject(camera: Camera, px: number, py: number, z: number): Vec3 {
  return [
    ((px - camera.width / 2) / camera.focal) * z,
    ((py - camera.height / 2) / camera.focal) * z,
    z,
  ];
}

/** Projects a camera-space point to image pixels. */
export function project(camera: Camera, p: Vec3): Point {
  return [
    camera.width / 2 + (camera.focal * p[0]) / p[2],
    camera.height / 2 + (camera.focal * p[1]) / p[2],
  ];
}

/** Projected area of a quad over the frame's area. */
export const fillShare = (camera: Camera, quad: Quad): number =>
  polygonArea(quad) / (camera.width * camera.height);

/** How far a point lies inside the frame (negative outside), in pixels. */
export const insetOf = (camera: Camera, p: Point): number =>
  insideMargin(p, camera.width, camera.height);

/** Share of the quad's area inside the frame. */
export const shareInFrame = (camera: Camera, quad: Quad): number =>
  shareInRect(quad, camera.width, camera.height);

/**
 * The depth at which the document `quadAt(z)` fills `target` of the frame: `iterations` fixed-point
 * steps from `z` (the projected area goes as 1 / z²).
 */
export function depthForFill(
  camera: Camera,
  quadAt: (z: number) => Quad,
  z: number,
  iterations: number,
  target: number,
): number {
  let depth = z;
  for (let k = 0; k < iterations; k++)
    depth *= Math.sqrt(fillShare(camera, quadAt(depth)) / target);
  return depth;
}

/**
 * Where to move the document's centre `at` (image pixels, at the same depth) so that one of its
 * corners, drawn at random, leaves the frame past its nearest edge by a share of the short side
 * drawn from `pushRange`.
 */
export function slideCornerOut(
  random: () => number,
  camera: Camera,
  quad: Quad,
  at: Point,
  pushRange: readonly [number, number],
): Point {
  const { width, height } = camera;
  const c = quad[Math.floor(random() * 4)]!;
  const gaps = [c[0], width - c[0], c[1], height - c[1]];
  const side = gaps.indexOf(Math.min(...gaps));
  const push = gaps[side]! + uniform(random, pushRange[0], pushRange[1]) * Math.min(width, height);
  return [
    at[0] + (side === 0 ? -push : side === 1 ? push : 0),
    at[1] + (side === 2 ? -push : side === 3 ? push : 0),
  ];
}

/** The geometric label rules a family's pose search checks (shares of the frame). */
export interface PlacementRules {
  /** Acceptable fills are drawn from these ranges, per document kind. */
  readonly fillDrawn: Readonly<Record<string, readonly number[]>>;
  /** Acceptable: the document's projected area over the frame's, within [min, max]. */
  readonly acceptableFill: { readonly min: number; readonly max: number };
  /** Acceptable: every corner at least this far inside the frame (share of the short side). */
  readonly cornerMargin: number;
  /** too_far: the fill's range. */
  readonly tooFarFill: readonly [number, number];
  /** corner_out: one corner at least this far outside (share of the short side) ... */
  readonly cornerOutside: number;
  /** ... the three others at least this far inside ... */
  readonly cornerOthersInside: number;
  /** ... and at least this share of the document visible. */
  readonly minVisible: number;
}

/**
 * Whether a drawn document quad meets its variant's geometry: exactly one corner clearly out for
 * corner_out, every corner inside by the margin otherwise; the acceptable fill for the variants in
 * `acceptableFill` (those whose degradation lies elsewhere), the too_far band for too_far.
 */
export function meetsPlacement(
  camera: Camera,
  quad: Quad,
  variant: string,
  rules: PlacementRules,
  acceptableFill: ReadonlySet<string>,
): boolean {
  const short = Math.min(camera.width, camera.height);
  if (variant === 'corner_out') {
    const insets = quad.map((q) => insetOf(camera, q) / short);
    if (
      insets.filter((i) => i <= -rules.cornerOutside).length !== 1 ||
      insets.filter((i) => i >= rules.cornerOthersInside).length !== 3 ||
      shareInFrame(camera, quad) < rules.minVisible
    )
      return false;
  } else if (!quad.every((q) => insetOf(camera, q) >= rules.cornerMargin * short)) {
    return false;
  }
  const fill = fillShare(camera, quad);
  if (acceptableFill.has(variant)) {
    if (fill < rules.acceptableFill.min || fill > rules.acceptableFill.max) return false;
  }
  return variant !== 'too_far' || (fill >= rules.tooFarFill[0] && fill <= rules.tooFarFill[1]);
}

/** A family's draw of a document's orientation, for {@link searchPose}. */
export interface PoseDraw<F> {
  /** Tilt of the document's normal from the optical axis, degrees. */
  readonly tiltDeg: number;
  /** Roll about the optical axis, degrees. */
  readonly rollDeg: number;
  /** The document placed with its centre on the ray through `at`, `z` mm away. */
  readonly place: (at: Point, z: number) => F;
  /** A placement's true corners in the image. */
  readonly quadOf: (frame: F) => Quad;
}

/** How a family searches for a pose that meets its label rules ({@link searchPose}). */
export interface PoseSearch<F, H> {
  readonly random: () => number;
  readonly camera: Camera;
  readonly variant: string;
  /** The document's kind (a key of the rules' `fillDrawn`). */
  readonly document: string;
  readonly rules: PlacementRules;
  /** The variants held to the acceptable fill ({@link meetsPlacement}). */
  readonly fillChecked: ReadonlySet<string>;
  /** Depth the fill search starts from (mm), and its steps. */
  readonly depth: number;
  readonly iterations: number;
  /**
   * corner_out: the range its fill is drawn from, and how far past the frame's edge a corner is
   * pushed (a share of the short side).
   */
  readonly cornerOut: {
    readonly fill: readonly number[];
    readonly push: readonly [number, number];
  };
  /** The range of shares of the frame's width and height the document's centre is drawn in. */
  readonly centre: readonly number[];
  /** The error a search that finds nothing in 5000 draws throws. */
  readonly failure: string;
  /** Draws the document's orientation (the fill and the centre are drawn after it). */
  readonly draw: () => PoseDraw<F>;
  /** finger: the hand whose finger covers a corner. */
  readonly finger: () => H;
  /** A held document's hand, or null when the draw brings it too near a corner (draw again). */
  readonly holding: (() => H | null) | null;
}

/** A pose found by {@link searchPose}. */
export interface Placement<F, H> {
  readonly frame: F;
  readonly corners: Quad;
  readonly tiltDeg: number;
  readonly rollDeg: number;
  readonly fill: number;
  readonly hand: H | null;
}

/**
 * Draws poses until one meets the variant's geometric rules: an orientation, a fill (the variant's)
 * and a centre, the depth that gives that fill, one corner slid out of the frame for corner_out,
 * the rules' check, then the hand (a finger over a corner, or the hand holding the document).
 * Draws that miss are redrawn.
 */
export function searchPose<F, H>(search: PoseSearch<F, H>): Placement<F, H> {
  const { random, camera, variant, rules } = search;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 5000) throw new Error(search.failure);
    const draw = search.draw();
    const targetFill =
      variant === 'too_far'
        ? within(random, rules.tooFarFill)
        : variant === 'corner_out'
          ? within(random, search.cornerOut.fill)
          : within(random, rules.fillDrawn[search.document]!);
    let at: Point = [
      within(random, search.centre) * camera.width,
      within(random, search.centre) * camera.height,
    ];
    const quadAt = (z: number) => draw.quadOf(draw.place(at, z));
    const z = depthForFill(camera, quadAt, search.depth, search.iterations, targetFill);
    // corner_out: slide the document at the same depth until one corner leaves the frame.
    if (variant === 'corner_out')
      at = slideCornerOut(random, camera, quadAt(z), at, search.cornerOut.push);
    const frame = draw.place(at, z);
    const corners = draw.quadOf(frame);
    if (!meetsPlacement(camera, corners, variant, rules, search.fillChecked)) continue;
    let hand: H | null = null;
    if (variant === 'finger') hand = search.finger();
    else if (search.holding) {
      hand = search.holding();
      if (!hand) continue;
    }
    const { tiltDeg, rollDeg } = draw;
    return { frame, corners, tiltDeg, rollDeg, fill: fillShare(camera, corners), hand };
  }
}

/** What a scene records of its placement: corners, tilt, roll, fill and hand (none without one). */
export function placementOf<F, H>(
  placed: Placement<F, H> | null,
): Omit<Placement<F, H>, 'frame' | 'corners'> & { corners: Quad | null } {
  return {
    corners: placed?.corners ?? null,
    tiltDeg: placed?.tiltDeg ?? 0,
    rollDeg: placed?.rollDeg ?? 0,
    fill: placed?.fill ?? 0,
    hand: placed?.hand ?? null,
  };
}

/** The metering targets a family's exposure rules give (mean light, 0-1). */
export interface ExposureRules {
  readonly darkTarget: readonly number[];
  readonly brightTarget: readonly number[];
  readonly exposureTarget: readonly number[];
}

/** The exposure a scene meters for: the dark or bright band for those variants, else acceptable. */
export function drawExposureTarget(
  random: () => number,
  variant: string,
  rules: ExposureRules,
): number {
  return variant === 'dark'
    ? within(random, rules.darkTarget)
    : variant === 'bright'
      ? within(random, rules.brightTarget)
      : within(random, rules.exposureTarget);
}

/** Where a pixel's four rays go when it lies on an edge between surfaces: a rotated grid. */
export const EDGE_SAMPLES = [
  [0.375, 0.125],
  [0.875, 0.375],
  [0.625, 0.875],
  [0.125, 0.625],
] as const;

/**
 * The pixels whose surface id differs from a 4-neighbour's: the edges between surfaces, which get
 * {@link EDGE_SAMPLES} instead of one ray through the centre.
 */
export function edgePixels(ids: Int32Array, width: number, height: number): Uint8Array {
  const edge = new Uint8Array(ids.length);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const id = ids[i]!;
      edge[i] =
        (x > 0 && ids[i - 1] !== id) ||
        (x < width - 1 && ids[i + 1] !== id) ||
        (y > 0 && ids[i - width] !== id) ||
        (y < height - 1 && ids[i + width] !== id)
          ? 1
          : 0;
    }
  return edge;
}
