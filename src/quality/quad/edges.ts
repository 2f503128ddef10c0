// Stage 1 of the quad finder: edges of the coarse luma and colour planes, and their
// direction-restricted Hough votes. Each edge pixel only votes near its own direction, and only
// when its neighbours along the edge agree, so text and texture, whose directions scatter, do not
// pile up into lines.
import type { ColourPlanes } from '../luma.js';
import type { LumaFrame } from '../types.js';
import { QUAD_TUNING } from './tuning.js';
import { COS, DEG, SIN, THETA_BINS, type Workspace } from './workspace.js';

const { voteSpread, minCoherence, voteFullMagnitude, contrastReference, minContrastScale } =
  QUAD_TUNING.edges;

/**
 * Sobel gradients of the coarse luma into gx/gy/mag (squared magnitude). Returns the luma's
 * standard deviation (the frame's contrast).
 */
function sobelLuma(plane: LumaFrame, ws: Workspace): number {
  const { gx, gy, mag, width: w, height: h } = ws;
  sobelRows(plane.data, w, h, gx, gy, mag);
  // Contrast from every 2nd pixel of every 2nd row: plenty for a standard deviation.
  const d = plane.data;
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < h - 1; y += 2) {
    for (let i = y * w + 1, end = y * w + w - 1; i < end; i += 2) {
      const v = d[i]!;
      sum += v;
      sumSq += v * v;
      n++;
    }
  }
  const mean = sum / Math.max(1, n);
  return Math.sqrt(Math.max(0, sumSq / Math.max(1, n) - mean * mean));
}

/**
 * Sobel gradients of a w×h plane into gx/gy/mag (squared magnitude), interior pixels only. Slides
 * along each row keeping the column sums it needs, so each pixel costs three reads, not twelve.
 */
function sobelRows(
  d: Uint8Array,
  w: number,
  h: number,
  gx: Int16Array,
  gy: Int16Array,
  mag: Int32Array,
): void {
  for (let y = 1; y < h - 1; y++) {
    let m = y * w;
    let a = m - w;
    let b = m + w;
    // Column x: smoothed = top + 2·middle + bottom (for gx), diff = bottom - top (for gy).
    let s0 = d[a]! + 2 * d[m]! + d[b]!;
    let v0 = d[b]! - d[a]!;
    let s1 = d[a + 1]! + 2 * d[m + 1]! + d[b + 1]!;
    let v1 = d[b + 1]! - d[a + 1]!;
    // a, m and b walk column x + 1 of the three rows while i walks pixel x.
    a += 2;
    m += 2;
    b += 2;
    for (let i = y * w + 1, end = y * w + w - 1; i < end; i++, a++, m++, b++) {
      const top = d[a]!;
      const bottom = d[b]!;
      const s2 = top + 2 * d[m]! + bottom;
      const v2 = bottom - top;
      const sx = s2 - s0;
      const sy = v0 + 2 * v1 + v2;
      gx[i] = sx;
      gy[i] = sy;
      mag[i] = sx * sx + sy * sy;
      s0 = s1;
      s1 = s2;
      v0 = v1;
      v1 = v2;
    }
  }
}

/**
 * Sobel gradients of both (half-size) colour planes, the stronger kept per pixel, then copied onto
 * the 2x2 coarse pixels each covers wherever stronger than the luma gradient there. Colour edges
 * are rare: most pixels end at one comparison. Slides along each row keeping column sums, as
 * sobelRows does, for both planes at once.
 */
