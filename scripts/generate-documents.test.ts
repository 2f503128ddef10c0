import assert from 'node:assert/strict';
import { mkdtemp, open, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inflateSync } from 'node:zlib';
import {
  generateDocumentSet,
  generateDocumentVideos,
  LABELLED_ISSUES,
  planSet,
  renderItem,
  VARIANT_ISSUE,
  VIDEO_NAMES,
  type Manifest,
  type VideoIndex,
} from './generate-documents.ts';
import { y4mFileSize } from './make-y4m.ts';
import { crc32, decodePng, encodePng } from './png.ts';

/**
 * Reads a PNG without decodePng (so the encoder is not checked against its own decoder): the
 * chunks, IHDR fields, the inflated IDAT and the filter bytes, undoing None, Sub and Up only.
 */
function readPngByHand(file: Buffer): {
  width: number;
  height: number;
  colourType: number;
  pixels: Uint8Array;
  filters: number[];
} {
  assert.deepEqual([...file.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks = new Map<string, Buffer[]>();
  for (let offset = 8; offset < file.length;) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    assert.equal(
      file.readUInt32BE(offset + 8 + length),
      crc32(file.subarray(offset + 4, offset + 8 + length)),
    );
    chunks.set(type, [...(chunks.get(type) ?? []), body]);
    offset += 12 + length;
  }
  assert.deepEqual([...chunks.keys()], ['IHDR', 'IDAT', 'IEND']);
  const header = chunks.get('IHDR')![0]!;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  assert.equal(header[8], 8, 'bit depth');
  assert.equal(header[12], 0, 'no interlace');
  const colourType = header[9]!;
  const channels = colourType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(chunks.get('IDAT')!));
  const stride = width * channels;
  assert.equal(raw.length, (stride + 1) * height);
  const pixels = new Uint8Array(stride * height);
  const filters: number[] = [];
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    filters.push(filter);
    for (let i = 0; i < stride; i++) {
      const value = raw[y * (stride + 1) + 1 + i]!;
      const left = i >= channels ? pixels[y * stride + i - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const predictor = filter === 0 ? 0 : filter === 1 ? left : filter === 2 ? up : NaN;
      assert.ok(!Number.isNaN(predictor), `unexpected filter ${filter}`);
      pixels[y * stride + i] = (value + predictor) & 0xff;
    }
  }
  return { width, height, colourType, pixels, filters };
}

describe('encodePng', () => {
  /** Rows that make each filter the cheapest: flat (None), ramps (Sub), repeats (Up), noise. */
  function testImage(width: number, height: number, channels: 3 | 4): Uint8Array {
    const data = new Uint8Array(width * height * channels);
    let seed = 12345;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    for (let y = 0; y < height; y++) {
      for (let i = 0; i < width * channels; i++) {
        const p = y * width * channels + i;
        const kind = y % 4;
        data[p] =
          kind === 0
            ? 0
            : kind === 1
              ? (i * 3 + y) & 0xff
              : kind === 2
                ? data[p - width * channels]!
                : random();
      }
    }
    return data;
  }

  for (const channels of [3, 4] as const) {
    test(`round-trips ${channels === 3 ? 'RGB' : 'RGBA'} pixels (IDAT inflated by hand)`, () => {
      const width = 37;
      const height = 23;
      const data = testImage(width, height, channels);
      const png = encodePng({ width, height, channels, data });
      const read = readPngByHand(png);
      assert.equal(read.width, width);
      assert.equal(read.height, height);
      assert.equal(read.colourType, channels === 4 ? 6 : 2);
      assert.deepEqual(read.pixels, data);
      assert.deepEqual(
        [...new Set(read.filters)].sort(),
        [0, 1, 2],
        'None, Sub and Up are all used',
      );
      assert.deepEqual(decodePng(png).data, data, 'decodePng agrees');
    });
  }

  test('computes the standard CRC-32 and refuses a buffer of the wrong size', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.throws(
      () => encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(11) }),
      RangeError,
    );
  });
});

