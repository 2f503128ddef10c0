// The "real-paper" family: real phone photos of a sheet of paper on a desk, with corners labelled by
// hand, so the document-outline finder is measured on camera photos and not only on rendered
// scenes. Never used for tuning.
//
//   node --import tsx scripts/families/real-paper.ts [--out DIR]
//   default: --out test/fixtures/generated/families/real-paper (git-ignored)
//   then:    npm run eval -- test/fixtures/generated/families/real-paper/manifest.json
//
// Source: the test photos of the npm package jscanify@1.4.3 (MIT licence, per its package.json),
// `docs/images/test/`. No image is committed: the package is downloaded from the npm registry with
// `npm pack` (the bench's installer, scripts/bench-baseline.ts) into .tmp/bench-baseline/, and each
// photo is decoded in headless Chromium (EXIF orientation applied), resized to at most 1280 px on
// its long side and written as JPEG next to the manifest, with its corners scaled to match.
//
// Photos kept: those where one sheet of paper (or paper-like rectangle) is fully in view, all four
// corners visible. Left out: test.png (a composited stationery mock-up, not a camera photo) and the
// 150x150 thumbnails test-sized.png and test2-sized.png.
//
// Every item expects {acceptable: true, issues: []} and names no `document`: sheets of paper are
// neither ID-1 cards nor passports, so only the outline (the report's jaccard) is meaningful, not
// the verdict.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BASELINE_DIR, BASELINE_PACKAGES, installBaselinePackage } from '../bench-baseline.ts';
import { REPO_ROOT, REPO_PREFIX, startBrowserRunner } from '../browser-runner.ts';

/** Default output folder (git-ignored). */
export const DEFAULT_REAL_PAPER_DIR = resolve(
  REPO_ROOT,
  'test/fixtures/generated/families/real-paper',
);
/** The family's name, written in the manifest. */
export const FAMILY = 'real-paper';
/** Long side of the copies, px. */
export const MAX_SIDE = 1280;
/** JPEG quality of the copies (canvas scale 0-1). */
export const JPEG_QUALITY = 0.92;
/** Folder of the photos inside the downloaded package. */
export const PHOTO_DIR = join(BASELINE_DIR, 'jscanify', 'docs/images/test');

type Corner = readonly [number, number];

/** One hand-labelled photo. */
export interface RealPaperLabel {
  /** File name in jscanify's docs/images/test/. */
  readonly file: string;
  /** Size of the photo as a browser shows it (EXIF orientation applied), px. */
  readonly width: number;
  readonly height: number;
  /** What is photographed. */
  readonly subject: string;
  /** The sheet's corners in original pixels, clockwise from top-left. */
  readonly corners: readonly [Corner, Corner, Corner, Corner];
}

/**
 * The hand labels. How they were made: each photo was viewed whole (downscaled, with a coordinate
 * grid) to pick the sheet and rough corners, then each corner was read off a crop of the original
 * pixels around it (60-300 px wide depending on the photo, scaled up 1.5-4.5x, grid lines every
 * 10-30 px labelled in original pixels) as the point where the two paper edges meet; where a corner
 * is rounded or curled (test4, test6) the straight edges were extended to meet. No detector was run
 * to make or check them. Reading error is about 0.3-0.5% of the short side, within 1% everywhere;
 * the receipt's torn top edge (test9) is approximated by the line through its two top tips.
 */
export const REAL_PAPER_LABELS: readonly RealPaperLabel[] = [
  {
    file: 'test2.png',
    width: 1200,
    height: 1600,
    subject: 'A4 sheet, printed text, on a wooden table',
    corners: [
      [204, 185],
      [963, 194],
      [1144, 1356],
      [59, 1376],
    ],
  },
  {
    file: 'test3.jpg',
    width: 2988,
    height: 5312,
    subject: 'letter sheet, printed web page, on a dark wooden desk',
    corners: [
      [297, 1197],
      [2643, 1174],
      [2982, 4392],
      [58, 4440],
    ],
  },
  {
    file: 'test4.JPG',
    width: 3264,
    height: 2448,
    subject: 'letter sheet in landscape, printed table, curled corners, on black',
    corners: [
      [326, 230],
      [2934, 262],
      [3042, 2329],
      [203, 2355],
    ],
  },
  {
    file: 'test5.JPG',
    width: 3264,
    height: 2448,
    subject: 'one-dollar banknote on a light wooden desk',
    corners: [
      [652, 874],
      [2737, 773],
      [2863, 1693],
      [581, 1745],
    ],
  },
  {
    file: 'test6.JPG',
    width: 2448,
    height: 3264,
    subject: 'letter sheet rotated about 30°, printed contract, on a light wooden desk',
    corners: [
      [82, 645],
      [1546, 397],
      [2360, 2105],
      [806, 2791],
    ],
  },
  {
    file: 'test7.JPG',
    width: 2448,
    height: 3264,
    subject: 'ruled notepad with a glued header strip, on a light wooden desk',
    corners: [
      [346, 336],
      [1981, 311],
      [2167, 3149],
      [136, 3149],
    ],
  },
  {
    file: 'test8.JPG',
    width: 1944,
    height: 2592,
    subject: 'handwritten notes sheet filling almost the whole frame, on black',
    corners: [
      [46, 104],
      [1924, 117],
      [1933, 2566],
      [12, 2556],
    ],
  },
  {
    file: 'test9.jpg',
    width: 2448,
    height: 3264,
    subject: 'shop receipt (torn top edge) on a dark grey surface',
    corners: [
      [540, 983],
      [1578, 930],
      [1840, 2540],
      [672, 2705],
    ],
  },
  {
    file: 'test10.jpg',
    width: 768,
    height: 1024,
    subject: 'filled-in form, tilted, on a dark wooden table with a glare spot',
    corners: [
      [30, 228],
      [572, 150],
      [729, 860],
      [132, 987],
    ],
  },
];

