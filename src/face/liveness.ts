// Liveness capture, pure of any browser API except `crypto.getRandomValues` (the default source of
// the challenge draw): policies fed one selfie verdict per analysed frame (src/face/selfie.ts), like
// AutoCapture (src/capture/auto-capture.ts), that pick the frames to send. This is capture for the
// server's liveness decision, not a liveness verdict of our own: the checks here only make sure the
// images show what the server asked for (a still face; a face that made the requested movement).
//
// Directions are the PERSON's own, as the keypoints' names are (src/face/types.ts), in the
// unmirrored frame the checks see (only the front camera's preview is mirrored):
//   tilt_left   the head leans towards the person's left shoulder: in the frame the head top goes
//               to the image's right, the eye line turns clockwise, `roll` grows (positive).
//   tilt_right  towards the right shoulder: counter-clockwise, `roll` falls (negative).
//   turn_left   the person turns to their left: the nose moves to the image's right, `yaw` grows.
//   turn_right  the nose moves to the image's left, `yaw` falls.
//   closer/back the face's `size` grows/shrinks.
// In the mirrored preview the user watches, each movement goes the way its name says (tilt_left
// leans towards the screen's left). The selfie-moves video of scripts/generate-selfies.ts names its
// poses from the unmirrored image's side instead: its `tilt_left` (roll -25°) is the person's
// tilt_right, its `turn_left` (yaw ratio -0.3) the person's turn_right (liveness.test.ts maps them).
import type { PolicySample } from '../internal/capture-policy.js';
import { seededRandom } from '../random.js';
import { cornerErrors } from '../quality/geometry.js';
import { SelfieIssue } from './selfie.js';
import type { FaceGeometry, SelfieVerdict } from './selfie.js';

/** A head movement the person is asked to make (directions are the person's own, see above). */
export const Challenge = {
  TiltLeft: 'tilt_left',
  TiltRight: 'tilt_right',
  TurnLeft: 'turn_left',
  TurnRight: 'turn_right',
  Closer: 'closer',
  Back: 'back',
} as const;
/** One challenge. */
export type Challenge = (typeof Challenge)[keyof typeof Challenge];

/** Every challenge, in pairs of opposites. */
export const CHALLENGES: readonly Challenge[] = Object.freeze(Object.values(Challenge));

/** The movement that undoes `challenge`. */
export function oppositeOf(challenge: Challenge): Challenge {
  const i = CHALLENGES.indexOf(challenge);
  return CHALLENGES[i ^ 1]!;
}

/** A uniform number in [0, 1) from the platform's cryptographic source (Window and Worker). */
function secureRandom(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! / 4294967296;
}

export { seededRandom };

const sequences = new Map<number, readonly (readonly Challenge[])[]>();

/** Every allowed order of `count` distinct challenges (at most 720: enumerated once per count). */
function allowedSequences(count: number): readonly (readonly Challenge[])[] {
  let found = sequences.get(count);
  if (found) return found;
  const out: Challenge[][] = [];
  const extend = (prefix: Challenge[]) => {
    if (prefix.length === count) {
      out.push(prefix);
      return;
    }
    const last = prefix.at(-1);
    for (const next of CHALLENGES) {
      if (prefix.includes(next) || (last !== undefined && next === oppositeOf(last))) continue;
      extend([...prefix, next]);
    }
  };
  extend([]);
  found = Object.freeze(out.map((s) => Object.freeze(s)));
  sequences.set(count, found);
  return found;
}

/**
 * Draws `count` distinct challenges for one session, uniformly among the orders in which no
 * challenge directly follows its opposite: "closer" then "back", or "tilt left" then "tilt right",
 * is one swing of the head through neutral, and a recorded face swaying back and forth would pass
 * both. (Four of six always include one opposite pair; it is split by another movement.)
 * @param random numbers in [0, 1); default cryptographic, {@link seededRandom} to fix the draw
 */
export function drawChallenges(
  count = 4,
  random: () => number = secureRandom,
): readonly Challenge[] {
  if (!Number.isInteger(count) || count < 1 || count > CHALLENGES.length) {
    throw new RangeError(`count must be an integer from 1 to ${CHALLENGES.length}, not ${count}`);
  }
  const all = allowedSequences(count);
  return all[Math.min(all.length - 1, Math.floor(random() * all.length))]!;
}

/**
 * What the liveness policies need of a frame's analysis: selfie verdicts fit (tests may build the
 * geometry directly).
 */
