import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { TokenExpiry, TokenGrant } from '../../api/client.js';
import type { GeoPosition } from '../../api/geolocation.js';
import { CaptureController, type CaptureOptions } from './capture-controller.js';
import type { Capture, LivenessMode } from '../../capture/types.js';
import { KycFrameMetricsEvent } from '../../events/frame-metrics.js';
import { FlowController } from '../../flow/flow-controller.js';
import { currentStep, type FlowState } from '../../flow/machine.js';
import { ResumeController } from '../../flow/resume.js';
import {
  isNonVisualCue,
  NonVisualGuidanceController,
  type LiveCue,
  type NonVisualCue,
} from '../../controllers/non-visual-guidance.js';
import { isCaptureStep, isFaceStep, type CaptureStep, type DocumentType } from '../../steps.js';
import { en, type Messages } from '../../i18n/en.js';
import { errorText, feedbackText, withOverrides, type MessageOverrides } from '../../i18n/text.js';
import { inAppBrowser } from '../../in-app-browser.js';
import {
  isRightToLeft,
  loadCatalog,
  loadedCatalog,
  resolveLanguage,
  type Language,
} from '../../i18n/catalogs.js';
import type { ProtocolOptions } from '../../protocols/definition.js';
import { DEFAULT_PROTOCOL, type ProtocolName } from '../../protocols/registry.js';
import type { PreflightResult, ProtocolAdapter } from '../../protocols/types.js';
import type {
  KycAnalysisErrorEvent,
  KycCameraErrorEvent,
  KycFrameEvent,
  KycLivenessFramesEvent,
} from '../kyc-camera-view/kyc-camera-view.js';
import { renderIntro, renderScreen, type ScreenSlot } from './kyc-capture.screens.js';
import { styles } from './kyc-capture.styles.js';

/** The element's colour themes; `auto` follows `prefers-color-scheme`. */
export type ColorTheme = 'light' | 'dark' | 'auto';

/**
 * The language tag in force for `element`: its own `lang`, else the closest one up the page, out of
 * shadow roots too (`<html lang>` at the top); '' when none says.
 */
