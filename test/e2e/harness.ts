// Building blocks of the end-to-end tests: the demo server (Vite + the mock backend on one origin),
// Chromium with a fake camera fed from generated videos, a camera whose picture can be swapped
// mid-run, and recorders for requests and console errors.
import { randomBytes } from 'node:crypto';
import { copyFile, open, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright';
import { build, preview } from 'vite';
import { makeY4mFixtures } from '../../scripts/make-y4m.ts';
import { baseArgs, chromiumExecutable, fakeCameraArgs } from '../browser.mjs';

/** The repository root, so the tests behave the same from any working directory. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A running demo server. */
export interface DemoServer {
  /** Origin with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  /** Stops the server and its dependency optimiser. */
  close(): Promise<void>;
}

/** Options of {@link startDemoServer}; the defaults are what the tests use. */
export interface DemoServerOptions {
  /** Vite config file. Default: the repository's `vite.config.ts`. */
  configFile?: string;
  /** Project root served by Vite. Default: the repository root. */
  root?: string;
  /** Headers added to every file the server serves (the page, its scripts and workers). */
  headers?: Record<string, string>;
}

/**
 * Builds the demo and serves it (index.html, demo/ and the mock backend on the same origin) on a free port of
 * 127.0.0.1, which is a secure context, so `getUserMedia` is available without TLS.
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const root = options.root ?? REPO_ROOT;
  const configFile = options.configFile ?? resolve(root, 'vite.config.ts');
  // The production build, as an integrator ships it, served by `vite preview` with the mock mounted:
  // no dev client, no HMR websocket, so every request the page makes is one of ours.
  // KYC_E2E_OUT moves it: worktrees sharing one node_modules would otherwise build into one folder.
  const outDir = process.env.KYC_E2E_OUT
    ? resolve(process.env.KYC_E2E_OUT)
    : resolve(root, 'node_modules/.kyc-e2e-demo');
  await build({ configFile, root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    configFile,
    root,
    logLevel: 'error',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false, headers: options.headers },
  });
  const address = server.httpServer.address() as AddressInfo | null;
  if (!address) {
    await server.close();
    throw new Error('the demo server did not report its address');
  }
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}

/** Options of {@link launchBrowser}. */
export interface LaunchOptions {
  /** Absolute path of a `.y4m` video the fake camera plays (looped); default: Chromium's test pattern. */
  y4m?: string;
  /** Make every `getUserMedia` call reject with `NotAllowedError`, as when the user blocks the camera. */
  denyCamera?: boolean;
}

/**
 * The Chromium flags for {@link launchBrowser}.
 *
 * Denying: `--use-fake-ui-for-media-stream` accepts every request and wins over the context's
 * permissions (seen here: with it, `newContext({ permissions: [] })` reports "denied" to the
 * Permissions API yet `getUserMedia` still succeeds). Its `=deny` value makes the fake UI refuse
 * instead: `getUserMedia` rejects with `NotAllowedError` and `permissions.query({ name: 'camera' })`
 * says "denied" up front, for every context of the browser. Also seen here (Chromium 156, headless):
 * leaving the flag out altogether denies too, because headless Chromium dismisses the prompt (state
 * "prompt" then "denied"), and so does `--deny-permission-prompts`; but those rely on headless
 * behaviour (a headed browser would wait on a real prompt), so the explicit `=deny` is used.
 */
export function browserArgs(options: LaunchOptions = {}): string[] {
  const camera = fakeCameraArgs(options.y4m).map((arg: string) =>
    options.denyCamera && arg === '--use-fake-ui-for-media-stream'
      ? '--use-fake-ui-for-media-stream=deny'
      : arg,
  );
  return [...baseArgs, ...camera];
}

/** Headless Chromium (Debian's, see test/browser.mjs) with a fake camera. Close it in `after`. */
export function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    headless: true,
    args: browserArgs(options),
  });
}

/**
 * A page in a fresh context of `browser`, ready for `page.evaluate` with functions written in these
 * TypeScript tests. tsx compiles them with esbuild's `keepNames`, which wraps named functions
 * (`const f = () => ...`, object methods) in calls to a `__name` helper that exists in node but not
 * in the page, so such a callback throws "ReferenceError: __name is not defined" once Playwright
 * ships its source to the browser. The init script defines the helper in every document first.
 */
