// React 19 JSX with `kyc-capture/react`: the elements' properties, attributes and `on<event>`
// listeners type-check, and anything else does not.
import { useRef, type JSX } from 'react';
import 'kyc-capture/define';
import type {} from 'kyc-capture/react';
import type {
  KycCaptureElement,
  KycCompleteEvent,
  KycErrorEvent,
  KycFrameEvent,
} from 'kyc-capture';

export function Verification({ token }: { token: string }) {
  const ref = useRef<KycCaptureElement>(null);
  return (
    <kyc-capture
      ref={ref}
      class="verification"
      protocol="session-v1"
      session="s-1"
      token={token}
      api-base="https://verify.example.com"
      document-type="passport"
      geolocation={false}
      getToken={async () => ({ token: 'fresh', expiresIn: 600 })}
      options={{ straighten: true, autoCapture: { stableMs: 700 } }}
      steps={['document_front', 'selfie']}
      onkyc-complete={(event) => {
        const complete: KycCompleteEvent = event;
        return complete.detail.accepted;
      }}
      onkyc-error={(event: KycErrorEvent) => event.detail.error.code}
    />
  );
}

export function CameraOnly() {
  return (
    <kyc-camera-view
      active
      facing-mode="user"
      onkyc-frame={(e: KycFrameEvent) => e.detail.frame.close()}
    />
  );
}

type CaptureProps = JSX.IntrinsicElements['kyc-capture'];
// @ts-expect-error -- not a protocol the element knows
export const badProtocol: CaptureProps = { protocol: 'soap' };
// @ts-expect-error -- no such property or attribute
export const typo: CaptureProps = { tokn: 't' };
// @ts-expect-error -- the listener gets a KycCompleteEvent, not a KycErrorEvent
export const wrongEvent: CaptureProps = { 'onkyc-complete': (event: KycErrorEvent) => event };
// @ts-expect-error -- `flow` is the element's internal state, read-only for hosts
export const state: CaptureProps = { flow: undefined };
