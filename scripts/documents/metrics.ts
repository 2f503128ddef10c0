// What the studio set measures on each written photo, and whether the measures fit the photo's
// label with the documented margins (a rendering that misses is redrawn).
import { polygonArea, shareInRect } from '../../src/quality/geometry.ts';
import type { Quad } from '../../src/quality/types.ts';
import { round } from '../labelled-set.ts';
import { luma } from '../scene/colour.ts';
import {
  ACCEPTABLE,
  LABELLED_ISSUES,
  UNACCEPTABLE,
  VARIANT_ISSUE,
  type ItemMetrics,
  type LabelledIssue,
  type Variant,
} from './labels.ts';

/** Mean, standard deviation, 99th percentile and count of a set of values. */
export interface Stats {
  mean: number;
  std: number;
  p99: number;
  count: number;
}

/** Mean, standard deviation and 99th percentile of `values` where `mask` (if any) is set. */
export function statistics(values: Float32Array, mask?: Uint8Array): Stats {
  // Histogram in half levels up to 1024: values are unclipped light here and may exceed 255.
  const bins = new Uint32Array(2048);
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask[i]) continue;
    const v = values[i]!;
    sum += v;
    squares += v * v;
    count++;
    bins[Math.min(2047, Math.max(0, Math.floor(v * 2)))]!++;
  }
  const mean = sum / Math.max(count, 1);
  let seen = 0;
  let p99 = 0;
  for (let b = 0; b < bins.length; b++) {
    seen += bins[b]!;
    if (seen >= count * 0.99) {
      p99 = (b + 1) / 2;
      break;
    }
  }
  return {
    mean,
    std: Math.sqrt(Math.max(0, squares / Math.max(count, 1) - mean * mean)),
    p99,
    count,
  };
}

/** Variance of the 4-neighbour Laplacian of `lumaValues`, over interior pixels of `mask` (or all). */
function laplacianVariance(
  values: Float32Array,
  width: number,
  height: number,
  mask?: Uint8Array,
): number {
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      if (mask && !(mask[i] && mask[i - 1] && mask[i + 1] && mask[i - width] && mask[i + width]))
        continue;
      const l =
        values[i - 1]! + values[i + 1]! + values[i - width]! + values[i + width]! - 4 * values[i]!;
      sum += l;
      squares += l * l;
      count++;
    }
  }
  const mean = sum / Math.max(count, 1);
  return squares / Math.max(count, 1) - mean * mean;
}

/** Measures a written photo (RGB bytes). */
export function measure(
  bytes: Uint8Array,
  width: number,
  height: number,
  documentMask: Uint8Array | undefined,
  quad: Quad | null,
): ItemMetrics {
  const values = new Float32Array(width * height);
  for (let i = 0; i < values.length; i++)
    values[i] = luma(bytes[i * 3]!, bytes[i * 3 + 1]!, bytes[i * 3 + 2]!);
  const frame = statistics(values);
  let doc: Stats | null = null;
  let clipped: number | null = null;
  if (documentMask) {
    doc = statistics(values, documentMask);
    let blown = 0;
    for (let i = 0; i < values.length; i++) if (documentMask[i] && values[i]! >= 250) blown++;
    clipped = blown / Math.max(doc.count, 1);
  }
  const area = quad ? polygonArea(quad) : 0;
  return {
    meanLuma: round(frame.mean, 2),
    contrast: round(frame.std, 2),
    documentLuma: doc ? round(doc.mean, 2) : null,
    documentContrast: doc ? round(doc.std, 2) : null,
    clipped: clipped === null ? null : round(clipped, 4),
    fill: quad ? round(area / (width * height), 4) : null,
    visible: quad ? round(shareInRect(quad, width, height), 4) : null,
    sharpness: round(laplacianVariance(values, width, height, documentMask), 1),
  };
}

const within = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi;

/** True when the measured photo fits its variant's label with the documented margins. */
export function satisfies(variant: Variant, m: ItemMetrics): boolean {
  const normalExposure =
    within(m.meanLuma, ACCEPTABLE.frameLuma) &&
    (m.documentLuma === null || within(m.documentLuma, ACCEPTABLE.documentLuma));
  const normalContrast =
    m.contrast >= ACCEPTABLE.minContrast &&
    (m.documentContrast === null || m.documentContrast >= ACCEPTABLE.minContrast);
  const noGlare = m.clipped === null || m.clipped <= ACCEPTABLE.maxClipped;
  switch (variant) {
    case 'clean':
    case 'slight_blur':
    case 'slight_motion':
    case 'glint':
    case 'exposure_edge':
    case 'soft_contrast':
    case 'finger':
    case 'corner_out':
      return normalExposure && normalContrast && noGlare;
    case 'defocus':
    case 'motion_blur':
      // Blur lowers the standard deviation a little; that alone is not the label's concern.
      return normalExposure && noGlare;
    case 'glare':
      return (
        m.clipped !== null &&
        m.clipped >= UNACCEPTABLE.glare.minClipped &&
        m.meanLuma <= 200 &&
        m.meanLuma >= 70
      );
    case 'dark':
      return (
        m.meanLuma <= UNACCEPTABLE.dark.maxFrameLuma &&
        (m.documentLuma ?? 0) <= UNACCEPTABLE.dark.maxDocumentLuma
      );
    case 'bright':
      return (
        m.meanLuma >= UNACCEPTABLE.bright.minFrameLuma &&
        (m.documentLuma ?? 255) >= UNACCEPTABLE.bright.minDocumentLuma
      );
    case 'low_contrast':
      return (
        within(m.meanLuma, ACCEPTABLE.frameLuma) &&
        m.contrast <= UNACCEPTABLE.lowContrast.maxContrast &&
        (m.documentContrast ?? 0) <= UNACCEPTABLE.lowContrast.maxContrast
      );
    case 'no_document':
      return within(m.meanLuma, ACCEPTABLE.frameLuma);
  }
}

/** Issues implied by the variant's degradation, or measured outside the acceptable bands. */
export function tolerated(variant: Variant, m: ItemMetrics): LabelledIssue[] {
  const implied: Partial<Record<Variant, LabelledIssue[]>> = {
    // Scaling luma down scales its deviation and Laplacian down as much.
    dark: ['low_contrast', 'blur'],
    // An over-exposed document is blown out, which is what a glare measure counts.
    bright: ['low_contrast', 'glare'],
    low_contrast: ['blur'],
    // A plain background has no texture to be sharp, nor contrast.
    no_document: ['low_contrast', 'blur'],
  };
  const out = new Set<LabelledIssue>(implied[variant] ?? []);
  if (VARIANT_ISSUE[variant] !== null) {
    if (
      m.contrast < ACCEPTABLE.minContrast ||
      (m.documentContrast ?? Infinity) < ACCEPTABLE.minContrast
    ) {
      out.add('low_contrast');
    }
    if (m.meanLuma > ACCEPTABLE.frameLuma[1] || (m.documentLuma ?? 0) > ACCEPTABLE.documentLuma[1])
      out.add('bright');
    if (
      m.meanLuma < ACCEPTABLE.frameLuma[0] ||
      (m.documentLuma ?? Infinity) < ACCEPTABLE.documentLuma[0]
    )
      out.add('dark');
  }
  const issue = VARIANT_ISSUE[variant];
  if (issue) out.delete(issue);
  return LABELLED_ISSUES.filter((i) => out.has(i));
}
