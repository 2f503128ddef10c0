// The document portrait check: is the holder's photo on the document front? Backends reject a
// front without it (session-v1's MISSING_PORTRAIT), so the capture says so before uploading. The
// decision and the geometry are here, pure and Worker-safe; the face worker (face-worker.ts)
// straightens the card, runs the detector over the looks planned here and maps the answer back.
import type { DocumentType, ImageStep } from '../steps.js';
import type { Point } from '../quality/types.js';
import type { DetectedFace, FaceBox } from './types.js';

/** Which steps of each document type show the holder's portrait (backs and selfies do not). */
export const PORTRAIT_DOCUMENT_STEPS: Readonly<Record<DocumentType, readonly ImageStep[]>> =
  Object.freeze({
    passport: Object.freeze(['document_front'] as const),
    identity_card: Object.freeze(['document_front'] as const),
    drivers_license: Object.freeze(['document_front'] as const),
  });

/** Whether `step` of a `documentType` document should show the holder's portrait. */
export function hasPortrait(documentType: DocumentType | undefined, step: string): boolean {
  if (!documentType) return false;
  const steps = PORTRAIT_DOCUMENT_STEPS[documentType] as readonly string[] | undefined;
  return steps?.includes(step) ?? false;
}

/** Why no portrait was found (the best detection's first failed check). */
export const PortraitIssue = {
  /** The detector saw nothing face-like at all. */
  NoFace: 'no_face',
  /** Something face-like, but below `minScore`. */
  LowScore: 'low_score',
  /** A face, but (mostly) off the card: the background, a hand, the holder in person. */
  OutsideCard: 'outside_card',
  /** A face too small for the card's portrait (a pattern, a tiny ghost image). */
  TooSmall: 'too_small',
  /** A face too large to be printed on the card (a real face in front of it). */
  TooLarge: 'too_large',
} as const;
/** One reason a portrait was not found. */
export type PortraitIssue = (typeof PortraitIssue)[keyof typeof PortraitIssue];

/** How the portrait is looked for and what counts as one; every threshold can be changed. */
export interface PortraitOptions {
  /**
   * Lowest detector score of a portrait; default 0.6. The detector reports from 0.5: a helmet
   * scored 0.51-0.61 on the selfie set, the fixture's photo printed on a card 0.9+.
   */
  readonly minScore?: number;
  /**
   * A portrait this sure ends the search (no further look, no other orientation); default 0.75,
   * the detector's own "confident" score (src/face/face-detector.ts).
   */
  readonly confidentScore?: number;
  /** Smallest face box height over the card's shorter side; default 0.1. */
  readonly minFaceSize?: number;
  /** Largest face box height over the card's shorter side; default 0.8. */
  readonly maxFaceSize?: number;
  /** Smallest share of the face box that must lie on the card; default 0.85. */
  readonly minInside?: number;
  /**
   * Long side of the straightened card (margin included) in pixels; default 640. The model
   * sees 128x128 whatever this is: it matters for the mapping's precision, not for the detector.
   */
  readonly workingSize?: number;
  /** Long/short side ratio of the document (e.g. 85.6 / 54); default: the quad's own. */
  readonly aspect?: number;
  /** Background kept around the straightened card, as a share of its sides; default 0.05. */
  readonly margin?: number;
  /**
   * The side looks: each covers this share of the card's long side, one from either end; default
   * 0.6. A portrait is ~30-45 % of an ID card's width: seen alone it is ~1.7x larger to the model.
   */
  readonly sideShare?: number;
  /**
   * Orientations to try, degrees clockwise, in order, until a portrait is found. Default: 0 and
   * 180 for a landscape card (held upside down), 0, 90 and 270 for a portrait-shaped one (a
   * landscape card held sideways, or a vertical card). `[0]` looks upright only.
   */
  readonly rotations?: readonly PortraitRotation[];
  /** Overlap (IoU) above which two looks' faces are the same face; default 0.3. */
  readonly sameFaceOverlap?: number;
}

/** A turn of the card image by a multiple of 90°, clockwise. */
export type PortraitRotation = 0 | 90 | 180 | 270;

/** The resolved defaults (rotations depend on the card's shape: see {@link portraitRotations}). */
export const DEFAULT_PORTRAIT_OPTIONS = Object.freeze({
  minScore: 0.6,
  confidentScore: 0.75,
  minFaceSize: 0.1,
  maxFaceSize: 0.8,
  minInside: 0.85,
  workingSize: 640,
  margin: 0.05,
  sideShare: 0.6,
  sameFaceOverlap: 0.3,
});

