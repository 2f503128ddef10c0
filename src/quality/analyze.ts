// The document checks for one frame: luma, document outline, exposure, glare and focus, combined
// into a FrameVerdict whose first issue is the one instruction to show the user.
//
// Sizes: every measure runs on the frame box-downscaled to ~320 px wide (luma and two colour planes,
// made in one pass over the RGBA), so thresholds do not depend on the camera's resolution and the
// cost hardly does; only the final corner fit reads the full-resolution pixels, along the edges.
import { ID1_ASPECT } from '../internal/documents.js';
import { exposureStats, type ExposureStats } from './exposure.js';
import { glareStats } from './glare.js';
import { polygonArea } from './geometry.js';
import { downscaleFactor, rgbaToPlanes } from './luma.js';
import { findDocumentQuad } from './quad/index.js';
import { insetQuad, scaleQuad } from './region.js';
import { aspectError, rectifiedAspect } from './shape.js';
import {
  directionalSharpness,
  normalisedSharpness,
  type DirectionalSharpness,
} from './sharpness.js';
import {
  QualityIssue,
  type DocumentQualityOptions,
  type FrameVerdict,
  type RgbaFrame,
  type Quad,
} from './types.js';

/** The names of the checks that options can turn off. */
export type DocumentCheck = keyof NonNullable<DocumentQualityOptions['checks']>;

/** DocumentQualityOptions plus the analysis' own knobs (all optional). */
export interface DocumentAnalysisOptions extends DocumentQualityOptions {
  /** Width every measure runs at, reached by an integer box downscale (default 320). */
  readonly coarseWidth?: number;
  /** Luma from which a pixel counts as blown out for glare (default 245). */
  readonly glareLuma?: number;
  /**
   * The frame's mean luma must exceed this too for "bright" (default 190): over-exposure brightens
   * the whole frame, a glare patch only the document.
   */
  readonly maxFrameLuma?: number;
  /**
   * Share of the document blown out (luma ≥ 250) from which it is "bright" whatever the frame
   * (default 0.5): a lamp's reflection is a patch of a card, over-exposure takes its whole paper,
   * and a white card on a dark desk is over-exposed without brightening the frame's mean.
   */
  readonly washedOutShare?: number;
}

/** The larger of the quad's extent's shares of the frame's width and height. */
function documentSpan(quad: Quad, width: number, height: number): number {
  const xs = quad.map(([x]) => Math.min(width, Math.max(0, x)));
  const ys = quad.map(([, y]) => Math.min(height, Math.max(0, y)));
  return Math.max(
    (Math.max(...xs) - Math.min(...xs)) / width,
    (Math.max(...ys) - Math.min(...ys)) / height,
  );
}

/** Every option with its value filled in. */
export type ResolvedDocumentOptions = Required<Omit<DocumentAnalysisOptions, 'checks'>> & {
  readonly checks: Readonly<Record<DocumentCheck, boolean>>;
};

/**
 * The defaults, calibrated at 640x480 on the synthetic scenes of the tests and on the generated,
 * labelled set (scripts/generate-documents.ts): acceptable photos pass, degraded ones fail.
 */
export const DEFAULT_DOCUMENT_OPTIONS: ResolvedDocumentOptions = Object.freeze({
  documentAspect: ID1_ASPECT,
  cornerRadius: 0,
  aspectTolerance: 0.08,
  minFill: 0.1,
  closeSpan: 0.5,
  cornerMargin: 0.01,
  minSharpness: 80,
  maxGlare: 0.02,
  minLuma: 75,
  maxBlown: 0.05,
  minContrast: 16,
  coarseWidth: 320,
  glareLuma: 245,
  maxFrameLuma: 190,
  washedOutShare: 0.5,
  checks: Object.freeze({
    blur: true,
    glare: true,
    exposure: true,
    contrast: true,
    corners: true,
    shape: true,
    fill: true,
  }),
});

