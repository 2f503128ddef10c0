// scripts/eval-overlay.ts draws each report item's true outline green and its detected one magenta
// over the image, where the manifest and the report put them, and selects the items asked for.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { EvalItem, EvalReport } from './eval-report.ts';
import { CAPTION_HEIGHT } from './eval-overlay.page.ts';
import { caption, judgedWrong, writeOverlays } from './eval-overlay.ts';
import { decodePng, encodePng } from './png.ts';

const W = 160;
const H = 120;

/** A report item with the fields the overlay reads. */
function item(image: string, fields: Partial<EvalItem>): EvalItem {
  return {
    image,
    acceptable: true,
    issues: [],
    corners: null,
    jaccard: null,
    expectedAcceptable: true,
    expectedIssues: [],
    cornerErrorsPx: null,
    ms: 1,
    family: 'f',
    ...fields,
  };
}

describe('eval overlay', () => {
  let dir = '';
  const truth: [number, number][] = [
    [20, 20],
    [140, 20],
    [140, 100],
    [20, 100],
  ];
  const detected: [number, number][] = [
    [40, 30],
    [120, 30],
    [120, 90],
    [40, 90],
  ];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kyc-overlay-'));
    // A flat grey image: any green or magenta pixel is the overlay's.
    const grey = new Uint8Array(W * H * 3).fill(128);
    for (const name of ['a.png', 'b.png']) {
      await writeFile(join(dir, name), encodePng({ width: W, height: H, channels: 3, data: grey }));
    }
    await writeFile(
      join(dir, 'manifest.json'),
      JSON.stringify({
        family: 'f',
        items: ['a.png', 'b.png'].map((image) => ({
          image,
          kind: 'document',
          corners: truth,
          expect: { acceptable: true, issues: [] },
        })),
      }),
    );
  });

  after(() => rm(dir, { recursive: true, force: true }));

  test('draws the true outline green and the detected one magenta, under a caption strip', async () => {
    const report = {
      items: [
        item('a.png', { corners: detected, jaccard: 0.5, acceptable: false, issues: ['corners'] }),
        item('b.png', { corners: truth, jaccard: 1 }),
      ],
    } as unknown as EvalReport;
    const written = await writeOverlays({
      report,
      manifests: [join(dir, 'manifest.json')],
      dir: join(dir, 'out'),
      wrongOnly: true,
    });
    // Only a.png is judged wrong (refused while acceptable).
    assert.deepEqual(written, [join(dir, 'out', 'f-a.png')]);
    const png = decodePng(await readFile(written[0]!));
    assert.equal(png.width, W);
    assert.equal(png.height, H + CAPTION_HEIGHT);
    const at = (x: number, y: number): number[] => {
      const i = ((y + CAPTION_HEIGHT) * png.width + x) * png.channels;
      return [...png.data.subarray(i, i + 3)];
    };
    assert.deepEqual(at(80, 20), [0, 255, 0], 'the true top side');
    assert.deepEqual(at(80, 30), [255, 0, 255], 'the detected top side');
    assert.deepEqual(at(80, 60), [128, 128, 128], 'the image inside');
  });

  test('judges wrong by the verdict and the first issue; captions say both', () => {
    assert.equal(judgedWrong(item('x', {})), false);
    assert.equal(judgedWrong(item('x', { acceptable: false, issues: ['blur'] })), true);
    const refused = { acceptable: false, expectedAcceptable: false, expectedIssues: ['glare'] };
    assert.equal(judgedWrong(item('x', { ...refused, issues: ['glare', 'blur'] })), false);
    assert.equal(judgedWrong(item('x', { ...refused, issues: ['blur', 'glare'] })), true);
    assert.equal(
      caption(item('x.png', { ...refused, issues: ['blur'], jaccard: 0.91234 })),
      'x.png  expected: glare  got: blur  J=0.912',
    );
  });
});
