import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { quadJaccard } from '../src/quality/geometry.ts';
import type { Quad } from '../src/quality/types.ts';
import { REPO_ROOT } from './browser-runner.ts';
import {
  median,
  parseManifest,
  scoreDocuments,
  toImagePixels,
  type DocumentOutcome,
  type EvalReport,
  type ManifestItem,
} from './eval.ts';
import { encodePng } from './png.ts';

// The eval turns verdicts into the numbers the detector is tuned by; these tests pin down how each
// number is defined (on hand-made outcomes) and that the CLI produces them end to end on a tiny
// manifest of drawn images.

const rect = (x: number, y: number, w: number, h: number): Quad => [
  [x, y],
  [x + w, y],
  [x + w, y + h],
  [x, y + h],
];

/** A manifest item for scoreDocuments, without a file behind it. */
function labelled(
  image: string,
  acceptable: boolean,
  issues: string[],
  corners: Quad | null,
): ManifestItem {
  return {
    image,
    path: `/nowhere/${image}`,
    kind: 'document',
    acceptable,
    issues,
    corners,
    document: null,
  };
}

function outcome(
  expected: ManifestItem,
  acceptable: boolean,
  issues: string[],
  corners: Quad | null,
  ms = 1,
): DocumentOutcome {
  return { expected, acceptable, issues, corners, ms };
}

describe('scoreDocuments', () => {
  const truth = rect(0, 0, 10, 10);
  const outcomes = [
    // Acceptable, found exactly, accepted.
    outcome(labelled('a', true, [], truth), true, [], truth, 4),
    // Acceptable, found half-shifted (IoU 1/3), rejected for blur: a false reject.
    outcome(labelled('b', true, [], truth), false, ['blur'], rect(5, 0, 10, 10), 2),
    // Blurry, found, reported blurry: correct.
    outcome(labelled('c', false, ['blur'], truth), false, ['blur'], truth, 3),
    // Glare and blur expected, only glare reported, accepted nonetheless: a false accept.
    outcome(labelled('d', false, ['glare', 'blur'], truth), true, ['glare'], null, 10),
    // No document, none found: jaccard undefined, left out of the means.
    outcome(labelled('e', false, ['no_document'], null), false, ['no_document'], null, 1),
  ];
  const { summary, items } = scoreDocuments(outcomes);

  test('meanJaccard averages expected-acceptable items; meanJaccardAll every defined one', () => {
    assert.equal(summary.meanJaccard, Number(((1 + 1 / 3) / 2).toFixed(4)));
    assert.equal(summary.meanJaccardScope, 'acceptable');
    // a 1, b 1/3, c 1, d 0 (quad missed); e undefined.
    assert.equal(summary.meanJaccardAll, Number(((1 + 1 / 3 + 1 + 0) / 4).toFixed(4)));
    assert.equal(summary.jaccardUndefined, 1);
    assert.deepEqual(
      items.map((i) => i.jaccard),
      [1, 0.3333, 1, 0, null],
    );
  });

  test('false accept and false reject are shares of the expected-unacceptable/acceptable items', () => {
    assert.equal(summary.count, 5);
    assert.equal(summary.falseReject, 0.5); // b of a, b
    assert.equal(summary.falseAccept, 0.3333); // d of c, d, e
  });

  test('issue recall is per expected issue; corner error median pools all corners', () => {
    assert.deepEqual(summary.issueRecall, { blur: 0.5, glare: 1, no_document: 1 });
    // Corners of a and c: 8 zeros; b: four 5 px errors. Median of 8 zeros and 4 fives is 0.
    assert.equal(summary.cornerErrorMedianPx, 0);
    assert.deepEqual(items[1]!.cornerErrorsPx, [5, 5, 5, 5]);
    assert.equal(items[3]!.cornerErrorsPx, null);
    assert.equal(summary.msPerFrameMedian, 3);
  });

  test('rates over nothing are null, not 0', () => {
    const empty = scoreDocuments([]).summary;
    assert.equal(empty.count, 0);
    assert.equal(empty.meanJaccard, null);
    assert.equal(empty.falseAccept, null);
    assert.equal(empty.falseReject, null);
    assert.equal(empty.cornerErrorMedianPx, null);
    assert.equal(empty.msPerFrameMedian, null);
    assert.deepEqual(empty.issueRecall, {});
  });

  test('median and quad scaling', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([]), null);
    assert.deepEqual(toImagePixels(rect(1, 2, 3, 4), { width: 320, height: 240 }, 640, 480), [
      [2, 4],
      [8, 4],
      [8, 12],
      [2, 12],
    ]);
  });
});

