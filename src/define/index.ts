// `kyc-capture/define`: registers every element of the SDK.
import './kyc-capture.js';
import './kyc-camera-view.js';
