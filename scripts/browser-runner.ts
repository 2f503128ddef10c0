// Runs TypeScript functions from src/ inside headless Chromium, for the eval and bench CLIs: the
// quality checks must be measured where they ship (a browser's canvas decoding, JIT and timers),
// not in Node. A page module (e.g. scripts/eval-page.ts) is bundled with esbuild in memory and
// served, with the folders it needs, by a small static server on 127.0.0.1; Node then calls the
// module's exports by name. Nothing is fetched from the network.
//
// The SDK starts its workers as `new Worker(new URL('./x.ts', import.meta.url))`; bundled, those
// URLs resolve next to /page.js, so each worker entry is bundled too and served at that name (see
// PAGE_WORKERS), and the face detector's files are served where the bundled page resolves them
// (`new URL('./mediapipe/<file>', import.meta.url)` from /page.js: /mediapipe/<file>), as a build
// would emit them, so the default asset URLs work unchanged.
//
// esbuild is the one tsx and @web/dev-server-esbuild already run on (0.27): it bundles a page in
// tens of milliseconds, without the config, plugins and output folder a Vite build would involve.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright';
import { baseArgs, chromiumExecutable } from '../test/browser.mjs';
import { MEDIAPIPE_PATCHED_ID, patchMediapipe } from './mediapipe-glue.ts';
import { CONTENT_TYPES, sendFile } from './static-files.ts';
import { findMediapipeAsset, mediapipeAssetHeaders } from './vite-mediapipe-assets.ts';

/** The repository root, whatever the working directory. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** URL prefix under which the repository is served (for classic scripts in node_modules). */
export const REPO_PREFIX = '/repo/';

/**
 * The SDK's module workers the page may start: URL path (what `new URL('./x.ts', import.meta.url)`
 * gives next to /page.js) → entry module. Each is bundled on its own and served as JavaScript.
 */
export const PAGE_WORKERS: Readonly<Record<string, string>> = {
  '/face-worker.ts': resolve(REPO_ROOT, 'src/face/face-worker.ts'),
  '/worker.ts': resolve(REPO_ROOT, 'src/quality/worker.ts'),
};

/** Where the face detector's files are served: `mediapipe/` next to /page.js. */
const PAGE_ASSET_DIR = '/mediapipe/';

/** Name on `globalThis` under which the page keeps the bundled module's exports. */
const PAGE_EXPORTS = '__kycPageModule';

/**
 * What a page module may export: functions whose arguments and results cross `page.evaluate`
 * (`object`, not a record type, so that interfaces describing a page qualify).
 */
export type PageModule = object;

/** The exports of `Api` that are functions, i.e. what {@link BrowserRunner.call} can call. */
export type PageFunctionName<Api> = {
  [K in keyof Api]: Api[K] extends (...args: never[]) => unknown ? K : never;
}[keyof Api] &
  string;

/** Parameters of a page function (never[] when `Api[K]` is not a function, which cannot happen). */
type PageArgs<F> = F extends (...args: infer A) => unknown ? A : never;
/** Settled result of a page function. */
type PageResult<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

/** Options of {@link startBrowserRunner}. */
export interface BrowserRunnerOptions {
  /** Absolute path of the TypeScript module whose exports the page exposes. */
  entry: string;
  /**
   * Extra folders to serve: URL prefix (starting and ending with `/`) → absolute folder, e.g. a
   * manifest's folder outside the repository. The repository itself is always under `/repo/`.
   */
  mounts?: Readonly<Record<string, string>>;
  /** Browser console lines are echoed to stderr when true (debugging a page module). */
  echoConsole?: boolean;
}

/** A page running the bundled module, and the means to call it. */
export interface BrowserRunner<Api extends PageModule> {
  /** The Playwright page, for anything beyond calling exports. */
  readonly page: Page;
  /** Origin of the static server, with a trailing slash. */
  readonly origin: string;
  /**
   * Calls the page module's export `name` with `args` (structured-cloned into the page) and
   * returns its settled result (cloned back, so it must be plain data).
   */
  call<K extends PageFunctionName<Api>>(
    name: K,
    ...args: PageArgs<Api[K]>
  ): Promise<PageResult<Api[K]>>;
  /** Closes the browser and the server. */
  close(): Promise<void>;
}

/** The page: loads the bundle and publishes its exports for {@link BrowserRunner.call}. */
const INDEX_HTML = `<!doctype html>
<meta charset="utf-8">
<title>kyc-capture page runner</title>
<script type="module">
  import * as pageModule from './page.js';
  globalThis.${PAGE_EXPORTS} = pageModule;
  document.documentElement.dataset.ready = 'true';
</script>
`;

/**
 * Bundles `entry` (and what it imports from src/) and the {@link PAGE_WORKERS} for the browser, in
 * memory, keyed by the URL path each is served at.
 */
