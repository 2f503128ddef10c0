// Measures the document quality checks against a labelled manifest (scripts/generate-documents.ts
// writes one): every image is decoded and analysed in headless Chromium, where the checks ship, and
// the verdicts are scored against the labels. Prints one JSON report on stdout, a one-line summary
// on stderr, and exits 0 whatever the numbers (it measures; thresholds belong to whoever reads it).
//
//   npm run eval -- <manifest.json> [--out report.json]
//
// Definitions (also in the report's "notes"):
// - jaccard: intersection over union of the detected and the true quad; 0 when exactly one of them
//   is missing; null (and left out of every mean) when both are, since "no document, none found"
//   has no overlap to measure. Detected quads are scaled from the analysed frame to image pixels.
// - meanJaccard: over expected-acceptable items only (the ones auto-capture must localise well);
//   meanJaccardAll: over every item with a defined jaccard.
// - cornerErrorMedianPx: median of all per-corner distances (4 per item), over items where both
//   quads exist, after putting both in clockwise order (geometry.ts#cornerErrors).
// - falseAccept: share of expected-unacceptable items judged acceptable; falseReject: share of
//   expected-acceptable items judged unacceptable; issueRecall[issue]: share of items expecting the
//   issue whose reported issues include it. A rate whose denominator is empty is null.
// - msPerFrameMedian: median wall time of one analyzeDocument call per item, in the page, after a
//   few warm-up runs (decoding and pixel reading are not included).
// Options: the defaults, plus documentAspect from the item's `document` type (id1, passport) when
// the manifest gives one, as a capture step configured for that document would pass it.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { cornerErrors, quadJaccard } from '../src/quality/geometry.ts';
import { QualityIssue, type FrameVerdict, type Point, type Quad } from '../src/quality/types.ts';
import { REPO_ROOT, startBrowserRunner, type BrowserRunner } from './browser-runner.ts';

/** The page module both CLIs run (scripts/quality-page.ts). */
export const QUALITY_PAGE = resolve(REPO_ROOT, 'scripts/quality-page.ts');
/** The exports of the page module, as the runner calls them. */
export type QualityPage = typeof import('./quality-page.ts');

/** One labelled image of the manifest, normalised. */
export interface ManifestItem {
  /** Path as written in the manifest (reported back as is). */
  readonly image: string;
  /** Absolute path of the image file. */
  readonly path: string;
  /** What the image shows: "document" is scored here; other kinds are skipped for now. */
  readonly kind: string;
  /** Whether the frame should be accepted. */
  readonly acceptable: boolean;
  /** Issues the checks should report. */
  readonly issues: readonly string[];
  /** True document corners in image pixels (clockwise from top-left), or null when none shows. */
  readonly corners: Quad | null;
  /** Document type when the manifest says (its `document` field): the step would know it. */
  readonly document: DocumentType | null;
}

/**
 * Long/short side ratio per document type, passed as `documentAspect` as a capture step configured
 * for that type would; the generator's `document` field names them.
 */
export const DOCUMENT_ASPECTS = { id1: 85.6 / 54, passport: 125 / 88 } as const;
/** A document type the eval knows the proportions of. */
export type DocumentType = keyof typeof DOCUMENT_ASPECTS;

/** What the checks said about one document image, with the quad in image pixels. */
export interface DocumentOutcome {
  /** The labels. */
  readonly expected: ManifestItem;
  /** Judged acceptable. */
  readonly acceptable: boolean;
  /** Reported issues, most important first. */
  readonly issues: readonly string[];
  /** Detected corners in image pixels, or null. */
  readonly corners: Quad | null;
  /** Wall time of analyzeDocument, ms. */
  readonly ms: number;
}

/** The report's summary; the first seven fields are the agreed format, the rest are extras. */
export interface EvalSummary {
  count: number;
  meanJaccard: number | null;
  cornerErrorMedianPx: number | null;
  falseAccept: number | null;
  falseReject: number | null;
  issueRecall: Record<string, number>;
  msPerFrameMedian: number | null;
  /** Which items meanJaccard averages over. */
  meanJaccardScope: 'acceptable';
  /** Mean jaccard over every item where it is defined. */
  meanJaccardAll: number | null;
  /** Items left out of every jaccard mean (no true quad and none detected). */
  jaccardUndefined: number;
}