/** Options merged over the defaults (checks merged key by key). */
export function resolveDocumentOptions(
  options: DocumentAnalysisOptions = {},
): ResolvedDocumentOptions {
  const d = DEFAULT_DOCUMENT_OPTIONS;
  // `undefined` values must not override a default, so merge field by field rather than spread.
  const pick = <K extends keyof Omit<ResolvedDocumentOptions, 'checks'>>(key: K) =>
    (options[key] ?? d[key]) as ResolvedDocumentOptions[K];
  const checks = { ...d.checks };
  for (const key of Object.keys(checks) as DocumentCheck[]) {
    const value = options.checks?.[key];
    if (value !== undefined) checks[key] = value;
  }
  return {
    documentAspect: pick('documentAspect'),
    cornerRadius: pick('cornerRadius'),
    aspectTolerance: pick('aspectTolerance'),
    minFill: pick('minFill'),
    closeSpan: pick('closeSpan'),
    cornerMargin: pick('cornerMargin'),
    minSharpness: pick('minSharpness'),
    maxGlare: pick('maxGlare'),
    minLuma: pick('minLuma'),
    maxBlown: pick('maxBlown'),
    minContrast: pick('minContrast'),
    coarseWidth: pick('coarseWidth'),
    glareLuma: pick('glareLuma'),
    maxFrameLuma: pick('maxFrameLuma'),
    washedOutShare: pick('washedOutShare'),
    checks,
  };
}

// Frames arrive at one size for a whole session: the plane buffers are allocated once and reused.
const planeBuffers = {
  luma: new Uint8Array(0) as Uint8Array,
  redGreen: new Uint8Array(0) as Uint8Array,
  yellowBlue: new Uint8Array(0) as Uint8Array,
};

