import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  AutoCapture,
  type AutoCaptureOptions,
  type PolicyVerdict,
} from '../../capture/auto-capture.js';
import { CameraController } from '../../controllers/camera-controller.js';
import type { CameraError } from '../../controllers/camera-error.js';
import { KycError } from '../../errors.js';
import { FrameSampler, type FrameSample } from '../../controllers/frame-sampler.js';
import { en, type Messages } from '../../i18n/en.js';
import type { FaceAnalyzer } from '../../face/face-analyzer.js';
import type { SelfieIssue, SelfieQualityOptions, SelfieVerdict } from '../../face/selfie.js';
import type {
  ActiveLiveness,
  PassiveLiveness,
  ActiveLivenessOptions,
  Challenge,
  LivenessInstruction,
  PassiveLivenessOptions,
} from '../../face/liveness.js';
import type { LivenessMode } from '../../capture/types.js';
import { FrameAnalyzer } from '../../quality/frame-analyzer.js';
import type { CameraFrame } from '../../quality/read-frame.js';
import type { DocumentQualityOptions, FrameVerdict, QualityIssue } from '../../quality/types.js';
import { styles } from './kyc-camera-view.styles.js';

/** The guide drawn over the preview: an ID-1 card, a passport page or a face oval. */
export type GuideShape = 'id-card' | 'passport' | 'face';

/** A live frame's analysis: the document checks' or the selfie checks'. */
export type LiveVerdict = FrameVerdict | SelfieVerdict;

/** A full-resolution frame held by a capture policy, with its analysis. */
interface Payload {
  readonly bitmap: ImageBitmap;
  readonly verdict: LiveVerdict;
}

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

/** Internal request from the camera view to its owner: the liveness sequence is complete. */
export class KycLivenessFramesEvent extends Event {
  /** The event's name. */
  static readonly eventName = 'kyc-liveness-frames' as const;
  /** The shots, in order, and the mode they were taken for. */
  readonly detail: { readonly mode: LivenessMode; readonly shots: readonly LivenessShot[] };

  constructor(detail: KycLivenessFramesEvent['detail']) {
    super(KycLivenessFramesEvent.eventName, { bubbles: true });
    this.detail = detail;
  }
}

/** Whether a verdict is the selfie checks'. */
export const isSelfieVerdict = (verdict: LiveVerdict): verdict is SelfieVerdict =>
  'face' in verdict;