export async function newPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext(options);
  await context.addInitScript(() => {
    const scope = globalThis as typeof globalThis & { __name?: unknown };
    scope.__name ??= <T extends object>(target: T, value: string): T =>
      Object.defineProperty(target, 'name', { value, configurable: true });
  });
  return context.newPage();
}

/**
 * A fake-camera video whose picture can be changed while the browser runs, for flows that film a
 * document and then a face with one camera.
 *
 * Chromium takes the file from a launch flag, so the path is fixed per browser. But its y4m reader
 * keeps the file open and reads the frames from disk as it plays them (looping at the end), so
 * overwriting the bytes of that same file in place (same header and size, never truncating, which
 * could hand the reader a short read) changes what the live track shows. Seen here: the next canvas
 * sample, about 100 ms after the write, showed the new scene, on the same track. Other options are
 * worse: one video with both scenes leaves the timing to chance; relaunching the browser loses the
 * page; stubbing `getUserMedia` skips the real capture path.
 * Each instance works on its own copy in the temp folder, so tests never disturb the shared fixture.
 */
export class SwitchableCamera {
  /** Absolute path to pass as `y4m` to {@link launchBrowser}. */
  readonly path: string;

  private constructor(path: string) {
    this.path = path;
  }

  /** Copies `video` (a y4m) to a private file that starts out showing it. */
  static async create(video: string): Promise<SwitchableCamera> {
    const path = join(tmpdir(), `kyc-camera-${randomBytes(6).toString('hex')}.y4m`);
    await copyFile(video, path);
    return new SwitchableCamera(path);
  }

  /**
   * Shows `video` from now on. It must have the same size and header as the current one (the
   * generated fixtures do). Resolves after `settleMs`, by which time frames read before the switch
   * (and the one frame that may be half old, half new) have left Chromium's pipeline.
   */
  async show(video: string, settleMs = 200): Promise<void> {
    const [current, next] = await Promise.all([stat(this.path), stat(video)]);
    if (current.size !== next.size) {
      throw new Error(
        `${video} is ${next.size} bytes, the camera file ${current.size}: same size needed`,
      );
    }
    const source = await open(video, 'r');
    // 'r+' writes into the inode Chromium has open: 'w' would truncate it first, and a rename would
    // leave Chromium reading the old inode.
    const target = await open(this.path, 'r+');
    try {
      const chunk = Buffer.alloc(4 << 20);
      for (let position = 0; position < next.size;) {
        const { bytesRead } = await source.read(chunk, 0, chunk.length, position);
        if (bytesRead === 0) break;
        await target.write(chunk, 0, bytesRead, position);
        position += bytesRead;
      }
    } finally {
      await Promise.all([source.close(), target.close()]);
    }
    await new Promise((done) => setTimeout(done, settleMs));
  }

  /** Deletes the private copy (after the browser is closed). */
  async dispose(): Promise<void> {
    await rm(this.path, { force: true });
  }
}

/**
 * Records the URL of every request the page makes, and of every WebSocket it opens, for "nothing
 * leaves the origin" assertions. The array fills as the page runs. Requests of dedicated workers
 * (blob: or same-origin scripts) are included (checked with Playwright 1.65 and Chromium 156);
 * pass the context to also see other pages and service workers.
 */
export function collectRequests(target: Page | BrowserContext): readonly string[] {
  const urls: string[] = [];
  // Separate calls: TypeScript cannot pick an overload of `on` on the union.
  if ('mainFrame' in target) {
    target.on('request', (request) => urls.push(request.url()));
    target.on('websocket', (socket) => urls.push(socket.url()));
  } else {
    target.on('request', (request) => urls.push(request.url()));
  }
  return urls;
}

/**
 * Records `console.error` messages and uncaught exceptions of the page. The array fills as the page
 * runs; each entry says where it came from.
 */
export function collectConsoleErrors(page: Page): readonly string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    errors.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
  return errors;
}

/**
 * The mock backend's access token (what an integrator's server would hold), read as the mock reads
 * it, for tests that call the backend API directly as the integrator's server would.
 */
export function accessToken(): string {
  return process.env.KYC_MOCK_ACCESS_TOKEN ?? 'mock-access-token';
}

