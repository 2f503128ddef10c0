import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startBrowserRunner, type BrowserRunner } from './browser-runner.ts';

// The harness under the eval and bench: a page module's exports are callable from Node, errors
// come back as errors, and the static server hands out nothing outside its mounts.

interface TestPage {
  add(a: number, b: number): number;
  later(value: string): Promise<string>;
  fetchStatus(path: string): Promise<number>;
  fetchType(path: string): Promise<string | null>;
  fail(): never;
}

describe('startBrowserRunner', () => {
  let dir = '';
  let runner: BrowserRunner<TestPage>;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kyc-runner-'));
    await writeFile(join(dir, 'hello.txt'), 'hello');
    await writeFile(
      join(dir, 'page.ts'),
      `export const add = (a: number, b: number): number => a + b;
export const later = async (value: string): Promise<string> => value.toUpperCase();
export const fetchStatus = async (path: string): Promise<number> => (await fetch(path)).status;
export const fetchType = async (path: string): Promise<string | null> =>
  (await fetch(path)).headers.get('content-type');
export function fail(): never { throw new Error('page says no'); }
`,
    );
    runner = await startBrowserRunner<TestPage>({
      entry: join(dir, 'page.ts'),
      mounts: { '/data/': dir },
    });
  });

  after(async () => {
    await runner?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('calls exports, awaiting promises', async () => {
    assert.equal(await runner.call('add', 2, 3), 5);
    assert.equal(await runner.call('later', 'abc'), 'ABC');
  });

  test('rethrows page errors in Node', async () => {
    await assert.rejects(runner.call('fail'), /page says no/);
  });

  test('serves mounted folders and the repository, and nothing outside them', async () => {
    assert.equal(await runner.call('fetchStatus', '/data/hello.txt'), 200);
    assert.equal(await runner.call('fetchStatus', '/repo/package.json'), 200);
    assert.equal(await runner.call('fetchStatus', '/data/missing.txt'), 404);
    // Encoded slashes survive URL parsing and are decoded only when mapping to a file.
    assert.equal(await runner.call('fetchStatus', '/repo/..%2f..%2fetc/passwd'), 404);
    // A browser folds "../" out of URLs before sending them; a raw request does not.
    const raw = (path: string) =>
      new Promise<number>((done, fail) => {
        get(new URL(runner.origin), { path }, (response) => {
          response.resume();
          done(response.statusCode ?? 0);
        }).on('error', fail);
      });
    assert.equal(await raw('/data/../../../../etc/passwd'), 404);
    assert.equal(await raw('/data/hello.txt'), 200);
  });

  test("serves the SDK's workers where their URLs resolve next to /page.js, and MediaPipe's files", async () => {
    // new URL('./face-worker.ts', import.meta.url) in the bundled page: /face-worker.ts.
    assert.match((await runner.call('fetchType', '/face-worker.ts')) ?? '', /^text\/javascript/);
    assert.match((await runner.call('fetchType', '/worker.ts')) ?? '', /^text\/javascript/);
    // The default asset base is mediapipe/ next to the module: /mediapipe/ here.
    assert.equal(
      await runner.call('fetchType', '/mediapipe/vision_wasm_module_internal.wasm'),
      'application/wasm',
    );
    assert.equal(
      await runner.call('fetchStatus', '/mediapipe/face_detection_short_range.tflite'),
      200,
    );
    assert.equal(await runner.call('fetchStatus', '/mediapipe/other.bin'), 404);
  });

  test('the page is cross-origin isolated, so timings have 5 µs resolution', async () => {
    assert.equal(await runner.page.evaluate(() => globalThis.crossOriginIsolated), true);
  });
});
