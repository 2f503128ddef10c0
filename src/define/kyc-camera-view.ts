// Registers <kyc-camera-view>. Importing this file is the only side effect.
import { KycCameraViewElement } from '../elements/kyc-camera-view/kyc-camera-view.js';

// A server render (Next.js, Nuxt) may import this with no registry: Lit's Node build installs a
// shim registry, but other builds and runtimes do not, and the import must not throw there.
if (typeof customElements !== 'undefined' && !customElements.get('kyc-camera-view')) {
  customElements.define('kyc-camera-view', KycCameraViewElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'kyc-camera-view': KycCameraViewElement;
  }
}
