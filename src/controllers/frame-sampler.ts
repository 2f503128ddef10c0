import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CameraFrame } from '../quality/read-frame.js';

/** One sampled video frame. */
export interface FrameSample {
  /**
   * The frame at the camera's resolution (the receiver owns it and must close it): a `VideoFrame`
   * where the browser has them, else an ImageBitmap.
   */
  readonly frame: CameraFrame;
  /** When it was sampled (ms, performance.now() clock). */
  readonly time: number;
}

/** Configuration of {@link FrameSampler}. */
export interface FrameSamplerConfig {
  /** Receives each sample; the next sample is taken only once this settles. */
  readonly onSample: (sample: FrameSample) => Promise<void>;
}

/**
 * Samples frames from a playing video with requestVideoFrameCallback (a new frame, not a repaint)
 * and hands them on one at a time: while one is being analysed, newer frames are skipped, so the
 * rate follows what the analyser keeps up with.
 *
 * A sample is a `VideoFrame`: it wraps the frame the video already holds, so taking it costs the
 * main thread nothing, and it can be transferred to a worker, which does the copying and scaling.
 * (`createImageBitmap(video)` copies and converts the frame on the calling thread: 3 ms at
 * 1280x720 in headless Chromium, 9 ms with a resize, and a cause of main-thread tasks over 50 ms
 * on a busy device.) Without `VideoFrame` (older Safari and Firefox), the sample is that
 * ImageBitmap.
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
      const frame =
        typeof VideoFrame === 'function' ? new VideoFrame(video) : await createImageBitmap(video);
      if (!this.#running) {
        frame.close();
        return;
      }
      this.#sampled++;
      await this.#config.onSample({ frame, time });
    } catch {
      // A frame that cannot be read (video resized, track ended) is skipped; the next one is tried.
    } finally {
      this.#busy = false;
    }
  }
}
