import { expect } from '@open-wc/testing';
import type { Capture } from '../capture/types.js';
import type { ServerFeedback } from '../protocols/types.js';
import {
  currentStep,
  initialFlowState,
  transition,
  type FlowAction,
  type FlowState,
} from './machine.js';
import { planFlowSteps } from './plan.js';
import type { CaptureStep, DocumentType } from '../steps.js';

function capture(step: CaptureStep): Capture {
  return {
    step,
    blob: new Blob(['x'], { type: 'image/jpeg' }),
    width: 1920,
    height: 1080,
    source: 'camera',
    takenAt: 0,
  };
}

const ok = (missing?: CaptureStep[], complete = false): ServerFeedback => ({
  accepted: true,
  feedback: 'ok',
  complete,
  missing,
});

/** The state after one action (what most of these tests look at). */
function next(state: FlowState, action: FlowAction): FlowState {
  return transition(state, action).state;
}

function run(state: FlowState, ...actions: FlowAction[]): FlowState {
  return actions.reduce(next, state);
}

/** The start action as the flow controller makes it: the planner's steps for the document. */
function start(documentType: DocumentType): FlowAction {
  return { type: 'start', documentType, steps: planFlowSteps({ documentType }) };
}

/** Captures, confirms and gets the given reply for the current step. */
function shoot(state: FlowState, result: ServerFeedback): FlowState {
  const step = currentStep(state);
  if (!step) throw new Error('no current step');
  return run(
    state,
    { type: 'captured', capture: capture(step) },
    { type: 'confirm' },
    { type: 'uploaded', result },
  );
}

