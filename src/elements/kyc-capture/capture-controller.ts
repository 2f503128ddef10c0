// The capture controller: turns what `<kyc-camera-view>` hands up (a frame, a liveness sequence)
// and what the person picks (a file) into captures for the flow: crop or straighten, encode off
// the main thread, size cap, and the portrait check on document fronts. It owns the element's one
// face detector and JPEG encoder, the live-check settings passed down to the view, and the
// face detector's warm-up while a face step is ahead.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { prefetchFaceAssets } from '../../face/assets.js';
import { FaceAnalyzer } from '../../face/face-analyzer.js';
import type { ActiveLivenessOptions, PassiveLivenessOptions } from '../../face/liveness.js';
import { hasPortrait, type PortraitOptions } from '../../face/portrait.js';
import type { SelfieQualityOptions } from '../../face/selfie.js';
import type { FaceDetectorOptions } from '../../face/types.js';
import type { FlowController } from '../../flow/flow-controller.js';
import { currentStep } from '../../flow/machine.js';
import { isFaceStep, type CaptureStep } from '../../steps.js';
import { scaleQuad } from '../../quality/region.js';
import type { DocumentQualityOptions, Quad } from '../../quality/types.js';
import { documentAspect, documentCornerRadius } from '../../internal/documents.js';
import { seededRandom } from '../../random.js';
import {
  DEFAULT_AUTO_CAPTURE,
  SELFIE_AUTO_CAPTURE,
  type AutoCaptureOptions,
} from '../../capture/auto-capture.js';
import { capSize, DEFAULT_SIZE_CAP, type SizeCap } from '../../capture/compress.js';
import {
  isSelfieVerdict,
  type KycFrameDetail,
  type LivenessFramesDetail,
  type LivenessSettings,
  type SelfieSettings,
} from '../../capture/live-types.js';
import { documentCrop } from '../../capture/crop.js';
import { captureFromFile, type EncodedImage, type EncodeOptions } from '../../capture/encode.js';
import { JpegEncoder } from '../../capture/jpeg-encoder.js';
import type { Capture, LivenessFrame } from '../../capture/types.js';

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

/** What the camera view gets for live checks. */
export interface LiveSettings {
  readonly quality: DocumentQualityOptions | null;
  readonly selfie: SelfieSettings | null;
  readonly liveness: LivenessSettings | null;
  readonly autoCapture: AutoCaptureOptions | null;
}

/** What the capture controller reads of its element. */
export interface CaptureHost extends ReactiveControllerHost {
  /** Capture behaviour (`options`). */
  readonly options: CaptureOptions;
}

/**
 * Picked files can be 48-megapixel phone photos: more than some mobile canvases can hold and far more
 * than a verification needs. Camera frames are at most 1920 px already.
 */
const MAX_FILE_LONG_SIDE = 2560;

/** Makes `<kyc-capture>`'s captures and hands them to its flow. */
export class CaptureController implements ReactiveController {
  readonly #host: CaptureHost;
  readonly #flow: FlowController;
  #encoder: JpegEncoder | undefined;
  #faces: { analyzer: FaceAnalyzer; options: FaceDetectorOptions | undefined } | undefined;
  #prefetching: AbortController | undefined;
  #random: { seed: number | undefined; next: () => number } | undefined;

  constructor(host: CaptureHost, flow: FlowController) {
    this.#host = host;
    this.#flow = flow;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#release();
  }

  /**
   * The screen or the step changed: warm up what the coming face work needs, or, once the flow
   * has ended, stop the workers. A host often leaves the element on its "All done" screen; the
   * face worker (MediaPipe's wasm heap) and the encode worker stayed there until the element was
   * removed (seen by `npm run soak`; the renderer's resident memory fell by about 120 MB once they
   * stopped, in one measurement). Both are created again on first need.
   */
  stepChanged(): void {
    const { status } = this.#flow.state;
    if (status === 'done' || status === 'cancelled') {
      this.#release();
      return;
    }
    this.#prefetchFaceIfAhead();
    this.#warmPortraitCheck();
  }

