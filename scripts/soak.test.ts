import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sessionPlan, type SoakResult, type SoakSnapshot } from '../test/e2e/soak-run.ts';
import { HEAP_GROWTH_BOUND, soakFailures, soakTable } from './soak.ts';

// `npm run soak`'s verdict decides whether a run fails: these pin down what counts as growth.

function snapshot(overrides: Partial<SoakSnapshot> = {}): SoakSnapshot {
  const zero = { tracks: 0, imageBitmaps: 0, videoFrames: 0, objectUrls: 0, workers: 0 };
  return {
    live: zero,
    blobs: 0,
    pageWorkers: 0,
    heapBytes: 3 << 20,
    rendererRssBytes: 600 << 20,
    nodes: 500,
    listeners: 38,
    droppedUnclosed: { imageBitmaps: 0, videoFrames: 0 },
    created: zero,
    ...overrides,
  };
}

const run = (after: Partial<SoakSnapshot>): SoakResult => ({
  captures: 200,
  sessions: 67,
  ms: 192_000,
  before: snapshot(),
  after: snapshot(after),
});

describe('soak', () => {
  test('sessions of three captures, two for a remainder, add up to the captures asked for', () => {
    const plan = sessionPlan(200);
    assert.equal(plan.length, 67);
    assert.equal(
      plan.reduce((sum, size) => sum + size, 0),
      200,
    );
    assert.deepEqual(sessionPlan(20), [3, 3, 3, 3, 3, 3, 2]);
    assert.deepEqual(sessionPlan(6), [3, 3]);
  });

  test('a run with nothing grown and the heap within the bound passes', () => {
    assert.deepEqual(soakFailures(run({ heapBytes: (3 << 20) + HEAP_GROWTH_BOUND })), []);
    // Fewer is no failure (the warm-up's objects released later).
    assert.deepEqual(soakFailures(run({ nodes: 400, heapBytes: 2 << 20 })), []);
  });

  test('one more live object of any kind, Blob or page worker fails the run, and says which', () => {
    const grown = run({
      live: { tracks: 1, imageBitmaps: 0, videoFrames: 0, objectUrls: 1, workers: 0 },
      blobs: 1,
      pageWorkers: 1,
    });
    assert.deepEqual(soakFailures(grown), [
      'live tracks grew from 0 to 1',
      'live objectUrls grew from 0 to 1',
      'reachable Blobs grew from 0 to 1',
      "the page's workers grew from 0 to 1",
    ]);
  });

  test('heap growth over the bound fails the run', () => {
    const [failure] = soakFailures(run({ heapBytes: (3 << 20) + HEAP_GROWTH_BOUND + 1 }));
    assert.match(failure!, /^the JS heap grew by 2\.00 MiB, over the bound of 2\.00 MiB$/);
  });

  test('the table prints before and after for every figure', () => {
    const table = soakTable(run({ heapBytes: 3.5 * (1 << 20) }));
    assert.match(
      table,
      /^soak: 200 captures uploaded in 67 sessions .* in 192\.0 s \(960 ms per capture\)/,
    );
    assert.match(table, /live videoFrames\s+0\s+0/);
    assert.match(table, /JS heap used \(after GC\)\s+3\.00 MiB\s+3\.50 MiB/);
    assert.match(table, /heap growth: 0\.50 MiB \(bound 2\.00 MiB\)/);
  });
});
