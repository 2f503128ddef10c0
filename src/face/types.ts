/** A point in frame pixels (x to the right, y down, from the frame's top-left corner). */
export interface FacePoint {
  readonly x: number;
  readonly y: number;
}

/** An axis-aligned box in frame pixels. */
export interface FaceBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The six BlazeFace keypoints in frame pixels. Right and left are the person's own: in an
 * unmirrored selfie frame the right eye appears on the image's left.
 */
export interface FaceKeypoints {
  readonly rightEye: FacePoint;
  readonly leftEye: FacePoint;
  readonly noseTip: FacePoint;
  readonly mouth: FacePoint;
  readonly rightEarTragion: FacePoint;
  readonly leftEarTragion: FacePoint;
}

/** One detected face. */
export interface DetectedFace {
  /** Bounding box in frame pixels. */
  readonly box: FaceBox;
  /** Detection confidence, 0..1. */
  readonly score: number;
  /** The six keypoints in frame pixels. */
  readonly keypoints: FaceKeypoints;
}

/** What the face detector found in one frame (plain data, as it crosses the worker boundary). */
export interface FaceDetectionResult {
  /** Faces, most confident first. */
  readonly faces: readonly DetectedFace[];
  /** Width of the analysed frame in pixels. */
  readonly width: number;
  /** Height of the analysed frame in pixels. */
  readonly height: number;
  /** The frame's timestamp as passed to the detector (ms). */
  readonly timestampMs: number;
  /** Time the detector spent on this frame in the worker (ms). */
  readonly detectMs: number;
}

/** Where the face detector loads its files from and how it decides what a face is. */
export interface FaceDetectorOptions {
  /**
   * Directory holding `vision_wasm_module_internal.js` and `.wasm` from `@mediapipe/tasks-vision`.
   * Default: the `mediapipe/` directory next to this library's code. Relative URLs resolve against
   * the document.
   */
  readonly wasmBasePath?: string | URL;
  /**
   * URL of the tasks-compatible short-range face model. Default:
   * `face_detection_short_range.tflite` in the same default directory.
   */
  readonly modelAssetPath?: string | URL;
  /** Minimum detection score (0..1) for a face to be reported. Default 0.5. */
  readonly minDetectionConfidence?: number;
  /** Overlap (IoU) above which two detections count as the same face. Default 0.3. */
  readonly minSuppressionThreshold?: number;
}
