import { expect } from '@open-wc/testing';
import { bytesOf, rejection } from '../../test/helpers/async.js';
import { colourAt, isBlue, isRed, splitCanvas } from '../../test/helpers/images.js';
import { EncodeError, type EncodedImage, type EncodeOptions } from './encode.js';
import { hasExif } from '../internal/image-header.js';
import { JpegEncoder } from './jpeg-encoder.js';
import { analyzeDocument } from '../quality/analyze.js';
import { quadJaccard } from '../quality/geometry.js';
import { drawScene } from '../../test/scenes/documents.js';
import type { Quad } from '../quality/types.js';

/** Decodes an encoded image and reads its pixels. */
async function pixelsOf(image: EncodedImage): Promise<Uint8ClampedArray> {
  const bitmap = await createImageBitmap(image.blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
}

describe('JpegEncoder', () => {
  const encoders: JpegEncoder[] = [];
  const encoder = (options?: { forceMainThread?: boolean }) => {
    const created = new JpegEncoder(options);
    encoders.push(created);
    return created;
  };
  afterEach(() => encoders.splice(0).forEach((e) => e.dispose()));

  it('crops and encodes a 1920x1080 frame in a worker: a JPEG of the crop, without EXIF', async () => {
    const jpeg = encoder();
    expect(jpeg.mode).to.equal('worker');
    const frame = await createImageBitmap(splitCanvas(1920, 1080));
    const result = await jpeg.encode(frame, {
      crop: { x: 900, y: 100, width: 200, height: 800 },
    });
    // Moved to the worker, not copied: nothing is left to hold memory on the main thread.
    expect(frame.width).to.equal(0);
    expect([result.width, result.height]).to.deep.equal([200, 800]);
    expect(result.blob.type).to.equal('image/jpeg');
    expect(hasExif(await bytesOf(result.blob))).to.equal(false);
    const bitmap = await createImageBitmap(result.blob);
    expect([bitmap.width, bitmap.height]).to.deep.equal([200, 800]);
    // The crop straddles the split at x = 960: red on its left, blue on its right.
    expect(isRed(colourAt(bitmap, 20, 400))).to.equal(true);
    expect(isBlue(colourAt(bitmap, 180, 400))).to.equal(true);
    bitmap.close();
  });

  it('gives the same picture on the main thread, where there is no worker', async () => {
    const options: EncodeOptions = {
      crop: { x: 700, y: 50, width: 1000, height: 900 },
      maxLongSide: 500,
    };
    const source = splitCanvas(1920, 1080);
    const [inWorker, here] = await Promise.all([
      encoder().encode(await createImageBitmap(source), options),
      encoder({ forceMainThread: true }).encode(await createImageBitmap(source), options),
    ]);
    expect([inWorker.width, inWorker.height]).to.deep.equal([500, 450]);
    expect([here.width, here.height]).to.deep.equal([500, 450]);
    expect(hasExif(await bytesOf(here.blob))).to.equal(false);
    const [a, b] = await Promise.all([pixelsOf(inWorker), pixelsOf(here)]);
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
    expect(diff / a.length, 'mean difference per channel').to.be.below(1);
  });

  it('rejects with a typed, retryable EncodeError when there is nothing to encode', async () => {
    for (const jpeg of [encoder(), encoder({ forceMainThread: true })]) {
      const frame = await createImageBitmap(splitCanvas(640, 480));
      const error = await rejection(
        jpeg.encode(frame, { crop: { x: 700, y: 0, width: 100, height: 100 } }),
      );
      expect(error, jpeg.mode).to.be.instanceOf(EncodeError);
      expect((error as EncodeError).code).to.equal('encode-failed');
      expect((error as EncodeError).retryable).to.equal(true);
      expect((error as EncodeError).message).to.equal('There is no picture to process yet.');
    }
  });

  it('rejects pending encodings with an EncodeError once disposed', async () => {
    const jpeg = encoder();
    const pending = jpeg.encode(await createImageBitmap(splitCanvas(1920, 1080)));
    jpeg.dispose();
    expect(await rejection(pending)).to.be.instanceOf(EncodeError);
    expect(
      await rejection(jpeg.encode(await createImageBitmap(splitCanvas(8, 8)))),
    ).to.be.instanceOf(EncodeError);
  });

  it('straightens a tilted card in the worker as on the main thread', async () => {
    const scene = drawScene({ width: 1280, height: 720, rotation: 14, tiltX: 15, seed: 9 });
    const options: EncodeOptions = {
      straighten: { quad: scene.corners, aspect: 85.6 / 54, margin: 0.06 },
      maxLongSide: 800,
    };
    const [inWorker, here] = await Promise.all([
      encoder().encode(await createImageBitmap(scene.canvas), options),
      encoder({ forceMainThread: true }).encode(await createImageBitmap(scene.canvas), options),
    ]);
    expect([inWorker.width, inWorker.height]).to.deep.equal([here.width, here.height]);
    expect(inWorker.width).to.equal(800);
    expect(inWorker.width / inWorker.height).to.be.closeTo(85.6 / 54, 0.01);
    expect(hasExif(await bytesOf(inWorker.blob))).to.equal(false);
    // The upright card fills the picture but for the margin: its outline is where it belongs.
    const decoded = await createImageBitmap(inWorker.blob);
    const canvas = new OffscreenCanvas(decoded.width, decoded.height);
    canvas.getContext('2d')!.drawImage(decoded, 0, 0);
    const verdict = analyzeDocument(
      canvas.getContext('2d')!.getImageData(0, 0, decoded.width, decoded.height),
      { documentAspect: 85.6 / 54 },
    );
    const w = 800 / 1.12;
    const h = inWorker.height / 1.12;
    const expected: Quad = [
      [0.06 * w, 0.06 * h],
      [1.06 * w, 0.06 * h],
      [1.06 * w, 1.06 * h],
      [0.06 * w, 1.06 * h],
    ];
    expect(quadJaccard(verdict.quad, expected)).to.be.greaterThan(0.97);
  });
});
