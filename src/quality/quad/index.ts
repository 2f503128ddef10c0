// Document quadrilateral detection, written for this SDK (no OpenCV): it has to fit a few
// milliseconds per frame in a Worker on a mid-range phone, which rules out shipping 11 MB of wasm.
//
// Coarse to fine, one module per stage:
// 1. edges.ts: on the frame downscaled to ~320 px wide, as luma and two opponent-colour planes (a
//    card's coloured header can have exactly the lightness of the desk under it), Sobel edges and
//    direction-limited Hough votes.
// 2. lines.ts: the accumulator's peaks as lines, each with an edge-support profile;
//    candidates.ts: quads from pairs of near-parallel lines, scored by edge support, plus documents
//    cut by the frame along a whole side (complete.ts places the missing side).
//    spread.ts: an outline that is two pages side by side (an open passport) gives way to the page
//    with the print.
// 3. refine.ts: each side of the winner fitted to a fraction of a pixel on the full-resolution
//    frame, corners where adjacent sides meet; occlusion.ts: corners a finger covers.
// Every tuning constant is in tuning.ts; workspace.ts holds the coarse stage's reused buffers.
import { downscaleFactor, rgbaToPlanes, type ColourPlanes } from '../luma.js';
import type { Point, Quad, RgbaFrame } from '../types.js';
import { exposureStats } from '../exposure.js';
import { shareInRect } from '../geometry.js';
import { cornersAspect } from '../shape.js';
import { directionalSharpness, normalisedSharpness } from '../sharpness.js';
import { bestQuad, inside, quadArea, type BestQuad } from './candidates.js';
import { edgesAndVotes } from './edges.js';
import { houghLines, supportProfile, type Line } from './lines.js';
import { crossedCorners, occlusion } from './occlusion.js';
import { refineCorners } from './refine.js';
import { squareCorners } from './rounded.js';
import { documentPart, edgeDensity, isPassportAspect, pageInsideRim } from './spread.js';
import { QUAD_TUNING } from './tuning.js';
import { workspaceFor, type Workspace } from './workspace.js';

const { defaults } = QUAD_TUNING;
const {
  minVotesShare,
  minVotesPx,
  maxLines,
  retryVotesShare,
  retryAreaShare,
  retryMaxRunOn,
  retryMaxRunOnPassport,
  retryMaxCombos,
  retryWholeCombos,
  minThreeSidedInView,
  minPrint,
} = QUAD_TUNING.lines;
const { halfMinWidth, halfAspectError, halfMaxSharpness } = QUAD_TUNING.lastLook;
const { threeSidedSquare } = QUAD_TUNING.rounded;

/** The whole coarse frame's focus, as analyze.ts measures a document's (normalisedSharpness). */
function frameSharpness(planes: ColourPlanes): number {
  const luma = planes.luma;
  const directions = directionalSharpness(luma, null, { ignoreFrom: 250, rowStep: 2 });
  const extent = Math.sqrt(luma.width * luma.height);
  return normalisedSharpness(directions.min, extent, exposureStats(luma, null).stdUnclipped);
}

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
  /**
   * The whole coarse frame's focus as analyze.ts measures a document's, asked only when the last
   * look might run (default: measured on `planes`); a caller that measures the frame anyway passes
   * it so that the work is done once.
   */
  readonly frameSharpness?: () => number;
  /**
   * The document's corner radius over its longer side, e.g. QUAD_TUNING.rounded.id1Radius for an
   * ID-1 card: an outline cut by the frame whose corners in view are square is then no document
   * (rounded.ts). Default 0: corners are not looked at (a passport page, a sheet of paper).
   */
  readonly cornerRadius?: number;
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

/** The coarse planes' buffers, reused frame after frame when the caller passes no `planes`. */
const planeBuffers = {
  luma: new Uint8Array(0) as Uint8Array,
  redGreen: new Uint8Array(0) as Uint8Array,
  yellowBlue: new Uint8Array(0) as Uint8Array,
};
/** The same at half the coarse size, for the last look. */
const halfBuffers = {
  luma: new Uint8Array(0) as Uint8Array,
  redGreen: new Uint8Array(0) as Uint8Array,
  yellowBlue: new Uint8Array(0) as Uint8Array,
};

/** What one search at one coarse size found, with what the later stages need of it. */
interface Search {
  found: BestQuad | null;
  lines: Line[];
  readonly ws: Workspace;
  readonly minVotes: number;
  readonly strongest: number;
}

