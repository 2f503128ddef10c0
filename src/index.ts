// `kyc-capture`: the public API, side-effect free. To register the elements, import
// `kyc-capture/define` (the only module with side effects) or call customElements.define yourself.
//
// Every name is listed on purpose, grouped by what an integrator does with it; adding or removing
// one is an API change (scripts/package-exports.test.ts pins the runtime list). Kept internal, and
// reachable only through the elements:
// - wire formats and their helpers: request builders, path tables, vendor enums, SDK version
//   strings, JSON parsers of vendor replies (`session-v1-wire`, `parse*Response`), image-header
//   readers. They follow the seed documents, change with them, and an integrator never builds a
//   request by hand: the adapters below do.
// - the built-in protocol definitions (`sessionV1Protocol`, …, with `SESSION_V1`, `IDV_SDK`, …),
//   the registry's lookup and the flow's `transition`, planner and controllers: the element's own
//   machinery. `registerProtocol` and the definition's type are public: a custom protocol is
//   registered the way the built-in ones are.
// - worker protocols and the classes around them (FrameAnalyzer, FaceAnalyzer, JpegEncoder,
//   FrameSampler, AutoCapture, the liveness policies, the network guard): they assume the
//   element's lifecycle and asset layout.
// - the face detector's asset table (`FACE_ASSET_FILES`, `defaultFaceAssets`): the file names and
//   where they sit are the build's business; `resolveFaceAssets` gives the URLs an integrator needs.
// There are no public testing helpers yet.

// Elements, and the types of their properties.
export { KycCaptureElement } from './elements/kyc-capture/kyc-capture.js';
export type { ColorTheme } from './elements/kyc-capture/kyc-capture.js';
export type { CaptureOptions } from './elements/kyc-capture/capture-controller.js';
export type { NonVisualCue } from './controllers/non-visual-guidance.js';
export { ProtocolName, registerProtocol, type CustomProtocolNames } from './protocols/registry.js';
export type {
  ProtocolConfig,
  ProtocolDefinition,
  ProtocolOptions,
} from './protocols/definition.js';
export { KycCameraViewElement } from './elements/kyc-camera-view/kyc-camera-view.js';
export type { GuideShape } from './elements/kyc-camera-view/kyc-camera-view.js';
export type {
  CameraController,
  CameraStatus,
  FacingMode,
  Resolution,
} from './controllers/camera-controller.js';
export type { GeoPosition } from './api/geolocation.js';
// What a framework binds on each element, derived from the classes (the typings of
// `kyc-capture/react` and `kyc-capture/vue` are built from these; so can Svelte's or Solid's).
export type {
  KycCaptureProperties,
  KycCaptureAttributes,
  KycCaptureEvents,
  KycCameraViewProperties,
  KycCameraViewAttributes,
  KycCameraViewEvents,
} from './frameworks/props.js';
// Text: the English catalog (every person-facing sentence, by key and by reason code), its type,
// and what a host may pass as `messages`.
export { en, type Messages, type Wording } from './i18n/en.js';
export type { MessageOverrides } from './i18n/text.js';
// Languages: the tags with a catalog (each loads on demand) and how any BCP 47 tag maps to one.
export { LANGUAGES, resolveLanguage, type Language } from './i18n/catalogs.js';

// Events: one class per `kyc-*` event, each with a typed, readonly `detail`.
export {
  KycEvent,
  KYC_EVENT_NAMES,
  KycReadyEvent,
  KycStepChangeEvent,
  KycCaptureEvent,
  KycUploadProgressEvent,
  KycUploadResultEvent,
  KycFeedbackEvent,
  KycCompleteEvent,
  KycErrorEvent,
  KycCancelEvent,
  KycFrameMetricsEvent,
  type KycReadyDetail,
  type KycStepChangeDetail,
  type KycCaptureDetail,
  type KycUploadProgressDetail,
  type KycUploadResultDetail,
  type KycFeedbackDetail,
  type KycCompleteDetail,
  type KycErrorDetail,
  type KycErrorPhase,
  type KycCancelDetail,
  type KycFrameMetricsDetail,
} from './events/index.js';
// <kyc-camera-view>'s requests to its owner (not composed: a host sees them only on a view it
// renders itself).
export {
  KycFrameEvent,
  KycCameraErrorEvent,
  KycAnalysisErrorEvent,
  type KycFrameDetail,
  type LiveVerdict,
} from './elements/kyc-camera-view/kyc-camera-view.js';

