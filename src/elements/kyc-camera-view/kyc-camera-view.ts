import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { AutoCaptureOptions } from '../../capture/auto-capture.js';
import {
  isSelfieVerdict,
  type KycFrameDetail,
  type LivenessFramesDetail,
  type LivenessProgress,
  type LivenessSettings,
  type LiveVerdict,
  type SelfieSettings,
} from '../../capture/live-types.js';
import { CameraController } from '../../controllers/camera-controller.js';
import type { CameraError } from '../../controllers/camera-error.js';
import type { FrameSampler } from '../../controllers/frame-sampler.js';
import { LiveAnalysisController } from '../../controllers/live-analysis.js';
import type { LiveCue } from '../../controllers/non-visual-guidance.js';
import type { KycError } from '../../errors.js';
import { KycFrameMetricsEvent } from '../../events/frame-metrics.js';
import type { SelfieIssue } from '../../face/selfie.js';
import { en, type Messages } from '../../i18n/en.js';
import type { DocumentQualityOptions, QualityIssue } from '../../quality/types.js';
import { styles } from './kyc-camera-view.styles.js';

// The live analysis's vocabulary, where the view's owner and integrators have always found it.
export {
  isSelfieVerdict,
  type KycFrameDetail,
  type LivenessSettings,
  type LivenessShot,
  type LiveVerdict,
  type SelfieSettings,
} from '../../capture/live-types.js';

/** The guide drawn over the preview: an ID-1 card, a passport page or a face oval. */
export type GuideShape = 'id-card' | 'passport' | 'face';

/** Internal request from the camera view to its owner: the liveness sequence is complete. */
export class KycLivenessFramesEvent extends Event {
  /** The event's name. */
  static readonly eventName = 'kyc-liveness-frames' as const;
  /** The shots, in order, and the mode they were taken for. */
  readonly detail: LivenessFramesDetail;

  constructor(detail: LivenessFramesDetail) {
    super(KycLivenessFramesEvent.eventName, { bubbles: true });
    this.detail = detail;
  }
}

/** Internal request from the camera view to its owner: the person took a photo. */
export class KycFrameEvent extends Event {
  /** The event's name. */
  static readonly eventName = 'kyc-frame' as const;
  /** The captured frame and where it came from. */
  readonly detail: KycFrameDetail;

  constructor(detail: KycFrameDetail) {
    // Not composed: it is for the owning <kyc-capture>, not the host page.
    super(KycFrameEvent.eventName, { bubbles: true });
    this.detail = detail;
  }
}

/** Internal notice from the camera view to its owner: the camera failed. */
export class KycCameraErrorEvent extends Event {
  /** The event's name. */
  static readonly eventName = 'kyc-camera-error' as const;
  /** The typed camera error. */
  readonly detail: { readonly error: CameraError };

  constructor(error: CameraError) {
    super(KycCameraErrorEvent.eventName, { bubbles: true });
    this.detail = { error };
  }
}

/**
 * Internal notice from the camera view to its owner: a live check cannot run as built (its worker,
 * the face detector's wasm or model could not be loaded). The view carries on without it (the
 * document checks on the main thread, the selfie with the shutter).
 */
export class KycAnalysisErrorEvent extends Event {
  /** The event's name. */
  static readonly eventName = 'kyc-analysis-error' as const;
  /** The typed error. */
  readonly detail: { readonly error: KycError };

  constructor(error: KycError) {
    super(KycAnalysisErrorEvent.eventName, { bubbles: true });
    this.detail = { error };
  }
}

/** The events `<kyc-camera-view>` dispatches (requests to its owner), for typings that list them. */
export const CAMERA_VIEW_EVENT_NAMES = [
  KycFrameEvent.eventName,
  KycCameraErrorEvent.eventName,
  KycAnalysisErrorEvent.eventName,
  KycLivenessFramesEvent.eventName,
  KycFrameMetricsEvent.eventName,
] as const;

declare global {
  interface GlobalEventHandlersEventMap {
    'kyc-frame': KycFrameEvent;
    'kyc-camera-error': KycCameraErrorEvent;
    'kyc-analysis-error': KycAnalysisErrorEvent;
    'kyc-liveness-frames': KycLivenessFramesEvent;
  }
}

