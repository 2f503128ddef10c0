import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { Quad } from '../src/quality/types.ts';
import { REPO_ROOT } from './browser-runner.ts';
import { benchJson, percentile, type BenchJson } from './bench.ts';
import type { BenchSamples, CheckName } from './quality-page.ts';

// The bench's numbers are quoted in READMEs and reviews: these tests pin down how they are derived
// from the samples, and that `--json` prints exactly the agreed object.

const square: Quad = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
];
const shifted: Quad = [
  [5, 0],
  [15, 0],
  [15, 10],
  [5, 10],
];

function samples(pipelineMs: number[], jscanifyMs: number[]): BenchSamples {
  const checks = (ms: number): Record<CheckName, number[]> => ({
    luma: [ms, ms + 2, ms + 1],
    sharpness: [ms],
    glare: [ms],
    exposure: [ms],
    quad: [ms],
  });
  return {
    pipelineMs,
    checksMs: checks(1),
    stagesMs: checks(1),
    jscanifyMs,
    quads: [
      { truth: square, ours: square, jscanify: shifted },
      { truth: square, ours: null, jscanify: square },
      // No true outline: left out of both means.
      { truth: null, ours: square, jscanify: square },
    ],
    preciseTimers: true,
  };
}

describe('bench statistics', () => {
  test('p95 is the nearest-rank percentile', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(values, 95), 95);
    assert.equal(percentile(values, 50), 50);
    assert.equal(percentile([7], 95), 7);
    assert.ok(Number.isNaN(percentile([], 95)));
  });

  test('the JSON object: medians per size, checks at 640x480, Jaccard over true outlines', () => {
    const json = benchJson(
      new Map([
        ['640x480', samples([2, 4, 3], [12, 9, 10])],
        ['1280x720', samples([5, 6, 7], [])],
      ]),
    );
    assert.deepEqual(json, {
      pipelineMedianMs: { '640x480': 3, '1280x720': 6 },
      checksMedianMs: { luma: 2, sharpness: 1, glare: 1, exposure: 1, quad: 1 },
      // jscanify: 1/3 on the first frame, 1 on the second; ours: 1 then 0 (nothing found).
      jscanify: { medianMs: { '640x480': 10 }, meanJaccard: 0.6667 },
      ours: { meanJaccard: 0.5 },
      speedupVsJscanify: 3.33,
    } satisfies BenchJson);
  });
});

describe('npm run bench -- --json (end to end)', () => {
  test('prints exactly one JSON object of the agreed shape, the table on stderr', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        resolve(REPO_ROOT, 'scripts/bench.ts'),
        '--json',
        '--frames',
        '4',
        '--synthetic',
      ],
      { cwd: REPO_ROOT, timeout: 60_000 },
    );
    assert.equal(stdout.trim().split('\n').length, 1);
    const json = JSON.parse(stdout) as BenchJson;
    assert.deepEqual(Object.keys(json), [
      'pipelineMedianMs',
      'checksMedianMs',
      'jscanify',
      'ours',
      'speedupVsJscanify',
    ]);
    assert.deepEqual(Object.keys(json.pipelineMedianMs), ['640x480', '1280x720']);
    assert.deepEqual(Object.keys(json.checksMedianMs), [
      'luma',
      'sharpness',
      'glare',
      'exposure',
      'quad',
    ]);
    assert.deepEqual(Object.keys(json.jscanify.medianMs), ['640x480']);
    for (const value of [
      ...Object.values(json.pipelineMedianMs),
      ...Object.values(json.checksMedianMs),
      json.jscanify.medianMs['640x480']!,
    ]) {
      assert.ok(Number.isFinite(value) && value >= 0, `timing ${value}`);
    }
    // Synthetic frames are clean cards on a table: both finders must localise them.
    assert.ok(json.ours.meanJaccard > 0.8, `ours ${json.ours.meanJaccard}`);
    assert.ok(json.jscanify.meanJaccard > 0.5, `jscanify ${json.jscanify.meanJaccard}`);
    assert.ok(json.speedupVsJscanify > 0);
    assert.match(stderr, /640x480 +\(4 frames\)/);
    assert.match(stderr, /pipeline \(analyzeDocument\)/);
  });
});
