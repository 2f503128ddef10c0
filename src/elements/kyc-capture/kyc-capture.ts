import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { KycClient, type TokenExpiry, type TokenGrant } from '../../api/client.js';
import { NetworkError, TokenExpiredError } from '../../api/errors.js';
import {
  DEFAULT_AUTO_CAPTURE,
  SELFIE_AUTO_CAPTURE,
  type AutoCaptureOptions,
} from '../../capture/auto-capture.js';
import { capSize, DEFAULT_SIZE_CAP, type SizeCap } from '../../capture/compress.js';
import { documentCrop } from '../../capture/crop.js';
import { captureFromFile, type EncodedImage, type EncodeOptions } from '../../capture/encode.js';
import { JpegEncoder } from '../../capture/jpeg-encoder.js';
import type { Capture, LivenessFrame, LivenessMode } from '../../capture/types.js';
import { KycError, type Reason } from '../../errors.js';
import { inAppBrowser } from '../../in-app-browser.js';
import { KycCancelEvent } from '../../events/cancel.js';
import { KycCaptureEvent } from '../../events/capture.js';
import { KycCompleteEvent } from '../../events/complete.js';
import { KycErrorEvent } from '../../events/error.js';
import { KycFeedbackEvent } from '../../events/feedback.js';
import {
  isSelfieVerdict,
  type KycAnalysisErrorEvent,
  type KycCameraErrorEvent,
  type KycFrameEvent,
  type KycLivenessFramesEvent,
  type LivenessSettings,
  type SelfieSettings,
} from '../kyc-camera-view/kyc-camera-view.js';
import type { ActiveLivenessOptions, PassiveLivenessOptions } from '../../face/liveness.js';
import { seededRandom } from '../../random.js';
import { prefetchFaceAssets } from '../../face/assets.js';
import { FaceAnalyzer } from '../../face/face-analyzer.js';
import { hasPortrait, type PortraitOptions } from '../../face/portrait.js';
import type { SelfieQualityOptions } from '../../face/selfie.js';
import type { FaceDetectorOptions } from '../../face/types.js';
import { KycReadyEvent } from '../../events/ready.js';
import { KycStepChangeEvent } from '../../events/step-change.js';
import { KycUploadProgressEvent } from '../../events/upload-progress.js';
import { KycUploadResultEvent } from '../../events/upload-result.js';
import {
  currentStep,
  initialFlowState,
  transition,
  type FlowAction,
  type FlowErrorPhase,
  type FlowState,
} from '../../flow/machine.js';
import {
  ALL_STEPS,
  DocumentType,
  isCaptureStep,
  IMAGE_STEPS,
  stepsForDocument,
  type CaptureStep,
} from '../../flow/types.js';
import type { Messages } from '../../i18n/en.js';
import { errorText, feedbackText, withOverrides, type MessageOverrides } from '../../i18n/text.js';
import { createSessionV1Adapter } from '../../protocols/session-v1.js';
import { currentPosition, isGeoPosition, type GeoPosition } from '../../api/geolocation.js';
import { deviceSignals } from '../../capture/device-signals.js';
import { scaleQuad } from '../../quality/region.js';
import type { DocumentQualityOptions, Quad } from '../../quality/types.js';
import type { PreflightResult, ProtocolAdapter, ServerFeedback } from '../../protocols/types.js';
import { styles } from './kyc-capture.styles.js';

/** The parts of `<kyc-camera-view>`, re-exported under the same names. */
const CAMERA_VIEW_PARTS = [
  'video',
  'guide',
  'overlay',
  'quad',
  'guidance',
  'manual-hint',
  'liveness-progress',
  'liveness-retry',
  'shutter',
].join(', ');

/** Steps that film the person rather than a document. */
const isFaceStep = (step: CaptureStep): boolean => step === 'selfie' || step === 'liveness';

/** What a liveness step "upload" returns when the protocol has no liveness call. */
const LIVENESS_HANDED_TO_HOST: ServerFeedback = {
  accepted: true,
  feedback: 'handed-to-host',
  complete: false,
};

/** The protocols `<kyc-capture>` knows by name. */
export const ProtocolName = {
  SessionV1: 'session-v1',
  IdvSdk: 'idv-sdk',
  LinkKyc: 'link-kyc',
  ValidationV2: 'validation-v2',
} as const;
/** A protocol known by name. */
export type ProtocolName = (typeof ProtocolName)[keyof typeof ProtocolName];

/**
 * Picked files can be 48-megapixel phone photos: more than some mobile canvases can hold and far more
 * than a verification needs. Camera frames are at most 1920 px already.
 */
const MAX_FILE_LONG_SIDE = 2560;

/** How `<kyc-capture>` captures: live checks, auto-capture, patience, crop and size cap. */
export interface CaptureOptions extends SizeCap {
  /** Auto-capture (default on); `false` leaves capture to the shutter, an object tunes the policy. */
  readonly autoCapture?: boolean | AutoCaptureOptions;
  /** Live document checks (thresholds, checks turned off); `false` turns live analysis off. */
  readonly quality?: DocumentQualityOptions | false;
  /** After this long without a good frame, the shutter is offered prominently (ms, default 10000). */
  readonly manualAfterMs?: number;
  /** Margin kept around the document when cropping, as a share of its size (default 0.06). */
  readonly cropMargin?: number;
  /**
   * Upload the document perspective-corrected (straightened to an upright rectangle of its
   * proportions, `cropMargin` kept around it) instead of the axis-aligned crop; default false.
   */
  readonly straighten?: boolean;
  /** Live selfie checks (thresholds, checks turned off); `false` leaves selfies to the shutter. */
  readonly selfie?: SelfieQualityOptions | false;
  /**
   * Where the face detector loads from and how sure it must be: `wasmBasePath` (the directory of
   * tasks-vision's `vision_wasm_module_internal.{js,wasm}`) and `modelAssetPath` default to the
   * `mediapipe/` directory next to this library; host them yourself and point these at them.
   */
  readonly faceDetector?: FaceDetectorOptions;
  /**
   * Look for the holder's portrait on document fronts (one detection on the captured frame, in the
   * face worker) and warn on the review screen when there is none. Default: on when the flow has
   * a selfie or liveness step (the detector is loaded for it anyway), off on a document-only flow,
   * which then fetches nothing of MediaPipe; `true` or options turn it on everywhere.
   */
  readonly portrait?: boolean | PortraitOptions;
  /**
   * The liveness step's tunables (the step itself is asked for with the `liveness` property):
   * `seed` fixes the random draw of challenges (tests, demos; leave it out in production),
   * `passive` and `active` tune the burst and the challenges (thresholds, time limit).
   */
  readonly liveness?: {
    readonly seed?: number;
    readonly passive?: PassiveLivenessOptions;
    readonly active?: ActiveLivenessOptions;
  };
}

