import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../define/kyc-camera-view.js';
import { drawScene } from '../../../test/scenes/documents.js';
import type { AutoCaptureOptions } from '../../capture/auto-capture.js';
import type { KycFrameMetricsEvent } from '../../events/frame-metrics.js';
import type { KycCameraViewElement, KycFrameEvent } from './kyc-camera-view.js';

// The camera view with Chromium's fake camera: a live preview, a guide, and photos handed up.

async function liveView(
  facingMode: 'user' | 'environment' = 'environment',
): Promise<KycCameraViewElement> {
  const el = await fixture<KycCameraViewElement>(
    html`<kyc-camera-view
      .active=${true}
      .facingMode=${facingMode}
      guide=${facingMode === 'user' ? 'face' : 'id-card'}
      heading="Front of your document"
      guidance="Place the front of your document inside the frame."
    ></kyc-camera-view>`,
  );
  await waitUntil(() => el.camera.status === 'live', 'camera live', { timeout: 10000 });
  await el.updateComplete;
  return el;
}

const part = (el: KycCameraViewElement, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;

/** For the calling `describe`: a camera whose picture is a good, still card (a canvas stream, redrawn so frames keep coming). */
function useCardCamera(): void {
  let restore: () => void;
  beforeEach(() => {
    const scene = drawScene({
      scale: 0.62,
      rotation: 7,
      tiltX: 12,
      background: 'wood',
      seed: 11,
    });
    const canvas = document.createElement('canvas');
    canvas.width = scene.canvas.width;
    canvas.height = scene.canvas.height;
    const ctx = canvas.getContext('2d')!;
    const redraw = setInterval(() => ctx.drawImage(scene.canvas, 0, 0), 33);
    const stream = canvas.captureStream(30);
    const original = navigator.mediaDevices.getUserMedia;
    navigator.mediaDevices.getUserMedia = () => Promise.resolve(stream);
    restore = () => {
      clearInterval(redraw);
      for (const track of stream.getTracks()) track.stop();
      navigator.mediaDevices.getUserMedia = original;
    };
  });
  afterEach(() => restore());
}

describe('<kyc-camera-view>', () => {
  it('shows the live preview with an ID-1 guide and an accessible shutter', async () => {
    const el = await liveView();
    const video = part(el, 'video') as HTMLVideoElement;
    await waitUntil(() => video.videoWidth > 0, 'video playing');
    const guide = part(el, 'guide');
    expect(guide.classList.contains('id-card')).to.equal(true);
    const box = guide.getBoundingClientRect();
    expect(box.width / box.height).to.be.closeTo(85.6 / 54, 0.03);
    const shutter = part(el, 'shutter') as HTMLButtonElement;
    expect(shutter.getAttribute('aria-label')).to.equal('Take photo');
    expect(shutter.disabled).to.equal(false);
    expect(part(el, 'guidance').getAttribute('aria-live')).to.equal('polite');
    // Once the picture plays, nothing covers it.
    await waitUntil(() => !el.shadowRoot!.querySelector('[role=status]'), 'status still shown');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('hands up a full-resolution frame when the shutter is pressed', async () => {
    const el = await liveView();
    const resolution = el.camera.resolution!;
    setTimeout(() => part(el, 'shutter').click());
    const event = (await oneEvent(el, 'kyc-frame')) as KycFrameEvent;
    const { frame } = event.detail;
    expect([frame.width, frame.height]).to.deep.equal([resolution.width, resolution.height]);
    frame.close();
  });

  it('takes the photo on Space or Enter when focus is elsewhere in the view', async () => {
    const el = await liveView();
    for (const key of [' ', 'Enter']) {
      setTimeout(() =>
        part(el, 'guidance').dispatchEvent(
          new KeyboardEvent('keydown', { key, bubbles: true, composed: true }),
        ),
      );
      const event = (await oneEvent(el, 'kyc-frame')) as KycFrameEvent;
      event.detail.frame.close();
    }
  });

  it('mirrors the preview for the front camera and draws a face oval', async () => {
    const el = await liveView('user');
    expect(part(el, 'video').classList.contains('mirrored')).to.equal(true);
    expect(part(el, 'guide').classList.contains('face')).to.equal(true);
    const back = await liveView('environment');
    expect(part(back, 'video').classList.contains('mirrored')).to.equal(false);
  });

  it('reports a camera failure to its owner as a typed error', async () => {
    const original = navigator.mediaDevices.getUserMedia;
    navigator.mediaDevices.getUserMedia = () =>
      Promise.reject(new DOMException('busy', 'NotReadableError'));
    try {
      const el = document.createElement('kyc-camera-view');
      const failed = oneEvent(el, 'kyc-camera-error');
      el.active = true;
      await fixture(html`<div>${el}</div>`);
      const event = (await failed) as HTMLElementEventMap['kyc-camera-error'];
      expect(event.detail.error.code).to.equal('in-use');
      expect(event.detail.error.message.length).to.be.greaterThan(10);
    } finally {
      navigator.mediaDevices.getUserMedia = original;
    }
  });

  it('never leaves a black preview: "Starting the camera…" until a frame plays, else no-video', async () => {
    const original = navigator.mediaDevices.getUserMedia;
    const tracks: MediaStreamTrack[] = [];
    // A camera that opens but never delivers a frame: a canvas stream nothing is drawn on.
    navigator.mediaDevices.getUserMedia = () => {
      const stream = document.createElement('canvas').captureStream(0);
      tracks.push(...stream.getTracks());
      return Promise.resolve(stream);
    };
    try {
      const el = document.createElement('kyc-camera-view');
      const failed = oneEvent(el, 'kyc-camera-error');
      el.active = true;
      await fixture(html`<div>${el}</div>`);
      await waitUntil(() => el.camera.status === 'live', 'camera live');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role=status]')?.textContent).to.equal(
        'Starting the camera…',
      );
      const event = (await failed) as HTMLElementEventMap['kyc-camera-error'];
      expect(event.detail.error.code).to.equal('no-video');
      expect(el.camera.status).to.equal('error');
      expect(tracks.every((t) => t.readyState === 'ended')).to.equal(true);
    } finally {
      navigator.mediaDevices.getUserMedia = original;
    }
  });

  describe('options compared by value', () => {
    useCardCamera();

    /** A view auto-capturing the card, its options set anew (`next()`) every 100 ms. */
    async function rerendered(
      next: (i: number) => AutoCaptureOptions,
    ): Promise<{ el: KycCameraViewElement; stop: () => void; frames: KycFrameEvent[] }> {
      const el = await fixture<KycCameraViewElement>(
        html`<kyc-camera-view
          .active=${true}
          .quality=${{}}
          .autoCapture=${next(0)}
          heading="Front of your document"
        ></kyc-camera-view>`,
      );
      const frames: KycFrameEvent[] = [];
      el.addEventListener('kyc-frame', (event) => frames.push(event));
      let i = 0;
      // Fresh objects each time, as an owner that builds them in render() passes them.
      const timer = setInterval(() => {
        el.quality = {};
        el.autoCapture = next(++i);
      }, 100);
      return { el, frames, stop: () => clearInterval(timer) };
    }

    it('keeps the auto-capture window when fresh but equal options arrive on every render', async () => {
      const { el, frames, stop } = await rerendered(() => ({ stableMs: 1500, minFrames: 3 }));
      try {
        await waitUntil(() => frames.length > 0, 'auto-captured', { timeout: 15000 });
        expect(frames[0]!.detail.auto).to.equal(true);
        expect(el.verdict?.acceptable).to.equal(true);
      } finally {
        stop();
        for (const frame of frames) frame.detail.frame.close();
      }
    });

    it('starts the window over when a threshold changes', async () => {
      // The motion limit changes (slightly) every 100 ms: no 1.5 s window can complete.
      const changing = (i: number) => ({
        stableMs: 1500,
        minFrames: 3,
        maxMotion: 0.02 + i * 1e-6,
      });
      const { el, frames, stop } = await rerendered(changing);
      try {
        await waitUntil(() => el.verdict?.acceptable, 'the card passes every check', {
          timeout: 15000,
        });
        await new Promise((resolve) => setTimeout(resolve, 3000));
        expect(frames).to.have.length(0);
        // Once the options hold still, so does the window: a capture.
        stop();
        await waitUntil(() => frames.length > 0, 'auto-captured', { timeout: 15000 });
        expect(frames[0]!.detail.auto).to.equal(true);
      } finally {
        stop();
        for (const frame of frames) frame.detail.frame.close();
      }
    });
  });

  describe('kyc-frame-metrics (opt-in)', () => {
    useCardCamera();

    /** Every typed array, buffer, bitmap or blob reachable from `value`: image data. */
    const pixels = (value: unknown): unknown[] =>
      ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Blob
        ? [value]
        : typeof ImageBitmap !== 'undefined' && value instanceof ImageBitmap
          ? [value]
          : value && typeof value === 'object'
            ? Object.values(value).flatMap(pixels)
            : [];

    it('fires once per analysed frame only while frame-events is set, with numbers and the outline', async () => {
      const el = await fixture<KycCameraViewElement>(
        html`<kyc-camera-view
          .active=${true}
          .quality=${{}}
          heading="Front of your document"
        ></kyc-camera-view>`,
      );
      const events: KycFrameMetricsEvent[] = [];
      // Where a host listens: above the view (the event crosses shadow roots).
      const listen = (event: KycFrameMetricsEvent) => events.push(event);
      document.body.addEventListener('kyc-frame-metrics', listen);
      // Off by default: frames are analysed, nothing is dispatched.
      await waitUntil(() => el.verdict?.quad, 'the card is found', { timeout: 15000 });
      const seen = el.verdict;
      await waitUntil(() => el.verdict !== seen, 'another frame analysed', { timeout: 5000 });
      expect(events).to.have.length(0);

      el.setAttribute('frame-events', '');
      await waitUntil(() => events.length >= 2, 'metrics events', { timeout: 5000 });
      const { detail } = events.at(-1)!;
      expect(detail.verdict.quad).to.have.length(4);
      expect(detail.verdict.metrics.sharpness).to.be.a('number');
      expect(detail.verdict.width).to.be.greaterThan(0);
      expect(detail.ms).to.be.greaterThan(0);
      expect(detail.mirrored).to.equal(false);
      expect(pixels(detail)).to.deep.equal([]);

      // Off again: checked as each verdict arrives, so not one more.
      el.frameEvents = false;
      const count = events.length;
      const last = el.verdict;
      await waitUntil(() => el.verdict !== last, 'another frame analysed', { timeout: 5000 });
      expect(events).to.have.length(count);
      document.body.removeEventListener('kyc-frame-metrics', listen);
    });
  });
});
