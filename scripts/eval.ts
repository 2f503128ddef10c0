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
import { cornerErrors, quadJaccard } from '../src/quality/geometry.ts';
import { QualityIssue, type FrameVerdict, type Point, type Quad } from '../src/quality/types.ts';
import { SelfieIssue } from '../src/face/selfie.ts';
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
  /** What the image shows: "document" and "selfie" are scored; other kinds are skipped. */
  readonly kind: string;
  /** Whether the frame should be accepted. */
  readonly acceptable: boolean;
  /** Issues the checks should report. */
  readonly issues: readonly string[];
  /** True document corners in image pixels (clockwise from top-left), or null when none shows. */
  readonly corners: Quad | null;
  /** Document type when the manifest says (its `document` field): the step would know it. */
  readonly document: DocumentType | null;
  /** Selfies: how many faces the image truly holds (its `faces` field), when given. */
  readonly faces: number | null;
  /**
   * Scene family the item belongs to (its `family` field, else the manifest's top-level `family`,
   * else the manifest's file name without `.json`): summary.families scores each one apart.
   */
  readonly family: string;
}

/**
 * Long/short side ratio per document type, passed as `documentAspect` as a capture step configured
 * for that type would; the generator's `document` field names them.
 */
export const DOCUMENT_ASPECTS = { id1: 85.6 / 54, passport: 125 / 88 } as const;
/**
 * Corner radius over the long side per document type, passed as `cornerRadius` as the capture
 * component does: ID-1 cards' (ISO/IEC 7810, 3.18 mm on 85.6 mm); passport pages are not held to one.
 */
export const DOCUMENT_CORNER_RADII = { id1: 3.18 / 85.6, passport: 0 } as const;
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

/** What the selfie checks said about one selfie image. */
export interface SelfieOutcome {
  /** The labels. */
  readonly expected: ManifestItem;
  /** Judged acceptable. */
  readonly acceptable: boolean;
  /** Reported issues, most important first. */
  readonly issues: readonly string[];
  /** Faces the detector found. */
  readonly faces: number;
  /** Their detection scores, most confident first. */
  readonly scores: readonly number[];
  /** Detection round trip + analyzeSelfie, ms. */
  readonly ms: number;
  /** The detector alone, in the worker, ms. */
  readonly detectMs: number;
  /** The main face as the checks measured it (size, offset, roll, yaw), or null. */
  readonly face: SelfieFaceMeasure | null;
  /** Focus measure of the face region (0 without a face). */
  readonly sharpness: number;
  /** Mean luma of the face region (of the frame without a face). */
  readonly meanLuma: number;
}

/** The main face's measured geometry, as reported per item (for calibration and debugging). */
export interface SelfieFaceMeasure {
  size: number;
  /** The same height from the detector's box (the size check's cross-check). */
  boxSize: number;
  offset: [number, number];
  roll: number;
  yaw: number;
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
  /** Per issue reported or expected: share of the items reporting it that expect it (null: never reported). */
  issuePrecision: Record<string, number | null>;
  /** The selfie items' figures; only when the manifest has selfie items. */
  selfie?: SelfieSummary;
  /** The same measures per scene family (see {@link ManifestItem.family}); the fields above are the total. */
  families?: Record<string, FamilySummary>;
}

/** summary.families[family]: one family's documents and selfies, scored as the total is. */
export interface FamilySummary {
  documents: FamilyScores & { meanJaccard: number | null };
  selfies: FamilyScores;
}

/** The measures each family gets per kind (count 0 and null rates when it has no such items). */
export interface FamilyScores {
  count: number;
  falseAccept: number | null;
  falseReject: number | null;
  issueRecall: Record<string, number>;
  issuePrecision: Record<string, number | null>;
}

/** summary.selfie; the first six fields are the agreed format, the rest are extras. */
export interface SelfieSummary {
  count: number;
  falseAccept: number | null;
  falseReject: number | null;
  issueRecall: Record<string, number>;
  msPerFrameMedian: number | null;
  detectMsMedian: number | null;
  /** Share of items with a true face count ("faces") where the detector found exactly that many. */
  faceCountAccuracy: number | null;
  /** As in {@link EvalSummary.issuePrecision}. */
  issuePrecision: Record<string, number | null>;
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
  /** The item's scene family. */
  family: string;
}

