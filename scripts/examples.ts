// The example apps under examples/, as an integrator builds them: the package packed into a tarball
// (`npm pack`, exactly what the registry would get), installed into each app from that tarball with
// the app's own lockfile, built by the app's own bundler, and served as static files next to the
// mock backend (which plays the integrator's backend). The examples' e2e test
// (test/examples/examples.test.ts) and the size report (scripts/size.ts) use this.
//
//   node --import tsx scripts/examples.ts [--serve <name>] [--port 5174] [name...]
//     packs, installs and builds the named examples (default all); --serve then serves one.
//
// Each example's package.json depends on `file:../../.tmp/pack/kyc-capture.tgz`, and its committed
// lockfile records no integrity for that one entry: npm would otherwise take the package from its
// cache by the old integrity and test a stale build (seen here). `npm run examples:lock` rewrites
// the lockfiles that way.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright';
import { createMockBackend, type MockBackend } from '../mock/index.ts';
import { launchBrowser, newPage, waitForVerdict } from '../test/e2e/harness.ts';
import { generateDocumentVideos } from './generate-documents.ts';
import { REPO_ROOT } from './browser-runner.ts';
import { sendFile } from './static-files.ts';

const run = promisify(execFile);

/** The example apps, by folder name. */
export const EXAMPLES = ['vite', 'react', 'vue', 'webpack', 'no-bundler'] as const;
/** One example app. */
export type ExampleName = (typeof EXAMPLES)[number];

/** Where `npm pack` writes the tarball the examples install. */
export const PACK_DIR = resolve(REPO_ROOT, '.tmp/pack');
/** The tarball, under the fixed name the examples' package.json files name. */
export const TARBALL = join(PACK_DIR, 'kyc-capture.tgz');

/** An example's folder. */
export const exampleDir = (name: ExampleName): string => resolve(REPO_ROOT, 'examples', name);
/** What an example's build writes, and what is served. */
export const exampleDist = (name: ExampleName): string => join(exampleDir(name), 'dist');

type Log = (line: string) => void;

async function npm(cwd: string, args: string[], log: Log): Promise<string> {
  log(`$ (${cwd.replace(`${REPO_ROOT}/`, '')}) npm ${args.join(' ')}`);
  try {
    // Without the caller's NODE_ENV: a Vite build earlier in the same process (npm run size) sets
    // it to production, and `npm ci` would then leave out the app's devDependencies.
    const env = { ...process.env };
    delete env['NODE_ENV'];
    const { stdout } = await run('npm', args, {
      cwd,
      maxBuffer: 64 << 20,
      env: { ...env, npm_config_audit: 'false', npm_config_fund: 'false' },
    });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${stdout}${stderr}`, {
      cause: error,
    });
  }
}

/** Builds the library and packs it into {@link TARBALL}; resolves with its path. */
export async function packTarball(log: Log = () => {}): Promise<string> {
  await npm(REPO_ROOT, ['run', 'build'], log);
  await mkdir(PACK_DIR, { recursive: true });
  const stdout = await npm(REPO_ROOT, ['pack', '--json', '--pack-destination', PACK_DIR], log);
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (!packed) throw new Error('npm pack reported no file');
  await rename(join(PACK_DIR, packed.filename), TARBALL);
  return TARBALL;
}

/** An example's lockfile: its path and what these scripts read of it. */
async function readLockfile(name: ExampleName): Promise<{
  path: string;
  lock: { packages: Record<string, { integrity?: string }> };
}> {
  const path = join(exampleDir(name), 'package-lock.json');
  return { path, lock: JSON.parse(await readFile(path, 'utf8')) };
}

/** Fails when the example's lockfile pins the tarball's integrity (see the top of this file). */
async function checkLockfile(name: ExampleName): Promise<void> {
  const { lock } = await readLockfile(name);
  const entry = lock.packages['node_modules/kyc-capture'];
  if (!entry) throw new Error(`examples/${name}/package-lock.json has no kyc-capture entry`);
  if (entry.integrity)
    throw new Error(
      `examples/${name}/package-lock.json pins kyc-capture's integrity, so npm would install a ` +
        'stale copy from its cache: run `npm run examples:lock`',
    );
}

