import { expect } from '@open-wc/testing';
import {
  analyzeSelfie,
  EYE_LINE,
  faceGeometry,
  resolveSelfieOptions,
  SelfieIssue,
} from './selfie.js';
import type { DetectedFace } from './types.js';

const W = 640;
const H = 480;

/**
 * A face as the detector reports it: eyes `eye` px apart centred at (cx, cy), turned by `roll`
 * degrees, nose shifted sideways by `yaw` eye distances, mouth 0.9 eye distances below the eyes.
 */
function face(cx: number, cy: number, eye: number, roll = 0, yaw = 0, score = 0.9): DetectedFace {
  const r = (roll * Math.PI) / 180;
  const ux = Math.cos(r);
  const uy = Math.sin(r);
  const at = (along: number, down: number) => ({
    x: cx + along * eye * ux - down * eye * uy,
    y: cy + along * eye * uy + down * eye * ux,
  });
  // The detector's box: about 1.04 forehead-to-chin heights (0.9 eye distances × 2.15 × 1.04).
  return {
    box: { x: cx - eye, y: cy - 0.6 * eye, width: 2 * eye, height: 2 * eye },
    score,
    keypoints: {
      rightEye: at(-0.5, 0),
      leftEye: at(0.5, 0),
      noseTip: at(yaw, 0.45),
      mouth: at(0, 0.9),
      rightEarTragion: at(-0.95, 0.2),
      leftEarTragion: at(0.95, 0.2),
    },
  };
}

/** A frame of mid grey with fine noise: neither dark nor featureless. */
function frame(level = 128): ImageData {
  const data = new Uint8ClampedArray(W * H * 4);
  let seed = 7;
  for (let i = 0; i < data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const v = level + ((seed >>> 16) % 60) - 30;
    data[i] = data[i + 1] = data[i + 2] = v;
    data[i + 3] = 255;
  }
  return new ImageData(data, W, H);
}

