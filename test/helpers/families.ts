// The shared rig of the document families' tests (scripts/family-desk.test.ts,
// scripts/family-tabletop.test.ts): a frontal pose's pinhole projection, a small set written to a
// temporary folder and read back with the eval's parser, its labels and JPEG files, and the
// renderer's determinism. Each family's own rules stay in its test.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Quad } from '../../src/quality/types.ts';
import { parseManifest, type ManifestItem } from '../../scripts/eval.ts';
import { decodePng } from '../../scripts/png.ts';
import { makeCamera, type Camera } from '../../scripts/scene/pinhole.ts';

/** The document kinds the families draw, with their sizes in mm. */
type Sizes = Readonly<Record<'id1' | 'passport', readonly [number, number]>>;

/**
 * A frontal document 300 mm away through the frame's centre (640x480, 55° and 80° fields of view),
 * as `quadOf` places and projects it: it keeps the document's proportions and the pinhole's size
 * (focal length x width / distance). `check` adds a family's own assertions.
 */
export function checkFrontalPoses(
  sizes: Sizes,
  quadOf: (camera: Camera, kind: 'id1' | 'passport') => Quad,
  check: (quad: Quad, camera: Camera) => void,
): void {
  for (const kind of ['id1', 'passport'] as const) {
    for (const fov of [55, 80]) {
      const camera = makeCamera(640, 480, fov);
      const quad = quadOf(camera, kind);
      const [tl, tr, , bl] = quad;
      const [w, h] = sizes[kind];
      assert.ok(Math.abs((tr[0] - tl[0]) / (bl[1] - tl[1]) - w / h) < 1e-9, 'proportions');
      assert.ok(Math.abs(tr[0] - tl[0] - (camera.focal * w) / 300) < 1e-9, 'f * width / z');
      check(quad, camera);
    }
  }
}

/**
 * A family's plan (`plan(count, seed)`) of `count` items: `acceptable` of them acceptable, every
 * variant present, the same for the same seed and another for another seed. Returns seed 1's plan.
 */
export function checkPlan<V extends string>(
  plan: (count: number, seed: number) => V[],
  variants: Readonly<Record<V, string | null>>,
  count: number,
  acceptable: number,
): V[] {
  const planned = plan(count, 1);
  assert.equal(planned.filter((v) => v === 'acceptable').length, acceptable);
  for (const v of Object.keys(variants)) assert.ok(planned.includes(v as V), v);
  assert.deepEqual(plan(count, 1), planned);
  assert.notDeepEqual(plan(count, 2), planned);
  return planned;
}

/** What a family's set writer returns per item (its manifest entry). */
interface RawItem {
  readonly image: string;
  readonly family: string;
  readonly variant: string;
  readonly document: string;
  readonly params: Record<string, unknown>;
}

/**
 * A set written by `generate` into a temporary folder before the enclosing suite's tests (and
 * removed after them); its folder and items once written.
 */
export function writtenSet<I extends RawItem>(
  prefix: string,
  generate: (out: string) => Promise<{ items: I[] }>,
): { readonly dir: string; readonly items: readonly I[] } {
  const set = { dir: '', items: [] as I[] };
  before(async () => {
    set.dir = await mkdtemp(join(tmpdir(), prefix));
    ({ items: set.items } = await generate(set.dir));
  });
  after(() => rm(set.dir, { recursive: true, force: true }));
  return set;
}

/**
 * Reads the set's manifest.json with the eval's parser and checks every item against what the
 * family wrote: `count` items of `family`, each a document labelled with its variant's issue
 * (`issues`), corners exactly when there is a document. Returns the parsed items, in order.
 */
export async function readFamilyManifest(
  set: { readonly dir: string; readonly items: readonly RawItem[] },
  family: string,
  count: number,
  issues: Readonly<Record<string, string | null>>,
): Promise<ManifestItem[]> {
  const path = join(set.dir, 'manifest.json');
  const json = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(json.family, family);
  const parsed = parseManifest(json, path);
  assert.equal(parsed.length, count);
  for (const [k, item] of parsed.entries()) {
    const raw = set.items[k]!;
    assert.equal(item.kind, 'document');
    assert.equal(raw.family, family);
    assert.equal(item.family, family);
    assert.equal(item.document, raw.document);
    assert.equal(item.acceptable, raw.variant === 'acceptable');
    const issue = issues[raw.variant];
    assert.deepEqual(item.issues, issue ? [issue] : []);
    assert.equal(item.corners === null, raw.variant === 'no_document');
  }
  return parsed;
}

/** The set's JPEG files, which are exactly its items' images; sorted by name. */
export async function jpegFiles(set: {
  readonly dir: string;
  readonly items: readonly RawItem[];
}): Promise<string[]> {
  const files = (await readdir(set.dir)).filter((f) => f.endsWith('.jpg')).sort();
  assert.deepEqual(files, set.items.map((i) => i.image).sort());
  return files;
}

/** A baseline JPEG of `width` x `height`: its SOI, its frame header's size and (if asked) its EOI. */
export function assertJpeg(jpeg: Buffer, width: number, height: number, eoi: boolean): void {
  assert.deepEqual([...jpeg.subarray(0, 2)], [0xff, 0xd8], 'SOI');
  if (eoi) assert.deepEqual([...jpeg.subarray(-2)], [0xff, 0xd9], 'EOI');
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  assert.deepEqual([jpeg.readUInt16BE(sof + 7), jpeg.readUInt16BE(sof + 5)], [width, height]);
}

/** A rendered item: its file's bytes and its manifest entry. */
type Rendered = { readonly file: Buffer; readonly item: unknown };

/** The same seed renders the same bytes and item; another seed other bytes. */
export function assertDeterministic(render: (seed: number) => Rendered): void {
  const a = render(9);
  const b = render(9);
  const c = render(10);
  assert.ok(a.file.equals(b.file));
  assert.deepEqual(a.item, b.item);
  assert.ok(!a.file.equals(c.file));
}

/** Item 2 (a glare) rendered with `--format png`: a `width` x `height` RGB PNG named as such. */
export function assertPng(rendered: Rendered, width: number, height: number): void {
  assert.match((rendered.item as { image: string }).image, /^0003-glare\.png$/);
  const png = decodePng(rendered.file);
  assert.deepEqual([png.width, png.height, png.channels], [width, height, 3]);
}
