// Stage 3 of the quad finder: each side of the coarse winner is refined on the full-resolution
// frame. Edge positions are found to a fraction of a pixel along the side's normal, a robust
// least-squares line goes through them, and the corners are where adjacent lines meet.
// Intersecting lines rather than locating corners means a corner outside the frame or under a
// finger is still placed where the edges say it is.
import { DEFAULT_FOCAL_SHARE } from '../shape.js';
import type { Point, RgbaFrame } from '../types.js';
import { completeQuad } from './complete.js';
import { QUAD_TUNING } from './tuning.js';

const { maxSamples, samplesCap, samplesMin, samplesSpacing, maxSpan, stepReach, stepShare } =
  QUAD_TUNING.refine;
/** Luma, red-green, yellow-blue, as in rgbaToPlanes. */
const CHANNELS = 3;

/** A fitted side: a point on it, its unit normal, and which samples agreed with it. */
export interface SideFit {
  px: number;
  py: number;
  nx: number;
  ny: number;
  /** Per sample: 0 = out of view, 1 = seen but not on the line, 2 = on the line. */
  readonly state: Uint8Array;
  /** Per sample: position along the side, 0-1. */
  readonly at: Float32Array;
  samples: number;
  /** Length of the side that was sampled, px. */
  length: number;
  /** The plane and polarity its edge was found in (2·plane + polarity), -1 before any fit. */
  candidate: number;
}

function newSideFit(): SideFit {
  return {
    px: 0,
    py: 0,
    nx: 0,
    ny: 0,
    state: new Uint8Array(maxSamples),
    at: new Float32Array(maxSamples),
    samples: 0,
    length: 0,
    candidate: -1,
  };
}

/** The four sides' fits (side k runs from corner k to k + 1), reused frame after frame. */
const fits: SideFit[] = [newSideFit(), newSideFit(), newSideFit(), newSideFit()];
const profiles = new Float64Array(CHANNELS * (2 * maxSpan + 1));
// Per sample and candidate (channel × polarity): edge offset, raw strength, distance-weighted.
const CANDIDATES = 2 * CHANNELS;
const edgeOffset = new Float64Array(CANDIDATES * maxSamples);
const edgeStrength = new Float64Array(CANDIDATES * maxSamples);
const edgeWeighted = new Float64Array(CANDIDATES * maxSamples);
const candidateTotals = new Float64Array(CANDIDATES);
// Preference for edges near the expected line, per profile index.
const nearness = new Float64Array(2 * maxSpan + 1);
const pointX = new Float64Array(maxSamples);
const pointY = new Float64Array(maxSamples);
const pointSample = new Int32Array(maxSamples);
const residuals = new Float64Array(maxSamples);
/** The two samples of one plane across the fitted line (stride 2). */
const stepProfile = new Float64Array(6);
const keepScratch = new Uint8Array(maxSamples);
const medianScratch = new Float64Array(maxSamples);

/**
 * Bilinear luma, red-green and yellow-blue (scaled as rgbaToPlanes scales them, without offset) at
 * canvas coordinates (x, y) of the RGBA bytes `d` (`rowBytes` a row), written to `out` at `at`,
 * `at + stride`, `at + 2·stride`; only channel `only` when it is 0, 1 or 2 (-1: all three). Callers
 * keep (x, y) inside [0.5, size - 0.5]. Takes the bytes, not the frame: on an ImageData, `data` and
 * `width` are DOM getters, which cost more than the sample itself at thousands of calls a frame.
 */
function sampleColour(
  d: Uint8ClampedArray | Uint8Array,
  rowBytes: number,
  x: number,
  y: number,
  out: Float64Array,
  at: number,
  stride: number,
  only: number,
): void {
  const fx = x - 0.5;
  const fy = y - 0.5;
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const ax = fx - x0;
  const ay = fy - y0;
  const i = y0 * rowBytes + 4 * x0;
  const j = i + rowBytes;
  const w00 = (1 - ax) * (1 - ay);
  const w01 = ax * (1 - ay);
  const w10 = (1 - ax) * ay;
  const w11 = ax * ay;
  const r = d[i]! * w00 + d[i + 4]! * w01 + d[j]! * w10 + d[j + 4]! * w11;
  const g = d[i + 1]! * w00 + d[i + 5]! * w01 + d[j + 1]! * w10 + d[j + 5]! * w11;
  if (only === 1) {
    out[at + stride] = (r - g) / 2;
    return;
  }
  const b = d[i + 2]! * w00 + d[i + 6]! * w01 + d[j + 2]! * w10 + d[j + 6]! * w11;
  if (only !== 2) out[at] = (77 * r + 150 * g + 29 * b) / 256;
  if (only === 0) return;
  out[at + stride] = (r - g) / 2;
  out[at + 2 * stride] = (r + g - 2 * b) / 4;
}