/** Settings of the protocols that need more than a token and a session id. */
export interface ProtocolOptions {
  /** link-kyc: the document's issuing country, ISO 3166-1 alpha-2 (`expeditorCountry`). */
  readonly expeditorCountry?: string;
  /** link-kyc: ask for a certified verification (the integrator's proxy may override it). */
  readonly certify?: boolean;
  /** link-kyc: force manual verification (the integrator's proxy may override it). */
  readonly manualVerification?: boolean;
  /** validation-v2: the API's numeric `documentType` per document (10, face only, is built in). */
  readonly documentTypeCodes?: Readonly<Partial<Record<DocumentType, number>>>;
  /** validation-v2: the LRS endeavor id, where the platform uses LRS. */
  readonly endeavorId?: string;
}

/** The document's long/short side ratio: ID-1 cards 85.6 x 54 mm, passport pages 125 x 88 mm. */
function documentAspect(type: DocumentType | undefined): number {
  return type === 'passport' ? 125 / 88 : 85.6 / 54;
}

/**
 * The document's corner radius over its long side: ID-1 cards' 3.18 mm on 85.6 mm (ISO/IEC 7810);
 * 0, not looked at, for a passport page or a document of a kind not chosen yet.
 */
function cornerRadius(type: DocumentType | undefined): number {
  return type === 'identity_card' || type === 'drivers_license' ? 3.18 / 85.6 : 0;
}

/** What the camera view gets for live checks, plus what it was computed from. */
interface LiveSettings {
  readonly key: readonly unknown[];
  readonly quality: DocumentQualityOptions | null;
  readonly selfie: SelfieSettings | null;
  readonly liveness: LivenessSettings | null;
  readonly autoCapture: AutoCaptureOptions | null;
}

/** Raised when the element is used without what it needs (token, session, a known protocol). */
export class ConfigurationError extends KycError {
  constructor(message: string, options?: { reason?: Reason }) {
    super('configuration', message, options);
  }
}

/** Turns anything thrown into a `KycError` so hosts always get a stable `code`. */
function asKycError(error: unknown): KycError {
  if (error instanceof KycError) return error;
  return new KycError('unknown', 'Something unexpected happened. Please try again.', {
    cause: error,
  });
}

/** Whether "try again" can help with this error. */
function isRetryable(error: KycError): boolean {
  if (error instanceof TokenExpiredError || error instanceof ConfigurationError) return false;
  const flag = (error as { retryable?: unknown }).retryable;
  return typeof flag === 'boolean' ? flag : true;
}

/**
 * The identity-capture flow: consent and document choice, camera steps (front, back, selfie),
 * review, upload with server feedback, done. Owns the flow state and the protocol client; talks to
 * the host page through `kyc-*` events.
 *
 * @summary Walks a person through document and selfie capture and uploads each image.
 *
 * @fires {KycReadyEvent} kyc-ready - The element is connected and its flow is ready to start.
 * @fires {KycStepChangeEvent} kyc-step-change - The screen or the step changed.
 * @fires {KycCaptureEvent} kyc-capture - A photo was taken or a file picked (under review, in memory only).
 * @fires {KycUploadProgressEvent} kyc-upload-progress - An upload started (0) or was answered (1).
 * @fires {KycUploadResultEvent} kyc-upload-result - The backend answered an upload, accepted or not.
 * @fires {KycFeedbackEvent} kyc-feedback - The backend asked for a retake, with its reason.
 * @fires {KycCompleteEvent} kyc-complete - The backend has every image it needs.
 * @fires {KycErrorEvent} kyc-error - Something failed: camera, upload or session.
 * @fires {KycCancelEvent} kyc-cancel - The flow was cancelled.
 *
 * @csspart screen - Each screen's container (also named after its screen: `intro`, `review`, …).
 * @csspart intro - The first screen: consent and the document choice.
 * @csspart review - The review screen.
 * @csspart uploading - The screen shown while an image uploads.
 * @csspart feedback - The screen that gives the backend's retake reason.
 * @csspart done - The last screen, once the backend has every image.
 * @csspart cancelled - The screen shown after `cancel()`.
 * @csspart error - The error screen.
 * @csspart camera-actions - The controls under the camera (the file fallback).
 * @csspart review-image - The photo shown for review.
 * @csspart review-warning - The review's warning when no portrait was found on the document.
 * @csspart attempts-left - How many attempts the backend still allows (validation-v2).
 * @csspart file-label - The "upload a photo instead" control.
 * @csspart video - The live camera preview (exported from `<kyc-camera-view>`).
 * @csspart guide - The frame the document or face should fill (exported from `<kyc-camera-view>`).
 * @csspart overlay - The layer the detected document outline is drawn on (exported from `<kyc-camera-view>`).
 * @csspart quad - The detected document outline (exported from `<kyc-camera-view>`).
 * @csspart guidance - The live instruction, an aria-live region (exported from `<kyc-camera-view>`).
 * @csspart manual-hint - The hint to use the shutter when auto-capture struggles (exported from `<kyc-camera-view>`).
 * @csspart liveness-progress - "Movement n of 4" on a liveness step (exported from `<kyc-camera-view>`).
 * @csspart liveness-retry - "Try again" after a liveness challenge ran out of time (exported from `<kyc-camera-view>`).
 * @csspart shutter - The take-photo button (exported from `<kyc-camera-view>`).
 *
 * @cssprop [--kyc-accent=#0b57d0] - Buttons and links.
 * @cssprop [--kyc-on-accent=#fff] - Text on the accent colour.
 * @cssprop [--kyc-color=#1b1f24] - Text colour.
 * @cssprop [--kyc-background=#fff] - Background.
 * @cssprop [--kyc-muted=#5f6368] - Secondary text ("Step 1 of 3").
 * @cssprop [--kyc-font=1rem/1.5 system-ui, sans-serif] - The `font` shorthand.
 * @cssprop [--kyc-radius=0.75rem] - Corner radius of the element.
 * @cssprop [--kyc-button-radius=999px] - Corner radius of buttons.
 * @cssprop [--kyc-max-width=40rem] - Largest inline size.
 * @cssprop [--kyc-padding=1.25rem] - Padding of each screen.
 * @cssprop [--kyc-focus=#f9ab00] - Focus ring, and the ring of the shutter when it is offered.
 * @cssprop [--kyc-warning=#b45309] - Edge of warnings and retake reasons.
 * @cssprop [--kyc-warning-background=#fff4e5] - Background of warnings and retake reasons.
 * @cssprop [--kyc-camera-background=#000] - Behind the camera preview (inherited by `<kyc-camera-view>`).
 * @cssprop [--kyc-camera-aspect=4 / 3] - Aspect ratio of the preview (inherited by `<kyc-camera-view>`).
 * @cssprop [--kyc-guide-color=rgba(255, 255, 255, 0.9)] - The guide's border (inherited by `<kyc-camera-view>`).
 * @cssprop [--kyc-guide-dim=rgba(0, 0, 0, 0.45)] - The dimming outside the guide (inherited by `<kyc-camera-view>`).
 * @cssprop [--kyc-quad-good=#34a853] - The document outline when the frame is good (inherited by `<kyc-camera-view>`).
 * @cssprop [--kyc-quad-bad=#f9ab00] - The document outline while a check fails (inherited by `<kyc-camera-view>`).
 * @cssprop [--kyc-shutter-color=#fff] - The shutter button (inherited by `<kyc-camera-view>`).
 *
 * @cssstate intro - Consent and the document choice: `kyc-capture:state(intro)`.
 * @cssstate camera - A camera step is live.
 * @cssstate review - The person reviews a photo before it is sent.
 * @cssstate uploading - An image is being uploaded.
 * @cssstate feedback - The backend asked for a retake.
 * @cssstate done - The backend has every image it needs.
 * @cssstate error - An error screen shows.
 * @cssstate cancelled - The flow was cancelled.
 */
