import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, type TemplateResult } from 'lit';
import { CameraController, type CameraConfig, type VisibilitySource } from './camera-controller.js';
import { CameraError } from './camera-error.js';
import { rejection } from '../../test/helpers/async.js';

// These tests run against Chromium's real fake camera (--use-fake-device-for-media-stream): the
// streams, tracks, frames and device lists are what a browser really hands out.

/** The smallest host a controller needs: a LitElement that renders the preview. */
class CameraTestHost extends LitElement {
  override render(): TemplateResult {
    return html`<video></video>`;
  }

  get video(): HTMLVideoElement {
    const video = this.renderRoot.querySelector('video');
    if (!video) throw new Error('not rendered');
    return video;
  }
}
customElements.define('camera-controller-test-host', CameraTestHost);

/**
 * Delegates to the real navigator.mediaDevices and remembers every stream it handed out, so a test
 * can prove none is left running. `gate` holds back the answer as an open permission prompt would.
 */
class RecordingMediaDevices extends EventTarget {
  readonly streams: MediaStream[] = [];
  readonly calls: MediaStreamConstraints[] = [];
  enumerations = 0;
  gate: Promise<void> | undefined;
  /** Errors to reject the next calls with, in order, before delegating. */
  failures: unknown[] = [];

  async getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
    this.calls.push(constraints);
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    const pending = navigator.mediaDevices.getUserMedia(constraints);
    pending.then((s) => this.streams.push(s)).catch(() => undefined);
    await this.gate;
    return pending;
  }

  enumerateDevices(): Promise<MediaDeviceInfo[]> {
    this.enumerations += 1;
    return navigator.mediaDevices.enumerateDevices();
  }

  get liveTracks(): MediaStreamTrack[] {
    return this.streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live');
  }

  asMediaDevices(): MediaDevices {
    return this as unknown as MediaDevices;
  }
}

/** A page visibility the test controls (the headless page itself cannot be hidden). */
class FakeVisibility extends EventTarget implements VisibilitySource {
  visibilityState: DocumentVisibilityState = 'visible';

