import { expect } from '@open-wc/testing';
import type { FrameVerdict, Quad, QualityIssue } from '../quality/types.js';
import { AutoCapture, AutoCapturePolicy } from './auto-capture.js';

const quadAt = (dx = 0): Quad => [
  [100 + dx, 100],
  [500 + dx, 100],
  [500 + dx, 350],
  [100 + dx, 350],
];

function verdict(
  options: { sharpness?: number; issues?: QualityIssue[]; quad?: Quad | null } = {},
): FrameVerdict {
  const issues = options.issues ?? [];
  return {
    acceptable: issues.length === 0,
    issues,
    quad: options.quad === undefined ? quadAt() : options.quad,
    metrics: {
      sharpness: options.sharpness ?? 100,
      glare: 0,
      meanLuma: 120,
      contrast: 50,
      clippedDark: 0,
      clippedBright: 0,
      fill: 0.4,
      span: 0.6,
      aspect: 1.58,
    },
    width: 640,
    height: 480,
    timings: { luma: 0, sharpness: 0, glare: 0, exposure: 0, quad: 0 },
  };
}

describe('auto-capture policy', () => {
  it('captures the sharpest frame once every check has passed for the whole window', () => {
    const released: number[] = [];
    const policy = new AutoCapture<number>({ stableMs: 500, minFrames: 3 }, (p) =>
      released.push(p),
    );
    expect(policy.push(verdict({ sharpness: 100 }), 0, 1)).to.equal(undefined);
    expect(policy.push(verdict({ sharpness: 140 }), 250, 2)).to.equal(undefined);
    expect(policy.state).to.equal('steady');
    expect(policy.push(verdict({ sharpness: 120 }), 500, 3)).to.equal(2);
    expect(released.sort()).to.deep.equal([1, 3]);
  });

  it('starts over when a check fails, and releases what it held', () => {
    const released: number[] = [];
    const policy = new AutoCapture<number>({ stableMs: 300, minFrames: 2 }, (p) =>
      released.push(p),
    );
    policy.push(verdict(), 0, 1);
    expect(policy.push(verdict({ issues: ['glare'] }), 200, 2)).to.equal(undefined);
    expect(policy.issues).to.deep.equal(['glare']);
    expect(released).to.deep.equal([1, 2]);
    expect(policy.push(verdict(), 300, 3)).to.equal(undefined);
    expect(policy.push(verdict({ sharpness: 110 }), 700, 4)).to.equal(4);
  });

  it('asks to hold still while the document moves', () => {
    const policy = new AutoCapture<number>({ stableMs: 300, minFrames: 2, maxMotion: 0.01 });
    policy.push(verdict({ quad: quadAt(0) }), 0, 1);
    policy.push(verdict({ quad: quadAt(40) }), 200, 2);
    expect(policy.state).to.equal('hold-still');
    expect(policy.push(verdict({ quad: quadAt(80) }), 400, 3)).to.equal(undefined);
    expect(policy.push(verdict({ quad: quadAt(81), sharpness: 110 }), 700, 4)).to.equal(4);
  });

  it('rejects a frame much blurrier than the best seen in this step, though above the floor', () => {
    const policy = new AutoCapture<number>({ stableMs: 0, minFrames: 1, relativeSharpness: 0.6 });
    expect(policy.push(verdict({ sharpness: 500, issues: ['glare'] }), 0, 1)).to.equal(undefined);
    expect(policy.push(verdict({ sharpness: 200 }), 100, 2)).to.equal(undefined);
    expect(policy.issues).to.deep.equal(['blur']);
    expect(policy.push(verdict({ sharpness: 450 }), 200, 3)).to.equal(3);
    policy.reset();
    expect(policy.bestSharpness).to.equal(0);
    expect(policy.push(verdict({ sharpness: 200 }), 300, 4)).to.equal(4);
  });

  it('takes the sharpness reference from acceptable frames only when asked (faces)', () => {
    const policy = new AutoCapture<number>({
      stableMs: 0,
      minFrames: 1,
      relativeSharpness: 0.6,
      sharpnessReference: 'acceptable',
    });
    // A face too far away scores high; it is no reference for faces at the right size.
    expect(policy.push(verdict({ sharpness: 500, issues: ['too_far'] }), 0, 1)).to.equal(undefined);
    expect(policy.bestSharpness).to.equal(0);
    expect(policy.push(verdict({ sharpness: 200 }), 100, 2)).to.equal(2);
    expect(policy.push(verdict({ sharpness: 100 }), 200, 3)).to.equal(undefined);
    expect(policy.issues).to.deep.equal(['blur']);
  });

  it('says capture, as a capture policy, when the window is complete', () => {
    const released: number[] = [];
    const policy = new AutoCapturePolicy<number, FrameVerdict>(
      { stableMs: 300, minFrames: 2 },
      (p) => released.push(p),
    );
    expect(policy.progress).to.equal(undefined);
    expect(policy.push(verdict({ issues: ['glare'] }), 0, 1)).to.deep.equal({ kind: 'wait' });
    expect(policy.issues).to.deep.equal(['glare']);
    expect(policy.push(verdict({ sharpness: 90 }), 100, 2)).to.deep.equal({ kind: 'wait' });
    expect(policy.push(verdict({ sharpness: 120 }), 400, 3)).to.deep.equal({
      kind: 'capture',
      payload: 3,
    });
    policy.push(verdict(), 500, 4);
    policy.dispose();
    expect(released).to.deep.equal([1, 2, 4]);
  });
});
