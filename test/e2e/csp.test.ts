// The strict Content-Security-Policy page: the built demo served with one policy header on every
// file (the page, its scripts, its workers; a header rather than a <meta> so that the workers get it
// too), and every protocol's flow run end to end on it with the fake camera, the selfie step
// included (the face worker, its wasm and its model load under the policy). Nothing may be
// reported: the page's `securitypolicyviolation` events, the same events inside every dedicated
// worker, the browser's own console lines about the policy or Trusted Types, requests blocked by
// the policy, and the reports the browser posts to the policy's `report-uri`. A last test breaks the
// policy on purpose, in the page and in a worker, and checks that those collectors see it.
//
// Why the production build (`vite build` + `vite preview`, as every e2e test) and not `vite dev`:
// the dev server injects its client and puts CSS in <style> elements, which a strict policy refuses
// for reasons that are the dev server's, not the SDK's; the build is what an integrator ships.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import { makeY4mFixtures } from '../../scripts/make-y4m.ts';
import { FACE_ASSET_FILES } from '../../src/face/assets.ts';
import { en } from '../../src/i18n/en.ts';
import {
  collectRequests,
  launchBrowser,
  newPage,
  startDemoServer,
  SwitchableCamera,
  waitForShutter,
  type DemoServer,
} from './harness.ts';

/** The policy the README documents, word for word. */
const POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' blob: data:; connect-src 'self'; worker-src 'self' blob:; " +
  "require-trusted-types-for 'script'";

let videos: Awaited<ReturnType<typeof makeY4mFixtures>>;
let server: DemoServer;
let camera: SwitchableCamera;
let browser: Browser;
/** What the browser posted to the policy's report-uri (a second local server). */
const reports: unknown[] = [];
let reportServer: Server;

before(async () => {
  videos = await makeY4mFixtures();
  reportServer = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        reports.push(JSON.parse(body));
      } catch {
        reports.push(body);
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => reportServer.listen(0, '127.0.0.1', done));
  const { port } = reportServer.address() as AddressInfo;
  // report-uri only reports (it allows nothing); Chromium posts each violation as it happens.
  server = await startDemoServer({
    headers: { 'Content-Security-Policy': `${POLICY}; report-uri http://127.0.0.1:${port}/csp` },
  });
  camera = await SwitchableCamera.create(videos.document);
  browser = await launchBrowser({ y4m: camera.path });
});

after(async () => {
  await browser?.close();
  await camera?.dispose();
  await server?.close();
  await new Promise((done) => reportServer?.close(done));
});

const POLICY_TEXT =
  /Content Security Policy|Content-Security-Policy|Trusted ?Type|TrustedHTML|TrustedScript/i;

