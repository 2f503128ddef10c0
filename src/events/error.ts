import type { KycError } from '../errors.js';
import type { FlowErrorPhase } from '../flow/machine.js';
import { KycEvent } from './kyc-event.js';

/** The `detail` of {@link KycErrorEvent}. */
export interface KycErrorDetail {
  readonly error: KycError;
  readonly phase: FlowErrorPhase;
  readonly retryable: boolean;
}

/** Something failed; the element shows it and keeps any capture for a retry. */
export class KycErrorEvent extends KycEvent<KycErrorDetail> {
  /** The event's name, for addEventListener. */
  static readonly eventName = 'kyc-error' as const;

  constructor(detail: KycErrorDetail) {
    super(KycErrorEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kyc-error': KycErrorEvent;
  }
}
