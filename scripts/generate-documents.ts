// The labelled data for the document quality engine: synthetic phone photos of identity documents
// whose truth is known by construction (the document's corners, and what is wrong with the photo),
// plus the fake-camera videos of the document e2e tests. Deterministic: the same seed gives the
// same bytes (V8's maths is the same everywhere; the PNGs' deflate is Node's bundled zlib), with no
// image library, no ffmpeg and no checked-in binaries. Photos are rendered on worker threads (one
// per core, at most 4); each is seeded by its index, so the output does not depend on how many.
//
//   node --import tsx scripts/generate-documents.ts [--out DIR] [--count N] [--seed S]
//        [--videos DIR | --no-videos] [--force]
//   defaults: --out test/fixtures/generated/documents, --count 336, --seed 1,
//             --videos test/fixtures/generated/document-videos
//
// Each photo is rendered in software (documents/photo.ts, on the scene modules of scripts/scene/):
// - a document face: an ID-1 card (85.6x54 mm: header band, holder photo, data fields, signature,
//   3-line TD1 MRZ) or a passport data page (125x88 mm: photo with a face, 7 fields, 2-line TD3
//   MRZ), light or darker, with random colours and guilloche;
// - put in 3-D in front of a pinhole camera: roll ±20°, tilt up to 25° about a random in-plane axis,
//   60-72° field of view, 45-90% of the frame width when seen straight on, anywhere that keeps the
//   document 21-68% of the frame's area (smaller would be the engine's "too_far", which this set
//   does not label); drawn by inverse homography with bilinear filtering and 4x4 supersampling on
//   the outline, on a background (wood planks, fabric, plain dark, plain light, clutter of small
//   objects, gradient) with a soft shadow, vignetting, a light slope, white balance and sensor noise;
// - 640x480, every 21st item 1280x720.
//
// Labels (manifest.json beside the images):
//   {"items":[{"image":"0001-clean.png","kind":"document","corners":[[x,y],x4]|null,
//              "expect":{"acceptable":true|false,"issues":[...]}, ...extra fields}]}
// `corners` are the document's true corners, clockwise from its top-left one, in continuous image
// coordinates (pixel (i, j) covers [i, i+1) x [j, j+1); its centre is (i + 0.5, j + 0.5)). They are
// the corners of the rectangle: the card's printed corners are rounded inside them. They are given
// even when a corner lies outside the frame or under a finger. `issues` holds the one degradation
// that was applied (names from src/quality/types.ts); `acceptable` is true exactly when it is empty.
// Extra fields: `seed`, `size` [w, h], `variant` (below), `document` (id1 | passport | null),
// `background`, `params` (the degradation's strength), `metrics` (measured on the written image:
// frame and document mean luma and standard deviation, blown-out share of the document, fill,
// visible share, variance of the Laplacian) and `tolerated`: issues a correct engine may report
// besides `issues` because the degradation implies them (a dark photo also has low contrast, an
// over-exposed card is blown out like a glare, a featureless no-document frame is "blurry"), or
// because a measurement is outside the acceptable band (e.g. a blurred plain scene's contrast).
//
// Variants (default set: 40% acceptable, the rest spread evenly over the seven issues, at least 25
// each; the CLI prints the counts, see `summarise` in labelled-set.ts):
//   acceptable: clean; slight_blur (Gaussian σ ≤ 0.5 px); slight_motion (≤ 1.2 px); glint (blown-out
//     spot ≤ 0.5% of the document); exposure_edge (just inside the exposure band); soft_contrast
//   blur: defocus (Gaussian σ 2.5-4.5 px or disc radius 4-7 px), motion_blur (14-28 px)
//   glare: blown-out reflection covering ≥ 6% of the document (7-22% core)
//   dark: frame mean luma ≤ 42 and document ≤ 60 (acceptable photos: frame 70-185, document 90-210)
//   bright: clipped; frame mean ≥ 200 and document ≥ 232
//   low_contrast: luma standard deviation ≤ 11 around mid grey (acceptable: ≥ ACCEPTABLE.minContrast)
//   corners: corner_out (1-2 corners ≥ 5% of the short side outside the frame, the others ≥ 3.5%
//     inside, at least half the document visible) and finger (a finger covers one corner)
//   no_document: the background alone (corners null)
// Every band is checked on the written image; a rendering that misses it is redrawn with the next
// sub-seed (KYC_GEN_DEBUG=1 logs why). Strengths are in 640-pixel-wide units and scale with the frame.
//
// Also writes 1280x720, 30-frame y4m videos with identical headers and sizes, so that an e2e test
// can switch the fake camera by overwriting one file in place: empty (the wooden table alone), good
// (the fixture card at ~63% of the width, 4° roll, 12° tilt), blurry (the same, Gaussian σ 7 px),
// glare (the same with a blown-out reflection over ~14% of the card) and partial (moved right until
// both right corners are 6% of the width outside). Every frame moves by up to ±0.5 px (the same
// tremor in every video) with fresh sensor noise. videos.json beside them gives each video's true
// corners in its first frame and its expected issues. `generateDocumentVideos` takes a smaller size
// for tests. Outputs are skipped when a stamp of generator version and parameters (or, for the
// videos, the header and size) matches: a rerun takes milliseconds.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  progressOnStderr,
  parseSetCli,
  runIfMain,
  scheduleItems,
  setImageName,
  summarise,
  writePhoto,
  writeSet,
} from './labelled-set.ts';
import { GENERATED_DIR } from './scene/files.ts';
import {
  GENERATOR_VERSION,
  LABELLED_ISSUES,
  type ItemSpec,
  type LabelledIssue,
  type Manifest,
  type Variant,
} from './documents/labels.ts';
import { renderItem, type RenderedItem } from './documents/photo.ts';
import { DEFAULT_DOCUMENT_VIDEOS_DIR, generateDocumentVideos } from './documents/videos.ts';

