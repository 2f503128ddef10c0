import type { CaptureStep } from '../steps.js';
import { KycEvent } from './kyc-event.js';

/** The `detail` of {@link KycFeedbackEvent}. */
export interface KycFeedbackDetail {
  readonly step: CaptureStep;
  readonly feedback: string;
  readonly message: string;
  /** The steps to capture again (the rejected step, or the images a batch rejection names). */
  readonly retake: readonly CaptureStep[];
  /** Attempts the backend still allows, when it says so (validation-v2). */
  readonly attemptsLeft?: number;
}

/** The backend asked for a retake; \`message\` is the guidance shown to the person. */
export class KycFeedbackEvent extends KycEvent<KycFeedbackDetail> {
  /** The event's name, for addEventListener. */
  static readonly eventName = 'kyc-feedback' as const;

  constructor(detail: KycFeedbackDetail) {
    super(KycFeedbackEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kyc-feedback': KycFeedbackEvent;
  }
}
