// The perspective-corrected ("straightened") document: the quad found in a frame mapped back onto
// a rectangle of the document's proportions, with a margin of background kept on every side so the
// backend still sees all four corners. Pure (RGBA in, RGBA out) so it runs in the encode worker
// and in the face worker (the portrait check reads the straightened card): it sits here, with the
// frame geometry both build on, so analysis does not import the capture stage it feeds.
import { homography } from './geometry.js';
import type { Quad, RgbaFrame } from './types.js';

/** How `straighten` maps the document. */
export interface StraightenOptions {
  /**
   * Long/short side ratio of the document (e.g. 85.6 / 54 for an ID-1 card). Without it, the
   * output takes the mean lengths of the quad's opposite sides.
   */
  readonly aspect?: number;
  /** Share of the document's width/height kept around it on every side; default 0.06. */
  readonly margin?: number;
  /** Longest side of the output in pixels, margin included; default 2048. */
  readonly maxLongSide?: number;
}

/** A new RGBA image (what `straighten` returns). */
export interface RgbaImage extends RgbaFrame {
  readonly data: Uint8ClampedArray<ArrayBuffer>;
}

/** Size in pixels (not rounded) of the straightened document without margin, for `quad`. */
export function straightenedSize(
  quad: Quad,
  aspect?: number,
): { readonly width: number; readonly height: number } {
  const side = (a: number, b: number): number =>
    Math.hypot(quad[b]![0] - quad[a]![0], quad[b]![1] - quad[a]![1]);
  // Resolution is kept where the document is seen best: its longer sides as they appear.
  const across = Math.max(side(0, 1), side(3, 2));
  const down = Math.max(side(1, 2), side(0, 3));
  if (!aspect) return { width: across, height: down };
  // Landscape when the top/bottom sides are the long ones, portrait otherwise.
  return across >= down
    ? { width: across, height: across / aspect }
    : { width: down / aspect, height: down };
}

/**
 * The document at `quad` (in `frame` pixels, clockwise from top-left) as an upright rectangle plus
 * the margin, sampled bilinearly. Pixels whose source lies outside the frame (a margin reaching
 * past it) are black.
 */
export function straighten(
  frame: RgbaFrame,
  quad: Quad,
  { aspect, margin = 0.06, maxLongSide = 2048 }: StraightenOptions = {},
): RgbaImage {
  const size = straightenedSize(quad, aspect);
  const fullWidth = size.width * (1 + 2 * margin);
  const fullHeight = size.height * (1 + 2 * margin);
  const scale = Math.min(1, maxLongSide / Math.max(fullWidth, fullHeight));
  const width = Math.max(1, Math.round(fullWidth * scale));
  const height = Math.max(1, Math.round(fullHeight * scale));
  const mx = size.width * margin * scale;
  const my = size.height * margin * scale;
  const w = size.width * scale;
  const h = size.height * scale;
  // Output pixel centres → source coordinates.
  const m = homography(
    [
      [mx, my],
      [mx + w, my],
      [mx + w, my + h],
      [mx, my + h],
    ],
    quad,
  );
  const out = new Uint8ClampedArray(width * height * 4);
  const src = frame.data;
  const sw = frame.width;
  const sh = frame.height;
  for (let y = 0; y < height; y++) {
    const oy = y + 0.5;
    // Numerators and denominator are linear in x: step them along the row.
    let nx = m[0]! * 0.5 + m[1]! * oy + m[2]!;
    let ny = m[3]! * 0.5 + m[4]! * oy + m[5]!;
    let d = m[6]! * 0.5 + m[7]! * oy + m[8]!;
    let o = y * width * 4;
    for (let x = 0; x < width; x++, o += 4, nx += m[0]!, ny += m[3]!, d += m[6]!) {
      const sx = nx / d - 0.5;
      const sy = ny / d - 0.5;
      out[o + 3] = 255;
      if (!(sx > -1 && sy > -1 && sx < sw && sy < sh)) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      // Clamp the 2x2 neighbourhood at the frame's edges.
      const xa = x0 < 0 ? 0 : x0;
      const xb = x0 + 1 >= sw ? sw - 1 : x0 + 1;
      const ya = y0 < 0 ? 0 : y0;
      const yb = y0 + 1 >= sh ? sh - 1 : y0 + 1;
      const i00 = (ya * sw + xa) * 4;
      const i10 = (ya * sw + xb) * 4;
      const i01 = (yb * sw + xa) * 4;
      const i11 = (yb * sw + xb) * 4;
      for (let c = 0; c < 3; c++) {
        const top = src[i00 + c]! + (src[i10 + c]! - src[i00 + c]!) * fx;
        const bottom = src[i01 + c]! + (src[i11 + c]! - src[i01 + c]!) * fx;
        out[o + c] = top + (bottom - top) * fy + 0.5;
      }
    }
  }
  return { data: out, width, height };
}
