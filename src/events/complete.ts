import type { DeviceSignals } from '../capture/device-signals.js';
import type { CaptureStep } from '../steps.js';
import type { FinishResult } from '../protocols/types.js';
import { KycEvent } from './kyc-event.js';

/** The `detail` of {@link KycCompleteEvent}. */
export interface KycCompleteDetail {
  readonly accepted: readonly CaptureStep[];
  /** The backend's final answer, where the protocol gives one (idv-sdk: verified, on_sanction_list). */
  readonly result?: FinishResult;
  /** How the images were taken: camera labels, virtual-camera hint, camera or picked file. */
  readonly signals: DeviceSignals;
  /**
   * Where the element navigates next (absolute URL), when the host set `redirectUrl`; calling
   * `preventDefault()` on the event keeps the person on the page.
   */
  readonly redirect?: string;
}

/** The backend has every image it needs; cancelable, which stops the `redirectUrl` navigation. */
export class KycCompleteEvent extends KycEvent<KycCompleteDetail> {
  /** The event's name, for addEventListener. */
  static readonly eventName = 'kyc-complete' as const;

  constructor(detail: KycCompleteDetail) {
    super(KycCompleteEvent.eventName, detail, { cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kyc-complete': KycCompleteEvent;
  }
}
