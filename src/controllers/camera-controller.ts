import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CameraError, toCameraError } from './camera-error.js';

/** Where the camera is in its life. */
export const CameraStatus = {
  /** Not started, or stopped. */
  Idle: 'idle',
  /** Waiting for the permission prompt or the device. */
  Starting: 'starting',
  /** Frames are flowing. */
  Live: 'live',
  /** Stopped while the page is hidden; restarts when it is visible again. */
  Paused: 'paused',
  /** Failed; see `error`. */
  Error: 'error',
} as const;
/** One of the camera states. */
export type CameraStatus = (typeof CameraStatus)[keyof typeof CameraStatus];

/** Which way the camera looks: `environment` (rear, for documents) or `user` (front, for selfies). */
export type FacingMode = 'environment' | 'user';

/** Something that says whether the page is visible and announces changes; `document` by default. */
export interface VisibilitySource extends EventTarget {
  /** `hidden` while the page cannot be seen (tab in background, screen off). */
  readonly visibilityState: DocumentVisibilityState;
}

/** Configuration of a {@link CameraController}. */
export interface CameraConfig {
  /** Camera to prefer when no device is named; default `environment`. */
  facingMode?: FacingMode;
  /** Width to ask for; the browser gives the closest it can. Default 1920. */
  idealWidth?: number;
  /** Height to ask for; the browser gives the closest it can. Default 1080. */
  idealHeight?: number;
  /** Media devices to use (tests inject a wrapper); `null` behaves like a browser without any. Default `navigator.mediaDevices`. */
  mediaDevices?: MediaDevices | null;
  /** Stop the camera while the page is hidden and restart it when visible; default true. */
  pauseWhenHidden?: boolean;
  /** Visibility to follow; default `document`. Tests pass an `EventTarget` whose state they set. */
  visibility?: VisibilitySource;
  /**
   * How long a live camera may leave the attached preview without a playing picture before the
   * controller gives up with `no-video` (ms, default 5000).
   */
  noVideoTimeoutMs?: number;
}

/** What to open on `start()`. */
export interface CameraStartOptions {
  /** Camera to prefer; ignored for picking when `deviceId` is given, but kept as the fallback `facingMode`. */
  facingMode?: FacingMode;
  /** Exactly this camera (from `devices`). */
  deviceId?: string;
}

