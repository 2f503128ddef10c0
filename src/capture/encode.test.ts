import { expect } from '@open-wc/testing';
import { KycError } from '../errors.js';
import { hasExif } from '../internal/image-header.js';
import { captureFromFile, decodeImageFile, encodeJpeg, ImageFileError } from './encode.js';
import { JpegEncoder } from './jpeg-encoder.js';
import { bytesOf, canvas2d, canvasToBlob, rejection } from '../../test/helpers/async.js';
import { colourAt, isBlue, isRed, splitCanvas } from '../../test/helpers/images.js';

function canvasJpeg(canvas: HTMLCanvasElement): Promise<Blob> {
  return canvasToBlob(canvas, 'image/jpeg', 0.9);
}

/**
 * An APP1 EXIF segment (big-endian TIFF) with Orientation and a GPS IFD pointer, the way phones
 * write them. Orientation 6 means "rotate 90° clockwise to display".
 */
function exifSegment(orientation: number): Uint8Array {
  const tiff = [
    ...[0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08], // "MM", 42, IFD0 at 8
    ...[0x00, 0x02], // two entries
    ...[0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00], // Orientation
    ...[0x88, 0x25, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x26], // GPS IFD at 38
    ...[0x00, 0x00, 0x00, 0x00], // no next IFD
    ...[0x00, 0x01], // GPS IFD: one entry
    ...[0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x4e, 0x00, 0x00, 0x00], // GPSLatitudeRef "N"
    ...[0x00, 0x00, 0x00, 0x00],
  ];
  const payload = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff]; // "Exif\0\0" + TIFF
  const length = payload.length + 2;
  return new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

/** Splices an EXIF segment in right after the SOI marker of a canvas-made JPEG. */
async function jpegWithExif(canvas: HTMLCanvasElement, orientation: number): Promise<Blob> {
  const plain = await bytesOf(await canvasJpeg(canvas));
  const segment = exifSegment(orientation);
  const out = new Uint8Array(plain.length + segment.length);
  out.set(plain.subarray(0, 2), 0);
  out.set(segment, 2);
  out.set(plain.subarray(2), 2 + segment.length);
  return new Blob([out], { type: 'image/jpeg' });
}

describe('encodeJpeg', () => {
  it('encodes a 1920x1080 canvas as a decodable JPEG of the same size, without EXIF', async () => {
    const result = await encodeJpeg(splitCanvas(1920, 1080));
    expect(result.width).to.equal(1920);
    expect(result.height).to.equal(1080);
    expect(result.blob.type).to.equal('image/jpeg');
    const bitmap = await createImageBitmap(result.blob);
    expect([bitmap.width, bitmap.height]).to.deep.equal([1920, 1080]);
    expect(isRed(colourAt(bitmap, 100, 540))).to.equal(true);
    expect(isBlue(colourAt(bitmap, 1800, 540))).to.equal(true);
    bitmap.close();
    expect(hasExif(await bytesOf(result.blob))).to.equal(false);
  });

  it('encodes an ImageBitmap, and a lower quality gives a smaller file', async () => {
    const bitmap = await createImageBitmap(splitCanvas(800, 600));
    const { canvas: noisy, ctx } = canvas2d(800, 600);
    ctx.drawImage(bitmap, 0, 0);
    // Noise makes quality matter; a flat image compresses to almost nothing at any quality.
    for (let i = 0; i < 4000; i++) {
      ctx.fillStyle = `rgb(${(i * 37) % 255}, ${(i * 91) % 255}, ${(i * 13) % 255})`;
      ctx.fillRect((i * 53) % 800, (i * 29) % 600, 3, 3);
    }
    const high = await encodeJpeg(await createImageBitmap(noisy), { quality: 0.95 });
    const low = await encodeJpeg(noisy, { quality: 0.3 });
    expect(high.width).to.equal(800);
    expect(low.blob.size).to.be.lessThan(high.blob.size);
    bitmap.close();
  });

  it('crops in source pixels and scales down to maxLongSide', async () => {
    const canvas = splitCanvas(2000, 1000);
    const cropped = await encodeJpeg(canvas, {
      crop: { x: 1000, y: 0, width: 1000, height: 1000 },
    });
    expect([cropped.width, cropped.height]).to.deep.equal([1000, 1000]);
    const croppedBitmap = await createImageBitmap(cropped.blob);
    // Only the blue half was kept.
    expect(isBlue(colourAt(croppedBitmap, 20, 500))).to.equal(true);
    croppedBitmap.close();

    const scaled = await encodeJpeg(canvas, { maxLongSide: 1000 });
    expect([scaled.width, scaled.height]).to.deep.equal([1000, 500]);
    const small = await encodeJpeg(splitCanvas(300, 200), { maxLongSide: 1000 });
    expect([small.width, small.height]).to.deep.equal([300, 200]);

    // A crop reaching past the edge is clipped to the picture.
    const clipped = await encodeJpeg(canvas, {
      crop: { x: 1500, y: -100, width: 900, height: 600 },
    });
    expect([clipped.width, clipped.height]).to.deep.equal([500, 500]);
  });

  it('rejects with a typed error when there are no pixels (video not ready)', async () => {
    const video = document.createElement('video');
    const error = await rejection(encodeJpeg(video));
    expect(error).to.be.instanceOf(KycError);
    expect((error as KycError).code).to.equal('encode-failed');
  });
});

