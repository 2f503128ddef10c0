// The library build's URL rewrite (scripts/vite-lib-urls.ts) and the tasks-vision patches
// (scripts/mediapipe-glue.ts): what an app's bundler must be able to follow, on the exact forms
// Vite 8 writes, and a loud failure on anything else.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { patchMediapipe } from './mediapipe-glue.ts';
import { literalUrls, relativeUrl } from './vite-lib-urls.ts';

/** What Vite's library build writes for a worker and for an asset it could not resolve. */
const VITE_OUTPUT = `
const a = new Worker(new URL(
\t\t\t/* @vite-ignore */
\t\t\tnew URL("assets/worker-BWcqwpDM.js", import.meta.url).href,
\t\t\t"" + import.meta.url
\t\t), { type: "module" });
const b = new URL("./mediapipe/vision_wasm_module_internal.wasm", "" + import.meta.url).href;
`;

describe('literalUrls', () => {
  test('rewrites workers and assets into the literal patterns, relative to the chunk', () => {
    const out = literalUrls(VITE_OUTPUT, 'kyc-capture-abc.js').toString();
    assert.match(
      out,
      /new Worker\(new URL\("\.\/assets\/worker-BWcqwpDM\.js", import\.meta\.url\), \{ type: "module" \}\)/,
    );
    assert.match(
      out,
      /new URL\("\.\/mediapipe\/vision_wasm_module_internal\.wasm", import\.meta\.url\)/,
    );
    assert.doesNotMatch(out, /@vite-ignore|"" \+ import\.meta\.url/);
  });

  test('a chunk in a sub-folder gets a path that climbs out of it', () => {
    assert.equal(relativeUrl('assets/face-worker.js', 'assets/x.js'), './x.js');
    assert.equal(relativeUrl('chunks/a.js', 'assets/w.js'), '../assets/w.js');
    assert.equal(relativeUrl('index.js', 'assets/w.js'), './assets/w.js');
  });

  test('fails the build on a worker created from anything but a literal URL', () => {
    assert.throws(
      () => literalUrls('new Worker(workerUrl, { type: "module" })', 'x.js'),
      /not a literal URL|other than a literal URL/,
    );
  });
});

describe('patchMediapipe', () => {
  const require = createRequire(import.meta.url);
  const read = (path: string) => readFile(path, 'utf8');

  test('takes the Node branches and import.meta out of the bundled wasm loader', async () => {
    const id = require.resolve('@mediapipe/tasks-vision/vision_wasm_module_internal.js');
    const patched = patchMediapipe(id, await read(id))!;
    assert.match(patched, /var ENVIRONMENT_IS_NODE = false;/);
    assert.doesNotMatch(patched.replace(/\/\/.*$/gm, ''), /import\.meta|\bimport\(/);
  });

  test('marks tasks-vision’s dynamic import as one bundlers leave alone', async () => {
    // The ES module build, which bundlers take (require.resolve would give the CommonJS one).
    const id = fileURLToPath(import.meta.resolve('@mediapipe/tasks-vision'));
    const patched = patchMediapipe(id, await read(id))!;
    assert.match(
      patched,
      /import\(\/\* webpackIgnore: true \*\/ \/\* @vite-ignore \*\/ t\.toString\(\)\)/,
    );
  });

  test('fails loudly when a patched text is not found exactly once (another version)', () => {
    const id = '/x/node_modules/@mediapipe/tasks-vision/vision_bundle.mjs';
    assert.throws(() => patchMediapipe(id, 'export {}'), /expected exactly one/);
    assert.equal(patchMediapipe('/x/other.js', 'export {}'), null);
  });
});