describe('capture flow state machine', () => {
  it('starts on the intro screen and needs a document type or steps to leave it', () => {
    const s = initialFlowState();
    expect(s.status).to.equal('intro');
    // The controller starts only once it knows the document type or has host steps: an empty plan
    // leaves the intro screen as it is.
    expect(next(s, { type: 'start', steps: [] })).to.equal(s);
  });

  it('asks a passport for its front only, cards for front and back, then the selfie', () => {
    const passport = next(initialFlowState(), start('passport'));
    expect(passport.steps).to.deep.equal(['document_front', 'selfie']);
    const card = next(initialFlowState(), start('identity_card'));
    expect(card.steps).to.deep.equal(['document_front', 'document_back', 'selfie']);
    const licence = next(initialFlowState(), start('drivers_license'));
    expect(licence.steps).to.deep.equal(['document_front', 'document_back', 'selfie']);
    expect(card.status).to.equal('camera');
  });

  it('takes explicit steps over the document default, in canonical order', () => {
    const s = next(initialFlowState(), {
      type: 'start',
      steps: ['selfie', 'document_front'],
    });
    expect(s.steps).to.deep.equal(['document_front', 'selfie']);
    const selfieOnly = next(initialFlowState(), { type: 'start', steps: ['selfie'] });
    expect(selfieOnly.steps).to.deep.equal(['selfie']);
  });

  it('goes camera → review → camera on retake, and discards the capture', () => {
    let s = run(initialFlowState(), start('passport'));
    s = next(s, { type: 'captured', capture: capture('document_front') });
    expect(s.status).to.equal('review');
    expect(s.capture?.step).to.equal('document_front');
    s = next(s, { type: 'retake' });
    expect(s.status).to.equal('camera');
    expect(s.capture).to.equal(undefined);
  });

  it('ignores a capture for a step other than the current one', () => {
    const s = run(initialFlowState(), start('passport'));
    expect(next(s, { type: 'captured', capture: capture('selfie') })).to.equal(s);
  });

  it('walks a card front → back → selfie → done when the server accepts each', () => {
    let s = run(initialFlowState(), start('identity_card'));
    s = shoot(s, ok(['document_back', 'selfie']));
    expect([s.status, currentStep(s)]).to.deep.equal(['camera', 'document_back']);
    s = shoot(s, ok(['selfie']));
    expect(currentStep(s)).to.equal('selfie');
    s = shoot(s, ok([], true));
    expect(s.status).to.equal('done');
    expect(s.accepted).to.deep.equal(['document_front', 'document_back', 'selfie']);
    expect(s.attempts).to.deep.equal({ document_front: 1, document_back: 1, selfie: 1 });
  });

  it('follows the server’s missing_images over its own plan', () => {
    let s = run(initialFlowState(), start('identity_card'));
    s = shoot(s, ok(['selfie']));
    expect(s.steps).to.deep.equal(['selfie']);
  });

  it('keeps a host-requested liveness step after the selfie, whatever the image backend says', () => {
    let s = run(initialFlowState(), {
      type: 'start',
      steps: ['liveness', 'selfie', 'document_front'],
    });
    expect(s.steps).to.deep.equal(['document_front', 'selfie', 'liveness']);
    // The server's list knows only images: liveness stays planned after them.
    s = shoot(s, ok(['selfie']));
    expect(s.steps).to.deep.equal(['selfie', 'liveness']);
    // "Complete" means every image is in: the liveness step still comes.
    s = shoot(s, ok([], true));
    expect([s.status, s.steps]).to.deep.equal(['camera', ['liveness']]);
    s = shoot(s, ok(undefined));
    expect(s.status).to.equal('done');
    expect(s.accepted).to.deep.equal(['document_front', 'selfie', 'liveness']);
  });

  it('falls back to its own plan when the server sends no missing list', () => {
    let s = run(initialFlowState(), start('passport'));
    s = shoot(s, ok(undefined));
    expect(s.steps).to.deep.equal(['selfie']);
    s = shoot(s, ok(undefined));
    expect(s.status).to.equal('done');
  });

  it('shows the server’s reason and retakes the same step when an image is rejected', () => {
    let s = run(initialFlowState(), start('passport'));
    s = shoot(s, {
      accepted: false,
      feedback: 'glare',
      complete: false,
      missing: ['document_front', 'selfie'],
    });
    expect(s.status).to.equal('feedback');
    expect(s.feedback).to.equal('glare');
    s = next(s, { type: 'retake' });
    expect([s.status, currentStep(s)]).to.deep.equal(['camera', 'document_front']);
    s = shoot(s, ok(['selfie']));
    expect(s.attempts.document_front).to.equal(2);
    expect(s.feedback).to.equal(undefined);
  });

  it('goes back to the images a batch rejection names, keeping the step just sent', () => {
    // link-kyc / validation-v2: front and back are held, the selfie completes the batch, and the
    // backend's verdict is about the document.
    let s = run(initialFlowState(), start('identity_card'));
    s = shoot(s, ok());
    s = shoot(s, ok());
    expect(currentStep(s)).to.equal('selfie');
    s = shoot(s, {
      accepted: false,
      feedback: 'not_processed',
      complete: false,
      retake: ['document_front', 'document_back'],
      reason: { code: 'link-kyc.not_processed' },
      attemptsLeft: 2,
    });
    expect(s.status).to.equal('feedback');
    expect(s.feedbackReason).to.deep.equal({ code: 'link-kyc.not_processed' });
    expect(s.attemptsLeft).to.equal(2);
    expect(s.steps).to.deep.equal(['document_front', 'document_back']);
    expect(s.accepted).to.deep.equal(['selfie']);
    s = next(s, { type: 'retake' });
    expect([s.status, currentStep(s)]).to.deep.equal(['camera', 'document_front']);
    s = shoot(s, ok());
    expect(s.feedbackReason).to.equal(undefined);
    s = shoot(s, ok(undefined, true));
    expect(s.status).to.equal('done');
    expect(s.accepted).to.have.members(['selfie', 'document_front', 'document_back']);
  });

  it('treats "all images already in" (409) as done', () => {
    let s = run(initialFlowState(), start('identity_card'));
    s = shoot(s, {
      accepted: true,
      feedback: 'ok',
      complete: true,
      alreadyComplete: true,
      missing: [],
    });
    expect(s.status).to.equal('done');
  });

  it('keeps the capture through a failed upload and resends it on retry', () => {
    let s = run(initialFlowState(), start('passport'));
    s = run(s, { type: 'captured', capture: capture('document_front') }, { type: 'confirm' });
    const sent = s.capture;
    s = next(s, {
      type: 'failed',
      error: { code: 'network-error', message: 'offline', retryable: true, phase: 'upload' },
    });
    expect(s.status).to.equal('error');
    expect(s.capture).to.equal(sent);
    s = next(s, { type: 'retry' });
    expect(s.status).to.equal('uploading');
    expect(s.capture).to.equal(sent);
  });

  it('lets the person take a new photo instead of resending after a failed upload', () => {
    let s = run(initialFlowState(), start('passport'));
    s = run(s, { type: 'captured', capture: capture('document_front') }, { type: 'confirm' });
    s = next(s, {
      type: 'failed',
      error: { code: 'http-error', message: 'rejected', retryable: false, phase: 'upload' },
    });
    s = next(s, { type: 'retake' });
    expect([s.status, currentStep(s), s.capture, s.error]).to.deep.equal([
      'camera',
      'document_front',
      undefined,
      undefined,
    ]);
  });

  it('does not retry an error that cannot be retried (expired token)', () => {
    let s = run(initialFlowState(), start('passport'));
    s = run(s, { type: 'captured', capture: capture('document_front') }, { type: 'confirm' });
    s = next(s, {
      type: 'failed',
      error: { code: 'token-expired', message: 'expired', retryable: false, phase: 'upload' },
    });
    expect(next(s, { type: 'retry' })).to.equal(s);
  });

  it('returns to the camera after a camera error retry, and accepts a picked file instead', () => {
    let s = run(initialFlowState(), start('passport'));
    const denied = next(s, {
      type: 'failed',
      error: { code: 'permission-denied', message: 'denied', retryable: true, phase: 'camera' },
    });
    expect(next(denied, { type: 'retry' }).status).to.equal('camera');
    s = next(denied, {
      type: 'captured',
      capture: { ...capture('document_front'), source: 'file' },
    });
    expect(s.status).to.equal('review');
    expect(s.error).to.equal(undefined);
  });

  it('cancels from any screen and then ignores everything', () => {
    let s = run(initialFlowState(), start('passport'), { type: 'cancel' });
    expect(s.status).to.equal('cancelled');
    expect(next(s, { type: 'retry' })).to.equal(s);
    s = run(initialFlowState(), { type: 'cancel' });
    expect(s.status).to.equal('cancelled');
  });

  it('ignores actions that make no sense on the current screen', () => {
    const intro = initialFlowState();
    for (const action of [
      { type: 'confirm' },
      { type: 'retake' },
      { type: 'retry' },
    ] as FlowAction[]) {
      expect(next(intro, action)).to.equal(intro);
    }
    const camera = run(intro, start('passport'));
    expect(next(camera, { type: 'uploaded', result: ok([]) })).to.equal(camera);
  });
});

