// Unit and component tests: every `src/**/*.test.ts` runs in real headless Chromium (Playwright),
// with Chromium's fake camera and the mock backend mounted on the same origin.
// Run through `npm run test:unit`, which loads tsx so that this file can import the TypeScript mock.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { baseArgs, chromiumExecutable, fakeCameraArgs } from './test/browser.mjs';
import { createMockBackend } from './mock/index.ts';

const backend = createMockBackend();

export default {
  files: ['src/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  middleware: [
    // The mock speaks Node's (req, res, next); hand Koa's raw objects over when it claims the path.
    (ctx, next) =>
      new Promise((resolve, reject) => {
        backend.middleware(ctx.req, ctx.res, () => next().then(resolve, reject));
        ctx.res.once('finish', () => {
          ctx.respond = false;
          resolve(undefined);
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
