// The soak run (test/e2e/soak-run.ts): many captures and uploads in one page of the built demo
// against the mock, then the live objects and the JS heap before and after.
//
//   npm run soak [-- --captures 200] [--json]
//
// Exits 1 when any live count grew, or the heap grew by more than HEAP_GROWTH_BOUND (see there);
// 2 when the run itself failed. With --json, stdout holds exactly one JSON object (the result and
// the failures; the table goes to stderr).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { LIVE_KINDS, runSoak, type SoakResult, type SoakSnapshot } from '../test/e2e/soak-run.ts';

/**
 * How much the page's used JS heap may grow over a run, after forced garbage collections (bytes).
 * Without a leak it grew 0.72 MiB over 200 captures here, flattening as the run went on (+0.33,
 * +0.46, +0.50, +0.56 MiB after 15, 30, 45, 60 captures): a heap-snapshot diff puts about
 * 0.5 MiB of it in compiled code (InstructionStream, Code, FeedbackVector: the JIT warming up) and
 * the rest in Chromium's own capped records (resource-timing entries, DevTools' network and
 * console records for the test's CDP session), none in SDK objects. 2 MiB is well above that and
 * fails a leak of 10 KB per capture. A smaller leak hides in that noise, which is why retained
 * captures are counted directly (every capture's JPEG is a reachable Blob) and the counts must not
 * grow at all.
 */
export const HEAP_GROWTH_BOUND = 2 << 20;

/** Why a run fails: one sentence per grown figure, empty when nothing grew. */
export function soakFailures(result: SoakResult, heapBound = HEAP_GROWTH_BOUND): string[] {
  const { before, after } = result;
  const failures: string[] = [];
  for (const kind of LIVE_KINDS) {
    if (after.live[kind] > before.live[kind]) {
      failures.push(`live ${kind} grew from ${before.live[kind]} to ${after.live[kind]}`);
    }
  }
  if (after.blobs > before.blobs) {
    failures.push(`reachable Blobs grew from ${before.blobs} to ${after.blobs}`);
  }
  if (after.pageWorkers > before.pageWorkers) {
    failures.push(`the page's workers grew from ${before.pageWorkers} to ${after.pageWorkers}`);
  }
  const heapGrowth = after.heapBytes - before.heapBytes;
  if (heapGrowth > heapBound) {
    failures.push(`the JS heap grew by ${mib(heapGrowth)}, over the bound of ${mib(heapBound)}`);
  }
  return failures;
}

const mib = (bytes: number): string => `${(bytes / (1 << 20)).toFixed(2)} MiB`;

/** The human-readable table. */
export function soakTable(result: SoakResult): string {
  const { before, after } = result;
  const rows: [string, (s: SoakSnapshot) => string | number][] = [
    ...LIVE_KINDS.map((kind): [string, (s: SoakSnapshot) => number] => [
      `live ${kind}`,
      (s) => s.live[kind],
    ]),
    ['reachable Blobs', (s) => s.blobs],
    ['page workers (Playwright)', (s) => s.pageWorkers],
    ['JS heap used (after GC)', (s) => mib(s.heapBytes)],
    ['renderer processes RSS', (s) => mib(s.rendererRssBytes)],
    ['DOM nodes', (s) => s.nodes],
    ['JS event listeners', (s) => s.listeners],
    ['ImageBitmaps dropped unclosed', (s) => s.droppedUnclosed.imageBitmaps],
    ['VideoFrames dropped unclosed', (s) => s.droppedUnclosed.videoFrames],
  ];
  const table = [['', 'before', 'after'], ...rows.map(([name, f]) => [name, f(before), f(after)])];
  const widths = [0, 1, 2].map((c) => Math.max(...table.map((row) => String(row[c]).length)));
  const lines = table.map((row) =>
    row
      .map((cell, c) =>
        c === 0 ? String(cell).padEnd(widths[c]!) : String(cell).padStart(widths[c]!),
      )
      .join('  '),
  );
  const created = LIVE_KINDS.map((kind) => `${kind} ${after.created[kind] - before.created[kind]}`);
  return [
    `soak: ${result.captures} captures uploaded in ${result.sessions} sessions (one element each) ` +
      `in ${(result.ms / 1000).toFixed(1)} s (${(result.ms / result.captures).toFixed(0)} ms per capture)`,
    ...lines,
    `created during the run: ${created.join(', ')}`,
    `heap growth: ${mib(after.heapBytes - before.heapBytes)} (bound ${mib(HEAP_GROWTH_BOUND)})`,
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      captures: { type: 'string', default: '200' },
      json: { type: 'boolean', default: false },
    },
  });
  const captures = Number(values.captures);
  if (!Number.isInteger(captures) || captures < 2) {
    throw new Error('--captures must be an integer of at least 2');
  }
  const result = await runSoak({
    captures,
    progress: (done, ms) =>
      process.stderr.write(`  ${done}/${captures} captures, ${(ms / 1000).toFixed(0)} s\n`),
  });
  const failures = soakFailures(result);
  const table = [soakTable(result), ...failures.map((f) => `FAIL: ${f}`)].join('\n');
  if (values.json) {
    process.stderr.write(`${table}\n`);
    process.stdout.write(`${JSON.stringify({ ...result, failures })}\n`);
  } else {
    process.stdout.write(`${table}\n`);
  }
  if (failures.length > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`soak: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  });
}
