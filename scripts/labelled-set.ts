// What the labelled-set generators share (generate-documents.ts, generate-selfies.ts and the scene
// families in scripts/families/): running independent jobs on worker threads, the stamp that makes
// an unchanged rerun free, the photos' files, manifest.json's text, and the command lines.
//
// Jobs go one per message to a pool of workers (one per core, at most a few) so that slow jobs do
// not hold up a fixed share; the worker module calls `serveJobs` with what to do per job. Results
// come back in job order, so the output does not depend on the number of workers or the order they
// finish in.
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import type { Quad } from '../src/quality/types.ts';
import { prng } from '../test/helpers/math.ts';
import { encodeJpeg } from './jpeg.ts';
import { encodePng } from './png.ts';
import { writeFileAtomic } from './scene/files.ts';
import { hashSeed, within } from './scene/random.ts';

/** A worker's reply to one job. */
type Reply<R> =
  | { readonly index: number; readonly result: R }
  | { readonly index: number; readonly error: string };

/** Worker threads to use by default: the cores, at most `max`. */
export const defaultWorkers = (max = 4): number => Math.min(availableParallelism(), max);

/**
 * Runs `run` on each job sent to this worker thread and replies with its result (or the error's
 * stack). Call it from the worker module given to {@link mapInWorkers}.
 */
