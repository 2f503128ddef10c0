// The liveness policies (face/liveness.ts) as capture policies (internal/capture-policy.ts): what
// the live analysis pushes frames to on a liveness step. Here the sequence gets the labels the
// backends name its images by, and the challenges are drawn. Loaded with face/liveness.ts, only
// when a liveness step shows.
import { HALT, WAIT, type CapturePolicy, type PolicyOutcome } from '../internal/capture-policy.js';
import {
  ActiveLiveness,
  drawChallenges,
  PassiveLiveness,
  type Challenge,
  type LivenessVerdict,
  type PassiveLivenessOptions,
} from '../face/liveness.js';
import { LOOK_STRAIGHT, type LivenessProgress, type LivenessSettings } from './live-types.js';
import type { LivenessMode } from './types.js';

/** A completed liveness sequence: its images in order, and the mode they were taken for. */
export interface LivenessSequence<T> {
  /** The liveness mode. */
  readonly mode: LivenessMode;
  /** The images, in order. */
  readonly shots: readonly {
    /** The backend's name for it (`liveness_passive`, `liveness_active_step_<n>`). */
    readonly label: string;
    /** The movement it shows (active). */
    readonly challenge?: Challenge;
    /** The frame's payload; the caller owns it. */
    readonly payload: T;
  }[];
}

/** A liveness policy as the live analysis drives it. */
export type LivenessPolicy<T, V extends LivenessVerdict> = CapturePolicy<
  T,
  V,
  LivenessSequence<T>,
  LivenessProgress
>;

/** How many challenges an active sequence has. */
const CHALLENGE_COUNT = 4;

/** The policy for `settings`; payloads it does not hand out go to `release`. */
export function livenessPolicy<T, V extends LivenessVerdict>(
  settings: LivenessSettings,
  release: (payload: T) => void,
): LivenessPolicy<T, V> {
  return settings.mode === 'passive'
    ? new PassiveLivenessPolicy<T, V>(settings.passive, release)
    : new ActiveLivenessPolicy<T, V>(settings, release);
}

/** {@link PassiveLiveness} as a capture policy: one burst of still, good frames. */
class PassiveLivenessPolicy<T, V extends LivenessVerdict> implements LivenessPolicy<T, V> {
  readonly #passive: PassiveLiveness<T, V>;
  /** A burst has no steps: "look at the camera" throughout. */
  readonly progress = LOOK_STRAIGHT;
  /** A sequence guides by its instruction (`progress`). */
  readonly issues = [];

  constructor(options: PassiveLivenessOptions | undefined, release: (payload: T) => void) {
    this.#passive = new PassiveLiveness<T, V>(options, release);
  }

  /** Takes one analysed frame; the burst, once complete. */
  push(verdict: V, time: number, payload: T): PolicyOutcome<T, LivenessSequence<T>> {
    const burst = this.#passive.push(verdict, time, payload);
    if (!burst) return WAIT;
    const shots = burst.map((shot) => ({ label: 'liveness_passive', payload: shot }));
    return { kind: 'sequence', sequence: { mode: 'passive', shots } };
  }

  /** Starts another burst, releasing the frames held. */
  reset(): void {
    this.#passive.reset();
  }

  /** Releases the frames held. */
  dispose(): void {
    this.#passive.reset();
  }
}

/**
 * {@link ActiveLiveness} as a capture policy: it keeps each challenge's image until every challenge
 * is met, and drops them when one runs out of time (they belong to that attempt).
 */
class ActiveLivenessPolicy<T, V extends LivenessVerdict> implements LivenessPolicy<T, V> {
  readonly #active: ActiveLiveness<T, V>;
  readonly #random: (() => number) | undefined;
  readonly #release: (payload: T) => void;
  #shots: LivenessSequence<T>['shots'][number][] = [];
  /** A sequence guides by its instruction (`progress`). */
  readonly issues = [];

  constructor(settings: LivenessSettings, release: (payload: T) => void) {
    this.#random = settings.random;
    this.#release = release;
    const challenges = drawChallenges(CHALLENGE_COUNT, this.#random);
    this.#active = new ActiveLiveness<T, V>(challenges, settings.active, release);
  }

  /** The instruction, and which challenge of how many. */
  get progress(): LivenessProgress {
    const active = this.#active;
    return {
      instruction: active.instruction,
      index: active.index,
      count: active.challenges.length,
    };
  }

  /** Takes one analysed frame; the sequence once every challenge is met, `halt` once timed out. */
  push(verdict: V, time: number, payload: T): PolicyOutcome<T, LivenessSequence<T>> {
    const active = this.#active;
    const step = active.push(verdict, time, payload);
    if (step) {
      const { challenge, payload: image } = step;
      this.#shots.push({ label: `liveness_active_step_${step.step}`, challenge, payload: image });
    }
    if (active.state === 'done') {
      const shots = this.#shots;
      this.#shots = [];
      return { kind: 'sequence', sequence: { mode: 'passive_active', shots } };
    }
    if (active.state === 'timed-out') {
      this.#dropShots();
      return HALT;
    }
    return WAIT;
  }

  /** Starts the sequence over with a fresh draw, so that a retry cannot replay a recording. */
  reset(): void {
    this.#dropShots();
    this.#active.reset(drawChallenges(CHALLENGE_COUNT, this.#random));
  }

  /** Releases the images and frames held. */
  dispose(): void {
    this.#dropShots();
    this.#active.reset();
  }

  #dropShots(): void {
    for (const shot of this.#shots) this.#release(shot.payload);
    this.#shots = [];
  }
}
