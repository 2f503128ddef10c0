// The "tabletop" tuning family (scripts/families/tabletop.ts): its labels follow from the geometry
// and the exposure it draws, it is deterministic, and scripts/eval.ts reads its manifest.
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
  DOCUMENT_SIZE_MM,
  documentQuad,
  drawScene,
  fillShare,
  generateTabletopSet,
  insetOf,
  LABEL_RULES,
  makeCamera,
  placeDocument,
  planeAxes,
  planVariants,
  renderItem,
  shareInFrame,
  TABLETOP_VARIANTS,
  type TabletopVariant,
} from './families/tabletop.ts';

const W = 240;
const H = 180;

describe('tabletop family: labels from geometry', () => {
  const variants = Object.keys(TABLETOP_VARIANTS) as TabletopVariant[];
  // Scenes are cheap to draw (rendering is what costs): many seeds per variant.
  const scenes = variants.flatMap((variant) =>
    Array.from({ length: 12 }, (_, k) => ({
      variant,
      scene: drawScene(variant, 1000 + k * 7919, 640, 480),
    })),
  );

  test('a frontal pose projects to the document proportions at the pinhole size', () => {
    checkFrontalPoses(
      DOCUMENT_SIZE_MM,
      (camera, kind) =>
        documentQuad(camera, placeDocument(camera, kind, planeAxes(0, 0, 0), 320, 240, 300), kind),
      ([tl, tr, br]) => {
        assert.ok(Math.abs(tr[1] - tl[1]) < 1e-9 && Math.abs(br[0] - tr[0]) < 1e-9, 'upright');
        assert.ok(Math.abs((tl[0] + br[0]) / 2 - 320) < 1e-9, 'centred');
      },
    );
  });

  test('a tilted pose keeps the tilt it was given, and the quad is clockwise', () => {
    for (const tilt of [0, 20, 35]) {
      const [, , n] = planeAxes(tilt, 40, 15);
      assert.ok(Math.abs((Math.acos(n[2]) * 180) / Math.PI - tilt) < 1e-9);
      const camera = makeCamera(640, 480, 70);
      const quad = documentQuad(
        camera,
        placeDocument(camera, 'id1', planeAxes(tilt, 40, 15), 320, 240, 250),
        'id1',
      );
      // Clockwise in image coordinates (y down): positive shoelace sum.
      let twice = 0;
      for (let k = 0; k < 4; k++) {
        const a = quad[k]!;
        const b = quad[(k + 1) % 4]!;
        twice += a[0] * b[1] - b[0] * a[1];
      }
      assert.ok(twice > 0);
    }
  });

  test('acceptable geometry: corners inside with the margin, fill in band, pose bounded, hand clear', () => {
    for (const { variant, scene } of scenes) {
      if (!['acceptable', 'defocus', 'motion', 'glare', 'dark', 'bright'].includes(variant))
        continue;
      const camera = scene.camera;
      assert.ok(scene.corners, variant);
      for (const c of scene.corners)
        assert.ok(insetOf(camera, c) >= LABEL_RULES.cornerMargin * 480, `${variant} corner`);
      const fill = fillShare(camera, scene.corners);
      assert.ok(fill >= LABEL_RULES.acceptableFill.min && fill <= LABEL_RULES.acceptableFill.max);
      assert.ok(scene.tiltDeg <= LABEL_RULES.maxTilt && Math.abs(scene.rollDeg) <= 25);
      assert.ok(camera.fovDeg >= 55 && camera.fovDeg <= 80);
      assert.equal(scene.defocusRadius > 0, variant === 'defocus');
      assert.equal(scene.motion !== null, variant === 'motion');
      assert.equal(scene.glareTarget > 0, variant === 'glare');
    }
  });

  test('each degradation is applied with its margin', () => {
    for (const { variant, scene } of scenes) {
      const camera = scene.camera;
      if (variant === 'no_document') {
        assert.equal(scene.corners, null);
        assert.ok(scene.distractors.length > 0, 'something on the table');
        assert.ok(
          scene.distractors.every((d) => d.kind !== 'card'),
          'no card',
        );
        continue;
      }
      assert.ok(scene.corners);
      if (variant === 'too_far') {
        const fill = fillShare(camera, scene.corners);
        assert.ok(fill >= LABEL_RULES.tooFarFill[0] && fill <= 0.035, `too_far fill ${fill}`);
        for (const c of scene.corners) assert.ok(insetOf(camera, c) > 0);
      }
      if (variant === 'corner_out') {
        const insets = scene.corners.map((c) => insetOf(camera, c) / 480);
        assert.equal(insets.filter((i) => i <= -LABEL_RULES.cornerOutside).length, 1);
        assert.equal(insets.filter((i) => i >= LABEL_RULES.cornerOthersInside).length, 3);
        assert.ok(shareInFrame(camera, scene.corners) >= LABEL_RULES.minVisible);
      }
      if (variant === 'finger') {
        for (const c of scene.corners)
          assert.ok(insetOf(camera, c) >= LABEL_RULES.cornerMargin * 480, 'in frame');
        assert.ok(scene.hand);
      }
      if (variant === 'defocus') {
        assert.ok(scene.defocusRadius >= LABEL_RULES.defocusRadius[0]);
      }
      if (variant === 'motion') assert.ok(scene.motion!.length >= LABEL_RULES.motionLength[0]);
      if (variant === 'glare') assert.ok(scene.glareTarget >= LABEL_RULES.glareMinShare);
    }
  });

  test('the plan: 40 % acceptable, every variant present, deterministic per seed', () => {
    const plan = checkPlan(planVariants, TABLETOP_VARIANTS, 240, 96);
    const perIssue = new Map<string, number>();
    for (const v of plan) {
      const issue = TABLETOP_VARIANTS[v];
      if (issue) perIssue.set(issue, (perIssue.get(issue) ?? 0) + 1);
    }
    for (const count of perIssue.values()) assert.ok(count >= 20 && count <= 21);
  });
});

