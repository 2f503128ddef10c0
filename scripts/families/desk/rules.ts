// The desk family's label rules and the kinds of everything it draws (scripts/families/desk.ts).
import { DOCUMENT_MM, type DocumentKind } from '../../scene/card.ts';

// The document kinds are the scene modules' (scripts/scene/card.ts).
export type { DocumentKind };

/** What makes a photo acceptable, and the margins degraded items keep from it. */
export const LABEL_RULES = {
  /** Acceptable: the document's projected area over the frame's, within [min, max]. */
  acceptableFill: { min: 0.15, max: 0.8 },
  /** Acceptable fills are drawn this far inside that band. */
  fillDrawn: { id1: [0.17, 0.74], passport: [0.17, 0.58] } as Record<DocumentKind, number[]>,
  /** Acceptable: every corner at least this far inside the frame. */
  cornerMargin: 0.04,
  /** Acceptable: tilt of the document's normal from the optical axis, degrees. */
  maxTilt: 35,
  /** Acceptable: roll about the optical axis, degrees. */
  maxRoll: 25,
  /** Acceptable: no part of the hand within this distance of a corner (mm). */
  handCornerClearanceMm: 6,
  /** Acceptable: auto-exposure target (mean of the frame, 0-1), unless the ceiling lowers it. */
  exposureTarget: [0.36, 0.54],
  /**
   * Acceptable (and every variant but dark and bright): the brightest pixel of the document (paper,
   * or the light print of a dark card) is exposed to at most this (0-1), so that nothing on it
   * clips, with room for sensor noise and JPEG ringing.
   */
  documentCeiling: 0.9,
  /** too_far: fill drawn from this range (acceptable starts at 0.15; the brief's limit is 0.05). */
  tooFarFill: [0.012, 0.035],
  /** corners (out of frame): one corner at least this far outside, the others this far inside. */
  cornerOutside: 0.06,
  cornerOthersInside: 0.03,
  /** corners (out of frame): at least this share of the document visible. */
  minVisible: 0.55,
  /** corners (finger): the finger's axis passes over the corner; its radius (mm). */
  fingerRadiusMm: [8, 10],
  /** blur: Gaussian defocus σ in pixels at 640 px wide (acceptable items get only the lens's ~0.5). */
  blurSigma: [3, 5.5],
  /** glare: blown-out core (added light ≥ 1.2, clips whatever the paper) over this share of the document. */
  glareCoreShare: [0.05, 0.14],
  /** glare: the least share a "glare" label needs (the brief's 3 %). */
  glareMinShare: 0.03,
  /** dark: auto-exposure target (frame mean 0-1), far under the acceptable one. */
  darkTarget: [0.05, 0.11],
  /** bright: gain clips at least 90 % of the paper (its 10th percentile × gain ≥ this). */
  brightPaperP10: 1.15,
  /** bright: and the frame mean is at least this before clipping. */
  brightTarget: [0.72, 0.9],
  /** Every item: JPEG quality drawn from this range (phones and the capture path deliver JPEG). */
  jpegQuality: [70, 95],
} as const;

/** Share of acceptable items in the default set; the rest is spread evenly over the issues. */
export const ACCEPTABLE_SHARE = 0.4;

/** Default number of items. */
export const DEFAULT_COUNT = 120;
/** Default image width. */
export const DEFAULT_WIDTH = 640;
/** Default image height. */
export const DEFAULT_HEIGHT = 480;

/** The degradations, one per unacceptable item, and the issue each is labelled with. */
export const DESK_VARIANTS = {
  acceptable: null,
  defocus: 'blur',
  glare: 'glare',
  corner_out: 'corners',
  finger: 'corners',
  dark: 'dark',
  bright: 'bright',
  no_document: 'no_document',
  too_far: 'too_far',
} as const;

/** One variant. */
export type DeskVariant = keyof typeof DESK_VARIANTS;

/** Document types, with their sizes in mm. */
export const DOCUMENT_SIZE_MM = {
  id1: [DOCUMENT_MM.id1.width, DOCUMENT_MM.id1.height],
  passport: [DOCUMENT_MM.passport.width, DOCUMENT_MM.passport.height],
} as const satisfies Record<DocumentKind, readonly [number, number]>;

/** The desks a document lies on. */
export const DESKS = ['wood', 'fabric', 'granite', 'tablecloth', 'clutter'] as const;

/** One desk. */
export type DeskKind = (typeof DESKS)[number];

/** The card designs' tones. */
export const CARD_TONES = ['white', 'pastel', 'dark'] as const;

/** One tone. */
export type CardTone = (typeof CARD_TONES)[number];

/** What else may lie on the desk. */
export const DISTRACTORS = ['a4', 'card', 'phone', 'keyboard'] as const;

/** One distractor. */
export type DistractorKind = (typeof DISTRACTORS)[number];

/** The lights' colours. */
export const LIGHTS = ['warm', 'cool', 'neutral'] as const;