/** The `detail` of {@link KycFrameEvent}. */
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
 * a `CameraController`; reports photos and failures up as events. `<kyc-capture>` renders one and
 * re-exports its parts; its events are requests to that owner (they bubble but are not composed).
 *
 * @summary The camera step: preview, guide, live guidance and the shutter.
 *
 * @fires {KycFrameEvent} kyc-frame - A photo was taken (auto-capture or the shutter); the listener owns the frame.
 * @fires {KycCameraErrorEvent} kyc-camera-error - The camera failed (permission, device, track ended).
 * @fires {KycAnalysisErrorEvent} kyc-analysis-error - A live check cannot run as built (worker, face wasm or model); the view carries on without it.
 * @fires {KycLivenessFramesEvent} kyc-liveness-frames - A liveness sequence is complete.
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
 * @cssprop [--kyc-focus=#f9ab00] - Focus ring, and the ring of the shutter when it is offered.
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
    livenessState: { state: true },
    autoCapture: { attribute: false },
    manualAfterMs: { attribute: false },
    busy: { state: true },
    verdict: { state: true },
    struggling: { state: true },
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
  /** What the liveness sequence is doing, for rendering. */
  declare livenessState:
    | { readonly instruction: LivenessInstruction; readonly index: number; readonly count: number }
    | undefined;
  /** Auto-capture policy; null leaves capture to the shutter alone. */
  declare autoCapture: AutoCaptureOptions | null;
  /** After this long without an auto-capture, the shutter is offered prominently (ms). */
  declare manualAfterMs: number;
  /** True while a shutter photo is being taken. */
  declare busy: boolean;
  /** The latest frame's analysis. */
  declare verdict: LiveVerdict | undefined;
  /** True once the manual-capture hint is shown for this step. */
  declare struggling: boolean;

  /** The camera; exposed for hosts that need its state (devices, resolution, torch). */
  readonly camera = new CameraController(this);
  /** Samples live frames for analysis while a quality check is configured. */
  readonly sampler = new FrameSampler(this, { onSample: (sample) => this.#onSample(sample) });
  #analyzer: FrameAnalyzer | undefined;
  #faces: FaceAnalyzer | undefined;
  /** The face detector could not be loaded: the selfie step is left to the shutter. */
  #faceFailed = false;
  /** The face detector is loaded (until then the step says it is getting ready). */
  #faceReady = false;
  #policy = this.#newPolicy();
  #passive: PassiveLiveness<Payload> | undefined;
  #active: ActiveLiveness<Payload> | undefined;
  /** Challenge shots taken so far in this attempt. */
  #shots: LivenessShot[] = [];
  #struggleTimer: ReturnType<typeof setTimeout> | undefined;

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
    this.busy = false;
    this.struggling = false;
    this.addEventListener('keydown', this.#onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resetStep();
    this.#analyzer?.dispose();
    this.#analyzer = undefined;
    this.#faces = undefined;
    this.#dropShots();
  }

  #newPolicy(): AutoCapture<Payload, PolicyVerdict> {
    return new AutoCapture(this.autoCapture ?? {}, ({ bitmap }) => bitmap.close());
  }

  /**
   * Sets up the liveness policy for this step (a new draw of challenges for an active one). Its
   * code loads only when a liveness step shows; frames that arrive before it are dropped.
   */
  #startLiveness(): void {
    this.#dropShots();
    this.#passive?.reset();
    this.#active?.reset();
    this.#passive = undefined;
    this.#active = undefined;
    const settings = this.liveness;
    if (!settings) {
      this.livenessState = undefined;
      return;
    }
    this.livenessState = { instruction: 'look_straight', index: 0, count: 0 };
    void import('../../face/liveness.js').then((liveness) => {
      // The step may have moved on while the code loaded.
      if (this.liveness !== settings || this.#passive || this.#active) return;
      const release = ({ bitmap }: Payload) => bitmap.close();
      if (settings.mode === 'passive') {
        this.#passive = new liveness.PassiveLiveness<Payload>(settings.passive, release);
        return;
      }
      const challenges = liveness.drawChallenges(4, settings.random);
      this.#active = new liveness.ActiveLiveness<Payload>(challenges, settings.active, release);
      this.livenessState = { instruction: 'look_straight', index: 1, count: challenges.length };
    });
  }

  #dropShots(): void {
    for (const shot of this.#shots) shot.frame.close();
    this.#shots = [];
  }

  /** Starts the challenges over after a time-out, with a fresh draw. */
  retryLiveness(): void {
    this.#startLiveness();
    this.sampler.stop();
    this.requestUpdate();
  }

  /** Feeds one analysed frame to the liveness policy; true when it took the frame. */
  #pushLiveness(verdict: LiveVerdict, time: number, payload: Payload): boolean {
    const settings = this.liveness;
    if (!settings || !isSelfieVerdict(verdict)) return false;
    if (this.#passive) {
      const burst = this.#passive.push(verdict, time, payload);
      this.livenessState = { instruction: 'look_straight', index: 0, count: 0 };
      if (burst) {
        this.#emitLiveness(
          settings.mode,
          burst.map(({ bitmap, verdict: v }) => ({
            label: 'liveness_passive',
            frame: bitmap,
            verdict: v as SelfieVerdict,
          })),
        );
      }
      return true;
    }
    const active = this.#active;
    if (!active) {
      // The policy's code is still loading: no capture of any kind on a liveness step.
      payload.bitmap.close();
      return true;
    }
    const shot = active.push(verdict, time, payload);
    if (shot) {
      this.#shots.push({
        label: `liveness_active_step_${shot.step}`,
        challenge: shot.challenge,
        frame: shot.payload.bitmap,
        verdict: shot.payload.verdict as SelfieVerdict,
      });
    }
    this.livenessState = {
      instruction: active.instruction,
      index: Math.min(active.index, active.challenges.length),
      count: active.challenges.length,
    };
    if (active.state === 'done') {
      const shots = this.#shots;
      this.#shots = [];
      this.#emitLiveness(settings.mode, shots);
    } else if (active.state === 'timed-out') {
      this.sampler.stop();
      this.#dropShots();
    }
    return true;
  }

  #emitLiveness(mode: LivenessMode, shots: readonly LivenessShot[]): void {
    this.sampler.stop();
    this.dispatchEvent(new KycLivenessFramesEvent({ mode, shots }));
  }

  /** Whether live frames are analysed on this step. */
  get #analysed(): boolean {
    return this.quality !== null || (this.selfie !== null && !this.#faceFailed);
  }

  // Starting here rather than in updated() lets the "starting" state render in this same update.
  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new step (or the view shown again after review): the policy and the patience timer start over.
    if (changed.has('heading') || (changed.has('hidden') && !this.hidden)) this.#resetStep();
    if (changed.has('autoCapture')) {
      this.#policy.reset();
      this.#policy = this.#newPolicy();
    }
    if (changed.has('liveness') && !changed.has('heading')) this.#startLiveness();
    if (changed.has('selfie') && this.selfie && this.selfie.analyzer !== this.#faces) {
      // The detector loads as soon as a selfie step shows (its files are prefetched before).
      this.#faces = this.selfie.analyzer;
      this.#faceFailed = false;
      this.#faceReady = false;
      const faces = this.#faces;
      faces.load().then(
        () => {
          if (this.#faces !== faces) return;
          this.#faceReady = true;
          this.requestUpdate();
        },
        (error: unknown) => {
          if (this.#faces === faces) this.#onFaceFailure(error);
        },
      );
    }
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
    if (wantLive && this.#analysed && this.camera.status === 'live' && video) {
      this.sampler.start(video);
      this.#armStruggleTimer();
    } else {
      this.sampler.stop();
    }
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

  #reported: CameraError | undefined;

  /** Space or Enter anywhere in the view takes the photo (buttons keep their own meaning). */
  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== ' ' && event.key !== 'Enter') return;
    const target = event.composedPath()[0];
    if (target instanceof HTMLButtonElement || target instanceof HTMLInputElement) return;
    event.preventDefault();
    void this.shoot();
  };

  #resetStep(): void {
    this.#policy.reset();
    this.#startLiveness();
    this.verdict = undefined;
    this.struggling = false;
    clearTimeout(this.#struggleTimer);
    this.#struggleTimer = undefined;
  }

  #armStruggleTimer(): void {
    if (this.#struggleTimer !== undefined || this.struggling) return;
    this.#struggleTimer = setTimeout(() => {
      this.struggling = true;
    }, this.manualAfterMs);
  }

  /** The face detector cannot load: say nothing more about faces and offer the shutter. */
  #onFaceFailure(error: unknown): void {
    if (this.#faceFailed) return;
    if (error instanceof KycError) this.dispatchEvent(new KycAnalysisErrorEvent(error));
    this.#faceFailed = true;
    this.verdict = undefined;
    this.struggling = true;
    this.requestUpdate();
  }

  /** Analyses one frame with this step's checks; undefined when it could not be. */
  async #analyse(
    frame: CameraFrame,
    time: number,
    keepFull: boolean,
  ): Promise<{ verdict: LiveVerdict; full?: ImageBitmap } | undefined> {
    const { quality, selfie } = this;
    try {
      if (quality) {
        this.#analyzer ??= new FrameAnalyzer({
          onWorkerLoadError: (error) => this.dispatchEvent(new KycAnalysisErrorEvent(error)),
        });
        return await this.#analyzer.analyze(frame, quality, { keepFull });
      }
      if (selfie && this.#faces && !this.#faceFailed) {
        return await this.#faces.analyzeSelfie(frame, time, selfie.quality, { keepFull });
      }
    } catch (error) {
      // A detector that cannot load fails every frame the same way: stop asking it.
      if (selfie && (error as { code?: string }).code?.startsWith('face-'))
        this.#onFaceFailure(error);
      // Otherwise one frame that could not be analysed changes nothing: the next one is tried.
      return undefined;
    }
    frame.close();
    return undefined;
  }

  async #onSample({ frame, time }: FrameSample): Promise<void> {
    // Full-resolution frames only feed auto-capture: without it, don't pay for them every sample.
    const analysed = await this.#analyse(frame, time, this.autoCapture !== null && !this.busy);
    if (!analysed) return;
    const { verdict, full } = analysed;
    if (!this.sampler.running) {
      full?.close();
      return;
    }
    this.verdict = verdict;
    if (!this.autoCapture || !full || this.busy) {
      full?.close();
      return;
    }
    if (this.#pushLiveness(verdict, time, { bitmap: full, verdict })) return;
    const chosen = this.#policy.push(verdict, time, { bitmap: full, verdict });
    if (!chosen) return;
    this.sampler.stop();
    this.#emitFrame(chosen.bitmap, true, chosen.verdict);
  }

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

  /** The issues that currently stand in the way, for guidance and for the capture's record. */
  get issues(): readonly (QualityIssue | SelfieIssue)[] {
    return this.verdict ? (this.#policy.issues as readonly (QualityIssue | SelfieIssue)[]) : [];
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

  /** The one instruction to show now: the live analysis's first issue, else the step's hint. */
  #instruction(): string {
    const t = this.messages;
    const verdict = this.verdict;
    if (!this.#analysed) return this.guidance;
    // The face check is still loading: the step's hint, and that it is coming.
    if (!verdict) {
      return this.selfie && !this.#faceReady
        ? `${this.guidance} ${t.loadingFaceCheck}`
        : this.guidance;
    }
    if (this.liveness && this.livenessState && isSelfieVerdict(verdict)) {
      return this.#livenessInstruction(this.livenessState.instruction, verdict);
    }
    const [issue] = this.issues;
    if (!issue) return t.holdStill;
    return isSelfieVerdict(verdict)
      ? t.selfie[issue as SelfieIssue]
      : t.quality[issue as QualityIssue];
  }

  /** The liveness step's instruction: the movement to make, or what stands in the way. */
  #livenessInstruction(instruction: LivenessInstruction, verdict: SelfieVerdict): string {
    const t = this.messages;
    const [issue] = verdict.issues;
    switch (instruction) {
      case 'look_straight':
        if (issue) return t.selfie[issue];
        return this.liveness?.mode === 'passive' ? t.liveness.holdStill : t.liveness.look_straight;
      case 'show_face':
        return t.selfie.no_face;
      case 'one_face':
        return t.selfie.multiple_faces;
      default:
        return t.liveness[instruction];
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
