import type { Capture } from '../capture/types.js';
import type { Reason } from '../errors.js';
import type { KycErrorPhase } from '../events/error.js';
import type { ServerFeedback } from '../protocols/types.js';
import {
  ALL_STEPS,
  isImageStep,
  type CaptureStep,
  type DocumentType,
  type FlowStatus,
} from '../steps.js';

/** Where an error happened decides what "try again" does (the phases that show an error screen). */
export type FlowErrorPhase = Exclude<KycErrorPhase, 'analysis'>;

/** An error as the flow keeps it: enough to show it and to decide the way forward. */
export interface FlowError {
  /** Stable code of the underlying `KycError` (e.g. `permission-denied`, `token-expired`). */
  readonly code: string;
  /** The error's own message: English, for developers (the screen words `reason`). */
  readonly message: string;
  /** What the person is told, as a catalog code and its values (`KycError#reason`). */
  readonly reason?: Reason;
  /** Whether "try again" can help. */
  readonly retryable: boolean;
  /** What was going on when it happened. */
  readonly phase: FlowErrorPhase;
  /** True when nothing the person does can continue (expired link, no attempts left): no retake. */
  readonly final?: boolean;
}

/** The whole state of the capture flow. Plain data: the element renders it, tests compare it. */
export interface FlowState {
  /** The current screen. */
  readonly status: FlowStatus;
  /** The document type, once chosen (or preset by the host). */
  readonly documentType?: DocumentType;
  /** Steps still to capture, in order; the first is the current one on camera/review screens. */
  readonly steps: readonly CaptureStep[];
  /** Steps the backend accepted. */
  readonly accepted: readonly CaptureStep[];
  /** The capture under review, being uploaded, or waiting for a retry after a failed upload. */
  readonly capture?: Capture;
  /** The backend's reason when it asked for a retake. */
  readonly feedback?: string;
  /** The adapter's reason for the retake, when it gives one (the catalog words it). */
  readonly feedbackReason?: Reason;
  /** Attempts the backend still allows, when it says so. */
  readonly attemptsLeft?: number;
  /** The error on the error screen. */
  readonly error?: FlowError;
  /** Attempts per step, counting every capture sent. */
  readonly attempts: Readonly<Partial<Record<CaptureStep, number>>>;
}

/** Everything that can happen to the flow. */
export type FlowAction =
  /** The person starts: `steps` is the plan (see `planFlowSteps`), in any order. */
  | { type: 'start'; documentType?: DocumentType; steps: readonly CaptureStep[] }
  | { type: 'captured'; capture: Capture }
  | { type: 'retake' }
  | { type: 'confirm' }
  | { type: 'uploaded'; result: ServerFeedback }
  | { type: 'failed'; error: FlowError }
  | { type: 'retry' }
  | { type: 'cancel' }
  /** A flow kept from before a reload (the opt-in `resume`, see `flow/resume.ts`) continues. */
  | { type: 'resume'; state: ResumableState }
  /** The person starts over (after a resume): back to the intro, nothing kept. */
  | { type: 'restart'; documentType?: DocumentType };

/** What a reload may bring back: a screen with no upload in flight and no error, and its data. */
export type ResumableState = Pick<
  FlowState,
  | 'documentType'
  | 'steps'
  | 'accepted'
  | 'capture'
  | 'feedback'
  | 'feedbackReason'
  | 'attemptsLeft'
  | 'attempts'
> & { readonly status: 'camera' | 'review' | 'feedback' };

/**
 * What a transition asks its runner (the flow controller) to do, as plain data: one keyed handler
 * per type runs it.
 */
export type FlowEffect =
  /** A capture is under review: the host is told (`kyc-capture`). */
  | { readonly type: 'emit-capture'; readonly capture: Capture }
  /** Send the capture under upload (`state.capture`). */
  | { readonly type: 'upload' }
  /** The backend asked for a retake of `step`'s upload: the host is told (`kyc-feedback`). */
  | { readonly type: 'feedback'; readonly step: CaptureStep; readonly result: ServerFeedback }
  /** The backend has every image: close the session where the protocol can, tell the host. */
  | { readonly type: 'complete'; readonly accepted: readonly CaptureStep[] };

/** The next state, and the effects to run once it is in place (in order). */
export interface FlowTransition {
  /** The next state; the same object when the action made no sense here. */
  readonly state: FlowState;
  /** What to do about it, in order. */
  readonly effects: readonly FlowEffect[];
}

/** A transition with nothing to run. */
const only = (state: FlowState): FlowTransition => ({ state, effects: [] });

/** The flow before the person has started. */
export function initialFlowState(options: { documentType?: DocumentType } = {}): FlowState {
  return {
    status: 'intro',
    documentType: options.documentType,
    steps: [],
    accepted: [],
    attempts: {},
  };
}

/** The step being captured, if any. */
export function currentStep(state: FlowState): CaptureStep | undefined {
  return state.steps[0];
}

/** Keeps only known steps, in the flow's canonical order, without duplicates. */
function ordered(steps: readonly CaptureStep[]): CaptureStep[] {
  return ALL_STEPS.filter((step) => steps.includes(step));
}

