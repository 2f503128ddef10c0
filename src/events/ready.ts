import type { CaptureStep } from '../steps.js';
import { KycEvent } from './kyc-event.js';

/** The `detail` of {@link KycReadyEvent}. */
export interface KycReadyDetail {
  readonly steps: readonly CaptureStep[];
}

/** The element is connected and its flow is ready to start; \`steps\` is the plan so far. */
export class KycReadyEvent extends KycEvent<KycReadyDetail> {
  /** The event's name, for addEventListener. */
  static readonly eventName = 'kyc-ready' as const;

  constructor(detail: KycReadyDetail) {
    super(KycReadyEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kyc-ready': KycReadyEvent;
  }
}
