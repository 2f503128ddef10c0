import { expect, waitUntil } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { KycError } from '../errors.js';
import type { FaceAnalyzer } from '../face/face-analyzer.js';
import {
  LiveAnalysisController,
  type LiveAnalysisConfig,
  type LiveAnalysisOptions,
} from './live-analysis.js';

// The controller without a camera: what it loads, when its policy starts over, what it says. The
// captures themselves are tested through <kyc-camera-view>, with a camera.

/** A host that only counts the updates it is asked for. */
class Host implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
}

/** A face detector whose load the test settles. */
function faceAnalyzer(load: () => Promise<unknown>): FaceAnalyzer & { loads: number } {
  const fake = {
    loads: 0,
    load() {
      fake.loads++;
      return load();
    },
  };
  return fake as unknown as FaceAnalyzer & { loads: number };
}

/** A random source that counts its draws. */
function countingRandom(): (() => number) & { draws: number } {
  const random = Object.assign(() => (random.draws++ * 0.37) % 1, { draws: 0 });
  return random;
}

const NONE: LiveAnalysisOptions = {
  quality: null,
  selfie: null,
  liveness: null,
  autoCapture: null,
  manualAfterMs: 10_000,
};

function controller(config: Partial<LiveAnalysisConfig> = {}) {
  const host = new Host();
  const errors: KycError[] = [];
  const live = new LiveAnalysisController(host, {
    onCapture: () => {},
    onSequence: () => {},
    onAnalysisError: (error) => errors.push(error),
    busy: () => false,
    ...config,
  });
  return { host, live, errors };
}

describe('LiveAnalysisController', () => {
  it('registers itself and its frame sampler with the host', () => {
    const { host, live } = controller();
    expect(host.controllers).to.include(live);
    expect(host.controllers).to.include(live.sampler);
  });

  it('says the step’s hint, and that the face check is coming while the detector loads', async () => {
    const { live, host } = controller();
    expect(live.guidance).to.deep.equal({ kind: 'hint', loading: false });
    let loaded!: () => void;
    const faces = faceAnalyzer(() => new Promise<void>((resolve) => (loaded = resolve)));
    const selfie = { quality: {}, analyzer: faces };
    live.configure({ ...NONE, selfie, autoCapture: {} }, true);
    expect(live.analysed).to.equal(true);
    expect(live.guidance).to.deep.equal({ kind: 'hint', loading: true });
    // Fresh but equal settings with the same detector: not loaded again.
    live.configure({ ...NONE, selfie: { quality: {}, analyzer: faces }, autoCapture: {} }, false);
    expect(faces.loads).to.equal(1);
    const before = host.updates;
    loaded();
    await waitUntil(() => host.updates > before, 'an update once loaded');
    expect(live.guidance).to.deep.equal({ kind: 'hint', loading: false });
  });

  it('leaves the step to the shutter, once, when the face detector cannot load', async () => {
    const { live, errors } = controller();
    const failure = new KycError('face-model-load-failed', 'no model');
    const faces = faceAnalyzer(() => Promise.reject(failure));
    live.configure({ ...NONE, selfie: { quality: {}, analyzer: faces }, autoCapture: {} }, true);
    await waitUntil(() => errors.length > 0, 'the failure reported');
    expect(errors).to.deep.equal([failure]);
    expect(live.analysed).to.equal(false);
    expect(live.struggling).to.equal(true);
    expect(live.guidance).to.deep.equal({ kind: 'hint', loading: false });
    // Another detector is another chance.
    const other = faceAnalyzer(() => new Promise(() => {}));
    live.configure({ ...NONE, selfie: { quality: {}, analyzer: other }, autoCapture: {} }, false);
    expect(live.analysed).to.equal(true);
    expect(other.loads).to.equal(1);
  });

  it('reports nothing when the detector was stopped by its owner (the flow ended, the element went away)', async () => {
    const { live, errors } = controller();
    // A view removed with an update pending still configures once, with the detector its element
    // has just stopped: that is no failure for the host to hear of (it was a kyc-error on the
    // "All done" screen).
    const stopped = new KycError('face-analyzer-stopped', 'The face analyser was disposed.');
    const faces = faceAnalyzer(() => Promise.reject(stopped));
    live.configure({ ...NONE, selfie: { quality: {}, analyzer: faces }, autoCapture: {} }, true);
    await new Promise((done) => setTimeout(done, 10));
    expect(faces.loads).to.equal(1);
    expect(errors).to.deep.equal([]);
  });

  it('draws the challenges again only when the liveness settings change by value, or a step starts', async () => {
    const { live } = controller();
    const random = countingRandom();
    const faces = faceAnalyzer(() => new Promise(() => {}));
    const options = (timeLimitMs: number): LiveAnalysisOptions => ({
      ...NONE,
      selfie: { quality: {}, analyzer: faces },
      liveness: { mode: 'passive_active', random, active: { timeLimitMs } },
      autoCapture: {},
    });
    live.configure(options(8000), true);
    // Until the liveness code is there: look straight, no count.
    expect(live.progress).to.deep.equal({ instruction: 'look_straight', index: 0, count: 0 });
    await waitUntil(() => live.progress?.count === 4, 'the liveness policy loaded');
    expect(random.draws).to.equal(1);
    // The owner renders fresh but equal settings: the same draw goes on.
    live.configure(options(8000), false);
    live.configure(options(8000), false);
    expect(random.draws).to.equal(1);
    // A changed time limit: a new policy, a new draw.
    live.configure(options(9000), false);
    await waitUntil(() => random.draws === 2, 'a new draw');
    // A new step (or the view shown again), and a retry: the sequence starts over, drawn again.
    live.configure(options(9000), true);
    expect(random.draws).to.equal(3);
    live.retry();
    expect(random.draws).to.equal(4);
    expect(live.progress).to.deep.equal({ instruction: 'look_straight', index: 1, count: 4 });
  });

  it('forgets everything when the host disconnects, and starts afresh on the next configure', async () => {
    const { live } = controller();
    const random = countingRandom();
    const faces = faceAnalyzer(() => new Promise(() => {}));
    const options: LiveAnalysisOptions = {
      ...NONE,
      selfie: { quality: {}, analyzer: faces },
      liveness: { mode: 'passive_active', random },
      autoCapture: {},
    };
    live.configure(options, true);
    // Disconnected while the liveness code loads: the policy never starts.
    live.hostDisconnected();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(random.draws).to.equal(0);
    expect(live.analysed).to.equal(false);
    live.configure(options, false);
    await waitUntil(() => random.draws === 1, 'started again');
    expect(faces.loads).to.equal(2);
  });
});