/**
 * Installs the example's dependencies (its lockfile; kyc-capture from {@link TARBALL}, which must
 * exist) and runs its build. Resolves with the folder to serve.
 */
export async function buildExample(name: ExampleName, log: Log = () => {}): Promise<string> {
  await checkLockfile(name);
  const dir = exampleDir(name);
  await rm(join(dir, 'dist'), { recursive: true, force: true });
  await npm(dir, ['ci'], log);
  await npm(dir, ['run', 'build'], log);
  return exampleDist(name);
}

/**
 * Rewrites each example's lockfile from its package.json (`npm install --package-lock-only`) and
 * drops the tarball's integrity. Run after changing an example's dependencies or the package's.
 */
export async function relockExamples(names: readonly ExampleName[], log: Log): Promise<void> {
  for (const name of names) {
    const dir = exampleDir(name);
    await npm(dir, ['install', '--package-lock-only'], log);
    const { path, lock } = await readLockfile(name);
    delete lock.packages['node_modules/kyc-capture']?.integrity;
    await writeFile(path, `${JSON.stringify(lock, null, 2)}\n`);
  }
}

/** A served example. */
export interface ServedExample {
  /** Origin with a trailing slash. */
  readonly url: string;
  /** The mock backend behind it, for tests to inspect what it received. */
  readonly backend: MockBackend;
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Serves a built example's folder as static files (index.html for `/`) on 127.0.0.1, with the mock
 * backend on the same origin, as an integrator's web server and API would be. Anything else is a
 * 404: nothing is served from the repository or node_modules. `missing` makes the paths it matches
 * a 404 too, as on a server where a copy step was forgotten; `headers` go on every file (a CSP).
 */
export async function serveExample(
  root: string,
  options: { port?: number; missing?: RegExp; headers?: Record<string, string> } = {},
): Promise<ServedExample> {
  const backend = createMockBackend();
  const server: Server = createServer((request, response) => {
    backend.middleware(request, response, () => {
      const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
      const head = request.method === 'HEAD';
      if (request.method !== 'GET' && !head) {
        response.writeHead(405).end();
        return;
      }
      if (options.missing?.test(pathname)) {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      sendFile(response, root, pathname, {
        index: 'index.html',
        head,
        headers: options.headers,
      }).then(
        (sent) => {
          if (!sent) response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        },
        (error: unknown) => {
          if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
          response.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/`,
    backend,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** What an example loads before the first analysed camera frame (gzip level 9 of each file). */
export interface ExampleJsSize {
  /** JavaScript, on a flow of the document's two sides only (`steps`: no face code is needed). */
  readonly documentOnly: number;
  /** JavaScript, on the default flow (front, back, selfie: the portrait check starts the face worker). */
  readonly withSelfie: number;
  /** Other files on the default flow by then (the face detector's wasm and model, when fetched). */
  readonly withSelfieAssets: number;
}

/**
 * Opens an example at `url` as a person would, up to its "Verify my identity" button (the app asks
 * its backend for a session and mounts `<kyc-capture>`); resolves once the element is there.
 */
export async function openExample(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Verify my identity' }).click();
  await page.locator('kyc-capture').waitFor({ state: 'attached' });
}

/** On the element's intro: the document (none when the flow has no document step), consent, Start. */
export async function startFlow(
  page: Page,
  documentName: string | null = 'Identity card',
): Promise<void> {
  if (documentName) await page.getByRole('radio', { name: documentName }).check();
  await page.getByRole('checkbox', { name: /I agree/ }).check();
  await page.getByRole('button', { name: 'Start' }).click();
}

/** Starts the example's flow on `page` (identity card) and waits for the first analysed frame. */
async function toFirstFrame(page: Page, url: string, steps?: readonly string[]): Promise<void> {
  await openExample(page, url);
  if (steps)
    await page.evaluate((s) => {
      document.querySelector('kyc-capture')!.steps = [...s] as never;
    }, steps);
  await startFlow(page);
  await waitForVerdict(page);
}

/** Gzipped bytes of the responses `page` got so far, split into JavaScript and the rest. */
function recordResponses(page: Page): () => Promise<{ js: number; other: number }> {
  const seen = new Map<string, boolean>();
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (response.ok() && /^https?:/.test(response.url()) && !type.startsWith('text/html'))
      seen.set(response.url(), type.includes('javascript'));
  });
  return async () => {
    const total = { js: 0, other: 0 };
    for (const [url, isJs] of seen) {
      if (new URL(url).pathname.startsWith('/demo/') || url.includes('/api/')) continue;
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      total[isJs ? 'js' : 'other'] += gzipSync(bytes, { level: 9 }).length;
    }
    return total;
  };
}

/**
 * Measures what a served example loads before the first analysed frame, in a fresh page of
 * `browser` (whose fake camera should show a document): on a document-only flow and on the default
 * flow with its selfie step.
 */
export async function measureExampleJs(browser: Browser, url: string): Promise<ExampleJsSize> {
  const measure = async (steps?: readonly string[]) => {
    const page = await newPage(browser);
    try {
      const sizes = recordResponses(page);
      await toFirstFrame(page, url, steps);
      return await sizes();
    } finally {
      await page.close();
    }
  };
  const documentOnly = await measure(['document_front', 'document_back']);
  const withSelfie = await measure();
  return {
    documentOnly: documentOnly.js,
    withSelfie: withSelfie.js,
    withSelfieAssets: withSelfie.other,
  };
}

/**
 * Packs the package, builds each example and measures what it loads before the first frame
 * ({@link measureExampleJs}), with the fake camera showing a generated identity card.
 */
export async function measureExamples(
  names: readonly ExampleName[],
  log: Log = () => {},
): Promise<Map<ExampleName, ExampleJsSize>> {
  await packTarball(log);
  const { good } = await generateDocumentVideos();
  const browser = await launchBrowser({ y4m: good });
  const sizes = new Map<ExampleName, ExampleJsSize>();
  try {
    for (const name of names) {
      const served = await serveExample(await buildExample(name, log));
      try {
        sizes.set(name, await measureExampleJs(browser, served.url));
      } finally {
        await served.close();
      }
    }
  } finally {
    await browser.close();
  }
  return sizes;
}

/** The sizes as a table, one example a line (kB = 1000 bytes, gzip). */
export function exampleSizeTable(sizes: ReadonlyMap<ExampleName, ExampleJsSize>): string {
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`.padStart(9);
  return [
    'JS an example app loads before the first analysed frame (gzip):',
    `  ${'example'.padEnd(11)} ${'document-only'.padStart(13)} ${'with selfie'.padStart(12)}  (+ wasm and model by then)`,
    ...[...sizes].map(
      ([name, size]) =>
        `  ${name.padEnd(11)} ${kb(size.documentOnly).padStart(13)} ${kb(size.withSelfie).padStart(12)}  (+ ${kb(size.withSelfieAssets).trim()})`,
    ),
  ].join('\n');
}

function isExample(name: string): name is ExampleName {
  return (EXAMPLES as readonly string[]).includes(name);
}

async function main(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      serve: { type: 'string' },
      port: { type: 'string', default: '5174' },
      lock: { type: 'boolean', default: false },
    },
  });
  const unknown = positionals.filter((name) => !isExample(name));
  if (unknown.length) throw new Error(`unknown example(s): ${unknown.join(', ')}`);
  const names = positionals.length ? (positionals as ExampleName[]) : [...EXAMPLES];
  const log: Log = (line) => process.stderr.write(`${line}\n`);
  if (values.lock) {
    await relockExamples(names, log);
    return;
  }
  await packTarball(log);
  for (const name of names) await buildExample(name, log);
  if (values.serve) {
    if (!isExample(values.serve)) throw new Error(`unknown example ${values.serve}`);
    const served = await serveExample(exampleDist(values.serve), { port: Number(values.port) });
    process.stdout.write(`examples/${values.serve} at ${served.url}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`examples: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
