// The contract between the pure quality checks, the worker, auto-capture, guidance and the eval.
// Everything here is plain data so that it crosses postMessage unchanged.

/** A point in the analysed frame's pixels: [x, y]. */
export type Point = readonly [number, number];

/** A document outline: four corners clockwise from the top-left one, in the analysed frame's pixels. */
export type Quad = readonly [Point, Point, Point, Point];

/** An RGBA pixel buffer, as ImageData has it (also what a Worker receives). */
export interface RgbaFrame {
  /** RGBA bytes, row-major, 4 per pixel. */
  readonly data: Uint8ClampedArray | Uint8Array;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/** A single-channel luma buffer (BT.601), row-major. */
export interface LumaFrame {
  /** One byte per pixel. */
  readonly data: Uint8Array;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/**
 * What can be wrong with a document frame. The names are the eval manifest's (keep them): backends
 * reject for GLARE, OUT_OF_FOCUS, NOT_VISIBLE_FOUR_CORNERS, POOR_EXPOSURE, POOR_CONTRAST.
 */
export const QualityIssue = {
  NoDocument: 'no_document',
  Corners: 'corners',
  Blur: 'blur',
  Glare: 'glare',
  Dark: 'dark',
  Bright: 'bright',
  LowContrast: 'low_contrast',
  TooFar: 'too_far',
  WrongShape: 'wrong_shape',
} as const;
/** One quality issue. */
export type QualityIssue = (typeof QualityIssue)[keyof typeof QualityIssue];

/** The measurements behind a verdict, for guidance, logs and tuning. */
export interface QualityMetrics {
  /**
   * Focus measure on the document region when found: the smallest directional second-derivative
   * variance of luma at the analysis size (~320 px wide), over the region's luma variance, times
   * the region's size, so that neither contrast, exposure nor the document's size moves it (~350
   * for a sharp 640x480 frame, under 80 for a 2 px blur or 12 px of motion).
   */
  readonly sharpness: number;
  /** Share of the document region's pixels that are blown-out highlights, weighted by blob size. */
  readonly glare: number;
  /** Mean luma, 0-255. */
  readonly meanLuma: number;
  /** Luma standard deviation (contrast), 0-255. */
  readonly contrast: number;
  /** Share of the document's pixels (the frame's without one) crushed to black (luma ≤ 8). */
  readonly clippedDark: number;
  /** Share of the document's pixels (the frame's without one) blown to white (luma ≥ 250). */
  readonly clippedBright: number;
  /** Document area / frame area, 0-1 (0 without a document). */
  readonly fill: number;
  /**
   * How far the document reaches across the frame: the larger of its extent's shares of the
   * frame's width and height, 0-1 (0 without a document).
   */
  readonly span: number;
  /** Long side / short side of the found document (0 without a document). */
  readonly aspect: number;
}

/** The result of analysing one frame. */
export interface FrameVerdict {
  /** True when nothing is wrong: this frame could be captured. */
  readonly acceptable: boolean;
  /** What is wrong, most important first (the first is the one instruction to show). */
  readonly issues: readonly QualityIssue[];
  /** The document's corners, when found (even if partly outside the frame or unacceptable). */
  readonly quad: Quad | null;
  /** The measurements. */
  readonly metrics: QualityMetrics;
  /** Size of the analysed frame (the quad's coordinate space). */
  readonly width: number;
  /** Size of the analysed frame. */
  readonly height: number;
  /** Milliseconds spent per stage, for the bench. */
  readonly timings: Readonly<Record<'luma' | 'sharpness' | 'glare' | 'exposure' | 'quad', number>>;
}

/** Tunables for the document checks; every check can be turned off. */
export interface DocumentQualityOptions {
  /** Expected long/short side ratio: ID-1 card 85.6/54 (default), passport page 125/88. */
  readonly documentAspect?: number;
  /**
   * The document's corner radius over its longer side: ID-1 cards 3.18/85.6 (ISO/IEC 7810), which
   * the capture component sets for cards. An outline cut by the frame whose corners in view are
   * square (a sheet, a book, a receipt) is then no document. Default 0: corners are not looked at.
   */
  readonly cornerRadius?: number;
  /** Tolerance on that ratio (relative, default 0.08: measured with perspective undone). */
  readonly aspectTolerance?: number;
  /**
   * Minimum document area / frame area (default 0.1): below it, "move closer". An ID card filling
   * a tenth of a 1920x1080 frame is ~700 px wide, more than backends ask for.
   */
  readonly minFill?: number;
  /**
   * A document reaching across this share of the frame's width or height is never "too far",
   * whatever its area (default 0.5): a steep tilt shrinks the area, not the resolution along the
   * side that faces the camera.
   */
  readonly closeSpan?: number;
  /** Corners must be at least this share of the shorter frame side inside the frame (default 0.01). */
  readonly cornerMargin?: number;
  /** Absolute sharpness floor, in QualityMetrics.sharpness units (default 80). */
  readonly minSharpness?: number;
  /** Maximum weighted glare share of the document region. */
  readonly maxGlare?: number;
  /** Mean luma below which the frame is too dark. */
  readonly minLuma?: number;
  /**
   * Share of the document's pixels blown out (luma ≥ 250) above which, in a bright frame, the photo
   * is "too bright" (default 0.05). Not the mean: a white card in good light is bright and fine.
   */
  readonly maxBlown?: number;
  /** Luma standard deviation below which contrast is too low. */
  readonly minContrast?: number;
  /** Turn individual checks off. */
  readonly checks?: Partial<
    Record<'blur' | 'glare' | 'exposure' | 'contrast' | 'corners' | 'shape' | 'fill', boolean>
  >;
}
