// The held-out "desk" family (scripts/families/desk.ts): its labels follow from the geometry it
// draws, it is deterministic, and scripts/eval.ts reads its manifest.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseManifest } from './eval.ts';
import {
  insetOf,
  DESK_VARIANTS,
  DOCUMENT_SIZE_MM,
  documentCorners,
  documentPose,
  documentRotation,
  drawScene,
  fillShare,
  generateDeskSet,
  LABEL_RULES,
  makeCamera,
  planVariants,
  renderItem,
  shareInFrame,
  type DeskItem,
  type DeskVariant,
} from './families/desk.ts';
import { decodePng } from './png.ts';

const W = 320;
const H = 240;
const SHORT = Math.min(W, H);

describe('desk family: labels from geometry', () => {
  const variants = Object.keys(DESK_VARIANTS) as DeskVariant[];
  const scenes = variants.flatMap((variant) =>
    [11, 12, 13].map((seed) => ({ variant, scene: drawScene(variant, seed * 7919, 640, 480) })),
  );

  test('a frontal pose projects to the document proportions', () => {
    for (const kind of ['id1', 'passport'] as const) {
      for (const fov of [55, 80]) {
        const camera = makeCamera(640, 480, fov);
        const pose = documentPose(camera, kind, documentRotation(0, 0, 0), 320, 240, 300);
        const [tl, tr, br, bl] = documentCorners(camera, pose, kind);
        const [w, h] = DOCUMENT_SIZE_MM[kind];
        assert.ok(Math.abs(tr[0] - tl[0] - (br[0] - bl[0])) < 1e-9, 'parallel sides');
        assert.ok(Math.abs((tr[0] - tl[0]) / (bl[1] - tl[1]) - w / h) < 1e-9);
        // And the size is the pinhole's: f * width / distance.
        assert.ok(Math.abs(tr[0] - tl[0] - (camera.focal * w) / 300) < 1e-9);
      }
    }
  });

  test('acceptable geometry: corners inside with the margin, fill within bounds, tilt and roll bounded', () => {
    for (const { variant, scene } of scenes) {
      if (!['acceptable', 'defocus', 'glare', 'dark', 'bright'].includes(variant)) continue;
      const camera = scene.camera;
      assert.ok(scene.corners, variant);
      for (const c of scene.corners)
        assert.ok(insetOf(camera, c) >= LABEL_RULES.cornerMargin * 480, `${variant} corner`);
      const fill = fillShare(camera, scene.corners);
      assert.ok(fill >= LABEL_RULES.acceptableFill.min && fill <= LABEL_RULES.acceptableFill.max);
      assert.ok(
        scene.tiltDeg <= LABEL_RULES.maxTilt && Math.abs(scene.rollDeg) <= LABEL_RULES.maxRoll,
      );
      assert.ok(camera.fovDeg >= 55 && camera.fovDeg <= 80);
      assert.equal(scene.glare !== null, variant === 'glare');
      assert.equal(scene.blurSigma > 0, variant === 'defocus');
    }
  });

  test('each degradation is applied with its margin', () => {
    const area = (kind: 'id1' | 'passport') =>
      DOCUMENT_SIZE_MM[kind][0] * DOCUMENT_SIZE_MM[kind][1];
    for (const { variant, scene } of scenes) {
      const camera = scene.camera;
      if (variant === 'no_document') {
        assert.equal(scene.corners, null);
        assert.ok(scene.distractors.length > 0, 'distractors present');
        assert.ok(scene.distractors.every((d) => d.kind !== 'card'));
        continue;
      }
      assert.ok(scene.corners);
      if (variant === 'too_far') {
        assert.ok(fillShare(camera, scene.corners) < 0.05);
        for (const c of scene.corners) assert.ok(insetOf(camera, c) > 0);
      }
      if (variant === 'corner_out') {
        const insets = scene.corners.map((c) => insetOf(camera, c) / 480);
        assert.equal(insets.filter((i) => i <= -LABEL_RULES.cornerOutside).length, 1);
        assert.equal(insets.filter((i) => i >= LABEL_RULES.cornerOthersInside).length, 3);
        assert.ok(shareInFrame(camera, scene.corners) >= LABEL_RULES.minVisible);
      }
      if (variant === 'finger') {
        const [w, h] = DOCUMENT_SIZE_MM[scene.document];
        const corners = [
          [0, 0],
          [w, 0],
          [w, h],
          [0, h],
        ];
        const finger = scene.hand!.front[0]!;
        // Some corner lies under the finger, at least 5 mm from its rim.
        const dist = (p: number[]) => {
          const [ax, ay] = finger.a;
          const [bx, by] = finger.b;
          const t = Math.max(
            0,
            Math.min(
              1,
              ((p[0]! - ax) * (bx - ax) + (p[1]! - ay) * (by - ay)) /
                ((bx - ax) ** 2 + (by - ay) ** 2),
            ),
          );
          return Math.hypot(p[0]! - ax - t * (bx - ax), p[1]! - ay - t * (by - ay));
        };
        assert.ok(corners.some((c) => dist(c) <= finger.r - 5));
      }
      if (variant === 'glare') {
        const g = scene.glare!;
        assert.ok((Math.PI * g.a * g.b) / area(scene.document) >= LABEL_RULES.glareMinShare);
      }
    }
  });

  test('the plan: 40 % acceptable, every issue present, deterministic', () => {
    const plan = planVariants(120, 1);
    assert.equal(plan.filter((v) => v === 'acceptable').length, 48);
    for (const v of Object.keys(DESK_VARIANTS)) assert.ok(plan.includes(v as DeskVariant), v);
    assert.deepEqual(planVariants(120, 1), plan);
    assert.notDeepEqual(planVariants(120, 2), plan);
  });
});