/** Whether every corner (flat, coarse pixels) lies inside the w×h frame. */
function insideFrame(c: readonly number[], w: number, h: number): boolean {
  for (let k = 0; k < 8; k += 2) if (!inside(c[k]!, c[k + 1]!, w, h, 0)) return false;
  return true;
}

/** Share of the quad (flat corners, cycle order) inside the w×h frame, by its clipped area. */
function shareInView(c: readonly number[], w: number, h: number): number {
  const quad: Point[] = [];
  for (let k = 0; k < 8; k += 2) quad.push([c[k]!, c[k + 1]!]);
  return shareInRect(quad, w, h);
}

/** Slots of the workspace's profile buffer taken (scratch for profilesReusing). */
const slotTaken = new Uint8Array(maxLines);

/**
 * Support profiles for `lines`, taking over those of `known` lines found in the same accumulator
 * (the same peak has the same profile): the fainter look's lines hold most of the first look's.
 */
function profilesReusing(lines: Line[], known: readonly Line[], ws: Workspace): void {
  const stride = ws.maxLen + 1;
  slotTaken.fill(0);
  let fresh = 0;
  for (const line of lines) {
    const same = known.find((k) => k.deg === line.deg && k.rho === line.rho);
    if (!same) {
      line.len = -1;
      fresh++;
      continue;
    }
    line.bx = same.bx;
    line.by = same.by;
    line.t0 = same.t0;
    line.len = same.len;
    line.off = same.off;
    slotTaken[same.off / stride] = 1;
  }
  if (fresh === 0) return;
  let slot = 0;
  for (const line of lines) {
    if (line.len >= 0) continue;
    while (slotTaken[slot]) slot++;
    slotTaken[slot] = 1;
    supportProfile(line, slot, ws);
  }
}

/**
 * Edges, lines and the best quad on coarse `planes`. With `first`, the lines at the usual floors
 * first and, when they give no outline, at the second look's fainter floors; otherwise the fainter
 * floors only. Null when the planes are too small to search.
 */
function searchAt(
  planes: ColourPlanes,
  threshold: number,
  aspect: number,
  minArea: number,
  first: boolean,
): Search | null {
  const { width: cw, height: ch } = planes.luma;
  if (cw < defaults.minCoarseSize || ch < defaults.minCoarseSize) return null;
  const ws = workspaceFor(cw, ch);
  const strongest = edgesAndVotes(planes, ws, threshold);
  const minVotes = Math.max(minVotesPx, minVotesShare * Math.min(cw, ch));
  let lines: Line[] = [];
  let found: BestQuad | null = null;
  // An outline mostly out of view, placed from three sides: kept unless a whole one is in view.
  let mostlyOut: BestQuad | null = null;
  if (first) {
    lines = houghLines(ws, minVotes, strongest);
    for (let k = 0; k < lines.length; k++) supportProfile(lines[k]!, k, ws);
    found = bestQuad(lines, ws, aspect, minArea);
    // A document holds print: a blank sheet, a book's cover or a sticky note is none.
    if (found && edgeDensity(found.corners, ws) < minPrint) found = null;
    if (found?.threeSided && shareInView(found.corners, cw, ch) < minThreeSidedInView) {
      mostlyOut = found;
      found = null;
    }
  }
  if (!found && retryVotesShare > 0) {
    const known = lines;
    lines = houghLines(ws, minVotes * retryVotesShare, strongest * retryVotesShare);
    profilesReusing(lines, known, ws);
    // Fainter lines make more quads of desk texture and objects: only a whole outline in view,
    // searched for again among those when the best one runs out of the frame.
    const runOn = isPassportAspect(aspect) ? retryMaxRunOnPassport : retryMaxRunOn;
    const area = minArea * retryAreaShare;
    found = bestQuad(lines, ws, aspect, area, false, false, 4, retryMaxCombos);
    if (found && !insideFrame(found.corners, cw, ch)) {
      found = bestQuad(lines, ws, aspect, area, false, true, runOn, retryWholeCombos);
    }
    if (found && edgeDensity(found.corners, ws) < minPrint) found = null;
    if (!found && mostlyOut) {
      // Back to the first look's lines (the fainter look's profiles took over their slots).
      found = mostlyOut;
      lines = known;
      for (let k = 0; k < lines.length; k++) supportProfile(lines[k]!, k, ws);
    }
  }
  return { found, lines, ws, minVotes, strongest };
}

/**
 * Finds the document outline in an RGBA frame, or null when no plausible quadrilateral is there.
 * Pure and deterministic (scratch buffers are reused between calls, results never alias them).
 */
