// Draws what the eval judged, to look at: for each document item of an eval report, the image with
// the label's outline (green) and the detected one (magenta), and a caption with the expected and
// reported issues and the Jaccard, written as PNG into a folder. The quickest way to see why a
// family's figures are what they are (on the tuning families: the held-out one is for figures).
//
//   npm run eval -- <manifest.json> [more.json …] --out report.json
//   node --import tsx scripts/eval-overlay.ts report.json <manifest.json> [more.json …]
//        --dir OUT [--wrong] [--match REGEX]
//
// --wrong: only items whose verdict (acceptable or not) differs from the label's, or whose first
// reported issue is not the expected one; --match: only items whose image path matches.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserRunner } from './browser-runner.ts';
import type { EvalItem, EvalReport } from './eval-report.ts';
import { FileMounts, parseManifest } from './eval.ts';
import { runIfMain } from './labelled-set.ts';
import type { Quad } from '../src/quality/types.ts';

/** The exports of the page module, as the runner calls them. */
type OverlayPage = typeof import('./eval-overlay.page.ts');

/** Whether the item's verdict is not the one its label gives (see --wrong). */
export function judgedWrong(item: EvalItem): boolean {
  if (item.acceptable !== item.expectedAcceptable) return true;
  return !item.expectedAcceptable && item.issues[0] !== item.expectedIssues[0];
}

/** The caption drawn above an item's image. */
export function caption(item: EvalItem): string {
  const expected = item.expectedIssues.join(',') || 'acceptable';
  const got = item.issues.join(',') || 'acceptable';
  const jaccard = item.jaccard === null ? 'n/a' : item.jaccard.toFixed(3);
  return `${item.image}  expected: ${expected}  got: ${got}  J=${jaccard}`;
}

/** Writes one PNG per selected document item into `dir`; returns the files written. */
export async function writeOverlays(options: {
  report: EvalReport;
  manifests: readonly string[];
  dir: string;
  wrongOnly?: boolean;
  match?: RegExp;
}): Promise<string[]> {
  const files = new FileMounts();
  const byKey = new Map<string, { path: string; corners: Quad | null }>();
  for (const manifest of options.manifests) {
    const absolute = resolve(manifest);
    for (const item of parseManifest(JSON.parse(await readFile(absolute, 'utf8')), absolute)) {
      byKey.set(`${item.family}\n${item.image}`, { path: item.path, corners: item.corners });
    }
  }
  const items = (options.report.items as EvalItem[]).filter(
    (item) =>
      'jaccard' in item &&
      (!options.wrongOnly || judgedWrong(item)) &&
      (!options.match || options.match.test(item.image)),
  );
  const jobs = items.map((item) => {
    const labelled = byKey.get(`${item.family}\n${item.image}`);
    if (!labelled) throw new Error(`${item.image} (${item.family}): not in the manifests given`);
    return { item, labelled, url: files.urlFor(labelled.path) };
  });
  await mkdir(options.dir, { recursive: true });
  const runner = await startBrowserRunner<OverlayPage>({
    entry: resolve(import.meta.dirname, 'eval-overlay.page.ts'),
    mounts: files.mounts,
  });
  const written: string[] = [];
  try {
    for (const { item, labelled, url } of jobs) {
      const png = await runner.call('drawOverlay', {
        url,
        truth: labelled.corners,
        detected: item.corners,
        caption: caption(item),
      });
      const name = `${item.family}-${basename(item.image).replace(/\.[^.]+$/, '')}.png`;
      await writeFile(join(options.dir, name), Buffer.from(png, 'base64'));
      written.push(join(options.dir, name));
    }
  } finally {
    await runner.close();
  }
  return written;
}

runIfMain(import.meta.url, async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      wrong: { type: 'boolean', default: false },
      match: { type: 'string' },
    },
  });
  const [reportPath, ...manifests] = positionals;
  if (!reportPath || manifests.length === 0 || !values.dir) {
    throw new Error(
      'usage: eval-overlay.ts report.json <manifest.json> [more.json …] --dir OUT [--wrong] [--match REGEX]',
    );
  }
  const written = await writeOverlays({
    report: JSON.parse(await readFile(reportPath, 'utf8')) as EvalReport,
    manifests,
    dir: values.dir,
    wrongOnly: values.wrong,
    match: values.match ? new RegExp(values.match) : undefined,
  });
  console.log(`${written.length} overlays in ${values.dir}`);
});
