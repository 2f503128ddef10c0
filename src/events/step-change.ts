import type { FlowStatus } from '../steps.js';
import type { CaptureStep } from '../steps.js';
import { KycEvent } from './kyc-event.js';

/** The `detail` of {@link KycStepChangeEvent}. */
export interface KycStepChangeDetail {
  readonly status: FlowStatus;
  readonly step?: CaptureStep;
}

/** The flow moved to another screen or step. */
export class KycStepChangeEvent extends KycEvent<KycStepChangeDetail> {
  /** The event's name, for addEventListener. */
  static readonly eventName = 'kyc-step-change' as const;

  constructor(detail: KycStepChangeDetail) {
    super(KycStepChangeEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kyc-step-change': KycStepChangeEvent;
  }
}
