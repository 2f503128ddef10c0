// Document quadrilateral detection, written for this SDK (no OpenCV): it has to fit a few
// milliseconds per frame in a Worker on a mid-range phone, which rules out shipping 11 MB of wasm.
//
// Coarse to fine:
// 1. On the frame downscaled to ~320 px wide, as luma and two opponent-colour planes (a card's
//    coloured header can have exactly the lightness of the desk under it): Sobel gradients (per
//    pixel, from the plane where the edge is strongest; colour at half that size), non-maximum
//    suppression, and a Hough transform where each edge pixel only votes near its own direction,
//    and only when its neighbours along the edge agree, so text and texture, whose directions
//    scatter, do not pile up into lines.
// 2. The strongest lines are paired (near-parallel pairs, the two pairs roughly perpendicular) into
//    candidate quads. Each candidate side is scored by how much of its visible length is backed by
//    edge pixels of the same orientation, read in O(1) from per-line prefix sums; sides running past
//    the real corners collect no support, so oversize candidates lose to the true outline, and an
//    upper bound per pair of lines prunes most candidates unseen.
//    A document cut by the frame along a whole side is searched for too: two lines running out of
//    view, closed by a third, the missing side placed from the document's proportions.
// 3. Each side of the winner is refined on the full-resolution frame: edge positions found to a
//    fraction of a pixel along the side's normal, a robust least-squares line through them, and the
//    corners are where adjacent lines meet. Intersecting lines rather than locating corners means a
//    corner outside the frame or under a finger is still placed where the edges say it is.
import { downscaleFactor, rgbaToPlanes, type ColourPlanes } from './luma.js';
import { cornersAspect, DEFAULT_FOCAL_SHARE, sideRatio } from './shape.js';
import type { LumaFrame, Point, Quad, RgbaFrame } from './types.js';

/** Tunables of the quad detector. */
export interface QuadDetectionOptions {
  /** Expected long/short side ratio, a soft prior between candidates (default 85.6/54, ID-1). */
  readonly documentAspect?: number;
  /** The frame already converted by rgbaToPlanes at an integer factor (saves a pass). */
  readonly planes?: ColourPlanes;
  /** Width the coarse search runs at when `planes` is not given (default 320). */
  readonly coarseWidth?: number;
  /** Minimum Sobel magnitude of an edge pixel at the coarse size (default 36: a ~9-level step). */
  readonly edgeThreshold?: number;
  /** Smallest document the detector reports, as a share of the frame area (default 0.03). */
  readonly minArea?: number;
}

/** A detected document outline with what the detector knows about it. */
export interface QuadDetection {
  /** Corners clockwise from the top-left one, in the frame's pixels (canvas convention). */
  readonly quad: Quad;
  /** Share of the outline's visible length that is backed by edges at the coarse size, 0-1. */
  readonly support: number;
  /** Per corner (same order as `quad`): the edges leading into it vanish, e.g. under a finger. */
  readonly occluded: readonly [boolean, boolean, boolean, boolean];
}

const DEG = Math.PI / 180;
const THETA_BINS = 180; // 1° bins over [0°, 180°)
const VOTE_SPREAD = 1; // each edge pixel votes θ ± 1° (its direction is averaged, good to ~1°)
const MIN_COHERENCE = 0.75;
const MAX_CANDIDATES = 2048;
const VOTE_FULL_MAGNITUDE = 160; // Sobel magnitude of a ~40-level step
const CONTRAST_REFERENCE = 45; // luma std of an ordinary, well-exposed scene
const MAX_LINES = 36;
const BUCKET_DEG = 6;
const MAX_PER_BUCKET = 8;
const bucketCounts = new Uint8Array(Math.ceil(180 / BUCKET_DEG));
const MAX_PAIRS = 640; // all pairs of MAX_LINES lines; the search is bounded by MAX_COMBOS
const MAX_COMBOS = 12000; // quad hypotheses scored per frame, strongest pairs first
const SUPPORT_TOLERANCE_DEG = 12;
const SUPPORT_REACH = 2; // px either side of a coarse line where an edge pixel counts as support
const CORNER_SKIP = 0.05; // share of each side, at both ends, left out of its support
const OVERSHOOT = 0.15; // share of a side past each corner where support counts against it
const THREE_SIDED_FACTOR = 0.85; // handicap of a quad with one side out of view

const COS = new Float64Array(THETA_BINS);
const SIN = new Float64Array(THETA_BINS);
for (let b = 0; b < THETA_BINS; b++) {
  COS[b] = Math.cos(b * DEG);
  SIN[b] = Math.sin(b * DEG);
}

/** A Hough line at the coarse size: normal (c, s) at `deg` degrees, offset `rho` from the centre. */
interface Line {
  deg: number;
  c: number;
  s: number;
  rho: number;
  votes: number;
  /** Canvas coordinates of the point at t = 0 (the foot of the normal from the centre). */
  bx: number;
  by: number;
  /** Visible parameter range start, and number of unit samples in the support profile. */
  t0: number;
  len: number;
  /** Offset of this line's prefix sums in the workspace's `cum` buffer. */
  off: number;
}

/** A near-parallel pair of lines. */
interface Pair {
  a: number;
  b: number;
  deg: number;
  /** Edge support of both lines over their whole visible length: no quad using them scores more. */
  bound: number;
}

