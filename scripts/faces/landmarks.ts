// Face landmarks as every selfie renderer labels them (the studio set of generate-selfies.ts and the
// portraits family), and the pose they imply. One definition, so that the two families' manifests
// describe faces the same way and one eval rule judges both.
import type { Point } from '../../src/quality/types.ts';

/** The face's landmarks, by the names a face detector gives them. */
export interface Landmarks {
  /** Top of the forehead on the face's midline. */
  readonly foreheadTop: Point;
  /** Bottom of the chin (menton). */
  readonly chin: Point;
  /** Centre of the eye on the image's left when the face is upright (the subject's right eye). */
  readonly rightEye: Point;
  /** Centre of the eye on the image's right when the face is upright. */
  readonly leftEye: Point;
  /** Tip of the nose. */
  readonly noseTip: Point;
  /** Centre of the mouth. */
  readonly mouth: Point;
  /** Ear tragion on the image's left when the face is upright. */
  readonly rightEarTragion: Point;
  /** Ear tragion on the image's right. */
  readonly leftEarTragion: Point;
}

/** Names of {@link Landmarks}, in MediaPipe's keypoint order after the two extents. */
export const LANDMARK_NAMES = [
  'foreheadTop',
  'chin',
  'rightEye',
  'leftEye',
  'noseTip',
  'mouth',
  'rightEarTragion',
  'leftEarTragion',
] as const;

/** One of the eight landmarks. */
export type LandmarkName = (typeof LANDMARK_NAMES)[number];

/**
 * The landmarks of a photo's face once drawn into a frame: each source point mapped by `map`, and,
 * for a mirrored copy, left and right swapped, since a detector names the eye on the image's left
 * the right eye whichever eye it is.
 */
export function mapLandmarks(
  source: Landmarks,
  mirror: boolean,
  map: (point: Point) => Point,
): Landmarks {
  return {
    foreheadTop: map(source.foreheadTop),
    chin: map(source.chin),
    rightEye: map(mirror ? source.leftEye : source.rightEye),
    leftEye: map(mirror ? source.rightEye : source.leftEye),
    noseTip: map(source.noseTip),
    mouth: map(source.mouth),
    rightEarTragion: map(mirror ? source.leftEarTragion : source.rightEarTragion),
    leftEarTragion: map(mirror ? source.rightEarTragion : source.leftEarTragion),
  };
}

/** Euclidean distance between two points. */
export function distance(a: Point, b: Point): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/** A face's pose as the labels describe it. */
export interface FacePose {
  /** Forehead-to-chin height in pixels. */
  readonly height: number;
  /** Midpoint of the forehead top and the chin. */
  readonly centre: Point;
  /** Angle of the eye line (degrees, clockwise on screen positive, 0 upright). */
  readonly roll: number;
  /**
   * The nose's offset from the eyes' midpoint along the eye line, over the eye distance (positive:
   * towards the image's right). About 0.4 tan(yaw) for a real head; ±0.035 for the fixture.
   */
  readonly yawRatio: number;
}

/** Pose of a face with these landmarks. */
export function poseOf(l: Landmarks): FacePose {
  const ex = l.leftEye[0] - l.rightEye[0];
  const ey = l.leftEye[1] - l.rightEye[1];
  const eyes = Math.hypot(ex, ey);
  const mid: Point = [(l.rightEye[0] + l.leftEye[0]) / 2, (l.rightEye[1] + l.leftEye[1]) / 2];
  return {
    height: distance(l.foreheadTop, l.chin),
    centre: [(l.foreheadTop[0] + l.chin[0]) / 2, (l.foreheadTop[1] + l.chin[1]) / 2],
    roll: (Math.atan2(ey, ex) * 180) / Math.PI,
    yawRatio: ((l.noseTip[0] - mid[0]) * ex + (l.noseTip[1] - mid[1]) * ey) / (eyes * eyes),
  };
}