export type LivenessVerdict = Pick<
  SelfieVerdict,
  'acceptable' | 'issues' | 'face' | 'width' | 'height'
> & {
  readonly metrics: { readonly sharpness: number };
};

// ---------------------------------------------------------------------------------------------
// Passive: a short burst of good frames.

/** Tunables of {@link PassiveLiveness}. */
export interface PassiveLivenessOptions {
  /** Frames in the burst (default 3). */
  readonly burst?: number;
  /** Shortest time from the burst's first frame to its last (ms, default 600). */
  readonly minSpanMs?: number;
  /**
   * Largest mean movement of the face region's corners from the burst's first frame, as a share of
   * the frame diagonal (default 0.05: natural sway passes, someone else stepping in does not).
   */
  readonly maxMotion?: number;
}

/** Defaults of {@link PassiveLiveness}. */
export const DEFAULT_PASSIVE_LIVENESS: Required<PassiveLivenessOptions> = Object.freeze({
  burst: 3,
  minSpanMs: 600,
  maxMotion: 0.05,
});

/** Status values of {@link PassiveLiveness}. */
export const PassiveLivenessState = {
  /** Waiting for a frame that passes every selfie check. */
  Searching: 'searching',
  /** Part of the burst is in; the face must stay good and put. */
  Collecting: 'collecting',
  /** The burst was handed out; `reset()` starts another. */
  Done: 'done',
} as const;
/** One status of {@link PassiveLiveness}. */
export type PassiveLivenessState = (typeof PassiveLivenessState)[keyof typeof PassiveLivenessState];

/**
 * The passive liveness policy: `burst` frames that all pass the selfie checks, spread evenly over
 * at least `minSpanMs` (a frame is kept once `minSpanMs / (burst - 1)` has passed since the last
 * kept one), with the face staying where it was. Any failing frame starts over. Every payload it
 * does not hand out goes to `release`, exactly once.
 */
export class PassiveLiveness<T, V extends LivenessVerdict = SelfieVerdict> {
  readonly #options: Required<PassiveLivenessOptions>;
  readonly #release: (payload: T) => void;
  #kept: PolicySample<T, V>[] = [];
  #state: PassiveLivenessState = PassiveLivenessState.Searching;
  #issues: readonly SelfieIssue[] = [];

