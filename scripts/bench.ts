// Times the document checks in headless Chromium, where they ship, and compares the outline finder
// with jscanify (OpenCV.js), the usual off-the-shelf choice, on the same frames; then times the
// face detector and the selfie pipeline.
//
//   npm run bench [-- --json] [--frames 100] [--manifest path | --synthetic] [--selfies path]
//                 [--compare] [--skip-live] [--empty path]
//
// Last, a scripted live capture on the built demo (test/e2e/live-capture.ts, the same script as the
// e2e test): the fake camera shows no document, then a good one; printed are the time from its
// appearance to the capture (target ≤ 1.5 s) and the main-thread tasks over 50 ms from camera
// start to the upload (target 0). `--skip-live` leaves it out (it builds the demo: ~20 s more).
//
// The jscanify comparison runs when its two scripts are in .tmp/bench-baseline/; `--compare`
// downloads them first when they are not (scripts/bench-baseline.ts: two tarballs from the npm
// registry, nothing to build). Without them the comparison is skipped, and the table says how to
// get it.
//
// Frames: the generated manifest's expected-acceptable document images (resized to each size) when
// test/fixtures/generated/documents/manifest.json (or --manifest) exists, else frames synthesised
// deterministically in the page. ~100 timed frames per size after 10 untimed ones. Per-check times
// come from calling each check on its own, chained as analyzeDocument chains them; the pipeline time
// is one analyzeDocument call. jscanify runs on the same 640x480 ImageData (matFromImageData +
// findPaperContour + getCornerPoints). Jaccard is against the true outline, 0 when nothing is found.
// The table also times the pipeline at 640x480 on the manifest's frames without a document (or
// those of --empty path): there every look of the outline finder runs and finds nothing, its
// slowest case. That row is in the table only, not in the JSON.
//
// Faces, at 640x480 only: the generated selfies' expected-acceptable images (resized) when
// test/fixtures/generated/selfies/manifest.json (or --selfies) exists and --synthetic is not given,
// else frames drawn in the page from the committed portrait (faces/astronaut.png, see
// test/shared-fixtures.ts); without that fixture the face figures are skipped (null), with a note.
// Each frame goes the selfie step's way: the bitmap to the face worker (MediaPipe), the faces back,
// analyzeSelfie. checksMedianMs.face is the detector alone, timed in the worker;
// facePipelineMedianMs the whole round trip + analyzeSelfie, timed on the page.
//
// With --json, stdout holds exactly one JSON object (the table goes to stderr):
//   {"pipelineMedianMs":{"640x480":x,"1280x720":x},"checksMedianMs":{"luma":x,...,"face":x|null},
//    "jscanify":{"medianMs":{"640x480":x},"meanJaccard":x}|null,"ours":{"meanJaccard":x},
//    "speedupVsJscanify":x|null,"facePipelineMedianMs":{"640x480":x|null},
//    "live":{"captureMs":x,"longTasks":n,"longestTaskMs":x|null}|null}
// checksMedianMs are at 640x480; speedupVsJscanify = jscanify median / our pipeline median there;
// both jscanify fields are null when the comparison was skipped.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { quadJaccard } from '../src/quality/geometry.ts';
import { PORTRAIT_FIXTURE } from '../test/fixture-names.ts';
import { fixturePath, missingFixtureMessage } from '../test/shared-fixtures.ts';
import {
  BASELINE_HINT,
  baselineInstalled,
  baselineScriptPaths,
  installBaseline,
} from './bench-baseline.ts';
import { REPO_ROOT, startBrowserRunner } from './browser-runner.ts';
import { liveDocumentCapture, startLiveRig, type LiveCapture } from '../test/e2e/live-capture.ts';
import { mean, median } from './eval-report.ts';
import {
  DOCUMENT_ASPECTS,
  FileMounts,
  parseManifest,
  QUALITY_PAGE,
  type QualityPage,
} from './eval.ts';
import type {
  BenchSamples,
  BenchSource,
  CheckName,
  FaceBenchSamples,
  FaceBenchSource,
} from './quality-page.ts';

/** The manifest scripts/generate-documents.ts writes, used when present. */
export const DEFAULT_MANIFEST = resolve(
  REPO_ROOT,
  'test/fixtures/generated/documents/manifest.json',
);

