// Side-effect-free entry: classes, types, the client and the protocol adapters.
// To register the elements, import `kyc-capture/define` instead (or call customElements.define).
export { KycError } from './errors.js';
export {
  KycCaptureElement,
  ConfigurationError,
  ProtocolName,
} from './elements/kyc-capture/kyc-capture.js';
export {
  KycCameraViewElement,
  KycFrameEvent,
  KycCameraErrorEvent,
  type GuideShape,
} from './elements/kyc-camera-view/kyc-camera-view.js';
export * from './events/index.js';
export * from './flow/types.js';
export * from './flow/machine.js';
export type { Capture, CaptureSource } from './capture/types.js';
export type {
  ProtocolAdapter,
  ServerFeedback,
  SendOptions,
  ProgressCallback,
  FinishResult,
  PreflightResult,
} from './protocols/types.js';
export * from './api/errors.js';
export * from './api/client.js';
export * from './protocols/session-v1.js';
export * from './protocols/idv-sdk.js';
export * from './protocols/link-kyc.js';
export * from './protocols/validation-v2.js';
export * from './capture/device-signals.js';
export * from './api/geolocation.js';
export * from './controllers/camera-error.js';
export * from './controllers/camera-controller.js';
export * from './capture/encode.js';
export { en, type Messages } from './i18n/en.js';
export * from './quality/types.js';
export { analyzeDocument, DEFAULT_DOCUMENT_OPTIONS } from './quality/analyze.js';
export { quadJaccard, polygonArea, orderCorners } from './quality/geometry.js';
export {
  FrameAnalyzer,
  AnalysisError,
  type AnalyzerMode,
  type AnalyzedFrame,
} from './quality/frame-analyzer.js';
export type { CameraFrame, ReadFrameOptions } from './quality/read-frame.js';
export {
  FrameSampler,
  type FrameSample,
  type FrameSamplerConfig,
} from './controllers/frame-sampler.js';
export {
  AutoCapture,
  DEFAULT_AUTO_CAPTURE,
  type AutoCaptureOptions,
  type AutoCaptureState,
} from './capture/auto-capture.js';
export { capSize, DEFAULT_SIZE_CAP, type SizeCap } from './capture/compress.js';
export { JpegEncoder } from './capture/jpeg-encoder.js';
export type { WorkMode } from './worker-client.js';
export { documentCrop } from './capture/crop.js';
export type { CaptureQuality } from './capture/types.js';
export type { CaptureOptions, ProtocolOptions } from './elements/kyc-capture/kyc-capture.js';
export { FaceAnalyzer, type FaceLoadTiming } from './face/face-analyzer.js';
export {
  prefetchFaceAssets,
  resolveFaceAssets,
  defaultFaceAssets,
  FACE_ASSET_FILES,
  type FaceAssetUrls,
  type FacePrefetchResult,
} from './face/assets.js';
export { FaceDetectorError, FaceErrorCode } from './face/errors.js';
export type { NetworkLog } from './face/network-guard.js';
export type * from './face/types.js';
export { type AnalyzedSelfie } from './face/face-analyzer.js';
export {
  analyzeSelfie,
  faceGeometry,
  resolveSelfieOptions,
  DEFAULT_SELFIE_OPTIONS,
  SelfieIssue,
  type SelfieQualityOptions,
  type SelfieVerdict,
  type FaceGeometry,
  type SelfieMetrics,
} from './face/selfie.js';
export {
  ActiveLiveness,
  PassiveLiveness,
  Challenge,
  CHALLENGES,
  LivenessInstruction,
  drawChallenges,
  seededRandom,
  DEFAULT_ACTIVE_LIVENESS,
  DEFAULT_PASSIVE_LIVENESS,
  type ActiveLivenessOptions,
  type PassiveLivenessOptions,
  type LivenessStepCapture,
} from './face/liveness.js';
export type { LivenessFrame, LivenessMode } from './capture/types.js';
export { SELFIE_AUTO_CAPTURE } from './capture/auto-capture.js';
export {
  hasPortrait,
  judgePortrait,
  PORTRAIT_DOCUMENT_STEPS,
  PortraitIssue,
  DEFAULT_PORTRAIT_OPTIONS,
  type PortraitOptions,
  type PortraitResult,
} from './face/portrait.js';
