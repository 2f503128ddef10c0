// Registers <kyc-camera-view>. Importing this file is the only side effect.
import { KycCameraViewElement } from '../elements/kyc-camera-view/kyc-camera-view.js';

if (!customElements.get('kyc-camera-view'))
  customElements.define('kyc-camera-view', KycCameraViewElement);

declare global {
  interface HTMLElementTagNameMap {
    'kyc-camera-view': KycCameraViewElement;
  }
}
