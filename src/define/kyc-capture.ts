// Registers <kyc-capture> and the elements it renders. Importing this file is the only side effect.
import { KycCaptureElement } from '../elements/kyc-capture/kyc-capture.js';
import './kyc-camera-view.js';
// The kyc-* events' entries in GlobalEventHandlersEventMap (declared beside each event class), so
// that an app importing only this entry gets typed `addEventListener('kyc-error', …)` listeners.
import '../events/index.js';

// No registry during a server render outside Lit's Node shim: see ./kyc-camera-view.ts.
if (typeof customElements !== 'undefined' && !customElements.get('kyc-capture')) {
  customElements.define('kyc-capture', KycCaptureElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'kyc-capture': KycCaptureElement;
  }
}
