// Server-side rendering (Next.js, Nuxt, Astro) imports the package in Node, where there is no DOM:
// every entry point must import without throwing, and nothing in src may touch a browser global at
// import time. The package is built once into a folder under node_modules (so that `lit` resolves
// as it would in an app) and imported by its own name, through package.json `exports`, in a child
// `node` with no DOM globals added.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import ts from 'typescript';
import { build } from 'vite';

const run = promisify(execFile);
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const pkg = join(root, 'node_modules', `.kyc-ssr-test-${process.pid}`);

/** What the child process reports. */
interface ChildReport {
  readonly domGlobals: Record<string, string>;
  readonly entries: Record<string, string[]>;
  readonly chunks: string[];
  readonly registered: boolean | null;
  readonly customElements: string;
}

/** Runs `source` as an ES module inside the built package, with optional `--import` preloads. */
async function runInPackage(source: string, preload?: string): Promise<ChildReport> {
  const file = join(pkg, `check-${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(file, source);
  const args = [...(preload ? ['--import', preload] : []), file];
  const { stdout } = await run(process.execPath, args, {
    cwd: pkg,
    env: { PATH: process.env.PATH },
  });
  return JSON.parse(stdout) as ChildReport;
}

/** Imports every entry point by the package's own name, then every chunk they may load later. */
const IMPORT_EVERYTHING = `
const report = { domGlobals: {}, entries: {}, chunks: [] };
for (const name of ['window', 'document', 'HTMLElement', 'Worker', 'OffscreenCanvas', 'matchMedia', 'location']) {
  report.domGlobals[name] = typeof globalThis[name];
}
for (const entry of ['kyc-capture', 'kyc-capture/define', 'kyc-capture/server']) {
  report.entries[entry] = Object.keys(await import(entry)).sort();
}
// Chunks the elements load on demand (other protocols, liveness, the main-thread analysis).
const { readdir } = await import('node:fs/promises');
for (const file of (await readdir(new URL('./dist/', import.meta.url))).filter((f) => f.endsWith('.js'))) {
  await import('./dist/' + file);
  report.chunks.push(file);
}
const { KycCaptureElement } = await import('kyc-capture');
report.customElements = typeof customElements;
report.registered = typeof customElements === 'undefined' ? null : customElements.get('kyc-capture') === KycCaptureElement;
console.log(JSON.stringify(report));
`;

describe('SSR: importing the package in Node with no DOM', () => {
  before(async () => {
    await rm(pkg, { recursive: true, force: true });
    await mkdir(pkg, { recursive: true });
    await copyFile(join(root, 'package.json'), join(pkg, 'package.json'));
    // The two builds of `npm run build` that produce JavaScript (declarations are not imported).
    await Promise.all([
      build({
        root,
        configFile: join(root, 'vite.config.ts'),
        mode: 'lib',
        logLevel: 'error',
        build: { outDir: join(pkg, 'dist'), emptyOutDir: true, sourcemap: false },
      }),
      run(
        process.execPath,
        [
          join(root, 'node_modules/typescript/bin/tsc'),
          ...['-p', 'tsconfig.server.json', '--outDir', join(pkg, 'dist/server')],
          '--declaration',
          'false',
        ],
        { cwd: root },
      ),
    ]);
  });

  after(() => rm(pkg, { recursive: true, force: true }));

  test('every entry point and every chunk imports without throwing', async () => {
    const report = await runInPackage(IMPORT_EVERYTHING);
    for (const name of ['window', 'document', 'Worker', 'OffscreenCanvas', 'matchMedia']) {
      assert.equal(report.domGlobals[name], 'undefined', `no ${name} in the child`);
    }
    assert.ok(report.entries['kyc-capture']!.includes('KycCaptureElement'));
    assert.deepEqual(report.entries['kyc-capture/define'], []);
    assert.ok(report.entries['kyc-capture/server']!.includes('createTokenIssuer'));
    assert.ok(report.chunks.includes('index.js') && report.chunks.length > 3, report.chunks.join());
    // Lit's Node build installs a shim registry, so the element is registered there: Lit SSR can
    // render it, and the browser upgrades it on hydration.
    assert.equal(report.customElements, 'object');
    assert.equal(report.registered, true);
  });

  test('kyc-capture/define does not throw where there is no customElements at all', async () => {
    // Hides the registry for good: Lit's `customElements ??= shim` assigns into a no-op setter.
    const noRegistry = `data:text/javascript,${encodeURIComponent(
      "Object.defineProperty(globalThis, 'customElements', { get: () => undefined, set() {}, configurable: true });",
    )}`;
    const report = await runInPackage(IMPORT_EVERYTHING, noRegistry);
    assert.equal(report.customElements, 'undefined');
    assert.equal(report.registered, null);
    assert.deepEqual(report.entries['kyc-capture/define'], []);
  });
});

/** Browser globals that do not exist (or mean something else) in Node and in SSR runtimes. */
const BROWSER_GLOBALS = new Set([
  'window',
  'self',
  'document',
  'navigator',
  'location',
  'history',
  'screen',
  'matchMedia',
  'localStorage',
  'sessionStorage',
  'customElements',
  'HTMLElement',
  'HTMLVideoElement',
  'HTMLCanvasElement',
  'Image',
  'ImageData',
  'ImageBitmap',
  'VideoFrame',
  'MediaStream',
  'Worker',
  'OffscreenCanvas',
  'createImageBitmap',
  'requestAnimationFrame',
  'requestIdleCallback',
  'getComputedStyle',
  'FileReader',
  'addEventListener',
  'postMessage',
]);

async function libraryFiles(dir = join(root, 'src')): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return libraryFiles(path);
      return Promise.resolve(/(?<!\.test)\.ts$/.test(entry.name) ? [path] : []);
    }),
  );
  return nested.flat();
}

/**
 * Where a module reads a browser global while it is being imported: at its top level, in a
 * class's static initialiser, a decorator or a computed key, but not inside a function, method or
 * instance field (those run later, in the browser). A read guarded by `typeof X` is allowed.
 */
function importTimeGlobals(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const guarded = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isTypeNode(node)) return;
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    if (ts.isModuleDeclaration(node)) return; // `declare global { … }`
    if (
      ts.isPropertyDeclaration(node) &&
      !(ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Static)
    ) {
      return;
    }
    if (ts.isTypeOfExpression(node) && ts.isIdentifier(node.expression)) {
      guarded.add(node.expression.text);
      return;
    }
    if (ts.isIdentifier(node) && BROWSER_GLOBALS.has(node.text) && !guarded.has(node.text)) {
      const parent = node.parent;
      const isName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        ts.isImportSpecifier(parent) ||
        ts.isExportSpecifier(parent) ||
        ts.isShorthandPropertyAssignment(parent);
      if (!isName) {
        const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${relative(root, file)}:${line + 1}: ${node.text}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

test('no module in src reads a browser global at import time', async () => {
  const found: string[] = [];
  for (const file of await libraryFiles()) {
    found.push(...importTimeGlobals(file, await readFile(file, 'utf8')));
  }
  assert.deepEqual(found, []);
  // The scan sees what it must: a top-level read is reported, a guarded or deferred one is not.
  assert.deepEqual(
    importTimeGlobals(
      join(root, 'src/example.ts'),
      [
        'const width = window.innerWidth;',
        "if (typeof customElements !== 'undefined') customElements.define('x-y', class {});",
        'export function later() { return document.title; }',
        'class A { static s = navigator.language; b = matchMedia("x"); }',
      ].join('\n'),
    ),
    ['src/example.ts:1: window', 'src/example.ts:4: navigator'],
  );
});