/** True when (x, y) is inside a width x height frame. */
const inFrame = ([x, y]: readonly [number, number], width: number, height: number) =>
  x >= 0 && y >= 0 && x <= width && y <= height;

describe('generateDocumentSet', () => {
  let dir = '';
  let manifest: Manifest = { items: [] };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'documents-'));
    await generateDocumentSet({ out: join(dir, 'a'), count: 20, seed: 5 });
    manifest = JSON.parse(await readFile(join(dir, 'a', 'manifest.json'), 'utf8')) as Manifest;
  });

  after(() => rm(dir, { recursive: true, force: true }));

  test('writes the manifest schema, and images of the stated size', async () => {
    const raw = JSON.parse(await readFile(join(dir, 'a', 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    // The family first: the eval reports the studio set apart from the held-out families.
    assert.deepEqual(Object.keys(raw), ['family', 'items']);
    assert.equal(raw['family'], 'studio');
    assert.equal(manifest.items.length, 20);
    for (const item of manifest.items) {
      assert.equal(item.kind, 'document');
      assert.match(item.image, /^\d{4}-[a-z_]+\.png$/);
      assert.equal(typeof item.expect.acceptable, 'boolean');
      assert.ok(Array.isArray(item.expect.issues));
      for (const issue of item.expect.issues) assert.ok(LABELLED_ISSUES.includes(issue), issue);
      assert.equal(item.expect.acceptable, item.expect.issues.length === 0);
      if (item.corners !== null) {
        assert.equal(item.corners.length, 4);
        for (const corner of item.corners) {
          assert.equal(corner.length, 2);
          assert.ok(corner.every(Number.isFinite));
        }
      }
      const png = decodePng(await readFile(join(dir, 'a', item.image)));
      assert.deepEqual([png.width, png.height], item.size);
    }
  });

  test('covers every issue and 40% acceptable photos', () => {
    const issues = new Set(manifest.items.flatMap((item) => item.expect.issues));
    assert.deepEqual([...issues].sort(), [...LABELLED_ISSUES].sort());
    assert.equal(manifest.items.filter((item) => item.expect.acceptable).length, 8);
    const plan = planSet(336, 1);
    for (const issue of LABELLED_ISSUES) {
      const n = plan.filter((spec) => VARIANT_ISSUE[spec.variant] === issue).length;
      assert.ok(n >= 25, `${issue}: ${n} in the default set`);
    }
  });

  test('labels agree with the geometry', () => {
    for (const item of manifest.items) {
      const [width, height] = item.size;
      const issues = item.expect.issues;
      assert.equal(item.corners === null, issues.includes('no_document'), item.image);
      if (!item.corners) continue;
      const inside = item.corners.filter((c) => inFrame(c, width, height)).length;
      if (item.variant === 'corner_out') {
        assert.ok(inside >= 2 && inside <= 3, `${item.image}: ${inside} corners inside`);
        assert.deepEqual(issues, ['corners']);
      } else {
        // Every other document is wholly in the frame, with a margin.
        for (const [x, y] of item.corners) {
          const margin = Math.min(x, y, width - x, height - y);
          assert.ok(
            margin >= 0.03 * Math.min(width, height),
            `${item.image}: corner margin ${margin}`,
          );
        }
      }
      if (item.variant === 'finger')
        assert.ok([0, 1, 2, 3].includes(item.params.occludedCorner as number));
      // A document fills at least a fifth of the frame: "too far" is not among the labels.
      assert.ok(item.metrics.fill! >= 0.2);
    }
  });

  test('labels agree with the pixels where the issue is photometric', () => {
    for (const item of manifest.items) {
      const m = item.metrics;
      if (item.expect.acceptable) {
        assert.ok(m.meanLuma >= 70 && m.meanLuma <= 185, `${item.image}: luma ${m.meanLuma}`);
        assert.ok(m.clipped! <= 0.005, `${item.image}: clipped ${m.clipped}`);
      }
      if (item.variant === 'dark') assert.ok(m.meanLuma <= 42);
      if (item.variant === 'bright') assert.ok(m.meanLuma >= 200);
      if (item.variant === 'low_contrast') assert.ok(m.contrast <= 11);
      if (item.variant === 'glare') assert.ok(m.clipped! >= 0.06);
    }
  });

  test('is deterministic: same seed, same bytes, whatever the number of workers', async () => {
    const spec = planSet(20, 5)[3]!;
    assert.deepEqual(renderItem(spec), renderItem(spec));
    await generateDocumentSet({ out: join(dir, 'b'), count: 20, seed: 5, workers: 1 });
    const names = (await readdir(join(dir, 'a'))).filter((name) => !name.startsWith('.')).sort();
    assert.deepEqual(
      (await readdir(join(dir, 'b'))).filter((name) => !name.startsWith('.')).sort(),
      names,
    );
    for (const name of names) {
      assert.ok(
        (await readFile(join(dir, 'a', name))).equals(await readFile(join(dir, 'b', name))),
        name,
      );
    }
  });

  test('skips the work when the stamp matches, and redoes it when it does not', async () => {
    const path = join(dir, 'a', 'manifest.json');
    const before = (await stat(path)).mtimeMs;
    const started = performance.now();
    await generateDocumentSet({ out: join(dir, 'a'), count: 20, seed: 5 });
    assert.ok(performance.now() - started < 1000);
    assert.equal((await stat(path)).mtimeMs, before);
    await generateDocumentSet({ out: join(dir, 'a'), count: 3, seed: 5, workers: 1 });
    const pngs = (await readdir(join(dir, 'a'))).filter((name) => name.endsWith('.png'));
    assert.equal(pngs.length, 3, 'photos of the larger set are removed');
  });
});

describe('generateDocumentVideos', () => {
  let dir = '';
  // A thumbnail size: the layout scales with the frame, and the test stays fast.
  const options = { width: 64, height: 36, frames: 3 };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'document-videos-'));
  });

  after(() => rm(dir, { recursive: true, force: true }));

  test('writes five videos with identical headers and sizes, and their corners', async () => {
    const paths = await generateDocumentVideos(dir, options);
    assert.deepEqual(Object.keys(paths).sort(), [...VIDEO_NAMES].sort());
    const headers: string[] = [];
    for (const path of Object.values(paths)) {
      const file = await open(path, 'r');
      const bytes = Buffer.alloc(100);
      await file.read(bytes, 0, 100, 0);
      await file.close();
      headers.push(bytes.subarray(0, bytes.indexOf(0x0a)).toString('latin1'));
      const size = (await stat(path)).size;
      assert.equal(
        size,
        y4mFileSize(64, 36, { frameCount: 3, extraTags: [headers[0]!.split(' ').at(-1)!] }),
      );
    }
    assert.equal(new Set(headers).size, 1, headers.join(' | '));
    assert.match(headers[0]!, /^YUV4MPEG2 W64 H36 F30:1 /);

    const index = JSON.parse(await readFile(join(dir, 'videos.json'), 'utf8')) as VideoIndex;
    assert.equal(index.header, headers[0]);
    assert.equal(index.videos.empty.corners, null);
    for (const name of ['good', 'blurry', 'glare'] as const) {
      assert.ok(
        index.videos[name].corners!.every((c) => inFrame(c, 64, 36)),
        name,
      );
    }
    const outside = index.videos.partial.corners!.filter((c) => !inFrame(c, 64, 36)).length;
    assert.ok(outside >= 1 && outside <= 2, `partial: ${outside} corners outside`);
  });

  test('leaves current videos alone', async () => {
    const paths = await generateDocumentVideos(dir, options);
    const before = await Promise.all(
      Object.values(paths).map(async (path) => (await stat(path)).mtimeMs),
    );
    await generateDocumentVideos(dir, options);
    const later = await Promise.all(
      Object.values(paths).map(async (path) => (await stat(path)).mtimeMs),
    );
    assert.deepEqual(later, before);
  });
});