function languageTag(element: Element): string {
  let node: Element | null = element;
  while (node) {
    // `lang=""` means "unknown": it does not stop the search.
    const found: Element | null = node.closest('[lang]:not([lang=""])');
    if (found) return found.getAttribute('lang') ?? '';
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return '';
}

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

/**
 * The identity-capture flow: consent and document choice, camera steps (front, back, selfie),
 * review, upload with server feedback, done. Renders the flow's state and forwards the person's
 * actions: its flow controller owns the state, the protocol adapter and the `kyc-*` events, its
 * capture controller turns frames and files into captures.
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
 * @fires {KycFrameMetricsEvent} kyc-frame-metrics - Opt-in (`frame-events`): each analysed live frame's verdict (metrics, outline, face) and ms, never pixels.
 *
 * @csspart root - Holds every screen; carries the shown language's `lang` and `dir` (`rtl` for Arabic).
 * @csspart screen - Each screen's container (also named after its screen: `intro`, `review`, …).
 * @csspart intro - The first screen: consent and the document choice.
 * @csspart review - The review screen.
 * @csspart uploading - The screen shown while an image uploads.
 * @csspart feedback - The screen that gives the backend's retake reason.
 * @csspart done - The last screen, once the backend has every image.
 * @csspart cancelled - The screen shown after `cancel()`.
 * @csspart error - The error screen.
 * @csspart error-next-step - What the person can do next, under the error screen's line.
 * @csspart camera-actions - The controls under the camera (the file fallback).
 * @csspart review-image - The photo shown for review.
 * @csspart review-warning - The review's warning when no portrait was found on the document.
 * @csspart attempts-left - How many attempts the backend still allows (validation-v2).
 * @csspart file-label - The "upload a photo instead" control.
 * @csspart resumed - The notice that a flow continued after a reload, with "Start over" (`resume`).
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
 * @slot intro - Replaces the intro's heading and text (the consent and the document choice stay).
 * @slot consent - Replaces the consent checkbox's label text (the checkbox stays the element's own).
 * @slot done - Replaces the heading and text of the done screen.
 *
 * @cssprop [--kyc-accent=#0b57d0] - Buttons and links (dark theme: #8ab4f8).
 * @cssprop [--kyc-on-accent=#fff] - Text on the accent colour (dark theme: #1b1f24).
 * @cssprop [--kyc-color=#1b1f24] - Text colour (dark theme: #e8eaed).
 * @cssprop [--kyc-background=#fff] - Background (dark theme: #1b1f24).
 * @cssprop [--kyc-muted=#5f6368] - Secondary text ("Step 1 of 3"; dark theme: #a8adb3).
 * @cssprop [--kyc-font=1rem/1.5 system-ui, sans-serif] - The `font` shorthand.
 * @cssprop [--kyc-radius=0.75rem] - Corner radius of the element.
 * @cssprop [--kyc-button-radius=999px] - Corner radius of buttons.
 * @cssprop [--kyc-max-width=40rem] - Largest inline size.
 * @cssprop [--kyc-padding=1.25rem] - Padding of each screen.
 * @cssprop [--kyc-focus=#b06000] - Focus ring (dark theme: #fdd663; over the camera: #f9ab00), and the ring of the shutter when it is offered.
 * @cssprop [--kyc-warning=#b45309] - Edge of warnings and retake reasons (dark theme: #f9ab00).
 * @cssprop [--kyc-warning-background=#fff4e5] - Background of warnings and retake reasons (dark theme: #3a2a12).
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
    redirectUrl: { attribute: 'redirect-url' },
    redirectOrigins: {
      attribute: 'redirect-origins',
      converter: {
        fromAttribute: (value: string | null) =>
          value ? value.split(/\s+/).filter(Boolean) : undefined,
      },
    },
    navigate: { attribute: false },
    resume: { type: Boolean },
    theme: { reflect: true },
    nonVisualGuidance: {
      attribute: 'guidance',
      converter: {
        fromAttribute: (value: string | null) =>
          value ? value.split(/[\s,]+/).filter(isNonVisualCue) : [],
      },
    },
    frameEvents: { type: Boolean, attribute: 'frame-events' },
  } as const;

  /** Short-lived start token from the backend; kept in memory only (property, not attribute). */
  declare token: string | undefined;
  /** Session id from the backend. */
  declare session: string | undefined;
  /**
   * Backend protocol by name (default `session-v1`), built in or registered with
   * `registerProtocol`; ignored when `adapter` is set.
   * @default 'session-v1'
   */
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
   * the person refuses or it fails, `location` is sent instead, if set.
   */
  declare geolocation: boolean;
  /** The position to send when geolocation is off or refused; none by default (none is made up). */
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
  /** A protocol adapter the host built itself; wins over `protocol` (none of its rules apply). */
  declare adapter: ProtocolAdapter | undefined;
  /** Overrides for any person-facing text: any subset of the catalog, at any depth. */
  declare messages: MessageOverrides;
  /** Capture behaviour: auto-capture, live checks and their thresholds, crop, size cap. */
  declare options: CaptureOptions;
  /**
   * Opt-in: where to send the person once the backend has every image, after `kyc-complete`
   * (which the host may cancel to stay). Same origin as the page, or one in `redirectOrigins`;
   * only http(s). Anything else is a `RedirectError` before the first photo.
   */
  declare redirectUrl: string | undefined;
  /** Origins besides the page's that `redirectUrl` may point to (attribute: space-separated). */
  declare redirectOrigins: string[] | undefined;
  /** How the element follows `redirectUrl`; default `location.assign` (replace for an SPA router). */
  declare navigate: (url: URL) => void;
  /**
   * Opt-in: keep the flow (position and the photos not yet on the backend, never the token)
   * encrypted in IndexedDB, so that a reload of the page continues it (iOS Safari may reload on
   * the camera prompt). Needs `session`; wiped on completion, cancel, the token's expiry, after
   * 30 minutes and when another session loads. See the README for its risk.
   */
  declare resume: boolean;
  /**
   * The colour theme: `light`, `dark`, or `auto` (unset, the default), which follows the device's
   * `prefers-color-scheme`. Any other value counts as `auto`, as HTML's enumerated attributes do.
   */
  declare theme: ColorTheme | undefined;
  /**
   * Opt-in guidance for a person who cannot see the preview, any of `speech` (the live
   * instruction spoken in the element's language, "Photo taken" on a capture), `tone` (pitch rises
   * as the document fills the frame, one steady note when the frame is good; sounds after the
   * Start press) and `vibration` (a buzz per capture, two on a failure). None by default.
   * Attribute `guidance="speech tone vibration"`.
   */
  declare nonVisualGuidance: NonVisualCue[];
  /**
   * Opt-in, for QA tools: dispatch `kyc-frame-metrics` with each analysed live frame's verdict
   * (metrics, document outline, face region) and its time, never its pixels. Off by default.
   */
  declare frameEvents: boolean;

  readonly #internals = this.attachInternals();
  readonly #flow = new FlowController(this, {
    states: this.#internals.states,
    onStepChange: () => {
      this.#capture.stepChanged();
      this.#cues.stepChanged();
    },
  });
  readonly #capture: CaptureController = new CaptureController(this, this.#flow);
  readonly #resume = new ResumeController(this, { flow: this.#flow });
  readonly #cues = new NonVisualGuidanceController(this);
  /** The flow's status at the last update: a failure is announced once, when it comes. */
  #lastStatus: FlowState['status'] | undefined;
  #chosenType: DocumentType | undefined;
  #consent = false;
  #reviewUrl: { capture: Capture; url: string } | undefined;
  /** The language shown and its catalog: the previous one stays until the next has loaded. */
  #shown: { language: Language; catalog: Messages } = { language: 'en', catalog: en };
  /** The language asked for last (it may still be loading). */
  #wanted: Language = 'en';
  #loading: Promise<void> = Promise.resolve();
  /** Watches `lang` up the page, which the element follows unless it has its own. */
  readonly #langObserver = new MutationObserver(() => this.#languageChanged());

  constructor() {
    super();
    this.protocol = DEFAULT_PROTOCOL;
    this.apiBase = '';
    this.protocolOptions = {};
    this.geolocation = false;
    this.messages = {};
    this.options = {};
    this.navigate = (url) => location.assign(url.href);
    this.resume = false;
    this.nonVisualGuidance = [];
    this.frameEvents = false;
  }

  /** The text catalog in use: the shown language's, with `messages` laid over it. */
  get text(): Messages {
    return withOverrides(this.#shown.catalog, this.messages);
  }

  /**
   * The language the element shows: the one of its `lang` attribute, else of the closest element up
   * the page with one (`<html lang>` at the top), matched to a catalog (`resolveLanguage`); English
   * when none is set or none matches. Until a newly chosen catalog has loaded, the previous one.
   */
  get language(): Language {
    return this.#shown.language;
  }

  /** Resolves once rendered, and once the language asked for has loaded (or failed to). */
  protected override async getUpdateComplete(): Promise<boolean> {
    // A `lang` just set is still a pending observer record: take it now, so its load is awaited.
    if (this.#langObserver.takeRecords().length) this.#languageChanged();
    await this.#loading;
    return super.getUpdateComplete();
  }

  /** Shows the language now in force, at once if its catalog is in memory, else once loaded. */
  #languageChanged(): void {
    const language = resolveLanguage(languageTag(this));
    if (language === this.#wanted) return;
    this.#wanted = language;
    const ready = loadedCatalog(language);
    if (ready) {
      this.#show(language, ready);
      return;
    }
    this.#loading = loadCatalog(language).then(
      (catalog) => {
        // A later change won the race: its own load shows it.
        if (this.#wanted === language) this.#show(language, catalog);
      },
      () => {
        // The chunk did not load (offline): the previous language stays, and a later change of
        // `lang`, or a reconnect, tries again. The flow goes on: nothing is lost.
        if (this.#wanted === language) this.#wanted = this.#shown.language;
      },
    );
  }

  #show(language: Language, catalog: Messages): void {
    this.#shown = { language, catalog };
    this.requestUpdate();
  }

  /** The flow's state (read-only for hosts; change it through the UI or `cancel()`). */
  get flow(): FlowState {
    return this.#flow.state;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // `token` is a property only. One written into the markup is taken out of the DOM at once
    // (session-replay tools, other scripts and CSS selectors read attributes) and not used.
    this.removeAttribute('token');
    // Its own `lang` (the native global attribute and `HTMLElement#lang` property, not a Lit
    // property: Lit would write `null` back through the native setter), and any up the page: the
    // document's `<html lang>` and the light DOM's ancestors.
    const lang = { attributes: true, attributeFilter: ['lang'] };
    this.#langObserver.observe(this, lang);
    this.#langObserver.observe(this.ownerDocument.documentElement, { ...lang, subtree: true });
    this.#languageChanged();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#langObserver.disconnect();
    this.#revokeReview();
  }

  /**
   * Checks, before the person starts, that the backend answers (idv-sdk: ping and health). Resolves
   * to `undefined` for protocols without probes; rejects with the typed error of the failure
   * (`ConfigurationError`, `NetworkError`, `HttpError`, …). The flow is not touched either way.
   */
  async preflight(options: { signal?: AbortSignal } = {}): Promise<PreflightResult | undefined> {
    return this.#flow.preflight(options);
  }

  /** Cancels the flow; the host gets `kyc-cancel`. */
  cancel(): void {
    this.#flow.cancel();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#flow.settingsChanged(changed);
    this.#cues.configure(this.nonVisualGuidance, this.#speechLang());
  }

  protected override updated(): void {
    const { status } = this.flow;
    // The camera view reports while it is live; off the camera screen, nothing is live.
    if (status !== 'camera') this.#cues.live(null);
    if (status !== this.#lastStatus && (status === 'error' || status === 'feedback')) {
      this.#cues.failed(this.#failureText());
    }
    this.#lastStatus = status;
  }

  /**
   * The language the flow speaks: the one its words are shown in (`language`), as the page tags it
   * where the tag names that language (`en-GB` picks a British voice for the English words).
   */
  #speechLang(): string {
    const tag = languageTag(this);
    return tag && resolveLanguage(tag) === this.language ? tag : this.language;
  }

  /** The sentence the error or retake screen shows, to say aloud. */
  #failureText(): string {
    const t = this.text;
    const flow = this.flow;
    if (flow.status === 'feedback') {
      return feedbackText(t, { feedback: flow.feedback, reason: flow.feedbackReason });
    }
    const inApp = inAppBrowser(globalThis.navigator?.userAgent) !== undefined;
    return flow.error ? errorText(t, flow.error, { inApp }) : t.errorTitle;
  }

  #start(event: SubmitEvent): void {
    event.preventDefault();
    // In the press itself: browsers let audio start only from a person's gesture.
    this.#cues.unlock();
    if (this.#consent) this.#flow.start(this.documentType ?? this.#chosenType);
  }

  #onFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.#capture.file(file);
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

  /** Whether the host put content in the named slot (`<h2 slot="intro">`). */
  readonly #slotted = (name: ScreenSlot): boolean =>
    [...this.children].some((child) => child.slot === name);

  readonly #slotChanged = (): void => this.requestUpdate();

  override render(): TemplateResult {
    const { status } = this.flow;
    if (status !== 'review') this.#revokeReview();
    const cameraMounted =
      status === 'camera' || status === 'review' || status === 'uploading' || status === 'feedback';
    const screen =
      status === 'intro'
        ? renderIntro({
            text: this.text,
            askType: this.#flow.needsDocument && !this.documentType,
            chosenType: this.#chosenType,
            consent: this.#consent,
            chooseType: (type) => {
              this.#chosenType = type;
              this.requestUpdate();
            },
            setConsent: (consent) => {
              this.#consent = consent;
              this.requestUpdate();
            },
            start: (event) => this.#start(event),
            slotted: this.#slotted,
            slotChanged: this.#slotChanged,
          })
        : renderScreen({
            flow: this.flow,
            text: this.text,
            reviewSrc: (capture) => this.#reviewSrc(capture),
            fileInput: () => this.#renderFileInput(),
            confirm: () => this.#flow.confirm(),
            retake: () => this.#flow.retake(),
            retry: () => this.#flow.retry(),
            slotted: this.#slotted,
            slotChanged: this.#slotChanged,
          });
    // The shown catalog's language and direction, so that screen readers pronounce it and Arabic
    // lays out right to left (the camera preview and the guide keep their geometry).
    const language = this.language;
    return html`<div part="root" lang=${language} dir=${isRightToLeft(language) ? 'rtl' : 'ltr'}>
      ${this.#renderResumed()} ${cameraMounted ? this.#renderCamera(status === 'camera') : nothing}
      ${screen}
    </div>`;
  }

  /** After a resume: the person is told the flow continued, and may start over instead. */
  #renderResumed(): TemplateResult | typeof nothing {
    if (!this.#resume.resumed) return nothing;
    const t = this.text.resume;
    return html`<div class="resumed" part="resumed" role="status">
      <p>${t.notice}</p>
      <button type="button" @click=${() => this.#resume.startOver()}>${t.startOver}</button>
    </div>`;
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
    const live = this.#capture.liveSettings(step);
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
        .onLiveCue=${this.nonVisualGuidance.length ? this.#onLiveCue : null}
        .frameEvents=${this.frameEvents}
        @kyc-frame-metrics=${this.#forwardMetrics}
        @kyc-frame=${(e: KycFrameEvent) => {
          this.#cues.captured(t.nonVisual.photoTaken);
          void this.#capture.frame(e.detail);
        }}
        @kyc-liveness-frames=${(e: KycLivenessFramesEvent) => {
          this.#cues.captured(t.liveness.done);
          void this.#capture.livenessFrames(e.detail);
        }}
        @kyc-analysis-error=${(e: KycAnalysisErrorEvent) => this.#flow.reportAnalysisError(e.detail.error)}
        @kyc-camera-error=${(e: KycCameraErrorEvent) => this.#flow.cameraFailed(e.detail.error)}
      ></kyc-camera-view>
      ${visible ? html`<div class="actions" part="screen camera-actions">${this.#renderFileInput()}</div>` : nothing}`;
  }

  readonly #onLiveCue = (cue: LiveCue | null): void => this.#cues.live(cue);

  /** The view's metrics leave from this element, as every `kyc-*` event it declares does. */
  #forwardMetrics = (event: KycFrameMetricsEvent): void => {
    event.stopPropagation();
    this.dispatchEvent(new KycFrameMetricsEvent(event.detail));
  };

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
