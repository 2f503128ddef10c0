// `kyc-capture/vue`: template typings for Vue 3 (Volar / vue-tsc), types only:
//
//   import 'kyc-capture/define';
//   import type {} from 'kyc-capture/vue';
//   <kyc-capture protocol="session-v1" :token="token" @kyc-complete="onComplete" />
//
// Vue must be told the tags are custom elements (`compilerOptions.isCustomElement: (tag) =>
// tag.startsWith('kyc-')`); it then sets a binding as a property when the element has it and
// listens for `@kyc-*` events on the element. The props are derived from the element classes
// (./props.ts); `@kyc-complete` is checked against `onKycComplete`, as Vue names listeners.
// Vue itself is not a dependency of this package.
import type { DefineComponent } from 'vue';
import type {
  KycCameraViewEvents,
  KycCameraViewProperties,
  KycCaptureEvents,
  KycCaptureProperties,
} from './props.js';

/** `kyc-upload-progress` → `kycUploadProgress`. */
type Camelize<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<Camelize<Tail>>}`
  : S;

/** Listener props as Vue names them: `@kyc-complete` is `onKycComplete`. */
export type VueEventProps<Events> = {
  [K in keyof Events & string as `on${Capitalize<Camelize<K>>}`]?: (event: Events[K]) => void;
};

/** Props of `<kyc-capture>` in a Vue template. */
export type KycCaptureVueProps = KycCaptureProperties & VueEventProps<KycCaptureEvents>;
/** Props of `<kyc-camera-view>` in a Vue template. */
export type KycCameraViewVueProps = KycCameraViewProperties & VueEventProps<KycCameraViewEvents>;

declare module 'vue' {
  interface GlobalComponents {
    'kyc-capture': DefineComponent<KycCaptureVueProps>;
    'kyc-camera-view': DefineComponent<KycCameraViewVueProps>;
  }
}
