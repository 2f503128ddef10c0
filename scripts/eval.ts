// Measures the document and selfie checks against a labelled manifest (scripts/generate-documents.ts
// and generate-selfies.ts write them): every image is decoded and analysed in headless Chromium,
// where the checks ship, and the verdicts are scored against the labels. Prints one JSON report on
// stdout, a summary on stderr (one line per scene family, then the total), and exits 0 whatever the
// numbers (it measures; thresholds belong to whoever reads it).
//
//   npm run eval -- <manifest.json> [more.json …] [--out report.json]
//
// Several manifests make one report: their items in order, each manifest's items in the family
// named by the item's `family`, else the manifest's top-level `family`, else the manifest's file
// name without `.json` (so two files both called manifest.json share the family "manifest").
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
//   issue whose reported issues include it; issuePrecision[issue]: share of items whose reported
//   issues include it that expect it (keyed by every issue reported or expected; null when never
//   reported), so that an engine reporting every issue scores full recall but low precision. A rate
//   whose denominator is empty is null. Expected means `expect.issues` strictly: the generator's
//   `tolerated` issues count against precision.
// - summary.families[family]: {documents: {count, meanJaccard, falseAccept, falseReject,
//   issueRecall, issuePrecision}, selfies: {count, falseAccept, falseReject, issueRecall,
//   issuePrecision}}, each family scored alone as above (count 0 and null rates for a kind it
//   lacks); the other summary fields are the total over every family. Items and skipped entries
//   carry their `family`.
// - msPerFrameMedian: median wall time of one analyzeDocument call per item, in the page, after a
//   few warm-up runs (decoding and pixel reading are not included).
// Options: the defaults, plus documentAspect and cornerRadius from the item's `document` type (id1,
// passport) when the manifest gives one, as a capture step configured for that document would pass
// them.
//
// Selfie items ("kind":"selfie", optional "faces": the true number of faces) go through the real
// face detector (MediaPipe in its worker) and then analyzeSelfie with the default options, on the
// image resized to at most 640 px on its long side (the selfie step's analysis size). They are
// scored separately, in summary.selfie (absent when the manifest has none), with the same
// falseAccept / falseReject / issueRecall / issuePrecision definitions; the document summary covers
// documents only.
// - summary.selfie.msPerFrameMedian: median of detection round trip (bitmap to the face worker and
//   faces back) + analyzeSelfie per item; detectMsMedian: the detector alone, in the worker.
// - items keep the manifest's order; a selfie item gives image, acceptable, issues, faces (the
//   number detected), then its labels, timings and what the checks measured.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  DOCUMENT_ASPECTS,
  DOCUMENT_CORNER_RADII,
  type DocumentFormat,
} from '../src/internal/documents.ts';
import { isRecord } from '../src/internal/guards.ts';
import { QualityIssue, type FrameVerdict, type Point, type Quad } from '../src/quality/types.ts';
import { SelfieIssue } from '../src/face/selfie.ts';
import { REPO_ROOT, startBrowserRunner, type BrowserRunner } from './browser-runner.ts';
import {
  buildReport,
  summaryLines,
  type EvalReport,
  type Outcome,
  type ScoredItem,
} from './eval-report.ts';

/** The page module both CLIs run (scripts/quality-page.ts). */
export const QUALITY_PAGE = resolve(REPO_ROOT, 'scripts/quality-page.ts');
/** The exports of the page module, as the runner calls them. */
export type QualityPage = typeof import('./quality-page.ts');

/** One labelled image of the manifest, normalised: its labels, and how to analyse it. */
export interface ManifestItem extends ScoredItem {
  /** Absolute path of the image file. */
  readonly path: string;
  /** What the image shows: "document" and "selfie" are scored; other kinds are skipped. */
  readonly kind: string;
  /** Document type when the manifest says (its `document` field): the step would know it. */
  readonly document: DocumentType | null;
}

// Long/short side ratio and corner radius per document type, passed as `documentAspect` and
// `cornerRadius` as the capture component passes them for a step of that type; the generator's
// `document` field names them (`id1`, `passport`).
export { DOCUMENT_ASPECTS, DOCUMENT_CORNER_RADII };
/** A document type the eval knows the proportions of. */
export type DocumentType = DocumentFormat;

/** The issue names each scored kind can report; a manifest naming others gets a note. */
const KNOWN_ISSUES: Readonly<Record<string, ReadonlySet<string>>> = {
  document: new Set<string>(Object.values(QualityIssue)),
  selfie: new Set<string>(Object.values(SelfieIssue)),
};
/** The vocabulary each kind's issues come from, for the note. */
const VOCABULARY: Readonly<Record<string, string>> = {
  document: 'QualityIssue',
  selfie: 'SelfieIssue',
};

// ---------------------------------------------------------------------------------------------
// Manifest

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
 * Reads a manifest in the format scripts/generate-documents.ts and generate-selfies.ts write (their
 * `Manifest` types): `{"family"?,"items":[{"image","kind","corners":[[x,y] x4]|null,"faces":n,
 * "family"?,"expect":{"acceptable","issues"}, ...}]}`, image paths relative to the manifest's
 * folder. An item's family is its own `family`, else the manifest's, else the manifest's file name
 * without `.json`. Checked field by field, since hand-written manifests are welcome too; extra
 * fields are ignored.
 */