export class KycCaptureElement extends LitElement {
  static override styles = styles;

  // `as const`: the framework typings (src/frameworks/) derive props and attributes from it.
  static override properties = {
    token: { attribute: false },
    session: { reflect: true },
    protocol: { reflect: true },
    apiBase: { attribute: 'api-base' },
    clientId: { attribute: 'client-id' },
    protocolOptions: { attribute: false },
    geolocation: { type: Boolean },
    location: { attribute: false },
    documentType: { attribute: 'document-type' },
    steps: {
      converter: {
        fromAttribute: (value: string | null) =>
          value ? value.split(/[\s,]+/).filter(isCaptureStep) : undefined,
      },
    },
    getToken: { attribute: false },
    tokenExpiresAt: { attribute: 'token-expires-at' },
    adapter: { attribute: false },
    messages: { attribute: false },
    options: { attribute: false },
    liveness: {},
    flow: { state: true },
  } as const;

  /** Short-lived start token from the backend; kept in memory only (property, not attribute). */
  declare token: string | undefined;
  /** Session id from the backend. */
  declare session: string | undefined;
  /** Backend protocol by name (default `session-v1`); ignored when `adapter` is set. */
  declare protocol: ProtocolName;
  /** Base URL of the backend's browser-facing endpoints; empty means same origin. */
  declare apiBase: string;
  /** The integrator's client id, sent as `X-Client-Id` (idv-sdk). */
  declare clientId: string | undefined;
  /** Protocol settings (link-kyc's country and flags, validation-v2's document type codes). */
  declare protocolOptions: ProtocolOptions;
  /**
   * Ask the browser for the person's position (the Geolocation API, once per flow, coarse) for
   * protocols that send one with the images (idv-sdk's latitude/longitude). Off by default; when
   * the person refuses or it fails, `location` is sent instead.
   */
  declare geolocation: boolean;
  /** The position to send when geolocation is off or refused; default 0, 0. */
  declare location: GeoPosition | undefined;
  /** Preselects the document type and skips the choice. */
  declare documentType: DocumentType | undefined;
  /** Steps to capture when the backend does not say (default: from the document type). */
  declare steps: CaptureStep[] | undefined;
  /**
   * Asks the host's backend for a fresh start token: before the current one runs out (when
   * `tokenExpiresAt` is known) and once after a 401. It may resolve to the token alone or to
   * `{ token, expiresAt | expiresIn }`, which tells the element when to ask again.
   */
  declare getToken: (() => Promise<string | TokenGrant>) | undefined;
  /**
   * When the start token runs out (ms since epoch, Date or ISO 8601), if the backend said so; the
   * element then renews it through `getToken` 30 s before, instead of waiting for a 401.
   */
  declare tokenExpiresAt: TokenExpiry | undefined;
  /**
   * Adds a liveness step after the selfie when the backend asks for one (seed 001's
   * `liveness_mode`): `passive` (a short burst of frames of a still, well-placed face) or
   * `passive_active` (four head-movement challenges, each captured as its own image). This is
   * capture for the backend's liveness decision, not a liveness verdict of this SDK.
   */
  declare liveness: LivenessMode | undefined;
  /** A custom protocol adapter; wins over `protocol`. */
  declare adapter: ProtocolAdapter | undefined;
  /** Overrides for any person-facing text: any subset of the catalog, at any depth. */
  declare messages: MessageOverrides;
  /** Capture behaviour: auto-capture, live checks and their thresholds, crop, size cap. */
  declare options: CaptureOptions;
  /** The flow's state (read-only for hosts; change it through the UI or `cancel()`). */
  declare flow: FlowState;

  #chosenType: DocumentType | undefined;
  #consent = false;
  #activeAdapter: Promise<ProtocolAdapter> | undefined;
  /** The adapter's `start()`, begun when the person starts; uploads wait for it. */
  #started: Promise<void> | undefined;

