// Times the document checks in headless Chromium, where they ship, and compares the outline finder
// with jscanify (OpenCV.js), the usual off-the-shelf choice, on the same frames.
//
//   npm run bench [-- --json] [--frames 100] [--manifest path | --synthetic]
//
// Frames: the generated manifest's expected-acceptable document images (resized to each size) when
// test/fixtures/generated/documents/manifest.json (or --manifest) exists, else frames synthesised
// deterministically in the page. ~100 timed frames per size after 10 untimed ones. Per-check times
// come from calling each check on its own, chained as analyzeDocument chains them; the pipeline time
// is one analyzeDocument call. jscanify runs on the same 640x480 ImageData (matFromImageData +
// findPaperContour + getCornerPoints). Jaccard is against the true outline, 0 when nothing is found.
//
// With --json, stdout holds exactly one JSON object (the table goes to stderr):
//   {"pipelineMedianMs":{"640x480":x,"1280x720":x},"checksMedianMs":{"luma":x,...},
//    "jscanify":{"medianMs":{"640x480":x},"meanJaccard":x},"ours":{"meanJaccard":x},
//    "speedupVsJscanify":x}
// checksMedianMs are at 640x480; speedupVsJscanify = jscanify median / our pipeline median there.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { quadJaccard } from '../src/quality/geometry.ts';
import { REPO_ROOT, startBrowserRunner } from './browser-runner.ts';
import {
  DOCUMENT_ASPECTS,
  FileMounts,
  mean,
  median,
  parseManifest,
  QUALITY_PAGE,
  type QualityPage,
} from './eval.ts';
import type { BenchSamples, BenchSource, CheckName } from './quality-page.ts';

/** The manifest scripts/generate-documents.ts writes, used when present. */
export const DEFAULT_MANIFEST = resolve(
  REPO_ROOT,
  'test/fixtures/generated/documents/manifest.json',
);

/** Frame sizes timed: a typical analysis size and a camera's 720p. */
const SIZES = [
  [640, 480],
  [1280, 720],
] as const;
/** The size jscanify is compared at (and checksMedianMs is reported at). */
const COMPARE_SIZE = '640x480';
const WARM_UP_FRAMES = 10;
const CHECKS: readonly CheckName[] = ['luma', 'sharpness', 'glare', 'exposure', 'quad'];

/** The --json object (the agreed format). */
export interface BenchJson {
  pipelineMedianMs: Record<string, number>;
  checksMedianMs: Record<CheckName, number>;
  jscanify: { medianMs: Record<string, number>; meanJaccard: number };
  ours: { meanJaccard: number };
  speedupVsJscanify: number;
}

/** Nearest-rank percentile (p in 0-100) of `values`; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

const med = (values: readonly number[]): number => median(values) ?? NaN;
const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Mean Jaccard of `pick`'s outline against the truth, over frames that have a true outline. */
export function meanJaccardOf(quads: BenchSamples['quads'], pick: 'ours' | 'jscanify'): number {
  const scores = quads.filter((q) => q.truth).map((q) => quadJaccard(q.truth, q[pick]));
  return mean(scores) ?? NaN;
}

/** The --json object from the passes, keyed by "WxH". */
export function benchJson(passes: ReadonlyMap<string, BenchSamples>): BenchJson {
  const compare = passes.get(COMPARE_SIZE);
  if (!compare) throw new Error(`no ${COMPARE_SIZE} pass`);
  const pipelineMedianMs: Record<string, number> = {};
  for (const [size, samples] of passes) pipelineMedianMs[size] = round(med(samples.pipelineMs), 3);
  const checksMedianMs = Object.fromEntries(
    CHECKS.map((name) => [name, round(med(compare.checksMs[name]), 3)]),
  ) as Record<CheckName, number>;
  const jscanifyMedian = med(compare.jscanifyMs);
  return {
    pipelineMedianMs,
    checksMedianMs,
    jscanify: {
      medianMs: { [COMPARE_SIZE]: round(jscanifyMedian, 3) },
      meanJaccard: round(meanJaccardOf(compare.quads, 'jscanify'), 4),
    },
    ours: { meanJaccard: round(meanJaccardOf(compare.quads, 'ours'), 4) },
    speedupVsJscanify: round(jscanifyMedian / med(compare.pipelineMs), 2),
  };
}