/** Runs every document check on one RGBA frame; the quad and sizes are in the frame's pixels. */
export function analyzeDocument(
  frame: RgbaFrame,
  options: DocumentAnalysisOptions = {},
): FrameVerdict {
  const o = resolveDocumentOptions(options);
  const { width, height } = frame;
  const t0 = performance.now();
  const factor = downscaleFactor(width, o.coarseWidth);
  const planes = rgbaToPlanes(frame, factor, planeBuffers);
  // Keep what was allocated (bufferFor reuses a buffer only when it is big enough).
  planeBuffers.luma = planes.luma.data;
  planeBuffers.redGreen = planes.redGreen.data;
  planeBuffers.yellowBlue = planes.yellowBlue.data;
  const coarse = planes.luma;
  const t1 = performance.now();

  // The whole frame's exposure and focus: the quad finder asks for its focus before its last look
  // (only a blurred frame gets one), and they are the measures when no document is found.
  let whole: { exposure: ExposureStats; directions: DirectionalSharpness } | null = null;
  const wholeFrame = () =>
    (whole ??= {
      exposure: exposureStats(coarse, null),
      directions: directionalSharpness(coarse, null, { ignoreFrom: 250, rowStep: 2 }),
    });
  const frameSharpness = (): number => {
    const { exposure, directions } = wholeFrame();
    const extent = Math.sqrt(coarse.width * coarse.height);
    return normalisedSharpness(directions.min, extent, exposure.stdUnclipped);
  };
  const found = findDocumentQuad(frame, {
    planes,
    documentAspect: o.documentAspect,
    cornerRadius: o.cornerRadius,
    frameSharpness,
  });
  const t2 = performance.now();

  // The region the other checks measure: the document's interior, pulled in a little so that the
  // background just outside a slightly-off edge does not leak into the statistics.
  const coarseInner = found ? scaleQuad(insetQuad(found.quad, 0.04), 1 / factor) : null;
  const exposure = found ? exposureStats(coarse, coarseInner) : wholeFrame().exposure;
  // The whole frame too: when the document is washed out or black, its outline is often lost with it.
  const frameExposure = found ? exposureStats(coarse, null, { step: 2 }) : exposure;
  const t3 = performance.now();
  const glare = found
    ? glareStats(coarse, coarseInner, { threshold: o.glareLuma, median: exposure.median })
    : null;
  const t4 = performance.now();
  // Focus, measured so that it tracks the blur of the frame rather than the content or the light:
  // the smallest of four directional second-derivative variances (so motion blur, which spares the
  // direction across the motion, is caught like defocus) on the coarse luma (box-averaged, so sensor
  // noise, which second derivatives amplify, is mostly gone), over var(luma) (so exposure and
  // contrast do not pass for focus), times the document's size in coarse pixels (a bigger document
  // puts its print at lower frequencies). At 640x480, printed cards score ~350 perfectly sharp,
  // ~160 with a 1 px Gaussian blur, ~110 at 1.5 px, 25-50 at 2 px and ~45 with 12 px of motion,
  // whatever their size in the frame and the sensor noise.
  const directions = found
    ? directionalSharpness(coarse, coarseInner, { ignoreFrom: 250, rowStep: 2 })
    : wholeFrame().directions;
  const extent = Math.sqrt(
    found ? polygonArea(scaleQuad(found.quad, 1 / factor)) : coarse.width * coarse.height,
  );
  const sharpness = normalisedSharpness(directions.min, extent, exposure.stdUnclipped);
  const t5 = performance.now();

  const quad = found ? found.quad : null;
  const fill = quad ? polygonArea(quad) / (width * height) : 0;
  const span = quad ? documentSpan(quad, width, height) : 0;
  const aspect = quad ? rectifiedAspect(quad, width, height) : 0;

  const issues: QualityIssue[] = [];
  const { checks } = o;
  // A document blown out over a large share is over-exposed, not glared: one instruction, "bright".
  const washedOut = found !== null && exposure.clippedHigh > o.washedOutShare;
  let light: QualityIssue | null = null;
  if (checks.exposure) {
    // The document decides, with the frame as a witness: over-exposure brightens the whole frame,
    // a glare patch only the document, and a card on a black desk is a dark frame around a well-lit
    // document. A frame that is black or blown out as a whole says so even without a document.
    // Dark is lost detail too: an under-exposed frame, or a document whose shadows are crushed over
    // a fifth of it. A dark card in good light is dark and fine (its print stands out).
    const dark =
      frameExposure.mean < o.minLuma * 0.6 ||
      frameExposure.clippedLow > 0.5 ||
      (found !== null && exposure.clippedLow > 0.2);
    // Bright is lost detail, not a light document: a white card in good light has a high mean
    // and nothing blown. Over-exposure blows out part of the document and brightens the frame.
    const bright =
      (found
        ? (exposure.clippedHigh > o.maxBlown && frameExposure.mean > o.maxFrameLuma) || washedOut
        : frameExposure.mean > o.maxFrameLuma) || frameExposure.clippedHigh > 0.5;
    light = dark ? QualityIssue.Dark : bright ? QualityIssue.Bright : null;
  }
  if (!found) {
    issues.push(QualityIssue.NoDocument);
  } else if (light === null) {
    // Under- or over-exposed, the outline is not to be trusted (the document's own edges are
    // often lost in the dark or the glare, and a larger quad wins): the light is the one thing
    // to fix, and the outline is judged again once it is right.
    if (checks.corners) {
      const margin = o.cornerMargin * Math.min(width, height);
      const outside = found.quad.some(
        ([x, y]) => x < margin || y < margin || x > width - margin || y > height - margin,
      );
      if (outside || found.occluded.some(Boolean)) issues.push(QualityIssue.Corners);
    }
    if (checks.fill && fill < o.minFill && span < o.closeSpan) issues.push(QualityIssue.TooFar);
    if (
      checks.shape &&
      aspectError(found.quad, width, height, o.documentAspect) > o.aspectTolerance
    ) {
      issues.push(QualityIssue.WrongShape);
    }
  }
  if (light !== null) issues.push(light);
  // Contrast is the document's, or the frame's when there is none (a washed-out frame is often why).
  if (checks.contrast && (found ? exposure : frameExposure).std < o.minContrast) {
    issues.push(QualityIssue.LowContrast);
  }
  if (found) {
    const glared = checks.glare && glare !== null && !washedOut && glare.score > o.maxGlare;
    if (glared) issues.push(QualityIssue.Glare);
    // Focus cannot be judged on a document that is mostly blown out ("bright" says why), nor
    // under a glare, whose smooth halo reads as blur ("glare" says why; focus is judged again
    // once it is gone).
    if (checks.blur && !glared && exposure.clippedHigh < 0.5 && sharpness < o.minSharpness) {
      issues.push(QualityIssue.Blur);
    }
  }

  return {
    acceptable: issues.length === 0,
    issues,
    quad,
    metrics: {
      sharpness,
      glare: glare ? glare.score : 0,
      meanLuma: exposure.mean,
      contrast: exposure.std,
      clippedDark: exposure.clippedLow,
      clippedBright: exposure.clippedHigh,
      fill,
      span,
      aspect,
    },
    width,
    height,
    timings: {
      luma: t1 - t0,
      quad: t2 - t1,
      exposure: t3 - t2,
      glare: t4 - t3,
      sharpness: t5 - t4,
    },
  };
}
