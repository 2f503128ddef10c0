// What a framework may pass to each element, derived from the element classes themselves so that
// the typings cannot drift from them: the properties are the keys of Lit's `static properties`
// (less `state: true` ones) typed as the class declares them, the attributes are the names those
// entries give, and the events are the lists the elements dispatch (checked against the manifest
// by scripts/manifest.test.ts). Types only: nothing here exists at run time.
import type { KycCameraViewElement } from '../elements/kyc-camera-view/kyc-camera-view.js';
import type { CAMERA_VIEW_EVENT_NAMES } from '../elements/kyc-camera-view/kyc-camera-view.js';
import type { KycCaptureElement } from '../elements/kyc-capture/kyc-capture.js';
import type { KYC_EVENT_NAMES } from '../events/index.js';

/** The `static properties` object of a Lit element class. */
type Declarations<C> = C extends { readonly properties: infer P } ? P : never;

/** The reactive properties of a Lit element, less its internal state. */
type PublicKeys<C> = {
  [K in keyof Declarations<C>]: Declarations<C>[K] extends { readonly state: true } ? never : K;
}[keyof Declarations<C>];

/** The attribute a property entry gives: its `attribute` name, none, or Lit's default. */
type AttributeOf<K, D> = D extends { readonly state: true }
  ? never
  : D extends { readonly attribute: false }
    ? never
    : D extends { readonly attribute: infer A extends string }
      ? A
      : Lowercase<K & string>;

/** Every public reactive property, optional, typed as the element class declares it. */
export type ElementProperties<E extends HTMLElement, C> = {
  -readonly [K in PublicKeys<C> & keyof E]?: E[K];
};

/**
 * Every attribute whose name differs from its property (`api-base`, `document-type`), as a
 * string: what server-rendered HTML carries. Same-named ones are typed as properties.
 */
export type ElementAttributes<C> = {
  [
    K in keyof Declarations<C> as Exclude<AttributeOf<K, Declarations<C>[K]>, PublicKeys<C>>
  ]?: string;
};

/** Event name → event class, for the names in a list of an element's events. */
export type ElementEvents<Names extends readonly (keyof GlobalEventHandlersEventMap)[]> = {
  [K in Names[number]]: GlobalEventHandlersEventMap[K];
};

/** The properties of `<kyc-capture>` a host may set (`token`, `protocol`, `getToken`, `options`, …). */
export type KycCaptureProperties = ElementProperties<KycCaptureElement, typeof KycCaptureElement>;
/** The attributes of `<kyc-capture>` spelled apart from their property (`api-base`, …). */
export type KycCaptureAttributes = ElementAttributes<typeof KycCaptureElement>;
/** The events of `<kyc-capture>`, by name: `kyc-ready` … `kyc-cancel`. */
export type KycCaptureEvents = ElementEvents<typeof KYC_EVENT_NAMES>;

/** The properties of `<kyc-camera-view>` its owner sets. */
export type KycCameraViewProperties = ElementProperties<
  KycCameraViewElement,
  typeof KycCameraViewElement
>;
/** The attributes of `<kyc-camera-view>` spelled apart from their property (`facing-mode`). */
export type KycCameraViewAttributes = ElementAttributes<typeof KycCameraViewElement>;
/** The events of `<kyc-camera-view>`, by name (requests to its owner). */
export type KycCameraViewEvents = ElementEvents<typeof CAMERA_VIEW_EVENT_NAMES>;
