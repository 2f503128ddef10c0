// The studio set's labels (generate-documents.ts): the variants, the issue each is labelled with,
// the measured bands that make a label unambiguous, and the manifest's types.
import { QualityIssue } from '../../src/quality/types.ts';
import type { ItemSpec as GenericItemSpec } from '../labelled-set.ts';
import type { DocumentKind } from '../scene/card.ts';
import type { BackgroundKind } from '../document-scenes.ts';

/** Bump when anything that changes the outputs changes: stale sets and videos are regenerated. */
export const GENERATOR_VERSION = 1;

/** Issue each variant is labelled with (null: acceptable). */
export const VARIANT_ISSUE = {
  clean: null,
  slight_blur: null,
  slight_motion: null,
  glint: null,
  exposure_edge: null,
  soft_contrast: null,
  defocus: QualityIssue.Blur,
  motion_blur: QualityIssue.Blur,
  glare: QualityIssue.Glare,
  dark: QualityIssue.Dark,
  bright: QualityIssue.Bright,
  low_contrast: QualityIssue.LowContrast,
  corner_out: QualityIssue.Corners,
  finger: QualityIssue.Corners,
  no_document: QualityIssue.NoDocument,
} as const satisfies Record<string, QualityIssue | null>;

/** One way of rendering a photo. */
export type Variant = keyof typeof VARIANT_ISSUE;

/** The issues this set labels, in the order the default set spreads them. */
export const LABELLED_ISSUES = [
  QualityIssue.Blur,
  QualityIssue.Glare,
  QualityIssue.Dark,
  QualityIssue.Bright,
  QualityIssue.LowContrast,
  QualityIssue.Corners,
  QualityIssue.NoDocument,
] as const;

/** One labelled issue. */
export type LabelledIssue = (typeof LABELLED_ISSUES)[number];

/**
 * What an acceptable photo satisfies (measured on the written image). The unacceptable bands below
 * are far from these, so that no label is a judgement call.
 */
export const ACCEPTABLE = {
  frameLuma: [70, 185],
  documentLuma: [90, 210],
  /** Luma standard deviation of the frame and of the document. */
  minContrast: 24,
  /** Blown-out (luma ≥ 250) share of the document. */
  maxClipped: 0.005,
  /** Corners at least this share of the frame's short side inside it. */
  cornerMargin: 0.035,
  /** Document area / frame area. */
  fill: [0.21, 0.68],
} as const;

/** What the unacceptable variants satisfy. */
export const UNACCEPTABLE = {
  dark: { maxFrameLuma: 42, maxDocumentLuma: 60 },
  bright: { minFrameLuma: 200, minDocumentLuma: 232 },
  lowContrast: { maxContrast: 11 },
  glare: { minClipped: 0.06 },
  /** A corner outside the frame is at least this share of the short side outside. */
  cornerOutside: 0.05,
  /** A covered corner is at least this share of the finger's radius inside the finger. */
  fingerCover: 0.7,
} as const;

/** One labelled photo, as manifest.json has it. */
export interface ManifestItem {
  /** PNG path relative to the manifest. */
  readonly image: string;
  readonly kind: 'document';
  /** True corners, clockwise from the document's top left (null without a document). */
  readonly corners: [number, number][] | null;
  readonly expect: { readonly acceptable: boolean; readonly issues: LabelledIssue[] };
  readonly seed: number;
  readonly size: [number, number];
  readonly variant: Variant;
  readonly document: DocumentKind | null;
  readonly background: BackgroundKind;
  /** Issues a correct engine may report besides `expect.issues`. */
  readonly tolerated: LabelledIssue[];
  /** Strength of the degradation and scene parameters. */
  readonly params: Record<string, number | string | number[]>;
  /** Measured on the written image. */
  readonly metrics: ItemMetrics;
}

/** Measurements of a written photo. */
export interface ItemMetrics {
  /** Mean luma of the frame. */
  readonly meanLuma: number;
  /** Luma standard deviation of the frame. */
  readonly contrast: number;
  /** Mean luma of the visible document (null without one). */
  readonly documentLuma: number | null;
  readonly documentContrast: number | null;
  /** Share of the visible document with luma ≥ 250. */
  readonly clipped: number | null;
  /** Document area / frame area (the whole quad, also the part outside the frame). */
  readonly fill: number | null;
  /** Share of the document inside the frame. */
  readonly visible: number | null;
  /** Variance of the 4-neighbour Laplacian of luma over the document (or the frame). */
  readonly sharpness: number;
}

/** The manifest file. */
export interface Manifest {
  readonly items: ManifestItem[];
}

/** What to render for one index. */
export type ItemSpec = GenericItemSpec<Variant>;
