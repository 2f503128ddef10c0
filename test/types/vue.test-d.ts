// Vue 3 templates with `kyc-capture/vue`: Volar checks `<kyc-capture>` against these props, and
// `@kyc-complete` against `onKycComplete`.
import type { GlobalComponents } from 'vue';
import type {} from 'kyc-capture/vue';
import type { KycCompleteEvent, KycUploadProgressEvent } from 'kyc-capture';

type CaptureProps = InstanceType<GlobalComponents['kyc-capture']>['$props'];

export const props: CaptureProps = {
  protocol: 'idv-sdk',
  token: 't',
  apiBase: '/kyc',
  clientId: 'client',
  options: { selfie: false },
  onKycComplete: (event) => {
    const complete: KycCompleteEvent = event;
    return complete.detail.signals;
  },
  onKycUploadProgress: (event: KycUploadProgressEvent) => event.detail.fraction,
};

// @ts-expect-error -- not a protocol the element knows
export const badProtocol: CaptureProps = { protocol: 'soap' };
// @ts-expect-error -- the listener gets a KycCompleteEvent
export const wrongEvent: CaptureProps = { onKycComplete: (event: KycUploadProgressEvent) => event };

type ViewProps = InstanceType<GlobalComponents['kyc-camera-view']>['$props'];
export const view: ViewProps = {
  active: true,
  facingMode: 'user',
  onKycFrame: (e) => e.detail.frame,
};