describe('capture flow effects', () => {
  const started = () => run(initialFlowState(), start('identity_card'));
  const effects = (state: FlowState, action: FlowAction) => transition(state, action).effects;

  it('tells the host about a capture under review, the same object the state holds', () => {
    const shot = capture('document_front');
    const { state, effects: list } = transition(started(), { type: 'captured', capture: shot });
    expect(list).to.deep.equal([{ type: 'emit-capture', capture: shot }]);
    expect(list[0]).to.have.property('capture', state.capture);
  });

  it('uploads on confirm, and again on "try again" after a failed upload only', () => {
    const review = next(started(), { type: 'captured', capture: capture('document_front') });
    expect(effects(review, { type: 'confirm' })).to.deep.equal([{ type: 'upload' }]);
    const failed = run(
      review,
      { type: 'confirm' },
      {
        type: 'failed',
        error: { code: 'network-error', message: 'offline', retryable: true, phase: 'upload' },
      },
    );
    expect(effects(failed, { type: 'retry' })).to.deep.equal([{ type: 'upload' }]);
    const camera = next(started(), {
      type: 'failed',
      error: { code: 'not-readable', message: 'busy', retryable: true, phase: 'camera' },
    });
    expect(effects(camera, { type: 'retry' })).to.deep.equal([]);
  });

  it('asks for feedback with the step just sent and the backend’s answer when it rejects', () => {
    const uploading = run(
      started(),
      { type: 'captured', capture: capture('document_front') },
      { type: 'confirm' },
    );
    const glare: ServerFeedback = { accepted: false, feedback: 'glare', complete: false };
    expect(effects(uploading, { type: 'uploaded', result: glare })).to.deep.equal([
      { type: 'feedback', step: 'document_front', result: glare },
    ]);
    // A batch rejection names other images; the feedback is still about the upload just answered.
    let s = shoot(shoot(started(), ok()), ok());
    s = run(s, { type: 'captured', capture: capture('selfie') }, { type: 'confirm' });
    const batch: ServerFeedback = {
      accepted: false,
      feedback: 'not_processed',
      complete: false,
      retake: ['document_front', 'document_back'],
    };
    expect(effects(s, { type: 'uploaded', result: batch })).to.deep.equal([
      { type: 'feedback', step: 'selfie', result: batch },
    ]);
  });

  it('completes once, when the last image is accepted, with the accepted steps', () => {
    let s = run(initialFlowState(), start('passport'));
    s = run(s, { type: 'captured', capture: capture('document_front') }, { type: 'confirm' });
    expect(effects(s, { type: 'uploaded', result: ok(['selfie']) })).to.deep.equal([]);
    s = shoot(s, ok(['selfie']));
    s = run(s, { type: 'captured', capture: capture('selfie') }, { type: 'confirm' });
    expect(effects(s, { type: 'uploaded', result: ok([], true) })).to.deep.equal([
      { type: 'complete', accepted: ['document_front', 'selfie'] },
    ]);
  });

  it('runs nothing for start, retake, failure, cancel or an action that makes no sense', () => {
    const intro = initialFlowState();
    expect(effects(intro, start('passport'))).to.deep.equal([]);
    const review = next(started(), { type: 'captured', capture: capture('document_front') });
    expect(effects(review, { type: 'retake' })).to.deep.equal([]);
    expect(effects(review, { type: 'cancel' })).to.deep.equal([]);
    expect(
      effects(review, {
        type: 'failed',
        error: { code: 'x', message: 'x', retryable: true, phase: 'camera' },
      }),
    ).to.deep.equal([]);
    for (const action of [{ type: 'confirm' }, { type: 'retry' }] as FlowAction[]) {
      expect(transition(intro, action)).to.deep.equal({ state: intro, effects: [] });
    }
    const done = shoot(run(intro, start('passport')), ok([], true));
    expect(done.status).to.equal('done');
    expect(transition(done, { type: 'confirm' })).to.deep.equal({ state: done, effects: [] });
  });
});