/** One scored selfie; the first four fields are the agreed format, the rest are extras. */
export interface SelfieEvalItem {
  image: string;
  acceptable: boolean;
  issues: string[];
  /** Faces detected. */
  faces: number;
  kind: 'selfie';
  expectedAcceptable: boolean;
  expectedIssues: string[];
  /** The true number of faces, when the manifest gives it. */
  expectedFaces: number | null;
  /** Detection scores, most confident first. */
  scores: number[];
  ms: number;
  detectMs: number;
  face: SelfieFaceMeasure | null;
  sharpness: number;
  meanLuma: number;
  /** The item's scene family. */
  family: string;
}

/** Whether a report item is a selfie's (document items have no `kind`). */
export const isSelfieItem = (item: EvalItem | SelfieEvalItem): item is SelfieEvalItem =>
  'kind' in item && item.kind === 'selfie';

/** The whole report. */
export interface EvalReport {
  summary: EvalSummary;
  /** Every scored item, in the manifest's order. */
  items: (EvalItem | SelfieEvalItem)[];
  /** Items of kinds this eval does not score yet, and why. */
  skipped: { image: string; kind: string; reason: string; family: string }[];
  /** How each number is defined. */
  notes: string[];
}

const NOTES = [
  'jaccard: IoU of detected vs true quad; 0 when exactly one is missing; null when both are (excluded from means)',
  'meanJaccard: over expected-acceptable items; meanJaccardAll: over all items with a defined jaccard',
  'cornerErrorMedianPx: median of the 4 per-corner distances of every item where both quads exist',
  'falseAccept: share of expected-unacceptable items judged acceptable; falseReject: share of expected-acceptable items judged unacceptable; null when no such item',
  'issueRecall[issue]: share of items expecting the issue whose reported issues include it',
  'issuePrecision[issue]: share of items reporting the issue that expect it (expect.issues only; "tolerated" counts against it); null when never reported',
  'summary.families[family]: documents {count, meanJaccard, falseAccept, falseReject, issueRecall, issuePrecision} and selfies {count, falseAccept, falseReject, issueRecall, issuePrecision} per family (item "family", else the manifest\'s "family", else its file name without .json); the other summary fields are the total',
  'msPerFrameMedian: median wall time of one analyzeDocument call per item in headless Chromium, after warm-up; decoding excluded',
  'options: default DocumentQualityOptions, plus documentAspect and cornerRadius from the item\'s "document" type (id1 85.6/54 and 3.18/85.6, passport 125/88 and 0) when given',
  'summary.selfie (selfie items only, absent without them): falseAccept, falseReject and issueRecall as above; msPerFrameMedian: median of face-detection round trip + analyzeSelfie per item; detectMsMedian: the detector alone in its worker; images resized to at most 640 px on the long side; default SelfieQualityOptions',
  'selfie items: faces is the number of faces detected; expectedFaces the manifest\'s "faces"',
];

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

/** What falseAccept, falseReject and issueRecall are computed from (documents and selfies). */
interface Judged {
  readonly expected: Pick<ManifestItem, 'acceptable' | 'issues'>;
  readonly acceptable: boolean;
  readonly issues: readonly string[];
}

/**
 * falseAccept, falseReject, per-issue recall and per-issue precision over `outcomes` (rounded for
 * the report). Precision is what keeps an engine that reports everything from looking good: recall
 * alone would give it 100 %.
 */
export function acceptanceRates(outcomes: readonly Judged[]): {
  falseAccept: number | null;
  falseReject: number | null;
  issueRecall: Record<string, number>;
  issuePrecision: Record<string, number | null>;
} {
  let expectedUnacceptable = 0;
  let falseAccepts = 0;
  let expectedAcceptable = 0;
  let falseRejects = 0;
  const recall = new Map<string, { expected: number; found: number }>();
  const precision = new Map<string, { reported: number; right: number }>();
  for (const outcome of outcomes) {
    const { expected } = outcome;
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
      // Expected issues get a precision entry too, null while never reported.
      if (!precision.has(issue)) precision.set(issue, { reported: 0, right: 0 });
    }
    for (const issue of new Set(outcome.issues)) {
      const entry = precision.get(issue) ?? { reported: 0, right: 0 };
      entry.reported++;
      if (expected.issues.includes(issue)) entry.right++;
      precision.set(issue, entry);
    }
  }
  const byName = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => a.localeCompare(b));
  const issueRecall: Record<string, number> = {};
  for (const [issue, { expected, found }] of byName(recall)) {
    issueRecall[issue] = round(found / expected, 4);
  }
  const issuePrecision: Record<string, number | null> = {};
  for (const [issue, { reported, right }] of byName(precision)) {
    issuePrecision[issue] = roundOrNull(rate(right, reported), 4);
  }
  return {
    falseAccept: roundOrNull(rate(falseAccepts, expectedUnacceptable), 4),
    falseReject: roundOrNull(rate(falseRejects, expectedAcceptable), 4),
    issueRecall,
    issuePrecision,
  };
}

