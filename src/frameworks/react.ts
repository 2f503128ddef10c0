// `kyc-capture/react`: JSX typings for React 19, types only (nothing to import at run time):
//
//   import 'kyc-capture/define';
//   import type {} from 'kyc-capture/react';
//   <kyc-capture protocol="session-v1" token={token} onkyc-complete={(e) => e.detail.signals} />
//
// React 19 sets a prop as a property when the element has it (so objects and functions such as
// `options` and `getToken` arrive intact), as an attribute otherwise, and listens for an event
// through an `on` + event name prop (`onkyc-complete`). The props are derived from the element
// classes (./props.ts). React itself is not a dependency of this package.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { KycCameraViewElement } from '../elements/kyc-camera-view/kyc-camera-view.js';
import type { KycCaptureElement } from '../elements/kyc-capture/kyc-capture.js';
import type {
  KycCameraViewAttributes,
  KycCameraViewEvents,
  KycCameraViewProperties,
  KycCaptureAttributes,
  KycCaptureEvents,
  KycCaptureProperties,
} from './props.js';

/** `on<event name>` listener props, as React 19 attaches them to custom elements. */
export type ReactEventProps<Events> = {
  [K in keyof Events & string as `on${K}`]?: (event: Events[K]) => void;
};

/**
 * JSX props of a custom element: React's own for any HTML element (plus `class`, which React
 * passes through on custom elements as written), then the element's API.
 */
export type ReactElementProps<E extends HTMLElement, Properties, Attributes, Events> = Omit<
  DetailedHTMLProps<HTMLAttributes<E>, E>,
  keyof Properties
> & { class?: string } & Properties &
  Attributes &
  ReactEventProps<Events>;

/** JSX props of `<kyc-capture>`. */
export type KycCaptureReactProps = ReactElementProps<
  KycCaptureElement,
  KycCaptureProperties,
  KycCaptureAttributes,
  KycCaptureEvents
>;

/** JSX props of `<kyc-camera-view>`. */
export type KycCameraViewReactProps = ReactElementProps<
  KycCameraViewElement,
  KycCameraViewProperties,
  KycCameraViewAttributes,
  KycCameraViewEvents
>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX namespace is what JSX checks
  namespace JSX {
    interface IntrinsicElements {
      'kyc-capture': KycCaptureReactProps;
      'kyc-camera-view': KycCameraViewReactProps;
    }
  }
}