function colourGradients(planes: ColourPlanes, ws: Workspace, floor: number): void {
  const { gx, gy, mag, width: w, halfWidth: cw, halfHeight: ch } = ws;
  const p = planes.redGreen.data;
  const q = planes.yellowBlue.data;
  for (let cy = 1; cy < ch - 1; cy++) {
    const row = cy * cw;
    const a = row - cw;
    const b = row + cw;
    // Per column: smoothed = top + 2·middle + bottom (for x), diff = bottom - top (for y).
    let ps0 = p[a]! + 2 * p[row]! + p[b]!;
    let pv0 = p[b]! - p[a]!;
    let ps1 = p[a + 1]! + 2 * p[row + 1]! + p[b + 1]!;
    let pv1 = p[b + 1]! - p[a + 1]!;
    let qs0 = q[a]! + 2 * q[row]! + q[b]!;
    let qv0 = q[b]! - q[a]!;
    let qs1 = q[a + 1]! + 2 * q[row + 1]! + q[b + 1]!;
    let qv1 = q[b + 1]! - q[a + 1]!;
    // Coarse pixel (2cx, 2cy) is the top-left of the four colour pixel cx covers.
    for (let cx = 1, top = 2 * cy * w + 2; cx < cw - 1; cx++, top += 2) {
      const ps2 = p[a + cx + 1]! + 2 * p[row + cx + 1]! + p[b + cx + 1]!;
      const pv2 = p[b + cx + 1]! - p[a + cx + 1]!;
      const qs2 = q[a + cx + 1]! + 2 * q[row + cx + 1]! + q[b + cx + 1]!;
      const qv2 = q[b + cx + 1]! - q[a + cx + 1]!;
      const px = ps2 - ps0;
      const py = pv0 + 2 * pv1 + pv2;
      const qx = qs2 - qs0;
      const qy = qv0 + 2 * qv1 + qv2;
      ps0 = ps1;
      ps1 = ps2;
      pv0 = pv1;
      pv1 = pv2;
      qs0 = qs1;
      qs1 = qs2;
      qv0 = qv1;
      qv1 = qv2;
      const mp = px * px + py * py;
      const mq = qx * qx + qy * qy;
      if (mp < floor && mq < floor) continue;
      const m = mp > mq ? mp : mq;
      const sx = mp > mq ? px : qx;
      const sy = mp > mq ? py : qy;
      for (let k = 0; k < 4; k++) {
        const j = top + (k >> 1) * w + (k & 1);
        if (m > mag[j]!) {
          gx[j] = sx;
          gy[j] = sy;
          mag[j] = m;
        }
      }
    }
  }
}

/** Distance (px) either side of an edge pixel at which its step height is read. */
const stepReach = 3;
/** Squared: a broad gradient's neighbours across it keep over 1/√2 (~70%) of its magnitude. */
const broadShare = 2;
/** Sobel magnitude of a sharp step of height 1 (the [1 2 1] smoothing sums to 4). */
const sobelPerStep = 4;

/** |x| + |y|. */
function l1(x: number, y: number): number {
  return (x < 0 ? -x : x) + (y < 0 ? -y : y);
}

/**
 * atan2 in degrees, [0, 360), to ~0.01°: a minimax polynomial on [0, 1] folded into the octants,
 * several times cheaper than Math.atan2 in the per-edge-pixel loop.
 */
function atan2Degrees(y: number, x: number): number {
  const ax = x < 0 ? -x : x;
  const ay = y < 0 ? -y : y;
  if (ax === 0 && ay === 0) return 0;
  const a = ax < ay ? ax / ay : ay / ax;
  const s = a * a;
  let r = ((-0.0464964749 * s + 0.15931422) * s - 0.327622764) * s * a + a;
  if (ay > ax) r = 1.5707963267948966 - r;
  if (x < 0) r = Math.PI - r;
  if (y < 0) r = 2 * Math.PI - r;
  const deg = r / DEG;
  return deg >= 360 ? deg - 360 : deg;
}

/** Angle between two line orientations in degrees, modulo 180 (0-90). */

/**
 * Edges of the coarse planes and their direction-restricted Hough votes. Leaves `orientation` set
 * on kept edge pixels, the votes in `acc` (each cell summed with its two ρ neighbours) and each θ
 * row's largest cell in `rowMax`; returns the largest cell of all (the strongest line's votes).
 */