/**
 * Re-fits the side p→q to the strongest consistent edge within `radius` px of it, sub-pixel, by
 * total least squares with iterative outlier rejection. One plane and one polarity per side: the
 * document is lighter (or more saturated, or another hue) than what lies beyond this edge all along
 * it, while print near the edge (an MRZ line, a border) changes polarity; nearer candidates are
 * preferred, so print a few pixels inside does not pull the side in. Returns false (fit untouched)
 * when too few samples agree.
 */
function refineSide(
  frame: RgbaFrame,
  px: number,
  py: number,
  qx: number,
  qy: number,
  radius: number,
  fixed: number,
  fit: SideFit,
): boolean {
  const { data, width: w, height: h } = frame;
  const length = Math.hypot(qx - px, qy - py);
  if (length < 4) return false;
  const ux = (qx - px) / length;
  const uy = (qy - py) / length;
  const nx = -uy;
  const ny = ux;
  const count = Math.max(samplesMin, Math.min(samplesCap, Math.round(length / samplesSpacing)));
  const span = Math.min(maxSpan, radius + 1);
  const size = 2 * span + 1;
  const ex = Math.abs(nx) * (span + 1);
  const ey = Math.abs(ny) * (span + 1);
  const sigma = Math.max(1.5, radius / 2);
  for (let j = 0; j < size; j++) {
    const off = j - span;
    nearness[j] = Math.exp(-(off * off) / (2 * sigma * sigma));
  }
  fit.samples = count;
  fit.length = length;
  candidateTotals.fill(0);
  // Once a side's plane is known, only that plane is sampled and searched.
  const only = fixed >= 0 ? fixed >> 1 : -1;
  const rowBytes = 4 * w;
  let seen = 0;
  for (let i = 0; i < count; i++) {
    const t = 0.04 + (0.92 * i) / (count - 1);
    fit.at[i] = t;
    const bx = px + t * (qx - px);
    const by = py + t * (qy - py);
    if (bx - ex < 1 || bx + ex > w - 1 || by - ey < 1 || by + ey > h - 1) {
      fit.state[i] = 0;
      continue;
    }
    fit.state[i] = 1;
    seen++;
    for (let j = 0; j < size; j++) {
      const off = j - span;
      sampleColour(data, rowBytes, bx + off * nx, by + off * ny, profiles, j, size, only);
    }
    for (let c = 0; c < CHANNELS; c++) {
      if (fixed >= 0 && c !== fixed >> 1) continue;
      const base = c * size;
      let bestPos = 0;
      let bestNeg = 0;
      let jPos = -1;
      let jNeg = -1;
      for (let j = 1; j < size - 1; j++) {
        const dv = profiles[base + j + 1]! - profiles[base + j - 1]!;
        const weighted = dv * nearness[j]!;
        if (weighted > bestPos) {
          bestPos = weighted;
          jPos = j;
        }
        if (weighted < bestNeg) {
          bestNeg = weighted;
          jNeg = j;
        }
      }
      const k = (i * CHANNELS + c) * 2;
      edgeWeighted[k] = bestPos;
      edgeWeighted[k + 1] = -bestNeg;
      edgeOffset[k] = jPos < 0 ? 0 : subPixel(base, jPos, size) - span;
      edgeOffset[k + 1] = jNeg < 0 ? 0 : subPixel(base, jNeg, size) - span;
      edgeStrength[k] = jPos < 0 ? 0 : profiles[base + jPos + 1]! - profiles[base + jPos - 1]!;
      edgeStrength[k + 1] = jNeg < 0 ? 0 : profiles[base + jNeg - 1]! - profiles[base + jNeg + 1]!;
      candidateTotals[2 * c] = candidateTotals[2 * c]! + bestPos;
      candidateTotals[2 * c + 1] = candidateTotals[2 * c + 1]! - bestNeg;
    }
  }
  if (seen < 4) return false;
  // Which plane and polarity is this side's edge: the one that runs on unbroken from sample to
  // sample (an outline is continuous; print near it, an MRZ line's glyphs, breaks at every gap),
  // then the strongest near the expected line.
  let choice = fixed >= 0 ? fixed : 0;
  let bestRun = -1;
  for (let k = 0; k < CANDIDATES && fixed < 0; k++) {
    let run = 0;
    let previous = -1;
    for (let i = 0; i < count; i++) {
      const at = i * CANDIDATES + k;
      if (fit.state[i] === 0 || edgeStrength[at]! < 2) {
        previous = -1;
        continue;
      }
      if (previous >= 0 && Math.abs(edgeOffset[at]! - edgeOffset[previous]!) <= 1) run++;
      previous = at;
    }
    if (run > bestRun || (run === bestRun && candidateTotals[k]! > candidateTotals[choice]!)) {
      bestRun = run;
      choice = k;
    }
  }
  fit.candidate = choice;
  // Weak samples do not count, relative to this edge's typical strength: a dim document's outline
  // is weak everywhere, a finger or a gap in it is weak where it is.
  let m = 0;
  for (let i = 0; i < count; i++) {
    if (fit.state[i] !== 0) residuals[m++] = edgeStrength[i * CHANNELS * 2 + choice]!;
  }
  const minStrength = Math.max(2, 0.3 * median(residuals, m));
  let n = 0;
  for (let i = 0; i < count; i++) {
    if (fit.state[i] === 0) continue;
    const k = i * CHANNELS * 2 + choice;
    if (edgeStrength[k]! < minStrength) continue;
    const o = edgeOffset[k]!;
    const t = fit.at[i]!;
    pointX[n] = px + t * (qx - px) + o * nx;
    pointY[n] = py + t * (qy - py) + o * ny;
    pointSample[n] = i;
    n++;
  }
  const minPoints = Math.max(4, Math.ceil(0.25 * seen));
  if (n < minPoints) return false;

  // Total least squares, then drop points far from the line and refit, a few times.
  let use = n;
  let lx = 0;
  let ly = 0;
  let lnx = nx;
  let lny = ny;
  const keep = keepScratch;
  keep.fill(1, 0, n);
  for (let iter = 0; iter < 4; iter++) {
    let mx = 0;
    let my = 0;
    for (let k = 0; k < n; k++) {
      if (!keep[k]) continue;
      mx += pointX[k]!;
      my += pointY[k]!;
    }
    mx /= use;
    my /= use;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let k = 0; k < n; k++) {
      if (!keep[k]) continue;
      const dx = pointX[k]! - mx;
      const dy = pointY[k]! - my;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
    const phi = 0.5 * Math.atan2(2 * sxy, sxx - syy);
    lx = mx;
    ly = my;
    lnx = -Math.sin(phi);
    lny = Math.cos(phi);
    let m = 0;
    for (let k = 0; k < n; k++) {
      if (keep[k]) residuals[m++] = Math.abs((pointX[k]! - lx) * lnx + (pointY[k]! - ly) * lny);
    }
    const limit = Math.max(0.75, 3 * 1.4826 * median(residuals, m));
    let kept = 0;
    let changed = false;
    for (let k = 0; k < n; k++) {
      const r = Math.abs((pointX[k]! - lx) * lnx + (pointY[k]! - ly) * lny);
      const next = r <= limit ? 1 : 0;
      if (next !== keep[k]) changed = true;
      keep[k] = next;
      kept += next;
    }
    if (kept < minPoints) return false;
    use = kept;
    if (!changed && iter > 0) break;
  }
  fit.px = lx;
  fit.py = ly;
  fit.nx = lnx;
  fit.ny = lny;
  for (let k = 0; k < n; k++) if (keep[k]) fit.state[pointSample[k]!] = 2;
  // A sample whose strongest edge lay elsewhere (print or grain beside a blurred or faint
  // outline) is still on the side when the fitted line has the side's own step under it: only a
  // gap in the outline (a finger over it) has none.
  const plane = choice >> 1;
  const sign = choice & 1 ? -1 : 1;
  const along = nx * lnx + ny * lny;
  for (let i = 0; i < count && Math.abs(along) > 0.5; i++) {
    if (fit.state[i] !== 1) continue;
    const t = fit.at[i]!;
    const bx = px + t * (qx - px);
    const by = py + t * (qy - py);
    // Where the sample's normal meets the fitted line, and one step either side of it.
    const o = ((lx - bx) * lnx + (ly - by) * lny) / along;
    const x0 = bx + (o - stepReach) * nx;
    const y0 = by + (o - stepReach) * ny;
    const x1 = bx + (o + stepReach) * nx;
    const y1 = by + (o + stepReach) * ny;
    if (Math.min(x0, x1) < 1 || Math.max(x0, x1) > w - 1) continue;
    if (Math.min(y0, y1) < 1 || Math.max(y0, y1) > h - 1) continue;
    sampleColour(data, rowBytes, x0, y0, stepProfile, 0, 2, plane);
    sampleColour(data, rowBytes, x1, y1, stepProfile, 1, 2, plane);
    const step = sign * (stepProfile[2 * plane + 1]! - stepProfile[2 * plane]!);
    if (step >= stepShare * minStrength) fit.state[i] = 2;
  }
  return true;
}