describe('selfie checks', () => {
  it('reads size, position, roll and yaw from the keypoints', () => {
    const level = faceGeometry(face(320, 220, 60), W, H);
    // Eye-to-mouth 54 px × 2.15 (forehead-to-chin per eye-to-mouth) / 480.
    expect(level.size).to.be.closeTo((54 * 2.15) / 480, 0.001);
    // The face centre (halfway from forehead to chin) lies below the eyes.
    expect(level.centre[0]).to.be.closeTo(320, 1e-9);
    expect(level.centre[1]).to.be.closeTo(220 + (0.5 - EYE_LINE) * 54 * 2.15, 1e-9);
    expect(level.roll).to.be.closeTo(0, 1e-9);
    expect(level.yaw).to.be.closeTo(0, 1e-9);
    const turned = faceGeometry(face(320, 220, 60, 25, 0.3), W, H);
    expect(turned.roll).to.be.closeTo(25, 1e-6);
    expect(turned.yaw).to.be.closeTo(0.3, 1e-6);
    // Roll does not change the size estimate.
    expect(turned.size).to.be.closeTo(level.size, 1e-9);
  });

  it('accepts one well-placed, level face and names each problem otherwise', () => {
    const image = frame();
    // Face 0.32 of the frame height, its centre 40 px below the eyes: in the middle.
    const ok = analyzeSelfie(image, { faces: [face(320, 200, 80)] });
    expect(ok.issues).to.deep.equal([]);
    expect(ok.acceptable).to.equal(true);
    const cases: [DetectedFace[], SelfieIssue][] = [
      [[], SelfieIssue.NoFace],
      [[face(200, 200, 55), face(440, 200, 55)], SelfieIssue.MultipleFaces],
      [[face(320, 220, 25)], SelfieIssue.TooSmall],
      [[face(320, 150, 170)], SelfieIssue.TooLarge],
      [[face(470, 200, 80)], SelfieIssue.OffCenter],
      [[face(320, 200, 80, 28)], SelfieIssue.Angle],
      [[face(320, 200, 80, 0, 0.35)], SelfieIssue.Angle],
    ];
    for (const [faces, issue] of cases) {
      const verdict = analyzeSelfie(image, { faces });
      expect(verdict.issues, issue).to.include(issue);
      expect(verdict.acceptable, issue).to.equal(false);
    }
    // A face too small is told to come closer, not to turn: its keypoints are too close together
    // to tell a turn. The same pose at a fair size is a turn.
    const far = analyzeSelfie(image, { faces: [face(320, 220, 25, 0, 0.3)] });
    expect(far.issues).to.deep.equal([SelfieIssue.TooSmall]);
    expect(analyzeSelfie(image, { faces: [face(320, 200, 80, 0, 0.3)] }).issues).to.deep.equal([
      SelfieIssue.Angle,
    ]);
    // A small face in the background does not count as a second person.
    const bystander = analyzeSelfie(image, { faces: [face(320, 200, 80), face(560, 80, 20)] });
    expect(bystander.issues).to.deep.equal([]);
    expect(bystander.metrics.faces).to.equal(2);
  });

  it('judges yaw alike for every detector factor the tuning people showed (see maxYaw)', () => {
    const image = frame();
    // The detector reads the true ratio times a person's factor: 0.69 (studio), 0.70 (Jesper;
    // 0.60-0.84 within his labels' uncertainty). A true 0.14 passes and a true 0.25 is refused,
    // turned either way, for factors between 0.61 and 1.07.
    for (const factor of [0.61, 0.69, 0.7, 0.84, 1.07]) {
      for (const side of [1, -1]) {
        const ok = analyzeSelfie(image, { faces: [face(320, 200, 80, 0, side * factor * 0.14)] });
        expect(ok.issues, `${factor} × 0.14`).to.deep.equal([]);
        const turned = analyzeSelfie(image, {
          faces: [face(320, 200, 80, 0, side * factor * 0.25)],
        });
        expect(turned.issues, `${factor} × 0.25`).to.deep.equal([SelfieIssue.Angle]);
      }
    }
  });

  it('refuses a face filling the frame even where its keypoints say it fits (the box decides)', () => {
    const image = frame();
    // Keypoints of a 0.58 face (eyes 144 px apart: 0.9 × 144 × 2.15 / 480), as a face whose
    // eye-to-mouth distance is short for its height gives them; the detector's box says 0.88.
    const close = face(320, 200, 144);
    const box = { ...close.box, y: 20, height: 0.88 * 480 * 1.04 };
    const verdict = analyzeSelfie(image, { faces: [{ ...close, box }] });
    expect(verdict.face!.size).to.be.closeTo(0.58, 0.01);
    expect(verdict.face!.boxSize).to.be.closeTo(0.88, 0.01);
    expect(verdict.issues).to.include(SelfieIssue.TooLarge);
    // And the other way round: a box that is smaller than the keypoints say changes nothing.
    const fits = analyzeSelfie(image, { faces: [face(320, 200, 80)] });
    expect(fits.face!.boxSize).to.be.lessThan(0.65);
    expect(fits.issues).to.deep.equal([]);
  });

  it('does not take a detection the detector is unsure of for a face', () => {
    const image = frame();
    // The detector reports from 0.5; a helmet or a pattern scores there.
    const unsure = analyzeSelfie(image, { faces: [face(320, 200, 80, 0, 0, 0.55)] });
    expect(unsure.issues).to.deep.equal([SelfieIssue.NoFace]);
    expect(unsure.face).to.equal(null);
    const helmet = analyzeSelfie(image, {
      faces: [face(320, 200, 80), face(470, 300, 60, 45, 0, 0.55)],
    });
    expect(helmet.issues).to.deep.equal([]);
    expect(
      analyzeSelfie(
        image,
        { faces: [face(320, 200, 80, 0, 0, 0.55)] },
        { minFaceScore: 0.5, minMainFaceScore: 0.5 },
      ).issues,
    ).to.deep.equal([]);
  });

  it('takes a middling guess neither for the face nor for nobody else', () => {
    const image = frame();
    // 0.65 is over the counting floor (0.6) but under the main face's (0.7): alone, no face.
    const middling = analyzeSelfie(image, { faces: [face(320, 200, 80, 0, 0, 0.65)] });
    expect(middling.issues).to.deep.equal([SelfieIssue.NoFace]);
    // Beside a sure face it is still a second person, whichever is larger.
    for (const [a, b] of [
      [0.9, 0.65],
      [0.65, 0.9],
    ] as const) {
      const two = analyzeSelfie(image, {
        faces: [face(250, 220, 60, 0, 0, a), face(420, 200, 75, 0, 0, b)],
      });
      expect(two.issues).to.include(SelfieIssue.MultipleFaces);
      expect(two.face).to.not.equal(null);
    }
  });

  it('judges light and focus on the face region', () => {
    expect(analyzeSelfie(frame(30), { faces: [face(320, 200, 60)] }).issues).to.include(
      SelfieIssue.Dark,
    );
    // A flat grey face region has no detail at all: blurred.
    const flat = new ImageData(new Uint8ClampedArray(W * H * 4).fill(128), W, H);
    expect(analyzeSelfie(flat, { faces: [face(320, 200, 60)] }).issues).to.include(
      SelfieIssue.Blur,
    );
  });

  it('lets every check be turned off and every threshold be moved', () => {
    const image = frame();
    const tilted = [face(320, 200, 80, 28)];
    expect(analyzeSelfie(image, { faces: tilted }, { maxRoll: 30 }).issues).to.deep.equal([]);
    expect(
      analyzeSelfie(image, { faces: tilted }, { checks: { angle: false } }).issues,
    ).to.deep.equal([]);
    expect(resolveSelfieOptions({ minFaceSize: undefined }).minFaceSize).to.equal(0.26);
  });
});
