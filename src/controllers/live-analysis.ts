// The live analysis of a camera view: frames sampled from the preview, analysed off the main thread
// (the document checks in the quality worker, the selfie checks in the face worker its owner hands
// in), each verdict fed to the step's capture policy (capture/policy.ts), and what to tell the
// person. The view renders `verdict`, `guidance`, `progress` and `struggling`, and turns what the
// config's callbacks report into its events; it never asks which policy runs.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AutoCapturePolicy, type AutoCaptureOptions } from '../capture/auto-capture.js';
import {
  isSelfieVerdict,
  LOOK_STRAIGHT,
  type LivenessProgress,
  type LivenessSettings,
  type LivenessShot,
  type LiveVerdict,
  type SelfieSettings,
} from '../capture/live-types.js';
import type { LivenessSequence } from '../capture/liveness-policy.js';
import type { LivenessMode } from '../capture/types.js';
import { KycError } from '../errors.js';
import type { FaceAnalyzer } from '../face/face-analyzer.js';
import { FaceErrorCode } from '../face/errors.js';
import type { LivenessInstruction } from '../face/liveness.js';
import type { SelfieIssue, SelfieVerdict } from '../face/selfie.js';
import type { CapturePolicy } from '../internal/capture-policy.js';
import { sameValue } from '../internal/same-value.js';
import { FrameAnalyzer } from '../quality/frame-analyzer.js';
import type { CameraFrame } from '../quality/read-frame.js';
import type { DocumentQualityOptions, QualityIssue } from '../quality/types.js';
import { FrameSampler, type FrameSample } from './frame-sampler.js';

/** What the live analysis runs: the camera view's properties of the same names. */
export interface LiveAnalysisOptions {
  /** Document checks to run on live frames; null turns them off. */
  readonly quality: DocumentQualityOptions | null;
  /** Selfie checks to run on live frames (instead of the document checks); null turns them off. */
  readonly selfie: SelfieSettings | null;
  /** A liveness sequence to capture instead of one photo; null: none. */
  readonly liveness: LivenessSettings | null;
  /** Auto-capture policy; null leaves capture to the shutter alone. */
  readonly autoCapture: AutoCaptureOptions | null;
  /** After this long without an auto-capture, the shutter is offered prominently (ms). */
  readonly manualAfterMs: number;
}

/** Where the live analysis reports to (the view turns each report into its event). */
export interface LiveAnalysisConfig {
  /** Auto-capture chose this frame; the receiver owns it. */
  readonly onCapture: (frame: ImageBitmap, verdict: LiveVerdict) => void;
  /** A liveness sequence is complete; the receiver owns its frames. */
  readonly onSequence: (mode: LivenessMode, shots: readonly LivenessShot[]) => void;
  /** A live check cannot run as built (worker, face wasm or model); the rest goes on without it. */
  readonly onAnalysisError: (error: KycError) => void;
  /** Whether the shutter is taking a photo (auto-capture waits meanwhile). */
  readonly busy: () => boolean;
  /** Each live frame's verdict and how long it took (ms), for the view's opt-in metrics event. */
  readonly onVerdict?: (verdict: LiveVerdict, ms: number) => void;
}

/** The message keys of the liveness instructions the view shows as they are. */
export type LivenessMessage = Exclude<LivenessInstruction, 'show_face' | 'one_face'> | 'holdStill';

/** What to tell the person now, as a code: the view picks the text. */
export type LiveGuidance =
  /** The step's own hint (and, with `loading`, that the face check is getting ready). */
  | { readonly kind: 'hint'; readonly loading: boolean }
  /** Every check passes: hold still for the capture. */
  | { readonly kind: 'hold-still' }
  /** What stands in the way of a document photo. */
  | { readonly kind: 'quality'; readonly issue: QualityIssue }
  /** What stands in the way of a selfie (also on a liveness step). */
  | { readonly kind: 'selfie'; readonly issue: SelfieIssue }
  /** The liveness instruction. */
  | { readonly kind: 'liveness'; readonly message: LivenessMessage };