export function edgesAndVotes(planes: ColourPlanes, ws: Workspace, threshold: number): number {
  const { width: w, height: h, gx, gy, mag, orientation, acc, rhoBins, rhoOffset } = ws;
  orientation.fill(-1);
  acc.fill(0);
  const contrast = sobelLuma(planes.luma, ws);
  // A dim or washed-out frame scales every gradient down, the document's edges included: scale the
  // edge threshold and the full-vote magnitude with the frame's contrast (within limits), so the
  // outline is still found and "too dark" / "low contrast" can be reported on the document.
  const scale = Math.min(1, Math.max(minContrastScale, contrast / contrastReference));
  // Squared magnitudes are integers: rounding the floor up changes no comparison with them, and
  // keeps the per-pixel tests in integer arithmetic.
  const floor = Math.ceil(threshold * threshold * scale * scale);
  colourGradients(planes, ws, floor);

  const full = voteFullMagnitude * scale;
  const luma = planes.luma.data;
  const fullSquared = full * full;
  const hw = w / 2;
  const hh = h / 2;
  for (let y = 2; y < h - 2; y++) {
    const rowEnd = y * w + w - 2;
    for (let i = y * w + 2; i < rowEnd; i++) {
      // Most pixels are no edge: skip them in a tight loop of their own.
      while (i < rowEnd && mag[i]! < floor) i++;
      if (i === rowEnd) break;
      const x = i - y * w;
      const m = mag[i]!;
      const sx = gx[i]!;
      const sy = gy[i]!;
      const ax = sx < 0 ? -sx : sx;
      const ay = sy < 0 ? -sy : sy;
      // Neighbours across the edge (along the gradient, for non-maximum suppression) and along it
      // (for the direction estimate), quantised to 4 directions (tan 22.5° ≈ 0.4142).
      let across: number;
      let along: number;
      if (ay * 2.4142 <= ax) {
        across = 1;
        along = w;
      } else if (ax * 2.4142 <= ay) {
        across = w;
        along = 1;
      } else if (sx > 0 === sy > 0) {
        across = w + 1;
        along = w - 1;
      } else {
        across = w - 1;
        along = w + 1;
      }
      // Strict on one side, loose on the other: a plateau of equal magnitudes keeps one pixel.
      if (m < mag[i - across]! || m <= mag[i + across]!) continue;
      // Direction from this pixel's gradient and its two neighbours' along the edge (turned to
      // agree with it: a neighbour's strongest plane may have the other sign): texture right next
      // to an edge tilts single gradients by several degrees, back and forth, and the sum cancels
      // that. Coherence: on a straight edge the three agree and their sum is as long as their
      // lengths together; in texture they cancel, and such pixels neither vote nor support.
      let g1x = gx[i - along]!;
      let g1y = gy[i - along]!;
      if (g1x * sx + g1y * sy < 0) {
        g1x = -g1x;
        g1y = -g1y;
      }
      let g2x = gx[i + along]!;
      let g2y = gy[i + along]!;
      if (g2x * sx + g2y * sy < 0) {
        g2x = -g2x;
        g2y = -g2y;
      }
      const tx = sx + g1x + g2x;
      const ty = sy + g1y + g2y;
      if (l1(tx, ty) < minCoherence * (ax + ay + l1(g1x, g1y) + l1(g2x, g2y))) continue;
      let theta = atan2Degrees(ty, tx);
      if (theta >= 180) theta -= 180;
      orientation[i] = theta;
      const centre = (theta + 0.5) | 0;
      const px = x + 0.5 - hw;
      const py = y + 0.5 - hh;
      // Weighted by contrast up to a cap: faint texture counts for little, while a document edge
      // counts by its length whatever its contrast beyond the cap.
      // A defocused edge spreads the same step over more pixels: its gradient peak drops, its
      // step does not. The step across the edge (luma 3 px either side) keeps a blurred outline's
      // votes, so the document is still found and can be called blurred.
      let weight = m >= fullSquared ? 1 : Math.sqrt(m) / full;
      // Only where the gradient is broad (both neighbours across nearly as strong): a blurred
      // outline is, while grain and print, narrow, must not borrow a step from their neighbours.
      if (
        weight < 1 &&
        y >= stepReach &&
        y < h - stepReach &&
        mag[i - across]! * broadShare > m &&
        mag[i + across]! * broadShare > m
      ) {
        const reach = stepReach * across;
        const step = luma[i + reach]! - luma[i - reach]!;
        const stepWeight = (sobelPerStep * (step < 0 ? -step : step)) / full;
        if (stepWeight > weight) weight = stepWeight < 1 ? stepWeight : 1;
      }
      for (let k = -voteSpread; k <= voteSpread; k++) {
        let bin = centre + k;
        if (bin < 0) bin += THETA_BINS;
        else if (bin >= THETA_BINS) bin -= THETA_BINS;
        // ρ + offset is positive: truncating after adding 0.5 rounds.
        const cell = bin * rhoBins + ((px * COS[bin]! + py * SIN[bin]! + rhoOffset + 0.5) | 0);
        acc[cell] = acc[cell]! + weight;
      }
    }
  }
  // Each cell becomes the sum of itself and its two ρ neighbours: an edge on a pixel boundary
  // flips between two ρ bins with noise, and must not count half.
  let strongest = 0;
  for (let b = 0; b < THETA_BINS; b++) {
    const row = b * rhoBins;
    let previous = 0;
    let current = acc[row]!;
    let rowMax = 0;
    for (let r = row, end = row + rhoBins - 1; r < end; r++) {
      const next = acc[r + 1]!;
      const sum = previous + current + next;
      acc[r] = sum;
      if (sum > rowMax) rowMax = sum;
      previous = current;
      current = next;
    }
    // Rounded to float32 like the cells (rounding keeps order): exactly the row's largest cell.
    ws.rowMax[b] = rowMax;
    if (rowMax > strongest) strongest = rowMax;
  }
  return strongest;
}