/** Scratch buffers for one coarse size, reused frame after frame. */
class Workspace {
  readonly n: number;
  readonly halfWidth: number;
  readonly halfHeight: number;
  readonly gx: Int16Array;
  readonly gy: Int16Array;
  readonly mag: Int32Array;
  /** Orientation (mod 180°) of kept edge pixels in degrees, -1 elsewhere. */
  readonly orientation: Float32Array;
  readonly rhoOffset: number;
  readonly rhoBins: number;
  readonly acc: Float32Array;
  /** Per θ bin: its highest accumulator cell (as stored, float32), so houghLines skips weak rows. */
  readonly rowMax = new Float32Array(THETA_BINS);
  readonly maxLen: number;
  readonly cum: Int32Array;
  readonly candBin = new Int16Array(MAX_CANDIDATES);
  readonly candRho = new Float32Array(MAX_CANDIDATES);
  readonly candVotes = new Float32Array(MAX_CANDIDATES);
  /** Luma standard deviation of the coarse frame. */
  contrast = 0;
  /** Highest accumulator value of the current frame. */
  strongest = 0;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.n = width * height;
    this.halfWidth = width >> 1;
    this.halfHeight = height >> 1;
    this.gx = new Int16Array(this.n);
    this.gy = new Int16Array(this.n);
    this.mag = new Int32Array(this.n);
    this.orientation = new Float32Array(this.n);
    this.rhoOffset = Math.ceil(Math.hypot(width, height) / 2) + 2;
    this.rhoBins = 2 * this.rhoOffset + 2;
    this.acc = new Float32Array(THETA_BINS * this.rhoBins);
    this.maxLen = Math.ceil(Math.hypot(width, height)) + 2;
    this.cum = new Int32Array(MAX_LINES * (this.maxLen + 1));
  }
}

let workspace: Workspace | undefined;
const planeBuffers = {
  luma: new Uint8Array(0) as Uint8Array,
  redGreen: new Uint8Array(0) as Uint8Array,
  yellowBlue: new Uint8Array(0) as Uint8Array,
};

function workspaceFor(width: number, height: number): Workspace {
  if (!workspace || workspace.width !== width || workspace.height !== height) {
    workspace = new Workspace(width, height);
  }
  return workspace;
}

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
function orientationGap(a: number, b: number): number {
  const d = Math.abs(a - b) % 180;
  return d > 90 ? 180 - d : d;
}

/**
 * Edges of the coarse planes and their direction-restricted Hough votes. Leaves `orientation` set
 * on kept edge pixels, the votes in `acc` (each cell summed with its two ρ neighbours), `contrast`
 * and `strongest`.
 */
function edgesAndVotes(planes: ColourPlanes, ws: Workspace, threshold: number): void {
  const { width: w, height: h, gx, gy, mag, orientation, acc, rhoBins, rhoOffset } = ws;
  orientation.fill(-1);
  acc.fill(0);
  ws.contrast = sobelLuma(planes.luma, ws);
  // A dim or washed-out frame scales every gradient down, the document's edges included: scale the
  // edge threshold and the full-vote magnitude with the frame's contrast (within limits), so the
  // outline is still found and "too dark" / "low contrast" can be reported on the document.
  const scale = Math.min(1, Math.max(0.3, ws.contrast / CONTRAST_REFERENCE));
  // Squared magnitudes are integers: rounding the floor up changes no comparison with them, and
  // keeps the per-pixel tests in integer arithmetic.
  const floor = Math.ceil(threshold * threshold * scale * scale);
  colourGradients(planes, ws, floor);

  const full = VOTE_FULL_MAGNITUDE * scale;
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
      if (l1(tx, ty) < MIN_COHERENCE * (ax + ay + l1(g1x, g1y) + l1(g2x, g2y))) continue;
      let theta = atan2Degrees(ty, tx);
      if (theta >= 180) theta -= 180;
      orientation[i] = theta;
      const centre = (theta + 0.5) | 0;
      const px = x + 0.5 - hw;
      const py = y + 0.5 - hh;
      // Weighted by contrast up to a cap: faint texture counts for little, while a document edge
      // counts by its length whatever its contrast beyond the cap.
      const weight = m >= fullSquared ? 1 : Math.sqrt(m) / full;
      for (let k = -VOTE_SPREAD; k <= VOTE_SPREAD; k++) {
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
  ws.strongest = strongest;
}

/** Local maxima of the accumulator, strongest first, merged when they describe the same line. */
function houghLines(ws: Workspace, minVotes: number): Line[] {
  const { acc, rhoBins, rhoOffset, candBin, candRho, candVotes } = ws;
  // Relative floor: in heavy texture, keep the search to lines that matter next to the strongest.
  const floor = Math.max(minVotes, 0.06 * ws.strongest);
  let count = 0;
  for (let b = 0; b < THETA_BINS && count < MAX_CANDIDATES; b++) {
    // No cell of this row reaches the floor (most rows, in a frame with a few strong lines).
    if (ws.rowMax[b]! < floor) continue;
    const row = b * rhoBins;
    for (let r = 2; r < rhoBins - 2; r++) {
      const v = acc[row + r]!;
      if (v < floor) continue;
      let isMax = true;
      for (let db = -2; db <= 2 && isMax; db++) {
        const bb = b + db;
        // At the 0°/180° seam the neighbour is the mirrored line; skipping it can leave a duplicate,
        // which the merge below removes.
        if (bb < 0 || bb >= THETA_BINS) continue;
        const nrow = bb * rhoBins;
        for (let dr = -2; dr <= 2; dr++) {
          if (db === 0 && dr === 0) continue;
          const u = acc[nrow + r + dr]!;
          // Ties go to the first cell in scan order.
          if (u > v || (u === v && (db < 0 || (db === 0 && dr < 0)))) {
            isMax = false;
            break;
          }
        }
      }
      if (!isMax) continue;
      if (count === MAX_CANDIDATES) break;
      // Sub-bin ρ from a parabola through the peak and its neighbours.
      const l = acc[row + r - 1]!;
      const rr = acc[row + r + 1]!;
      const den = l - 2 * v + rr;
      const shift = den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (l - rr)) / den)) : 0;
      candBin[count] = b;
      candRho[count] = r + shift - rhoOffset;
      candVotes[count] = v;
      count++;
    }
  }
  const order = Array.from({ length: count }, (_, k) => k).sort(
    (p, q) => candVotes[q]! - candVotes[p]! || p - q,
  );
  const lines: Line[] = [];
  // At most a few lines per orientation: wood grain or a striped cloth makes dozens of long parallel
  // lines that would otherwise crowd out the short sides of a small document across them.
  bucketCounts.fill(0);
  for (const k of order) {
    const deg = candBin[k]!;
    const rho = candRho[k]!;
    const bucket = Math.floor(deg / BUCKET_DEG) % bucketCounts.length;
    if (bucketCounts[bucket]! >= MAX_PER_BUCKET) continue;
    let duplicate = false;
    for (const line of lines) {
      const d = Math.abs(line.deg - deg);
      const sameRho = d <= 90 ? Math.abs(line.rho - rho) : Math.abs(line.rho + rho);
      if (orientationGap(line.deg, deg) <= 2 && sameRho <= 2.5) {
        duplicate = true;
        break;
      }
    }
    if (duplicate) continue;
    const c = COS[deg]!;
    const s = SIN[deg]!;
    lines.push({ deg, c, s, rho, votes: candVotes[k]!, bx: 0, by: 0, t0: 0, len: 0, off: 0 });
    bucketCounts[bucket] = bucketCounts[bucket]! + 1;
    if (lines.length === MAX_LINES) break;
  }
  return lines;
}