/** A full-resolution frame held by the capture policy, with its analysis. */
interface Payload {
  readonly bitmap: ImageBitmap;
  readonly verdict: LiveVerdict;
}

type LivePolicy = CapturePolicy<
  Payload,
  LiveVerdict,
  LivenessSequence<Payload>,
  LivenessProgress | undefined
>;

const release = ({ bitmap }: Payload): void => bitmap.close();

const HINT: LiveGuidance = Object.freeze({ kind: 'hint', loading: false });
const HINT_LOADING: LiveGuidance = Object.freeze({ kind: 'hint', loading: true });
const HOLD_STILL: LiveGuidance = Object.freeze({ kind: 'hold-still' });

/** Whether the capture policy must start over for `next`: what it depends on changed by value. */
function policyChanged(previous: LiveAnalysisOptions, next: LiveAnalysisOptions): boolean {
  // A liveness step runs the liveness policy alone; any other step runs auto-capture.
  if (next.liveness || previous.liveness) return !sameValue(previous.liveness, next.liveness);
  return !sameValue(previous.autoCapture, next.autoCapture);
}

/**
 * Runs a camera view's live checks and its capture policy. Samples only while `run` is given the
 * playing preview and a check is configured; cleans up (sampling, timers, the quality worker, the
 * policy's frames) when the host disconnects, and starts over on the next `configure`.
 */
export class LiveAnalysisController implements ReactiveController {
  /** Samples the preview's frames for the checks. */
  readonly sampler: FrameSampler;
  readonly #host: ReactiveControllerHost;
  readonly #config: LiveAnalysisConfig;
  /** The options in force; undefined until the first `configure` (and after a disconnect). */
  #options: LiveAnalysisOptions | undefined;
  #verdict: LiveVerdict | undefined;
  #struggling = false;
  #struggleTimer: ReturnType<typeof setTimeout> | undefined;
  #progress: LivenessProgress | undefined;
  #policy: LivePolicy | undefined;
  /** Loading the liveness policy's code; aborted when another policy is wanted. */
  #policyStart: AbortController | undefined;
  #quality: FrameAnalyzer | undefined;
  #faces: FaceAnalyzer | undefined;
  /** Loading the face detector; aborted when another detector is handed in. */
  #faceLoad: AbortController | undefined;
  /** The face detector is loaded (until then the step says it is getting ready). */
  #faceReady = false;
  /** The face detector could not be loaded: the selfie step is left to the shutter. */
  #faceFailed = false;

