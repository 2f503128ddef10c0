import { expect, waitUntil } from '@open-wc/testing';
import { FrameSampler, type FrameSample } from '../controllers/frame-sampler.js';
import { FrameAnalyzer } from './frame-analyzer.js';
import { quadJaccard } from './geometry.js';
import { drawEmpty, drawScene } from './test-scenes.js';

describe('FrameAnalyzer', () => {
  it('analyses in a worker and finds the document there as it does on the main thread', async () => {
    const scene = drawScene({ seed: 3, rotation: 8, tiltX: 10 });
    const inWorker = new FrameAnalyzer();
    const here = new FrameAnalyzer({ forceMainThread: true });
    try {
      expect(inWorker.mode).to.equal('worker');
      expect(here.mode).to.equal('main-thread');
      const a = await inWorker.analyze(await createImageBitmap(scene.canvas));
      const b = await here.analyze(await createImageBitmap(scene.canvas));
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
      const [empty, card] = await Promise.all([
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
});

describe('FrameSampler', () => {
  it('samples a live stream, downscaled, one frame at a time', async () => {
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
    const samples: { width: number; height: number; full?: number }[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const sampler = new FrameSampler(host, {
      maxSide: 640,
      keepFull: true,
      onSample: async ({ analysis, full }: FrameSample) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        samples.push({ width: analysis.width, height: analysis.height, full: full?.width });
        await new Promise((r) => setTimeout(r, 30));
        analysis.close();
        full?.close();
        inFlight--;
      },
    });
    try {
      sampler.start(video);
      await waitUntil(() => samples.length >= 5, 'five samples', { timeout: 5000 });
      expect(samples[0]).to.deep.equal({ width: 640, height: 360, full: 1280 });
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