/**
 * Fills a line's support profile: for each unit step along its visible part, whether an edge pixel
 * of matching orientation lies within SUPPORT_REACH px, as prefix sums.
 */
function supportProfile(line: Line, index: number, ws: Workspace): void {
  const { width: w, height: h, orientation, cum, maxLen } = ws;
  const { c, s, rho, deg } = line;
  const bx = w / 2 + rho * c;
  const by = h / 2 + rho * s;
  // Direction (-s, c); clip t to the box where edges were computed (Liang-Barsky).
  let t0 = -Infinity;
  let t1 = Infinity;
  const clip = (p: number, d: number, lo: number, hi: number): void => {
    if (Math.abs(d) < 1e-9) {
      if (p < lo || p > hi) t1 = -Infinity;
      return;
    }
    const ta = (lo - p) / d;
    const tb = (hi - p) / d;
    t0 = Math.max(t0, Math.min(ta, tb));
    t1 = Math.min(t1, Math.max(ta, tb));
  };
  clip(bx, -s, 2.5, w - 2.5);
  clip(by, c, 2.5, h - 2.5);
  const len = t1 > t0 ? Math.min(maxLen, Math.floor(t1 - t0) + 1) : 0;
  const off = index * (maxLen + 1);
  line.bx = bx;
  line.by = by;
  line.t0 = t0;
  line.len = len;
  line.off = off;
  cum[off] = 0;
  let total = 0;
  for (let i = 0; i < len; i++) {
    const t = t0 + i;
    const x = bx - t * s;
    const y = by + t * c;
    let found = 0;
    for (let k = -SUPPORT_REACH; k <= SUPPORT_REACH && !found; k++) {
      const xi = Math.floor(x + k * c);
      const yi = Math.floor(y + k * s);
      if (xi < 0 || yi < 0 || xi >= w || yi >= h) continue;
      const a = orientation[yi * w + xi]!;
      if (a >= 0 && orientationGap(a, deg) <= SUPPORT_TOLERANCE_DEG) found = 1;
    }
    total += found;
    cum[off + i + 1] = total;
  }
}

// Outputs of sideSupport, kept in module variables to avoid allocating in the hot loop.
let seenLength = 0;
let backedLength = 0;

/** Visible and edge-backed length of the segment p→q of `line` (coarse canvas coordinates). */
function sideSupport(
  line: Line,
  ws: Workspace,
  px: number,
  py: number,
  qx: number,
  qy: number,
): void {
  const dx = -line.s;
  const dy = line.c;
  const tp = (px - line.bx) * dx + (py - line.by) * dy;
  const tq = (qx - line.bx) * dx + (qy - line.by) * dy;
  const lo = Math.max(Math.min(tp, tq), line.t0);
  const hi = Math.min(Math.max(tp, tq), line.t0 + line.len - 1);
  if (hi <= lo) {
    seenLength = 0;
    backedLength = 0;
    return;
  }
  const i0 = Math.round(lo - line.t0);
  const i1 = Math.round(hi - line.t0) + 1;
  seenLength = hi - lo;
  backedLength = Math.min(seenLength, ws.cum[line.off + i1]! - ws.cum[line.off + i0]!);
}

/** Edge support of a line over its whole visible length. */
function lineSupport(line: Line, ws: Workspace): number {
  return ws.cum[line.off + line.len]!;
}

/** Intersection of two Hough lines in coarse canvas coordinates (written to `out`). */
function meet(a: Line, b: Line, ws: Workspace, out: number[], at: number): boolean {
  const det = a.c * b.s - a.s * b.c;
  if (Math.abs(det) < 1e-6) return false;
  out[at] = (a.rho * b.s - a.s * b.rho) / det + ws.width / 2;
  out[at + 1] = (a.c * b.rho - a.rho * b.c) / det + ws.height / 2;
  return true;
}

/** The winning hypothesis: corners at the coarse size (cycle order) and its edge support. */
interface BestQuad {
  readonly corners: number[];
  readonly support: number;
  /** The side from corner 2 to corner 3 is out of view and was placed from the document's shape. */
  readonly threeSided: boolean;
}

