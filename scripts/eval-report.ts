// The eval's report (scripts/eval.ts runs the checks and calls these): what each analysed item
// gave, scored against its labels into the summary and the items, and the summary lines printed on
// stderr. Pure functions of the outcomes; the definitions of every number are in eval.ts's header
// and in the report's "notes".
import { cornerErrors, quadJaccard } from '../src/quality/geometry.ts';
import type { Quad } from '../src/quality/types.ts';

/** The labels of one manifest item that scoring reads (eval.ts's ManifestItem has them all). */
export interface ScoredItem {
  /** Path as written in the manifest (reported back as is). */
  readonly image: string;
  /** Whether the frame should be accepted. */
  readonly acceptable: boolean;
  /** Issues the checks should report. */
  readonly issues: readonly string[];
  /** True document corners in image pixels (clockwise from top-left), or null when none shows. */
  readonly corners: Quad | null;
  /** Selfies: how many faces the image truly holds (its `faces` field), when given. */
  readonly faces: number | null;
  /**
   * Scene family the item belongs to (its `family` field, else the manifest's top-level `family`,
   * else the manifest's file name without `.json`): summary.families scores each one apart.
   */
  readonly family: string;
}

/** What the checks said about one document image, with the quad in image pixels. */
export interface DocumentOutcome {
  /** The labels. */
  readonly expected: ScoredItem;
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
  readonly expected: ScoredItem;
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
  /** The same measures per scene family (see {@link ScoredItem.family}); the fields above are the total. */
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
  readonly expected: Pick<ScoredItem, 'acceptable' | 'issues'>;
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

/** An analysed item, by kind. */
export type Outcome =
  | { readonly kind: 'document'; readonly outcome: DocumentOutcome }
  | { readonly kind: 'selfie'; readonly outcome: SelfieOutcome };

/** The report from the outcomes in manifest order (items keep that order). */
export function buildReport(
  outcomes: readonly Outcome[],
  skipped: EvalReport['skipped'],
): EvalReport {
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
