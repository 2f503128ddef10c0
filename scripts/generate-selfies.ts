// The labelled data for the face checks: selfies whose truth is known by construction (where the
// face is, how big, how turned, and what is wrong with the photo), plus the fake-camera videos of
// the selfie e2e tests. The model is generate-documents.ts: seeded, deterministic (the same seed
// gives the same bytes), no image library, no ffmpeg, no checked-in binaries, skipped when current.
//
//   node --import tsx scripts/generate-selfies.ts [--out DIR] [--count N] [--seed S]
//        [--videos DIR | --no-videos] [--force]
//   defaults: --out test/fixtures/generated/selfies, --count 300, --seed 1,
//             --videos test/fixtures/generated/selfie-videos
//
// The one face is a real photograph: faces/astronaut.png, committed under test/fixtures/ (public
// domain, see test/fixtures/faces/README.md) and found as every test finds it
// (test/shared-fixtures.ts). Without it this prints why and writes no selfies (exit 0); the tests
// that need them then fail under CI and skip elsewhere. selfie-scenes.ts cuts the person out of it
// and holds the face's measured landmarks; every photo here is that person composited onto the
// backgrounds of document-scenes.ts (or in front of the photo's own studio backdrop), scaled,
// moved, rolled, mirrored, "turned" by a displacement warp and tinted, then lit, blurred, exposed
// and given sensor noise like the document photos. 640x480, every 10th item 1280x720.
//
// One photo is rendered by selfie-render.ts (the variants, their bands and the labels, described
// there); the videos by selfie-videos.ts; the label semantics are faces/truth.ts's.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PORTRAIT_FIXTURE } from '../test/fixture-names.ts';
import { loadPortrait } from './faces/fixtures.ts';
import { LABELLED_ISSUES } from './faces/truth.ts';
import {
  parseSetCli,
  progressOnStderr,
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
  renderItem,
  VARIANT_ISSUE,
  VARIANTS,
  type ItemSpec,
  type Manifest,
  type RenderedItem,
  type Variant,
} from './selfie-render.ts';
import { PORTRAIT_CRC } from './selfie-scenes.ts';
import { DEFAULT_SELFIE_VIDEOS_DIR, generateSelfieVideos } from './selfie-videos.ts';

/** Default folder of the labelled selfies (git-ignored). */
export const DEFAULT_SELFIES_DIR = join(GENERATED_DIR, 'selfies');
/** Default number of photos: 270 at 640x480 and 30 at 1280x720. */
export const DEFAULT_COUNT = 300;
/** Default seed. */
export const DEFAULT_SEED = 1;
/** The fixture portrait, relative to the fixtures folder. */
export const PORTRAIT_FILE = PORTRAIT_FIXTURE;

// ---------------------------------------------------------------------------------------------
// The schedule.

/**
 * The variants of a set of `count` photos: 40% acceptable (two fifths of them clean, the rest the
 * eight slightly imperfect variants), the others spread evenly over the eight issues (each split
 * between its variants), shuffled by the seed so that sizes and backgrounds mix with variants.
 */
export function planSet(count: number, seed: number): ItemSpec[] {
  const variants: Variant[] = [];
  const acceptable = Math.round(count * 0.4);
  const mild = VARIANTS.filter((v) => VARIANT_ISSUE[v] === null && v !== 'clean');
  const perMild = Math.floor((acceptable * 0.6) / mild.length);
  for (const variant of mild) for (let i = 0; i < perMild; i++) variants.push(variant);
  while (variants.length < acceptable) variants.push('clean');
  const rest = count - acceptable;
  LABELLED_ISSUES.forEach((issue, k) => {
    const ways = VARIANTS.filter((v) => VARIANT_ISSUE[v] === issue);
    const n =
      Math.floor(rest / LABELLED_ISSUES.length) + (k < rest % LABELLED_ISSUES.length ? 1 : 0);
    for (let i = 0; i < n; i++) variants.push(ways[i % ways.length]!);
  });
  return scheduleItems(variants, seed, 0x5e1f, 10);
}

// ---------------------------------------------------------------------------------------------
// Writing a set.

/** Options of {@link generateSelfies}. */
export interface SelfieSetOptions {
  /** Output folder (default {@link DEFAULT_SELFIES_DIR}); relative paths are from the working directory. */
  readonly out?: string;
  /** Number of photos (default {@link DEFAULT_COUNT}). */
  readonly count?: number;
  /** Seed (default {@link DEFAULT_SEED}). */
  readonly seed?: number;
  /** Only these indices of the planned set (tests); the manifest lists just them. */
  readonly only?: readonly number[];
  /** Regenerate even when the stamp matches. */
  readonly force?: boolean;
  /** Folders to look for the face fixture in (default {@link fixtureDirs}; tests of its absence). */
  readonly fixtureDirs?: readonly string[];
  /**
   * Worker threads (default: the number of cores, at most 4; 1 renders in this thread). Workers
   * load this module through tsx, so a caller running under another TypeScript loader passes 1.
   */
  readonly workers?: number;
  /** Called after each photo (progress for the CLI). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What {@link generateSelfies} did. */
export type SelfieSetResult =
  { readonly manifestPath: string; readonly count: number } | { readonly skipped: string };

/** Image file name of an item. */
export const imageName = (spec: ItemSpec): string => setImageName(spec);

/** Renders a photo and writes it as a PNG (what each worker does per item). */
export async function renderToFile(spec: ItemSpec, path: string): Promise<RenderedItem['label']> {
  const portrait = await loadPortrait();
  if ('missing' in portrait) throw new Error(portrait.missing);
  const rendered = renderItem(spec, portrait);
  await writePhoto(path, rendered);
  return rendered.label;
}

/**
 * Renders the labelled selfies and manifest.json into `options.out`, unless a stamp shows that the
 * same generator version, fixture, count and seed already wrote them there. Without the fixture it
 * writes nothing and says why.
 */
export async function generateSelfies(options: SelfieSetOptions = {}): Promise<SelfieSetResult> {
  const portrait = await loadPortrait(options.fixtureDirs);
  if ('missing' in portrait) return { skipped: portrait.missing };
  const dir = resolve(options.out ?? DEFAULT_SELFIES_DIR);
  const count = options.count ?? DEFAULT_COUNT;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`bad count ${count}`);
  const all = planSet(count, seed);
  const specs = options.only ? options.only.map((i) => all[i]!) : all;
  const stamp = {
    version: GENERATOR_VERSION,
    count,
    seed,
    only: options.only ?? null,
    fixture: PORTRAIT_CRC,
  };
  const names = specs.map(imageName);
  return writeSet({
    dir,
    stamp,
    specs,
    names,
    workerModule: new URL('./generate-selfies.worker.ts', import.meta.url),
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
  const args = parseSetCli(process.argv.slice(2), DEFAULT_SELFIE_VIDEOS_DIR);
  // The videos render in this thread while the workers render the photos.
  const [set, videos] = await Promise.all([
    generateSelfies({
      ...args,
      onProgress: progressOnStderr(seconds),
    }),
    args.videos ? generateSelfieVideos(args.videos, { force: args.force }) : null,
  ]);
  if ('skipped' in set) {
    console.log(set.skipped);
    return;
  }
  const manifest = JSON.parse(await readFile(set.manifestPath, 'utf8')) as Manifest;
  console.log(`${set.manifestPath}: ${set.count} photos`);
  console.log(JSON.stringify(summarise(manifest.items)));
  if (videos && !('skipped' in videos)) console.log(Object.values(videos).join('\n'));
  console.log(`(${seconds()} s)`);
});
