import type { CaptureStep, DocumentType } from '../flow/types.js';
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
}