/** One scored item; the first five fields are the agreed format, the rest are extras. */
export interface EvalItem {
  image: string;
  acceptable: boolean;
  issues: string[];
  corners: [number, number][] | null;
  jaccard: number | null;
  expectedAcceptable: boolean;
  expectedIssues: string[];
  cornerErrorsPx: number[] | null;
  ms: number;
}

/** The whole report. */
export interface EvalReport {
  summary: EvalSummary;
  items: EvalItem[];
  /** Items of kinds this eval does not score yet, and why. */
  skipped: { image: string; kind: string; reason: string }[];
  /** How each number is defined. */
  notes: string[];
}

const NOTES = [
  'jaccard: IoU of detected vs true quad; 0 when exactly one is missing; null when both are (excluded from means)',
  'meanJaccard: over expected-acceptable items; meanJaccardAll: over all items with a defined jaccard',
  'cornerErrorMedianPx: median of the 4 per-corner distances of every item where both quads exist',
  'falseAccept: share of expected-unacceptable items judged acceptable; falseReject: share of expected-acceptable items judged unacceptable; null when no such item',
  'issueRecall[issue]: share of items expecting the issue whose reported issues include it',
  'msPerFrameMedian: median wall time of one analyzeDocument call per item in headless Chromium, after warm-up; decoding excluded',
  'options: default DocumentQualityOptions, plus documentAspect from the item\'s "document" type (id1 85.6/54, passport 125/88) when given',
];

const KNOWN_ISSUES = new Set<string>(Object.values(QualityIssue));

/** Median of `values` (mean of the middle two for an even count), null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Arithmetic mean, null when empty. */
export function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : null;
}

/** `count / total`, null when total is 0 (a rate over nothing is not 0). */
function rate(count: number, total: number): number | null {
  return total ? count / total : null;
}

/** Rounds for the report: enough digits to compare runs, few enough to read. */
function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
const roundOrNull = (value: number | null, digits: number) =>
  value === null ? null : round(value, digits);

/** Jaccard of one outcome: null when neither quad exists (see the file comment). */
export function itemJaccard(expected: Quad | null, detected: Quad | null): number | null {
  if (!expected && !detected) return null;
  return quadJaccard(expected, detected);
}

/** Scores document outcomes into the report's summary and items (unrounded numbers are kept). */
export function scoreDocuments(outcomes: readonly DocumentOutcome[]): {
  summary: EvalSummary;
  items: EvalItem[];
} {
  const jaccardAcceptable: number[] = [];
  const jaccardAll: number[] = [];
  const corners: number[] = [];
  let expectedUnacceptable = 0;
  let falseAccepts = 0;
  let expectedAcceptable = 0;
  let falseRejects = 0;
  const recall = new Map<string, { expected: number; found: number }>();
  const items: EvalItem[] = [];
  for (const outcome of outcomes) {
    const { expected } = outcome;
    const jaccard = itemJaccard(expected.corners, outcome.corners);
    if (jaccard !== null) {
      jaccardAll.push(jaccard);
      if (expected.acceptable) jaccardAcceptable.push(jaccard);
    }
    const errors =
      expected.corners && outcome.corners ? cornerErrors(expected.corners, outcome.corners) : null;
    if (errors) corners.push(...errors);
    if (expected.acceptable) {
      expectedAcceptable++;
      if (!outcome.acceptable) falseRejects++;
    } else {
      expectedUnacceptable++;
      if (outcome.acceptable) falseAccepts++;
    }
    for (const issue of new Set(expected.issues)) {
      const entry = recall.get(issue) ?? { expected: 0, found: 0 };
      entry.expected++;
      if (outcome.issues.includes(issue)) entry.found++;
      recall.set(issue, entry);
    }
    items.push({
      image: expected.image,
      acceptable: outcome.acceptable,
      issues: [...outcome.issues],
      corners: outcome.corners ? outcome.corners.map(([x, y]) => [round(x, 2), round(y, 2)]) : null,
      jaccard: roundOrNull(jaccard, 4),
      expectedAcceptable: expected.acceptable,
      expectedIssues: [...expected.issues],
      cornerErrorsPx: errors ? errors.map((e) => round(e, 2)) : null,
      ms: round(outcome.ms, 3),
    });
  }
  const issueRecall: Record<string, number> = {};
  for (const [issue, { expected, found }] of [...recall].sort(([a], [b]) => a.localeCompare(b))) {
    issueRecall[issue] = round(found / expected, 4);
  }
  const summary: EvalSummary = {
    count: outcomes.length,
    meanJaccard: roundOrNull(mean(jaccardAcceptable), 4),
    cornerErrorMedianPx: roundOrNull(median(corners), 2),
    falseAccept: roundOrNull(rate(falseAccepts, expectedUnacceptable), 4),
    falseReject: roundOrNull(rate(falseRejects, expectedAcceptable), 4),
    issueRecall,
    msPerFrameMedian: roundOrNull(median(outcomes.map((o) => o.ms)), 3),
    meanJaccardScope: 'acceptable',
    meanJaccardAll: roundOrNull(mean(jaccardAll), 4),
    jaccardUndefined: outcomes.length - jaccardAll.length,
  };
  return { summary, items };
}