/** Scores document outcomes into the report's summary and items (unrounded numbers are kept). */
export function scoreDocuments(outcomes: readonly DocumentOutcome[]): {
  summary: EvalSummary;
  items: EvalItem[];
} {
  const jaccardAcceptable: number[] = [];
  const jaccardAll: number[] = [];
  const corners: number[] = [];
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
      family: expected.family,
    });
  }
  const { falseAccept, falseReject, issueRecall, issuePrecision } = acceptanceRates(outcomes);
  const summary: EvalSummary = {
    count: outcomes.length,
    meanJaccard: roundOrNull(mean(jaccardAcceptable), 4),
    cornerErrorMedianPx: roundOrNull(median(corners), 2),
    falseAccept,
    falseReject,
    issueRecall,
    msPerFrameMedian: roundOrNull(median(outcomes.map((o) => o.ms)), 3),
    meanJaccardScope: 'acceptable',
    meanJaccardAll: roundOrNull(mean(jaccardAll), 4),
    jaccardUndefined: outcomes.length - jaccardAll.length,
    issuePrecision,
  };
  return { summary, items };
}

/** Scores selfie outcomes into summary.selfie and the selfie items. */
export function scoreSelfies(outcomes: readonly SelfieOutcome[]): {
  summary: SelfieSummary;
  items: SelfieEvalItem[];
} {
  const counted = outcomes.filter((o) => o.expected.faces !== null);
  const { issuePrecision, ...rates } = acceptanceRates(outcomes);
  const summary: SelfieSummary = {
    count: outcomes.length,
    ...rates,
    msPerFrameMedian: roundOrNull(median(outcomes.map((o) => o.ms)), 3),
    detectMsMedian: roundOrNull(median(outcomes.map((o) => o.detectMs)), 3),
    faceCountAccuracy: roundOrNull(
      rate(counted.filter((o) => o.faces === o.expected.faces).length, counted.length),
      4,
    ),
    issuePrecision,
  };
  const items = outcomes.map((outcome): SelfieEvalItem => ({
    image: outcome.expected.image,
    acceptable: outcome.acceptable,
    issues: [...outcome.issues],
    faces: outcome.faces,
    kind: 'selfie',
    expectedAcceptable: outcome.expected.acceptable,
    expectedIssues: [...outcome.expected.issues],
    expectedFaces: outcome.expected.faces,
    scores: outcome.scores.map((score) => round(score, 3)),
    ms: round(outcome.ms, 3),
    detectMs: round(outcome.detectMs, 3),
    face: outcome.face && {
      size: round(outcome.face.size, 4),
      boxSize: round(outcome.face.boxSize, 4),
      offset: [round(outcome.face.offset[0], 4), round(outcome.face.offset[1], 4)],
      roll: round(outcome.face.roll, 2),
      yaw: round(outcome.face.yaw, 4),
    },
    sharpness: round(outcome.sharpness, 2),
    meanLuma: round(outcome.meanLuma, 2),
    family: outcome.expected.family,
  }));
  return { summary, items };
}

/**
 * summary.families: documents and selfies of each family scored apart, with the measures of the
 * total (families in name order; a kind the family lacks has count 0 and null rates).
 */
export function scoreFamilies(
  documents: readonly DocumentOutcome[],
  selfies: readonly SelfieOutcome[],
): Record<string, FamilySummary> {
  const names = [...new Set([...documents, ...selfies].map((o) => o.expected.family))].sort(
    (a, b) => a.localeCompare(b),
  );
  const families: Record<string, FamilySummary> = {};
  for (const name of names) {
    const ownDocuments = documents.filter((o) => o.expected.family === name);
    const ownSelfies = selfies.filter((o) => o.expected.family === name);
    const { summary } = scoreDocuments(ownDocuments);
    families[name] = {
      documents: {
        count: ownDocuments.length,
        meanJaccard: summary.meanJaccard,
        ...acceptanceRates(ownDocuments),
      },
      selfies: { count: ownSelfies.length, ...acceptanceRates(ownSelfies) },
    };
  }
  return families;
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

/** An analysed item, by kind. */
type Outcome =
  | { readonly kind: 'document'; readonly outcome: DocumentOutcome }
  | { readonly kind: 'selfie'; readonly outcome: SelfieOutcome };

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
  return report(outcomes, skipped);
}

