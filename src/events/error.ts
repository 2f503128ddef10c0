import type { KycError } from '../errors.js';
import { KycEvent } from './kyc-event.js';

/**
 * Where an error happened: `camera`, `upload`, `session` (the flow shows an error screen), or
 * `analysis`: an on-device check could not run as built (a worker, the face detector's wasm or
 * model could not be loaded, or the portrait check failed). The flow goes on without it (document
 * checks on the main thread, the selfie with the shutter, the portrait left to the backend), so the
 * host can log it; nothing is shown as an error.
 */
export type KycErrorPhase = 'camera' | 'upload' | 'session' | 'analysis';

/** The `detail` of {@link KycErrorEvent}. */
export interface KycErrorDetail {
  /** The typed error (its `code` is stable; `url` on asset failures that know it). */
  readonly error: KycError;
  /** Where it happened; `analysis` errors do not stop the flow. */
  readonly phase: KycErrorPhase;
  /** Whether "Try again" can help (always false for `analysis`). */
  readonly retryable: boolean;
}

/** Something failed; the element shows it and keeps any capture for a retry (or, for `analysis`, carries on without the check). */
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
