import { expect, waitUntil } from '@open-wc/testing';
import { FrameSampler, type FrameSample } from '../controllers/frame-sampler.js';
import { FrameAnalyzer } from './frame-analyzer.js';
import { quadJaccard } from './geometry.js';
import { frameSize } from './read-frame.js';
import type { Point, Quad } from './types.js';
import { drawEmpty, drawScene } from '../../test/scenes/documents.js';

describe('FrameAnalyzer', () => {
  it('analyses in a worker and finds the document there as it does on the main thread', async () => {
    const scene = drawScene({ seed: 3, rotation: 8, tiltX: 10 });
    const inWorker = new FrameAnalyzer();
    const here = new FrameAnalyzer({ forceMainThread: true });
    try {
      expect(inWorker.mode).to.equal('worker');
      expect(here.mode).to.equal('main-thread');
      const { verdict: a } = await inWorker.analyze(await createImageBitmap(scene.canvas));
      const { verdict: b } = await here.analyze(await createImageBitmap(scene.canvas));
      expect(a.quad, 'a document is found').to.not.equal(null);
      expect(quadJaccard(a.quad, scene.corners)).to.be.greaterThan(0.95);
      expect(a.quad).to.deep.equal(b.quad);
      expect(a.issues).to.deep.equal(b.issues);
    } finally {
      inWorker.dispose();
      here.dispose();
    }
  });

  it('keeps answering each request with its own frame when several are in flight', async () => {
    const analyzer = new FrameAnalyzer();
    try {
      const [{ verdict: empty }, { verdict: card }] = await Promise.all([
        analyzer.analyze(await createImageBitmap(drawEmpty({ seed: 5 }))),
        analyzer.analyze(
          await createImageBitmap(drawScene({ seed: 3, rotation: 8, tiltX: 10 }).canvas),
        ),
      ]);
      expect(empty.issues[0]).to.equal('no_document');
      expect(card.quad).to.not.equal(null);
    } finally {
      analyzer.dispose();
    }
  });

  it('scales a full-resolution VideoFrame down in the worker and hands the full frame back', async () => {
    const scene = drawScene({ width: 1280, height: 720, seed: 9, rotation: 6, tiltX: 8 });
    const frame = () => new VideoFrame(scene.canvas, { timestamp: 0 });
    const inWorker = new FrameAnalyzer();
    const here = new FrameAnalyzer({ forceMainThread: true });
    try {
      const sent = frame();
      const a = await inWorker.analyze(sent, {}, { keepFull: true });
      const b = await here.analyze(frame(), {}, { keepFull: true });
      // Transferred to the worker, which closed it: the main thread holds no copy.
      expect(sent.format).to.equal(null);
      for (const { verdict, full } of [a, b]) {
        expect([verdict.width, verdict.height]).to.deep.equal([640, 360]);
        expect([full?.width, full?.height]).to.deep.equal([1280, 720]);
        full?.close();
      }
      // The quad is in analysis pixels: half the scene's.
      const half = ([x, y]: Point): Point => [x / 2, y / 2];
      const [c0, c1, c2, c3] = scene.corners;
      const expected: Quad = [half(c0), half(c1), half(c2), half(c3)];
      expect(quadJaccard(a.verdict.quad, expected)).to.be.greaterThan(0.95);
      expect(a.verdict.quad).to.deep.equal(b.verdict.quad);
      expect(a.verdict.issues).to.deep.equal(b.verdict.issues);
      // Without keepFull nothing comes back to be closed.
      const small = await inWorker.analyze(frame(), {}, { maxSide: 320 });
      expect(small.full).to.equal(undefined);
      expect(small.verdict.width).to.equal(320);
    } finally {
      inWorker.dispose();
      here.dispose();
    }
  });
});

describe('FrameSampler', () => {
  it('samples a live stream at full resolution, one frame at a time', async () => {
    const { canvas } = drawScene({ width: 1280, height: 720, seed: 9 });
    const stream = canvas.captureStream(30);
    const video = Object.assign(document.createElement('video'), {
      muted: true,
      srcObject: stream,
    });
    document.body.append(video);
    await video.play();
    // Keep the stream producing frames: captureStream only emits when the canvas changes.
    const ctx = canvas.getContext('2d')!;
    const ticker = setInterval(() => {
      ctx.fillStyle = `rgba(0,0,0,0.001)`;
      ctx.fillRect(0, 0, 1, 1);
    }, 20);
    const host = {
      addController() {},
      removeController() {},
      requestUpdate() {},
      updateComplete: Promise.resolve(true),
    };
    const samples: { width: number; height: number; videoFrame: boolean }[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const sampler = new FrameSampler(host, {
      onSample: async ({ frame }: FrameSample) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        samples.push({ ...frameSize(frame), videoFrame: frame instanceof VideoFrame });
        await new Promise((r) => setTimeout(r, 30));
        frame.close();
        inFlight--;
      },
    });
    try {
      sampler.start(video);
      await waitUntil(() => samples.length >= 5, 'five samples', { timeout: 5000 });
      // A VideoFrame: taken without copying the picture on the main thread.
      expect(samples[0]).to.deep.equal({ width: 1280, height: 720, videoFrame: true });
      expect(maxInFlight).to.equal(1);
      sampler.stop();
      const count = samples.length;
      await new Promise((r) => setTimeout(r, 200));
      expect(samples.length - count).to.be.at.most(1);
    } finally {
      sampler.stop();
      clearInterval(ticker);
      stream.getTracks().forEach((t) => t.stop());
      video.remove();
    }
  });
});
