// Device signals a browser can honestly see, sent with the capture metadata so the backend can
// weigh them (seed 003's fraud tags VIRTUAL_CAMERA and the like): whether the camera's label names
// a known virtual-camera driver, and whether an image came from the live camera or a picked file.
// A label is only what the driver calls itself, so this is a hint for the backend, never a verdict.
import type { Capture, CaptureSource } from './types.js';

/**
 * Camera labels of virtual-camera drivers and camera-injection tools (OBS, ManyCam, Snap Camera,
 * XSplit, e2eSoft VCam, SplitCam, CamTwist, mmhmm, NVIDIA Broadcast, …) and of Chromium's own fake
 * capture device (`fake_device_0`, or the path of the video file it plays). Phone-as-webcam apps
 * (DroidCam, Iriun, EpocCam) are included: the picture can be anything the phone app is fed.
 */
export const VIRTUAL_CAMERA_PATTERNS: readonly RegExp[] = [
  /\bvirtual\b/i,
  /\bobs\b/i,
  /manycam/i,
  /snap camera/i,
  /xsplit/i,
  /\bvcam\b|e2esoft/i,
  /splitcam/i,
  /camtwist/i,
  /mmhmm/i,
  /nvidia broadcast/i,
  /youcam/i,
  /droidcam/i,
  /iriun/i,
  /epoccam/i,
  /\bfake[_ ]?device/i,
  // Chromium fed a video file (--use-file-for-fake-video-capture) names the camera after it.
  /\.(y4m|mjpe?g)$/i,
];

/** Whether a camera label names a known virtual camera. */
export function isVirtualCameraLabel(label: string | undefined | null): boolean {
  return !!label && VIRTUAL_CAMERA_PATTERNS.some((pattern) => pattern.test(label));
}

/** What the SDK reports about how the images of a verification were taken. */
export interface DeviceSignals {
  /** The distinct camera labels the captures came from (empty when the browser hid them). */
  readonly camera_labels: readonly string[];
  /** True when any of those labels names a known virtual camera. */
  readonly virtual_camera: boolean;
  /** Per step: `camera` (live) or `file` (picked by the person). */
  readonly capture_sources: Readonly<Record<string, CaptureSource>>;
  /** How many images came from picked files. */
  readonly file_uploads: number;
}

/** The signals of a set of captures (the last capture of each step counts). */
export function deviceSignals(
  captures: Iterable<Pick<Capture, 'step' | 'source' | 'cameraLabel'>>,
): DeviceSignals {
  const labels = new Set<string>();
  const sources: Record<string, CaptureSource> = {};
  for (const capture of captures) {
    if (capture.cameraLabel) labels.add(capture.cameraLabel);
    sources[capture.step] = capture.source;
  }
  const camera_labels = [...labels];
  return {
    camera_labels,
    virtual_camera: camera_labels.some(isVirtualCameraLabel),
    capture_sources: sources,
    file_uploads: Object.values(sources).filter((source) => source === 'file').length,
  };
}