// ---------------------------------------------------------------------------------------------
// Manifest

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseQuad(value: unknown, where: string): Quad | null {
  if (value === null || value === undefined) return null;
  const points =
    Array.isArray(value) && value.length === 4
      ? value.filter(
          (p: unknown): p is [number, number] =>
            Array.isArray(p) && p.length === 2 && p.every(Number.isFinite),
        )
      : [];
  if (points.length !== 4) throw new Error(`${where}: 4 corners [x, y] or null`);
  return [points[0]!, points[1]!, points[2]!, points[3]!];
}

/**
 * Reads a manifest in the format scripts/generate-documents.ts writes (its `Manifest` type):
 * `{"items":[{"image","kind","corners":[[x,y] x4]|null,"expect":{"acceptable","issues"}, ...}]}`,
 * image paths relative to the manifest's folder. Checked field by field, since hand-written
 * manifests are welcome too; extra fields are ignored.
 */
export function parseManifest(json: unknown, manifestPath: string): ManifestItem[] {
  if (!isRecord(json) || !Array.isArray(json.items)) {
    throw new Error(`${manifestPath}: expected {"items": [...]}`);
  }
  const folder = dirname(manifestPath);
  return json.items.map((raw: unknown, index): ManifestItem => {
    const where = `${manifestPath} item ${index}`;
    if (!isRecord(raw)) throw new Error(`${where}: not an object`);
    const { image, kind, expect } = raw;
    if (typeof image !== 'string') throw new Error(`${where}: no "image" path`);
    if (typeof kind !== 'string') throw new Error(`${where}: no "kind"`);
    if (!isRecord(expect) || typeof expect.acceptable !== 'boolean') {
      throw new Error(`${where}: "expect.acceptable" must be a boolean`);
    }
    const { issues } = expect;
    if (!Array.isArray(issues) || !issues.every((i) => typeof i === 'string')) {
      throw new Error(`${where}: "expect.issues" must be an array of strings`);
    }
    return {
      image,
      path: resolve(folder, image),
      kind,
      acceptable: expect.acceptable,
      issues: issues as string[],
      corners: parseQuad(raw.corners, `${where} corners`),
      document:
        typeof raw.document === 'string' && raw.document in DOCUMENT_ASPECTS
          ? (raw.document as DocumentType)
          : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Running

/** Scales a quad from the analysed frame to the image (analyzeDocument may work downscaled). */
export function toImagePixels(
  quad: Quad | null,
  verdict: Pick<FrameVerdict, 'width' | 'height'>,
  imageWidth: number,
  imageHeight: number,
): Quad | null {
  if (!quad) return null;
  const sx = verdict.width ? imageWidth / verdict.width : 1;
  const sy = verdict.height ? imageHeight / verdict.height : 1;
  const scale = ([x, y]: Point): Point => [x * sx, y * sy];
  return [scale(quad[0]), scale(quad[1]), scale(quad[2]), scale(quad[3])];
}

/** Serves files from arbitrary folders: one URL prefix per distinct folder. */
export class FileMounts {
  /** URL prefix → folder, for {@link startBrowserRunner}. */
  readonly mounts: Record<string, string> = {};
  readonly #prefixes = new Map<string, string>();

  /** The URL path under which `path` is served (registering its folder on first use). */
  urlFor(path: string): string {
    const folder = dirname(path);
    let prefix = this.#prefixes.get(folder);
    if (!prefix) {
      prefix = `/files/${this.#prefixes.size}/`;
      this.#prefixes.set(folder, prefix);
      this.mounts[prefix] = folder;
    }
    return prefix + encodeURIComponent(path.slice(folder.length + 1));
  }
}

/** How one kind of manifest item is analysed; selfies get their own entry when they arrive. */
interface KindEvaluator {
  /** Analyses `item`, served at `url`, after `warmUp` untimed runs. */
  analyze(
    runner: BrowserRunner<QualityPage>,
    item: ManifestItem,
    url: string,
    warmUp: number,
  ): Promise<DocumentOutcome>;
}

/** Analysers by manifest kind; kinds not listed are skipped with a note. */
const EVALUATORS: Readonly<Record<string, KindEvaluator>> = {
  document: {
    async analyze(runner, item, url, warmUp) {
      const { verdict, ms, imageWidth, imageHeight } = await runner.call(
        'analyzeDocumentImage',
        url,
        item.document ? { documentAspect: DOCUMENT_ASPECTS[item.document] } : {},
        warmUp,
      );
      return {
        expected: item,
        acceptable: verdict.acceptable,
        issues: verdict.issues,
        corners: toImagePixels(verdict.quad, verdict, imageWidth, imageHeight),
        ms,
      };
    },
  },
};

/** Untimed runs on the first item before measuring, so JIT warm-up stays out of the medians. */
const WARM_UP_RUNS = 5;

/** Runs the eval over a manifest file and returns the report. */
export async function evaluateManifest(manifestPath: string): Promise<EvalReport> {
  const absolute = resolve(manifestPath);
  const items = parseManifest(JSON.parse(await readFile(absolute, 'utf8')), absolute);
  const unknownIssues = new Set(
    items.flatMap((item) => item.issues).filter((issue) => !KNOWN_ISSUES.has(issue)),
  );
  if (unknownIssues.size) {
    process.stderr.write(
      `eval: note: manifest issues not in QualityIssue: ${[...unknownIssues].join(', ')}\n`,
    );
  }
  const files = new FileMounts();
  const urls = items.map((item) => files.urlFor(item.path));
  const runner = await startBrowserRunner<QualityPage>({
    entry: QUALITY_PAGE,
    mounts: files.mounts,
  });
  const outcomes: DocumentOutcome[] = [];
  const skipped: EvalReport['skipped'] = [];
  try {
    let warmUp = WARM_UP_RUNS;
    for (const [index, item] of items.entries()) {
      const evaluator = EVALUATORS[item.kind];
      if (!evaluator) {
        skipped.push({ image: item.image, kind: item.kind, reason: 'kind not evaluated yet' });
        continue;
      }
      outcomes.push(await evaluator.analyze(runner, item, urls[index]!, warmUp));
      warmUp = 0;
    }
  } finally {
    await runner.close();
  }
  if (skipped.length) {
    const kinds = [...new Set(skipped.map((s) => s.kind))].join(', ');
    process.stderr.write(`eval: note: skipped ${skipped.length} item(s) of kind ${kinds}\n`);
  }
  return { ...scoreDocuments(outcomes), skipped, notes: NOTES };
}

/** The stderr line: the headline numbers for a human. */
export function oneLine(report: EvalReport): string {
  const s = report.summary;
  const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
  const num = (v: number | null, unit = '') => (v === null ? 'n/a' : `${v}${unit}`);
  const recall = Object.entries(s.issueRecall)
    .map(([issue, value]) => `${issue} ${pct(value)}`)
    .join(', ');
  const skipped = report.skipped.length ? `; skipped ${report.skipped.length} (not documents)` : '';
  return (
    `eval: ${s.count} documents; meanJaccard ${num(s.meanJaccard)} (acceptable items); ` +
    `corner error median ${num(s.cornerErrorMedianPx, ' px')}; falseAccept ${pct(s.falseAccept)}; ` +
    `falseReject ${pct(s.falseReject)}; recall: ${recall || 'n/a'}; ` +
    `${num(s.msPerFrameMedian, ' ms')}/frame median${skipped}`
  );
}

async function main(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { out: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    throw new Error('usage: npm run eval -- <manifest.json> [--out report.json]');
  }
  const report = await evaluateManifest(positionals[0]!);
  const json = JSON.stringify(report);
  if (values.out) {
    await mkdir(dirname(resolve(values.out)), { recursive: true });
    await writeFile(values.out, `${json}\n`);
  }
  process.stdout.write(`${json}\n`);
  process.stderr.write(`${oneLine(report)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
