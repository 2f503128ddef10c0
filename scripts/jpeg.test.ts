import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AC_CHROMA, AC_LUMA, DC_CHROMA, DC_LUMA, encodeJpeg, quantTable } from './jpeg.ts';

/** The segments before the scan: marker -> body. */
function segments(file: Buffer): Map<number, Buffer[]> {
  const found = new Map<number, Buffer[]>();
  let offset = 2;
  for (;;) {
    assert.equal(file[offset], 0xff);
    const marker = file[offset + 1]!;
    const length = file.readUInt16BE(offset + 2);
    const body = file.subarray(offset + 4, offset + 2 + length);
    found.set(marker, [...(found.get(marker) ?? []), body]);
    offset += 2 + length;
    if (marker === 0xda) return found;
  }
}

describe('jpeg encoder', () => {
  test('the Huffman tables code every symbol baseline JPEG uses, and are complete prefix codes', () => {
    const ac = new Set([0x00, 0xf0]);
    for (let run = 0; run < 16; run++)
      for (let size = 1; size <= 10; size++) ac.add((run << 4) | size);
    for (const table of [AC_LUMA, AC_CHROMA]) {
      assert.equal(table.values.length, 162);
      assert.deepEqual(new Set(table.values), ac);
    }
    for (const table of [DC_LUMA, DC_CHROMA, AC_LUMA, AC_CHROMA]) {
      assert.equal(
        table.bits.reduce((a, b) => a + b, 0),
        table.values.length,
      );
      // Kraft: strictly under 1 (the all-ones code is reserved).
      const kraft = table.bits.reduce((sum, n, i) => sum + n / 2 ** (i + 1), 0);
      assert.ok(kraft < 1);
    }
  });

  test('quality scales the tables as libjpeg does', () => {
    assert.equal(quantTable([16, 99], 50).join(), '16,99');
    assert.equal(quantTable([16, 99], 100).join(), '1,1');
    assert.equal(quantTable([16, 99], 75).join(), '8,50');
  });

  test('writes a baseline JFIF file: markers, size, 4:2:0, no unstuffed 0xFF in the scan', () => {
    const width = 37;
    const height = 21;
    const data = new Uint8Array(width * height * 3);
    for (let i = 0; i < data.length; i++) data[i] = (i * 37 + (i >> 5) * 11) & 0xff;
    const file = encodeJpeg({ width, height, data }, 80);
    assert.deepEqual([...file.subarray(0, 2)], [0xff, 0xd8]);
    assert.deepEqual([...file.subarray(-2)], [0xff, 0xd9]);
    const found = segments(file);
    const sof = found.get(0xc0)![0]!;
    assert.deepEqual(
      [sof[0], sof.readUInt16BE(1), sof.readUInt16BE(3), sof[5]],
      [8, height, width, 3],
    );
    assert.deepEqual([sof[7], sof[10], sof[13]], [0x22, 0x11, 0x11]);
    assert.equal(found.get(0xdb)![0]!.length, 130);
    const sos = file.indexOf(Buffer.from([0xff, 0xda]));
    const scan = file.subarray(sos + 2 + file.readUInt16BE(sos + 2), -2);
    for (let i = 0; i < scan.length; i++) if (scan[i] === 0xff) assert.equal(scan[i + 1], 0);
    assert.ok(encodeJpeg({ width, height, data }, 80).equals(file), 'deterministic');
    assert.ok(
      encodeJpeg({ width, height, data }, 95).length >
        encodeJpeg({ width, height, data }, 70).length,
    );
  });
});