  /** Stops the workers and any prefetch. */
  #release(): void {
    this.#encoder?.dispose();
    this.#encoder = undefined;
    this.#prefetching?.abort();
    this.#prefetching = undefined;
    this.#faces?.analyzer.dispose();
    this.#faces = undefined;
  }

  /** The camera view took a photo (auto-capture or the shutter): encode it for the current step. */
  async frame(detail: KycFrameDetail): Promise<void> {
    const flow = this.#flow.state;
    const options = this.#host.options;
    const step = currentStep(flow);
    const { frame, cameraLabel, facingMode, auto, verdict } = detail;
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
        found && options.straighten
          ? {
              straighten: {
                quad: scaleQuad(found, frame.width / verdict!.width),
                aspect: documentAspect(flow.documentType),
                margin: options.cropMargin,
              },
            }
          : {
              crop: found
                ? documentCrop(found, verdict!.width, frame, options.cropMargin)
                : undefined,
            },
      );
      this.#flow.captured({
        step,
        ...encoded,
        source: 'camera',
        documentType: isFaceStep(step) ? undefined : this.#flow.state.documentType,
        cameraLabel,
        facingMode,
        quality: verdict
          ? { auto, issues: auto ? [] : verdict.issues, sharpness: verdict.metrics.sharpness }
          : undefined,
        portrait: await portrait,
        takenAt: Date.now(),
      });
    } catch (error) {
      this.#flow.fail(error, 'camera');
    } finally {
      frame.close();
    }
  }

  /** A liveness sequence is complete: encode every shot (in the worker) into one capture. */
  async livenessFrames(detail: LivenessFramesDetail): Promise<void> {
    const { mode, shots } = detail;
    const step = currentStep(this.#flow.state);
    try {
      if (step !== 'liveness' || shots.length === 0) return;
      const frames: LivenessFrame[] = [];
      for (const shot of shots) {
        const encoded = await this.#encode(shot.frame, {});
        frames.push({ label: shot.label, challenge: shot.challenge, ...encoded });
      }
      const [first] = frames;
      this.#flow.captured({
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
      this.#flow.fail(error, 'camera');
    } finally {
      for (const shot of shots) shot.frame.close();
    }
  }

  /** The person picked a photo instead of the camera: decode, encode, check, for the current step. */
  async file(file: File): Promise<void> {
    const step = currentStep(this.#flow.state);
    if (!step) return;
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
      this.#flow.captured({
        step,
        ...encoded,
        source: 'file',
        documentType: isFaceStep(step) ? undefined : this.#flow.state.documentType,
        portrait,
        takenAt: Date.now(),
      });
    } catch (error) {
      this.#flow.fail(error, 'camera');
    }
  }

  /**
   * The camera view's live-check settings for a step: fresh objects on every render, which the
   * view compares by value (only a changed value restarts the auto-capture window).
   */
  liveSettings(step: CaptureStep): LiveSettings {
    const options = this.#host.options;
    const { documentType } = this.#flow.state;
    const { quality, selfie, autoCapture = true } = options;
    const face = isFaceStep(step);
    const analysed = face ? selfie !== false : quality !== false;
    const mode = this.#flow.livenessMode;
    return {
      quality:
        analysed && !face
          ? {
              documentAspect: documentAspect(documentType),
              cornerRadius: documentCornerRadius(documentType),
              ...(quality || {}),
            }
          : null,
      selfie: analysed && face ? { quality: selfie || {}, analyzer: this.#faceAnalyzer() } : null,
      liveness:
        step === 'liveness' && mode
          ? {
              mode,
              random: this.#challengeSource(),
              passive: options.liveness?.passive,
              active: options.liveness?.active,
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
  }

  /**
   * On a document front whose portrait will be checked, loads the face detector in its worker
   * while the person frames the card, so the check at capture time does not wait for it.
   */
  #warmPortraitCheck(): void {
    const flow = this.#flow.state;
    const step = currentStep(flow);
    if (flow.status !== 'camera' || !step || !this.#portraitCheck(step)) return;
    // A detector that cannot load is reported (phase `analysis`); the backend decides then.
    this.#faceAnalyzer()
      .load()
      .catch((error: unknown) => this.#flow.reportAnalysisError(error));
  }

  /**
   * Once the person is on a document step with a selfie still to come, warms the HTTP cache with the
   * face detector's files in idle time, so the selfie step starts without waiting for them. Nothing
   * of MediaPipe is fetched on a flow without a selfie, or when the selfie checks are off.
   */
  #prefetchFaceIfAhead(): void {
    const flow = this.#flow.state;
    const options = this.#host.options;
    const step = currentStep(flow);
    if (this.#prefetching || options.selfie === false) return;
    if (flow.status !== 'camera' || !step || isFaceStep(step)) return;
    if (!flow.steps.some(isFaceStep)) return;
    // The portrait check loads the detector in its worker on this step: that fetches the files.
    if (this.#portraitCheck(step)) return;
    this.#prefetching = new AbortController();
    const { wasmBasePath, modelAssetPath } = options.faceDetector ?? {};
    prefetchFaceAssets({ wasmBasePath, modelAssetPath, signal: this.#prefetching.signal }).catch(
      () => {}, // aborted: the element went away
    );
  }

  /**
   * Crops, scales and encodes a still off the main thread, then applies the size cap. Scaling to
   * the cap's `maxLongSide` while encoding leaves the cap's re-compression (on the main thread)
   * for the rare image whose bytes are still over.
   */
  async #encode(bitmap: ImageBitmap, options: EncodeOptions): Promise<EncodedImage> {
    const encoder = (this.#encoder ??= new JpegEncoder({
      onWorkerLoadError: (error) => this.#flow.reportAnalysisError(error),
    }));
    const cap = this.#host.options;
    const longest = cap.maxLongSide ?? DEFAULT_SIZE_CAP.maxLongSide;
    const maxLongSide = Math.min(options.maxLongSide ?? longest, longest);
    return capSize(await encoder.encode(bitmap, { ...options, maxLongSide }), cap);
  }

  /**
   * The one face detector of this element (selfie, liveness and the portrait check share it),
   * created on first need, again when `options.faceDetector` changes.
   */
  #faceAnalyzer(): FaceAnalyzer {
    const options = this.#host.options.faceDetector;
    if (!this.#faces || this.#faces.options !== options) {
      this.#faces?.analyzer.dispose();
      this.#faces = { analyzer: new FaceAnalyzer(options ?? {}), options };
    }
    return this.#faces.analyzer;
  }

  /** The portrait check's options when it runs on `step`, else undefined. */
  #portraitCheck(step: CaptureStep): PortraitOptions | undefined {
    const { portrait } = this.#host.options;
    const wanted = portrait ?? this.#flow.plannedSteps().some(isFaceStep);
    if (!wanted || !hasPortrait(this.#flow.state.documentType, step)) return undefined;
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
        aspect: documentAspect(this.#flow.state.documentType),
        ...options,
      });
      return { found: result.found, score: result.score, box: result.box };
    } catch (error) {
      this.#flow.reportAnalysisError(error);
      return undefined;
    }
  }

  /** Where challenges are drawn from: seeded when the options say so, else crypto-random. */
  #challengeSource(): (() => number) | undefined {
    const seed = this.#host.options.liveness?.seed;
    if (seed === undefined) return undefined;
    if (this.#random?.seed !== seed) this.#random = { seed, next: seededRandom(seed) };
    return this.#random.next;
  }
}