  /** Runs the adapter's `start()` once; after a failure the next call (a retry) runs it again. */
  #ensureStarted(adapter: ProtocolAdapter): Promise<void> {
    this.#started ??= adapter.start().then(
      () => undefined,
      (error: unknown) => {
        this.#started = undefined;
        throw error;
      },
    );
    return this.#started;
  }
  #upload: AbortController | undefined;
  /** How each step's image was taken (no pixels), for the device signals of `kyc-complete`. */
  readonly #sources = new Map<CaptureStep, Pick<Capture, 'step' | 'source' | 'cameraLabel'>>();
  #reviewUrl: { capture: Capture; url: string } | undefined;
  #encoder: JpegEncoder | undefined;
  #internals: ElementInternals;

  constructor() {
    super();
    this.protocol = 'session-v1';
    this.apiBase = '';
    this.protocolOptions = {};
    this.geolocation = false;
    this.messages = {};
    this.options = {};
    this.flow = initialFlowState();
    this.#internals = this.attachInternals();
  }

  /** The text catalog in use. */
  get text(): Messages {
    return withOverrides(this.messages);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#upload?.abort();
    this.#revokeReview();
    this.#encoder?.dispose();
    this.#encoder = undefined;
    this.#prefetching?.abort();
    this.#prefetching = undefined;
    this.#faces?.analyzer.dispose();
    this.#faces = undefined;
  }

  /**
   * Checks, before the person starts, that the backend answers (idv-sdk: ping and health). Resolves
   * to `undefined` for protocols without probes; rejects with the typed error of the failure
   * (`ConfigurationError`, `NetworkError`, `HttpError`, …). The flow is not touched either way.
   */
  async preflight(options: { signal?: AbortSignal } = {}): Promise<PreflightResult | undefined> {
    const adapter = await this.#adapterFor();
    return adapter.preflight?.(options);
  }

  /** Cancels the flow; the host gets `kyc-cancel`. */
  cancel(): void {
    const step = currentStep(this.flow);
    this.#upload?.abort();
    this.#dispatch({ type: 'cancel' });
    this.dispatchEvent(new KycCancelEvent({ step }));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('documentType') && this.documentType && this.flow.status === 'intro') {
      this.flow = { ...this.flow, documentType: this.documentType };
    }
    // A new token or session means a new client; the next upload builds it.
    if (
      changed.has('token') ||
      changed.has('tokenExpiresAt') ||
      changed.has('session') ||
      changed.has('apiBase') ||
      changed.has('clientId') ||
      changed.has('protocol') ||
      changed.has('protocolOptions')
    ) {
      this.#activeAdapter = undefined;
      this.#started = undefined;
      this.#positionLookup = undefined;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('flow')) return;
    const before = changed.get('flow') as FlowState | undefined;
    const now = this.flow;
    if (!before) this.dispatchEvent(new KycReadyEvent({ steps: this.#plannedSteps() }));
    // Expose the screen to the host's CSS as a custom state, e.g. `kyc-capture:state(done)`.
    if (before) this.#internals.states.delete(before.status);
    this.#internals.states.add(now.status);
    if (!before || before.status !== now.status || currentStep(before) !== currentStep(now)) {
      this.#prefetchFaceIfAhead();
      this.#warmPortraitCheck();
      this.dispatchEvent(new KycStepChangeEvent({ status: now.status, step: currentStep(now) }));
      // Move focus to the new screen's heading so screen-reader and keyboard users follow along.
      this.renderRoot.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
  }

  /**
   * On a document front whose portrait will be checked, loads the face detector in its worker
   * while the person frames the card, so the check at capture time does not wait for it.
   */
  #warmPortraitCheck(): void {
    const step = currentStep(this.flow);
    if (this.flow.status !== 'camera' || !step || !this.#portraitCheck(step)) return;
    // A detector that cannot load is reported (phase `analysis`); the backend decides then.
    this.#faceAnalyzer()
      .load()
      .catch((error: unknown) => this.#reportAnalysisError(error));
  }

  #prefetching: AbortController | undefined;

  /**
   * Once the person is on a document step with a selfie still to come, warms the HTTP cache with the
   * face detector's files in idle time, so the selfie step starts without waiting for them. Nothing
   * of MediaPipe is fetched on a flow without a selfie, or when the selfie checks are off.
   */
  #prefetchFaceIfAhead(): void {
    const step = currentStep(this.flow);
    if (this.#prefetching || this.options.selfie === false) return;
    if (this.flow.status !== 'camera' || !step || isFaceStep(step)) return;
    if (!this.flow.steps.some(isFaceStep)) return;
    // The portrait check loads the detector in its worker on this step: that fetches the files.
    if (this.#portraitCheck(step)) return;
    this.#prefetching = new AbortController();
    const { wasmBasePath, modelAssetPath } = this.options.faceDetector ?? {};
    prefetchFaceAssets({ wasmBasePath, modelAssetPath, signal: this.#prefetching.signal }).catch(
      () => {}, // aborted: the element went away
    );
  }

  #plannedSteps(): CaptureStep[] {
    const type = this.documentType ?? this.#chosenType;
    const steps: CaptureStep[] = this.steps?.length
      ? [...this.steps]
      : type
        ? this.#stepsFor(type)
        : [...IMAGE_STEPS];
    if (this.#wantsLiveness()) steps.push('liveness');
    return ALL_STEPS.filter((s) => steps.includes(s));
  }

  /** validation-v2 sends documents by number: a document flow needs its code before any photo. */
  #checkDocumentCode(type: DocumentType | undefined): void {
    if (this.adapter || this.protocol !== 'validation-v2' || !type) return;
    if (this.protocolOptions.documentTypeCodes?.[type] === undefined) {
      throw new ConfigurationError(
        `The validation-v2 protocol needs the API's code for ${type} (protocolOptions.documentTypeCodes).`,
        { reason: { code: 'configuration.document-type-code', params: { documentType: type } } },
      );
    }
  }

  /** The images a document type needs with this protocol (validation-v2 takes no back). */
  #stepsFor(type: DocumentType): CaptureStep[] {
    const steps = stepsForDocument(type);
    return this.protocol === 'validation-v2' && !this.adapter
      ? steps.filter((step) => step !== 'document_back')
      : steps;
  }

  #dispatch(action: FlowAction): void {
    this.flow = transition(this.flow, action);
  }

  /** What {@link #reportAnalysisError} told the host already (code and URL), so it says it once. */
  readonly #reportedAnalysisErrors = new Set<string>();

  /**
   * Tells the host that an on-device check cannot run as built (a worker, the face detector's wasm
   * or model), once per failure: `kyc-error` with phase `analysis`. The flow goes on without it.
   */
  #reportAnalysisError(error: unknown): void {
    const kycError = asKycError(error);
    const key = `${kycError.code} ${(kycError as { url?: unknown }).url ?? ''}`;
    if (this.#reportedAnalysisErrors.has(key)) return;
    this.#reportedAnalysisErrors.add(key);
    this.dispatchEvent(new KycErrorEvent({ error: kycError, phase: 'analysis', retryable: false }));
  }

  #fail(error: unknown, phase: FlowErrorPhase): void {
    const kycError = asKycError(error);
    const retryable = isRetryable(kycError);
    const final =
      kycError instanceof TokenExpiredError || (kycError as { final?: unknown }).final === true;
    const { code, message, reason } = kycError;
    this.#dispatch({ type: 'failed', error: { code, message, reason, retryable, phase, final } });
    this.dispatchEvent(new KycErrorEvent({ error: kycError, phase, retryable }));
  }

  /**
   * The protocol adapter, built once per token/session/protocol. Configuration problems throw at
   * once; the protocols other than session-v1 are separate modules, loaded when first used, so a
   * page ships only the code of the backend it talks to.
   */
  #adapterFor(): Promise<ProtocolAdapter> {
    if (this.adapter) return Promise.resolve(this.adapter);
    if (this.#activeAdapter) return this.#activeAdapter;
    if (!(Object.values(ProtocolName) as string[]).includes(this.protocol)) {
      throw new ConfigurationError(`Unknown protocol "${this.protocol}".`, {
        reason: { code: 'configuration.unknown-protocol', params: { protocol: this.protocol } },
      });
    }
    if (!this.token || !this.session) {
      throw new ConfigurationError(
        'This verification link is incomplete: the session or its token is missing.',
        { reason: { code: 'configuration.incomplete-link' } },
      );
    }
    if (this.protocol === 'idv-sdk' && !this.clientId) {
      throw new ConfigurationError('The idv-sdk protocol needs the client id (client-id).', {
        reason: { code: 'configuration.client-id' },
      });
    }
    if (this.protocol === 'link-kyc' && !this.protocolOptions.expeditorCountry) {
      throw new ConfigurationError(
        'The link-kyc protocol needs the issuing country (protocolOptions.expeditorCountry).',
        { reason: { code: 'configuration.expeditor-country' } },
      );
    }
    const client = new KycClient({
      baseUrl: this.apiBase,
      token: this.token,
      getToken: this.getToken,
      tokenExpiresAt: this.tokenExpiresAt,
      ...(this.protocol === 'idv-sdk' ? { headers: { 'X-Client-Id': this.clientId! } } : {}),
    });
    const loading = this.#createAdapter(client, this.session).catch((error: unknown) => {
      // A chunk that failed to load (offline) is fetched again on "Try again".
      if (this.#activeAdapter === loading) this.#activeAdapter = undefined;
      if (error instanceof KycError) throw error;
      throw new NetworkError(
        'The verification module could not be loaded. Check your connection.',
        { cause: error, reason: { code: 'network-error.module-load' } },
      );
    });
    this.#activeAdapter = loading;
    return loading;
  }

  async #createAdapter(client: KycClient, session: string): Promise<ProtocolAdapter> {
    const settings = this.protocolOptions;
    switch (this.protocol) {
      case 'idv-sdk': {
        const { createIdvSdkAdapter } = await import('../../protocols/idv-sdk.js');
        return createIdvSdkAdapter({
          client,
          sessionId: session,
          clientId: this.clientId!,
          location: () => this.#position(),
        });
      }
      case 'link-kyc': {
        const { createLinkKycAdapter } = await import('../../protocols/link-kyc.js');
        return createLinkKycAdapter({
          client,
          requestId: session,
          expeditorCountry: settings.expeditorCountry!,
          certify: settings.certify,
          manualVerification: settings.manualVerification,
        });
      }
      case 'validation-v2': {
        const { createValidationV2Adapter } = await import('../../protocols/validation-v2.js');
        return createValidationV2Adapter({
          client,
          applicantId: session,
          endeavorId: settings.endeavorId,
          documentTypeCodes: settings.documentTypeCodes,
        });
      }
      default:
        return createSessionV1Adapter({ client, sessionId: session });
    }
  }

  #positionLookup: Promise<GeoPosition> | undefined;

  /** The position sent with the images: looked up once per flow when allowed, else `location`. */
  #position(): Promise<GeoPosition> {
    const fallback = isGeoPosition(this.location) ? this.location : { latitude: 0, longitude: 0 };
    if (!this.geolocation) return Promise.resolve(fallback);
    this.#positionLookup ??= currentPosition({ fallback });
    return this.#positionLookup;
  }

  #start(event: SubmitEvent): void {
    event.preventDefault();
    const type = this.documentType ?? this.#chosenType;
    const needsDocument = this.#needsDocument();
    if (!this.#consent || (needsDocument && !type)) return;
    let adapter: Promise<ProtocolAdapter>;
    try {
      this.#checkDocumentCode(needsDocument ? type : undefined);
      adapter = this.#adapterFor();
    } catch (error) {
      this.#fail(error, 'session');
      return;
    }
    // The protocol's module and opening calls (idv-sdk: consent, session read) load and run while
    // the person frames the first photo; the first upload waits for them.
    adapter.then((ready) => this.#ensureStarted(ready)).catch(() => {}); // reported by the upload that waits for it
    const steps = this.steps?.length ? this.steps : type ? this.#stepsFor(type) : [];
    this.#dispatch({
      type: 'start',
      documentType: type,
      steps: this.#wantsLiveness() ? [...steps, 'liveness'] : steps,
    });
  }

  #wantsLiveness(): boolean {
    return this.liveness === 'passive' || this.liveness === 'passive_active';
  }

  #needsDocument(): boolean {
    return !this.steps?.length || this.steps.some((s) => !isFaceStep(s));
  }

  /**
   * Crops, scales and encodes a still off the main thread, then applies the size cap. Scaling to
   * the cap's `maxLongSide` while encoding leaves the cap's re-compression (on the main thread)
   * for the rare image whose bytes are still over.
   */
  async #encode(bitmap: ImageBitmap, options: EncodeOptions): Promise<EncodedImage> {
    const encoder = (this.#encoder ??= new JpegEncoder({
      onWorkerLoadError: (error) => this.#reportAnalysisError(error),
    }));
    const longest = this.options.maxLongSide ?? DEFAULT_SIZE_CAP.maxLongSide;
    const maxLongSide = Math.min(options.maxLongSide ?? longest, longest);
    return capSize(await encoder.encode(bitmap, { ...options, maxLongSide }), this.options);
  }

  async #onFrame(event: KycFrameEvent): Promise<void> {
    const step = currentStep(this.flow);
    const { frame, cameraLabel, facingMode, auto, verdict } = event.detail;
    if (!step) {
      frame.close();
      return;
    }
    try {
      // Crop to (or straighten) the document, plus a margin, only when the live checks found all
      // of it.
      const found =
        verdict && !isSelfieVerdict(verdict) && verdict.quad && !verdict.issues.includes('corners')
          ? verdict.quad
          : undefined;
      const portrait = this.#findPortrait(
        step,
        frame,
        found ? scaleQuad(found, frame.width / verdict!.width) : null,
      );
      const encoded = await this.#encode(
        frame,
        found && this.options.straighten
          ? {
              straighten: {
                quad: scaleQuad(found, frame.width / verdict!.width),
                aspect: documentAspect(this.flow.documentType),
                margin: this.options.cropMargin,
              },
            }
          : {
              crop: found
                ? documentCrop(found, verdict!.width, frame, this.options.cropMargin)
                : undefined,
            },
      );
      this.#captured({
        step,
        ...encoded,
        source: 'camera',
        documentType: isFaceStep(step) ? undefined : this.flow.documentType,
        cameraLabel,
        facingMode,
        quality: verdict
          ? { auto, issues: auto ? [] : verdict.issues, sharpness: verdict.metrics.sharpness }
          : undefined,
        portrait: await portrait,
        takenAt: Date.now(),
      });
    } catch (error) {
      this.#fail(error, 'camera');
    } finally {
      frame.close();
    }
  }

  /** A liveness sequence is complete: encode every shot (in the worker) into one capture. */
  async #onLivenessFrames(event: KycLivenessFramesEvent): Promise<void> {
    const { mode, shots } = event.detail;
    const step = currentStep(this.flow);
    try {
      if (step !== 'liveness' || shots.length === 0) return;
      const frames: LivenessFrame[] = [];
      for (const shot of shots) {
        const encoded = await this.#encode(shot.frame, {});
        frames.push({ label: shot.label, challenge: shot.challenge, ...encoded });
      }
      const [first] = frames;
      this.#captured({
        step,
        blob: first!.blob,
        width: first!.width,
        height: first!.height,
        source: 'camera',
        quality: {
          auto: true,
          issues: [],
          sharpness: Math.min(...shots.map((shot) => shot.verdict.metrics.sharpness)),
        },
        takenAt: Date.now(),
        frames,
        livenessMode: mode,
      });
    } catch (error) {
      this.#fail(error, 'camera');
    } finally {
      for (const shot of shots) shot.frame.close();
    }
  }

  async #onFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    const step = currentStep(this.flow);
    if (!file || !step) return;
    try {
      const encoded = await captureFromFile(file, { maxLongSide: MAX_FILE_LONG_SIDE }, (b, o) =>
        this.#encode(b, o),
      );
      // A picked photo of a document front is checked for its portrait too (no outline known).
      let portrait: Capture['portrait'];
      if (this.#portraitCheck(step)) {
        const bitmap = await createImageBitmap(encoded.blob);
        try {
          portrait = await this.#findPortrait(step, bitmap, null);
        } finally {
          bitmap.close();
        }
      }
      this.#captured({
        step,
        ...encoded,
        source: 'file',
        documentType: isFaceStep(step) ? undefined : this.flow.documentType,
        portrait,
        takenAt: Date.now(),
      });
    } catch (error) {
      this.#fail(error, 'camera');
    }
  }

  #captured(capture: Capture): void {
    this.#dispatch({ type: 'captured', capture });
    if (this.flow.capture === capture) this.dispatchEvent(new KycCaptureEvent({ capture }));
  }

  async #confirm(): Promise<void> {
    this.#dispatch({ type: 'confirm' });
    await this.#send();
  }

  async #send(): Promise<void> {
    const capture = this.flow.capture;
    if (this.flow.status !== 'uploading' || !capture) return;
    this.#upload?.abort();
    const upload = new AbortController();
    this.#upload = upload;
    const step = capture.step;
    try {
      const adapter = await this.#adapterFor();
      await this.#ensureStarted(adapter);
      const options = {
        documentType: this.flow.documentType,
        remaining: this.flow.steps.slice(1),
        signal: upload.signal,
        onProgress: (fraction: number) =>
          this.dispatchEvent(new KycUploadProgressEvent({ step, fraction })),
      };
      const result =
        step !== 'liveness'
          ? await adapter.send(capture, options)
          : adapter.sendLiveness
            ? await adapter.sendLiveness(capture, options)
            : // No liveness call in this protocol: the host has the frames (kyc-capture event).
              LIVENESS_HANDED_TO_HOST;
      if (upload.signal.aborted) return;
      this.#sources.set(step, { step, source: capture.source, cameraLabel: capture.cameraLabel });
      this.dispatchEvent(new KycUploadResultEvent({ step, result }));
      this.#dispatch({ type: 'uploaded', result });
      const after: FlowState = this.flow;
      if (after.status === 'feedback') {
        this.dispatchEvent(
          new KycFeedbackEvent({
            step,
            feedback: result.feedback,
            message: feedbackText(this.text, result),
            retake: result.retake ?? [step],
            ...(result.attemptsLeft !== undefined ? { attemptsLeft: result.attemptsLeft } : {}),
          }),
        );
      } else if (after.status === 'done') {
        // Where the protocol has a closing call (idv-sdk's finalization), its answer goes with it.
        const final = adapter.finish ? await adapter.finish({ signal: upload.signal }) : undefined;
        if (upload.signal.aborted) return;
        this.dispatchEvent(
          new KycCompleteEvent({
            accepted: after.accepted,
            ...(final ? { result: final } : {}),
            signals: deviceSignals(this.#sources.values()),
          }),
        );
      }
    } catch (error) {
      if (upload.signal.aborted) return;
      this.#fail(error, 'upload');
    } finally {
      if (this.#upload === upload) this.#upload = undefined;
    }
  }

  #retry(): void {
    this.#dispatch({ type: 'retry' });
    if (this.flow.status === 'uploading') void this.#send();
  }

  #revokeReview(): void {
    if (this.#reviewUrl) URL.revokeObjectURL(this.#reviewUrl.url);
    this.#reviewUrl = undefined;
  }

  /** One object URL per capture under review, revoked as soon as it is no longer shown. */
  #reviewSrc(capture: Capture): string {
    if (this.#reviewUrl?.capture !== capture) {
      this.#revokeReview();
      this.#reviewUrl = { capture, url: URL.createObjectURL(capture.blob) };
    }
    return this.#reviewUrl.url;
  }

  override render(): TemplateResult {
    const { status } = this.flow;
    if (status !== 'review') this.#revokeReview();
    const cameraMounted =
      status === 'camera' || status === 'review' || status === 'uploading' || status === 'feedback';
    return html`
      ${cameraMounted ? this.#renderCamera(status === 'camera') : nothing} ${this.#renderScreen()}
    `;
  }

  #renderScreen(): TemplateResult | typeof nothing {
    const t = this.text;
    const flow = this.flow;
    const step = currentStep(flow);
    switch (flow.status) {
      case 'intro':
        return this.#renderIntro();
      case 'camera':
        return nothing;
      case 'review':
        return html`<section part="screen review" aria-labelledby="review-title">
          <h2 id="review-title" tabindex="-1" data-autofocus>${t.reviewTitle}</h2>
          ${
            flow.capture
              ? html`<img
                  part="review-image"
                  decoding="async"
                  src=${this.#reviewSrc(flow.capture)}
                  alt=${t.reviewImageAlt}
                />`
              : nothing
          }
          ${
            flow.capture?.portrait && !flow.capture.portrait.found
              ? html`<p part="review-warning" role="alert">${t.portraitMissing}</p>`
              : nothing
          }
          <p>${t.reviewBody}</p>
          <div class="actions">
            <button class="primary" @click=${this.#confirm}>${t.usePhoto}</button>
            <button @click=${() => this.#dispatch({ type: 'retake' })}>${t.retake}</button>
          </div>
        </section>`;
      case 'uploading':
        return html`<section part="screen uploading" aria-busy="true">
          <p role="status" tabindex="-1" data-autofocus>${t.uploading}</p>
        </section>`;
      case 'feedback':
        return html`<section part="screen feedback" aria-labelledby="feedback-title">
          <h2 id="feedback-title" tabindex="-1" data-autofocus>${t.feedbackTitle}</h2>
          <p class="feedback" role="alert">
            ${feedbackText(t, { feedback: flow.feedback, reason: flow.feedbackReason })}
          </p>
          ${
            flow.attemptsLeft !== undefined
              ? html`<p part="attempts-left">${t.attemptsLeft(flow.attemptsLeft)}</p>`
              : nothing
          }
          <div class="actions">
            <button class="primary" @click=${() => this.#dispatch({ type: 'retake' })}>
              ${t.retake}
            </button>
          </div>
        </section>`;
      case 'done':
        return html`<section part="screen done">
          <h2 tabindex="-1" data-autofocus>${t.done}</h2>
          <p>${t.doneBody}</p>
        </section>`;
      case 'cancelled':
        return html`<section part="screen cancelled">
          <p tabindex="-1" data-autofocus>${t.cancelled}</p>
        </section>`;
      case 'error': {
        const inApp = inAppBrowser(globalThis.navigator?.userAgent) !== undefined;
        const problem = flow.error && errorText(t, flow.error, { inApp });
        return html`<section part="screen error" aria-labelledby="error-title">
          <h2 id="error-title" tabindex="-1" data-autofocus>${t.errorTitle}</h2>
          <p role="alert" data-code=${flow.error?.code ?? 'unknown'}>${problem}</p>
          <div class="actions">
            ${
              flow.error?.retryable
                ? html`<button class="primary" @click=${this.#retry}>${t.tryAgain}</button>`
                : nothing
            }
            ${
              flow.error?.phase === 'upload' && !flow.error.final
                ? html`<button @click=${() => this.#dispatch({ type: 'retake' })}>
                    ${t.retake}
                  </button>`
                : nothing
            }
            ${flow.error?.phase === 'camera' && step ? this.#renderFileInput() : nothing}
          </div>
        </section>`;
      }
    }
  }

  #renderIntro(): TemplateResult {
    const t = this.text;
    const askType = this.#needsDocument() && !this.documentType;
    return html`<form part="screen intro" @submit=${this.#start} aria-labelledby="intro-title">
      <h2 id="intro-title" tabindex="-1" data-autofocus>${t.introTitle}</h2>
      <p>${t.introBody}</p>
      ${
        askType
          ? html`<fieldset>
              <legend>${t.documentTypeLegend}</legend>
              ${Object.values(DocumentType).map(
                (type) =>
                  html`<label>
                    <input
                      type="radio"
                      name="document-type"
                      .value=${type}
                      ?checked=${this.#chosenType === type}
                      @change=${() => {
                        this.#chosenType = type;
                        this.requestUpdate();
                      }}
                    />
                    ${t.documentTypes[type]}
                  </label>`,
              )}
            </fieldset>`
          : nothing
      }
      <label>
        <input
          type="checkbox"
          name="consent"
          .checked=${this.#consent}
          @change=${(e: Event) => {
            this.#consent = (e.target as HTMLInputElement).checked;
            this.requestUpdate();
          }}
        />
        ${t.consentLabel}
      </label>
      <div class="actions">
        <button
          class="primary"
          type="submit"
          ?disabled=${!this.#consent || (askType && !this.#chosenType)}
        >
          ${t.start}
        </button>
      </div>
    </form>`;
  }

  #live: LiveSettings | undefined;
  #faces: { analyzer: FaceAnalyzer; options: FaceDetectorOptions | undefined } | undefined;

  /**
   * The one face detector of this element (selfie, liveness and the portrait check share it),
   * created on first need, again when `options.faceDetector` changes.
   */
  #faceAnalyzer(): FaceAnalyzer {
    const options = this.options.faceDetector;
    if (!this.#faces || this.#faces.options !== options) {
      this.#faces?.analyzer.dispose();
      this.#faces = { analyzer: new FaceAnalyzer(options ?? {}), options };
    }
    return this.#faces.analyzer;
  }

  /** The portrait check's options when it runs on `step`, else undefined. */
  #portraitCheck(step: CaptureStep): PortraitOptions | undefined {
    const { portrait } = this.options;
    const wanted = portrait ?? this.#plannedSteps().some(isFaceStep);
    if (!wanted || !hasPortrait(this.flow.documentType, step)) return undefined;
    return typeof portrait === 'object' ? portrait : {};
  }

  /**
   * Looks for the portrait on a captured document front; never blocks the capture (a detector that
   * cannot run leaves the decision to the backend, and is reported to the host).
   */
  async #findPortrait(
    step: CaptureStep,
    frame: ImageBitmap,
    quad: Quad | null,
  ): Promise<Capture['portrait']> {
    const options = this.#portraitCheck(step);
    if (!options) return undefined;
    try {
      const result = await this.#faceAnalyzer().findPortrait(frame, quad, {
        aspect: documentAspect(this.flow.documentType),
        ...options,
      });
      return { found: result.found, score: result.score, box: result.box };
    } catch (error) {
      this.#reportAnalysisError(error);
      return undefined;
    }
  }
  #random: { seed: number | undefined; next: () => number } | undefined;

  /** Where challenges are drawn from: seeded when the options say so, else crypto-random. */
  #challengeSource(): (() => number) | undefined {
    const seed = this.options.liveness?.seed;
    if (seed === undefined) return undefined;
    if (this.#random?.seed !== seed) this.#random = { seed, next: seededRandom(seed) };
    return this.#random.next;
  }

  /**
   * The camera view's live-check settings for a step, kept as the same objects while nothing they
   * depend on changes (a new object would restart the auto-capture window).
   */
  #liveSettings(step: CaptureStep): LiveSettings {
    const key = [this.options, this.flow.documentType, step];
    if (this.#live && key.every((value, i) => value === this.#live!.key[i])) return this.#live;
    const { quality, selfie, autoCapture = true } = this.options;
    const face = isFaceStep(step);
    const analysed = face ? selfie !== false : quality !== false;
    this.#live = {
      key,
      quality:
        analysed && !face
          ? {
              documentAspect: documentAspect(this.flow.documentType),
              cornerRadius: cornerRadius(this.flow.documentType),
              ...(quality || {}),
            }
          : null,
      selfie: analysed && face ? { quality: selfie || {}, analyzer: this.#faceAnalyzer() } : null,
      liveness:
        step === 'liveness' && this.#wantsLiveness()
          ? {
              mode: this.liveness!,
              random: this.#challengeSource(),
              passive: this.options.liveness?.passive,
              active: this.options.liveness?.active,
            }
          : null,
      autoCapture:
        analysed && autoCapture !== false
          ? {
              ...(face ? SELFIE_AUTO_CAPTURE : DEFAULT_AUTO_CAPTURE),
              ...(autoCapture === true ? {} : autoCapture),
            }
          : null,
    };
    return this.#live;
  }

  #renderCamera(visible: boolean): TemplateResult {
    const t = this.text;
    const flow = this.flow;
    const step = currentStep(flow) ?? 'document_front';
    const guide = isFaceStep(step)
      ? 'face'
      : flow.documentType === 'passport'
        ? 'passport'
        : 'id-card';
    const total = flow.accepted.length + flow.steps.length;
    const live = this.#liveSettings(step);
    // Its parts are the host's to style too (`kyc-capture::part(shutter)`), under the same names.
    return html`<kyc-camera-view
        exportparts=${CAMERA_VIEW_PARTS}
        ?hidden=${!visible}
        .active=${true}
        .facingMode=${isFaceStep(step) ? 'user' : 'environment'}
        .guide=${guide}
        .heading=${t.stepTitles[step]}
        .guidance=${t.stepHints[step]}
        .progress=${t.stepOf(flow.accepted.length + 1, total)}
        .messages=${t}
        .quality=${live.quality}
        .selfie=${live.selfie}
        .liveness=${live.liveness}
        .autoCapture=${live.autoCapture}
        .manualAfterMs=${this.options.manualAfterMs ?? 10_000}
        @kyc-frame=${this.#onFrame}
        @kyc-liveness-frames=${this.#onLivenessFrames}
        @kyc-analysis-error=${(e: KycAnalysisErrorEvent) => this.#reportAnalysisError(e.detail.error)}
        @kyc-camera-error=${(e: KycCameraErrorEvent) => {
          // A camera failing behind the review or upload screen matters only once it is needed again.
          if (this.flow.status === 'camera') this.#fail(e.detail.error, 'camera');
        }}
      ></kyc-camera-view>
      ${visible ? html`<div class="actions" part="screen camera-actions">${this.#renderFileInput()}</div>` : nothing}`;
  }

  #renderFileInput(): TemplateResult | typeof nothing {
    // A liveness sequence is filmed live; a picked photo cannot stand in for it.
    if (currentStep(this.flow) === 'liveness') return nothing;
    return html`<label part="file-label">
      <input
        type="file"
        accept="image/*"
        capture=${currentStep(this.flow) === 'selfie' ? 'user' : 'environment'}
        @change=${this.#onFile}
      />
      ${this.text.uploadInstead}
    </label>`;
  }
}