  constructor(host: ReactiveControllerHost, config: LiveAnalysisConfig) {
    this.#host = host;
    this.#config = config;
    this.sampler = new FrameSampler(host, { onSample: (sample) => this.#onSample(sample) });
    host.addController(this);
  }

  /** The latest frame's analysis (none yet on this step, or the face check failed). */
  get verdict(): LiveVerdict | undefined {
    return this.#verdict;
  }

  /** True once the shutter should be offered prominently on this step. */
  get struggling(): boolean {
    return this.#struggling;
  }

  /** Where a liveness sequence stands; undefined on other steps. */
  get progress(): LivenessProgress | undefined {
    return this.#progress;
  }

  /** Whether live frames are analysed on this step. */
  get analysed(): boolean {
    const options = this.#options;
    return (
      !!options && (options.quality !== null || (options.selfie !== null && !this.#faceFailed))
    );
  }

  /** The issues that currently stand in the way, for guidance and for the capture's record. */
  get issues(): readonly (QualityIssue | SelfieIssue)[] {
    return this.#verdict && this.#policy ? this.#policy.issues : [];
  }

  /** What to tell the person now: the first issue of the latest frame, else the step's hint. */
  get guidance(): LiveGuidance {
    const verdict = this.#verdict;
    if (!this.#options || !this.analysed) return HINT;
    const { selfie, liveness } = this.#options;
    // The face check is still loading: the step's hint, and that it is coming.
    if (!verdict) return selfie && !this.#faceReady ? HINT_LOADING : HINT;
    if (liveness && this.#progress && isSelfieVerdict(verdict)) {
      return livenessGuidance(this.#progress.instruction, verdict, liveness.mode);
    }
    const [issue] = this.issues;
    if (!issue) return HOLD_STILL;
    return isSelfieVerdict(verdict)
      ? { kind: 'selfie', issue: issue as SelfieIssue }
      : { kind: 'quality', issue: issue as QualityIssue };
  }

  /**
   * Takes the view's options (call it in `willUpdate`); `newStep` when a step starts (or the view
   * shows again): the verdict and the patience timer start over, and so does the policy. The
   * policy also starts over when what it depends on changes by value; fresh but equal option
   * objects change nothing.
   */
  configure(options: LiveAnalysisOptions, newStep: boolean): void {
    const previous = this.#options;
    this.#options = options;
    if (newStep) this.#resetStep();
    if (!previous || policyChanged(previous, options)) this.#replacePolicy();
    else if (newStep) this.#resetPolicy();
    // The detector loads as soon as a selfie step shows (its files are prefetched before).
    if (options.selfie && options.selfie.analyzer !== this.#faces) {
      this.#loadFaces(options.selfie.analyzer);
    }
  }

  /** Samples `video` while a check runs on this step (call in `updated`); null stops sampling. */
  run(video: HTMLVideoElement | null): void {
    if (video && this.analysed) {
      this.sampler.start(video);
      this.#armStruggleTimer();
    } else {
      this.sampler.stop();
    }
  }

  /** Starts a liveness sequence over after a time-out, with a fresh draw. */
  retry(): void {
    this.#resetPolicy();
    this.sampler.stop();
    this.#host.requestUpdate();
  }

  /** Stops everything and lets go of every frame; the next `configure` starts afresh. */
  hostDisconnected(): void {
    this.#resetStep();
    this.#policyStart?.abort();
    this.#policy?.dispose();
    this.#policy = undefined;
    this.#faceLoad?.abort();
    this.#faces = undefined;
    this.#quality?.dispose();
    this.#quality = undefined;
    this.#options = undefined;
  }

  #resetStep(): void {
    this.#verdict = undefined;
    this.#struggling = false;
    clearTimeout(this.#struggleTimer);
    this.#struggleTimer = undefined;
  }

  /** The same policy from scratch (a liveness policy still loading comes fresh anyway). */
  #resetPolicy(): void {
    const policy = this.#policy;
    if (!policy) return;
    policy.reset();
    this.#progress = policy.progress;
  }

  /**
   * A new policy for the options now in force. The liveness code loads only when a liveness step
   * shows; frames that arrive before it are dropped.
   */
  #replacePolicy(): void {
    this.#policyStart?.abort();
    this.#policyStart = undefined;
    this.#policy?.dispose();
    this.#policy = undefined;
    const { liveness, autoCapture } = this.#options!;
    if (!liveness) {
      this.#policy = new AutoCapturePolicy(autoCapture ?? {}, release);
      this.#progress = undefined;
      return;
    }
    this.#progress = LOOK_STRAIGHT;
    const start = new AbortController();
    this.#policyStart = start;
    void import('../capture/liveness-policy.js').then(({ livenessPolicy }) => {
      // The step may have moved on while the code loaded.
      if (start.signal.aborted) return;
      const policy: LivePolicy = livenessPolicy<Payload, SelfieVerdict>(liveness, release);
      this.#policy = policy;
      this.#progress = policy.progress;
      this.#host.requestUpdate();
    });
  }

  #armStruggleTimer(): void {
    if (this.#struggleTimer !== undefined || this.#struggling) return;
    this.#struggleTimer = setTimeout(() => {
      this.#struggling = true;
      this.#host.requestUpdate();
    }, this.#options!.manualAfterMs);
  }

  #loadFaces(faces: FaceAnalyzer): void {
    this.#faceLoad?.abort();
    const load = new AbortController();
    this.#faceLoad = load;
    this.#faces = faces;
    this.#faceFailed = false;
    this.#faceReady = false;
    faces.load().then(
      () => {
        if (load.signal.aborted) return;
        this.#faceReady = true;
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        if (!load.signal.aborted) this.#onFaceFailure(error);
      },
    );
  }

  /** The face detector cannot load: say nothing more about faces and offer the shutter. */
  #onFaceFailure(error: unknown): void {
    // Its owner stopped it (the flow ended, the element went away; a view removed with an update
    // pending still configures once): nothing failed that the host needs to hear of.
    if ((error as { code?: string }).code === FaceErrorCode.Stopped) return;
    if (this.#faceFailed) return;
    if (error instanceof KycError) this.#config.onAnalysisError(error);
    this.#faceFailed = true;
    this.#verdict = undefined;
    this.#struggling = true;
    this.#host.requestUpdate();
  }

  /** Analyses one frame with this step's checks; undefined when it could not be. */
  async #analyse(
    frame: CameraFrame,
    time: number,
    keepFull: boolean,
  ): Promise<{ verdict: LiveVerdict; full?: ImageBitmap } | undefined> {
    const { quality, selfie } = this.#options ?? {};
    try {
      if (quality) {
        this.#quality ??= new FrameAnalyzer({
          onWorkerLoadError: (error) => this.#config.onAnalysisError(error),
        });
        return await this.#quality.analyze(frame, quality, { keepFull });
      }
      if (selfie && this.#faces && !this.#faceFailed) {
        return await this.#faces.analyzeSelfie(frame, time, selfie.quality, { keepFull });
      }
    } catch (error) {
      // A detector that cannot load fails every frame the same way: stop asking it.
      if (selfie && (error as { code?: string }).code?.startsWith('face-')) {
        this.#onFaceFailure(error);
      }
      // Otherwise one frame that could not be analysed changes nothing: the next one is tried.
      return undefined;
    }
    frame.close();
    return undefined;
  }

  async #onSample({ frame, time }: FrameSample): Promise<void> {
    // Full-resolution frames only feed auto-capture: without it, don't pay for them every sample.
    const wantFull = !!this.#options?.autoCapture && !this.#config.busy();
    const started = performance.now();
    const analysed = await this.#analyse(frame, time, wantFull);
    if (!analysed) return;
    const { verdict, full } = analysed;
    // Sampling stopped while the frame was analysed (a capture, the view hidden or removed).
    if (!this.sampler.running) {
      full?.close();
      return;
    }
    this.#verdict = verdict;
    this.#config.onVerdict?.(verdict, performance.now() - started);
    this.#host.requestUpdate();
    const policy = this.#policy;
    // No auto-capture, or the shutter is busy; or a liveness policy's code is still loading: no
    // capture of any kind on a liveness step until it is there.
    if (!this.#options?.autoCapture || !full || this.#config.busy() || !policy) {
      full?.close();
      return;
    }
    const outcome = policy.push(verdict, time, { bitmap: full, verdict });
    this.#progress = policy.progress;
    if (outcome.kind === 'wait') return;
    this.sampler.stop();
    if (outcome.kind === 'capture') {
      this.#config.onCapture(outcome.payload.bitmap, outcome.payload.verdict);
    } else if (outcome.kind === 'sequence') {
      const { mode, shots } = outcome.sequence;
      this.#config.onSequence(
        mode,
        shots.map(({ label, challenge, payload }) => ({
          label,
          ...(challenge ? { challenge } : {}),
          frame: payload.bitmap,
          // A liveness step analyses faces only.
          verdict: payload.verdict as SelfieVerdict,
        })),
      );
    }
  }
}

/** The liveness step's guidance: the movement to make, or what stands in the way. */
function livenessGuidance(
  instruction: LivenessInstruction,
  verdict: SelfieVerdict,
  mode: LivenessMode,
): LiveGuidance {
  const [issue] = verdict.issues;
  switch (instruction) {
    case 'look_straight':
      if (issue) return { kind: 'selfie', issue };
      return { kind: 'liveness', message: mode === 'passive' ? 'holdStill' : 'look_straight' };
    case 'show_face':
      return { kind: 'selfie', issue: 'no_face' };
    case 'one_face':
      return { kind: 'selfie', issue: 'multiple_faces' };
    default:
      return { kind: 'liveness', message: instruction };
  }
}