// Outputs of sideScore, kept in module variables like sideSupport's.
let sideSeen = 0;
let sideBacked = 0;
/** Largest backed share of the continuation past either end that was checked. */
let sideOvershoot = 0;

/**
 * Support of side p→q on `line`, judged between 5% and 95% of its length (documents have rounded
 * corners, and a card's outline must not lose to an inner line, a header band's edge, with square
 * ones), plus the support of the line's continuation past either end (up to 15% of the side): a
 * document's side stops at its corners, a plank seam or a table edge runs on. Returns the score
 * contribution, sets sideSeen/sideBacked.
 */
function sideScore(
  line: Line,
  ws: Workspace,
  px: number,
  py: number,
  qx: number,
  qy: number,
  skipStart: boolean,
  skipEnd: boolean,
): number {
  const dx = qx - px;
  const dy = qy - py;
  const a = skipStart ? CORNER_SKIP : 0;
  const b = skipEnd ? 1 - CORNER_SKIP : 1;
  sideSupport(line, ws, px + a * dx, py + a * dy, px + b * dx, py + b * dy);
  sideSeen = seenLength;
  sideBacked = backedLength;
  let overshoot = 0;
  sideOvershoot = 0;
  if (skipStart) {
    sideSupport(line, ws, px - OVERSHOOT * dx, py - OVERSHOOT * dy, px, py);
    overshoot += backedLength;
    if (seenLength > 0) sideOvershoot = Math.max(sideOvershoot, backedLength / seenLength);
  }
  if (skipEnd) {
    sideSupport(line, ws, qx, qy, qx + OVERSHOOT * dx, qy + OVERSHOOT * dy);
    overshoot += backedLength;
    if (seenLength > 0) sideOvershoot = Math.max(sideOvershoot, backedLength / seenLength);
  }
  // Backed length rewards the largest real outline; unbacked length punishes sides that run on
  // past the document; support past the corners says the corner is not one.
  return sideBacked - 0.5 * (sideSeen - sideBacked) - 0.5 * overshoot;
}

/** Whether canvas point (x, y) lies inside the w×h frame shrunk by `margin` px. */
function inside(x: number, y: number, w: number, h: number, margin: number): boolean {
  return x >= margin && y >= margin && x <= w - margin && y <= h - margin;
}

/** Length of the part of segment p→q inside the w×h frame (Liang-Barsky). */
function visibleLength(
  px: number,
  py: number,
  qx: number,
  qy: number,
  w: number,
  h: number,
): number {
  const dx = qx - px;
  const dy = qy - py;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, px],
    [dx, w - px],
    [-dy, py],
    [dy, h - py],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return 0;
    } else {
      const r = q / p;
      if (p < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
    }
  }
  return t1 > t0 ? (t1 - t0) * Math.hypot(dx, dy) : 0;
}

/** Convex (all turns the same way) and with every side at least `minSide` long. */
function convexQuad(c: ArrayLike<number>, minSide: number): boolean {
  let sign = 0;
  for (let k = 0; k < 4; k++) {
    const x0 = c[2 * k]!;
    const y0 = c[2 * k + 1]!;
    const x1 = c[(2 * k + 2) % 8]!;
    const y1 = c[(2 * k + 3) % 8]!;
    const x2 = c[(2 * k + 4) % 8]!;
    const y2 = c[(2 * k + 5) % 8]!;
    const cross = (x1 - x0) * (y2 - y1) - (y1 - y0) * (x2 - x1);
    if (cross === 0 || (sign !== 0 && Math.sign(cross) !== sign)) return false;
    sign = Math.sign(cross);
    if (Math.hypot(x1 - x0, y1 - y0) < minSide) return false;
  }
  return true;
}

/** Area of the quad given as flat corners. */
function quadArea(c: ArrayLike<number>): number {
  let area2 = 0;
  for (let k = 0; k < 4; k++) {
    area2 += c[2 * k]! * c[(2 * k + 3) % 8]! - c[(2 * k + 2) % 8]! * c[2 * k + 1]!;
  }
  return Math.abs(area2) / 2;
}

