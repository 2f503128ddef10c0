import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** One sampled video frame. */
export interface FrameSample {
  /** The frame downscaled for analysis (the receiver owns it and must close it). */
  readonly analysis: ImageBitmap;
  /** The same frame at full resolution, when asked for (the receiver owns it and must close it). */
  readonly full?: ImageBitmap;
  /** The frame's presentation time (ms, performance.now() clock). */
  readonly time: number;
}

/** Configuration of {@link FrameSampler}. */
export interface FrameSamplerConfig {
  /** Longest side of the analysis frame (default 640: enough for the checks, cheap to read). */
  readonly maxSide?: number;
  /**
   * Also grab the full-resolution frame of every sample (for auto-capture's best-frame pick); a
   * function is asked per sample, so the grab stops as soon as nobody needs it.
   */
  readonly keepFull?: boolean | (() => boolean);
  /** Receives each sample; the next sample is taken only once this settles. */
  readonly onSample: (sample: FrameSample) => Promise<void>;
}

/**
 * Samples frames from a playing video with requestVideoFrameCallback (a new frame, not a repaint),
 * downscales them with createImageBitmap, and hands them on one at a time: while one is being
 * analysed, newer frames are skipped, so the rate follows what the analyser keeps up with.
 */
export class FrameSampler implements ReactiveController {
  readonly #config: FrameSamplerConfig;
  #video: HTMLVideoElement | undefined;
  #handle: number | undefined;
  #busy = false;
  #running = false;
  #sampled = 0;

  constructor(host: ReactiveControllerHost, config: FrameSamplerConfig) {
    this.#config = config;
    host.addController(this);
  }

  /** Frames handed on since the last start. */
  get sampled(): number {
    return this.#sampled;
  }

  /** Whether sampling is on. */
  get running(): boolean {
    return this.#running;
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Starts sampling `video` (restarts if it was sampling another). */
  start(video: HTMLVideoElement): void {
    if (this.#running && this.#video === video) return;
    this.stop();
    this.#video = video;
    this.#running = true;
    this.#sampled = 0;
    this.#schedule();
  }

  /** Stops sampling; a sample in flight still settles. */
  stop(): void {
    this.#running = false;
    const video = this.#video;
    if (this.#handle !== undefined) {
      if (video && 'cancelVideoFrameCallback' in video)
        video.cancelVideoFrameCallback(this.#handle);
      else cancelAnimationFrame(this.#handle);
    }
    this.#handle = undefined;
    this.#video = undefined;
  }

  #wantsFull(): boolean {
    const { keepFull } = this.#config;
    return typeof keepFull === 'function' ? keepFull() : keepFull === true;
  }

  #schedule(): void {
    const video = this.#video;
    if (!this.#running || !video) return;
    const tick = () => void this.#tick();
    // requestVideoFrameCallback fires once per new camera frame; rAF is the fallback (Firefox < 132).
    this.#handle =
      'requestVideoFrameCallback' in video
        ? video.requestVideoFrameCallback(tick)
        : requestAnimationFrame(tick);
  }

  async #tick(): Promise<void> {
    this.#handle = undefined;
    const video = this.#video;
    if (!this.#running || !video) return;
    if (this.#busy || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !video.videoWidth) {
      this.#schedule();
      return;
    }
    this.#busy = true;
    this.#schedule();
    try {
      const time = performance.now();
      const scale = Math.min(
        1,
        (this.#config.maxSide ?? 640) / Math.max(video.videoWidth, video.videoHeight),
      );
      const resizeWidth = Math.round(video.videoWidth * scale);
      const resizeHeight = Math.round(video.videoHeight * scale);
      const [analysis, full] = await Promise.all([
        createImageBitmap(video, { resizeWidth, resizeHeight, resizeQuality: 'low' }),
        this.#wantsFull() ? createImageBitmap(video) : Promise.resolve(undefined),
      ]);
      if (!this.#running) {
        analysis.close();
        full?.close();
        return;
      }
      this.#sampled++;
      await this.#config.onSample({ analysis, full, time });
    } catch {
      // A frame that cannot be read (video resized, track ended) is skipped; the next one is tried.
    } finally {
      this.#busy = false;
    }
  }
}
