import { expect } from '@open-wc/testing';
import { canvas2d, canvasToBlob } from '../../test/helpers/async.js';
import { capSize } from './compress.js';
import { hasExif } from '../internal/image-header.js';

/** A noisy image: the worst case for JPEG size. */
async function noisyJpeg(width: number, height: number): Promise<Blob> {
  const { canvas, ctx: context } = canvas2d(width, height);
  const pixels = context.createImageData(width, height);
  let seed = 7;
  for (let i = 0; i < pixels.data.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    pixels.data[i] = i % 4 === 3 ? 255 : seed >>> 24;
  }
  context.putImageData(pixels, 0, 0);
  return canvasToBlob(canvas, 'image/jpeg', 0.98);
}

describe('capSize', () => {
  it('leaves an image within the cap untouched', async () => {
    const blob = await noisyJpeg(320, 200);
    const image = { blob, width: 320, height: 200 };
    expect(await capSize(image)).to.equal(image);
  });

  it('brings a large, heavy image under 1 MB and 2048 px, still a JPEG without EXIF', async () => {
    const blob = await noisyJpeg(3000, 2000);
    expect(blob.size).to.be.greaterThan(1_000_000);
    const capped = await capSize({ blob, width: 3000, height: 2000 });
    expect(capped.blob.size).to.be.at.most(1_000_000);
    expect(Math.max(capped.width, capped.height)).to.be.at.most(2048);
    expect(capped.blob.type).to.equal('image/jpeg');
    expect(hasExif(new Uint8Array(await capped.blob.arrayBuffer()))).to.equal(false);
  });
});