/** The best-supported plausible quad among pairs of near-parallel line pairs. */
function bestQuad(lines: Line[], ws: Workspace, aspect: number, minArea: number): BestQuad | null {
  const { width: w, height: h } = ws;
  const minSide = 0.08 * Math.min(w, h);
  const pairs: Pair[] = [];
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i]!;
      const b = lines[j]!;
      // Perspective makes opposite sides converge; 20° covers ~25° of tilt at phone focal lengths.
      if (orientationGap(a.deg, b.deg) > 20) continue;
      const flipped = Math.abs(a.deg - b.deg) > 90;
      const gap = flipped ? Math.abs(a.rho + b.rho) : Math.abs(a.rho - b.rho);
      if (gap < minSide) continue;
      let mean = flipped ? (a.deg + b.deg + 180) / 2 : (a.deg + b.deg) / 2;
      if (mean >= 180) mean -= 180;
      pairs.push({ a: i, b: j, deg: mean, bound: lineSupport(a, ws) + lineSupport(b, ws) });
    }
  }
  // Strongest bounds first, so a good quad is found early and the bound prunes the rest.
  pairs.sort((p, q) => q.bound - p.bound);
  if (pairs.length > MAX_PAIRS) pairs.length = MAX_PAIRS;

  const corners = [0, 0, 0, 0, 0, 0, 0, 0];
  const sideLines: Line[] = [];
  let best: BestQuad | null = null;
  let bestScore = 0;
  let combos = 0;
  const logAspect = Math.log(aspect);
  for (let p = 0; p < pairs.length && combos < MAX_COMBOS; p++) {
    const P = pairs[p]!;
    if (p + 1 < pairs.length && P.bound + pairs[p + 1]!.bound <= bestScore) break;
    for (let q = p + 1; q < pairs.length; q++) {
      const Q = pairs[q]!;
      if (P.bound + Q.bound <= bestScore) break;
      if (orientationGap(P.deg, Q.deg) < 50) continue;
      if (++combos > MAX_COMBOS) break;
      const a1 = lines[P.a]!;
      const a2 = lines[P.b]!;
      const b1 = lines[Q.a]!;
      const b2 = lines[Q.b]!;
      // Corner cycle: a1∩b1 → a1∩b2 → a2∩b2 → a2∩b1; sides lie on a1, b2, a2, b1.
      if (
        !meet(a1, b1, ws, corners, 0) ||
        !meet(a1, b2, ws, corners, 2) ||
        !meet(a2, b2, ws, corners, 4) ||
        !meet(a2, b1, ws, corners, 6)
      ) {
        continue;
      }
      let inBounds = true;
      for (let k = 0; k < 8; k += 2) {
        const x = corners[k]!;
        const y = corners[k + 1]!;
        if (x < -0.5 * w || x > 1.5 * w || y < -0.5 * h || y > 1.5 * h) inBounds = false;
      }
      if (!inBounds || !convexQuad(corners, minSide)) continue;
      if (quadArea(corners) < minArea * w * h) continue;
      const ratio = cornersAspect(corners, w, h);
      if (ratio > 2.6) continue;

      sideLines[0] = a1;
      sideLines[1] = b2;
      sideLines[2] = a2;
      sideLines[3] = b1;
      let seen = 0;
      let backed = 0;
      let total = 0;
      let ok = true;
      for (let k = 0; k < 4 && ok; k++) {
        const x0 = corners[2 * k]!;
        const y0 = corners[2 * k + 1]!;
        const x1 = corners[(2 * k + 2) % 8]!;
        const y1 = corners[(2 * k + 3) % 8]!;
        total += sideScore(sideLines[k]!, ws, x0, y0, x1, y1, true, true);
        // Every side must be partly in view and mostly backed by edges where it is: a finger or a
        // glare patch can hide some of a side, not most of it.
        const length = Math.hypot(x1 - x0, y1 - y0) * (1 - 2 * CORNER_SKIP);
        if (sideSeen < 0.25 * length || sideBacked < 0.4 * sideSeen) ok = false;
        seen += sideSeen;
        backed += sideBacked;
      }
      if (!ok || backed < 0.6 * seen) continue;
      // The aspect prior breaks ties between the card and rectangles printed on it.
      const logRatio = Math.log(ratio) - logAspect;
      const prior = Math.exp(-(logRatio * logRatio) / (2 * 0.2 * 0.2));
      const score = total * (0.15 + 0.85 * prior);
      if (score > bestScore) {
        bestScore = score;
        best = { corners: corners.slice(), support: backed / seen, threeSided: false };
      }
    }
  }
  const partial = bestThreeSided(lines, pairs, ws, aspect, minArea, bestScore);
  return partial ?? best;
}

/**
 * The best quad with one side out of view (two adjacent corners outside the frame), when it beats
 * `bestScore`: two near-parallel lines that both run out of the frame, closed by a third line whose
 * two corners are in view; the missing side is placed where the document's shape puts it. Under
 * perspective that needs the missing side's vanishing point, which a pinhole camera fixes: it lies
 * on the closing line, and its direction is orthogonal (in 3D) to the pair's.
 */
function bestThreeSided(
  lines: Line[],
  pairs: Pair[],
  ws: Workspace,
  aspect: number,
  minArea: number,
  bestScore: number,
): BestQuad | null {
  const { width: w, height: h } = ws;
  const minSide = 0.08 * Math.min(w, h);
  const focal = DEFAULT_FOCAL_SHARE * Math.max(w, h);
  const order = lines
    .map((_, k) => k)
    .sort((p, q) => lineSupport(lines[q]!, ws) - lineSupport(lines[p]!, ws));
  const corners = [0, 0, 0, 0, 0, 0, 0, 0];
  let best: BestQuad | null = null;
  let evaluated = 0;
  for (const P of pairs) {
    for (const k of order) {
      const b = lines[k]!;
      if (k === P.a || k === P.b) continue;
      // A missing side is a document half out of view: demand more than from a whole outline.
      if ((P.bound + lineSupport(b, ws)) * THREE_SIDED_FACTOR <= bestScore) break;
      if (orientationGap(P.deg, b.deg) < 50) continue;
      if (++evaluated > MAX_COMBOS) return best;
      const a1 = lines[P.a]!;
      const a2 = lines[P.b]!;
      if (!meet(a1, b, ws, corners, 0) || !meet(a2, b, ws, corners, 2)) continue;
      if (
        !inside(corners[0]!, corners[1]!, w, h, 2) ||
        !inside(corners[2]!, corners[3]!, w, h, 2)
      ) {
        continue;
      }
      // Walk along each pair line away from the closing line: both must leave the frame that way.
      const dir1 = awayFrom(a1, corners[0]!, corners[1]!, ws);
      const dir2 = awayFrom(a2, corners[2]!, corners[3]!, ws);
      if (dir1 === 0 || dir2 === 0) continue;
      const placed = completeQuad(
        [a1.c, a1.s, -a1.rho],
        [a2.c, a2.s, -a2.rho],
        [b.c, b.s, -b.rho],
        -a1.s * dir1,
        a1.c * dir1,
        aspect,
        focal,
        w,
        h,
        corners,
      );
      if (!placed || !convexQuad(corners, minSide) || quadArea(corners) < minArea * w * h) continue;
      // Sides: b (0→1), a2 (1→2), a1 (3→0); the missing one (2→3) neither helps nor hurts.
      // With a side missing, the three seen must look like a document's: well backed, and ending
      // at the corners (plank seams and table edges run on past any line that crosses them).
      let total = sideScore(b, ws, corners[0]!, corners[1]!, corners[2]!, corners[3]!, true, true);
      let seen = sideSeen;
      let backed = sideBacked;
      const closing = Math.hypot(corners[2]! - corners[0]!, corners[3]! - corners[1]!);
      if (sideSeen < 0.5 * closing || sideBacked < 0.6 * sideSeen) continue;
      let runOn = sideOvershoot > 0.3 ? 1 : 0;
      let pairSeen = 0;
      let pairLength = 0;
      let ok = true;
      for (const [line, x0, y0, x1, y1] of [
        [a2, corners[2]!, corners[3]!, corners[4]!, corners[5]!],
        [a1, corners[0]!, corners[1]!, corners[6]!, corners[7]!],
      ] as const) {
        total += sideScore(line, ws, x0, y0, x1, y1, true, false);
        // Each side at least partly, and together at least a third of the document must show.
        const length = Math.hypot(x1 - x0, y1 - y0);
        if (sideSeen < 0.15 * length || sideBacked < 0.6 * sideSeen) ok = false;
        pairSeen += sideSeen;
        pairLength += length;
        if (sideOvershoot > 0.3) runOn++;
        seen += sideSeen;
        backed += sideBacked;
      }
      // One side may happen to line up with a seam; two or more running on is texture, not a card.
      if (!ok || runOn > 1 || pairSeen < 0.3 * pairLength) continue;
      const score = total * THREE_SIDED_FACTOR;
      if (score > bestScore) {
        bestScore = score;
        best = { corners: corners.slice(), support: backed / seen, threeSided: true };
      }
    }
  }
  return best;
}

