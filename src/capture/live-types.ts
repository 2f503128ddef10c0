// What the live analysis (controllers/live-analysis.ts), the camera view and the capture stage
// (elements/kyc-capture/capture-controller.ts) pass between them: the verdicts, the settings of the selfie and liveness
// checks, the frames handed up and where a liveness sequence stands. Types and two small values
// only, so that reading them loads none of the policies' code and ties no folder to the view.
import type { FaceAnalyzer } from '../face/face-analyzer.js';
import type {
  ActiveLivenessOptions,
  Challenge,
  LivenessInstruction,
  PassiveLivenessOptions,
} from '../face/liveness.js';
import type { SelfieQualityOptions, SelfieVerdict } from '../face/selfie.js';
import type { FrameVerdict } from '../quality/types.js';
import type { LivenessMode } from './types.js';

/** A live frame's analysis: the document checks' or the selfie checks'. */
export type LiveVerdict = FrameVerdict | SelfieVerdict;

/** Whether a verdict is the selfie checks'. */
export const isSelfieVerdict = (verdict: LiveVerdict): verdict is SelfieVerdict =>
  'face' in verdict;

/** What a selfie step checks live, and with which detector. */
export interface SelfieSettings {
  /** Thresholds and checks of the selfie checks. */
  readonly quality: SelfieQualityOptions;
  /** The face detector (its owner creates and disposes it; the view only loads and uses it). */
  readonly analyzer: FaceAnalyzer;
}

/** What a liveness step captures and how. */
export interface LivenessSettings {
  /** `passive`: a burst of frames; `passive_active`: head-movement challenges. */
  readonly mode: LivenessMode;
  /** Draws the challenges (a seeded source makes the sequence reproducible, e.g. in tests). */
  readonly random?: () => number;
  /** Thresholds of the passive burst. */
  readonly passive?: PassiveLivenessOptions;
  /** Thresholds and time limit of the challenges. */
  readonly active?: ActiveLivenessOptions;
}

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

/** One frame of a liveness sequence, as the camera view hands it up. */
export interface LivenessShot {
  /** The backend's name for it (`liveness_passive`, `liveness_active_step_<n>`). */
  readonly label: string;
  /** The movement it shows (active). */
  readonly challenge?: Challenge;
  /** The full-resolution frame; the listener owns it and must `close()` it. */
  readonly frame: ImageBitmap;
  /** Its analysis. */
  readonly verdict: SelfieVerdict;
}

/** The `detail` of the camera view's `kyc-liveness-frames`: a complete liveness sequence. */
export interface LivenessFramesDetail {
  /** The mode the shots were taken for. */
  readonly mode: LivenessMode;
  /** The shots, in order. */
  readonly shots: readonly LivenessShot[];
}

/** The `detail` of the camera view's `kyc-frame`: a photo, by auto-capture or the shutter. */
export interface KycFrameDetail {
  /** The full-resolution frame; the listener owns it and must `close()` it. */
  readonly frame: ImageBitmap;
  /** Label of the camera that took it. */
  readonly cameraLabel?: string;
  /** Facing mode the camera reported. */
  readonly facingMode?: 'user' | 'environment';
  /** True when auto-capture took it; false for the shutter. */
  readonly auto: boolean;
  /** The analysis of this frame (auto) or of the latest frame before the shutter (manual). */
  readonly verdict?: LiveVerdict;
}
