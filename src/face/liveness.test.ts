import { expect } from '@open-wc/testing';
import type { Quad } from '../quality/types.js';
import {
  ActiveLiveness,
  Challenge,
  CHALLENGES,
  drawChallenges,
  oppositeOf,
  PassiveLiveness,
  seededRandom,
  type LivenessStepCapture,
} from './liveness.js';
import {
  analyzeSelfie,
  EYE_LINE,
  SelfieIssue,
  type FaceGeometry,
  type SelfieVerdict,
} from './selfie.js';
import type { DetectedFace } from './types.js';
import { livenessPolicy, type LivenessSequence } from '../capture/liveness-policy.js';

const W = 640;
const H = 480;

interface Pose {
  readonly size?: number;
  readonly roll?: number;
  readonly yaw?: number;
  readonly cx?: number;
  readonly cy?: number;
}

/** A face's geometry as faceGeometry() would give it (default: neutral, 0.45, centred). */
function geometry({
  size = 0.45,
  roll = 0,
  yaw = 0,
  cx = W / 2,
  cy = H / 2,
}: Pose = {}): FaceGeometry {
  const h = (size * H) / 2;
  const region: Quad = [
    [cx - 0.8 * h, cy - h],
    [cx + 0.8 * h, cy - h],
    [cx + 0.8 * h, cy + h],
    [cx - 0.8 * h, cy + h],
  ];
  return {
    size,
    boxSize: size,
    centre: [cx, cy],
    offset: [(cx - W / 2) / W, (cy - H / 2) / H],
    roll,
    yaw,
    region,
  };
}

/** A selfie verdict for `face` with these issues (acceptable without any). */
function verdict(
  face: FaceGeometry | null,
  { issues = [], sharpness = 30 }: { issues?: SelfieIssue[]; sharpness?: number } = {},
): SelfieVerdict {
  const all = face ? issues : [SelfieIssue.NoFace, ...issues];
  return {
    acceptable: all.length === 0,
    issues: all,
    face,
    quad: face ? face.region : null,
    metrics: { faces: face ? 1 : 0, sharpness, meanLuma: 130 },
    width: W,
    height: H,
  };
}

const neutral = () => verdict(geometry());

/** The movement that makes each challenge, as the detector sees it (person's directions). */
const MADE: Record<Challenge, () => SelfieVerdict> = {
  tilt_left: () => verdict(geometry({ roll: 25 }), { issues: [SelfieIssue.Angle] }),
  tilt_right: () => verdict(geometry({ roll: -25 }), { issues: [SelfieIssue.Angle] }),
  turn_left: () => verdict(geometry({ yaw: 0.2 }), { issues: [SelfieIssue.Angle] }),
  turn_right: () => verdict(geometry({ yaw: -0.2 }), { issues: [SelfieIssue.Angle] }),
  closer: () => verdict(geometry({ size: 0.68 }), { issues: [SelfieIssue.TooLarge] }),
  back: () => verdict(geometry({ size: 0.3 })),
};

/** Numbered payloads and what became of each: released, or handed out. */
class Ledger {
  next = 0;
  readonly released: number[] = [];
  readonly returned: number[] = [];
  readonly release = (p: number) => {
    this.released.push(p);
  };

  /** Every payload issued so far went out exactly once. */
  expectBalanced(): void {
    const seen = [...this.released, ...this.returned].sort((a, b) => a - b);
    expect(seen).to.deep.equal(Array.from({ length: this.next }, (_, i) => i));
  }
}

/** Feeds `verdicts` 100 ms apart from `start`; returns the step captures. */
function feed(
  policy: ActiveLiveness<number>,
  ledger: Ledger,
  verdicts: readonly SelfieVerdict[],
  start = 0,
): LivenessStepCapture<number>[] {
  const out: LivenessStepCapture<number>[] = [];
  verdicts.forEach((v, i) => {
    const capture = policy.push(v, start + 100 * i, ledger.next++);
    if (capture) {
      ledger.returned.push(capture.payload);
      out.push(capture);
    }
  });
  return out;
}

