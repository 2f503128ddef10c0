// The tabletop family's label rules and the kinds of everything it draws (scripts/families/tabletop.ts).
// Shares are of the frame's area, margins of the frame's short side; exposure values are linear
// light (1 = the sensor clips).
import { DOCUMENT_MM, type DocumentKind } from '../../scene/card.ts';

// The document kinds are the scene modules' (scripts/scene/card.ts).
export type { DocumentKind };

/** What makes a photo acceptable, and the margins degraded items keep from it. */
export const LABEL_RULES = {
  /** Acceptable: the document's projected area over the frame's, within [min, max]. */
  acceptableFill: { min: 0.18, max: 0.75 },
  /** Acceptable fills are drawn this far inside that band. */
  fillDrawn: { id1: [0.2, 0.7], passport: [0.2, 0.55] } as Record<DocumentKind, number[]>,
  /** Acceptable: every corner at least this far inside the frame. */
  cornerMargin: 0.05,
  /** Acceptable: tilt of the document's normal from the optical axis, and roll, degrees. */
  maxTilt: 35,
  maxRoll: 25,
  /** Acceptable: the hand's outline at least this far from every corner (mm). */
  handCornerClearanceMm: 8,
  /** corners (finger): a corner lies at least this deep inside the finger's outline (mm). */
  fingerCoverMm: 4,
  /** Acceptable: centre-weighted metering target (linear mean), unless the ceiling lowers it. */
  exposureTarget: [0.11, 0.2],
  /**
   * Acceptable (and blur, corners, too_far): the brightest document pixel (diffuse + specular,
   * any channel) is exposed to at most this, so nothing on it clips, with room for noise and
   * JPEG (0.8 linear is 0.9 after the tone curve).
   */
  documentCeiling: 0.8,
  /** Non-glare items: the laminate's specular peak is at most this share of the paper's diffuse. */
  maxSpecularRatio: 0.25,
  /** too_far: fill drawn from this range (acceptable starts at 0.18). */
  tooFarFill: [0.012, 0.032],
  /** corners (out of frame): one corner at least this far outside, the others this far inside. */
  cornerOutside: 0.06,
  cornerOthersInside: 0.04,
  /** corners (out of frame): at least this share of the document visible. */
  minVisible: 0.55,
  /**
   * blur (defocus): disc (pillbox) radius in pixels at 640 px wide, from a slightly missed focus to
   * a phone that never focused on a card 10 cm away (σ up to ~5.5 px); acceptable items: none.
   */
  defocusRadius: [3.5, 11],
  /** blur (motion): straight streak length in pixels at 640 px wide. */
  motionLength: [11, 22],
  /** glare: the specular lobe clips (every channel ≥ 1) over this share of the document's pixels. */
  glareShare: [0.05, 0.14],
  /** glare: the least share a "glare" label needs. */
  glareMinShare: 0.03,
  /** dark: metering target (linear mean), far under the acceptable one. */
  darkTarget: [0.004, 0.011],
  /** bright: gain makes the paper's 10th percentile (darkest channel) at least this. */
  brightPaperP10: 1.2,
  /** bright: and the metering target is at least this. */
  brightTarget: [0.4, 0.65],
  /** A second card on a table under a held document: at most this share of its projected area. */
  otherCardAreaRatio: 0.5,
  /** A second card partly under a lying document: this share of it visible. */
  otherCardVisible: [0.15, 0.5],
  /** Every item: JPEG quality drawn from this range. */
  jpegQuality: [70, 95],
} as const;

/** Share of acceptable items in the default set; the rest is spread evenly over the issues. */
export const ACCEPTABLE_SHARE = 0.4;

/** Default number of items. */
export const DEFAULT_COUNT = 240;
/** Default image width. */
export const DEFAULT_WIDTH = 640;
/** Default image height. */
export const DEFAULT_HEIGHT = 480;

/** The degradations, one per unacceptable item, and the issue each is labelled with. */
export const TABLETOP_VARIANTS = {
  acceptable: null,
  defocus: 'blur',
  motion: 'blur',
  glare: 'glare',
  corner_out: 'corners',
  finger: 'corners',
  dark: 'dark',
  bright: 'bright',
  no_document: 'no_document',
  too_far: 'too_far',
} as const;

/** One variant. */
export type TabletopVariant = keyof typeof TABLETOP_VARIANTS;

/** Document types, with their sizes in mm. */
export const DOCUMENT_SIZE_MM = {
  id1: [DOCUMENT_MM.id1.width, DOCUMENT_MM.id1.height],
  passport: [DOCUMENT_MM.passport.width, DOCUMENT_MM.passport.height],
} as const satisfies Record<DocumentKind, readonly [number, number]>;

/** ID-1 corner radius (mm): this family's cards round their corners at 3 mm, not 3.18. */
export const CARD_RADIUS = 3;

/** The tables a document lies on. */
export const SURFACES = [
  'marble',
  'cork',
  'felt',
  'herringbone',
  'newspaper',
  'terrazzo',
  'leather',
  'laminate',
  'oak',
] as const;

/** One table. */
export type SurfaceKind = (typeof SURFACES)[number];

/** The ID-1 card designs. */
export const CARD_DESIGNS = ['white', 'pastel', 'dark', 'guilloche', 'licence'] as const;

/** One design (the passport's page is its own). */
export type CardDesignKind = (typeof CARD_DESIGNS)[number] | 'passport';

/** What else may lie on the table. */
export const DISTRACTORS = [
  'a4',
  'receipt',
  'book',
  'phone',
  'card',
  'keyboard',
  'pen',
  'mug',
] as const;

/** One distractor. */
export type DistractorKind = (typeof DISTRACTORS)[number];

/** The lighting set-ups. */
export const LIGHTINGS = ['lamp', 'window', 'mixed', 'overhead'] as const;

/** One lighting set-up. */
export type LightingKind = (typeof LIGHTINGS)[number];