// Errors: every one a KycError with a stable `code`, any of them can arrive in `kyc-error`.
export { KycError, type Reason, type ReasonValue } from './errors.js';
export { ConfigurationError } from './errors.js';
export { CameraError, CameraErrorCode } from './controllers/camera-error.js';
export {
  ApiErrorCode,
  HttpError,
  NetworkError,
  TimeoutError,
  TokenExpiredError,
  ResponseFormatError,
  AbortedError,
  UploadTooLargeError,
  type HttpErrorDetails,
} from './api/errors.js';
export { ImageFileError, ImageFileErrorCode, EncodeError } from './capture/encode.js';
export {
  CaptureInputError,
  CaptureInputErrorCode,
  SessionV1ReplyError,
  SessionV1ReplyErrorCode,
} from './protocols/session-v1.js';
export { RedirectError, RedirectErrorCode } from './flow/redirect.js';
export { LinkKycError, LinkKycErrorCode } from './protocols/link-kyc.js';
export { ValidationV2Error, ValidationV2ErrorCode } from './protocols/validation-v2.js';
export { FaceDetectorError, FaceErrorCode } from './face/errors.js';
export { AnalysisError } from './quality/frame-analyzer.js';
export { WorkerLoadError } from './worker-client.js';

// Flow: what `flow`, `steps`, `documentType` and the events speak of.
export { currentStep } from './flow/machine.js';
export { FlowStatus } from './steps.js';
export type { FlowState, FlowError, FlowErrorPhase } from './flow/machine.js';
export { CaptureStep, DocumentType, stepsForDocument, type ImageStep } from './steps.js';

// Client and tokens: for custom adapters and for `getToken` / `tokenExpiresAt`.
export {
  KycClient,
  HttpMethod,
  type KycClientOptions,
  type RequestOptions,
  type ParsedRequestOptions,
  type FetchFunction,
  type TokenGrant,
  type TokenExpiry,
} from './api/client.js';

// Protocol adapters: the `adapter` property's interface, the built-in adapters (to wrap or call
// directly) and what their `kyc-complete` results look like.
export type {
  ProtocolAdapter,
  ServerFeedback,
  SendOptions,
  ProgressCallback,
  FinishResult,
  PreflightResult,
} from './protocols/types.js';
export { createSessionV1Adapter, type SessionV1AdapterOptions } from './protocols/session-v1.js';
export type { DeviceInfo } from './protocols/session-v1-wire.js';
export {
  createIdvSdkAdapter,
  idvSdkHeaders,
  IdvSdkError,
  IdvSdkErrorCode,
  type IdvDocumentType,
  type IdvDocumentTypeOverrides,
  type IdvLivenessSession,
  type IdvSdkAdapter,
  type IdvSdkAdapterOptions,
  type IdvSdkOperation,
  type IdvSdkPathOverrides,
  type IdvSdkResult,
  type IdvLocation,
} from './protocols/idv-sdk.js';
export {
  createLinkKycAdapter,
  linkKycRejectionGuidance,
  type LinkKycAdapter,
  type LinkKycAdapterOptions,
  type LinkKycVerifyResponse,
  type LinkKycRejectionReason,
  type LinkKycDocumentRejectionReason,
  type LinkKycFaceRejectionReason,
  type LinkKycRejectedReasons,
  type RetakeGuidance,
} from './protocols/link-kyc.js';
export {
  createValidationV2Adapter,
  type ValidationV2Adapter,
  type ValidationV2AdapterOptions,
  type ValidationV2Response,
} from './protocols/validation-v2.js';

// Captures and document checks: what `kyc-capture` / `kyc-complete` carry, the `options` tunables,
// and the pure checks themselves (plain pixel buffers in, a verdict out; they run in a Worker too).
export type {
  Capture,
  CaptureSource,
  CaptureQuality,
  LivenessFrame,
  LivenessMode,
} from './capture/types.js';
export type { DeviceSignals } from './capture/device-signals.js';
export {
  DEFAULT_AUTO_CAPTURE,
  SELFIE_AUTO_CAPTURE,
  type AutoCaptureOptions,
} from './capture/auto-capture.js';
export { DEFAULT_SIZE_CAP, type SizeCap } from './capture/compress.js';
export { analyzeDocument, DEFAULT_DOCUMENT_OPTIONS } from './quality/analyze.js';
export {
  QualityIssue,
  type DocumentQualityOptions,
  type FrameVerdict,
  type QualityMetrics,
  type LumaFrame,
  type RgbaFrame,
  type Point,
  type Quad,
} from './quality/types.js';

// Faces: selfie checks, the detector's options and self-hosted files, portrait and liveness tunables.
export {
  analyzeSelfie,
  DEFAULT_SELFIE_OPTIONS,
  SelfieIssue,
  type SelfieQualityOptions,
  type SelfieVerdict,
  type SelfieMetrics,
  type FaceGeometry,
} from './face/selfie.js';
export type {
  FaceDetectorOptions,
  DetectedFace,
  FaceDetectionResult,
  FaceBox,
  FaceKeypoints,
  FacePoint,
} from './face/types.js';
export {
  prefetchFaceAssets,
  resolveFaceAssets,
  type FaceAssetUrls,
  type FacePrefetchResult,
} from './face/assets.js';
export {
  DEFAULT_PORTRAIT_OPTIONS,
  PortraitIssue,
  type PortraitOptions,
  type PortraitResult,
} from './face/portrait.js';
export {
  Challenge,
  DEFAULT_ACTIVE_LIVENESS,
  DEFAULT_PASSIVE_LIVENESS,
  type ActiveLivenessOptions,
  type PassiveLivenessOptions,
} from './face/liveness.js';