describe('tabletop family: rendered', () => {
  const set = writtenSet('tabletop-family-', (out) =>
    generateTabletopSet({ out, count: 10, seed: 3, width: W, height: H, workers: 1 }),
  );

  test('the manifest parses with the eval, items labelled as the family says', async () => {
    const parsed = await readFamilyManifest(set, 'tabletop', 10, TABLETOP_VARIANTS);
    for (const [k, item] of parsed.entries()) {
      const raw = set.items[k]!;
      if (item.acceptable) {
        for (const c of item.corners!)
          assert.ok(Math.min(c[0], c[1], W - c[0], H - c[1]) >= 0.05 * H - 0.01);
        assert.equal(raw.params.clippedDocument, 0);
      }
      const q = raw.params.jpegQuality as number;
      assert.ok(q >= 70 && q <= 95);
    }
    const files = await jpegFiles(set);
    assertJpeg(await readFile(join(set.dir, files[0]!)), W, H, false);
  });

  test('same seed, same bytes; another seed, other bytes; --format png is lossless RGB', () => {
    assertDeterministic((seed) => renderItem(4, 'acceptable', seed, W, H));
    assertPng(renderItem(2, 'glare', 3, W, H, 'png'), W, H);
  });

  test('exposure follows the variant: glare, dark and bright by their rules; others never clip', () => {
    for (const seed of [5, 6]) {
      const glare = renderItem(0, 'glare', seed, W, H).exposure;
      assert.ok(
        glare.clippedDocument >= LABEL_RULES.glareMinShare,
        `glare ${glare.clippedDocument}`,
      );
      const dark = renderItem(1, 'dark', seed, W, H).exposure;
      assert.ok(dark.frameMean < 0.14, `dark ${dark.frameMean}`);
      const bright = renderItem(2, 'bright', seed, W, H).exposure;
      assert.ok(bright.clippedPaper >= 0.85, `bright ${bright.clippedPaper}`);
      for (const variant of ['acceptable', 'defocus', 'finger'] as const) {
        const fine = renderItem(3, variant, seed, W, H).exposure;
        assert.ok(fine.documentPeak <= LABEL_RULES.documentCeiling + 1e-6, variant);
        assert.equal(fine.clippedDocument, 0);
      }
    }
  });
});