describe('parseManifest', () => {
  test("reads the generator's format, image paths relative to the manifest", () => {
    const items = parseManifest(
      {
        items: [
          {
            image: 'a.png',
            kind: 'document',
            corners: rect(0, 0, 1, 1),
            expect: { acceptable: true, issues: [] },
            variant: 'clean',
            document: 'passport',
          },
          {
            image: 'sub/b.png',
            kind: 'document',
            corners: null,
            expect: { acceptable: false, issues: ['no_document'] },
          },
          { image: 'c.png', kind: 'selfie', expect: { acceptable: true, issues: [] } },
        ],
      },
      '/data/set/manifest.json',
    );
    assert.deepEqual(items[0], {
      image: 'a.png',
      path: '/data/set/a.png',
      kind: 'document',
      acceptable: true,
      issues: [],
      corners: rect(0, 0, 1, 1),
      document: 'passport',
    });
    assert.equal(items[1]!.document, null);
    assert.equal(items[1]!.path, '/data/set/sub/b.png');
    assert.deepEqual(items[1]!.issues, ['no_document']);
    assert.equal(items[1]!.corners, null);
    assert.equal(items[2]!.kind, 'selfie');
  });

  test('names the item that is malformed', () => {
    assert.throws(
      () =>
        parseManifest(
          {
            items: [
              {
                image: 'a.png',
                kind: 'document',
                corners: [[0, 0]],
                expect: { acceptable: true, issues: [] },
              },
            ],
          },
          'm.json',
        ),
      /m\.json item 0 corners: 4 corners \[x, y\] or null/,
    );
    assert.throws(
      () => parseManifest({ items: [{ image: 'a.png', kind: 'document' }] }, 'm.json'),
      /m\.json item 0: "expect.acceptable" must be a boolean/,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// End to end, in headless Chromium

/** Whether (x, y) is inside the convex quad (corners clockwise on screen). */
function insideQuad(quad: Quad, x: number, y: number): boolean {
  for (let k = 0; k < 4; k++) {
    const [ax, ay] = quad[k]!;
    const [bx, by] = quad[(k + 1) % 4]!;
    if ((bx - ax) * (y - ay) - (by - ay) * (x - ax) < 0) return false;
  }
  return true;
}

/**
 * A 640x480 RGB scene: a textured table, optionally an ID-1 card with a photo box and text lines
 * (the kind of frame any document detector must handle), all scaled by `gain` (a dark room).
 */
function drawScene(card: Quad | null, gain = 1): Uint8Array {
  const width = 640;
  const height = 480;
  const rgb = new Uint8Array(width * height * 3);
  let seed = 12345;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (seed >>> 16) % 7;
  };
  // Card-local axes, for the content: u along the top edge, v along the left edge.
  const [p0, p1, , p3] = card ?? rect(0, 0, 1, 1);
  const ux = p1[0] - p0[0];
  const uy = p1[1] - p0[1];
  const vx = p3[0] - p0[0];
  const vy = p3[1] - p0[1];
  const det = ux * vy - uy * vx;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let value = 70 + noise();
      let tint: [number, number, number] = [20, 8, 0];
      if (card && insideQuad(card, x + 0.5, y + 0.5)) {
        const dx = x + 0.5 - p0[0];
        const dy = y + 0.5 - p0[1];
        const u = (dx * vy - dy * vx) / det;
        const v = (ux * dy - uy * dx) / det;
        value = 215 + noise();
        tint = [0, 4, 12];
        if (u > 0.06 && u < 0.32 && v > 0.2 && v < 0.8) value = 110;
        else if (u > 0.4 && u < 0.9 && v > 0.2 && v < 0.8 && Math.floor(v * 20) % 3 === 0) {
          value = 45;
        }
      }
      const o = (y * width + x) * 3;
      rgb[o] = Math.min(255, (value + tint[0]) * gain);
      rgb[o + 1] = Math.min(255, (value + tint[1]) * gain);
      rgb[o + 2] = Math.min(255, (value + tint[2]) * gain);
    }
  }
  return rgb;
}

const exec = promisify(execFile);

describe('npm run eval (end to end)', () => {
  let dir = '';
  let report: EvalReport;
  let stdout = '';
  let stderr = '';
  let written = '';
  // A card 62 % of the frame wide, upright and well inside the frame: the case every detector
  // must get right, so its jaccard must come out ~1.
  const card = rect(122, 115, 396, 250);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kyc-eval-'));
    const png = (rgb: Uint8Array) => encodePng({ width: 640, height: 480, channels: 3, data: rgb });
    await writeFile(join(dir, 'good.png'), png(drawScene(card)));
    await writeFile(join(dir, 'empty.png'), png(drawScene(null)));
    await writeFile(join(dir, 'dark.png'), png(drawScene(card, 0.2)));
    const ok = { acceptable: true, issues: [] };
    const unacceptable = (issue: string) => ({ acceptable: false, issues: [issue] });
    const manifest = {
      items: [
        { image: 'good.png', kind: 'document', corners: card, expect: ok },
        {
          image: 'empty.png',
          kind: 'document',
          corners: null,
          expect: unacceptable('no_document'),
        },
        { image: 'dark.png', kind: 'document', corners: card, expect: unacceptable('dark') },
        // Selfies are scored by a later eval: skipped with a note, not an error.
        { image: 'good.png', kind: 'selfie', corners: null, expect: ok },
      ],
    };
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const result = await exec(
      process.execPath,
      [
        '--import',
        'tsx',
        resolve(REPO_ROOT, 'scripts/eval.ts'),
        join(dir, 'manifest.json'),
        '--out',
        join(dir, 'out/report.json'),
      ],
      { cwd: REPO_ROOT, timeout: 60_000 },
    );
    ({ stdout, stderr } = result);
    written = await readFile(join(dir, 'out/report.json'), 'utf8');
    report = JSON.parse(stdout) as EvalReport;
  });

  after(() => rm(dir, { recursive: true, force: true }));

  test('prints one JSON report, the same one it writes to --out, and a summary line', () => {
    assert.equal(stdout.trim().split('\n').length, 1);
    assert.equal(written.trim(), stdout.trim());
    assert.match(stderr, /^eval: 3 documents; meanJaccard .*ms\/frame median; skipped 1/m);
    assert.deepEqual(Object.keys(report.summary).slice(0, 7), [
      'count',
      'meanJaccard',
      'cornerErrorMedianPx',
      'falseAccept',
      'falseReject',
      'issueRecall',
      'msPerFrameMedian',
    ]);
    assert.deepEqual(
      report.items.map((item) => Object.keys(item).slice(0, 5)),
      Array(3).fill(['image', 'acceptable', 'issues', 'corners', 'jaccard']),
    );
    assert.deepEqual(report.skipped, [
      { image: 'good.png', kind: 'selfie', reason: 'kind not evaluated yet' },
    ]);
  });

  test('a clean card is found where it is drawn; a bare table yields no quad', () => {
    const [good, empty] = report.items;
    assert.equal(good!.image, 'good.png');
    assert.ok(good!.corners, 'the card is found');
    assert.ok(good!.jaccard! > 0.95, `jaccard ${good!.jaccard}`);
    assert.ok(Math.max(...good!.cornerErrorsPx!) < 4, `corner errors ${good!.cornerErrorsPx}`);
    assert.equal(empty!.corners, null);
    assert.equal(empty!.jaccard, null, 'no truth and no detection: undefined, not 0 or 1');
    assert.ok(empty!.issues.includes('no_document'));
  });

  test('the summary follows from the items', () => {
    const { summary, items } = report;
    assert.equal(summary.count, 3);
    const acceptable = items.filter((i) => i.expectedAcceptable && i.jaccard !== null);
    const meanJaccard = acceptable.reduce((s, i) => s + i.jaccard!, 0) / acceptable.length;
    assert.ok(Math.abs(summary.meanJaccard! - meanJaccard) < 1e-4);
    const unacceptable = items.filter((i) => !i.expectedAcceptable);
    assert.equal(summary.falseAccept, unacceptable.filter((i) => i.acceptable).length / 2);
    assert.equal(summary.falseReject, items[0]!.acceptable ? 0 : 1);
    assert.equal(summary.issueRecall.no_document, items[1]!.issues.includes('no_document') ? 1 : 0);
    assert.equal(summary.issueRecall.dark, items[2]!.issues.includes('dark') ? 1 : 0);
    assert.equal(summary.jaccardUndefined, 1);
    // Reported corners are in image pixels: their IoU with the truth is the reported jaccard.
    const recomputed = quadJaccard(card, items[0]!.corners as unknown as Quad);
    assert.ok(Math.abs(recomputed - items[0]!.jaccard!) < 1e-3);
    assert.ok(summary.msPerFrameMedian! > 0 && summary.msPerFrameMedian! < 200);
  });
});
