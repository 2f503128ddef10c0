import type { CaptureStep, DocumentType } from '../steps.js';
import type { SelfieIssue } from '../face/selfie.js';
import type { QualityIssue } from '../quality/types.js';

/** Where an image came from: the live camera or a file the person picked. */
export type CaptureSource = 'camera' | 'file';

/** How a camera capture was taken and what the live checks said about it. */
export interface CaptureQuality {
  /** True when auto-capture took it; false for the shutter. */
  readonly auto: boolean;
  /** The checks that were failing when it was taken (empty for an auto-capture). */
  readonly issues: readonly (QualityIssue | SelfieIssue)[];
  /** The frame's focus measure at the analysis size, when it was analysed. */
  readonly sharpness?: number;
}

/** One image of a liveness sequence. */
export interface LivenessFrame {
  /**
   * What the backend calls it: `liveness_passive` for the frames of a passive check,
   * `liveness_active_step_1` … `_4` for the challenges of an active one.
   */
  readonly label: string;
  /** The head movement this frame shows (active checks). */
  readonly challenge?: string;
  /** The JPEG. */
  readonly blob: Blob;
  /** Pixel width. */
  readonly width: number;
  /** Pixel height. */
  readonly height: number;
}

/** One encoded image, ready to upload. Lives in memory only until the backend accepts it. */
export interface Capture {
  /** Which image of the verification this is. */
  readonly step: CaptureStep;
  /** The encoded image (JPEG from the camera; JPEG re-encoded from a picked file). */
  readonly blob: Blob;
  /** Pixel width of the encoded image. */
  readonly width: number;
  /** Pixel height of the encoded image. */
  readonly height: number;
  /** Live camera or picked file. */
  readonly source: CaptureSource;
  /** The document type chosen for document steps. */
  readonly documentType?: DocumentType;
  /** Label of the camera that took it, when it came from a camera. */
  readonly cameraLabel?: string;
  /** Facing mode the camera reported, when known. */
  readonly facingMode?: 'user' | 'environment';
  /** Auto or manual, and the live checks' opinion, for camera captures of analysed steps. */
  readonly quality?: CaptureQuality;
  /** When it was taken (ms since epoch). */
  readonly takenAt: number;
  /**
   * The liveness step's images, in order (`blob` is the first of them, for the review screen).
   * Captured for the backend's liveness decision: the SDK itself does not judge liveness.
   */
  readonly frames?: readonly LivenessFrame[];
  /** The liveness mode the frames were captured for. */
  readonly livenessMode?: LivenessMode;
  /**
   * The portrait check on a document front (when it ran): whether the holder's photo was found on
   * the card, the detector's score, and the face box in the captured frame's pixels.
   */
  readonly portrait?: {
    readonly found: boolean;
    readonly score: number;
    readonly box: { x: number; y: number; width: number; height: number } | null;
  };
}

/** How the backend checks liveness (seed 001's `liveness_mode`). */
export type LivenessMode = 'passive' | 'passive_active';
