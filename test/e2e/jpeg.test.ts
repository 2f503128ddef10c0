import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright';
import { launchBrowser } from './harness.ts';
import { jpegInfo } from './jpeg.ts';

/** A minimal APP1 EXIF segment: "Exif\0\0", a little-endian TIFF header and an empty IFD. */
function exifSegment(): Uint8Array {
  const payload = [
    ...[0x45, 0x78, 0x69, 0x66, 0x00, 0x00], // Exif\0\0
    ...[0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00], // II, 42, offset of IFD0 = 8
    ...[0x00, 0x00, 0x00, 0x00, 0x00, 0x00], // IFD0: no entries, no next IFD
  ];
  const length = payload.length + 2;
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

/** An APP1 segment that is XMP, not EXIF: must not count as EXIF. */
function xmpSegment(): Uint8Array {
  const payload = new TextEncoder().encode('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>');
  const length = payload.length + 2;
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

/** Inserts a segment right after SOI, where cameras put APP1. */
function splice(jpeg: Uint8Array, segment: Uint8Array): Uint8Array {
  return Uint8Array.from([...jpeg.subarray(0, 2), ...segment, ...jpeg.subarray(2)]);
}

describe('jpegInfo', () => {
  let browser: Browser | undefined;
  // Chromium's own encoder, as the library's uploads will come from canvas.toBlob in the browser.
  let baseline = new Uint8Array();

  before(async () => {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const dataUrl = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 1400;
      canvas.height = 900;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#8a6a4a';
      context.fillRect(0, 0, 1400, 900);
      context.fillStyle = '#eeeeea';
      context.fillRect(300, 200, 800, 500);
      return canvas.toDataURL('image/jpeg', 0.9);
    });
    baseline = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  });

  after(() => browser?.close());

  test('reads the size of a canvas-encoded JPEG, which has no EXIF', () => {
    assert.deepEqual(jpegInfo(baseline), { width: 1400, height: 900, hasExif: false });
  });

  test('finds an APP1 Exif segment', () => {
    assert.deepEqual(jpegInfo(splice(baseline, exifSegment())), {
      width: 1400,
      height: 900,
      hasExif: true,
    });
  });

  test('does not mistake an XMP APP1 segment for EXIF', () => {
    assert.equal(jpegInfo(splice(baseline, xmpSegment())).hasExif, false);
  });

  test('rejects bytes that are not a complete JPEG', () => {
    assert.throws(() => jpegInfo(new TextEncoder().encode('<html>')), /unsupported_image/);
    assert.throws(() => jpegInfo(baseline.subarray(0, 40)), /image_truncated/);
    assert.throws(() => jpegInfo(baseline.subarray(0, -2)), /image_truncated/);
  });
});
