// Where a liveness sequence stands, apart from the policies themselves (liveness-policy.ts): the
// live analysis shows it while the policies' code is still loading.
import type { LivenessInstruction } from './liveness.js';

/** Where a liveness sequence stands, for the person. */
export interface LivenessProgress {
  /** What to tell the person now. */
  readonly instruction: LivenessInstruction;
  /** The current challenge, 1-based (0 for a passive burst, which has none). */
  readonly index: number;
  /** How many challenges there are (0 for a passive burst). */
  readonly count: number;
}

/** A passive burst throughout, and any liveness step before its policy is there: look straight. */
export const LOOK_STRAIGHT: LivenessProgress = Object.freeze({
  instruction: 'look_straight',
  index: 0,
  count: 0,
});