describe('liveness challenge draw', () => {
  it('is fixed by a seed and draws four distinct challenges, opposites never back to back', () => {
    expect(drawChallenges(4, seededRandom(42))).to.deep.equal(drawChallenges(4, seededRandom(42)));
    const seen = new Set<string>();
    const used = new Set<Challenge>();
    for (let seed = 0; seed < 300; seed++) {
      const drawn = drawChallenges(4, seededRandom(seed));
      expect(drawn).to.have.length(4);
      expect(new Set(drawn).size).to.equal(4);
      for (let i = 1; i < drawn.length; i++) {
        expect(drawn[i], drawn.join()).not.to.equal(oppositeOf(drawn[i - 1]!));
      }
      seen.add(drawn.join());
      drawn.forEach((c) => used.add(c));
    }
    // Not one order over and over: many orders and every challenge.
    expect(seen.size).to.be.greaterThan(100);
    expect([...used].sort()).to.deep.equal([...CHALLENGES].sort());
    // The default source is the platform's cryptographic one.
    expect(new Set(drawChallenges()).size).to.equal(4);
    expect(() => drawChallenges(7)).to.throw(RangeError);
  });

  it('pairs each challenge with its opposite', () => {
    expect(oppositeOf('tilt_left')).to.equal('tilt_right');
    expect(oppositeOf('turn_right')).to.equal('turn_left');
    expect(oppositeOf('closer')).to.equal('back');
  });
});

