import type { Capture } from '../capture/types.js';
import { KycEvent } from './kyc-event.js';

/** The `detail` of {@link KycCaptureEvent}. */
export interface KycCaptureDetail {
  readonly capture: Capture;
}

/** A photo was taken (or picked from a file) and is under review; the image stays in memory only. */
export class KycCaptureEvent extends KycEvent<KycCaptureDetail> {
  /** The event's name, for addEventListener. */
  static readonly eventName = 'kyc-capture' as const;

  constructor(detail: KycCaptureDetail) {
    super(KycCaptureEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kyc-capture': KycCaptureEvent;
  }
}