function afterAccepted(state: FlowState, result: ServerFeedback): FlowTransition {
  const step = currentStep(state);
  const accepted =
    step && !state.accepted.includes(step) ? [...state.accepted, step] : state.accepted;
  // The server's list wins when it sends one: it knows what it still needs (e.g. no back for a
  // passport). Steps no image backend tracks (liveness, asked for by the host) stay planned.
  const later = state.steps.slice(1);
  const untracked = later.filter((s) => !isImageStep(s));
  const remaining = result.missing ? ordered([...result.missing, ...untracked]) : later;
  const base = {
    ...state,
    accepted,
    capture: undefined,
    feedback: undefined,
    feedbackReason: undefined,
    error: undefined,
  };
  // The backend has every image it needs: only untracked steps can be left.
  const left = result.complete || result.alreadyComplete ? untracked : remaining;
  if (left.length === 0) {
    return {
      state: { ...base, status: 'done', steps: [] },
      effects: [{ type: 'complete', accepted }],
    };
  }
  return only({ ...base, status: 'camera', steps: left });
}

function afterRejected(state: FlowState, result: ServerFeedback): FlowTransition {
  const { retake, reason, attemptsLeft } = result;
  // A rejection of images sent together names them; those go back to the front of the queue and
  // lose their "accepted" mark, while the step just sent stays done unless it is named too.
  const steps = retake?.length ? ordered([...retake, ...state.steps.slice(1)]) : state.steps;
  const current = currentStep(state);
  const kept =
    current && retake?.length && !state.accepted.includes(current)
      ? [...state.accepted, current]
      : state.accepted;
  const accepted = retake?.length
    ? kept.filter((step) => !(retake as readonly CaptureStep[]).includes(step))
    : state.accepted;
  const sent = state.capture?.step ?? current;
  return {
    state: {
      ...state,
      status: 'feedback',
      steps,
      accepted,
      feedback: result.feedback,
      feedbackReason: reason,
      attemptsLeft: attemptsLeft ?? state.attemptsLeft,
      capture: undefined,
    },
    effects: sent ? [{ type: 'feedback', step: sent, result }] : [],
  };
}

/**
 * The flow's only transition function: pure, total, and indifferent to actions that make no sense
 * in the current state (they return the same state object, so callers can detect a no-op, and no
 * effects). Its effects are what the controller must do about the new state.
 */
export function transition(state: FlowState, action: FlowAction): FlowTransition {
  if (state.status === 'done' || state.status === 'cancelled') return only(state);
  switch (action.type) {
    case 'start': {
      if (state.status !== 'intro') return only(state);
      const documentType = action.documentType ?? state.documentType;
      const wanted = ordered(action.steps);
      if (wanted.length === 0) return only(state);
      return only({ ...state, status: 'camera', documentType, steps: wanted });
    }
    case 'captured':
      // From the error screen too: the file-input fallback completes a step without a camera.
      if (
        state.status !== 'camera' &&
        !(state.status === 'error' && state.error?.phase === 'camera')
      ) {
        return only(state);
      }
      if (action.capture.step !== currentStep(state)) return only(state);
      return {
        state: {
          ...state,
          status: 'review',
          capture: action.capture,
          error: undefined,
          feedback: undefined,
          feedbackReason: undefined,
        },
        effects: [{ type: 'emit-capture', capture: action.capture }],
      };
    case 'retake': {
      // After a failed upload the person may prefer a new photo over resending the same one.
      const afterUploadError = state.status === 'error' && state.error?.phase === 'upload';
      if (state.status !== 'review' && state.status !== 'feedback' && !afterUploadError)
        return only(state);
      return only({ ...state, status: 'camera', capture: undefined, error: undefined });
    }
    case 'confirm': {
      if (state.status !== 'review' || !state.capture) return only(state);
      const step = state.capture.step;
      return {
        state: {
          ...state,
          status: 'uploading',
          attempts: { ...state.attempts, [step]: (state.attempts[step] ?? 0) + 1 },
        },
        effects: [{ type: 'upload' }],
      };
    }
    case 'uploaded':
      if (state.status !== 'uploading') return only(state);
      if (action.result.accepted || action.result.alreadyComplete)
        return afterAccepted(state, action.result);
      return afterRejected(state, action.result);
    case 'failed':
      if (state.status === 'intro' && action.error.phase !== 'session') return only(state);
      // The capture stays in memory so that "try again" resends it: nothing the person did is lost.
      return only({ ...state, status: 'error', error: action.error });
    case 'retry':
      if (state.status !== 'error' || !state.error?.retryable) return only(state);
      if (state.error.phase === 'upload' && state.capture) {
        return {
          state: { ...state, status: 'uploading', error: undefined },
          effects: [{ type: 'upload' }],
        };
      }
      return only({ ...state, status: state.steps.length ? 'camera' : 'intro', error: undefined });
    case 'cancel':
      return only({ ...state, status: 'cancelled', capture: undefined });
    case 'resume': {
      // Only before the person started here: a flow under way is newer than anything kept.
      if (state.status !== 'intro' || action.state.steps.length === 0) return only(state);
      const { capture } = action.state;
      if (action.state.status === 'review' && capture?.step !== action.state.steps[0])
        return only(state);
      const resumed: FlowState = { ...state, ...action.state, error: undefined };
      // The host of this page load has not seen the photo under review yet (liveness frames reach
      // the host only through that event).
      return {
        state: resumed,
        effects: resumed.status === 'review' && capture ? [{ type: 'emit-capture', capture }] : [],
      };
    }
    case 'restart':
      return only(initialFlowState({ documentType: action.documentType }));
  }
}