/**
 * Live camera preview with a capture guide, guidance text and the shutter. Owns the camera through
 * a `CameraController` and the live checks and auto-capture through a `LiveAnalysisController`;
 * renders what they say and reports photos and failures up as events. `<kyc-capture>` renders one
 * and re-exports its parts; its events are requests to that owner (they bubble but are not
 * composed).
 *
 * @summary The camera step: preview, guide, live guidance and the shutter.
 *
 * @fires {KycFrameEvent} kyc-frame - A photo was taken (auto-capture or the shutter); the listener owns the frame.
 * @fires {KycCameraErrorEvent} kyc-camera-error - The camera failed (permission, device, track ended).
 * @fires {KycAnalysisErrorEvent} kyc-analysis-error - A live check cannot run as built (worker, face wasm or model); the view carries on without it.
 * @fires {KycLivenessFramesEvent} kyc-liveness-frames - A liveness sequence is complete.
 * @fires {KycFrameMetricsEvent} kyc-frame-metrics - Opt-in (`frame-events`): an analysed live frame's verdict and timing, no pixels.
 *
 * @csspart video - The live preview.
 * @csspart guide - The frame the document or face should fill.
 * @csspart overlay - The layer the detected document outline is drawn on.
 * @csspart quad - The detected document outline.
 * @csspart guidance - The live instruction (an aria-live region).
 * @csspart manual-hint - The hint to use the shutter when auto-capture struggles.
 * @csspart liveness-progress - "Movement n of 4" on a liveness step.
 * @csspart liveness-retry - "Try again" after a liveness challenge ran out of time.
 * @csspart shutter - The take-photo button.
 *
 * @cssprop [--kyc-camera-background=#000] - Behind the preview.
 * @cssprop [--kyc-camera-aspect=4 / 3] - Aspect ratio of the preview.
 * @cssprop [--kyc-guide-color=rgba(255, 255, 255, 0.9)] - The guide's border.
 * @cssprop [--kyc-guide-dim=rgba(0, 0, 0, 0.45)] - The dimming outside the guide.
 * @cssprop [--kyc-quad-good=#34a853] - The document outline when the frame is good.
 * @cssprop [--kyc-quad-bad=#f9ab00] - The document outline while a check fails.
 * @cssprop [--kyc-shutter-color=#fff] - The shutter button.
 * @cssprop [--kyc-focus=#f9ab00] - Focus ring, and the ring of the shutter when it is offered (3:1 or more on the camera's black).
 */
export class KycCameraViewElement extends LitElement {
  static override styles = styles;

  // `as const`: the framework typings (src/frameworks/) derive props and attributes from it.
  static override properties = {
    active: { type: Boolean },
    facingMode: { attribute: 'facing-mode' },
    guide: {},
    heading: {},
    guidance: {},
    progress: {},
    messages: { attribute: false },
    /** Hidden behind another screen of its owner: the camera stays open, sampling stops. */
    hidden: { type: Boolean, reflect: true },
    quality: { attribute: false },
    selfie: { attribute: false },
    liveness: { attribute: false },
    autoCapture: { attribute: false },
    manualAfterMs: { attribute: false },
    onLiveCue: { attribute: false },
    frameEvents: { type: Boolean, attribute: 'frame-events' },
    busy: { state: true },
  } as const;

  /** Whether the camera should run. */
  declare active: boolean;
  /** Which camera to prefer: `environment` (documents) or `user` (selfies). */
  declare facingMode: 'user' | 'environment';
  /** The guide shape over the preview. */
  declare guide: GuideShape;
  /** Title of the current step. */
  declare heading: string;
  /** The one instruction to show now. */
  declare guidance: string;
  /** Progress text such as "Step 1 of 3". */
  declare progress: string;
  /** Text catalog. */
  declare messages: Messages;
  /** Document checks to run on live frames; null turns them off. */
  declare quality: DocumentQualityOptions | null;
  /** Selfie checks to run on live frames (instead of the document checks); null turns them off. */
  declare selfie: SelfieSettings | null;
  /** A liveness sequence to capture (with the selfie checks) instead of one photo; null: none. */
  declare liveness: LivenessSettings | null;
  /** Auto-capture policy; null leaves capture to the shutter alone. */
  declare autoCapture: AutoCaptureOptions | null;
  /** After this long without an auto-capture, the shutter is offered prominently (ms). */
  declare manualAfterMs: number;
  /**
   * Told after each update what the live preview shows (instruction, fill, good), or null while
   * it is not live: its owner's non-visual guidance (speech, tone) follows it. Null: none.
   */
  declare onLiveCue: ((cue: LiveCue | null) => void) | null;
  /** Opt-in: dispatch `kyc-frame-metrics` for every analysed live frame (QA tools, tuning). */
  declare frameEvents: boolean;
  /** True while a shutter photo is being taken. */
  declare busy: boolean;