/** The human-readable table. */
export function benchTable(
  passes: ReadonlyMap<string, BenchSamples>,
  notes: { source: string; jscanifyLoadMs: number },
): string {
  const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(2).padStart(8) : '     n/a');
  const row = (label: string, values: readonly number[]) =>
    `  ${label.padEnd(30)}${fmt(med(values))}${fmt(percentile(values, 95))}`;
  const lines = [`frames: ${notes.source}`];
  for (const [size, samples] of passes) {
    lines.push('', `${size}  (${samples.pipelineMs.length} frames)           median     p95  ms`);
    for (const name of CHECKS) lines.push(row(`check ${name}`, samples.checksMs[name]));
    lines.push(row('pipeline (analyzeDocument)', samples.pipelineMs));
    if (samples.jscanifyMs.length) lines.push(row('jscanify quad (OpenCV.js)', samples.jscanifyMs));
    if (!samples.preciseTimers) lines.push('  note: page not cross-origin isolated, 100 µs timers');
  }
  const json = benchJson(passes);
  lines.push(
    '',
    `outline vs truth at ${COMPARE_SIZE} (mean Jaccard): ours ${json.ours.meanJaccard}, ` +
      `jscanify ${json.jscanify.meanJaccard}`,
    `speed-up vs jscanify (its quad median / our whole pipeline median): ` +
      `${json.speedupVsJscanify}x; OpenCV.js + jscanify load ${notes.jscanifyLoadMs.toFixed(0)} ms`,
  );
  return lines.join('\n');
}

/** The frames' source: the manifest's documents with a true outline, else synthetic. */
async function frameSource(
  manifest: string | undefined,
  synthetic: boolean,
  files: FileMounts,
): Promise<{ source: BenchSource; description: string }> {
  const path = manifest ?? (existsSync(DEFAULT_MANIFEST) ? DEFAULT_MANIFEST : undefined);
  if (synthetic || !path) {
    return { source: { kind: 'synthetic' }, description: 'synthesised in the page (seeded)' };
  }
  const absolute = resolve(path);
  // Expected-acceptable documents: the frames auto-capture must localise, and the scope of the
  // eval's meanJaccard, so the two reports' Jaccards compare.
  const items = parseManifest(JSON.parse(await readFile(absolute, 'utf8')), absolute).filter(
    (item) => item.kind === 'document' && item.acceptable && item.corners,
  );
  if (items.length === 0) throw new Error(`${path}: no acceptable document item with corners`);
  return {
    source: {
      kind: 'images',
      images: items.map((item) => ({
        url: files.urlFor(item.path),
        corners: item.corners,
        documentAspect: item.document ? DOCUMENT_ASPECTS[item.document] : undefined,
      })),
    },
    description: `${items.length} acceptable document images from ${path}, resized to each size`,
  };
}

/** Runs the bench; returns the passes by size and what the table needs. */
export async function runBench(options: {
  frames: number;
  manifest?: string;
  synthetic?: boolean;
}): Promise<{ passes: Map<string, BenchSamples>; table: string; json: BenchJson }> {
  const files = new FileMounts();
  const { source, description } = await frameSource(
    options.manifest,
    options.synthetic ?? false,
    files,
  );
  const runner = await startBrowserRunner<QualityPage>({
    entry: QUALITY_PAGE,
    mounts: files.mounts,
  });
  const passes = new Map<string, BenchSamples>();
  let jscanifyLoadMs: number;
  try {
    jscanifyLoadMs = await runner.call('loadJscanify');
    for (const [width, height] of SIZES) {
      const size = `${width}x${height}`;
      passes.set(
        size,
        await runner.call('benchPass', {
          source,
          width,
          height,
          frames: options.frames,
          warmUpFrames: WARM_UP_FRAMES,
          jscanify: size === COMPARE_SIZE,
        }),
      );
    }
  } finally {
    await runner.close();
  }
  return {
    passes,
    table: benchTable(passes, { source: description, jscanifyLoadMs }),
    json: benchJson(passes),
  };
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      json: { type: 'boolean', default: false },
      frames: { type: 'string', default: '100' },
      manifest: { type: 'string' },
      synthetic: { type: 'boolean', default: false },
    },
  });
  const frames = Number(values.frames);
  if (!Number.isInteger(frames) || frames < 1)
    throw new Error('--frames must be a positive integer');
  const started = performance.now();
  const { table, json } = await runBench({
    frames,
    manifest: values.manifest,
    synthetic: values.synthetic,
  });
  const took = `bench took ${((performance.now() - started) / 1000).toFixed(1)} s`;
  if (values.json) {
    process.stderr.write(`${table}\n${took}\n`);
    process.stdout.write(`${JSON.stringify(json)}\n`);
  } else {
    process.stdout.write(`${table}\n${took}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  });
}