describe('active liveness', () => {
  it('passes each challenge only on its own movement, in its own direction', () => {
    for (const challenge of CHALLENGES) {
      for (const made of CHALLENGES) {
        const ledger = new Ledger();
        const policy = new ActiveLiveness<number>([challenge], {}, ledger.release);
        expect(policy.state).to.equal('baseline');
        const captures = feed(policy, ledger, [neutral(), neutral(), MADE[made](), MADE[made]()]);
        if (made === challenge) {
          expect(
            captures.map((c) => [c.challenge, c.step]),
            made,
          ).to.deep.equal([[challenge, 1]]);
          expect(policy.state).to.equal('done');
          expect(policy.instruction).to.equal('done');
        } else {
          expect(captures, `${challenge} by ${made}`).to.deep.equal([]);
          expect(policy.state).to.equal('move');
          expect(policy.instruction).to.equal(challenge);
        }
        ledger.expectBalanced();
      }
    }
  });

  it('measures from the baseline, with the default thresholds', () => {
    const run = (challenge: Challenge, base: Pose, moved: Pose) => {
      const policy = new ActiveLiveness<number>([challenge]);
      const ledger = new Ledger();
      return feed(policy, ledger, [
        verdict(geometry(base)),
        verdict(geometry(base)),
        verdict(geometry(moved), { issues: [SelfieIssue.Angle] }),
        verdict(geometry(moved), { issues: [SelfieIssue.Angle] }),
      ]).length;
    };
    // Roll 15° past the baseline's, whatever the baseline.
    expect(run('tilt_left', { roll: 0 }, { roll: 14 })).to.equal(0);
    expect(run('tilt_left', { roll: 0 }, { roll: 16 })).to.equal(1);
    expect(run('tilt_left', { roll: -8 }, { roll: 8 })).to.equal(1);
    expect(run('tilt_left', { roll: 8 }, { roll: 20 })).to.equal(0);
    expect(run('turn_right', { yaw: 0.05 }, { yaw: -0.06 })).to.equal(0);
    expect(run('turn_right', { yaw: 0.05 }, { yaw: -0.08 })).to.equal(1);
    expect(run('closer', { size: 0.4 }, { size: 0.5 })).to.equal(0);
    expect(run('closer', { size: 0.4 }, { size: 0.53 })).to.equal(1);
    expect(run('back', { size: 0.4 }, { size: 0.31 })).to.equal(0);
    expect(run('back', { size: 0.4 }, { size: 0.29 })).to.equal(1);
    // Thresholds are options.
    const policy = new ActiveLiveness<number>(['tilt_right'], { minRoll: 10 });
    expect(
      feed(policy, new Ledger(), [
        neutral(),
        neutral(),
        ...[0, 0].map(() => verdict(geometry({ roll: -11 }))),
      ]),
    ).to.have.length(1);
  });

  it('needs a neutral, acceptable face first and the movement held for two frames', () => {
    const ledger = new Ledger();
    const policy = new ActiveLiveness<number>(['tilt_left'], {}, ledger.release);
    // Starting already tilted is not a movement; neither is a face the checks reject.
    feed(policy, ledger, [MADE.tilt_left(), MADE.tilt_left(), MADE.tilt_left()]);
    expect(policy.state).to.equal('baseline');
    expect(policy.instruction).to.equal('look_straight');
    feed(policy, ledger, [verdict(geometry(), { issues: [SelfieIssue.Blur] }), neutral()]);
    expect(policy.state).to.equal('baseline');
    feed(policy, ledger, [neutral()]);
    expect(policy.state).to.equal('move');
    expect(policy.instruction).to.equal('tilt_left');
    expect(policy.progress).to.equal(0);
    // Half way, then there for one frame only, then back.
    feed(policy, ledger, [verdict(geometry({ roll: 7.5 }))]);
    expect(policy.progress).to.be.closeTo(0.5, 1e-9);
    feed(policy, ledger, [MADE.tilt_left()]);
    expect(policy.instruction).to.equal('hold');
    expect(feed(policy, ledger, [neutral()])).to.deep.equal([]);
    // Held: the sharper of the two frames is the step's image.
    const first = ledger.next;
    const captures = feed(policy, ledger, [
      verdict(geometry({ roll: 24 }), { sharpness: 20 }),
      verdict(geometry({ roll: 26 }), { sharpness: 35 }),
    ]);
    expect(captures).to.deep.equal([{ challenge: 'tilt_left', step: 1, payload: first + 1 }]);
    ledger.expectBalanced();
  });

  it('does not pass with a second face or no face in view', () => {
    const ledger = new Ledger();
    const policy = new ActiveLiveness<number>(['turn_left'], {}, ledger.release);
    feed(policy, ledger, [neutral(), neutral()]);
    const crowded = () =>
      verdict(geometry({ yaw: 0.2 }), { issues: [SelfieIssue.MultipleFaces, SelfieIssue.Angle] });
    expect(feed(policy, ledger, [crowded(), crowded(), crowded()])).to.deep.equal([]);
    expect(policy.instruction).to.equal('one_face');
    // One good frame between the crowded ones is no hold.
    expect(feed(policy, ledger, [MADE.turn_left(), crowded(), MADE.turn_left()])).to.deep.equal([]);
    expect(feed(policy, ledger, [verdict(null)])).to.deep.equal([]);
    expect(policy.instruction).to.equal('show_face');
    expect(feed(policy, ledger, [MADE.turn_left(), MADE.turn_left()])).to.have.length(1);
    ledger.expectBalanced();
  });

  it('times a challenge out, stops taking frames, and starts over on reset', () => {
    const ledger = new Ledger();
    const challenges = drawChallenges(4, seededRandom(7));
    const policy = new ActiveLiveness<number>(challenges, {}, ledger.release);
    // Step 1 done at 0.3 s; step 2's clock starts with its first frame, at 1 s.
    expect(
      feed(policy, ledger, [neutral(), neutral(), MADE[challenges[0]!](), MADE[challenges[0]!]()]),
    ).to.have.length(1);
    expect(policy.index).to.equal(2);
    expect(policy.remainingMs).to.equal(8000);
    feed(policy, ledger, [neutral(), neutral(), MADE[oppositeOf(challenges[1]!)]()], 1000);
    expect(policy.remainingMs).to.equal(7800);
    // Holding the start pose until 9 s: still within the limit at 9.0 s, out at 9.1 s.
    feed(policy, ledger, Array.from({ length: 78 }, neutral), 1300);
    expect(policy.state).to.equal('move');
    expect(policy.remainingMs).to.equal(0);
    feed(policy, ledger, [MADE[challenges[1]!]()], 9100);
    expect(policy.state).to.equal('timed-out');
    expect(policy.instruction).to.equal('timed_out');
    expect(policy.challenge).to.equal(challenges[1]);
    expect(policy.index).to.equal(2);
    expect(
      feed(policy, ledger, [MADE[challenges[1]!](), MADE[challenges[1]!]()], 9200),
    ).to.deep.equal([]);
    ledger.expectBalanced();
    // Retry: the whole sequence again, with a fresh draw.
    const again = drawChallenges(4, seededRandom(8));
    policy.reset(again);
    expect(policy.challenges).to.deep.equal(again);
    expect([policy.state, policy.index, policy.challenge]).to.deep.equal(['baseline', 1, again[0]]);
  });

  it('hands out one image per challenge and releases every other frame exactly once', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const ledger = new Ledger();
      const challenges = drawChallenges(4, seededRandom(seed));
      const policy = new ActiveLiveness<number>(challenges, {}, ledger.release);
      const frames: SelfieVerdict[] = [];
      for (const challenge of challenges) {
        frames.push(verdict(null), neutral(), neutral(), neutral(), MADE[oppositeOf(challenge)]());
        frames.push(
          MADE[challenge](),
          verdict(null),
          MADE[challenge](),
          MADE[challenge](),
          MADE[challenge](),
        );
      }
      const captures = feed(policy, ledger, [...frames, neutral(), neutral()]);
      expect(captures.map((c) => c.challenge)).to.deep.equal(challenges);
      expect(captures.map((c) => c.step)).to.deep.equal([1, 2, 3, 4]);
      expect(policy.state).to.equal('done');
      expect(policy.challenge).to.equal(null);
      ledger.expectBalanced();
      // Resetting mid-hold releases what is held.
      policy.reset();
      feed(policy, ledger, [neutral(), neutral(), MADE[challenges[0]!]()]);
      policy.reset();
      ledger.expectBalanced();
    }
  });
});