/**
 * Places the missing side of a document seen on three sides: `l1` and `l2` (homogeneous lines
 * a·x + b·y + c = 0 in coordinates centred on the w×h frame) run out of view, `lb` closes them; the
 * corners l1∩lb and l2∩lb are in `corners[0..3]` (canvas coordinates), (ux, uy) is the direction
 * along l1 into the document. Under perspective the missing side goes through its vanishing point,
 * which lies on lb and, for a pinhole camera of focal length `focal`, in the direction orthogonal
 * (in 3D) to the pair's. It is placed where the document's shape puts it, long side either way,
 * whichever keeps it out of view; writes corners[4..7] and returns true when there is one.
 */
function completeQuad(
  l1: readonly [number, number, number],
  l2: readonly [number, number, number],
  lb: readonly [number, number, number],
  ux: number,
  uy: number,
  aspect: number,
  focal: number,
  w: number,
  h: number,
  corners: number[],
): boolean {
  const hw = w / 2;
  const hh = h / 2;
  const [l1x, l1y, l1z] = l1;
  const [l2x, l2y, l2z] = l2;
  const [lbx, lby, lbz] = lb;
  // V1 = l1 × l2; V2 = lb × k, where k = (V1x, V1y, f²·V1z) is the line of points orthogonal to V1.
  const v1x = l1y * l2z - l1z * l2y;
  const v1y = l1z * l2x - l1x * l2z;
  const v1z = l1x * l2y - l1y * l2x;
  const kx = v1x;
  const ky = v1y;
  const kz = v1z * focal * focal;
  const v2x = lby * kz - lbz * ky;
  const v2y = lbz * kx - lbx * kz;
  const v2z = lbx * ky - lby * kx;
  // Missing side through P(t) = corner 0 + t·u and V2; corner 2 on l2.
  const ox = corners[0]! - hw;
  const oy = corners[1]! - hh;
  const place = (t: number): boolean => {
    const px = ox + t * ux;
    const py = oy + t * uy;
    const dx = py * v2z - v2y;
    const dy = v2x - px * v2z;
    const dz = px * v2y - py * v2x;
    const cx = l2y * dz - l2z * dy;
    const cy = l2z * dx - l2x * dz;
    const cz = l2x * dy - l2y * dx;
    if (Math.abs(cz) < 1e-12) return false;
    corners[4] = cx / cz + hw;
    corners[5] = cy / cz + hh;
    corners[6] = px + hw;
    corners[7] = py + hh;
    return true;
  };
  // Side ratio |0→1| / |0→3| falls as t grows; the document's long side is either the closing
  // side (ratio = aspect, nearer) or the pair's (ratio = 1 / aspect, farther).
  for (const target of [aspect, 1 / aspect]) {
    const t = solveRatio(place, corners, target, Math.hypot(w, h), w, h);
    if (t <= 0 || !place(t)) continue;
    // The missing side must really be out of view, or its edge would have been seen.
    const missing = Math.hypot(corners[6]! - corners[4]!, corners[7]! - corners[5]!);
    if (visibleLength(corners[4]!, corners[5]!, corners[6]!, corners[7]!, w, h) <= 0.15 * missing) {
      return true;
    }
  }
  return false;
}

/**
 * +1 or -1: the direction along `line` (whose direction is (-s, c)) in which it is backed by edges
 * from the corner at (x, y) on, i.e. where the document's side runs; 0 when neither way is.
 */
function awayFrom(line: Line, x: number, y: number, ws: Workspace): number {
  const t = (x - line.bx) * -line.s + (y - line.by) * line.c;
  const i = Math.max(0, Math.min(line.len, Math.round(t - line.t0)));
  const before = ws.cum[line.off + i]!;
  const after = ws.cum[line.off + line.len]! - before;
  if (Math.max(before, after) < 0.08 * Math.min(ws.width, ws.height)) return 0;
  return after >= before ? 1 : -1;
}

