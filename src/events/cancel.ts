import type { CaptureStep } from '../steps.js';
import { KycEvent } from './kyc-event.js';

/** The `detail` of {@link KycCancelEvent}. */
export interface KycCancelDetail {
  readonly step?: CaptureStep;
}

/** The person cancelled the flow. */
export class KycCancelEvent extends KycEvent<KycCancelDetail> {
  /** The event's name, for addEventListener. */
  static readonly eventName = 'kyc-cancel' as const;

  constructor(detail: KycCancelDetail) {
    super(KycCancelEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kyc-cancel': KycCancelEvent;
  }
}
