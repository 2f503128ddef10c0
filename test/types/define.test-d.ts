// `import 'kyc-capture/define'` types the tags wherever the DOM names them.
import 'kyc-capture/define';
import type {
  KycCameraViewElement,
  KycCaptureElement,
  KycCompleteEvent,
  ProtocolName,
} from 'kyc-capture';

const created: KycCaptureElement = document.createElement('kyc-capture');
const protocol: ProtocolName = created.protocol;
const found: KycCaptureElement | null = document.querySelector('kyc-capture');
const view: KycCameraViewElement | null = document.querySelector('kyc-camera-view');
created.addEventListener('kyc-complete', (event) => {
  const complete: KycCompleteEvent = event;
  return complete.detail.signals;
});
// @ts-expect-error -- not a protocol the element knows
created.protocol = 'soap';

export { protocol, found, view };