describe('desk family: written set', () => {
  let dir: string;
  let items: DeskItem[];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'desk-family-'));
    ({ items } = await generateDeskSet({
      out: dir,
      count: 12,
      seed: 3,
      width: W,
      height: H,
      workers: 1,
    }));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('the manifest parses with the eval, items labelled as the family says', async () => {
    const path = join(dir, 'manifest.json');
    const parsed = parseManifest(JSON.parse(await readFile(path, 'utf8')), path);
    assert.equal(parsed.length, 12);
    for (const [k, item] of parsed.entries()) {
      const raw = items[k]!;
      assert.equal(item.kind, 'document');
      assert.equal(raw.family, 'desk');
      assert.equal(item.document, raw.document);
      assert.equal(item.acceptable, raw.variant === 'acceptable');
      const issue = DESK_VARIANTS[raw.variant];
      assert.deepEqual(item.issues, issue ? [issue] : []);
      assert.equal(item.corners === null, raw.variant === 'no_document');
      if (item.acceptable) {
        for (const c of item.corners!)
          assert.ok(Math.min(c[0], c[1], W - c[0], H - c[1]) >= 0.04 * SHORT - 0.01);
      }
    }
    const files = (await readdir(dir)).filter((f) => f.endsWith('.jpg')).sort();
    assert.deepEqual(files, items.map((i) => i.image).sort());
    for (const name of files) {
      const jpeg = await readFile(join(dir, name));
      assert.deepEqual([...jpeg.subarray(0, 2)], [0xff, 0xd8], 'SOI');
      assert.deepEqual([...jpeg.subarray(-2)], [0xff, 0xd9], 'EOI');
      const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
      assert.deepEqual([jpeg.readUInt16BE(sof + 7), jpeg.readUInt16BE(sof + 5)], [W, H]);
    }
    for (const item of items) {
      const q = item.params.jpegQuality as number;
      assert.ok(q >= 70 && q <= 95);
    }
  });

  test('--format png writes the same pixels losslessly', () => {
    const { file, item } = renderItem(2, 'glare', 3, W, H, 'png');
    assert.match(item.image, /^0003-glare\.png$/);
    const png = decodePng(file);
    assert.deepEqual([png.width, png.height, png.channels], [W, H, 3]);
  });

  test('rendering is deterministic: same seed, same bytes; another seed, other bytes', () => {
    const a = renderItem(4, 'acceptable', 9, W, H);
    const b = renderItem(4, 'acceptable', 9, W, H);
    const c = renderItem(4, 'acceptable', 10, W, H);
    assert.ok(a.file.equals(b.file));
    assert.deepEqual(a.item, b.item);
    assert.ok(!a.file.equals(c.file));
  });

  test('exposure follows the variant: dark is dark, bright clips the paper, acceptable does not', () => {
    const dark = renderItem(0, 'dark', 5, W, H).item.params;
    const bright = renderItem(1, 'bright', 5, W, H).item.params;
    const fine = renderItem(2, 'acceptable', 5, W, H).item.params;
    assert.ok((dark.frameMean as number) < 0.13);
    assert.ok((bright.clippedPaper as number) >= 0.85);
    assert.equal(fine.clippedPaper, 0);
  });
});