/**
 * Starts recording every sign of a policy violation in `page` and its dedicated workers; returns
 * the list, which fills as the page runs. Call before the page navigates.
 */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  const listen = (where: string) => {
    // Runs in the page or a worker: the event carries what was refused and by which directive.
    const scope = globalThis as typeof globalThis & { __cspListening?: boolean };
    if (scope.__cspListening) return;
    scope.__cspListening = true;
    scope.addEventListener('securitypolicyviolation', (event) => {
      const e = event as SecurityPolicyViolationEvent;
      console.error(
        `Content Security Policy violation (${where}): ${e.effectiveDirective} refused ` +
          `${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`,
      );
    });
  };
  page.on('console', (message) => {
    if (POLICY_TEXT.test(message.text())) seen.push(`page console: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    if (POLICY_TEXT.test(error.message)) seen.push(`page error: ${error.message}`);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    if (/BLOCKED_BY_CSP|csp/i.test(reason)) seen.push(`blocked: ${request.url()} (${reason})`);
  });
  page.on('worker', (worker) => {
    worker.on('console', (message) => {
      if (POLICY_TEXT.test(message.text()))
        seen.push(`worker ${worker.url()} console: ${message.text()}`);
    });
    // Attached as the worker starts: what its first lines break is left to report-uri.
    worker.evaluate(listen, `worker ${worker.url()}`).catch(() => undefined);
  });
  await page.context().addInitScript(listen, 'page');
  return seen;
}

/** Every report the browser posted so far, after a wait for those still on their way (async). */
async function reportsSettled(): Promise<unknown[]> {
  await new Promise((done) => setTimeout(done, 500));
  return [...reports];
}

/** A protocol as the demo page offers it, and the photos its flow takes. */
interface Flow {
  /** The demo's protocol choice. */
  readonly choice: string;
  readonly document: string;
  readonly steps: readonly (keyof typeof en.stepTitles)[];
}

const FLOWS: readonly Flow[] = [
  {
    choice: 'session-v1',
    document: 'Identity card',
    steps: ['document_front', 'document_back', 'selfie'],
  },
  {
    choice: 'session-v1-proxy',
    document: 'Identity card',
    steps: ['document_front', 'document_back', 'selfie'],
  },
  { choice: 'idv-sdk', document: 'Passport', steps: ['document_front', 'selfie'] },
  {
    choice: 'link-kyc',
    document: 'Identity card',
    steps: ['document_front', 'document_back', 'selfie'],
  },
  { choice: 'validation-v2', document: 'Driver’s licence', steps: ['document_front', 'selfie'] },
];

/** The camera view's live verdict came from the face detector (a selfie verdict has `face`). */
function waitForFaceVerdict(page: Page): Promise<unknown> {
  return page.waitForFunction(
    () => {
      const view = document
        .querySelector('kyc-capture')
        ?.shadowRoot?.querySelector('kyc-camera-view') as { verdict?: object } | null | undefined;
      return view?.verdict !== undefined && 'face' in view.verdict;
    },
    undefined,
    { timeout: 15000 },
  );
}

/** Polls `done` every 100 ms for up to 5 s. */
async function waitUntil(done: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await done()) && waited < 5000; waited += 100)
    await new Promise((resolve) => setTimeout(resolve, 100));
}

/** A line of the blob worker's own listener about its eval. */
const fromWorker = (line: string) => /^worker blob:.*require-trusted-types-for.*eval/.test(line);

describe('a strict Content-Security-Policy page', () => {
  for (const flow of FLOWS)
    it(`${flow.choice}: the whole flow, face detector included, with no violation`, async () => {
      const page = await newPage(browser);
      const seen = await watchViolations(page);
      const requests = collectRequests(page);
      const workers: string[] = [];
      page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname));
      // A worker runs under the policy of its own script's response (a blob: one, its creator's).
      const policies = new Map<string, string | undefined>();
      page.on('response', (response) =>
        policies.set(
          new URL(response.url()).pathname,
          response.headers()['content-security-policy'],
        ),
      );
      const before = reports.length;
      try {
        const response = await page.goto(server.url);
        assert.equal(
          response?.headers()['content-security-policy']?.split('; report-uri')[0],
          POLICY,
        );
        // The shutter takes every photo: the point is what loads, not when it fires.
        await page.locator('#auto-capture').setChecked(false);
        await page.locator('#protocol').selectOption(flow.choice);
        await page.getByRole('button', { name: 'Create session' }).click();
        await page.locator('#session-info[data-session-id]').waitFor();
        await page.getByRole('radio', { name: flow.document }).check();
        await page.getByRole('checkbox', { name: /I agree/ }).check();
        await page.getByRole('button', { name: 'Start' }).click();
        for (const step of flow.steps) {
          await page.getByRole('heading', { name: en.stepTitles[step] }).waitFor();
          await camera.show(step === 'selfie' ? videos.selfie : videos.document);
          await waitForShutter(page);
          // The face worker analysed a frame: its script, wasm and model all loaded.
          if (step === 'selfie') await waitForFaceVerdict(page);
          await page.getByRole('button', { name: en.takePhoto }).click();
          await page.getByRole('button', { name: en.usePhoto }).click();
        }
        await page.getByRole('heading', { name: en.done }).waitFor();
        // The event may follow the screen (idv-sdk finalizes after the last upload).
        await page.locator('#event-log [data-event="kyc-complete"]').waitFor();
        const errors = await page.locator('#event-log [data-event="kyc-error"]').allTextContents();
        assert.deepEqual(errors, [], 'no kyc-error (a refused worker or wasm is one)');
        // Each of the SDK's three workers ran as a worker (not the main-thread fallback).
        for (const name of ['face-worker', 'worker', 'encode-worker'])
          assert.ok(
            workers.some((path) => new RegExp(`/${name}-[\\w-]+\\.js$`).test(path)),
            `${name} started (${workers.join(', ')})`,
          );
        for (const path of workers)
          assert.equal(policies.get(path)?.split('; report-uri')[0], POLICY, `${path}'s policy`);
        for (const file of [FACE_ASSET_FILES.wasmBinary, FACE_ASSET_FILES.model])
          assert.ok(
            requests.some((url) => url.endsWith(`/${file}`)),
            `${file} was loaded`,
          );
        assert.deepEqual(seen, []);
        assert.deepEqual((await reportsSettled()).slice(before), []);
      } catch (error) {
        // What the policy refused says more than a timeout does.
        console.log(seen.join('\n'), JSON.stringify(reports.slice(before), null, 1));
        throw error;
      } finally {
        await page.close();
      }
    });

  it('the collectors see a violation: eval, an inline style and an HTML string sink, in the page and in a worker', async () => {
    const page = await newPage(browser);
    const seen = await watchViolations(page);
    const before = reports.length;
    try {
      await page.goto(server.url);
      await page.evaluate(async () => {
        const style = document.createElement('style');
        style.textContent = 'body { color: red }';
        document.head.append(style);
        try {
          document.body.insertAdjacentHTML('beforeend', '<b>x</b>');
        } catch {
          // Trusted Types throws, and reports.
        }
        // Blob workers inherit the page's policy.
        // The eval waits for a message, sent once the worker's own listener is attached.
        const source =
          "onmessage = () => { try { eval('1') } catch {} postMessage('done') }; postMessage('ready')";
        // A policy of the test's own: the sink needs a TrustedScriptURL, the eval is the point.
        const factory = (
          window as unknown as {
            trustedTypes: {
              createPolicy(
                name: string,
                rules: { createScriptURL(url: string): string },
              ): { createScriptURL(url: string): string };
            };
          }
        ).trustedTypes;
        const policy = factory.createPolicy('csp-test', { createScriptURL: (url) => url });
        const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        const worker = new Worker(policy.createScriptURL(url));
        await new Promise((done) => worker.addEventListener('message', done, { once: true }));
        Object.assign(window, { testWorker: worker });
      });
      // Once the worker's own listener is attached, it breaks the policy.
      await waitUntil(async () => {
        const [worker] = page.workers();
        return !!worker && (await worker.evaluate(() => '__cspListening' in globalThis));
      });
      await page.evaluate(async () => {
        const worker = (window as unknown as { testWorker: Worker }).testWorker;
        worker.postMessage('go');
        await new Promise((done) => worker.addEventListener('message', done, { once: true }));
        worker.terminate();
      });
      await waitUntil(async () => reports.length - before >= 3 && seen.some(fromWorker));
      // Each report names the directive and the document or worker that broke it.
      const reported = reports
        .slice(before)
        .map((report) => {
          const body = (report as { 'csp-report': Record<string, string> })['csp-report'];
          const where = body['document-uri'] === server.url ? 'page' : 'worker';
          return `${where} ${body['effective-directive']}`;
        })
        .sort();
      assert.deepEqual(reported, [
        'page require-trusted-types-for',
        'page style-src-elem',
        'worker require-trusted-types-for',
      ]);
      assert.ok(
        seen.some((line) => /style-src-elem/.test(line)),
        seen.join('\n'),
      );
      assert.ok(
        seen.some((line) => /require-trusted-types-for|TrustedHTML/.test(line)),
        seen.join('\n'),
      );
      // The worker's own securitypolicyviolation listener, through its console.
      assert.ok(seen.some(fromWorker), seen.join('\n'));
    } finally {
      await page.close();
    }
    reports.length = before;
  });
});
