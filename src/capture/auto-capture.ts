import type { FrameVerdict, Quad } from '../quality/types.js';
import {
  WAIT,
  type CapturePolicy,
  type PolicyOutcome,
  type PolicySample,
} from '../internal/capture-policy.js';

/**
 * What the policy needs of a frame's analysis: document verdicts (quality/analyze.ts) and selfie
 * verdicts (face/selfie.ts) both fit; `quad` is the region that must hold still (the document, or
 * the face).
 */
export type PolicyVerdict = Pick<FrameVerdict, 'acceptable' | 'quad' | 'width' | 'height'> & {
  readonly issues: readonly string[];
  readonly metrics: { readonly sharpness: number };
};

/** Tunables of the auto-capture policy. */
export interface AutoCaptureOptions {
  /** How long every check must keep passing, with the document still, before capturing (ms). */
  readonly stableMs?: number;
  /** The fewest analysed frames that window must hold. */
  readonly minFrames?: number;
  /** Largest mean corner movement between two frames, as a share of the frame diagonal. */
  readonly maxMotion?: number;
  /**
   * A frame must be at least this sharp relative to the sharpest one seen in this step: the
   * absolute floor alone cannot tell a slightly defocused frame of a sharp camera.
   */
  readonly relativeSharpness?: number;
  /**
   * Which frames set that reference: every frame where the document (or face) was found, even one
   * failing another check (`found`, the default: a sharp frame with glare still shows what this
   * camera can do), or only frames that passed every check (`acceptable`: for faces, whose measure
   * also moves with their size, so a face too far away is no reference).
   */
  readonly sharpnessReference?: 'found' | 'acceptable';
}

/** What the policy thinks of the latest frame. */
export type AutoCaptureState = 'searching' | 'hold-still' | 'steady';

/** Defaults: half a second of stillness, about what people expect from commercial SDKs. */
export const DEFAULT_AUTO_CAPTURE: Required<AutoCaptureOptions> = {
  stableMs: 500,
  minFrames: 3,
  maxMotion: 0.012,
  relativeSharpness: 0.6,
  sharpnessReference: 'found',
};

/**
 * Defaults for selfies: a face is never as still as a card on a table, and its region comes from
 * six keypoints that jitter by a few pixels (and a few degrees of roll) from frame to frame.
 */
export const SELFIE_AUTO_CAPTURE: Required<AutoCaptureOptions> = {
  ...DEFAULT_AUTO_CAPTURE,
  maxMotion: 0.035,
  sharpnessReference: 'acceptable',
};

/** Mean distance between matching corners, in pixels. */
function quadMotion(a: Quad, b: Quad): number {
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += Math.hypot(a[i]![0] - b[i]![0], a[i]![1] - b[i]![1]);
  return sum / 4;
}

/**
 * The auto-capture policy, pure of any browser API: feed it one verdict per analysed frame (with a
 * payload, e.g. the full-resolution frame), and it hands back the sharpest payload of a window in
 * which every check passed and the document did not move. Payloads it drops go to `release`.
 */
export class AutoCapture<T, V extends PolicyVerdict = FrameVerdict> {
  readonly #options: Required<AutoCaptureOptions>;
  readonly #release: (payload: T) => void;
  #window: PolicySample<T, V>[] = [];
  #bestSharpness = 0;
  #state: AutoCaptureState = 'searching';
  #issues: readonly V['issues'][number][] = [];

  constructor(options: AutoCaptureOptions = {}, release: (payload: T) => void = () => {}) {
    this.#options = { ...DEFAULT_AUTO_CAPTURE, ...options };
    this.#release = release;
  }

  /** The policy's view of the latest frame. */
  get state(): AutoCaptureState {
    return this.#state;
  }

  /** What kept the latest frame from counting, most important first (includes relative blur). */
  get issues(): readonly V['issues'][number][] {
    return this.#issues;
  }

  /** The sharpest frame seen since the last reset (see `sharpnessReference`). */
  get bestSharpness(): number {
    return this.#bestSharpness;
  }

  /** Takes one analysed frame; returns the payload to capture when the window is complete. */
  push(verdict: V, time: number, payload: T): T | undefined {
    const { sharpness } = verdict.metrics;
    if (verdict.quad && (verdict.acceptable || this.#options.sharpnessReference === 'found')) {
      this.#bestSharpness = Math.max(this.#bestSharpness, sharpness);
    }
    const relativelyBlurry =
      verdict.acceptable && sharpness < this.#options.relativeSharpness * this.#bestSharpness;
    this.#issues = relativelyBlurry ? ['blur'] : verdict.issues;
    if (!verdict.acceptable || relativelyBlurry || !verdict.quad) {
      this.#state = 'searching';
      this.#drop();
      this.#release(payload);
      return undefined;
    }
    const last = this.#window.at(-1);
    if (last?.verdict.quad) {
      const diagonal = Math.hypot(verdict.width, verdict.height);
      if (quadMotion(last.verdict.quad, verdict.quad) > this.#options.maxMotion * diagonal) {
        this.#drop();
      }
    }
    this.#window.push({ verdict, time, payload });
    const first = this.#window[0]!;
    const steadyFor = time - first.time;
    if (steadyFor < this.#options.stableMs || this.#window.length < this.#options.minFrames) {
      this.#state = this.#window.length > 1 ? 'steady' : 'hold-still';
      return undefined;
    }
    let best = first;
    for (const sample of this.#window) {
      if (sample.verdict.metrics.sharpness > best.verdict.metrics.sharpness) best = sample;
    }
    for (const sample of this.#window) if (sample !== best) this.#release(sample.payload);
    this.#window = [];
    this.#state = 'searching';
    return best.payload;
  }

  /** Forgets the window and the best sharpness (a new step), releasing every payload held. */
  reset(): void {
    this.#drop();
    this.#bestSharpness = 0;
    this.#state = 'searching';
    this.#issues = [];
  }

  #drop(): void {
    for (const sample of this.#window) this.#release(sample.payload);
    this.#window = [];
  }
}

/**
 * {@link AutoCapture} as a {@link CapturePolicy}: one photo, the sharpest of a steady window. The
 * document and the selfie steps both capture this way, with their own options.
 */
export class AutoCapturePolicy<T, V extends PolicyVerdict> implements CapturePolicy<T, V> {
  readonly #auto: AutoCapture<T, V>;
  /** A single photo has no sequence to show. */
  readonly progress = undefined;

  constructor(options: AutoCaptureOptions, release: (payload: T) => void) {
    this.#auto = new AutoCapture(options, release);
  }

  /** What kept the latest frame from counting (see {@link AutoCapture.issues}). */
  get issues(): readonly V['issues'][number][] {
    return this.#auto.issues;
  }

  /** Takes one analysed frame; `capture` with the chosen payload once the window is complete. */
  push(verdict: V, time: number, payload: T): PolicyOutcome<T> {
    const chosen = this.#auto.push(verdict, time, payload);
    return chosen === undefined ? WAIT : { kind: 'capture', payload: chosen };
  }

  /** Forgets the window and the best sharpness, releasing every payload held. */
  reset(): void {
    this.#auto.reset();
  }

  /** Releases every payload held. */
  dispose(): void {
    this.#auto.reset();
  }
}