/** The report from the outcomes in manifest order (items keep that order). */
function report(outcomes: readonly Outcome[], skipped: EvalReport['skipped']): EvalReport {
  const documentOutcomes = outcomes.flatMap((o) => (o.kind === 'document' ? [o.outcome] : []));
  const documents = scoreDocuments(documentOutcomes);
  const selfieOutcomes = outcomes.flatMap((o) => (o.kind === 'selfie' ? [o.outcome] : []));
  const selfies = scoreSelfies(selfieOutcomes);
  const summary: EvalSummary = { ...documents.summary };
  if (selfieOutcomes.length) summary.selfie = selfies.summary;
  summary.families = scoreFamilies(documentOutcomes, selfieOutcomes);
  // Each scorer keeps its own kind's order: interleave them back into the manifest's.
  let d = 0;
  let f = 0;
  const items = outcomes.map((o) =>
    o.kind === 'document' ? documents.items[d++]! : selfies.items[f++]!,
  );
  return { summary, items, skipped, notes: NOTES };
}

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null, unit = '') => (v === null ? 'n/a' : `${v}${unit}`);

/** "issue recall/precision, …" over every issue either map names. */
function issuesLine(
  issueRecall: Record<string, number>,
  issuePrecision: Record<string, number | null>,
): string {
  const issues = [...new Set([...Object.keys(issueRecall), ...Object.keys(issuePrecision)])].sort(
    (a, b) => a.localeCompare(b),
  );
  const each = issues.map(
    (issue) => `${issue} ${pct(issueRecall[issue] ?? null)}/${pct(issuePrecision[issue] ?? null)}`,
  );
  return `recall/precision: ${each.join(', ') || 'n/a'}`;
}

/** The stderr line for the whole report: the headline numbers for a human. */
export function oneLine(report: EvalReport): string {
  const s = report.summary;
  const parts: string[] = [];
  if (s.count > 0 || !s.selfie) {
    parts.push(
      `${s.count} documents; meanJaccard ${num(s.meanJaccard)} (acceptable items); ` +
        `corner error median ${num(s.cornerErrorMedianPx, ' px')}; falseAccept ${pct(s.falseAccept)}; ` +
        `falseReject ${pct(s.falseReject)}; ${issuesLine(s.issueRecall, s.issuePrecision)}; ` +
        `${num(s.msPerFrameMedian, ' ms')}/frame median`,
    );
  }
  const f = s.selfie;
  if (f) {
    parts.push(
      `${f.count} selfies: falseAccept ${pct(f.falseAccept)}; falseReject ${pct(f.falseReject)}; ` +
        `${issuesLine(f.issueRecall, f.issuePrecision)}; ${num(f.msPerFrameMedian, ' ms')}/frame median ` +
        `(detector ${num(f.detectMsMedian, ' ms')}); face count right ${pct(f.faceCountAccuracy)}`,
    );
  }
  const skippedKinds = [...new Set(report.skipped.map((k) => k.kind))].join(', ');
  const skipped = report.skipped.length
    ? `; skipped ${report.skipped.length} (kind ${skippedKinds})`
    : '';
  return `eval: ${parts.join(' | ')}${skipped}`;
}

/** What goes to stderr: one line per family ("eval [name]: …"), then the total ({@link oneLine}). */
export function summaryLines(report: EvalReport): string[] {
  const lines = Object.entries(report.summary.families ?? {}).map(([name, family]) => {
    const { documents: d, selfies: f } = family;
    const parts: string[] = [];
    if (d.count > 0 || f.count === 0) {
      parts.push(
        `${d.count} documents; meanJaccard ${num(d.meanJaccard)}; falseAccept ${pct(d.falseAccept)}; ` +
          `falseReject ${pct(d.falseReject)}; ${issuesLine(d.issueRecall, d.issuePrecision)}`,
      );
    }
    if (f.count > 0) {
      parts.push(
        `${f.count} selfies: falseAccept ${pct(f.falseAccept)}; falseReject ${pct(f.falseReject)}; ` +
          issuesLine(f.issueRecall, f.issuePrecision),
      );
    }
    return `eval [${name}]: ${parts.join(' | ')}`;
  });
  return [...lines, oneLine(report)];
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
