// Unit and component tests: every `src/**/*.test.ts` (and the demo's `demo/**/*.test.ts`) runs in
// real headless Chromium (Playwright), with Chromium's fake camera and the mock backend mounted on the same origin, the face detector's
// files where the source resolves them (/src/face/mediapipe/<file>, and nowhere else, so a wrong URL
// is the 404 a user would get) and the face fixtures under /__fixtures/ (found as
// test/shared-fixtures.ts finds them: the committed ones first). tasks-vision's wasm files the face
// worker bundles are patched as the builds patch them. Run through `npm run test:unit`, which loads
// tsx so that this file can import TypeScript.
import { readFile } from 'node:fs/promises';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { baseArgs, chromiumExecutable, fakeCameraArgs } from './test/browser.mjs';
import { FIXTURES_URL, MISSING_FIXTURE_HEADER } from './test/fixture-names.ts';
import { fixturePath, isCi, missingFixtureMessage } from './test/shared-fixtures.ts';
import { findMediapipeAsset, mediapipeAssetHeaders } from './scripts/vite-mediapipe-assets.ts';
import { patchMediapipe } from './scripts/mediapipe-glue.ts';
import { createMockBackend } from './mock/index.ts';

const backend = createMockBackend();
const redirectHits = new Map();
/** The request handlers that keep a page offline, by test session (see `kyc-set-offline`). */
const offlineRoutes = new Map();

export default {
  files: ['src/**/*.test.ts', 'demo/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
  plugins: [
    {
      // Before esbuild, which reprints every file it serves: the patches match the shipped text.
      name: 'kyc-mediapipe-patches',
      transform(context) {
        const patched = patchMediapipe(context.path, context.body);
        if (patched !== null) return { body: patched };
      },
    },
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    {
      // `executeServerCommand('set-offline', true|false)`: every request of the page but the fault
      // injector's control endpoint fails as a dead network fails it, and `navigator.onLine` and
      // the `offline`/`online` events follow. (Playwright's own setOffline would also cut the
      // test runner's connection to the page.)
      name: 'kyc-set-offline',
      async executeCommand({ command, payload, session }) {
        if (command !== 'set-offline') return undefined;
        const page = session.browser.getPage(session.id);
        const previous = offlineRoutes.get(session.id);
        if (previous) await page.unroute('**/*', previous);
        offlineRoutes.delete(session.id);
        const offline = payload === true;
        if (offline) {
          const cut = (route) =>
            new URL(route.request().url()).pathname === '/__faults'
              ? route.continue()
              : route.abort('internetdisconnected');
          offlineRoutes.set(session.id, cut);
          await page.route('**/*', cut);
        }
        await page.evaluate((isOffline) => {
          if (isOffline)
            Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
          else delete navigator.onLine;
          globalThis.dispatchEvent(new Event(isOffline ? 'offline' : 'online'));
        }, offline);
        return true;
      },
    },
  ],
  middleware: [
    // Redirects for the face worker's network guard test (src/face/network-guard.test.ts):
    // /__redirect?to=<url> answers 302 to it; /__redirect-target?id=<id> counts its requests
    // (readable, across origins, at /__redirect-hits?id=<id>).
    async (ctx, next) => {
      if (ctx.path === '/__redirect') {
        ctx.status = 302;
        ctx.set('Location', String(ctx.query.to));
        return;
      }
      if (ctx.path === '/__redirect-target' || ctx.path === '/__redirect-hits') {
        const id = String(ctx.query.id);
        if (ctx.path === '/__redirect-target')
          redirectHits.set(id, (redirectHits.get(id) ?? 0) + 1);
        ctx.set('Access-Control-Allow-Origin', '*');
        ctx.body = { hits: redirectHits.get(id) ?? 0 };
        return;
      }
      return next();
    },
    async (ctx, next) => {
      const asset = findMediapipeAsset(ctx.path);
      if (!asset) return next();
      ctx.set(mediapipeAssetHeaders(asset));
      ctx.body = Buffer.from(asset.bytes());
    },
    async (ctx, next) => {
      if (!ctx.path.startsWith(FIXTURES_URL)) return next();
      const relative = decodeURIComponent(ctx.path.slice(FIXTURES_URL.length));
      const file = fixturePath(relative);
      if (!file) {
        // The browser cannot read CI from the environment: the answer tells the test what to do.
        ctx.status = 404;
        ctx.set(MISSING_FIXTURE_HEADER, isCi() ? 'fail' : 'skip');
        ctx.body = missingFixtureMessage(relative);
        return;
      }
      ctx.type = file.split('.').pop();
      ctx.body = await readFile(file);
    },
    // The mock is connect-style: it either answers on Node's own response or calls next(). When
    // it answers, Koa must not respond as well (ctx.respond = false) and must wait until the
    // response is over (the mock reads the body asynchronously); when it passes, Koa carries on.
    (ctx, next) =>
      new Promise((resolve, reject) => {
        const answered = () => {
          ctx.respond = false;
          resolve(undefined);
        };
        // Listening before calling: a quick answer must not finish before anyone is listening.
        ctx.res.once('finish', answered);
        ctx.res.once('close', answered); // the browser went away mid-request
        backend.middleware(ctx.req, ctx.res, (error) => {
          ctx.res.off('finish', answered);
          ctx.res.off('close', answered);
          if (error) reject(error);
          else next().then(resolve, reject);
        });
      }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: chromiumExecutable(),
        headless: true,
        args: [...baseArgs, ...fakeCameraArgs()],
      },
    }),
  ],
};
