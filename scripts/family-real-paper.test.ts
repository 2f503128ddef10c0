// The "real-paper" family (scripts/families/real-paper.ts): real photos with hand-labelled corners.
// Generating it downloads jscanify@1.4.3 from the npm registry when it is not yet under
// .tmp/bench-baseline/ (the bench's installer), then resizes the photos in headless Chromium.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseManifest } from './eval.ts';
import {
  FAMILY,
  generateRealPaperSet,
  MAX_SIDE,
  REAL_PAPER_LABELS,
  type RealPaperManifest,
} from './families/real-paper.ts';

type Quad = readonly (readonly [number, number])[];

/** Width and height from a JPEG's start-of-frame marker. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  assert.equal(bytes.readUInt16BE(0), 0xffd8, 'not a JPEG');
  let at = 2;
  while (at + 9 < bytes.length) {
    const marker = bytes.readUInt16BE(at);
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xffc0 && marker <= 0xffc2) {
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  throw new Error('no start-of-frame marker');
}

/** Twice the signed area of each corner's turn: all positive for a convex quad clockwise on screen. */
function turns(quad: Quad): number[] {
  return quad.map((p, i) => {
    const q = quad[(i + 1) % 4]!;
    const r = quad[(i + 2) % 4]!;
    return (q[0] - p[0]) * (r[1] - q[1]) - (q[1] - p[1]) * (r[0] - q[0]);
  });
}

function area(quad: Quad): number {
  let sum = 0;
  for (const [i, [x, y]] of quad.entries()) {
    const [nx, ny] = quad[(i + 1) % 4]!;
    sum += x * ny - nx * y;
  }
  return Math.abs(sum) / 2;
}

describe('real-paper family: hand labels', () => {
  test('every label lies inside its photo, clockwise from top-left, convex', () => {
    for (const { file, width, height, corners } of REAL_PAPER_LABELS) {
      for (const [x, y] of corners) {
        assert.ok(x >= 0 && x < width && y >= 0 && y < height, `${file}: (${x}, ${y}) outside`);
      }
      assert.ok(
        turns(corners).every((t) => t > 0),
        `${file}: not convex clockwise`,
      );
      const sums = corners.map(([x, y]) => x + y);
      assert.equal(sums.indexOf(Math.min(...sums)), 0, `${file}: first corner is not top-left`);
      assert.ok(area(corners) > 0.1 * width * height, `${file}: sheet under 10% of the frame`);
    }
  });
});

describe('real-paper family: generated set', { timeout: 30_000 }, () => {
  let dir = '';
  let manifest: RealPaperManifest;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'real-paper-'));
    manifest = await generateRealPaperSet(dir);
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('the manifest is the one scripts/eval.ts reads', async () => {
    const path = join(dir, 'manifest.json');
    const json: unknown = JSON.parse(await readFile(path, 'utf8'));
    assert.deepEqual(json, manifest);
    const items = parseManifest(json, path);
    assert.equal(items.length, REAL_PAPER_LABELS.length);
    for (const item of items) {
      assert.equal(item.family, FAMILY);
      assert.equal(item.kind, 'document');
      assert.equal(item.acceptable, true);
      assert.deepEqual(item.issues, []);
      assert.equal(item.document, null);
      assert.ok(item.corners);
    }
    for (const item of manifest.items) assert.match(item.source, /^jscanify@1\.4\.3 .* \(MIT\)$/);
  });

  test('each copy is a JPEG of the stated size with its corners inside and scaled', async () => {
    for (const [index, item] of manifest.items.entries()) {
      const label = REAL_PAPER_LABELS[index]!;
      const size = jpegSize(await readFile(join(dir, item.image)));
      assert.deepEqual(size, { width: item.width, height: item.height }, item.image);
      assert.ok(Math.max(size.width, size.height) <= MAX_SIDE, item.image);
      const scale = size.width / label.width;
      assert.ok(Math.abs(size.height / label.height - scale) < 0.01, `${item.image}: aspect`);
      for (const [k, [x, y]] of item.corners.entries()) {
        assert.ok(x >= 0 && x < size.width && y >= 0 && y < size.height, `${item.image} corner`);
        assert.ok(Math.abs(x - label.corners[k]![0] * scale) < 1, `${item.image} x`);
        assert.ok(Math.abs(y - label.corners[k]![1] * scale) < 1, `${item.image} y`);
      }
    }
  });
});
