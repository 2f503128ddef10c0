import { expect } from '@open-wc/testing';
import { deviceSignals, isVirtualCameraLabel } from './device-signals.js';

describe('device signals', () => {
  it('recognises virtual-camera drivers and injected video by their labels', () => {
    for (const label of [
      'OBS Virtual Camera',
      'ManyCam Virtual Webcam',
      'Snap Camera',
      'XSplit VCam',
      'e2eSoft VCam',
      'DroidCam Source 3',
      'fake_device_0',
      '/tmp/fixtures/document.y4m',
    ]) {
      expect(isVirtualCameraLabel(label), label).to.equal(true);
    }
    for (const label of [
      'FaceTime HD Camera',
      'Integrated Webcam (0bda:58f4)',
      'camera2 1, facing front',
      'Back Camera',
      'Logitech BRIO',
      '',
      undefined,
    ]) {
      expect(isVirtualCameraLabel(label), String(label)).to.equal(false);
    }
  });

  it('reports labels, the virtual-camera hint and where each image came from', () => {
    const signals = deviceSignals([
      { step: 'document_front', source: 'camera', cameraLabel: 'Back Camera' },
      { step: 'document_back', source: 'file' },
      { step: 'selfie', source: 'camera', cameraLabel: 'OBS Virtual Camera' },
      { step: 'selfie', source: 'camera', cameraLabel: 'OBS Virtual Camera' },
    ]);
    expect(signals).to.deep.equal({
      camera_labels: ['Back Camera', 'OBS Virtual Camera'],
      virtual_camera: true,
      capture_sources: { document_front: 'camera', document_back: 'file', selfie: 'camera' },
      file_uploads: 1,
    });
    expect(deviceSignals([]).virtual_camera).to.equal(false);
  });
});
