// The held-out "portraits" selfie family (scripts/families/portraits.ts): labels follow from the
// geometry it draws, it is deterministic, and scripts/eval.ts reads its manifest.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { parseManifest } from './eval.ts';
import { loadFixture } from './faces/fixtures.ts';
import { PEOPLE, SIDES } from './faces/people.ts';
import { faceTruth, type Fixture } from './faces/person.ts';
import { FACE_RULES, geometryIssues } from './faces/truth.ts';
import {
  generatePortraits,
  MARGINS,
  planVariants,
  PORTRAIT_VARIANTS,
  renderItem,
  type PortraitVariant,
} from './families/portraits.ts';
import { generatePortraitVideos } from './portrait-videos.ts';
import { skipOrFail } from '../test/shared-fixtures.ts';

describe('portraits family', () => {
  // The held-out people; every variant is also drawn with the tuning person.
  let fixtures: Fixture[] | undefined;
  let tuning: Fixture[] | undefined;
  let missing = '';
  before(async () => {
    const heldOut = SIDES['held-out'].people;
    const loaded = await Promise.all(
      [...heldOut, ...SIDES.tuning.people].map((name) => loadFixture(name)),
    );
    const gone = loaded.find((f) => 'missing' in f);
    if (gone && 'missing' in gone) missing = gone.missing;
    else {
      const ready = loaded as Fixture[];
      fixtures = ready.slice(0, heldOut.length);
      tuning = ready.slice(heldOut.length);
    }
  });

  test('a placement comes back from the drawn landmarks: size, centre, roll; mirroring swaps the eyes', () => {
    for (const mirror of [false, true]) {
      for (const person of Object.values(PEOPLE)) {
        const t = faceTruth({ person, size: 0.42, centre: [300, 250], roll: 12, mirror }, 640, 480);
        assert.ok(Math.abs(t.size - 0.42) < 1e-3, `size ${t.size}`);
        assert.ok(Math.abs(t.centre[0] - 300) < 0.02 && Math.abs(t.centre[1] - 250) < 0.02);
        assert.ok(Math.abs(t.roll - 12) < 0.05, `roll ${t.roll}`);
        // The "right" eye (as a detector names it) is on the image's left either way.
        const along = (p: [number, number]) =>
          p[0] * Math.cos((12 * Math.PI) / 180) + p[1] * Math.sin((12 * Math.PI) / 180);
        assert.ok(along(t.landmarks.rightEye) < along(t.landmarks.leftEye));
      }
    }
  });

  test('the rules: a face over 0.70 of the short side is too large, under 0.22 too small', () => {
    const at = (size: number, offset: [number, number] = [0, 0], roll = 0) =>
      geometryIssues([{ size, offset, roll }]).issues;
    assert.deepEqual(at(0.45), []);
    assert.deepEqual(at(FACE_RULES.tooLarge + 0.01), ['face_too_large']);
    assert.deepEqual(at(FACE_RULES.tooSmall - 0.01), ['face_too_small']);
    assert.deepEqual(at(0.45, [0.2, 0]), ['face_off_center']);
    assert.deepEqual(at(0.45, [0, 0], 20), ['face_angle']);
    assert.deepEqual(geometryIssues([]).issues, ['no_face']);
  });

  test('the plan: 40 % acceptable, every issue present', () => {
    const plan = planVariants(120, 1);
    assert.equal(plan.length, 120);
    assert.equal(plan.filter((v) => PORTRAIT_VARIANTS[v] === null).length, 48);
    const issues = new Set(plan.map((v) => PORTRAIT_VARIANTS[v]).filter(Boolean));
    assert.equal(issues.size, 8);
  });

  test('every variant renders with exactly its label, inside its margins, deterministically', (t) => {
    if (!fixtures || !tuning) return skipOrFail(t, missing);
    const variants = Object.keys(PORTRAIT_VARIANTS) as PortraitVariant[];
    for (const [k, variant] of [...variants, ...variants].entries()) {
      const people = k < variants.length ? fixtures : tuning;
      const item = renderItem(variant, 1000 + k, people, 320, 240);
      const names = String(item.label.params.people ?? '').split(',');
      if (item.label.faces > 0)
        assert.ok(
          names.every((n) => people.some((f) => f.person.name === n)),
          names.join(),
        );
      const issue = PORTRAIT_VARIANTS[variant];
      assert.deepEqual(item.label.expect.issues, issue ? [issue] : [], variant);
      assert.equal(item.label.expect.acceptable, issue === null, variant);
      const main = item.label.geometry[0];
      if (issue === 'no_face') {
        assert.equal(item.label.faces, 0);
        continue;
      }
      assert.ok(main, variant);
      if (issue === 'face_too_large') assert.ok(main.size >= MARGINS.largeSize[0] - 1e-3);
      if (issue === 'face_too_small') assert.ok(main.size <= MARGINS.smallSize[1] + 1e-3);
      if (issue === null || issue === 'blur' || issue === 'dark') {
        assert.ok(main.size >= 0.3 && main.size <= 0.6, `${variant} size ${main.size}`);
        assert.ok(Math.max(...main.offset.map(Math.abs)) <= FACE_RULES.maxOffset - 0.04);
      }
      if (issue === 'dark') assert.ok(item.label.metrics.faceLuma! <= FACE_RULES.darkLuma);
      if (issue === 'multiple_faces') {
        assert.equal(item.label.geometry.length, 2);
        assert.ok(item.label.geometry[1]!.size >= FACE_RULES.countedSize);
      }
    }
    const a = renderItem('acceptable', 77, fixtures, 320, 240);
    const b = renderItem('acceptable', 77, fixtures, 320, 240);
    assert.deepEqual(a.pixels, b.pixels);
    const c = renderItem('acceptable', 78, fixtures, 320, 240);
    assert.notDeepEqual(a.pixels, c.pixels);
  });

  test('the manifest is the eval format, in the family "portraits"', async (t) => {
    if (!fixtures) return skipOrFail(t, missing);
    const out = await mkdtemp(join(tmpdir(), 'portraits-'));
    try {
      const result = await generatePortraits({ out, count: 6, seed: 3 });
      assert.ok(!('skipped' in result));
      const text = await readFile(result.manifestPath, 'utf8');
      assert.equal(JSON.parse(text).family, 'portraits');
      const items = parseManifest(JSON.parse(text), result.manifestPath);
      assert.equal(items.length, 6);
      for (const item of items) {
        assert.equal(item.kind, 'selfie');
        assert.equal(item.family, 'portraits');
        assert.match(item.path, /\.jpg$/);
        const bytes = await readFile(item.path);
        assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xd8]);
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  test('the videos: the same header and size (the e2e camera switches between them), a face in one only', async (t) => {
    if (!fixtures) return skipOrFail(t, missing);
    const out = await mkdtemp(join(tmpdir(), 'portrait-videos-'));
    try {
      const paths = await generatePortraitVideos(out);
      assert.ok(!('skipped' in paths));
      const [empty, good] = await Promise.all([
        readFile(paths['portrait-empty']),
        readFile(paths['portrait-good']),
      ]);
      assert.equal(empty.length, good.length);
      const header = (b: Buffer) => b.subarray(0, b.indexOf(10)).toString('latin1');
      assert.equal(header(empty), header(good));
      assert.match(header(good), /^YUV4MPEG2 W640 H480 F10:1/);
      // The luma of the first frame's middle (where the face is) differs; the top-left corner
      // (wall in both) barely does.
      const start = good.indexOf('FRAME\n') + 6;
      const mean = (b: Buffer, x0: number, y0: number) => {
        let sum = 0;
        for (let y = y0; y < y0 + 40; y++)
          for (let x = x0; x < x0 + 40; x++) sum += b[start + y * 640 + x]!;
        return sum / 1600;
      };
      assert.ok(
        Math.abs(mean(good, 300, 220) - mean(empty, 300, 220)) > 20,
        'a face in the middle',
      );
      assert.ok(Math.abs(mean(good, 10, 10) - mean(empty, 10, 10)) < 6, 'the same wall');
      // Current files are left alone.
      const before = (await stat(paths['portrait-good'])).mtimeMs;
      await generatePortraitVideos(out);
      assert.equal((await stat(paths['portrait-good'])).mtimeMs, before);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
