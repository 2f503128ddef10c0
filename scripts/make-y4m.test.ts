import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { documentScene, i420FrameSize, selfieScene, writeY4m, y4mFileSize } from './make-y4m.ts';

/** BT.601 studio-swing conversion in floating point: the reference the fixed-point code must match. */
function bt601(r: number, g: number, b: number): [number, number, number] {
  const y = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255;
  const u = 128 + (-37.797 * r - 74.203 * g + 112 * b) / 255;
  const v = 128 + (112 * r - 93.786 * g - 18.214 * b) / 255;
  return [y, u, v];
}

/** A frame filled with one colour. */
function solid(width: number, height: number, [r, g, b]: readonly number[]): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < rgba.length; p += 4) rgba.set([r!, g!, b!, 255], p);
  return rgba;
}

/** Splits a y4m file into its header line and the bytes after each `FRAME\n` marker. */
function parseY4m(bytes: Buffer): { header: string; frames: Buffer[] } {
  const newline = bytes.indexOf(0x0a);
  const header = bytes.subarray(0, newline).toString('latin1');
  const width = Number(/ W(\d+)/.exec(header)?.[1]);
  const height = Number(/ H(\d+)/.exec(header)?.[1]);
  const size = i420FrameSize(width, height);
  const frames: Buffer[] = [];
  let offset = newline + 1;
  while (offset < bytes.length) {
    assert.equal(bytes.subarray(offset, offset + 6).toString('latin1'), 'FRAME\n');
    frames.push(bytes.subarray(offset + 6, offset + 6 + size));
    offset += 6 + size;
  }
  assert.equal(offset, bytes.length, 'the file ends exactly after the last frame');
  return { header, frames };
}

describe('writeY4m', () => {
  const width = 64;
  const height = 48;
  // Frame 0 is a known colour; frame 1 is split in half to show the planes are laid out row by row.
  const colours = [
    [200, 40, 90],
    [0, 0, 0],
  ] as const;
  let dir = '';
  let bytes = Buffer.alloc(0);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'make-y4m-'));
    const path = join(dir, 'small.y4m');
    await writeY4m(
      path,
      width,
      height,
      (i) => {
        const frame = solid(width, height, colours[i]!);
        if (i === 1) frame.fill(255, 0, (width * height * 4) / 2); // top half white
        return frame;
      },
      { frameCount: 2 },
    );
    bytes = await readFile(path);
  });

  after(() => rm(dir, { recursive: true, force: true }));

  test('writes the header Chromium expects and the predicted size', () => {
    const { header } = parseY4m(bytes);
    assert.equal(header, 'YUV4MPEG2 W64 H48 F30:1 Ip A1:1 C420jpeg');
    assert.equal(bytes.length, y4mFileSize(width, height, { frameCount: 2 }));
  });

  test('writes one FRAME per rendered frame, each with full Y and quarter U and V planes', () => {
    const { frames } = parseY4m(bytes);
    assert.equal(frames.length, 2);
    for (const frame of frames) assert.equal(frame.length, 64 * 48 + 2 * 32 * 24);
  });

  test('converts a known colour to BT.601 studio-swing Y, U, V (within 2)', () => {
    const [frame] = parseY4m(bytes).frames;
    const [y, u, v] = bt601(...colours[0]);
    const planeY = frame!.subarray(0, width * height);
    const planeU = frame!.subarray(width * height, width * height + 32 * 24);
    const planeV = frame!.subarray(width * height + 32 * 24);
    for (const [plane, expected] of [
      [planeY, y],
      [planeU, u],
      [planeV, v],
    ] as const) {
      for (const value of plane)
        assert.ok(Math.abs(value - expected) <= 2, `${value} vs ${expected}`);
    }
    // Fixed points of the range: black is Y 16, white Y 235, greys have neutral chroma.
    const [second] = parseY4m(bytes).frames.slice(1);
    assert.equal(second![0], 235, 'white');
    assert.equal(second![width * height - 1], 16, 'black');
    assert.equal(second![width * height], 128, 'neutral U');
  });

  test('refuses a frame of the wrong size and leaves no file behind', async () => {
    const path = join(dir, 'bad.y4m');
    await assert.rejects(
      writeY4m(path, width, height, () => new Uint8ClampedArray(10), { frameCount: 1 }),
      RangeError,
    );
    await assert.rejects(readFile(path), { code: 'ENOENT' });
  });
});

describe('scenes', () => {
  // Small renders: the layout scales with the frame, so a thumbnail shows the same picture.
  const width = 320;
  const height = 180;
  const luma = (rgba: Uint8ClampedArray, x0: number, y0: number, x1: number, y1: number) => {
    let sum = 0;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const p = (y * width + x) * 4;
        sum += 0.299 * rgba[p]! + 0.587 * rgba[p + 1]! + 0.114 * rgba[p + 2]!;
      }
    }
    return sum / ((x1 - x0) * (y1 - y0));
  };

  test('the document is a light card on a darker table, and moves a little between frames', () => {
    const render = documentScene(width, height);
    const first = Uint8ClampedArray.from(render(0));
    const card = luma(first, 140, 70, 180, 110);
    const table = luma(first, 0, 0, 30, height);
    assert.ok(card > table + 60, `card ${card.toFixed(0)} vs table ${table.toFixed(0)}`);
    assert.notDeepEqual(render(1), first, 'jitter and noise change every frame');
    assert.deepEqual(documentScene(width, height)(0), first, 'same seed, same pixels');
  });

  test('the selfie has a skin-toned face in the middle', () => {
    const frame = selfieScene(width, height)(0);
    // Cheek, left of the nose: skin is redder than it is blue.
    const p = (Math.round(height * 0.55) * width + Math.round(width * 0.43)) * 4;
    assert.ok(frame[p]! > frame[p + 2]! + 40, `rgb ${frame[p]} ${frame[p + 1]} ${frame[p + 2]}`);
  });
});