/** The manifest scripts/generate-selfies.ts writes, used for the face figures when present. */
export const DEFAULT_SELFIE_MANIFEST = resolve(
  REPO_ROOT,
  'test/fixtures/generated/selfies/manifest.json',
);
/** Frame sizes timed: a typical analysis size and a camera's 720p. */
const SIZES = [
  [640, 480],
  [1280, 720],
] as const;
/** The size jscanify is compared at (and checksMedianMs is reported at). */
const COMPARE_SIZE = '640x480';
const WARM_UP_FRAMES = 10;
/** The size faces are timed at: what the selfie step analyses. */
const FACE_SIZE = '640x480';
const CHECKS: readonly CheckName[] = ['luma', 'sharpness', 'glare', 'exposure', 'quad'];

/** The --json object (the agreed format). */
export interface BenchJson {
  pipelineMedianMs: Record<string, number>;
  /** The document checks, and the face detector (null when the face figures were skipped). */
  checksMedianMs: Record<CheckName, number> & { face: number | null };
  /** The comparison (null when skipped: jscanify not downloaded, see --compare). */
  jscanify: { medianMs: Record<string, number>; meanJaccard: number } | null;
  ours: { meanJaccard: number };
  speedupVsJscanify: number | null;
  /** Face detection round trip + analyzeSelfie per frame (null when skipped). */
  facePipelineMedianMs: Record<string, number | null>;
  /** The scripted live capture (null when skipped). */
  live: LiveFigures | null;
}

/** What the live capture measured. */
export interface LiveFigures {
  /** From the good document's appearance to the capture (ms). */
  captureMs: number;
  /** Main-thread tasks over 50 ms from camera start to the upload. */
  longTasks: number;
  /** The longest of them (ms), null when there is none. */
  longestTaskMs: number | null;
}