  constructor(options: PassiveLivenessOptions = {}, release: (payload: T) => void = () => {}) {
    this.#options = withDefaults(DEFAULT_PASSIVE_LIVENESS, options);
    if (!Number.isInteger(this.#options.burst) || this.#options.burst < 1) {
      throw new RangeError(`burst must be a positive integer, not ${this.#options.burst}`);
    }
    this.#release = release;
  }

  /** The policy's status after the latest frame. */
  get state(): PassiveLivenessState {
    return this.#state;
  }

  /** Frames of the burst collected so far. */
  get collected(): number {
    return this.#state === PassiveLivenessState.Done ? this.#options.burst : this.#kept.length;
  }

  /** What kept the latest frame from counting (the selfie verdict's issues; empty when it did). */
  get issues(): readonly SelfieIssue[] {
    return this.#issues;
  }

  /** Takes one analysed frame; returns the burst's payloads, oldest first, once it is complete. */
  push(verdict: V, time: number, payload: T): T[] | undefined {
    if (this.#state === PassiveLivenessState.Done) {
      this.#release(payload);
      return undefined;
    }
    const { burst, minSpanMs, maxMotion } = this.#options;
    const first = this.#kept[0];
    const moved =
      first !== undefined &&
      verdict.face !== null &&
      mean(cornerErrors(first.verdict.face!.region, verdict.face.region)) >
        maxMotion * Math.hypot(verdict.width, verdict.height);
    this.#issues = verdict.issues;
    if (!verdict.acceptable || !verdict.face) {
      this.#drop();
      this.#release(payload);
      return undefined;
    }
    // A face that moved but is still good starts the next burst.
    if (moved) this.#drop();
    const last = this.#kept.at(-1);
    const spacing = burst > 1 ? minSpanMs / (burst - 1) : 0;
    if (last !== undefined && time - last.time < spacing) {
      this.#state = PassiveLivenessState.Collecting;
      this.#release(payload);
      return undefined;
    }
    this.#kept.push({ verdict, time, payload });
    if (this.#kept.length < burst) {
      this.#state = PassiveLivenessState.Collecting;
      return undefined;
    }
    const out = this.#kept.map((k) => k.payload);
    this.#kept = [];
    this.#state = PassiveLivenessState.Done;
    return out;
  }

  /** Starts over (a retry or a new session), releasing every payload held. */
  reset(): void {
    this.#drop();
    this.#issues = [];
  }

  #drop(): void {
    for (const k of this.#kept) this.#release(k.payload);
    this.#kept = [];
    this.#state = PassiveLivenessState.Searching;
  }
}

/** `options` over `defaults`, where an option left `undefined` keeps its default. */
function withDefaults<O extends object>(defaults: Required<O>, options: O): Required<O> {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...defaults, ...defined };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

// ---------------------------------------------------------------------------------------------
// Active: head-movement challenges.

/** Tunables of {@link ActiveLiveness}. */
export interface ActiveLivenessOptions {
  /** Head roll a tilt must add to the baseline's, degrees (default 15). */
  readonly minRoll?: number;
  /**
   * Yaw a turn must add to the baseline's, in eye distances (default 0.12). The detector reads
   * 0.69-0.70 times the true ratio on the tuning people (see SelfieQualityOptions.maxYaw), so this
   * is a true ratio of ~0.17, about 25° of head turn.
   */
  readonly minYaw?: number;
  /** Face size over the baseline's that counts as closer (default 1.3). */
  readonly closerRatio?: number;
  /** Face size over the baseline's that counts as further back (default 0.75). */
  readonly backRatio?: number;
  /** Consecutive frames the movement must be held (default 2). */
  readonly holdFrames?: number;
  /** Consecutive neutral frames averaged into a challenge's baseline (default 2). */
  readonly baselineFrames?: number;
  /** Largest |roll| of a neutral frame, degrees (default 10). */
  readonly baselineMaxRoll?: number;
  /**
   * Largest |yaw| of a neutral frame; default 0.12. Jesper, a tuning person facing the camera (true
   * ratio 0.11), reads 0.03-0.13 (95 % up to 0.12): the former 0.08 refused 42-47 % of his frontal
   * frames. Below the selfie check's 0.15, so that a frame on the way back from a turn (0.14 of a
   * 0.21 turn in selfie-moves) is not taken for neutral.
   */
  readonly baselineMaxYaw?: number;
  /** Time allowed for each challenge, baseline included, from its first frame (ms, default 8000). */
  readonly timeLimitMs?: number;
}

/** Defaults of {@link ActiveLiveness}. */
export const DEFAULT_ACTIVE_LIVENESS: Required<ActiveLivenessOptions> = Object.freeze({
  minRoll: 15,
  minYaw: 0.12,
  closerRatio: 1.3,
  backRatio: 0.75,
  holdFrames: 2,
  baselineFrames: 2,
  baselineMaxRoll: 10,
  baselineMaxYaw: 0.12,
  timeLimitMs: 8000,
});

/** Status values of {@link ActiveLiveness}. */
export const ActiveLivenessState = {
  /** Waiting for a neutral face (every selfie check passing, looking straight) to measure from. */
  Baseline: 'baseline',
  /** Waiting for the movement, measured from that baseline. */
  Move: 'move',
  /** Every challenge was captured. */
  Done: 'done',
  /** The current challenge ran out of time (`challenge` names it); see `reset()`. */
  TimedOut: 'timed-out',
} as const;
/** One status of {@link ActiveLiveness}. */
export type ActiveLivenessState = (typeof ActiveLivenessState)[keyof typeof ActiveLivenessState];

/**
 * What to tell the person now; the UI maps each key to text. The challenge keys mean "make this
 * movement" (directions are the person's own: in the mirrored preview, the screen's).
 */
export const LivenessInstruction = {
  ...Challenge,
  /** Look straight at the camera, face in the guide (the selfie issues say what is off). */
  LookStraight: 'look_straight',
  /** The movement is there: hold it. */
  Hold: 'hold',
  /** No face in view. */
  ShowFace: 'show_face',
  /** More than one face in view. */
  OneFace: 'one_face',
  /** Every challenge is done. */
  Done: 'done',
  /** Out of time: offer a retry. */
  TimedOut: 'timed_out',
} as const;
/** One instruction key. */
export type LivenessInstruction = (typeof LivenessInstruction)[keyof typeof LivenessInstruction];

/** One captured challenge: the image for `liveness_active_step_<step>`. */
export interface LivenessStepCapture<T> {
  /** The movement the image shows. */
  readonly challenge: Challenge;
  /** Its place in the sequence, 1-based. */
  readonly step: number;
  /** The frame's payload; the caller owns it from here on. */
  readonly payload: T;
}

interface Held<T> {
  readonly sharpness: number;
  readonly time: number;
  readonly payload: T;
}

type Baseline = Pick<FaceGeometry, 'roll' | 'yaw' | 'size'>;

/**
 * The active liveness policy: for each challenge in turn, first a neutral baseline (every selfie
 * check passing, roll and yaw small), then the movement relative to it, in the asked direction,
 * held for `holdFrames` consecutive frames with exactly one face in view. During the movement the
 * selfie checks' face_angle, face_too_large/small and face_off_center issues are expected and do
 * not count against it. The sharpest frame of the held run is that step's image; `push` returns it
 * and the caller owns it. Every other payload goes to `release`, exactly once.
 *
 * Each challenge has `timeLimitMs` from its first frame (so a UI that stops pushing between steps
 * stops the clock too). Past it the state is `timed-out` and further frames are only released.
 * Retry: `reset()` starts the whole sequence over from step 1 — the images of earlier steps belong
 * to the attempt that timed out and should be discarded — preferably with a fresh draw,
 * `reset(drawChallenges())`, so that a retry cannot be a replay of a recording made for the first.
 */
export class ActiveLiveness<T, V extends LivenessVerdict = SelfieVerdict> {
  readonly #options: Required<ActiveLivenessOptions>;
  readonly #release: (payload: T) => void;
  #challenges: readonly Challenge[];
  #step = 0;
  #state: ActiveLivenessState = ActiveLivenessState.Baseline;
  #instruction: LivenessInstruction = LivenessInstruction.LookStraight;
  #stepStart: number | undefined;
  #lastTime: number | undefined;
  #neutral: Baseline[] = [];
  #baseline: Baseline | undefined;
  #held: Held<T>[] = [];
  #progress = 0;

