import type { CaptureStep } from '../steps.js';
import type { ServerFeedback } from '../protocols/types.js';
import { KycEvent } from './kyc-event.js';

/** The `detail` of {@link KycUploadResultEvent}. */
export interface KycUploadResultDetail {
  readonly step: CaptureStep;
  readonly result: ServerFeedback;
}

/** The backend answered an upload (accepted or not). */
export class KycUploadResultEvent extends KycEvent<KycUploadResultDetail> {
  /** The event's name, for addEventListener. */
  static readonly eventName = 'kyc-upload-result' as const;

  constructor(detail: KycUploadResultDetail) {
    super(KycUploadResultEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kyc-upload-result': KycUploadResultEvent;
  }
}