  /** The camera; exposed for hosts that need its state (devices, resolution, torch). */
  readonly camera = new CameraController(this);
  /** The live checks and the capture policy; the view shows what they say and hands up captures. */
  readonly live = new LiveAnalysisController(this, {
    onCapture: (frame, verdict) => this.#emitFrame(frame, true, verdict),
    onSequence: (mode, shots) => this.dispatchEvent(new KycLivenessFramesEvent({ mode, shots })),
    onAnalysisError: (error: KycError) => this.dispatchEvent(new KycAnalysisErrorEvent(error)),
    busy: () => this.busy,
    onVerdict: (verdict, ms) => {
      if (!this.frameEvents) return;
      const mirrored = this.shadowRoot?.querySelector('video')?.classList.contains('mirrored');
      this.dispatchEvent(new KycFrameMetricsEvent({ verdict, ms, mirrored: !!mirrored }));
    },
  });
  /** Samples live frames for analysis while a quality check is configured. */
  readonly sampler: FrameSampler = this.live.sampler;
  #reported: CameraError | undefined;

  constructor() {
    super();
    this.active = false;
    this.facingMode = 'environment';
    this.guide = 'id-card';
    this.heading = '';
    this.guidance = '';
    this.progress = '';
    this.messages = en;
    this.quality = null;
    this.selfie = null;
    this.liveness = null;
    this.autoCapture = null;
    this.manualAfterMs = 10_000;
    this.onLiveCue = null;
    this.frameEvents = false;
    this.busy = false;
    this.addEventListener('keydown', this.#onKeydown);
  }

  /** The latest frame's analysis. */
  get verdict(): LiveVerdict | undefined {
    return this.live.verdict;
  }

  /** True once the manual-capture hint is shown for this step. */
  get struggling(): boolean {
    return this.live.struggling;
  }

  /** What the liveness sequence is doing, for rendering. */
  get livenessState(): LivenessProgress | undefined {
    return this.live.progress;
  }

  /** The issues that currently stand in the way, for guidance and for the capture's record. */
  get issues(): readonly (QualityIssue | SelfieIssue)[] {
    return this.live.issues;
  }

  /** Starts the challenges over after a time-out, with a fresh draw. */
  retryLiveness(): void {
    this.live.retry();
  }

  // Starting here rather than in updated() lets the "starting" state render in this same update.
  protected override willUpdate(changed: PropertyValues<this>): void {
    const { quality, selfie, liveness, autoCapture, manualAfterMs } = this;
    // A new step (or the view shown again after review): the policy and the patience timer start over.
    const newStep = changed.has('heading') || (changed.has('hidden') && !this.hidden);
    this.live.configure({ quality, selfie, liveness, autoCapture, manualAfterMs }, newStep);
    if (!changed.has('active') && !changed.has('facingMode')) return;
    const facingChanged = changed.has('facingMode') && changed.get('facingMode') !== undefined;
    if (this.active && (this.camera.status === 'idle' || facingChanged)) {
      void this.camera.start({ facingMode: this.facingMode });
    } else if (!this.active) {
      this.camera.stop();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    const video = this.renderRoot.querySelector('video');
    this.camera.attach(video);
    const wantLive = this.active && !this.hidden;
    this.live.run(wantLive && this.camera.status === 'live' ? video : null);
    this.onLiveCue?.(wantLive && this.camera.status === 'live' ? this.#liveCue() : null);
    // Report a failure when the view is (or becomes) visible; a hidden view's failure waits.
    if (
      wantLive &&
      this.camera.status === 'error' &&
      this.camera.error &&
      this.#reported !== this.camera.error
    ) {
      this.#reported = this.camera.error;
      this.dispatchEvent(new KycCameraErrorEvent(this.camera.error));
    }
    if (changed.has('hidden') && !this.hidden) {
      this.renderRoot.querySelector<HTMLButtonElement>('[part~="shutter"]')?.focus();
    }
  }

  /** Space or Enter anywhere in the view takes the photo (buttons keep their own meaning). */
  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== ' ' && event.key !== 'Enter') return;
    const target = event.composedPath()[0];
    if (target instanceof HTMLButtonElement || target instanceof HTMLInputElement) return;
    event.preventDefault();
    void this.shoot();
  };

  #emitFrame(frame: ImageBitmap, auto: boolean, verdict: LiveVerdict | undefined): void {
    this.dispatchEvent(
      new KycFrameEvent({
        frame,
        cameraLabel: this.camera.label,
        facingMode: this.camera.facingMode,
        auto,
        verdict,
      }),
    );
  }

