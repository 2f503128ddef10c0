// readImageHeader: the size check the mock relies on, against bytes whose truth is known.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readImageHeader } from '../src/internal/image-header.ts';
import { makeJpeg, makePng } from './test-images.ts';

describe('readImageHeader', () => {
  it('reads JPEG and PNG sizes', () => {
    assert.deepEqual(readImageHeader(makeJpeg(1280, 720)), {
      ok: true,
      mimeType: 'image/jpeg',
      width: 1280,
      height: 720,
    });
    assert.deepEqual(readImageHeader(makePng(333, 201)), {
      ok: true,
      mimeType: 'image/png',
      width: 333,
      height: 201,
    });
  });

  it('skips segments before the frame header and reads progressive frames (SOF2)', () => {
    const jpeg = makeJpeg(800, 600);
    const exif = [0xff, 0xe1, 0x00, 0x08, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00];
    const withExif = Buffer.concat([jpeg.subarray(0, 2), Buffer.from(exif), jpeg.subarray(2)]);
    assert.deepEqual(readImageHeader(withExif), readImageHeader(jpeg));
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    const progressive = Buffer.from(jpeg);
    progressive[sof + 1] = 0xc2;
    assert.equal(readImageHeader(progressive).ok, true);
  });

  it('does not take a Huffman table (C4) for a frame header', () => {
    const jpeg = makeJpeg(640, 480);
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    const noFrame = Buffer.concat([jpeg.subarray(0, sof), jpeg.subarray(sof + 2 + 11)]);
    const result = readImageHeader(noFrame);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.code, 'unsupported_image');
  });

  it('rejects text, empty and cut-off data', () => {
    for (const [bytes, code] of [
      [Buffer.from('\xff\xd8 but then just text', 'latin1'), 'unsupported_image'],
      [Buffer.from('hello, I am a JPEG, trust me'), 'unsupported_image'],
      [Buffer.alloc(0), 'unsupported_image'],
      [makeJpeg(640, 480).subarray(0, 100), 'image_truncated'],
      [makeJpeg(640, 480).subarray(0, -2), 'image_truncated'],
      [makePng(640, 480).subarray(0, 20), 'image_truncated'],
      [makePng(640, 480).subarray(0, -12), 'image_truncated'],
    ] as const) {
      const result = readImageHeader(bytes);
      assert.equal(result.ok ? 'ok' : result.code, code);
    }
  });
});