/** The live figures of a capture. */
export function liveFigures(capture: Pick<LiveCapture, 'captureMs' | 'longTasks'>): LiveFigures {
  const durations = capture.longTasks.map((task) => task.duration);
  return {
    captureMs: capture.captureMs,
    longTasks: durations.length,
    longestTaskMs: durations.length ? round(Math.max(...durations), 1) : null,
  };
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

/** The --json object from the passes, keyed by "WxH", and the face pass (null: skipped). */
export function benchJson(
  passes: ReadonlyMap<string, BenchSamples>,
  face: FaceBenchSamples | null,
  live: LiveFigures | null = null,
): BenchJson {
  const compare = passes.get(COMPARE_SIZE);
  if (!compare) throw new Error(`no ${COMPARE_SIZE} pass`);
  const pipelineMedianMs: Record<string, number> = {};
  for (const [size, samples] of passes) pipelineMedianMs[size] = round(med(samples.pipelineMs), 3);
  const faceMedian = (values: readonly number[] | undefined) =>
    values?.length ? round(med(values), 3) : null;
  const checksMedianMs = {
    ...(Object.fromEntries(
      CHECKS.map((name) => [name, round(med(compare.checksMs[name]), 3)]),
    ) as Record<CheckName, number>),
    face: faceMedian(face?.detectMs),
  };
  const compared = compare.jscanifyMs.length > 0;
  const jscanifyMedian = med(compare.jscanifyMs);
  return {
    pipelineMedianMs,
    checksMedianMs,
    jscanify: compared
      ? {
          medianMs: { [COMPARE_SIZE]: round(jscanifyMedian, 3) },
          meanJaccard: round(meanJaccardOf(compare.quads, 'jscanify'), 4),
        }
      : null,
    ours: { meanJaccard: round(meanJaccardOf(compare.quads, 'ours'), 4) },
    speedupVsJscanify: compared ? round(jscanifyMedian / med(compare.pipelineMs), 2) : null,
    facePipelineMedianMs: { [FACE_SIZE]: faceMedian(face?.pipelineMs) },
    live,
  };
}

/** The pass over frames with no document in view, and what it ran on. */
export interface EmptyPass {
  readonly description: string;
  readonly samples: BenchSamples;
}

/** What the face pass ran on, or why it was skipped. */
export type FaceNotes = { source: string } | { skipped: string };

/** The human-readable table. */
export function benchTable(
  passes: ReadonlyMap<string, BenchSamples>,
  /** `jscanifyLoadMs` null: the comparison was skipped. */
  notes: { source: string; jscanifyLoadMs: number | null },
  face: FaceBenchSamples | null,
  faceNotes: FaceNotes,
  live: LiveFigures | null = null,
  empty: EmptyPass | null = null,
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
    if (empty && size === COMPARE_SIZE) {
      lines.push(row('pipeline, no document in view', empty.samples.pipelineMs));
    }
  }
  if (empty) lines.push(`no-document frames: ${empty.description}, every look run`);
  const json = benchJson(passes, face);
  lines.push('');
  if (json.jscanify && notes.jscanifyLoadMs !== null) {
    lines.push(
      `outline vs truth at ${COMPARE_SIZE} (mean Jaccard): ours ${json.ours.meanJaccard}, ` +
        `jscanify ${json.jscanify.meanJaccard}`,
      `speed-up vs jscanify (its quad median / our whole pipeline median): ` +
        `${json.speedupVsJscanify}x; OpenCV.js + jscanify load ${notes.jscanifyLoadMs.toFixed(0)} ms`,
    );
  } else {
    lines.push(
      `outline vs truth at ${COMPARE_SIZE} (mean Jaccard): ours ${json.ours.meanJaccard}`,
      `jscanify comparison: skipped (not downloaded); ${BASELINE_HINT}`,
    );
  }
  lines.push('');
  if ('skipped' in faceNotes || !face) {
    lines.push(`faces: skipped (${'skipped' in faceNotes ? faceNotes.skipped : 'no face pass'})`);
  } else {
    const found = face.faces.filter((n) => n > 0).length;
    lines.push(
      `faces: ${faceNotes.source}`,
      '',
      `${FACE_SIZE}  (${face.detectMs.length} frames)           median     p95  ms`,
      row('face detection (worker)', face.detectMs),
      row('face detect + analyzeSelfie', face.pipelineMs),
      `  a face found in ${found} of ${face.faces.length} frames` +
        (face.loadMs === null ? '' : `; detector load ${face.loadMs.toFixed(0)} ms`),
    );
  }
  lines.push(
    '',
    live
      ? `live capture (built demo, fake camera): good document → capture ${live.captureMs} ms ` +
          `(target ≤ 1500); main-thread tasks > 50 ms from camera start to upload: ` +
          `${live.longTasks}${live.longestTaskMs === null ? '' : ` (longest ${live.longestTaskMs} ms)`} (target 0)`
      : 'live capture: skipped (--skip-live)',
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

/**
 * Frames with no document in view (the manifest's items that expect `no_document`), for the
 * pipeline's cost when every look runs and finds nothing; null without a manifest or such items.
 */
async function emptySource(
  manifest: string | undefined,
  synthetic: boolean,
  files: FileMounts,
): Promise<{ source: BenchSource; description: string } | null> {
  const path = manifest ?? (existsSync(DEFAULT_MANIFEST) ? DEFAULT_MANIFEST : undefined);
  if (synthetic || !path) return null;
  const absolute = resolve(path);
  const items = parseManifest(JSON.parse(await readFile(absolute, 'utf8')), absolute).filter(
    (item) => item.kind === 'document' && item.issues.includes('no_document'),
  );
  if (items.length === 0) return null;
  return {
    source: {
      kind: 'images',
      images: items.map((item) => ({
        url: files.urlFor(item.path),
        corners: null,
        documentAspect: item.document ? DOCUMENT_ASPECTS[item.document] : undefined,
      })),
    },
    description: `${items.length} images without a document from ${path}`,
  };
}

/** The face frames' source and its description, or why there are none. */
async function faceSource(
  manifest: string | undefined,
  synthetic: boolean,
  files: FileMounts,
): Promise<{ source: FaceBenchSource; description: string } | null> {
  const path =
    manifest ??
    (!synthetic && existsSync(DEFAULT_SELFIE_MANIFEST) ? DEFAULT_SELFIE_MANIFEST : null);
  if (path) {
    const absolute = resolve(path);
    const items = parseManifest(JSON.parse(await readFile(absolute, 'utf8')), absolute).filter(
      (item) => item.kind === 'selfie' && item.acceptable,
    );
    if (items.length === 0) throw new Error(`${path}: no acceptable selfie item`);
    return {
      source: { kind: 'images', urls: items.map((item) => files.urlFor(item.path)) },
      description: `${items.length} acceptable selfies from ${path}, resized to ${FACE_SIZE}`,
    };
  }
  const portrait = fixturePath(PORTRAIT_FIXTURE);
  if (!portrait) return null;
  return {
    source: { kind: 'portrait', url: files.urlFor(portrait) },
    description: `the portrait (${portrait}) drawn at varied sizes and places`,
  };
}

/** Runs the bench; returns the passes by size and what the table needs. */
export async function runBench(options: {
  frames: number;
  manifest?: string;
  synthetic?: boolean;
  /** Selfie manifest for the face figures (default: the generated one, if any). */
  selfies?: string;
  /** Download the jscanify baseline when absent (else it runs only when already downloaded). */
  compare?: boolean;
  /** Leave out the scripted live capture. */
  skipLive?: boolean;
  /** Manifest whose no-document frames are timed (default: `manifest`'s). */
  empty?: string;
}): Promise<{
  passes: Map<string, BenchSamples>;
  face: FaceBenchSamples | null;
  table: string;
  json: BenchJson;
}> {
  const files = new FileMounts();
  const { source, description } = await frameSource(
    options.manifest,
    options.synthetic ?? false,
    files,
  );
  const empty = await emptySource(
    options.empty ?? options.manifest,
    options.synthetic ?? false,
    files,
  );
  const faces = await faceSource(options.selfies, options.synthetic ?? false, files);
  const faceNotes: FaceNotes = faces
    ? { source: faces.description }
    : {
        skipped: `no selfie manifest, and ${missingFixtureMessage(PORTRAIT_FIXTURE)}`,
      };
  if (options.compare && !baselineInstalled())
    await installBaseline((line) => process.stderr.write(`${line}\n`));
  const compareWithJscanify = baselineInstalled();
  const runner = await startBrowserRunner<QualityPage>({
    entry: QUALITY_PAGE,
    mounts: files.mounts,
  });
  const passes = new Map<string, BenchSamples>();
  let jscanifyLoadMs: number | null = null;
  let face: FaceBenchSamples | null = null;
  let emptyPass: EmptyPass | null = null;
  try {
    if (compareWithJscanify)
      jscanifyLoadMs = await runner.call('loadJscanify', baselineScriptPaths());
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
          jscanify: compareWithJscanify && size === COMPARE_SIZE,
        }),
      );
    }
    if (empty) {
      const [width, height] = COMPARE_SIZE.split('x').map(Number) as [number, number];
      emptyPass = {
        description: empty.description,
        samples: await runner.call('benchPass', {
          source: empty.source,
          width,
          height,
          frames: options.frames,
          warmUpFrames: WARM_UP_FRAMES,
          jscanify: false,
        }),
      };
    }
    if (faces) {
      const [width, height] = FACE_SIZE.split('x').map(Number) as [number, number];
      face = await runner.call('facePass', {
        source: faces.source,
        width,
        height,
        frames: options.frames,
        warmUpFrames: WARM_UP_FRAMES,
      });
    }
  } finally {
    await runner.close();
  }
  let live: LiveFigures | null = null;
  if (!options.skipLive) {
    // After the page runner has closed: the live capture wants the machine to itself.
    const rig = await startLiveRig();
    try {
      const { page, result } = await liveDocumentCapture(rig);
      await page.close();
      live = liveFigures(result);
    } finally {
      await rig.close();
    }
  }
  return {
    passes,
    face,
    table: benchTable(
      passes,
      { source: description, jscanifyLoadMs },
      face,
      faceNotes,
      live,
      emptyPass,
    ),
    json: benchJson(passes, face, live),
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
      selfies: { type: 'string' },
      compare: { type: 'boolean', default: false },
      'skip-live': { type: 'boolean', default: false },
      empty: { type: 'string' },
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
    selfies: values.selfies,
    compare: values.compare,
    skipLive: values['skip-live'],
    empty: values.empty,
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