describe('passive liveness', () => {
  const push = (policy: PassiveLiveness<number>, ledger: Ledger, v: SelfieVerdict, t: number) => {
    const out = policy.push(v, t, ledger.next++);
    if (out) ledger.returned.push(...out);
    return out;
  };

  it('collects three good frames spread over at least 600 ms', () => {
    const ledger = new Ledger();
    const policy = new PassiveLiveness<number>({}, ledger.release);
    expect(policy.state).to.equal('searching');
    const results = [0, 100, 200, 300, 400, 500].map((t) => push(policy, ledger, neutral(), t));
    expect(results.every((r) => r === undefined)).to.equal(true);
    expect(policy.state).to.equal('collecting');
    expect(policy.collected).to.equal(2);
    expect(push(policy, ledger, neutral(), 600)).to.deep.equal([0, 3, 6]);
    expect(policy.state).to.equal('done');
    // Done until reset.
    expect(push(policy, ledger, neutral(), 700)).to.equal(undefined);
    ledger.expectBalanced();
  });

  it('starts over when a check fails or the face moves away', () => {
    const ledger = new Ledger();
    const policy = new PassiveLiveness<number>({ burst: 3, minSpanMs: 400 }, ledger.release);
    push(policy, ledger, neutral(), 0);
    push(policy, ledger, neutral(), 200);
    push(policy, ledger, verdict(geometry(), { issues: [SelfieIssue.Blur] }), 300);
    expect(policy.state).to.equal('searching');
    expect(policy.issues).to.deep.equal(['blur']);
    push(policy, ledger, neutral(), 400); // 3
    push(policy, ledger, neutral(), 600); // 4
    // Someone else, to the side: a new burst starts with this frame.
    push(policy, ledger, verdict(geometry({ cx: 420 })), 700); // 5
    expect(policy.collected).to.equal(1);
    push(policy, ledger, verdict(geometry({ cx: 425 })), 900); // 6
    expect(push(policy, ledger, verdict(geometry({ cx: 418 })), 1100)).to.deep.equal([5, 6, 7]);
    // A second face in view fails the selfie checks, so it is never part of a burst.
    policy.reset();
    push(policy, ledger, neutral(), 2000);
    push(policy, ledger, verdict(geometry(), { issues: [SelfieIssue.MultipleFaces] }), 2200);
    expect(policy.collected).to.equal(0);
    policy.reset();
    ledger.expectBalanced();
  });
});