async function bundle(entry: string): Promise<Map<string, Uint8Array>> {
  // Output name → served path: the page as /page.js, each worker under its source URL.
  const served = new Map<string, string>([['page', '/page.js']]);
  const entryPoints: Record<string, string> = { page: entry };
  for (const [index, [path, source]] of Object.entries(PAGE_WORKERS).entries()) {
    entryPoints[`worker-${index}`] = source;
    served.set(`worker-${index}`, path);
  }
  const result = await build({
    entryPoints,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    tsconfig: resolve(REPO_ROOT, 'tsconfig.json'),
    // Inline maps: stack traces from the page then name src/ files and lines.
    sourcemap: 'inline',
    write: false,
    outdir: '/',
    logLevel: 'silent',
    plugins: [
      {
        // The tasks-vision files bundled into the face worker, patched as the builds patch them.
        name: 'kyc-mediapipe-patches',
        setup(builder) {
          builder.onLoad({ filter: MEDIAPIPE_PATCHED_ID }, async (args) => ({
            contents: patchMediapipe(args.path, await readFile(args.path, 'utf8'))!,
            loader: 'js',
          }));
        },
      },
    ],
  });
  const files = new Map<string, Uint8Array>();
  for (const file of result.outputFiles) {
    const name = relative('/', file.path).replace(/\.js$/, '');
    files.set(served.get(name) ?? `/${relative('/', file.path)}`, file.contents);
  }
  return files;
}

/** Serves the bundle from memory and the mounted folders from disk, read-only. */
function startServer(
  files: ReadonlyMap<string, Uint8Array>,
  mounts: Readonly<Record<string, string>>,
): Promise<Server> {
  const mountList = Object.entries(mounts).sort(([a], [b]) => b.length - a.length);
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // Cross-origin isolation (everything here is same-origin) gives performance.now() 5 µs
    // resolution instead of 100 µs: the checks being timed take about a millisecond.
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    response.setHeader('Cache-Control', 'no-store');
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    if (pathname === '/' || pathname === '/index.html') {
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES['.html'] }).end(INDEX_HTML);
      return;
    }
    const built = files.get(pathname);
    if (built) {
      // Everything built is JavaScript, whatever its name (workers keep their .ts source name).
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES['.js'] }).end(built);
      return;
    }
    const asset = findMediapipeAsset(pathname, PAGE_ASSET_DIR);
    if (asset) {
      response.writeHead(200, mediapipeAssetHeaders(asset)).end(asset.bytes());
      return;
    }
    const mount = mountList.find(([prefix]) => pathname.startsWith(prefix));
    if (mount && (await sendFile(response, mount[1], pathname.slice(mount[0].length)))) return;
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${pathname}`);
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(String(error));
    });
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(server));
  });
}

/** Checks that every mount is an absolute folder under a `/…/` prefix, before anything starts. */
function validateMounts(mounts: Readonly<Record<string, string>>): void {
  for (const [prefix, root] of Object.entries(mounts)) {
    if (!/^\/[^/].*\/$/.test(prefix) || prefix === '/' || prefix === '/page.js') {
      throw new Error(`mount prefix must look like "/name/": ${prefix}`);
    }
    if (!isAbsolute(root)) throw new Error(`mount folder must be absolute: ${root}`);
  }
}

/**
 * Bundles `options.entry`, serves it, opens it in headless Chromium (test/browser.mjs decides which
 * binary and flags) and waits until its exports are reachable. Close the runner when done.
 */
export async function startBrowserRunner<Api extends PageModule>(
  options: BrowserRunnerOptions,
): Promise<BrowserRunner<Api>> {
  const mounts = { [REPO_PREFIX]: REPO_ROOT, ...options.mounts };
  validateMounts(mounts);
  const files = await bundle(options.entry);
  const server = await startServer(files, mounts);
  const closeServer = () => new Promise<void>((done) => server.close(() => done()));
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: chromiumExecutable(),
      headless: true,
      args: [...baseArgs],
    });
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    if (options.echoConsole) {
      page.on('console', (message) => process.stderr.write(`[page] ${message.text()}\n`));
    }
    const { port } = server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}/`;
    await page.goto(origin);
    await page
      .waitForFunction(() => document.documentElement.dataset.ready === 'true', undefined, {
        timeout: 30_000,
      })
      .catch((error: unknown) => {
        throw new Error(`the page module did not load: ${pageErrors.join('\n') || String(error)}`);
      });
    const openedBrowser = browser;
    return {
      page,
      origin,
      async call(name, ...args) {
        // The callback is shipped to the page as source: it must stay free of named inner
        // functions, which tsx's keepNames would wrap in a `__name` helper the page lacks.
        return page.evaluate(
          ([key, exportName, callArgs]) => {
            const pageModule = (globalThis as unknown as Record<string, Record<string, unknown>>)[
              key
            ];
            const fn = pageModule?.[exportName];
            if (typeof fn !== 'function') throw new Error(`the page exports no ${exportName}()`);
            return (fn as (...a: unknown[]) => unknown)(...callArgs);
          },
          [PAGE_EXPORTS, name, args as unknown[]] as const,
        ) as Promise<PageResult<Api[typeof name]>>;
      },
      async close() {
        await openedBrowser.close();
        await closeServer();
      },
    };
  } catch (error) {
    await browser?.close();
    await closeServer();
    throw error;
  }
}
