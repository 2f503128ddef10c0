// One interface for every capture policy the live analysis drives: the document and selfie
// auto-capture (capture/auto-capture.ts) and the passive and active liveness sequences
// (capture/liveness-policy.ts over face/liveness.ts). The live analysis
// (controllers/live-analysis.ts) pushes each analysed frame and acts on the outcome; it never asks
// which policy it has. Internal: a leaf module (no imports), so that face/ (whose liveness policies
// hold samples too) reads it without importing capture/. Pure of any browser API.

/** One analysed frame a policy holds on to. */
export interface PolicySample<T, V> {
  /** The frame's analysis. */
  readonly verdict: V;
  /** When the frame was sampled (ms, one clock for all of a policy's frames). */
  readonly time: number;
  /** What the policy hands out or releases (e.g. the full-resolution frame). */
  readonly payload: T;
}

/**
 * What a policy makes of one frame. Every payload it does not hand out (now or later) goes to the
 * `release` it was created with, exactly once. `S` is what a completed sequence is.
 */
export type PolicyOutcome<T, S = never> =
  /** Nothing to hand out yet: keep sampling. */
  | { readonly kind: 'wait' }
  /** This payload is the photo; the caller owns it. */
  | { readonly kind: 'capture'; readonly payload: T }
  /** The sequence is complete; the caller owns its payloads. */
  | { readonly kind: 'sequence'; readonly sequence: S }
  /** The policy has stopped (it ran out of time): it takes nothing more until `reset()`. */
  | { readonly kind: 'halt' };

/** The outcome of a frame that changed nothing worth acting on. */
export const WAIT: PolicyOutcome<never> = Object.freeze({ kind: 'wait' });

/** The outcome of a frame pushed to a policy that has stopped. */
export const HALT: PolicyOutcome<never> = Object.freeze({ kind: 'halt' });

/**
 * A capture policy: fed one verdict per analysed frame, with a payload it owns from then on, it
 * says when to capture. `V` is the analysis it reads, `S` what a completed sequence is (none for a
 * single photo), `P` where a sequence stands for the person (undefined for a single photo).
 */
export interface CapturePolicy<
  T,
  V extends { readonly issues: readonly string[] },
  S = never,
  P = undefined,
> {
  /** Takes one analysed frame and its payload; says what to do now. */
  push(verdict: V, time: number, payload: T): PolicyOutcome<T, S>;
  /** What kept the latest frame from counting, most important first (sequences: `progress`). */
  readonly issues: readonly V['issues'][number][];
  /** Where a sequence stands, for the person. */
  readonly progress: P;
  /** Starts over (a new step, a retry), releasing every payload held. */
  reset(): void;
  /** Releases every payload held; the policy is not used again. */
  dispose(): void;
}