  /** Takes a full-resolution photo and hands it up as a `kyc-frame` event. */
  async shoot(): Promise<void> {
    if (this.busy || this.camera.status !== 'live') return;
    this.busy = true;
    try {
      const frame = await this.camera.captureFrame();
      this.#emitFrame(frame, false, this.verdict);
    } catch (error) {
      this.dispatchEvent(new KycCameraErrorEvent(error as CameraError));
    } finally {
      this.busy = false;
    }
  }

  /** What the preview shows now, for guidance that does not need sight. */
  #liveCue(): LiveCue {
    const verdict = this.verdict;
    const fill = !verdict
      ? null
      : isSelfieVerdict(verdict)
        ? (verdict.face?.size ?? null)
        : verdict.quad
          ? verdict.metrics.fill
          : null;
    return { text: this.#instruction(), fill, good: verdict?.acceptable ?? false };
  }

  /** The one instruction to show now, in the catalog's words. */
  #instruction(): string {
    const t = this.messages;
    const guidance = this.live.guidance;
    switch (guidance.kind) {
      case 'hint':
        return guidance.loading ? `${this.guidance} ${t.loadingFaceCheck}` : this.guidance;
      case 'hold-still':
        return t.holdStill;
      case 'quality':
        return t.quality[guidance.issue];
      case 'selfie':
        return t.selfie[guidance.issue];
      case 'liveness':
        return t.liveness[guidance.message];
    }
  }

  #renderQuad(mirrored: boolean): TemplateResult | typeof nothing {
    const verdict = this.verdict;
    if (!verdict?.quad) return nothing;
    const points = verdict.quad.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
    // Same box and "cover" fit as the video, so analysis pixels land on the matching video pixels.
    return html`<svg
      part="overlay"
      class=${mirrored ? 'mirrored' : ''}
      viewBox="0 0 ${verdict.width} ${verdict.height}"
      preserveAspectRatio="xMidYMid slice"
      aria-hidden="true"
    >
      <polygon part="quad" class=${verdict.acceptable ? 'good' : 'bad'} points=${points}></polygon>
    </svg>`;
  }

  override render(): TemplateResult {
    const t = this.messages;
    const camera = this.camera;
    const live = camera.status === 'live';
    const mirrored =
      camera.facingMode === 'user' || (this.facingMode === 'user' && !camera.facingMode);
    return html`
      <header>
        <div class="progress">${this.progress}</div>
        <h2>${this.heading}</h2>
        ${
          this.livenessState?.count
            ? html`<p part="liveness-progress" class="progress">
                ${t.liveness.movementOf(this.livenessState.index, this.livenessState.count)}
              </p>`
            : nothing
        }
        <p part="guidance" aria-live="polite">${this.#instruction()}</p>
        ${
          this.livenessState?.instruction === 'timed_out'
            ? html`<button part="liveness-retry" @click=${() => this.retryLiveness()}>
                ${t.tryAgain}
              </button>`
            : nothing
        }
        ${this.struggling ? html`<p part="manual-hint" class="hint">${t.manualHint}</p>` : nothing}
      </header>
      <div class="stage">
        <video
          part="video"
          class=${mirrored ? 'mirrored' : ''}
          muted
          playsinline
          autoplay
          aria-hidden="true"
        ></video>
        <div part="guide" class=${this.guide}></div>
        ${this.#renderQuad(mirrored)}
        ${
          // Until the first frame plays, the video is black: say the camera is still coming.
          camera.status === 'starting' || camera.status === 'idle' || (live && !camera.previewing)
            ? html`<div class="status" role="status">${t.startingCamera}</div>`
            : camera.status === 'paused'
              ? html`<div class="status" role="status">${t.cameraPaused}</div>`
              : nothing
        }
      </div>
      <div class="bar">
        <span></span>
        <button
          part="shutter"
          class=${this.struggling ? 'prominent' : ''}
          aria-label=${t.takePhoto}
          ?disabled=${!live || this.busy}
          ?hidden=${this.liveness !== null}
          @click=${this.shoot}
        ></button>
        <span class="end">
          ${
            camera.devices.length > 1
              ? html`<button @click=${() => camera.switchDevice()}>${t.switchCamera}</button>`
              : nothing
          }
          ${
            camera.torchSupported
              ? html`<button
                  aria-pressed=${camera.torchOn ? 'true' : 'false'}
                  @click=${() => camera.setTorch(!camera.torchOn)}
                >
                  ${camera.torchOn ? t.torchOff : t.torchOn}
                </button>`
              : nothing
          }
        </span>
      </div>
    `;
  }
}