describe('liveness as a capture policy', () => {
  /** Pushes `verdicts` 100 ms apart from `start`; the outcomes' kinds, and the sequences. */
  function run(
    policy: ReturnType<typeof livenessPolicy<number, SelfieVerdict>>,
    ledger: Ledger,
    verdicts: readonly SelfieVerdict[],
    start = 0,
  ) {
    const kinds: string[] = [];
    const sequences: LivenessSequence<number>[] = [];
    verdicts.forEach((v, i) => {
      const outcome = policy.push(v, start + 100 * i, ledger.next++);
      kinds.push(outcome.kind);
      if (outcome.kind === 'sequence') {
        sequences.push(outcome.sequence);
        ledger.returned.push(...outcome.sequence.shots.map((shot) => shot.payload));
      }
    });
    return { kinds, sequences };
  }

  it('hands out a passive burst as one sequence of liveness_passive images', () => {
    const ledger = new Ledger();
    const policy = livenessPolicy<number, SelfieVerdict>({ mode: 'passive' }, ledger.release);
    expect(policy.progress).to.deep.equal({ instruction: 'look_straight', index: 0, count: 0 });
    const { kinds, sequences } = run(
      policy,
      ledger,
      [0, 1, 2, 3, 4, 5, 6].map(() => neutral()),
    );
    expect(kinds).to.deep.equal(['wait', 'wait', 'wait', 'wait', 'wait', 'wait', 'sequence']);
    expect(sequences).to.deep.equal([
      {
        mode: 'passive',
        shots: [0, 3, 6].map((payload) => ({ label: 'liveness_passive', payload })),
      },
    ]);
    policy.dispose();
    ledger.expectBalanced();
  });

  it('keeps each challenge’s image until all are met, with the draw from the given source', () => {
    const ledger = new Ledger();
    const settings = { mode: 'passive_active', random: seededRandom(5) } as const;
    const challenges = drawChallenges(4, seededRandom(5));
    const policy = livenessPolicy<number, SelfieVerdict>(settings, ledger.release);
    expect(policy.progress).to.deep.equal({ instruction: 'look_straight', index: 1, count: 4 });
    const frames = challenges.flatMap((c) => [neutral(), neutral(), MADE[c](), MADE[c]()]);
    const { kinds, sequences } = run(policy, ledger, frames);
    expect(kinds.slice(0, -1).every((kind) => kind === 'wait')).to.equal(true);
    expect(kinds.at(-1)).to.equal('sequence');
    expect(sequences[0]!.mode).to.equal('passive_active');
    expect(sequences[0]!.shots.map(({ label, challenge }) => [label, challenge])).to.deep.equal(
      challenges.map((challenge, i) => [`liveness_active_step_${i + 1}`, challenge]),
    );
    expect(policy.progress).to.deep.equal({ instruction: 'done', index: 4, count: 4 });
    ledger.expectBalanced();
  });

  it('halts when a challenge runs out of time, drops that attempt’s images, and redraws on reset', () => {
    const ledger = new Ledger();
    const random = seededRandom(9);
    const policy = livenessPolicy<number, SelfieVerdict>(
      { mode: 'passive_active', random, active: { timeLimitMs: 1000 } },
      ledger.release,
    );
    const first = drawChallenges(4, seededRandom(9));
    // Step 1 met, then nothing but a neutral face past step 2's time limit.
    const met = run(policy, ledger, [neutral(), neutral(), MADE[first[0]!](), MADE[first[0]!]()]);
    expect(met.kinds).to.deep.equal(['wait', 'wait', 'wait', 'wait']);
    const late = run(policy, ledger, Array.from({ length: 12 }, neutral), 1000);
    expect(late.kinds.at(-1)).to.equal('halt');
    expect(policy.progress.instruction).to.equal('timed_out');
    // Step 1's image went with the attempt.
    ledger.expectBalanced();
    expect(ledger.returned).to.deep.equal([]);
    policy.reset();
    expect(policy.progress).to.deep.equal({ instruction: 'look_straight', index: 1, count: 4 });
    const again = seededRandom(9);
    again();
    const redrawn = drawChallenges(4, again);
    const retried = run(policy, ledger, [neutral(), neutral(), MADE[redrawn[0]!]()], 5000);
    expect(retried.kinds).to.deep.equal(['wait', 'wait', 'wait']);
    expect(policy.progress.instruction).to.equal('hold');
    policy.dispose();
    ledger.expectBalanced();
  });
});

