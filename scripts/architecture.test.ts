// The shape of the source tree, checked: no folder of `src/` imports in a circle, and no source
// file of `src/`, `mock/` or `server/` is longer than one can read in a sitting (ARCHITECTURE.md).
//
// Nodes of the import graph: each top-level folder of `src/` (`src/flow`, `src/quality`, ...), each
// element folder apart (`src/elements/kyc-capture`, `src/elements/kyc-camera-view`), and each file
// directly in `src/` on its own (`src/errors.ts`). Edges: every relative import of a non-test file
// that lands in another node, `import type`, `export … from`, dynamic `import()` and worker URLs
// included (TypeScript's own scanner finds the imports, so comments and strings never count). A cycle between
// folders means neither can be read, tested or replaced without the other.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import ts from 'typescript';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Longest source file, in lines, before it must be split (ARCHITECTURE.md, issue 13). */
const MAX_LINES = 800;

/**
 * Files allowed over {@link MAX_LINES}, with why: long files of uniform table entries read well
 * (ARCHITECTURE.md rule 16); long files of mixed concerns do not.
 */
const LONG_FILES: Readonly<Record<string, string>> = {};

/**
 * Folder imports allowed to close a cycle, `from -> to`, with why. Each entry must still exist:
 * a stale one fails, so the list only ever shrinks.
 */
const CYCLE_EDGES: Readonly<Record<string, string>> = {};

/** Every `.ts` file under `dir` (relative to the root, `/`-separated), tests left out. */
async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .filter((entry) => !entry.name.endsWith('.test.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** The graph node a file of `src/` belongs to. */
function nodeOf(file: string): string {
  const parts = file.split('/');
  if (parts.length === 2) return file;
  if (parts[1] === 'elements' && parts.length > 3) return parts.slice(0, 3).join('/');
  return parts.slice(0, 2).join('/');
}

/** The file a relative specifier names (`./x.js` → `x.ts`, a folder → its `index.ts`). */
function resolveImport(from: string, specifier: string, known: ReadonlySet<string>): string | null {
  const base = join(dirname(from), specifier).split(sep).join('/');
  const stem = base.replace(/\.(js|ts|mjs)$/, '');
  for (const candidate of [base, `${stem}.ts`, `${stem}.d.ts`, `${base}/index.ts`]) {
    if (known.has(candidate)) return candidate;
  }
  return null;
}

/**
 * The modules a file names as `new URL('./x.ts', import.meta.url)`: workers, which the bundler
 * follows like imports (assets such as `.wasm` are not modules and are left out).
 */
function moduleUrls(file: string, text: string): string[] {
  const found: string[] = [];
  if (!text.includes('import.meta.url')) return found;
  const visit = (node: ts.Node): void => {
    if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'URL' &&
      node.arguments?.length === 2 &&
      ts.isStringLiteral(node.arguments[0]!) &&
      /^\..*\.(js|ts)$/.test(node.arguments[0].text) &&
      node.arguments[1]!.getText() === 'import.meta.url'
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  return found;
}

/** One import of one file into another node. */
interface Edge {
  readonly from: string;
  readonly to: string;
  /** The file and specifier that make it, for the failure message. */
  readonly evidence: string;
}

async function folderEdges(): Promise<Edge[]> {
  const files = await sources('src');
  const known = new Set(files);
  const edges = new Map<string, Edge>();
  for (const file of files) {
    const text = await readFile(join(root, file), 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    const workers = moduleUrls(file, text).map((fileName) => ({ fileName }));
    for (const { fileName } of [...importedFiles, ...workers]) {
      if (!fileName.startsWith('.')) continue;
      const target = resolveImport(file, fileName, known);
      if (target === null) {
        // Outside src/ (test helpers of a file on its way out) or not TypeScript (CSS, JSON).
        assert.ok(
          !join(dirname(file), fileName).split(sep).join('/').startsWith('src/') ||
            !/\.(js|ts)$/.test(fileName),
          `${file} imports ${fileName}, which does not exist`,
        );
        continue;
      }
      const from = nodeOf(file);
      const to = nodeOf(target);
      const key = `${from} -> ${to}`;
      if (from !== to && !edges.has(key)) {
        edges.set(key, { from, to, evidence: `${file} imports ${fileName}` });
      }
    }
  }
  return [...edges.values()];
}

/** The strongly connected components of more than one node (Tarjan), each sorted. */
function cycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** One loop through a component, as `a -> b -> … -> a` with the import behind each step. */
function describeCycle(component: readonly string[], edges: readonly Edge[]): string {
  const inside = new Set(component);
  const steps = edges.filter((edge) => inside.has(edge.from) && inside.has(edge.to));
  // Breadth-first from the first node back to itself: the shortest loop through it.
  const start = component[0]!;
  const via = new Map<string, Edge>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const edge of steps.filter((step) => step.from === node)) {
      if (edge.to === start) {
        const path = [edge];
        for (let at = node; at !== start; at = via.get(at)!.from) path.unshift(via.get(at)!);
        return path.map((step) => `  ${step.from} -> ${step.to}  (${step.evidence})`).join('\n');
      }
      if (!via.has(edge.to) && edge.to !== start) {
        via.set(edge.to, edge);
        queue.push(edge.to);
      }
    }
  }
  return `  ${component.join(', ')}`;
}

describe('architecture', () => {
  test('no folder of src/ imports in a circle', async () => {
    const edges = await folderEdges();
    assert.ok(edges.length > 20, `only ${edges.length} folder imports found: is the scan broken?`);
    const keys = new Set(edges.map((edge) => `${edge.from} -> ${edge.to}`));
    const stale = Object.keys(CYCLE_EDGES).filter((key) => !keys.has(key));
    assert.deepEqual(stale, [], 'allowed cycle edges that no longer exist: remove them');
    const checked = edges.filter(
      (edge) => !Object.hasOwn(CYCLE_EDGES, `${edge.from} -> ${edge.to}`),
    );
    const found = cycles(checked);
    assert.equal(
      found.length,
      0,
      `folders that import each other:\n${found
        .map((component) => `${component.join(', ')}:\n${describeCycle(component, checked)}`)
        .join('\n\n')}`,
    );
  });

  test(`no source file of src/, mock/ or server/ is over ${MAX_LINES} lines`, async () => {
    const files = [
      ...(await sources('src')),
      ...(await sources('mock')),
      ...(await sources('server')),
    ];
    const long: string[] = [];
    for (const file of files) {
      const lines = (await readFile(join(root, file), 'utf8')).split('\n').length - 1;
      if (lines > MAX_LINES && !Object.hasOwn(LONG_FILES, file)) long.push(`${file}: ${lines}`);
    }
    assert.deepEqual(long, [], 'split these (or list a data table in LONG_FILES, with why)');
    const stale = [];
    for (const file of Object.keys(LONG_FILES)) {
      const text = await readFile(join(root, file), 'utf8').catch(() => '');
      if (text.split('\n').length - 1 <= MAX_LINES) stale.push(file);
    }
    assert.deepEqual(stale, [], 'allowed long files that are no longer long: remove them');
  });
});
