// Captures as the element makes them, with real JPEGs drawn on a canvas, for adapter tests.
import type { Capture } from '../../src/capture/types.js';
import type { CaptureStep, DocumentType } from '../../src/steps.js';
import { canvas2d, canvasToBlob } from './async.js';

/** A JPEG of a light card on a flat background. */
export async function testJpeg(width: number, height: number, shade: string): Promise<Blob> {
  const { canvas, ctx } = canvas2d(width, height);
  ctx.fillStyle = shade;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#f4f1e8';
  ctx.fillRect(width * 0.1, height * 0.2, width * 0.6, height * 0.5);
  return canvasToBlob(canvas, 'image/jpeg', 0.9);
}

/** A camera capture of `step`: 1280x720 for document sides, 480x640 for faces. */
export async function testCapture(
  step: CaptureStep,
  documentType?: DocumentType,
  shade = '#5b6470',
): Promise<Capture> {
  const document = step === 'document_front' || step === 'document_back';
  const width = document ? 1280 : 480;
  const height = document ? 720 : 640;
  return {
    step,
    blob: await testJpeg(width, height, shade),
    width,
    height,
    source: 'camera',
    documentType,
    cameraLabel: document ? 'Back camera' : 'Front camera',
    quality: { auto: true, issues: [], sharpness: 42 },
    takenAt: Date.now(),
  };
}