describe('hasExif', () => {
  it('finds a hand-made APP1 Exif segment and ignores plain canvas JPEGs and non-JPEGs', async () => {
    const canvas = splitCanvas(640, 480);
    expect(hasExif(await bytesOf(await canvasJpeg(canvas)))).to.equal(false);
    expect(hasExif(await bytesOf(await jpegWithExif(canvas, 1)))).to.equal(true);
    expect(hasExif(new TextEncoder().encode('Exif\0\0 but not a JPEG'))).to.equal(false);
    expect(hasExif(new Uint8Array([0xff, 0xd8]))).to.equal(false);
  });
});

describe('decodeImageFile and captureFromFile', () => {
  it('re-encodes a picked JPEG so the upload carries no EXIF or GPS', async () => {
    const withExif = await jpegWithExif(splitCanvas(640, 480), 1);
    expect(hasExif(await bytesOf(withExif))).to.equal(true);
    const file = new File([withExif], 'IMG_0001.jpg', { type: 'image/jpeg' });
    const result = await captureFromFile(file);
    expect([result.width, result.height]).to.deep.equal([640, 480]);
    expect(result.blob.type).to.equal('image/jpeg');
    expect(hasExif(await bytesOf(result.blob))).to.equal(false);
  });

  it('encodes in a JpegEncoder worker when given one, with the same result', async () => {
    const file = await jpegWithExif(splitCanvas(640, 480), 6);
    const encoder = new JpegEncoder();
    try {
      const result = await captureFromFile(file, {}, (bitmap, o) => encoder.encode(bitmap, o));
      expect([result.width, result.height]).to.deep.equal([480, 640]);
      expect(hasExif(await bytesOf(result.blob))).to.equal(false);
      const bitmap = await createImageBitmap(result.blob);
      expect(isRed(colourAt(bitmap, 240, 100))).to.equal(true);
      bitmap.close();
    } finally {
      encoder.dispose();
    }
  });

  it('applies the EXIF orientation, so a sideways phone photo uploads upright', async () => {
    // Stored as 640x480 with red on the left; orientation 6 displays it rotated clockwise: red on top.
    const file = await jpegWithExif(splitCanvas(640, 480), 6);
    const result = await captureFromFile(file);
    expect([result.width, result.height]).to.deep.equal([480, 640]);
    const bitmap = await createImageBitmap(result.blob);
    expect(isRed(colourAt(bitmap, 240, 100))).to.equal(true);
    expect(isBlue(colourAt(bitmap, 240, 540))).to.equal(true);
    bitmap.close();
  });

  it('accepts a PNG with transparency, encoding transparent areas as white rather than black', async () => {
    const { canvas } = canvas2d(600, 600);
    const png = await canvasToBlob(canvas, 'image/png');
    const result = await captureFromFile(png);
    const bitmap = await createImageBitmap(result.blob);
    const [r, g, b] = colourAt(bitmap, 300, 300);
    expect(Math.min(r, g, b)).to.be.greaterThan(240);
    bitmap.close();
  });

  it('rejects a file that is not an image', async () => {
    const file = new File(['%PDF-1.7 not a photo'], 'id.jpg', { type: 'image/jpeg' });
    const error = await rejection(decodeImageFile(file));
    expect(error).to.be.instanceOf(ImageFileError);
    expect(error).to.be.instanceOf(KycError);
    expect((error as ImageFileError).code).to.equal('not-an-image');
    expect((error as ImageFileError).retryable).to.equal(true);
    expect((error as ImageFileError).cause).to.not.equal(undefined);
  });

  it('rejects an image whose short side is below the minimum', async () => {
    const small = await canvasJpeg(splitCanvas(640, 400));
    const error = await rejection(captureFromFile(small));
    expect(error).to.be.instanceOf(ImageFileError);
    expect((error as ImageFileError).code).to.equal('too-small');
    expect((error as ImageFileError).hint).to.contain('480');
    // The minimum is configurable.
    const ok = await captureFromFile(small, { minShortSide: 400 });
    expect(ok.height).to.equal(400);
  });

  it('rejects a file over the size limit without decoding it', async () => {
    const big = new Blob([new Uint8Array(2048)], { type: 'image/jpeg' });
    const error = await rejection(decodeImageFile(big, { maxBytes: 1024 }));
    expect(error).to.be.instanceOf(ImageFileError);
    expect((error as ImageFileError).code).to.equal('too-large');
  });
});