export function parseManifest(json: unknown, manifestPath: string): ManifestItem[] {
  if (!isRecord(json) || !Array.isArray(json.items)) {
    throw new Error(`${manifestPath}: expected {"items": [...]}`);
  }
  const folder = dirname(manifestPath);
  if (json.family !== undefined && (typeof json.family !== 'string' || !json.family)) {
    throw new Error(`${manifestPath}: "family" must be a non-empty string`);
  }
  const manifestFamily = json.family ?? basename(manifestPath, '.json');
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
    if (raw.family !== undefined && (typeof raw.family !== 'string' || !raw.family)) {
      throw new Error(`${where}: "family" must be a non-empty string`);
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
      faces:
        Number.isInteger(raw.faces) && (raw.faces as number) >= 0 ? (raw.faces as number) : null,
      family: raw.family ?? manifestFamily,
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

/** How one kind of manifest item is analysed. */
interface KindEvaluator {
  /** Analyses `item`, served at `url`, after `warmUp` untimed runs. */
  analyze(
    runner: BrowserRunner<QualityPage>,
    item: ManifestItem,
    url: string,
    warmUp: number,
  ): Promise<Outcome>;
}

/** Analysers by manifest kind; kinds not listed are skipped with a note. */
const EVALUATORS: Readonly<Record<string, KindEvaluator>> = {
  document: {
    async analyze(runner, item, url, warmUp) {
      const { verdict, ms, imageWidth, imageHeight } = await runner.call(
        'analyzeDocumentImage',
        url,
        item.document
          ? {
              documentAspect: DOCUMENT_ASPECTS[item.document],
              cornerRadius: DOCUMENT_CORNER_RADII[item.document],
            }
          : {},
        warmUp,
      );
      return {
        kind: 'document',
        outcome: {
          expected: item,
          acceptable: verdict.acceptable,
          issues: verdict.issues,
          corners: toImagePixels(verdict.quad, verdict, imageWidth, imageHeight),
          ms,
        },
      };
    },
  },
  selfie: {
    async analyze(runner, item, url, warmUp) {
      const { verdict, faces, ms, detectMs } = await runner.call(
        'analyzeSelfieImage',
        url,
        {},
        warmUp,
      );
      const { face, metrics } = verdict;
      return {
        kind: 'selfie',
        outcome: {
          expected: item,
          acceptable: verdict.acceptable,
          issues: verdict.issues,
          faces: faces.length,
          scores: faces.map((f) => f.score),
          ms,
          detectMs,
          face: face && {
            size: face.size,
            boxSize: face.boxSize,
            offset: [face.offset[0], face.offset[1]],
            roll: face.roll,
            yaw: face.yaw,
          },
          sharpness: metrics.sharpness,
          meanLuma: metrics.meanLuma,
        },
      };
    },
  },
};

/**
 * Untimed runs on the first item of each kind before measuring, so JIT warm-up (and, for selfies,
 * loading the detector) stays out of the medians.
 */
const WARM_UP_RUNS = 5;

/** Runs the eval over a manifest file and returns the report. */
export function evaluateManifest(manifestPath: string): Promise<EvalReport> {
  return evaluateManifests([manifestPath]);
}

/** Runs the eval over the items of every manifest, in order, and returns one report. */
export async function evaluateManifests(manifestPaths: readonly string[]): Promise<EvalReport> {
  const items: ManifestItem[] = [];
  for (const manifestPath of manifestPaths) {
    const absolute = resolve(manifestPath);
    items.push(...parseManifest(JSON.parse(await readFile(absolute, 'utf8')), absolute));
  }
  for (const [kind, known] of Object.entries(KNOWN_ISSUES)) {
    const unknown = new Set(
      items
        .filter((item) => item.kind === kind)
        .flatMap((item) => item.issues)
        .filter((issue) => !known.has(issue)),
    );
    if (unknown.size) {
      process.stderr.write(
        `eval: note: ${kind} issues not in ${VOCABULARY[kind]}: ${[...unknown].join(', ')}\n`,
      );
    }
  }
  const files = new FileMounts();
  const urls = items.map((item) => files.urlFor(item.path));
  const runner = await startBrowserRunner<QualityPage>({
    entry: QUALITY_PAGE,
    mounts: files.mounts,
  });
  const outcomes: Outcome[] = [];
  const skipped: EvalReport['skipped'] = [];
  try {
    const warmedUp = new Set<string>();
    for (const [index, item] of items.entries()) {
      const evaluator = EVALUATORS[item.kind];
      if (!evaluator) {
        skipped.push({
          image: item.image,
          kind: item.kind,
          reason: 'kind not evaluated yet',
          family: item.family,
        });
        continue;
      }
      const warmUp = warmedUp.has(item.kind) ? 0 : WARM_UP_RUNS;
      warmedUp.add(item.kind);
      outcomes.push(await evaluator.analyze(runner, item, urls[index]!, warmUp));
    }
  } finally {
    await runner.close();
  }
  if (skipped.length) {
    const kinds = [...new Set(skipped.map((s) => s.kind))].join(', ');
    process.stderr.write(`eval: note: skipped ${skipped.length} item(s) of kind ${kinds}\n`);
  }
  return buildReport(outcomes, skipped);
}

async function main(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { out: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length === 0) {
    throw new Error('usage: npm run eval -- <manifest.json> [more.json …] [--out report.json]');
  }
  const report = await evaluateManifests(positionals);
  const json = JSON.stringify(report);
  if (values.out) {
    await mkdir(dirname(resolve(values.out)), { recursive: true });
    await writeFile(values.out, `${json}\n`);
  }
  process.stdout.write(`${json}\n`);
  process.stderr.write(`${summaryLines(report).join('\n')}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
