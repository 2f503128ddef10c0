// The coarse stage's scratch buffers, sized for one coarse frame size and reused frame after frame
// (allocating them per frame would cost more than the search), and the angle tables they index.
import { QUAD_TUNING } from './tuning.js';

const { maxCandidates, maxLines } = QUAD_TUNING.lines;

export const DEG = Math.PI / 180;
/** 1° bins over [0°, 180°): fixed, as the tables below and the accumulator layout depend on it. */
export const THETA_BINS = 180;

/** cos and sin of each θ bin, so the per-pixel vote loop does no trigonometry. */
export const COS = new Float64Array(THETA_BINS);
export const SIN = new Float64Array(THETA_BINS);
for (let b = 0; b < THETA_BINS; b++) {
  COS[b] = Math.cos(b * DEG);
  SIN[b] = Math.sin(b * DEG);
}

/** Scratch buffers for one coarse size, reused frame after frame. */
export class Workspace {
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
  /** Per-line prefix sums of edge support, maxLen + 1 entries per line. */
  readonly cum: Int32Array;
  readonly candBin = new Int16Array(maxCandidates);
  readonly candRho = new Float32Array(maxCandidates);
  readonly candVotes = new Float32Array(maxCandidates);

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
    this.cum = new Int32Array(maxLines * (this.maxLen + 1));
  }
}

/** The workspaces of the last two sizes asked for (the coarse size and half of it). */
const workspaces: Workspace[] = [];

/** The workspace for a width×height coarse frame: kept while its size is one of the last two. */
export function workspaceFor(width: number, height: number): Workspace {
  const known = workspaces.find((w) => w.width === width && w.height === height);
  if (known) return known;
  const made = new Workspace(width, height);
  workspaces.unshift(made);
  if (workspaces.length > 2) workspaces.length = 2;
  return made;
}

/** Angle between two line orientations in degrees, modulo 180 (0-90). */
export function orientationGap(a: number, b: number): number {
  let d = Math.abs(a - b);
  // The modulo is a library call in V8 (~10 ns), and the identity for orientations in [0°, 180°),
  // which is all the candidate search passes (tens of thousands of times a frame).
  if (d >= 180) d %= 180;
  return d > 90 ? 180 - d : d;
}