/** One item of the manifest (the fields scripts/eval.ts reads, plus provenance). */
export interface RealPaperItem {
  image: string;
  kind: 'document';
  corners: [number, number][];
  expect: { acceptable: true; issues: string[] };
  width: number;
  height: number;
  subject: string;
  source: string;
}

/** The manifest written next to the copies. */
export interface RealPaperManifest {
  family: string;
  source: string;
  labels: string;
  items: RealPaperItem[];
}

const JSCANIFY = `jscanify@${BASELINE_PACKAGES.jscanify.version}`;

/**
 * Downloads jscanify if needed (npm registry), writes the resized photos and the manifest into
 * `outDir`, and returns the manifest. Throws when a photo's decoded size differs from the size it
 * was labelled at (the labels would no longer fit it).
 */
export async function generateRealPaperSet(
  outDir: string = DEFAULT_REAL_PAPER_DIR,
  log: (line: string) => void = () => {},
): Promise<RealPaperManifest> {
  await installBaselinePackage('jscanify', log);
  await mkdir(outDir, { recursive: true });
  const runner = await startBrowserRunner<typeof import('./real-paper.page.ts')>({
    entry: resolve(REPO_ROOT, 'scripts/families/real-paper.page.ts'),
  });
  const items: RealPaperItem[] = [];
  try {
    for (const label of REAL_PAPER_LABELS) {
      const url = REPO_PREFIX + relative(REPO_ROOT, join(PHOTO_DIR, label.file));
      const photo = await runner.call('resizePhoto', url, MAX_SIDE, JPEG_QUALITY);
      if (photo.sourceWidth !== label.width || photo.sourceHeight !== label.height) {
        throw new Error(
          `${label.file}: decoded ${photo.sourceWidth}x${photo.sourceHeight}, ` +
            `labelled at ${label.width}x${label.height}`,
        );
      }
      const sx = photo.width / label.width;
      const sy = photo.height / label.height;
      const image = `${label.file.replace(/\.[^.]+$/, '').toLowerCase()}.jpg`;
      await writeFile(join(outDir, image), Buffer.from(photo.jpegBase64, 'base64'));
      items.push({
        image,
        kind: 'document',
        corners: label.corners.map(([x, y]): [number, number] => [
          Math.round(x * sx * 10) / 10,
          Math.round(y * sy * 10) / 10,
        ]),
        expect: { acceptable: true, issues: [] },
        width: photo.width,
        height: photo.height,
        subject: label.subject,
        source: `${JSCANIFY} docs/images/test/${label.file} (MIT)`,
      });
      log(`real-paper: ${image} ${photo.width}x${photo.height}`);
    }
  } finally {
    await runner.close();
  }
  const manifest: RealPaperManifest = {
    family: FAMILY,
    source: `${JSCANIFY} (MIT), docs/images/test/, downloaded with npm pack; resized to at most ${MAX_SIDE} px`,
    labels:
      'corners labelled by hand on zoomed crops of the originals (see scripts/families/real-paper.ts)',
    items,
  };
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const outDir = values.out ? resolve(values.out) : DEFAULT_REAL_PAPER_DIR;
  const manifest = await generateRealPaperSet(outDir, (line) => process.stderr.write(`${line}\n`));
  process.stderr.write(
    `real-paper: ${manifest.items.length} photos → ${relative(process.cwd(), join(outDir, 'manifest.json'))}\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