// ---------------------------------------------------------------------------------------------
// The selfie-moves video of scripts/selfie-videos.ts (that module reads files with node:fs, so
// it cannot load here): its poses rebuilt from the generator's constants (NEUTRAL, moveTarget and
// movesTimeline, GENERATOR_VERSION 1, planSelfieVideos' defaults: 10 fps, 1 s held, 0.5 s of
// neutral, 2 ramp frames), giving the same per-frame truth as its videos.json (119 frames).

/** The video's pose names are the unmirrored image's sides; the challenges are the person's. */
const VIDEO_POSE_TO_CHALLENGE = {
  tilt_left: 'tilt_right', // roll -25°: the head top towards the image's left
  tilt_right: 'tilt_left', // roll +25°
  turn_left: 'turn_right', // yaw ratio -0.3: the nose towards the image's left
  turn_right: 'turn_left', // yaw ratio +0.3
  closer: 'closer', // size x1.5
  back: 'back', // size x0.65
} as const satisfies Record<string, Challenge>;
type VideoMove = keyof typeof VIDEO_POSE_TO_CHALLENGE;

interface TruthPose {
  readonly size: number;
  readonly roll: number;
  readonly yawRatio: number;
}
const VIDEO_NEUTRAL: TruthPose = { size: 0.5, roll: 0, yawRatio: 0 };
const VIDEO_TARGETS: Record<VideoMove, TruthPose> = {
  tilt_left: { ...VIDEO_NEUTRAL, roll: -25 },
  tilt_right: { ...VIDEO_NEUTRAL, roll: 25 },
  turn_left: { ...VIDEO_NEUTRAL, yawRatio: -0.3 },
  turn_right: { ...VIDEO_NEUTRAL, yawRatio: 0.3 },
  closer: { ...VIDEO_NEUTRAL, size: 0.75 },
  back: { ...VIDEO_NEUTRAL, size: 0.325 },
};

/** The video's frames (truth as videos.json rounds it) and each held move's frame range. */
function selfieMoves(): {
  truth: TruthPose[];
  moves: { move: VideoMove; from: number; to: number }[];
} {
  const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
  const truth: TruthPose[] = [];
  const moves: { move: VideoMove; from: number; to: number }[] = [];
  const add = (p: TruthPose, n = 1) => {
    for (let k = 0; k < n; k++) {
      truth.push({ size: round(p.size, 4), roll: round(p.roll), yawRatio: round(p.yawRatio, 3) });
    }
  };
  const between = (a: TruthPose, b: TruthPose, t: number): TruthPose => ({
    size: a.size + (b.size - a.size) * t,
    roll: a.roll + (b.roll - a.roll) * t,
    yawRatio: a.yawRatio + (b.yawRatio - a.yawRatio) * t,
  });
  add(VIDEO_NEUTRAL, 5);
  for (const move of Object.keys(VIDEO_TARGETS) as VideoMove[]) {
    const target = VIDEO_TARGETS[move];
    for (const t of [1 / 3, 2 / 3]) add(between(VIDEO_NEUTRAL, target, t));
    moves.push({ move, from: truth.length, to: truth.length + 9 });
    add(target, 10);
    for (const t of [1 / 3, 2 / 3]) add(between(target, VIDEO_NEUTRAL, t));
    add(VIDEO_NEUTRAL, 5);
  }
  return { truth, moves };
}