export function findDocumentQuad(
  frame: RgbaFrame,
  options: QuadDetectionOptions = {},
): QuadDetection | null {
  const aspect = options.documentAspect ?? defaults.documentAspect;
  let planes = options.planes;
  let factor: number;
  if (planes) {
    factor = Math.round(frame.width / planes.luma.width);
  } else {
    factor = downscaleFactor(frame.width, options.coarseWidth ?? defaults.coarseWidth);
    planes = rgbaToPlanes(frame, factor, planeBuffers);
    planeBuffers.luma = planes.luma.data;
    planeBuffers.redGreen = planes.redGreen.data;
    planeBuffers.yellowBlue = planes.yellowBlue.data;
  }
  const threshold = options.edgeThreshold ?? defaults.edgeThreshold;
  const minArea = options.minArea ?? defaults.minArea;
  let search = searchAt(planes, threshold, aspect, minArea, true);
  if (!search) return null;
  // A card defocused far beyond what the coarse size resolves (a phone that never focused) keeps
  // an outline only at a coarser scale: a last, faint look at half the size, when the frame is
  // that blurred (a sharp frame with no outline has no document, and the look costs ~2 ms).
  if (
    !search.found &&
    search.ws.width >= 2 * halfMinWidth &&
    (options.frameSharpness?.() ?? frameSharpness(planes)) < halfMaxSharpness
  ) {
    const half = rgbaToPlanes(frame, 2 * factor, halfBuffers);
    halfBuffers.luma = half.luma.data;
    halfBuffers.redGreen = half.redGreen.data;
    halfBuffers.yellowBlue = half.yellowBlue.data;
    const coarser = searchAt(half, threshold, aspect, minArea, false);
    // Little is sharp at that size: only an outline with the document's own proportions counts.
    const shape = coarser?.found
      ? Math.log(cornersAspect(coarser.found.corners, coarser.ws.width, coarser.ws.height) / aspect)
      : Infinity;
    if (coarser?.found && Math.abs(shape) <= Math.log(1 + halfAspectError)) {
      search = coarser;
      factor *= 2;
    }
  }
  let { found, lines } = search;
  const { ws, minVotes, strongest } = search;
  const { width: cw, height: ch } = ws;
  if (!found) return null;
  // An open booklet: the data page, not the spread (nor the spread cut by the frame), and the
  // page's edges, not its cover's. A fold between two light pages is a faint line: a passport's
  // are looked for among the fainter lines too.
  const passport = isPassportAspect(aspect);
  let page = documentPart(found.corners, lines, ws, aspect);
  if (!page && passport) {
    lines = houghLines(ws, minVotes * retryVotesShare, strongest * retryVotesShare);
    for (let k = 0; k < lines.length; k++) supportProfile(lines[k]!, k, ws);
    page = documentPart(found.corners, lines, ws, aspect);
  }
  if (page && quadArea(page) < minArea * retryAreaShare * cw * ch) page = null;
  const outline = page ?? found.corners;
  found = {
    corners: passport ? pageInsideRim(outline, lines, ws) : outline,
    support: found.support,
    threeSided: page ? false : found.threeSided,
  };

  // Coarse corners, scaled to the frame's canvas coordinates.
  const corners: Point[] = [];
  for (let k = 0; k < 4; k++) {
    corners.push([found.corners[2 * k]! * factor, found.corners[2 * k + 1]! * factor]);
  }
  const fits = refineCorners(frame, corners, factor, found.threeSided, aspect);
  const occluded = occlusion(fits, corners, frame.width, frame.height);
  const crossed = crossedCorners(lines, found.corners, ws);
  for (let k = 0; k < 4; k++) occluded[k] ||= crossed[k]!;
  // A card cut by the frame along a whole side shows two corners. None, both covered, is two lines
  // meeting under an object lying over them (tabletop: a sheet under a phone, no_document recall
  // 65% -> 70%; no three-sided outline of a card there or on studio has both covered); square ones
  // are a sheet's or a book's cut the same way.
  if (found.threeSided) {
    const radius = options.cornerRadius ?? 0;
    let seen = 0;
    for (let k = 0; k < 4; k++) {
      const [x, y] = corners[k]!;
      if (!occluded[k] && x >= 0 && y >= 0 && x < frame.width && y < frame.height) seen++;
    }
    if (seen === 0) return null;
    if (radius > 0 && squareCorners(frame, corners, occluded, radius) >= threeSidedSquare) {
      return null;
    }
  }

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