/**
 * The t > 0 at which sideRatio of the corners `place(t)` writes equals `target` (the ratio falls
 * as t grows), by bracketing and bisection; -1 when there is none.
 */
function solveRatio(
  place: (t: number) => boolean,
  corners: number[],
  target: number,
  scale: number,
  w: number,
  h: number,
): number {
  let lo = 0.01 * scale;
  let hi = scale;
  if (!place(lo) || sideRatio(corners, w, h) < target) return -1;
  for (let k = 0; k < 6; k++) {
    if (!place(hi)) return -1;
    if (sideRatio(corners, w, h) <= target) break;
    if (k === 5) return -1;
    hi *= 2;
  }
  for (let k = 0; k < 24; k++) {
    const mid = (lo + hi) / 2;
    if (!place(mid)) return -1;
    if (sideRatio(corners, w, h) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// ---------------------------------------------------------------------------------------------
// Fine refinement on the full-resolution frame.

const MAX_SAMPLES = 64;
const SAMPLES_CAP = 40; // samples per side: enough for a sub-pixel line, few enough to be quick
const CHANNELS = 3; // luma, red-green, yellow-blue, as in rgbaToPlanes
const MAX_SPAN = 16;
// A corner counts as covered when its edges go missing this far from it (share of the document's
// long side, at least some pixels) on both sides: beyond a rounded corner's reach (radius ~3.5% of
// an ID card's long side, ~3.2% of a passport page's), within a fingertip's.
const OCCLUSION_REACH = 0.055;
const OCCLUSION_MIN_PX = 8;
// An object's outline crossing a side this close to a corner (share of the shortest side), but not
// at it, covers the corner when edges back it this far (share of the longest side) on both sides
// of the crossing.
const CROSSING_REACH = 0.25;
const CROSSING_RUN = 0.06;
const CROSSING_GAP = 0.04;

/** A fitted side: a point on it, its unit normal, and which samples agreed with it. */
interface SideFit {
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
    state: new Uint8Array(MAX_SAMPLES),
    at: new Float32Array(MAX_SAMPLES),
    samples: 0,
    length: 0,
    candidate: -1,
  };
}

const fits: SideFit[] = [newSideFit(), newSideFit(), newSideFit(), newSideFit()];
const profiles = new Float64Array(CHANNELS * (2 * MAX_SPAN + 1));
// Per sample and candidate (channel × polarity): edge offset, raw strength, distance-weighted.
const CANDIDATES = 2 * CHANNELS;
const edgeOffset = new Float64Array(CANDIDATES * MAX_SAMPLES);
const edgeStrength = new Float64Array(CANDIDATES * MAX_SAMPLES);
const edgeWeighted = new Float64Array(CANDIDATES * MAX_SAMPLES);
const candidateTotals = new Float64Array(CANDIDATES);
// Preference for edges near the expected line, per profile index.
const nearness = new Float64Array(2 * MAX_SPAN + 1);
const pointX = new Float64Array(MAX_SAMPLES);
const pointY = new Float64Array(MAX_SAMPLES);
const pointSample = new Int32Array(MAX_SAMPLES);
const residuals = new Float64Array(MAX_SAMPLES);
const keepScratch = new Uint8Array(MAX_SAMPLES);
const medianScratch = new Float64Array(MAX_SAMPLES);

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
  const count = Math.max(12, Math.min(SAMPLES_CAP, Math.round(length / 4)));
  const span = Math.min(MAX_SPAN, radius + 1);
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
function completeFromFits(corners: Point[], w: number, h: number, aspect: number): void {
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
function intersectAll(corners: Point[]): void {
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
 * How far (px) from the corner at the start (or end) of a fitted side its edge stays missing:
 * samples that do not lie on the fitted line, counted from the corner until two in a row do.
 */
function missingReach(fit: SideFit, fromEnd: boolean): number {
  let reach = 0;
  let streak = 0;
  for (let k = 0; k < fit.samples; k++) {
    const i = fromEnd ? fit.samples - 1 - k : k;
    if (fit.state[i] === 0) break;
    const d = (fromEnd ? 1 - fit.at[i]! : fit.at[i]!) * fit.length;
    if (fit.state[i] === 2) {
      if (++streak === 2) break;
    } else {
      streak = 0;
      reach = d;
    }
  }
  return reach;
}

/**
 * Whether the edges leading into each corner vanish near it (a finger covers it): on both sides
 * the edge is missing farther from the corner than a document's rounded corner explains.
 */
function occlusion(corners: Point[], width: number, height: number): boolean[] {
  const occluded = [false, false, false, false];
  const longest = Math.max(fits[0]!.length, fits[1]!.length, fits[2]!.length, fits[3]!.length);
  const limit = Math.max(OCCLUSION_MIN_PX, OCCLUSION_REACH * longest);
  for (let k = 0; k < 4; k++) {
    const [x, y] = corners[k]!;
    if (x < 0 || y < 0 || x > width || y > height) continue;
    const before = fits[(k + 3) % 4]!;
    const after = fits[k]!;
    if (before.samples === 0 || after.samples === 0) continue;
    if (missingReach(before, true) >= limit && missingReach(after, false) >= limit) {
      occluded[k] = true;
    }
  }
  return occluded;
}

/**
 * Corners (coarse cycle order) that an object lying on the document covers: an edge line that is
 * not one of the document's sides crosses a side near the corner and is backed by edges on both
 * sides of the crossing, on the document and off it. A fingertip's outline does that; printing on
 * the document stops at its outline, and things under the document stop at it from outside.
 */
function crossedCorners(lines: Line[], corners: number[], ws: Workspace): boolean[] {
  const covered = [false, false, false, false];
  let longest = 0;
  let shortest = Infinity;
  for (let k = 0; k < 4; k++) {
    const side = Math.hypot(
      corners[(2 * k + 2) % 8]! - corners[2 * k]!,
      corners[(2 * k + 3) % 8]! - corners[2 * k + 1]!,
    );
    longest = Math.max(longest, side);
    shortest = Math.min(shortest, side);
  }
  const reach = CROSSING_REACH * shortest;
  const run = Math.max(3, CROSSING_RUN * longest);
  for (const line of lines) {
    const dx = -line.s;
    const dy = line.c;
    // Distance of a coarse point from the line, and its position along it.
    const off = (x: number, y: number): number => (x - line.bx) * line.c + (y - line.by) * line.s;
    for (let k = 0; k < 4; k++) {
      const x0 = corners[2 * k]!;
      const y0 = corners[2 * k + 1]!;
      const x1 = corners[(2 * k + 2) % 8]!;
      const y1 = corners[(2 * k + 3) % 8]!;
      const d0 = off(x0, y0);
      const d1 = off(x1, y1);
      // The line must cross this side (not run along it, not be one of the document's sides).
      if (d0 === d1 || Math.sign(d0) === Math.sign(d1)) continue;
      const sideLength = Math.hypot(x1 - x0, y1 - y0);
      const sin = Math.abs((x1 - x0) * line.c + (y1 - y0) * line.s) / sideLength;
      if (sin < Math.sin(25 * DEG)) continue;
      const u = d0 / (d0 - d1);
      const along = u * sideLength;
      const nearStart = along <= sideLength - along;
      // Lines through the corner itself are the adjacent side (or a seam lined up with it).
      const fromCorner = Math.min(along, sideLength - along);
      if (fromCorner > reach || fromCorner < CROSSING_GAP * shortest) continue;
      const px = x0 + u * (x1 - x0);
      const py = y0 + u * (y1 - y0);
      let both = true;
      for (const sign of [-1, 1]) {
        sideSupport(line, ws, px, py, px + sign * run * dx, py + sign * run * dy);
        if (seenLength < 0.8 * run || backedLength < 0.75 * seenLength) both = false;
      }
      if (both) covered[nearStart ? k : (k + 1) % 4] = true;
    }
  }
  return covered;
}

/**
 * Finds the document outline in an RGBA frame, or null when no plausible quadrilateral is there.
 * Pure and deterministic (scratch buffers are reused between calls, results never alias them).
 */
export function findDocumentQuad(
  frame: RgbaFrame,
  options: QuadDetectionOptions = {},
): QuadDetection | null {
  const aspect = options.documentAspect ?? 85.6 / 54;
  let planes = options.planes;
  let factor: number;
  if (planes) {
    factor = Math.round(frame.width / planes.luma.width);
  } else {
    factor = downscaleFactor(frame.width, options.coarseWidth ?? 320);
    planes = rgbaToPlanes(frame, factor, planeBuffers);
    planeBuffers.luma = planes.luma.data;
    planeBuffers.redGreen = planes.redGreen.data;
    planeBuffers.yellowBlue = planes.yellowBlue.data;
  }
  const { width: cw, height: ch } = planes.luma;
  if (cw < 16 || ch < 16) return null;
  const ws = workspaceFor(cw, ch);
  edgesAndVotes(planes, ws, options.edgeThreshold ?? 36);
  const lines = houghLines(ws, Math.max(10, 0.1 * Math.min(cw, ch)));
  for (let k = 0; k < lines.length; k++) supportProfile(lines[k]!, k, ws);
  const found = bestQuad(lines, ws, aspect, options.minArea ?? 0.03);
  if (!found) return null;

  // Coarse corners, scaled to the frame's canvas coordinates.
  const corners: Point[] = [];
  for (let k = 0; k < 4; k++) {
    corners.push([found.corners[2 * k]! * factor, found.corners[2 * k + 1]! * factor]);
  }
  // Two rounds: a wide search around the coarse line, then a narrow one around the first fit.
  const wide = Math.max(3, 3 * factor + 2);
  const narrow = Math.max(2, factor + 1);
  for (let k = 0; k < 4; k++) fitSide(frame, corners, k, wide, -1, fits[k]!);
  intersectAll(corners);
  for (let k = 0; k < 4; k++) fitSide(frame, corners, k, narrow, fits[k]!.candidate, fits[k]!);
  intersectAll(corners);
  if (found.threeSided) completeFromFits(corners, frame.width, frame.height, aspect);
  const occluded = occlusion(corners, frame.width, frame.height);
  const crossed = crossedCorners(lines, found.corners, ws);
  for (let k = 0; k < 4; k++) occluded[k] ||= crossed[k]!;

  // Clockwise on screen (positive shoelace with y down), starting at the smallest x + y (the
  // convention geometry.ts#orderCorners and the eval use).
  let area2 = 0;
  for (let k = 0; k < 4; k++) {
    const [x0, y0] = corners[k]!;
    const [x1, y1] = corners[(k + 1) % 4]!;
    area2 += x0 * y1 - x1 * y0;
  }
  const order = area2 >= 0 ? [0, 1, 2, 3] : [0, 3, 2, 1];
  let start = 0;
  for (let k = 1; k < 4; k++) {
    const p = corners[order[k]!]!;
    const b = corners[order[start]!]!;
    const s = p[0] + p[1];
    const sb = b[0] + b[1];
    if (s < sb || (s === sb && p[1] < b[1])) start = k;
  }
  const pick = (k: number): number => order[(start + k) % 4]!;
  return {
    quad: [corners[pick(0)]!, corners[pick(1)]!, corners[pick(2)]!, corners[pick(3)]!],
    support: found.support,
    occluded: [occluded[pick(0)]!, occluded[pick(1)]!, occluded[pick(2)]!, occluded[pick(3)]!],
  };
}