/**
 * The detector's view of a pose: the six keypoints of a face of that size at the frame centre,
 * rolled clockwise by `roll`, the nose keypoint moved along the eye line by 0.7 times the true yaw
 * ratio (see SelfieQualityOptions.maxYaw), eyes-to-mouth 0.9 eye distances.
 */
function detectedFace({ size, roll, yawRatio }: TruthPose): DetectedFace {
  const height = size * H;
  const eye = height / 2.15 / 0.9;
  const r = (roll * Math.PI) / 180;
  const [ux, uy] = [Math.cos(r), Math.sin(r)];
  // From the face centre up to the eye line.
  const up = (0.5 - EYE_LINE) * height;
  const [mx, my] = [W / 2 + up * uy, H / 2 - up * ux];
  const at = (along: number, down: number) => ({
    x: mx + along * eye * ux - down * eye * uy,
    y: my + along * eye * uy + down * eye * ux,
  });
  return {
    box: { x: mx - eye, y: my - eye, width: 2 * eye, height: 2.2 * eye },
    score: 0.95,
    keypoints: {
      rightEye: at(-0.5, 0),
      leftEye: at(0.5, 0),
      noseTip: at(0.7 * yawRatio, 0.45),
      mouth: at(0, 0.9),
      rightEarTragion: at(-0.95, 0.2),
      leftEarTragion: at(0.95, 0.2),
    },
  };
}

/** Mid grey with fine noise: neither dark nor blurred. */
function noiseFrame(): ImageData {
  const data = new Uint8ClampedArray(W * H * 4);
  const random = seededRandom(3);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = data[i + 1] = data[i + 2] = 100 + Math.floor(random() * 60);
    data[i + 3] = 255;
  }
  return new ImageData(data, W, H);
}

describe('active liveness on the selfie-moves video truth', () => {
  const { truth, moves } = selfieMoves();
  const image = noiseFrame();
  const verdicts = truth.map((pose) => analyzeSelfie(image, { faces: [detectedFace(pose)] }));

  it('sees what the generator drew', () => {
    expect(truth).to.have.length(119);
    expect(verdicts[0]!.issues).to.deep.equal([]);
    const at = (move: VideoMove) => verdicts[moves.find((m) => m.move === move)!.from]!;
    // The person's tilt to the left (the video's "tilt_right") turns the eye line clockwise.
    expect(at('tilt_right').face!.roll).to.be.closeTo(25, 1e-6);
    expect(at('turn_right').face!.yaw).to.be.closeTo(0.21, 1e-6);
    expect(at('tilt_left').issues).to.deep.equal(['face_angle']);
    expect(at('closer').issues).to.deep.equal(['face_too_large']);
    expect(at('back').issues).to.deep.equal([]);
  });

  it('meets each pose’s challenge and no other', () => {
    moves.forEach(({ move, to }, k) => {
      // From the neutral rest before the move to its last held frame.
      const start = k === 0 ? 0 : moves[k - 1]!.to + 3;
      for (const challenge of CHALLENGES) {
        const ledger = new Ledger();
        const policy = new ActiveLiveness<number>([challenge], {}, ledger.release);
        const captures = feed(policy, ledger, verdicts.slice(start, to + 1));
        const expected = VIDEO_POSE_TO_CHALLENGE[move] === challenge ? 1 : 0;
        expect(captures, `${move} as ${challenge}`).to.have.length(expected);
        ledger.expectBalanced();
      }
    });
  });

  it('passes the whole video as one sequence in real time', () => {
    const ledger = new Ledger();
    const sequence = moves.map(({ move }) => VIDEO_POSE_TO_CHALLENGE[move]);
    const policy = new ActiveLiveness<number>(sequence, {}, ledger.release);
    const captures = feed(policy, ledger, verdicts);
    expect(captures.map((c) => c.challenge)).to.deep.equal(sequence);
    // Every image is a frame of its own held pose (or the ramp's last frame into it).
    captures.forEach((capture, k) => {
      expect(capture.payload).to.be.within(moves[k]!.from - 1, moves[k]!.to);
    });
    ledger.expectBalanced();
  });
});