/** Pixel size of the running video track. */
export interface Resolution {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

// Typed here rather than relying on lib.dom: not every TypeScript lib ships ImageCapture, and not
// every browser (Firefox, Safari) has it at run time.
interface ImageCaptureLike {
  grabFrame(): Promise<ImageBitmap>;
}
type ImageCaptureConstructor = new (track: MediaStreamTrack) => ImageCaptureLike;
// `torch` is an Image Capture extension that lib.dom only knows in MediaTrackSettings.
type TorchCapabilities = MediaTrackCapabilities & { torch?: boolean };
type TorchConstraintSet = MediaTrackConstraintSet & { torch?: boolean };

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

function errorName(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'name' in err && typeof err.name === 'string'
    ? err.name
    : undefined;
}

/** How long captureFrame waits for a just-started video's first frame. */
const FIRST_FRAME_TIMEOUT_MS = 2000;

/** How long a live stream may leave the preview black before it counts as `no-video`. */
const NO_VIDEO_TIMEOUT_MS = 5000;

/** How often a live track is checked for having been stopped from outside (ms). */
const TRACK_CHECK_MS = 500;

/** Events after which a preview may have started to show its picture. */
const PREVIEW_EVENTS = ['loadeddata', 'playing', 'resize', 'timeupdate'] as const;

/** Events that give the page a user activation, so a web view that refused autoplay may now play. */
const GESTURE_EVENTS = ['click', 'keydown', 'touchend'] as const;

/** Whether `video` is playing a picture: a paused first frame is a frozen preview, not a live one. */
function previewShows(video: HTMLVideoElement): boolean {
  return (
    !video.paused && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0
  );
}

/** The preview of one stream in one video element, watched until it shows a picture. */
interface PreviewWatch {
  readonly video: HTMLVideoElement;
  readonly stream: MediaStream;
  /** Aborted once the picture shows or the stream goes; drops the watch's timer and listeners. */
  readonly watch: AbortController;
  shown: boolean;
  /** The play() refusal, kept as the `cause` of a `no-video` failure. */
  refusal: unknown;
  /** Whether the one retry on a gesture has been set up. */
  gestureArmed: boolean;
}

/** Resolves true once `video` has a frame to draw, false on timeout, on `signal` or if it is emptied. */
function videoHasFrame(
  video: HTMLVideoElement,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  const ready = (): boolean =>
    video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0;
  if (ready() || signal.aborted) return Promise.resolve(ready() && !signal.aborted);
  return new Promise((resolve) => {
    const done = new AbortController();
    const finish = (ok: boolean): void => {
      done.abort();
      clearTimeout(timer);
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    const options = { signal: done.signal };
    video.addEventListener('loadeddata', () => finish(ready()), options);
    video.addEventListener('emptied', () => finish(false), options);
    signal.addEventListener('abort', () => finish(false), options);
  });
}

function asFacingMode(value: string | undefined): FacingMode | undefined {
  return value === 'user' || value === 'environment' ? value : undefined;
}

/**
 * Owns one camera stream for a Lit host: opens it with sensible constraints, follows page
 * visibility and device changes, offers device switching, torch and full-resolution frames, and
 * stops every track when the host goes away, including streams that arrive after it left.
 */
export class CameraController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #config: CameraConfig;
  readonly #defaultFacing: FacingMode;
  readonly #idealWidth: number;
  readonly #idealHeight: number;
  readonly #pauseWhenHidden: boolean;
  readonly #noVideoTimeoutMs: number;

  #status: CameraStatus = 'idle';
  #error: CameraError | undefined;
  #stream: MediaStream | undefined;
  #devices: MediaDeviceInfo[] = [];
  #deviceId: string | undefined;
  #label: string | undefined;
  #facingMode: FacingMode | undefined;
  #facingModeHonoured: boolean | undefined;
  #resolution: Resolution | undefined;
  #torchSupported = false;
  #torchOn = false;

  #video: HTMLVideoElement | undefined;
  /** The current stream's preview, until it shows a picture (then kept, marked shown). */
  #preview: PreviewWatch | undefined;
  /** The facing mode the current start asked for, reported when the track does not say. */
  #requestedFacing: FacingMode | undefined;
  /** What the last start() asked for, so a pause or reconnection can ask again. */
  #wanted: CameraStartOptions | undefined;
  /** Set when the host left while the camera was wanted; the next connection restarts it. */
  #resumeOnConnect: CameraStartOptions | undefined;
  /** One per start(); aborting it makes that start's late results unwanted and drops its listeners. */
  #run: AbortController | undefined;
  /** One per host connection; aborting it drops the page and device listeners. */
  #connection: AbortController | undefined;
  #devicesRequest = 0;

  constructor(host: ReactiveControllerHost, config: CameraConfig = {}) {
    this.#host = host;
    this.#config = config;
    this.#defaultFacing = config.facingMode ?? 'environment';
    this.#idealWidth = config.idealWidth ?? 1920;
    this.#idealHeight = config.idealHeight ?? 1080;
    this.#pauseWhenHidden = config.pauseWhenHidden ?? true;
    this.#noVideoTimeoutMs = config.noVideoTimeoutMs ?? NO_VIDEO_TIMEOUT_MS;
    host.addController(this);
  }

  /** Where the camera is: idle, starting, live, paused or error. */
  get status(): CameraStatus {
    return this.#status;
  }

  /** Why the camera failed, when `status` is `error`. */
  get error(): CameraError | undefined {
    return this.#error;
  }

  /** The running stream, while live. Do not stop its tracks yourself; call `stop()`. */
  get stream(): MediaStream | undefined {
    return this.#stream;
  }

  /** Video inputs, refreshed after permission is granted and whenever devices change. */
  get devices(): readonly MediaDeviceInfo[] {
    return this.#devices;
  }

  /** Id of the running camera. */
  get deviceId(): string | undefined {
    return this.#deviceId;
  }

  /** Name of the running camera, as the browser reports it. */
  get label(): string | undefined {
    return this.#label;
  }

  /** Facing mode the track reports, else the one requested (unknown after a relaxed retry). */
  get facingMode(): FacingMode | undefined {
    return this.#facingMode;
  }

  /** Whether the camera looks the requested way: false if it reports otherwise or the request had to be dropped, undefined if unknown. */
  get facingModeHonoured(): boolean | undefined {
    return this.#facingModeHonoured;
  }

  /** Pixel size of the running track. */
  get resolution(): Resolution | undefined {
    return this.#resolution;
  }

  /** Whether the running camera has a light that `setTorch` can switch. */
  get torchSupported(): boolean {
    return this.#torchSupported;
  }

  /** Whether the light is on. */
  get torchOn(): boolean {
    return this.#torchOn;
  }

  /** Whether the attached preview shows the live picture (false from the start until its first frame plays). */
  get previewing(): boolean {
    return this.#status === 'live' && this.#preview?.shown === true;
  }

  /** Lit calls this when the host connects: listen to the page and devices, resume a camera the host had. */
  hostConnected(): void {
    this.#connection?.abort();
    const connection = new AbortController();
    this.#connection = connection;
    const { signal } = connection;
    this.#visibility()?.addEventListener('visibilitychange', this.#onVisibilityChange, { signal });
    const mediaDevices = this.#mediaDevices();
    if (typeof mediaDevices?.addEventListener === 'function') {
      mediaDevices.addEventListener('devicechange', this.#onDeviceChange, { signal });
    }
    // Moving an element in the DOM disconnects and reconnects it; the person expects the camera back.
    const resume = this.#resumeOnConnect;
    this.#resumeOnConnect = undefined;
    if (resume) void this.start(resume);
  }

  /** Lit calls this when the host leaves the DOM: stop every track (even one still being granted) and every listener. */
  hostDisconnected(): void {
    this.#connection?.abort();
    this.#connection = undefined;
    const wanted =
      this.#status === 'starting' || this.#status === 'live' || this.#status === 'paused';
    this.#resumeOnConnect = wanted ? this.#resumeOptions() : undefined;
    this.#halt();
    this.#wanted = undefined;
    this.#setStatus('idle');
  }

  /**
   * Shows the stream in `video` (muted, inline, playing) and watches that a picture appears (else
   * `no-video`); call again with the new element after re-renders, or null to detach.
   */
  attach(video: HTMLVideoElement | null): void {
    if (this.#video && this.#video !== video) this.#video.srcObject = null;
    if (this.#preview && this.#preview.video !== video) {
      // A detached preview cannot be judged; a new element gets its own watch when bound.
      this.#preview.watch.abort();
      this.#preview = undefined;
    }
    this.#video = video ?? undefined;
    this.#bindVideo();
  }

  /** Opens the camera. Never throws: failures land in `status` and `error`. A newer start or stop() supersedes this one. */
  async start(options: CameraStartOptions = {}): Promise<void> {
    this.#halt();
    const run = new AbortController();
    this.#run = run;
    this.#wanted = { ...options };
    // A named device is picked by id; facing is then only the fallback answer for `facingMode`.
    this.#requestedFacing = options.deviceId
      ? options.facingMode
      : (options.facingMode ?? this.#defaultFacing);
    try {
      const mediaDevices = this.#mediaDevices();
      if (typeof mediaDevices?.getUserMedia !== 'function') {
        // Browsers hide navigator.mediaDevices entirely on plain HTTP; say which case it is.
        this.#fail(
          new CameraError(
            globalThis.isSecureContext === false ? 'insecure-context' : 'unsupported',
          ),
        );
        return;
      }
      this.#error = undefined;
      if (this.#pauseWhenHidden && this.#visibility()?.visibilityState === 'hidden') {
        // A background tab should not light the camera; start when the person comes back.
        this.#setStatus('paused');
        return;
      }
      this.#setStatus('starting');

      const video: MediaTrackConstraints = {
        width: { ideal: this.#idealWidth },
        height: { ideal: this.#idealHeight },
      };
      if (options.deviceId) video.deviceId = { exact: options.deviceId };
      else video.facingMode = { ideal: this.#requestedFacing };

      const acquired = await this.#acquire(mediaDevices, video, run.signal);
      if (!acquired) return;
      const { stream, relaxed } = acquired;
      const track = stream.getVideoTracks()[0];
      if (!track) {
        stopStream(stream);
        this.#fail(new CameraError('not-found'));
        return;
      }
      this.#stream = stream;
      track.addEventListener('ended', () => this.#onTrackEnded(stream), { signal: run.signal });
      this.#watchTrack(track, stream, run.signal);
      this.#readTrack(track, relaxed);
      this.#status = 'live';
      this.#bindVideo();
      this.#host.requestUpdate();
      // Labels and ids are only complete once permission is granted.
      void this.#refreshDevices();
    } catch (err) {
      if (!run.signal.aborted) this.#fail(toCameraError(err));
    }
  }

  /** Stops the camera and forgets it; status becomes idle. */
  stop(): void {
    this.#halt();
    this.#wanted = undefined;
    this.#resumeOnConnect = undefined;
    this.#error = undefined;
    this.#setStatus('idle');
  }

  /** Restarts on `deviceId`, or on the next camera in `devices` when omitted (no-op if there is no other). */
  async switchDevice(deviceId?: string): Promise<void> {
    let target = deviceId;
    if (target === undefined) {
      const ids = this.#devices.map((d) => d.deviceId).filter((id) => id !== '');
      if (ids.length === 0) return;
      const next = ids[(ids.indexOf(this.#deviceId ?? '') + 1) % ids.length];
      if (next === undefined || next === this.#deviceId) return;
      target = next;
    }
    await this.start({ deviceId: target });
  }

  /** Switches the light; resolves to whether it is now as asked (false when unsupported or refused). */
  async setTorch(on: boolean): Promise<boolean> {
    const track = this.#stream?.getVideoTracks()[0];
    const run = this.#run;
    if (!track || !run || !this.#torchSupported) return false;
    const torch: TorchConstraintSet = { torch: on };
    try {
      // applyConstraints replaces every constraint; keep the resolution asked for at start.
      await track.applyConstraints({ ...track.getConstraints(), advanced: [torch] });
    } catch {
      return false;
    }
    if (run.signal.aborted) return false;
    this.#torchOn = on;
    this.#host.requestUpdate();
    return true;
  }

  /** A full-resolution frame of the running camera; the caller owns it and must `close()` it. Throws `CameraError` when not live. */
  async captureFrame(): Promise<ImageBitmap> {
    const track = this.#stream?.getVideoTracks()[0];
    if (this.#status !== 'live' || !track || track.readyState !== 'live') {
      throw new CameraError('not-live');
    }
    const ImageCaptureCtor: unknown = Reflect.get(globalThis, 'ImageCapture');
    let grabError: unknown;
    if (typeof ImageCaptureCtor === 'function') {
      try {
        // grabFrame reads the track itself, so the size is the track's, whatever the preview's CSS size.
        return await new (ImageCaptureCtor as ImageCaptureConstructor)(track).grabFrame();
      } catch (err) {
        grabError = err;
      }
    }
    const video = this.#video;
    const run = this.#run;
    // Status turns live when the stream arrives; the video shows its first frame a moment later.
    if (!video || !run || !(await videoHasFrame(video, FIRST_FRAME_TIMEOUT_MS, run.signal))) {
      throw grabError === undefined ? new CameraError('not-live') : toCameraError(grabError);
    }
    return createImageBitmap(video, 0, 0, video.videoWidth, video.videoHeight);
  }

  #mediaDevices(): MediaDevices | undefined {
    if (this.#config.mediaDevices !== undefined) return this.#config.mediaDevices ?? undefined;
    // lib.dom says navigator.mediaDevices always exists; on plain HTTP and old browsers it does not.
    return (globalThis.navigator?.mediaDevices as MediaDevices | undefined) ?? undefined;
  }

  #visibility(): VisibilitySource | undefined {
    return this.#config.visibility ?? globalThis.document;
  }

  /**
   * getUserMedia with one relaxed retry: a phone without a rear camera or a webcam below 1080p
   * should still give a picture. Returns undefined when the start failed or is no longer wanted;
   * any stream that arrives for an unwanted start is stopped here, so nothing leaks.
   */
  async #acquire(
    mediaDevices: MediaDevices,
    video: MediaTrackConstraints,
    signal: AbortSignal,
  ): Promise<{ stream: MediaStream; relaxed: boolean } | undefined> {
    let relaxed = false;
    let stream: MediaStream;
    try {
      stream = await mediaDevices.getUserMedia({ video, audio: false });
    } catch (err) {
      if (signal.aborted) return undefined;
      if (errorName(err) !== 'OverconstrainedError') {
        this.#fail(toCameraError(err));
        return undefined;
      }
      relaxed = true;
      try {
        stream = await mediaDevices.getUserMedia({ video: true, audio: false });
      } catch (retryErr) {
        if (!signal.aborted) this.#fail(toCameraError(retryErr));
        return undefined;
      }
    }
    if (signal.aborted) {
      // The host left, or stop()/start() ran, while the permission prompt was open.
      stopStream(stream);
      return undefined;
    }
    return { stream, relaxed };
  }

  #readTrack(track: MediaStreamTrack, relaxed: boolean): void {
    const settings = track.getSettings();
    const reported = asFacingMode(settings.facingMode);
    const requested = this.#requestedFacing;
    this.#label = track.label || undefined;
    this.#deviceId = settings.deviceId || undefined;
    // After the relaxed retry nothing about facing was asked for, so "requested" would be a guess.
    this.#facingMode = reported ?? (relaxed ? undefined : requested);
    this.#facingModeHonoured =
      requested === undefined
        ? undefined
        : reported !== undefined
          ? reported === requested
          : relaxed
            ? false
            : undefined;
    this.#resolution =
      settings.width && settings.height
        ? { width: settings.width, height: settings.height }
        : undefined;
    const capabilities: TorchCapabilities =
      typeof track.getCapabilities === 'function' ? track.getCapabilities() : {};
    this.#torchSupported = capabilities.torch === true;
    this.#torchOn = this.#torchSupported && settings.torch === true;
  }

  #bindVideo(): void {
    const video = this.#video;
    if (!video) return;
    video.muted = true;
    video.playsInline = true;
    const stream = this.#stream ?? null;
    if (video.srcObject !== stream) video.srcObject = stream;
    if (!stream) return;
    this.#watchPreview(video, stream);
    if (video.paused) {
      video.play().catch((err: unknown) => {
        // AbortError: srcObject changed before playback started; the next bind plays.
        if (errorName(err) === 'NotAllowedError') this.#onPlayRefused(video, stream, err);
      });
    }
  }

  /**
   * A live stream whose preview shows no picture is a black box to the person: autoplay refused
   * (an Android WebView that wants a gesture to play media, a WKWebView without inline playback)
   * or a track that delivers no frames. Each stream's preview is watched until a picture plays;
   * without one after `noVideoTimeoutMs`, the camera fails with `no-video`, which the element
   * turns into a clear message and the file fallback.
   */
  #watchPreview(video: HTMLVideoElement, stream: MediaStream): void {
    const current = this.#preview;
    if (current?.video === video && current.stream === stream) return;
    current?.watch.abort();
    const run = this.#run;
    if (!run) return;
    const watch = new AbortController();
    const preview: PreviewWatch = {
      video,
      stream,
      watch,
      shown: false,
      refusal: undefined,
      gestureArmed: false,
    };
    this.#preview = preview;
    const { signal } = watch;
    run.signal.addEventListener('abort', () => watch.abort(), { signal });
    const check = (): void => {
      if (signal.aborted || !previewShows(video)) return;
      preview.shown = true;
      watch.abort();
      this.#host.requestUpdate();
    };
    for (const type of PREVIEW_EVENTS) video.addEventListener(type, check, { signal });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      timer = setTimeout(() => {
        // A hidden page paints nothing by design: judge the preview once it can be seen.
        if (this.#visibility()?.visibilityState === 'hidden') arm();
        else this.#noVideo(preview, preview.refusal);
      }, this.#noVideoTimeoutMs);
    };
    arm();
    // Not `{ signal }`: listeners bound to a signal are dropped before its own abort event fires.
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    check();
  }

  /**
   * play() was refused (NotAllowedError): the web view wants a user gesture to play media. The
   * person's next tap or key press gets one more play(); if that is refused too, there is no point
   * waiting out the timer.
   */
  #onPlayRefused(video: HTMLVideoElement, stream: MediaStream, refusal: unknown): void {
    const preview = this.#preview;
    if (preview?.video !== video || preview.stream !== stream || preview.watch.signal.aborted) {
      return;
    }
    preview.refusal = refusal;
    if (preview.gestureArmed) return;
    preview.gestureArmed = true;
    const gesture = new AbortController();
    preview.watch.signal.addEventListener('abort', () => gesture.abort(), {
      signal: gesture.signal,
    });
    const retry = (): void => {
      gesture.abort();
      video.play().catch((again: unknown) => {
        if (errorName(again) === 'NotAllowedError') this.#noVideo(preview, again);
      });
    };
    // Capture phase on the document: any tap counts, whatever element (or shadow root) it lands in.
    for (const type of GESTURE_EVENTS) {
      video.ownerDocument.addEventListener(type, retry, { capture: true, signal: gesture.signal });
    }
  }

  #noVideo(preview: PreviewWatch, cause: unknown): void {
    // Only the watch of the running stream may fail it, and only while its picture has not shown.
    if (preview !== this.#preview || preview.watch.signal.aborted) return;
    this.#fail(new CameraError('no-video', cause === undefined ? undefined : { cause }));
  }

  /** Cancels the current start (if pending) and releases the stream; leaves status to the caller. */
  #halt(): void {
    this.#run?.abort();
    this.#run = undefined;
    this.#preview?.watch.abort();
    this.#preview = undefined;
    const stream = this.#stream;
    this.#stream = undefined;
    if (stream) stopStream(stream);
    if (this.#video) this.#video.srcObject = null;
    this.#deviceId = undefined;
    this.#label = undefined;
    this.#facingMode = undefined;
    this.#facingModeHonoured = undefined;
    this.#resolution = undefined;
    this.#torchSupported = false;
    this.#torchOn = false;
  }

  #fail(error: CameraError): void {
    this.#halt();
    this.#error = error;
    this.#setStatus('error');
  }

  #setStatus(status: CameraStatus): void {
    this.#status = status;
    this.#host.requestUpdate();
  }

  /** Same camera as now (or as last asked for), same facing fallback. */
  #resumeOptions(): CameraStartOptions {
    const deviceId = this.#deviceId ?? this.#wanted?.deviceId;
    const facingMode = this.#requestedFacing ?? this.#wanted?.facingMode;
    return {
      ...(deviceId ? { deviceId } : {}),
      ...(facingMode ? { facingMode } : {}),
    };
  }

  /**
   * Notices a track stopped by someone else's `track.stop()` (another script, an extension), for
   * which no `ended` event fires: the preview would freeze with no way forward. The stream's
   * `inactive` event says so where the browser sends it; a light poll covers the rest.
   */
  #watchTrack(track: MediaStreamTrack, stream: MediaStream, signal: AbortSignal): void {
    const check = (): void => {
      if (track.readyState === 'ended') this.#onTrackEnded(stream);
    };
    stream.addEventListener('inactive', check, { signal });
    const timer = setInterval(check, TRACK_CHECK_MS);
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  }

  #onTrackEnded(stream: MediaStream): void {
    // Only the current stream's end matters; an old one ending is just our own cleanup.
    if (stream !== this.#stream) return;
    this.#fail(new CameraError('track-ended'));
  }

  #onVisibilityChange = (): void => {
    if (!this.#pauseWhenHidden) return;
    const hidden = this.#visibility()?.visibilityState === 'hidden';
    if (hidden && (this.#status === 'live' || this.#status === 'starting')) {
      // Release the camera (its light goes off, other apps may use it) rather than just muting.
      const resume = this.#resumeOptions();
      this.#halt();
      this.#wanted = resume;
      this.#setStatus('paused');
    } else if (!hidden && this.#status === 'paused') {
      void this.start(this.#wanted ?? {});
    }
  };

  #onDeviceChange = (): void => {
    void this.#refreshDevices();
  };

  async #refreshDevices(): Promise<void> {
    const mediaDevices = this.#mediaDevices();
    if (typeof mediaDevices?.enumerateDevices !== 'function') return;
    // Plugging devices in fires several changes; only the latest answer counts.
    const request = ++this.#devicesRequest;
    let all: MediaDeviceInfo[];
    try {
      all = await mediaDevices.enumerateDevices();
    } catch {
      return;
    }
    if (request !== this.#devicesRequest) return;
    this.#devices = all.filter((d) => d.kind === 'videoinput');
    this.#host.requestUpdate();
  }
}
