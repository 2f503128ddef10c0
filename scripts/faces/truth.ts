// The label semantics of the selfie sets (issue 5) and the true geometry of a drawn face, as the
// manifests record it: one rule for the studio set (generate-selfies.ts) and the portraits family,
// so that one engine is judged by one rule. The numbers are written rounded, as here.
import type { Point } from '../../src/quality/types.ts';
import { LANDMARK_NAMES, type FacePose, type Landmarks, type LandmarkName } from './landmarks.ts';

/** The issues the selfie sets label, in the order `expect.issues` lists them. */
export const LABELLED_ISSUES = [
  'no_face',
  'multiple_faces',
  'face_too_small',
  'face_too_large',
  'face_off_center',
  'face_angle',
  'blur',
  'dark',
] as const;
/** One labelled issue. */
export type SelfieIssue = (typeof LABELLED_ISSUES)[number];

/** The label semantics (issue 5). */
export const FACE_RULES = {
  /** Face size (forehead-to-chin / shorter side) that is acceptable. */
  acceptableSize: [0.3, 0.6],
  /** Below this: face_too_small (0.22-0.30 is tolerated either way). */
  tooSmall: 0.22,
  /** Above this: face_too_large (0.60-0.70 is tolerated either way). */
  tooLarge: 0.7,
  /** Largest offset of the face centre from the frame centre, per axis, over width / height. */
  maxOffset: 0.18,
  /** Largest roll, degrees. */
  maxRoll: 18,
  /** Yaw ratio from which a face is "clearly turned". */
  maxYawRatio: 0.25,
  /** Size from which a face counts towards multiple_faces. */
  countedSize: 0.2,
  /** dark: the face's and the frame's mean luma (0-255) at most this. */
  darkLuma: 45,
} as const;

/** The true geometry of one face in a photo (the portraits family writes the first five fields). */
export interface FaceTruth {
  /** Forehead-to-chin height over the frame's shorter side. */
  readonly size: number;
  /** Forehead-to-chin height in pixels. */
  readonly height: number;
  /** Midpoint of the forehead top and the chin (pixels). */
  readonly centre: [number, number];
  /** (centre - frame centre) / [width, height]. */
  readonly offset: [number, number];
  /** Eye line angle, degrees, clockwise on screen positive. */
  readonly roll: number;
  /** Nose offset from the eyes' midpoint along the eye line / eye distance (+: image right). */
  readonly yawRatio: number;
  readonly mirrored: boolean;
  /** Share of the face region not covered by another layer. */
  readonly visible: number;
  /** Continuous pixel coordinates; "right" eye/ear are the ones on the image's left. */
  readonly landmarks: Record<LandmarkName, [number, number]>;
}

/** What {@link geometryIssues} reads of a face (a frontal family has no yaw to label). */
export type FaceGeometry = Pick<FaceTruth, 'size' | 'offset' | 'roll'> & {
  readonly yawRatio?: number;
};

/**
 * The geometric issues of a frame with these faces (largest first), by FACE_RULES, and the issues
 * a face in a tolerance band may also be reported with.
 */
export function geometryIssues(faces: readonly FaceGeometry[]): {
  issues: SelfieIssue[];
  tolerated: SelfieIssue[];
} {
  const issues = new Set<SelfieIssue>();
  const tolerated = new Set<SelfieIssue>();
  const main = faces[0];
  if (!main) return { issues: ['no_face'], tolerated: [] };
  if (faces.filter((f) => f.size >= FACE_RULES.countedSize).length >= 2)
    issues.add('multiple_faces');
  if (main.size < FACE_RULES.tooSmall) issues.add('face_too_small');
  else if (main.size < FACE_RULES.acceptableSize[0]) tolerated.add('face_too_small');
  if (main.size > FACE_RULES.tooLarge) issues.add('face_too_large');
  else if (main.size > FACE_RULES.acceptableSize[1]) tolerated.add('face_too_large');
  if (Math.max(Math.abs(main.offset[0]), Math.abs(main.offset[1])) > FACE_RULES.maxOffset)
    issues.add('face_off_center');
  if (
    Math.abs(main.roll) > FACE_RULES.maxRoll ||
    Math.abs(main.yawRatio ?? 0) >= FACE_RULES.maxYawRatio
  )
    issues.add('face_angle');
  return {
    issues: LABELLED_ISSUES.filter((i) => issues.has(i)),
    tolerated: LABELLED_ISSUES.filter((i) => tolerated.has(i)),
  };
}

/** `value` rounded to `digits` decimals, as the manifests write numbers. */
export const round = (value: number, digits = 2): number =>
  Math.round(value * 10 ** digits) / 10 ** digits;

/** A point rounded to 2 decimals. */
export const roundPoint = (p: Point): [number, number] => [round(p[0]), round(p[1])];

/** The landmarks rounded as the manifests write them. */
export const roundLandmarks = (l: Landmarks): Record<LandmarkName, [number, number]> =>
  Object.fromEntries(LANDMARK_NAMES.map((n) => [n, roundPoint(l[n])])) as Record<
    LandmarkName,
    [number, number]
  >;

/** Size, centre and offset of a face with pose `pose` in a `width` x `height` frame, rounded. */
export function framing(
  pose: Pick<FacePose, 'height' | 'centre'>,
  width: number,
  height: number,
): Pick<FaceTruth, 'size' | 'centre' | 'offset'> {
  return {
    size: round(pose.height / Math.min(width, height), 4),
    centre: roundPoint(pose.centre),
    offset: [round(pose.centre[0] / width - 0.5, 4), round(pose.centre[1] / height - 0.5, 4)],
  };
}