  set(state: DocumentVisibilityState): void {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

let recorder: RecordingMediaDevices;
let controllers: CameraController[] = [];

async function mount(
  config: CameraConfig = {},
): Promise<{ host: CameraTestHost; camera: CameraController; video: HTMLVideoElement }> {
  const host = await fixture<CameraTestHost>(
    html`<camera-controller-test-host></camera-controller-test-host>`,
  );
  const camera = new CameraController(host, { mediaDevices: recorder.asMediaDevices(), ...config });
  controllers.push(camera);
  camera.attach(host.video);
  return { host, camera, video: host.video };
}

/** A fresh recorder and no controllers, before each test. */
function freshCamera(): void {
  recorder = new RecordingMediaDevices();
  controllers = [];
}

/** Stops what a test started; whatever it did, no camera may be left running. */
function stopCameras(): void {
  for (const camera of controllers) camera.stop();
  expect(recorder.liveTracks).to.have.length(0);
}

describe('CameraController', () => {
  beforeEach(freshCamera);
  afterEach(stopCameras);

  it('starts live, shows the stream playing and fills label, devices and resolution', async () => {
    const { host, camera, video } = await mount();
    let updates = 0;
    const requestUpdate = host.requestUpdate.bind(host);
    host.requestUpdate = () => {
      updates += 1;
      requestUpdate();
    };
    const starting = camera.start();
    expect(camera.status).to.equal('starting');
    await starting;

    expect(camera.status).to.equal('live');
    expect(camera.error).to.equal(undefined);
    expect(recorder.calls[0]).to.deep.equal({
      video: {
        width: { ideal: 1920 },
        height: { ideal: 1080 },
        facingMode: { ideal: 'environment' },
      },
      audio: false,
    });
    const track = camera.stream?.getVideoTracks()[0];
    expect(track?.readyState).to.equal('live');
    expect(video.srcObject).to.equal(camera.stream);
    expect(video.muted).to.equal(true);
    expect(video.playsInline).to.equal(true);
    await waitUntil(() => !video.paused && video.videoWidth > 0, 'video never played');

    const settings = track?.getSettings() ?? {};
    expect(camera.resolution).to.deep.equal({ width: settings.width, height: settings.height });
    expect(camera.label).to.be.a('string').and.not.equal('');
    expect(camera.deviceId).to.equal(settings.deviceId);
    // The fake device does not report facing, so the requested one is reported.
    expect(camera.facingMode).to.equal(settings.facingMode ?? 'environment');
    expect(camera.torchSupported).to.equal(false);
    expect(await camera.setTorch(true)).to.equal(false);
    expect(camera.torchOn).to.equal(false);

    await waitUntil(() => camera.devices.length > 0, 'devices never listed');
    expect(camera.devices.every((d) => d.kind === 'videoinput')).to.equal(true);
    expect(camera.devices.map((d) => d.deviceId)).to.include(camera.deviceId);
    expect(updates).to.be.greaterThan(1);
  });

  it('asks for the user-facing camera when configured for selfies', async () => {
    const { camera } = await mount({ facingMode: 'user', idealWidth: 1280, idealHeight: 720 });
    await camera.start();
    expect(recorder.calls[0]?.video).to.deep.equal({
      width: { ideal: 1280 },
      height: { ideal: 720 },
      facingMode: { ideal: 'user' },
    });
    expect(camera.facingMode).to.equal('user');
  });

  it('captures a full-resolution frame at the track resolution through ImageCapture', async () => {
    expect(typeof Reflect.get(window, 'ImageCapture')).to.equal('function');
    const { camera } = await mount();
    await camera.start();
    const { width, height } = camera.resolution ?? { width: 0, height: 0 };
    expect(width).to.be.greaterThan(0);
    const frame = await camera.captureFrame();
    expect([frame.width, frame.height]).to.deep.equal([width, height]);
    frame.close();
  });

  it('without ImageCapture, reads the video at its intrinsic size, waiting for its first frame', async () => {
    // Firefox and Safari have no ImageCapture. The shutter may be pressed the moment status turns
    // live, before the video has decoded anything.
    const original = Object.getOwnPropertyDescriptor(window, 'ImageCapture');
    Object.defineProperty(window, 'ImageCapture', { value: undefined, configurable: true });
    try {
      const { camera, video } = await mount();
      video.style.width = '160px';
      await camera.start();
      const { width, height } = camera.resolution ?? { width: 0, height: 0 };
      const frame = await camera.captureFrame();
      expect([frame.width, frame.height]).to.deep.equal([width, height]);
      frame.close();
    } finally {
      if (original) Object.defineProperty(window, 'ImageCapture', original);
    }
  });

  it('refuses to capture when the camera is not live', async () => {
    const { camera } = await mount();
    const error = await rejection(camera.captureFrame());
    expect((error as { code?: string }).code).to.equal('not-live');
    await camera.start();
    camera.stream?.getVideoTracks()[0]?.dispatchEvent(new Event('ended'));
    const afterEnd = await rejection(camera.captureFrame());
    expect((afterEnd as { code?: string }).code).to.equal('not-live');
  });

  it('stop() ends every track and detaches the video', async () => {
    const { camera, video } = await mount();
    await camera.start();
    const tracks = camera.stream?.getTracks() ?? [];
    expect(tracks.length).to.be.greaterThan(0);
    camera.stop();
    expect(camera.status).to.equal('idle');
    expect(camera.stream).to.equal(undefined);
    expect(tracks.every((t) => t.readyState === 'ended')).to.equal(true);
    expect(video.srcObject).to.equal(null);
  });

  it('stops the stream that arrives after the host was removed during the permission prompt', async () => {
    const { host, camera } = await mount();
    const prompt = deferred();
    recorder.gate = prompt.promise;
    const starting = camera.start();
    expect(camera.status).to.equal('starting');
    host.remove();
    expect(camera.status).to.equal('idle');
    // The person answers the prompt after the element is gone.
    prompt.resolve();
    await starting;
    await waitUntil(() => recorder.streams.length === 1, 'getUserMedia never answered');
    expect(recorder.liveTracks).to.have.length(0);
    expect(camera.stream).to.equal(undefined);
    expect(camera.status).to.equal('idle');
  });

  it('a newer start() or stop() makes a pending start give its stream back', async () => {
    const { camera } = await mount();
    const prompt = deferred();
    recorder.gate = prompt.promise;
    const first = camera.start();
    recorder.gate = undefined;
    await camera.start({ facingMode: 'user' });
    expect(camera.status).to.equal('live');
    prompt.resolve();
    await first;
    expect(recorder.streams).to.have.length(2);
    // Only the second stream runs; the first was stopped when it arrived late.
    expect(recorder.liveTracks).to.have.length(1);
    expect(camera.stream?.getTracks()[0]).to.equal(recorder.liveTracks[0]);

    const again = deferred();
    recorder.gate = again.promise;
    const third = camera.start();
    camera.stop();
    again.resolve();
    await third;
    expect(camera.status).to.equal('idle');
    expect(recorder.liveTracks).to.have.length(0);
  });

  it('pauses while the page is hidden and restarts the same camera when visible', async () => {
    const visibility = new FakeVisibility();
    const { camera, video } = await mount({ visibility });
    await camera.start();
    const deviceId = camera.deviceId;
    const tracks = camera.stream?.getTracks() ?? [];

    visibility.set('hidden');
    expect(camera.status).to.equal('paused');
    expect(tracks.every((t) => t.readyState === 'ended')).to.equal(true);
    expect(recorder.liveTracks).to.have.length(0);

    visibility.set('visible');
    expect(camera.status).to.equal('starting');
    await waitUntil(() => camera.status === 'live', 'did not resume');
    const video2 = recorder.calls[1]?.video as MediaTrackConstraints;
    expect(video2.deviceId).to.deep.equal({ exact: deviceId });
    expect(camera.deviceId).to.equal(deviceId);
    // The facing asked for at the start is still the fallback answer.
    expect(camera.facingMode).to.equal('environment');
    expect(video.srcObject).to.equal(camera.stream);
  });

  it('does not open the camera in a hidden page, and starts once it is visible', async () => {
    const visibility = new FakeVisibility();
    visibility.visibilityState = 'hidden';
    const { camera } = await mount({ visibility });
    await camera.start();
    expect(camera.status).to.equal('paused');
    expect(recorder.calls).to.have.length(0);
    visibility.set('visible');
    await waitUntil(() => camera.status === 'live', 'did not start');
  });

  it('keeps running while hidden when pauseWhenHidden is false', async () => {
    const visibility = new FakeVisibility();
    const { camera } = await mount({ visibility, pauseWhenHidden: false });
    await camera.start();
    visibility.set('hidden');
    expect(camera.status).to.equal('live');
  });

  it('reports track-ended when the camera stops underneath (unplugged, taken by another app)', async () => {
    const { camera } = await mount();
    await camera.start();
    const track = camera.stream?.getVideoTracks()[0];
    if (!track) throw new Error('no track');
    // Chromium fires no `ended` for track.stop(); a real unplug fires it, so simulate that.
    track.dispatchEvent(new Event('ended'));
    expect(camera.status).to.equal('error');
    expect(camera.error?.code).to.equal('track-ended');
    expect(camera.error?.retryable).to.equal(true);
    expect(camera.stream).to.equal(undefined);
    expect(track.readyState).to.equal('ended');

    // "Try again" works.
    await camera.start();
    expect(camera.status).to.equal('live');
    expect(camera.error).to.equal(undefined);
  });

  it('reports track-ended when a script stops the track from outside (no ended event fires)', async () => {
    const { camera } = await mount();
    await camera.start();
    const track = camera.stream?.getVideoTracks()[0];
    if (!track) throw new Error('no track');
    track.stop();
    await waitUntil(() => camera.status === 'error', 'the stop noticed', { timeout: 3000 });
    expect(camera.error?.code).to.equal('track-ended');
    expect(camera.error?.retryable).to.equal(true);
    await camera.start();
    expect(camera.status).to.equal('live');
  });

  it('maps getUserMedia failures to typed errors without throwing', async () => {
    const expected: [string, string][] = [
      ['NotAllowedError', 'permission-denied'],
      ['NotFoundError', 'not-found'],
      ['NotReadableError', 'in-use'],
      ['SecurityError', 'insecure-context'],
      ['AbortError', 'aborted'],
    ];
    const { camera } = await mount();
    for (const [name, code] of expected) {
      const original = new DOMException('x', name);
      recorder.failures = [original];
      await camera.start();
      expect(camera.status, name).to.equal('error');
      expect(camera.error?.code, name).to.equal(code);
      expect(camera.error?.cause, name).to.equal(original);
    }
    expect(recorder.calls).to.have.length(expected.length);
  });

  it('reports unsupported when the browser has no getUserMedia', async () => {
    const { camera } = await mount({ mediaDevices: null });
    await camera.start();
    expect(camera.status).to.equal('error');
    expect(camera.error?.code).to.equal('unsupported');
    expect(camera.error?.retryable).to.equal(false);

    const { camera: other } = await mount({ mediaDevices: {} as MediaDevices });
    await other.start();
    expect(other.error?.code).to.equal('unsupported');
  });

  it('retries once without constraints on OverconstrainedError and records facing as not honoured', async () => {
    const { camera } = await mount();
    recorder.failures = [new OverconstrainedError('facingMode', 'no rear camera')];
    await camera.start();
    expect(camera.status).to.equal('live');
    expect(recorder.calls[1]).to.deep.equal({ video: true, audio: false });
    expect(camera.facingModeHonoured).to.equal(false);
    expect(camera.facingMode).to.equal(undefined);
  });

  it('reports overconstrained (not retryable) when the relaxed retry fails too', async () => {
    const { camera } = await mount();
    recorder.failures = [
      new DOMException('x', 'OverconstrainedError'),
      new DOMException('x', 'OverconstrainedError'),
    ];
    await camera.start();
    expect(camera.status).to.equal('error');
    expect(camera.error?.code).to.equal('overconstrained');
    expect(camera.error?.retryable).to.equal(false);
    expect(recorder.calls).to.have.length(2);
  });

  it('switches to a named device exactly, and does nothing when there is no other camera', async () => {
    const { camera } = await mount();
    await camera.start();
    await waitUntil(() => camera.devices.length > 0, 'devices never listed');
    const id = camera.devices[0]?.deviceId ?? '';
    await camera.switchDevice(id);
    expect((recorder.calls[1]?.video as MediaTrackConstraints).deviceId).to.deep.equal({
      exact: id,
    });
    expect(camera.status).to.equal('live');
    expect(camera.deviceId).to.equal(id);

    if (camera.devices.length === 1) {
      await camera.switchDevice();
      expect(recorder.calls).to.have.length(2);
    }
  });

  it('refreshes devices on devicechange until the host is removed', async () => {
    const { host, camera } = await mount();
    recorder.dispatchEvent(new Event('devicechange'));
    await waitUntil(() => recorder.enumerations === 1, 'devicechange ignored');
    await waitUntil(() => camera.devices.length > 0, 'devices never listed');
    host.remove();
    recorder.dispatchEvent(new Event('devicechange'));
    expect(recorder.enumerations).to.equal(1);
  });

  it('restarts the camera when the host is moved in the DOM', async () => {
    const { host, camera } = await mount();
    await camera.start();
    const first = camera.stream?.getTracks()[0];
    const parent = host.parentElement;
    if (!parent) throw new Error('no parent');
    parent.append(host);
    expect(first?.readyState).to.equal('ended');
    await waitUntil(() => camera.status === 'live', 'did not restart');
    expect(recorder.liveTracks).to.have.length(1);
  });
});

/** Media devices whose only camera never delivers a frame: a canvas stream nothing is drawn on. */
function silentCamera(): { mediaDevices: MediaDevices; tracks: MediaStreamTrack[] } {
  const tracks: MediaStreamTrack[] = [];
  const mediaDevices = {
    getUserMedia: () => {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 480;
      // A frame rate of 0 sends frames only on request(): never, here.
      const stream = canvas.captureStream(0);
      tracks.push(...stream.getTracks());
      return Promise.resolve(stream);
    },
    enumerateDevices: () => Promise.resolve([]),
  };
  return { mediaDevices: mediaDevices as unknown as MediaDevices, tracks };
}

/**
 * Makes every play() reject as a web view that wants a gesture does, until `allow()` lets play()
 * through (still counted); `restore()` undoes it.
 */
function refuseAutoplay(): { calls: () => number; allow: () => void; restore: () => void } {
  const original = HTMLVideoElement.prototype.play;
  let calls = 0;
  let allowed = false;
  HTMLVideoElement.prototype.play = function play(this: HTMLVideoElement): Promise<void> {
    calls += 1;
    if (allowed) return original.call(this);
    return Promise.reject(new DOMException('play() needs a user gesture', 'NotAllowedError'));
  };
  return {
    calls: () => calls,
    allow: () => {
      allowed = true;
    },
    restore: () => {
      HTMLVideoElement.prototype.play = original;
    },
  };
}

describe('CameraController: a preview that shows no picture', () => {
  beforeEach(freshCamera);
  afterEach(stopCameras);

  it('marks the preview as showing once the first frame plays, and leaves a working camera alone', async () => {
    const { camera } = await mount({ noVideoTimeoutMs: 300 });
    await camera.start();
    expect(camera.previewing).to.equal(false);
    await waitUntil(() => camera.previewing, 'preview never showed');
    await new Promise((done) => setTimeout(done, 500));
    expect(camera.status).to.equal('live');
    expect(camera.error).to.equal(undefined);
  });

  it('fails with no-video and stops the camera when the stream never delivers a frame', async () => {
    const silent = silentCamera();
    const { camera, video } = await mount({
      mediaDevices: silent.mediaDevices,
      noVideoTimeoutMs: 400,
    });
    await camera.start();
    expect(camera.status).to.equal('live');
    await waitUntil(() => camera.status === 'error', 'no failure', { timeout: 3000 });
    expect(camera.error).to.be.instanceOf(CameraError);
    expect(camera.error?.code).to.equal('no-video');
    expect(camera.error?.retryable).to.equal(true);
    expect(camera.error?.hint).to.match(/upload a photo/i);
    expect(camera.previewing).to.equal(false);
    expect(camera.stream).to.equal(undefined);
    expect(video.srcObject).to.equal(null);
    expect(silent.tracks.map((t) => t.readyState)).to.deep.equal(['ended']);
  });

  it('after an autoplay refusal, plays on the next tap, once, and then keeps running', async () => {
    const autoplay = refuseAutoplay();
    try {
      const { camera, video } = await mount({ noVideoTimeoutMs: 8000 });
      await camera.start();
      await waitUntil(() => autoplay.calls() === 1, 'play() never asked');
      await new Promise((done) => setTimeout(done, 300));
      expect(video.paused).to.equal(true);
      expect(camera.previewing).to.equal(false);
      expect(camera.status).to.equal('live');

      // The person touches the page, which lets the web view play.
      autoplay.allow();
      document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      await waitUntil(() => camera.previewing, 'the tap did not start the preview');
      expect(autoplay.calls()).to.equal(2);
      // One retry only: later taps and keys leave the preview to itself.
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
      document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      expect(autoplay.calls()).to.equal(2);
      expect(camera.status).to.equal('live');
    } finally {
      autoplay.restore();
    }
  });

  it('fails with no-video at once when play() is refused again on the tap', async () => {
    const autoplay = refuseAutoplay();
    try {
      const { camera } = await mount({ noVideoTimeoutMs: 8000 });
      await camera.start();
      await waitUntil(() => autoplay.calls() === 1, 'play() never asked');
      const started = performance.now();
      document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      await waitUntil(() => camera.status === 'error', 'no failure after the refused retry');
      expect(performance.now() - started).to.be.below(2000);
      expect(autoplay.calls()).to.equal(2);
      expect(camera.error?.code).to.equal('no-video');
      expect((camera.error?.cause as DOMException).name).to.equal('NotAllowedError');
    } finally {
      autoplay.restore();
    }
  });

  it('without a tap, an autoplay refusal ends in no-video after the timeout, the refusal as cause', async () => {
    const autoplay = refuseAutoplay();
    try {
      const { camera } = await mount({ noVideoTimeoutMs: 400 });
      await camera.start();
      await waitUntil(() => camera.status === 'error', 'no failure', { timeout: 3000 });
      expect(camera.error?.code).to.equal('no-video');
      expect((camera.error?.cause as DOMException).name).to.equal('NotAllowedError');
      expect(autoplay.calls()).to.equal(1);
    } finally {
      autoplay.restore();
    }
  });

  it('does not judge a preview that was detached, nor one of a stopped camera', async () => {
    const silent = silentCamera();
    const { camera } = await mount({ mediaDevices: silent.mediaDevices, noVideoTimeoutMs: 300 });
    await camera.start();
    camera.attach(null);
    await new Promise((done) => setTimeout(done, 600));
    expect(camera.status).to.equal('live');
    camera.stop();

    const { camera: other } = await mount({
      mediaDevices: silent.mediaDevices,
      noVideoTimeoutMs: 300,
    });
    await other.start();
    other.stop();
    await new Promise((done) => setTimeout(done, 600));
    expect(other.status).to.equal('idle');
    expect(other.error).to.equal(undefined);
  });
});
