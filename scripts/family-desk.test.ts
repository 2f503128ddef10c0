// The held-out "desk" family (scripts/families/desk.ts): its labels follow from the geometry it
// draws, it is deterministic, and scripts/eval.ts reads its manifest.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  assertDeterministic,
  assertJpeg,
  assertPng,
  checkFrontalPoses,
  checkPlan,
  jpegFiles,
  readFamilyManifest,
  writtenSet,
} from '../test/helpers/families.ts';
import {
  DESK_VARIANTS,
  DOCUMENT_SIZE_MM,
  documentCorners,
  documentPose,
  documentRotation,
  drawScene,
  fillShare,
  generateDeskSet,
  insetOf,
  LABEL_RULES,
  planVariants,
  renderItem,
  shareInFrame,
  type DeskVariant,
} from './families/desk.ts';

const W = 320;
const H = 240;
const SHORT = Math.min(W, H);

describe('desk family: labels from geometry', () => {
  const variants = Object.keys(DESK_VARIANTS) as DeskVariant[];
  const scenes = variants.flatMap((variant) =>
    [11, 12, 13].map((seed) => ({ variant, scene: drawScene(variant, seed * 7919, 640, 480) })),
  );

  test('a frontal pose projects to the document proportions', () => {
    checkFrontalPoses(
      DOCUMENT_SIZE_MM,
      (camera, kind) =>
        documentCorners(
          camera,
          documentPose(camera, kind, documentRotation(0, 0, 0), 320, 240, 300),
          kind,
        ),
      ([tl, tr, br, bl]) =>
        assert.ok(Math.abs(tr[0] - tl[0] - (br[0] - bl[0])) < 1e-9, 'parallel sides'),
    );
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
    checkPlan(planVariants, DESK_VARIANTS, 120, 48);
  });
});

describe('desk family: written set', () => {
  const set = writtenSet('desk-family-', (out) =>
    generateDeskSet({ out, count: 12, seed: 3, width: W, height: H, workers: 1 }),
  );

  test('the manifest parses with the eval, items labelled as the family says', async () => {
    const parsed = await readFamilyManifest(set, 'desk', 12, DESK_VARIANTS);
    for (const item of parsed) {
      if (item.acceptable) {
        for (const c of item.corners!)
          assert.ok(Math.min(c[0], c[1], W - c[0], H - c[1]) >= 0.04 * SHORT - 0.01);
      }
    }
    for (const name of await jpegFiles(set))
      assertJpeg(await readFile(join(set.dir, name)), W, H, true);
    for (const item of set.items) {
      const q = item.params.jpegQuality as number;
      assert.ok(q >= 70 && q <= 95);
    }
  });

  test('--format png writes the same pixels losslessly', () => {
    assertPng(renderItem(2, 'glare', 3, W, H, 'png'), W, H);
  });

  test('rendering is deterministic: same seed, same bytes; another seed, other bytes', () => {
    assertDeterministic((seed) => renderItem(4, 'acceptable', seed, W, H));
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