/**
 * Index (fractional) of the derivative peak at index j of the profile starting at `base`, refined
 * by a parabola through the derivatives at j - 1, j, j + 1.
 */
function subPixel(base: number, j: number, size: number): number {
  // The derivative exists at indices 1..size-2; the parabola needs both neighbours of j.
  if (j < 2 || j > size - 3) return j;
  const a = profiles[base + j]! - profiles[base + j - 2]!;
  const b = profiles[base + j + 1]! - profiles[base + j - 1]!;
  const c = profiles[base + j + 2]! - profiles[base + j]!;
  const den = a - 2 * b + c;
  return den !== 0 ? j + Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / den)) : j;
}

/** Median of the first n values (sorts a scratch copy). */
function median(values: Float64Array, n: number): number {
  if (n === 0) return 0;
  const s = medianScratch.subarray(0, n);
  s.set(values.subarray(0, n));
  s.sort();
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/**
 * Places the missing side of a three-sided detection again from the refined sides (side 0 closes,
 * sides 1 and 3 run out of view): the coarse lines' degree of error, amplified out of the frame,
 * would otherwise put the far corners many pixels off.
 */
function completeFromFits(
  fits: readonly SideFit[],
  corners: Point[],
  w: number,
  h: number,
  aspect: number,
): void {
  const line = (f: SideFit): [number, number, number] => [
    f.nx,
    f.ny,
    -(f.nx * (f.px - w / 2) + f.ny * (f.py - h / 2)),
  ];
  const a1 = fits[3]!;
  let ux = -a1.ny;
  let uy = a1.nx;
  if (ux * (corners[3]![0] - corners[0]![0]) + uy * (corners[3]![1] - corners[0]![1]) < 0) {
    ux = -ux;
    uy = -uy;
  }
  const flat = [corners[0]![0], corners[0]![1], corners[1]![0], corners[1]![1], 0, 0, 0, 0];
  const focal = DEFAULT_FOCAL_SHARE * Math.max(w, h);
  if (completeQuad(line(a1), line(fits[1]!), line(fits[0]!), ux, uy, aspect, focal, w, h, flat)) {
    corners[2] = [flat[4]!, flat[5]!];
    corners[3] = [flat[6]!, flat[7]!];
  }
}

/** Refines side k (corner k to k + 1) into `f`, or makes `f` the current line when that fails. */
function fitSide(
  frame: RgbaFrame,
  corners: Point[],
  k: number,
  radius: number,
  fixed: number,
  f: SideFit,
): void {
  const p = corners[k]!;
  const q = corners[(k + 1) % 4]!;
  if (refineSide(frame, p[0], p[1], q[0], q[1], radius, fixed, f)) return;
  f.candidate = -1;
  // Keep the current estimate as the line; no sample speaks for or against it.
  const len = Math.hypot(q[0] - p[0], q[1] - p[1]) || 1;
  f.px = p[0];
  f.py = p[1];
  f.nx = -(q[1] - p[1]) / len;
  f.ny = (q[0] - p[0]) / len;
  f.samples = 0;
}

/** Replaces each corner by the intersection of its two fitted sides (when they meet). */
function intersectAll(fits: readonly SideFit[], corners: Point[]): void {
  const next: Point[] = [];
  for (let k = 0; k < 4; k++) next.push(intersectFits(fits[(k + 3) % 4]!, fits[k]!) ?? corners[k]!);
  for (let k = 0; k < 4; k++) corners[k] = next[k]!;
}

/** Where two fitted sides meet, or null when they are (nearly) parallel. */
function intersectFits(a: SideFit, b: SideFit): Point | null {
  // n·x = n·p for each line.
  const ca = a.nx * a.px + a.ny * a.py;
  const cb = b.nx * b.px + b.ny * b.py;
  const det = a.nx * b.ny - a.ny * b.nx;
  if (Math.abs(det) < 1e-6) return null;
  return [(ca * b.ny - a.ny * cb) / det, (a.nx * cb - ca * b.nx) / det];
}

/**
 * Refines the coarse winner's corners (cycle order, frame coordinates) in place: two rounds, a wide
 * search around the coarse lines, then a narrow one around the first fit, each followed by
 * intersecting adjacent sides; a three-sided detection's missing side is placed again from the
 * refined ones. `factor` is the coarse downscale factor. Returns the side fits, scratch that the
 * next call overwrites: read them before then.
 */
export function refineCorners(
  frame: RgbaFrame,
  corners: Point[],
  factor: number,
  threeSided: boolean,
  aspect: number,
): readonly SideFit[] {
  const wide = Math.max(3, 3 * factor + 2);
  const narrow = Math.max(2, factor + 1);
  for (let k = 0; k < 4; k++) fitSide(frame, corners, k, wide, -1, fits[k]!);
  intersectAll(fits, corners);
  for (let k = 0; k < 4; k++) fitSide(frame, corners, k, narrow, fits[k]!.candidate, fits[k]!);
  intersectAll(fits, corners);
  if (threeSided) completeFromFits(fits, corners, frame.width, frame.height, aspect);
  return fits;
}