  constructor(
    challenges: readonly Challenge[],
    options: ActiveLivenessOptions = {},
    release: (payload: T) => void = () => {},
  ) {
    this.#options = withDefaults(DEFAULT_ACTIVE_LIVENESS, options);
    this.#release = release;
    this.#challenges = Object.freeze([...challenges]);
    this.#startSequence();
  }

  /** The challenges of this attempt, in order. */
  get challenges(): readonly Challenge[] {
    return this.#challenges;
  }

  /** The challenge under way (or the one that timed out); null once all are done. */
  get challenge(): Challenge | null {
    return this.#challenges[this.#step] ?? null;
  }

  /** The current challenge's place in the sequence, 1-based (the count of challenges when done). */
  get index(): number {
    return Math.min(this.#step + 1, this.#challenges.length);
  }

  /** Challenges captured so far. */
  get completed(): number {
    return this.#step;
  }

  /** The policy's status after the latest frame. */
  get state(): ActiveLivenessState {
    return this.#state;
  }

  /** What to tell the person now. */
  get instruction(): LivenessInstruction {
    return this.#instruction;
  }

  /**
   * How far the current movement has come, 0 (at the baseline, or none yet) to 1 (far enough):
   * for a progress ring around the guide.
   */
  get progress(): number {
    return this.#progress;
  }

  /** Time left for the current challenge (ms), as of the latest frame; 0 once timed out. */
  get remainingMs(): number {
    if (this.#state === ActiveLivenessState.TimedOut) return 0;
    if (this.#stepStart === undefined || this.#lastTime === undefined) {
      return this.#options.timeLimitMs;
    }
    return Math.max(0, this.#options.timeLimitMs - (this.#lastTime - this.#stepStart));
  }

  /** Takes one analysed frame; returns a step's image when its challenge has been met. */
  push(verdict: V, time: number, payload: T): LivenessStepCapture<T> | undefined {
    if (this.#state === ActiveLivenessState.Done || this.#state === ActiveLivenessState.TimedOut) {
      this.#release(payload);
      return undefined;
    }
    this.#stepStart ??= time;
    this.#lastTime = time;
    if (time - this.#stepStart > this.#options.timeLimitMs) {
      this.#dropHeld();
      this.#release(payload);
      this.#state = ActiveLivenessState.TimedOut;
      this.#instruction = LivenessInstruction.TimedOut;
      this.#progress = 0;
      return undefined;
    }
    if (this.#state === ActiveLivenessState.Baseline) {
      this.#release(payload);
      this.#takeBaseline(verdict);
      return undefined;
    }
    return this.#move(verdict, time, payload);
  }

  /**
   * Starts the sequence over from step 1 (a retry, see the class comment), releasing every payload
   * held; with `challenges`, those replace the current ones.
   */
  reset(challenges: readonly Challenge[] = this.#challenges): void {
    this.#dropHeld();
    this.#challenges = Object.freeze([...challenges]);
    this.#startSequence();
  }

  #startSequence(): void {
    this.#step = 0;
    this.#startStep();
  }

  #startStep(): void {
    const done = this.#step >= this.#challenges.length;
    this.#state = done ? ActiveLivenessState.Done : ActiveLivenessState.Baseline;
    this.#instruction = done ? LivenessInstruction.Done : LivenessInstruction.LookStraight;
    this.#stepStart = undefined;
    this.#lastTime = undefined;
    this.#neutral = [];
    this.#baseline = undefined;
    this.#progress = done ? 1 : 0;
  }

  #takeBaseline(verdict: V): void {
    const { baselineFrames, baselineMaxRoll, baselineMaxYaw } = this.#options;
    const face = verdict.face;
    if (
      !verdict.acceptable ||
      !face ||
      Math.abs(face.roll) > baselineMaxRoll ||
      Math.abs(face.yaw) > baselineMaxYaw
    ) {
      this.#neutral = [];
      return;
    }
    this.#neutral.push({ roll: face.roll, yaw: face.yaw, size: face.size });
    if (this.#neutral.length < baselineFrames) return;
    const n = this.#neutral.length;
    const sum = (key: keyof Baseline) => this.#neutral.reduce((a, b) => a + b[key], 0);
    this.#baseline = { roll: sum('roll') / n, yaw: sum('yaw') / n, size: sum('size') / n };
    this.#neutral = [];
    this.#state = ActiveLivenessState.Move;
    this.#instruction = this.#challenges[this.#step]!;
  }

  #move(verdict: V, time: number, payload: T): LivenessStepCapture<T> | undefined {
    const challenge = this.#challenges[this.#step]!;
    const face = verdict.face;
    const several = verdict.issues.includes(SelfieIssue.MultipleFaces);
    if (!face || several) {
      this.#dropHeld();
      this.#release(payload);
      this.#instruction = face ? LivenessInstruction.OneFace : LivenessInstruction.ShowFace;
      return undefined;
    }
    this.#progress = movement(challenge, this.#baseline!, face, this.#options);
    if (this.#progress < 1) {
      this.#dropHeld();
      this.#release(payload);
      this.#instruction = challenge;
      return undefined;
    }
    this.#held.push({ sharpness: verdict.metrics.sharpness, time, payload });
    if (this.#held.length < this.#options.holdFrames) {
      this.#instruction = LivenessInstruction.Hold;
      return undefined;
    }
    let best = this.#held[0]!;
    for (const h of this.#held) if (h.sharpness > best.sharpness) best = h;
    for (const h of this.#held) if (h !== best) this.#release(h.payload);
    this.#held = [];
    const capture = { challenge, step: this.#step + 1, payload: best.payload };
    this.#step++;
    this.#startStep();
    return capture;
  }

  #dropHeld(): void {
    for (const h of this.#held) this.#release(h.payload);
    this.#held = [];
  }
}

/** How far `face` has made `challenge` from `baseline`: 0 none (or the opposite way) to 1 enough. */
function movement(
  challenge: Challenge,
  baseline: Pick<FaceGeometry, 'roll' | 'yaw' | 'size'>,
  face: Pick<FaceGeometry, 'roll' | 'yaw' | 'size'>,
  options: ActiveLivenessOptions = {},
): number {
  const o = withDefaults(DEFAULT_ACTIVE_LIVENESS, options);
  // Roll difference in (-180, 180], so that a face near ±180° does not wrap.
  const roll = ((((face.roll - baseline.roll + 180) % 360) + 360) % 360) - 180;
  const yaw = face.yaw - baseline.yaw;
  const ratio = face.size / baseline.size;
  const share = (() => {
    switch (challenge) {
      case Challenge.TiltLeft:
        return roll / o.minRoll;
      case Challenge.TiltRight:
        return -roll / o.minRoll;
      case Challenge.TurnLeft:
        return yaw / o.minYaw;
      case Challenge.TurnRight:
        return -yaw / o.minYaw;
      case Challenge.Closer:
        return (ratio - 1) / (o.closerRatio - 1);
      case Challenge.Back:
        return (1 - ratio) / (1 - o.backRatio);
    }
  })();
  return Math.min(1, Math.max(0, share));
}