/** The camera view's live instruction (its `aria-live` guidance), read in the page. */
export function guidanceText(page: Page): Promise<string | undefined> {
  return page.evaluate(() =>
    document
      .querySelector('kyc-capture')
      ?.shadowRoot?.querySelector('kyc-camera-view')
      ?.shadowRoot?.querySelector('[part~="guidance"]')
      ?.textContent?.trim(),
  );
}

/** Waits until the camera view's live instruction reads `text`. */
export async function waitForGuidance(page: Page, text: string, timeout = 8000): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      document
        .querySelector('kyc-capture')
        ?.shadowRoot?.querySelector('kyc-camera-view')
        ?.shadowRoot?.querySelector('[part~="guidance"]')
        ?.textContent?.trim() === expected,
    text,
    { timeout },
  );
}

/** Waits until the camera view has analysed a frame (its live verdict is set). */
export async function waitForVerdict(page: Page, timeout = 15000): Promise<void> {
  await page.waitForFunction(
    () =>
      (
        document.querySelector('kyc-capture')?.shadowRoot?.querySelector('kyc-camera-view') as
          { verdict?: unknown } | undefined
      )?.verdict !== undefined,
    undefined,
    { timeout },
  );
}

/** Waits until the camera view's shutter can be pressed (the camera is live). */
export async function waitForShutter(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const view = document
      .querySelector('kyc-capture')
      ?.shadowRoot?.querySelector('kyc-camera-view');
    return !!view?.shadowRoot?.querySelector('[part~="shutter"]:not([disabled])');
  });
}

/** The demo server and make-y4m.ts's studio videos (a document, a selfie), as most tests use them. */
export interface DemoRig {
  readonly server: DemoServer;
  readonly videos: Awaited<ReturnType<typeof makeY4mFixtures>>;
}

/**
 * Registers, for the calling test file (or `describe`), a `before` that makes the studio videos and
 * starts the demo server, and an `after` that stops it. Returns the rig, readable once set up.
 */
export function demoRig(): DemoRig {
  let server: DemoServer | undefined;
  let videos: DemoRig['videos'] | undefined;
  before(async () => {
    videos = await makeY4mFixtures();
    server = await startDemoServer();
  });
  after(async () => {
    await server?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the demo rig is read before its `before` ran');
    return value;
  };
  return {
    get server() {
      return ready(server);
    },
    get videos() {
      return ready(videos);
    },
  };
}

/** A demo server and a browser whose fake camera can switch between generated videos. */
export interface LiveRig<N extends string> {
  readonly videos: Record<N, string>;
  readonly server: DemoServer;
  readonly camera: SwitchableCamera;
  readonly browser: Browser;
  /** Stops the browser and the server and deletes the camera's file. */
  close(): Promise<void>;
}

/**
 * Builds and serves the demo, and starts a browser whose fake camera first shows `videos[first]`
 * (whatever started is stopped again should a later part fail).
 */
export async function startLive<N extends string>(
  videos: Record<N, string>,
  first: NoInfer<N>,
): Promise<LiveRig<N>> {
  const server = await startDemoServer();
  let camera: SwitchableCamera | undefined;
  try {
    camera = await SwitchableCamera.create(videos[first]);
    const browser = await launchBrowser({ y4m: camera.path });
    const started = camera;
    return {
      videos,
      server,
      camera,
      browser,
      async close() {
        await browser.close();
        await started.dispose();
        await server.close();
      },
    };
  } catch (error) {
    await camera?.dispose();
    await server.close();
    throw error;
  }
}

/** What {@link liveRig} hands its test file: the rig once set up, or why its videos were skipped. */
export interface LiveRigState<N extends string> {
  rig?: LiveRig<N>;
  skipped?: string;
}

/**
 * Registers, for the calling test file, a `before` that makes the videos (`generate`: their paths,
 * or why they are skipped, e.g. a missing face fixture), starts the demo server and a browser whose
 * fake camera first shows `first`, and an `after` that closes them. Returns the state it fills in.
 */
export function liveRig<N extends string>(
  generate: () => Promise<Record<N, string> | { readonly skipped: string }>,
  first: NoInfer<N>,
): LiveRigState<N> {
  const state: LiveRigState<N> = {};
  before(async () => {
    const generated = await generate();
    if ('skipped' in generated) {
      state.skipped = generated.skipped as string;
      return;
    }
    state.rig = await startLive(generated as Record<N, string>, first);
  });
  after(async () => {
    await state.rig?.close();
  });
  return state;
}