// The set's parts, for the tests, the worker and the other generators that reuse them.
export * from './documents/labels.ts';
export { renderItem, type RenderedItem } from './documents/photo.ts';
export * from './documents/videos.ts';

/** Default folder of the labelled photos (git-ignored). */
export const DEFAULT_DOCUMENTS_DIR = join(GENERATED_DIR, 'documents');

/** Default number of photos: 320 at 640x480 and 16 at 1280x720. */
export const DEFAULT_COUNT = 336;

/** Default seed. */
export const DEFAULT_SEED = 1;

/**
 * The variants of a set of `count` photos: 40% acceptable (half of them clean, the rest mild
 * degradations), the others spread evenly over the seven issues (blur and corners each split in
 * two ways of causing them), shuffled by the seed so sizes and backgrounds mix with variants.
 */
export function planSet(count: number, seed: number): ItemSpec[] {
  const variants: Variant[] = [];
  const acceptable = Math.round(count * 0.4);
  const mild: Variant[] = [
    'slight_blur',
    'slight_motion',
    'glint',
    'exposure_edge',
    'soft_contrast',
  ];
  const perMild = Math.floor(acceptable * 0.1);
  for (const variant of mild) for (let i = 0; i < perMild; i++) variants.push(variant);
  while (variants.length < acceptable) variants.push('clean');
  const rest = count - acceptable;
  const ways: Record<LabelledIssue, Variant[]> = {
    blur: ['defocus', 'motion_blur'],
    glare: ['glare'],
    dark: ['dark'],
    bright: ['bright'],
    low_contrast: ['low_contrast'],
    corners: ['corner_out', 'finger'],
    no_document: ['no_document'],
  };
  LABELLED_ISSUES.forEach((issue, k) => {
    const n =
      Math.floor(rest / LABELLED_ISSUES.length) + (k < rest % LABELLED_ISSUES.length ? 1 : 0);
    for (let i = 0; i < n; i++) variants.push(ways[issue][i % ways[issue].length]!);
  });
  return scheduleItems(variants, seed, 0x5c4ed, 21);
}

/** Options of {@link generateDocumentSet}. */
export interface DocumentSetOptions {
  /** Output folder (default {@link DEFAULT_DOCUMENTS_DIR}); relative paths are from the working directory. */
  readonly out?: string;
  /** Number of photos (default {@link DEFAULT_COUNT}). */
  readonly count?: number;
  /** Seed (default {@link DEFAULT_SEED}). */
  readonly seed?: number;
  /** Regenerate even when the stamp matches. */
  readonly force?: boolean;
  /**
   * Worker threads (default: the number of cores, at most 4; 1 renders in this thread). Workers
   * load this module through tsx, so a caller running under another TypeScript loader passes 1.
   */
  readonly workers?: number;
  /** Called after each photo (progress for the CLI). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Renders a photo and writes it as a PNG (what each worker does per item). */
export async function renderToFile(spec: ItemSpec, path: string): Promise<RenderedItem['label']> {
  const rendered = renderItem(spec);
  await writePhoto(path, rendered);
  return rendered.label;
}

/**
 * Renders the labelled photos and manifest.json into `options.out`, unless a stamp shows that the
 * same generator version, count and seed already wrote them there (and the files are all present).
 */
export async function generateDocumentSet(
  options: DocumentSetOptions = {},
): Promise<{ manifestPath: string; count: number }> {
  const dir = resolve(options.out ?? DEFAULT_DOCUMENTS_DIR);
  const count = options.count ?? DEFAULT_COUNT;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`bad count ${count}`);
  const stamp = { version: GENERATOR_VERSION, count, seed };
  const specs = planSet(count, seed);
  const names = specs.map(setImageName);
  return writeSet({
    dir,
    stamp,
    specs,
    names,
    workerModule: new URL('./generate-documents.worker.ts', import.meta.url),
    render: renderToFile,
    family: 'studio',
    workers: options.workers,
    force: options.force,
    onProgress: options.onProgress,
  });
}

// ---------------------------------------------------------------------------------------------
// CLI.

runIfMain(import.meta.url, async () => {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const args = parseSetCli(process.argv.slice(2), DEFAULT_DOCUMENT_VIDEOS_DIR);
  const { manifestPath, count } = await generateDocumentSet({
    ...args,
    onProgress: progressOnStderr(seconds),
  });
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
  console.log(`${manifestPath}: ${count} photos (${seconds()} s)`);
  console.log(JSON.stringify(summarise(manifest.items)));
  if (args.videos) {
    const videos = await generateDocumentVideos(args.videos, { force: args.force });
    console.log(`${Object.values(videos).join('\n')}\n(${seconds()} s)`);
  }
});