export function serveJobs<J, R>(run: (job: J) => Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs must run in a worker thread');
  port.on('message', ({ index, job }: { index: number; job: J }) => {
    run(job).then(
      (result) => port.postMessage({ index, result } satisfies Reply<R>),
      (error: unknown) =>
        port.postMessage({
          index,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies Reply<R>),
    );
  });
}

/**
 * Sends `jobs` to `count` workers running `workerModule` (a TypeScript file that calls
 * {@link serveJobs}) and resolves with their results in job order.
 */
export async function mapInWorkers<J, R>(
  workerModule: URL,
  jobs: readonly J[],
  count: number,
  onProgress?: (done: number, total: number) => void,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  let done = 0;
  // Workers do not inherit tsx's module hooks (Node 20), so each loads the module through tsx's
  // API, resolved from this file so that it works from any working directory.
  const url = workerModule.href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(url)}, ${JSON.stringify(url)}))`;
  const pool = Array.from({ length: count }, () => new Worker(code, { eval: true, execArgv: [] }));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolvePromise, reject) => {
            const feed = () => {
              if (next >= jobs.length) {
                resolvePromise();
                return;
              }
              const index = next++;
              worker.postMessage({ index, job: jobs[index] });
            };
            worker.on('message', (reply: Reply<R>) => {
              if ('error' in reply) {
                reject(new Error(`job ${reply.index}: ${reply.error}`));
                return;
              }
              results[reply.index] = reply.result;
              onProgress?.(++done, jobs.length);
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (done < jobs.length) reject(new Error(`worker exited (${code})`));
            });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results;
}

/**
 * Runs `jobs` on `workers` threads running `workerModule` (see {@link mapInWorkers}), or one after
 * the other in this thread with `runHere` when `workers` is 1 (a caller under another TypeScript
 * loader than tsx must do that: workers load the module through tsx).
 */
export async function runJobs<J, R>(
  workerModule: URL,
  jobs: readonly J[],
  workers: number,
  runHere: (job: J) => Promise<R>,
  onProgress?: (done: number, total: number) => void,
): Promise<R[]> {
  if (workers > 1 && jobs.length > 1)
    return mapInWorkers(workerModule, jobs, Math.min(workers, jobs.length), onProgress);
  const results: R[] = [];
  for (const job of jobs) {
    results.push(await runHere(job));
    onProgress?.(results.length, jobs.length);
  }
  return results;
}

/** The file in a set's folder that records what wrote it. */
const STAMP = '.generator.json';

/**
 * True when `dir` holds a set written with this `stamp` (generator version and parameters) whose
 * manifest and `images` are all present: then there is nothing to do. Otherwise the folder is
 * made ready for writing (created, its stamp removed until {@link finishSet}).
 */
export async function setIsCurrent(
  dir: string,
  stamp: unknown,
  images: readonly string[],
): Promise<boolean> {
  const written = await readFile(join(dir, STAMP), 'utf8').catch(() => '');
  if (written === stampText(stamp)) {
    const present = await Promise.all(
      ['manifest.json', ...images].map((name) =>
        stat(join(dir, name)).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (present.every(Boolean)) return true;
  }
  await prepareSet(dir);
  return false;
}

/**
 * Makes `dir` ready for writing a set: creates it and removes its stamp until {@link finishSet}.
 * {@link setIsCurrent} does this when the set is not current; call it to regenerate anyway.
 */
export async function prepareSet(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await rm(join(dir, STAMP), { force: true });
}

const stampText = (stamp: unknown) => `${JSON.stringify(stamp)}\n`;

/** What a manifest item has whatever its kind. */
export interface LabelledItem {
  /** Image file name, relative to the manifest. */
  readonly image: string;
  readonly variant: string;
  readonly expect: { readonly acceptable: boolean; readonly issues: readonly string[] };
}

/**
 * Writes manifest.json ({@link formatManifest}) and the stamp, after removing numbered images
 * (`0000-name.png`) that are not in `items`: an earlier, larger set's would be mistaken for part of
 * this one by a folder scan.
 * @returns the manifest's path
 */
export async function finishSet(
  dir: string,
  items: readonly LabelledItem[],
  stamp: unknown,
  family?: string,
): Promise<string> {
  await removeStaleImages(dir, items, /^\d{4}-[a-z_]+\.png$/);
  const manifestPath = join(dir, 'manifest.json');
  await writeFileAtomic(manifestPath, formatManifest(items, family));
  await writeFileAtomic(join(dir, STAMP), stampText(stamp));
  return manifestPath;
}

/**
 * Removes the files of `dir` whose names match `numbered` (a set's numbered images) but are not an
 * image of `items`: an earlier, larger set's would be taken for part of this one by a folder scan.
 */
async function removeStaleImages(
  dir: string,
  items: readonly { readonly image: string }[],
  numbered: RegExp,
): Promise<void> {
  const keep = new Set(items.map((i) => i.image));
  for (const name of await readdir(dir))
    if (numbered.test(name) && !keep.has(name)) await rm(join(dir, name), { force: true });
}

/** What {@link writeSet} needs to write one labelled set. */
export interface SetJob<S, L> {
  /** Output folder. */
  readonly dir: string;
  /** What the set depends on (generator version, count, seed, …): equal stamp, nothing to do. */
  readonly stamp: unknown;
  /** One spec per image, and its file name. */
  readonly specs: readonly S[];
  readonly names: readonly string[];
  /** The worker module that renders a spec (it calls {@link serveJobs} with `render`). */
  readonly workerModule: URL;
  /** Renders `spec` to `path` and returns its labels (used in this thread with one worker). */
  readonly render: (spec: S, path: string) => Promise<L>;
  readonly workers?: number;
  /** Rewrite even when the folder is current. */
  readonly force?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  /** The scene family, written at the manifest's top (the eval reports each family apart). */
  readonly family?: string;
}

/**
 * Writes a labelled set unless `dir` already holds it: every image rendered (in workers), the
 * manifest (`{image, ...labels}` per item) and the stamp. Returns the manifest path and the count.
 */
export async function writeSet<S, L extends Omit<LabelledItem, 'image'>>(
  job: SetJob<S, L>,
): Promise<{ manifestPath: string; count: number }> {
  const { dir, stamp, specs, names } = job;
  if (job.force) await prepareSet(dir);
  else if (await setIsCurrent(dir, stamp, names))
    return { manifestPath: join(dir, 'manifest.json'), count: specs.length };
  const labels = await runJobs(
    job.workerModule,
    specs.map((spec, k) => ({ spec, path: join(dir, names[k]!) })),
    job.workers ?? defaultWorkers(),
    ({ spec, path }) => job.render(spec, path),
    job.onProgress,
  );
  const items = specs.map((_, k) => ({ image: names[k]!, ...labels[k]! }));
  return {
    manifestPath: await finishSet(dir, items as unknown as LabelledItem[], stamp, job.family),
    count: items.length,
  };
}

/**
 * manifest.json's text: one item per line, so that it is readable and diffs line by line; the
 * family (when given) first.
 */
export function formatManifest(items: readonly LabelledItem[], family?: string): string {
  const head = family === undefined ? '' : `"family":${JSON.stringify(family)},`;
  return `{${head}"items":[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]}\n`;
}

/** Items per issue, per variant and acceptable, for reports. */
export function summarise(items: readonly LabelledItem[]): Record<string, number> {
  const counts: Record<string, number> = { acceptable: 0 };
  const add = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const item of items) {
    if (item.expect.acceptable) add('acceptable');
    item.expect.issues.forEach(add);
    add(`variant:${item.variant}`);
  }
  return counts;
}

/** What to render for one index of a set. */
export interface ItemSpec<V extends string> {
  readonly index: number;
  /** The item's own seed (from the set's seed and the index: items are independent). */
  readonly seed: number;
  readonly variant: V;
  readonly width: number;
  readonly height: number;
}

/**
 * The specs of a set drawing `variants` (one per item), shuffled by the seed (`salt` keeps each
 * generator's shuffle its own) so that sizes and backgrounds mix with variants: 640x480, every
 * `largeEvery`-th item 1280x720.
 */
export function scheduleItems<V extends string>(
  variants: readonly V[],
  seed: number,
  salt: number,
  largeEvery: number,
): ItemSpec<V>[] {
  const order = [...variants];
  const random = prng(hashSeed(seed, salt));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.map((variant, index) => {
    const large = index % largeEvery === largeEvery - 1;
    return {
      index,
      seed: hashSeed(seed, index),
      variant,
      width: large ? 1280 : 640,
      height: large ? 720 : 480,
    };
  });
}

/** A figure rounded to `digits` decimals, as the manifests record them. */
export const round = (value: number, digits: number): number =>
  Math.round(value * 10 ** digits) / 10 ** digits;

/** A set's image file name: its index in four digits, then its variant (`0007-glare.png`). */
export const setImageName = (spec: { readonly index: number; readonly variant: string }): string =>
  `${String(spec.index).padStart(4, '0')}-${spec.variant}.png`;

// Deflate level of the photos: sensor noise is incompressible, so 4 is within 3% of 6-9 in size at
// half the time.
const PNG_LEVEL = 4;

/** Writes a set's photo (8-bit RGB) as a PNG, atomically. */
export async function writePhoto(
  path: string,
  photo: { readonly width: number; readonly height: number; readonly pixels: Uint8Array },
): Promise<void> {
  const png = encodePng(
    { width: photo.width, height: photo.height, channels: 3, data: photo.pixels },
    { level: PNG_LEVEL },
  );
  await writeFileAtomic(path, png);
}

/** What the command line of a set generator with videos asks for. */
export interface SetCliOptions {
  readonly out?: string;
  readonly count?: number;
  readonly seed?: number;
  /** Where the videos go; null: none. */
  readonly videos: string | null;
  readonly force: boolean;
}

/**
 * The command line of generate-documents.ts and generate-selfies.ts:
 * `[--out DIR] [--count N] [--seed S] [--videos DIR | --no-videos] [--force]` (node:util's parser:
 * unknown options and missing values are errors).
 */
export function parseSetCli(args: readonly string[], defaultVideos: string): SetCliOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      out: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
      videos: { type: 'string' },
      'no-videos': { type: 'boolean' },
      force: { type: 'boolean' },
    },
  });
  const number = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  return {
    out: values.out,
    count: number(values.count),
    seed: number(values.seed),
    videos: values['no-videos'] ? null : (values.videos ?? defaultVideos),
    force: values.force ?? false,
  };
}

/** A set writer's `onProgress` for a command line: every 50th photo and the last, with the time. */
export const progressOnStderr =
  (seconds: () => string) =>
  (done: number, total: number): void => {
    if (done % 50 === 0 || done === total)
      process.stderr.write(`${done}/${total} (${seconds()} s)\n`);
  };

/**
 * Runs `main` when the module at `moduleUrl` is the script node was started with (not when it is
 * imported, nor in a worker), reporting failure through the exit code. No top-level await, as in
 * make-y4m.ts.
 */
export function runIfMain(moduleUrl: string, main: () => Promise<void>): void {
  if (!isMainThread || !process.argv[1]) return;
  if (moduleUrl !== pathToFileURL(resolve(process.argv[1])).href) return;
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

// ---------------------------------------------------------------------------------------------
// The scene families (scripts/families/): sets written whole on every run (no stamp), JPEG or PNG.

/** How a family's images are written: JPEG as a phone delivers them (default), or lossless PNG. */
export type FamilyFormat = 'jpeg' | 'png';

/**
 * The variants of a family's set of `count` items: `acceptableShare` of them the acceptable variant
 * (the one labelled with no issue), the rest spread evenly over the issues in `variants`' order, an
 * issue with several variants taking them in turn; then shuffled with `random`.
 */
export function planFamilyVariants<V extends string>(
  variants: Readonly<Record<V, string | null>>,
  acceptableShare: number,
  count: number,
  random: () => number,
): V[] {
  const names = Object.keys(variants) as V[];
  const accepted = names.find((v) => variants[v] === null)!;
  const degraded = names.filter((v) => variants[v] !== null);
  const issues = [...new Set(degraded.map((v) => variants[v]))];
  const turn = new Map<string | null, number>();
  const plan: V[] = Array.from({ length: Math.round(count * acceptableShare) }, () => accepted);
  for (let k = 0; plan.length < count; k++) {
    const issue = issues[k % issues.length]!;
    const options = degraded.filter((v) => variants[v] === issue);
    turn.set(issue, (turn.get(issue) ?? -1) + 1);
    plan.push(options[turn.get(issue)! % options.length]!);
  }
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }
  return plan;
}

/** One manifest item of a document family (scripts/eval.ts reads image, kind, expect, corners, document). */
export interface FamilyItem<
  F extends string,
  V extends string,
  D extends string,
> extends LabelledItem {
  readonly kind: 'document';
  readonly family: F;
  readonly variant: V;
  readonly corners: Quad | null;
  readonly document: D;
  readonly seed: number;
  readonly size: [number, number];
  readonly params: Record<string, unknown>;
}

/** What a family's renderer knows of one image, for {@link familyItem}. */
export interface FamilyImage<F extends string, V extends string, D extends string> {
  readonly family: F;
  /** Index in the set (0-based; files are numbered from 1). */
  readonly index: number;
  readonly variant: V;
  /** The issue the variant is labelled with (null: acceptable). */
  readonly issue: string | null;
  /** The document's true corners (null without one). */
  readonly corners: Quad | null;
  readonly document: D;
  readonly seed: number;
  readonly width: number;
  readonly height: number;
  readonly format: FamilyFormat;
  /** The scene's parameters, in the order the manifest lists them. */
  readonly params: Record<string, unknown>;
  /** JPEG quality (recorded with the parameters when the image is a JPEG). */
  readonly quality: number;
}

/** A family image's manifest item: its file name, labels, corners to 0.01 px and parameters. */
export function familyItem<F extends string, V extends string, D extends string>(
  image: FamilyImage<F, V, D>,
): FamilyItem<F, V, D> {
  const { index, variant, issue, format } = image;
  return {
    image: `${String(index + 1).padStart(4, '0')}-${variant}.${format === 'jpeg' ? 'jpg' : 'png'}`,
    kind: 'document',
    family: image.family,
    variant,
    expect: { acceptable: issue === null, issues: issue ? [issue] : [] },
    corners: image.corners
      ? (image.corners.map(([x, y]) => [round(x, 2), round(y, 2)]) as unknown as Quad)
      : null,
    document: image.document,
    seed: image.seed,
    size: [image.width, image.height],
    params: { ...image.params, ...(format === 'jpeg' ? { jpegQuality: image.quality } : {}) },
  };
}

/** What every family scene records: its document's corners and kind, its camera and pose. */
export interface FamilyScene {
  readonly corners: Quad | null;
  readonly document: string;
  readonly camera: { readonly fovDeg: number };
  readonly tiltDeg: number;
  readonly rollDeg: number;
  /** The document's projected area over the frame's. */
  readonly fill: number;
}

/** How a family renders one item ({@link familyRenderItem}): its scene, its pixels, its record. */
export interface FamilyRendering<F extends string, V extends string, S extends FamilyScene, E> {
  readonly family: F;
  /** Each variant's issue (null: acceptable). */
  readonly variants: Readonly<Record<V, string | null>>;
  /** Default image size. */
  readonly width: number;
  readonly height: number;
  /** The range JPEG qualities are drawn from. */
  readonly jpegQuality: readonly [number, number];
  /** Each item's own seed, from the set's seed and its index. */
  readonly itemSeed: (seed: number, index: number) => number;
  /** Mixed into the item's seed for the sensor noise, and for the JPEG quality. */
  readonly noiseSalt: number;
  readonly qualitySalt: number;
  /** Draws the item's scene from its seed. */
  readonly draw: (variant: V, seed: number, width: number, height: number) => S;
  /** Renders a scene to 8-bit RGB with sensor noise from `noiseSeed`. */
  readonly render: (scene: S, noiseSeed: number) => { rgb: Uint8Array; exposure: E };
  /** The scene's own parameters the manifest records (after its camera's and pose's). */
  readonly params: (scene: S, exposure: E) => Record<string, unknown>;
}

/**
 * A family's `renderItem(index, variant, seed, width?, height?, format?)`: the item's scene drawn
 * from its own seed, rendered, encoded, and its manifest entry; the scene and the exposure too.
 */
export function familyRenderItem<F extends string, V extends string, S extends FamilyScene, E>(
  rendering: FamilyRendering<F, V, S, E>,
): (
  index: number,
  variant: V,
  seed: number,
  width?: number,
  height?: number,
  format?: FamilyFormat,
) => { file: Buffer; item: FamilyItem<F, V, S['document']>; scene: S; exposure: E } {
  const r = rendering;
  return (index, variant, seed, width = r.width, height = r.height, format = 'jpeg') => {
    const s = r.itemSeed(seed, index);
    const scene = r.draw(variant, s, width, height);
    const { rgb, exposure } = r.render(scene, s ^ r.noiseSalt);
    const quality = Math.round(within(prng(s ^ r.qualitySalt), r.jpegQuality));
    const item = familyItem({
      family: r.family,
      index,
      variant,
      issue: r.variants[variant],
      corners: scene.corners,
      document: scene.document,
      seed: s,
      width,
      height,
      format,
      quality,
      params: {
        fovDeg: round(scene.camera.fovDeg, 1),
        tiltDeg: round(scene.tiltDeg, 1),
        rollDeg: round(scene.rollDeg, 1),
        fill: round(scene.fill, 4),
        ...r.params(scene, exposure),
      },
    });
    return { file: encodeFamilyImage(rgb, width, height, format, quality), item, scene, exposure };
  };
}

/** A family image's file: 8-bit RGB as a JPEG at `quality` (as a phone delivers it), or a PNG. */
export function encodeFamilyImage(
  rgb: Uint8Array,
  width: number,
  height: number,
  format: FamilyFormat,
  quality: number,
): Buffer {
  return format === 'jpeg'
    ? encodeJpeg({ width, height, data: rgb }, quality)
    : encodePng({ width, height, channels: 3, data: rgb });
}

/** Options of a family's set writer ({@link writeFamilySet}). */
export interface FamilySetOptions {
  readonly out?: string;
  readonly count?: number;
  readonly seed?: number;
  readonly width?: number;
  readonly height?: number;
  /** Default 'jpeg' (quality drawn per item); 'png' for lossless images. */
  readonly format?: FamilyFormat;
  /** Worker threads (default: the cores, at most 4); 1 renders in this thread. */
  readonly workers?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** One image of a family's set to render and write (what the worker threads are sent). */
export interface FamilyJob<V extends string> {
  readonly index: number;
  readonly variant: V;
  readonly seed: number;
  readonly width: number;
  readonly height: number;
  readonly format: FamilyFormat;
  readonly dir: string;
}

/** What a family gives {@link writeFamilySet}: its name, defaults, plan and renderer. */
export interface FamilyDefinition<V extends string, I extends LabelledItem> {
  /** Written at the manifest's top. */
  readonly family: string;
  /** Defaults of the options' out, count, width and height. */
  readonly dir: string;
  readonly count: number;
  readonly width: number;
  readonly height: number;
  /** The variant of each item of a set of `count` (one per item, in order). */
  readonly plan: (count: number, seed: number) => readonly V[];
  /** The worker module: it calls {@link serveJobs} with `render`. */
  readonly workerModule: URL;
  /** Renders one job's image into its folder and returns its manifest item. */
  readonly render: (job: FamilyJob<V>) => Promise<I>;
}

/**
 * A family's `renderToFile`: renders a job's image with `renderItem` and writes it into the job's
 * folder under the item's name; resolves with the item.
 */
export function familyRenderer<V extends string, I extends LabelledItem>(
  renderItem: (
    index: number,
    variant: V,
    seed: number,
    width: number,
    height: number,
    format: FamilyFormat,
  ) => { readonly file: Uint8Array; readonly item: I },
): (job: FamilyJob<V>) => Promise<I> {
  return async (job) => {
    const { file, item } = renderItem(
      job.index,
      job.variant,
      job.seed,
      job.width,
      job.height,
      job.format,
    );
    await writeFile(join(job.dir, item.image), file);
    return item;
  };
}

/**
 * Writes a family's set: every image (on worker threads) and manifest.json
 * ({@link finishFamilySet}). Returns the manifest's path and the items.
 */
export async function writeFamilySet<V extends string, I extends LabelledItem>(
  options: FamilySetOptions,
  definition: FamilyDefinition<V, I>,
): Promise<{ manifestPath: string; items: I[] }> {
  const out = resolve(options.out ?? definition.dir);
  const seed = options.seed ?? 1;
  await mkdir(out, { recursive: true });
  const jobs: FamilyJob<V>[] = definition
    .plan(options.count ?? definition.count, seed)
    .map((variant, index) => ({
      index,
      variant,
      seed,
      width: options.width ?? definition.width,
      height: options.height ?? definition.height,
      format: options.format ?? 'jpeg',
      dir: out,
    }));
  // Each item depends only on its own seed, so the threads change nothing but the time.
  const items = await runJobs(
    definition.workerModule,
    jobs,
    options.workers ?? defaultWorkers(),
    definition.render,
    options.onProgress,
  );
  return { manifestPath: await finishFamilySet(out, items, definition.family), items };
}

/**
 * Writes a family's manifest.json ({@link formatManifest}) in `dir` after removing the numbered
 * images (`numbered`, by default `0000-name.png` and `.jpg`) that are not in `items`.
 * @returns the manifest's path
 */
export async function finishFamilySet(
  dir: string,
  items: readonly LabelledItem[],
  family: string,
  numbered = /^\d{4}-[a-z_]+\.(png|jpg)$/,
): Promise<string> {
  await removeStaleImages(dir, items, numbered);
  const manifestPath = join(dir, 'manifest.json');
  await writeFile(manifestPath, formatManifest(items, family));
  return manifestPath;
}

/** A family's command line: `--out DIR --count N --seed S --format jpeg|png`. */
export function parseFamilyCli(argv: readonly string[]): FamilySetOptions {
  const options: { out?: string; count?: number; seed?: number; format?: FamilyFormat } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    if (arg === '--out') options.out = value;
    else if (arg === '--count') options.count = Number(value);
    else if (arg === '--seed') options.seed = Number(value);
    else if (arg === '--format' && (value === 'jpeg' || value === 'png')) options.format = value;
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

/**
 * A family script's main ({@link runIfMain}): writes the set `generate` makes of the command line's
 * arguments, then prints the manifest's path, the count and the time, and the count per variant
 * (or why the set was skipped).
 */
export function familyMain(
  moduleUrl: string,
  generate: (
    argv: readonly string[],
  ) => Promise<
    { manifestPath: string; items: readonly { readonly variant: string }[] } | { skipped: string }
  >,
): void {
  runIfMain(moduleUrl, async () => {
    const started = performance.now();
    const result = await generate(process.argv.slice(2));
    if ('skipped' in result) {
      console.log(result.skipped);
      return;
    }
    const counts: Record<string, number> = {};
    for (const item of result.items) counts[item.variant] = (counts[item.variant] ?? 0) + 1;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${result.manifestPath}: ${result.items.length} photos in ${seconds} s`);
    console.log(JSON.stringify(counts));
  });
}