type Resolved = typeof DEFAULT_PORTRAIT_OPTIONS & Pick<PortraitOptions, 'aspect' | 'rotations'>;

/** Options with every default filled in. */
export function resolvePortraitOptions(options: PortraitOptions = {}): Resolved {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_PORTRAIT_OPTIONS, ...defined };
}

/** What {@link judgePortrait} decided. */
export interface PortraitJudgement {
  /** True when a face on the card passes every check. */
  readonly found: boolean;
  /** The portrait (card pixels), or null. */
  readonly face: DetectedFace | null;
  /** The portrait's score; without one, the best detection's score (0 when there was none). */
  readonly score: number;
  /** How many faces pass every check (a second one is usually a ghost image). */
  readonly faces: number;
  /** Why nothing was found, or null when found. */
  readonly issue: PortraitIssue | null;
}

/** The share of `box` inside the rectangle (0, 0)-(width, height). */
export function insideShare(box: FaceBox, width: number, height: number): number {
  const w = Math.min(box.x + box.width, width) - Math.max(box.x, 0);
  const h = Math.min(box.y + box.height, height) - Math.max(box.y, 0);
  const area = box.width * box.height;
  return w > 0 && h > 0 && area > 0 ? (w * h) / area : 0;
}

/**
 * Decides whether `faces` (in card pixels: origin at the card's top-left corner, the card
 * `cardSize` large) hold the document's portrait: a detection scoring at least `minScore`, of a
 * portrait's size for the card, lying on the card. The most confident such face is the portrait.
 */
export function judgePortrait(
  detection: { readonly faces: readonly DetectedFace[] } | readonly DetectedFace[],
  cardSize: { readonly width: number; readonly height: number },
  options: PortraitOptions = {},
): PortraitJudgement {
  const o = resolvePortraitOptions(options);
  const faces = 'faces' in detection ? detection.faces : detection;
  const shorter = Math.min(cardSize.width, cardSize.height);
  const issueOf = (face: DetectedFace): PortraitIssue | null => {
    if (face.score < o.minScore) return PortraitIssue.LowScore;
    if (insideShare(face.box, cardSize.width, cardSize.height) < o.minInside)
      return PortraitIssue.OutsideCard;
    const size = face.box.height / shorter;
    if (size < o.minFaceSize) return PortraitIssue.TooSmall;
    if (size > o.maxFaceSize) return PortraitIssue.TooLarge;
    return null;
  };
  const ranked = [...faces].sort((a, b) => b.score - a.score);
  const portraits = ranked.filter((face) => issueOf(face) === null);
  const face = portraits[0] ?? null;
  if (face) return { found: true, face, score: face.score, faces: portraits.length, issue: null };
  const best = ranked[0];
  return {
    found: false,
    face: null,
    score: best?.score ?? 0,
    faces: 0,
    issue: best ? issueOf(best) : PortraitIssue.NoFace,
  };
}

/** The orientations tried by default for a card image of this shape. */
export function portraitRotations(width: number, height: number): readonly PortraitRotation[] {
  return width >= height ? [0, 180] : [0, 90, 270];
}

/** A rectangle in image pixels. */
export interface PixelRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * One look of the detector: `rect` of the card image, turned `rotation` degrees clockwise: one end
 * of the card (`side`) or all of it (`whole`).
 */
export interface PortraitLook {
  readonly rotation: PortraitRotation;
  readonly rect: PixelRect;
  readonly stage: 'whole' | 'side';
}

/**
 * The looks at a `width` x `height` card image for one orientation, in the order they are taken
 * until a confident portrait: the two ends of its long side (`sideShare` of it each, overlapping in
 * the middle), then the whole image. A portrait is at one end of nearly every document (left on
 * ID-1 cards and passports, right on some cards, top on vertical ones): seen without the rest it is
 * larger to the short-range model, which letterboxes every image to 128x128. On the synthetic
 * cards the fixture's photo scored 0.90-0.92 in the end's look and 0.76-0.81 in the whole card's.
 */
