import type { LiveVerdict } from '../capture/live-types.js';
import { KycEvent } from './kyc-event.js';

/** The `detail` of {@link KycFrameMetricsEvent}: numbers about one analysed frame, never its pixels. */
export interface KycFrameMetricsDetail {
  /**
   * The frame's analysis as the live checks made it: `acceptable`, `issues`, the document outline
   * or face region (`quad`, in the analysed frame's `width` x `height` pixels), the `metrics`
   * (sharpness, glare, exposure, …) and, for a selfie, the `face` geometry.
   */
  readonly verdict: LiveVerdict;
  /** Milliseconds from the sampled frame to its verdict (reading, transfer and the checks). */
  readonly ms: number;
  /** Whether the preview shows the frame mirrored (the front camera): an overlay mirrors too. */
  readonly mirrored: boolean;
}

/**
 * Opt-in, for QA tools and tuning: one per analysed live frame, only while the element's
 * `frame-events` attribute (`frameEvents` property) is set. Carries the verdict's numbers and
 * outline, never image data; off, it costs nothing.
 */
export class KycFrameMetricsEvent extends KycEvent<KycFrameMetricsDetail> {
  /** The event's name, for addEventListener. */
  static readonly eventName = 'kyc-frame-metrics' as const;

  constructor(detail: KycFrameMetricsDetail) {
    super(KycFrameMetricsEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kyc-frame-metrics': KycFrameMetricsEvent;
  }
}
