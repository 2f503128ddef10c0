import type { CaptureStep } from '../steps.js';
import { KycEvent } from './kyc-event.js';

/** The `detail` of {@link KycUploadProgressEvent}. */
export interface KycUploadProgressDetail {
  readonly step: CaptureStep;
  readonly fraction: number;
}

/** Upload progress of the current capture, from 0 to 1. */
export class KycUploadProgressEvent extends KycEvent<KycUploadProgressDetail> {
  /** The event's name, for addEventListener. */
  static readonly eventName = 'kyc-upload-progress' as const;

  constructor(detail: KycUploadProgressDetail) {
    super(KycUploadProgressEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kyc-upload-progress': KycUploadProgressEvent;
  }
}