export function portraitLooks(
  width: number,
  height: number,
  rotation: PortraitRotation,
  sideShare: number = DEFAULT_PORTRAIT_OPTIONS.sideShare,
): PortraitLook[] {
  const whole: PortraitLook = { rotation, rect: { x: 0, y: 0, width, height }, stage: 'whole' };
  if (sideShare >= 1) return [whole];
  const looks: PortraitLook[] = [];
  if (width >= height) {
    const w = Math.round(width * sideShare);
    looks.push({ rotation, rect: { x: 0, y: 0, width: w, height }, stage: 'side' });
    looks.push({ rotation, rect: { x: width - w, y: 0, width: w, height }, stage: 'side' });
  } else {
    const h = Math.round(height * sideShare);
    looks.push({ rotation, rect: { x: 0, y: 0, width, height: h }, stage: 'side' });
    looks.push({ rotation, rect: { x: 0, y: height - h, width, height: h }, stage: 'side' });
  }
  return [...looks, whole];
}

/** Pixel size of what the detector sees for `look` (the rect, turned). */
export function lookSize(look: PortraitLook): { width: number; height: number } {
  const { width, height } = look.rect;
  return look.rotation === 90 || look.rotation === 270
    ? { width: height, height: width }
    : { width, height };
}

/** A point of what the detector saw for `look`, in card-image pixels. */
export function fromLook(look: PortraitLook, [u, v]: Point): Point {
  const { x, y, width: w, height: h } = look.rect;
  switch (look.rotation) {
    case 0:
      return [x + u, y + v];
    case 90:
      return [x + v, y + h - u];
    case 180:
      return [x + w - u, y + h - v];
    case 270:
      return [x + w - v, y + u];
  }
}

/** The axis-aligned box around `points`. */
export function boundingBox(points: readonly Point[]): FaceBox {
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** The four corners of `box`, clockwise from top-left. */
export function boxCorners(box: FaceBox): [Point, Point, Point, Point] {
  const { x, y, width: w, height: h } = box;
  return [
    [x, y],
    [x + w, y],
    [x + w, y + h],
    [x, y + h],
  ];
}

/** `face` with its box and keypoints mapped point by point (the box stays axis-aligned). */
export function mapFace(face: DetectedFace, map: (point: Point) => Point): DetectedFace {
  const at = (p: { x: number; y: number }) => {
    const [x, y] = map([p.x, p.y]);
    return { x, y };
  };
  const k = face.keypoints;
  return {
    box: boundingBox(boxCorners(face.box).map(map)),
    score: face.score,
    keypoints: {
      rightEye: at(k.rightEye),
      leftEye: at(k.leftEye),
      noseTip: at(k.noseTip),
      mouth: at(k.mouth),
      rightEarTragion: at(k.rightEarTragion),
      leftEarTragion: at(k.leftEarTragion),
    },
  };
}

/** Intersection over union of two boxes. */
export function boxOverlap(a: FaceBox, b: FaceBox): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const both = w * h;
  return both / (a.width * a.height + b.width * b.height - both);
}

/** The faces of several looks as one list: of two overlapping by more than `overlap`, the surer. */
export function mergeFaces(faces: readonly DetectedFace[], overlap: number): DetectedFace[] {
  const kept: DetectedFace[] = [];
  for (const face of [...faces].sort((a, b) => b.score - a.score)) {
    if (!kept.some((other) => boxOverlap(other.box, face.box) > overlap)) kept.push(face);
  }
  return kept;
}

/** The result of `FaceAnalyzer.findPortrait`. */
export interface PortraitResult {
  /** True when the document's portrait was found. */
  readonly found: boolean;
  /** The portrait's face box in the pixels of the image passed in, or null. */
  readonly box: FaceBox | null;
  /**
   * The portrait's box on the straightened card (corner order as in the quad; `rotation` says how
   * it was turned) as shares of the card's width and height, or null.
   */
  readonly cardBox: FaceBox | null;
  /** The portrait's score; without one, the best detection's score (0 when there was none). */
  readonly score: number;
  /** How many faces on the card pass the checks (a second one is usually a ghost image). */
  readonly faces: number;
  /** Why nothing was found, or null when found. */
  readonly issue: PortraitIssue | null;
  /** How the card image was turned when the portrait was found (0 otherwise). */
  readonly rotation: PortraitRotation;
  /** How many times the detector ran. */
  readonly looks: number;
  /** Time spent in the worker (ms). */
  readonly ms: number;
}
