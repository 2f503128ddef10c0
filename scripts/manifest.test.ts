// custom-elements.json against the source: what IDEs and framework tooling read must be what the
// elements do. Generates the manifest as `npm run manifest` does (same config, another folder), then
// checks every custom property the styles read, every part the templates render, every event class
// an element dispatches, every reactive property and attribute and every custom state: a new one
// without its doc comment fails here.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import ts from 'typescript';
import { FlowStatus } from '../src/steps.ts';
import { KYC_EVENT_NAMES } from '../src/events/index.ts';
import { CAMERA_VIEW_EVENT_NAMES } from '../src/elements/kyc-camera-view/kyc-camera-view.ts';

const run = promisify(execFile);
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** Relative: the analyzer joins `--outdir` to its working directory. */
const outDir = `node_modules/.kyc-manifest-test-${process.pid}`;

/** The parts of the manifest this test reads (schema 1.0.0). */
interface Named {
  readonly name: string;
  readonly description?: string;
  readonly default?: string;
}
interface Member extends Named {
  readonly kind: 'field' | 'method';
  readonly attribute?: string;
  readonly privacy?: string;
}
interface Attribute extends Named {
  readonly fieldName?: string;
}
interface ElementDoc extends Named {
  readonly tagName: string;
  readonly customElement: true;
  readonly members: readonly Member[];
  readonly attributes?: readonly Attribute[];
  readonly events?: readonly (Named & { readonly type?: { readonly text: string } })[];
  readonly cssParts?: readonly Named[];
  readonly cssProperties?: readonly Named[];
  readonly cssStates?: readonly Named[];
}
interface Manifest {
  readonly modules: readonly {
    readonly path: string;
    readonly declarations?: readonly ElementDoc[];
    readonly exports?: readonly {
      readonly kind: string;
      readonly name: string;
      readonly declaration: { readonly name: string; readonly module?: string };
    }[];
  }[];
}

/**
 * One element's source files (the class; `helpers`: the modules that render screens or dispatch
 * events on its behalf), and the elements it renders inside it.
 */
const ELEMENTS = [
  {
    tag: 'kyc-capture',
    source: 'src/elements/kyc-capture/kyc-capture.ts',
    helpers: ['src/elements/kyc-capture/kyc-capture.screens.ts', 'src/flow/flow-controller.ts'],
    styles: 'src/elements/kyc-capture/kyc-capture.styles.ts',
    renders: ['kyc-camera-view'],
  },
  {
    tag: 'kyc-camera-view',
    source: 'src/elements/kyc-camera-view/kyc-camera-view.ts',
    helpers: [],
    styles: 'src/elements/kyc-camera-view/kyc-camera-view.styles.ts',
    renders: [],
  },
] as const;
type Tag = (typeof ELEMENTS)[number]['tag'];

const read = (path: string) => readFile(join(root, path), 'utf8');
/** An element's class and its helpers, as one text. */
const readAll = async (paths: readonly string[]) => (await Promise.all(paths.map(read))).join('\n');
const names = (list: readonly Named[] | undefined) => new Set((list ?? []).map(({ name }) => name));
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** `var(--kyc-x, fallback)` in a stylesheet: each property with its fallbacks (parentheses balanced). */
function customProperties(css: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const match of css.matchAll(/var\(\s*(--kyc-[\w-]+)\s*(,)?/g)) {
    const fallbacks = found.get(match[1]!) ?? new Set<string>();
    found.set(match[1]!, fallbacks);
    if (!match[2]) continue;
    let depth = 1;
    let end = match.index + match[0].length;
    for (; end < css.length && depth > 0; end++) {
      if (css[end] === '(') depth++;
      if (css[end] === ')') depth--;
    }
    fallbacks.add(css.slice(match.index + match[0].length, end - 1).trim());
  }
  return found;
}

/** Every name in a template's static `part="a b"` attributes. */
function templateParts(source: string): string[] {
  return [...source.matchAll(/\spart="([^"$]+)"/g)].flatMap((match) => match[1]!.split(/\s+/));
}

/** The parts `<kyc-capture>` re-exports from its camera view (its `CAMERA_VIEW_PARTS` list). */
function exportedParts(source: string): string[] {
  const list = /const CAMERA_VIEW_PARTS = \[([^\]]*)\]/.exec(source)?.[1] ?? '';
  return [...list.matchAll(/'([\w-]+)'/g)].map((match) => match[1]!);
}

/** `class X extends … { … static readonly eventName = 'x' …`: event names by class, in `source`. */
function eventNames(source: string): Map<string, string> {
  const pattern = /class (\w+) extends [^{]+\{[^]*?static readonly eventName = '([\w-]+)'/g;
  return new Map([...source.matchAll(pattern)].map((match) => [match[1]!, match[2]!]));
}

/** A class's `static properties`: each reactive property's attribute name, or null for none. */
function reactiveProperties(file: string, source: string): Map<string, string | null> {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true);
  const result = new Map<string, string | null>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyDeclaration(node) && node.name.getText() === 'properties') {
      let literal = node.initializer;
      while (literal && (ts.isAsExpression(literal) || ts.isSatisfiesExpression(literal))) {
        literal = literal.expression;
      }
      assert.ok(literal && ts.isObjectLiteralExpression(literal), `${file}: static properties`);
      for (const property of literal.properties) {
        assert.ok(ts.isPropertyAssignment(property));
        const options = property.initializer;
        assert.ok(ts.isObjectLiteralExpression(options));
        const name = property.name.getText();
        const option = (key: string) =>
          options.properties
            .filter(ts.isPropertyAssignment)
            .find((entry) => entry.name.getText() === key)?.initializer;
        const attribute = option('attribute');
        const state = option('state')?.kind === ts.SyntaxKind.TrueKeyword;
        if (state || attribute?.kind === ts.SyntaxKind.FalseKeyword) result.set(name, null);
        else if (attribute && ts.isStringLiteral(attribute)) result.set(name, attribute.text);
        else result.set(name, name.toLowerCase());
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return result;
}

describe('custom-elements.json', () => {
  let manifest: Manifest;
  const element = (tag: Tag): ElementDoc => {
    const found = manifest.modules
      .flatMap((module) => module.declarations ?? [])
      .find((declaration) => declaration.tagName === tag);
    assert.ok(found, `${tag} is in the manifest`);
    return found;
  };

  before(async () => {
    await run(
      process.execPath,
      [
        join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'),
        'analyze',
        '--quiet',
        '--outdir',
        outDir,
      ],
      { cwd: root },
    );
    manifest = JSON.parse(await read(join(outDir, 'custom-elements.json'))) as Manifest;
  });

  after(() => rm(join(root, outDir), { recursive: true, force: true }));

  test('documents both elements where the package ships them', () => {
    const paths = manifest.modules.map(({ path }) => path);
    assert.deepEqual(paths, ['dist/index.js', 'dist/define.js']);
    const definitions = manifest.modules[1]!.exports ?? [];
    assert.deepEqual(
      definitions.map(({ kind, name, declaration }) => [kind, name, declaration.name]),
      [
        ['custom-element-definition', 'kyc-camera-view', 'KycCameraViewElement'],
        ['custom-element-definition', 'kyc-capture', 'KycCaptureElement'],
      ],
    );
    for (const { tag } of ELEMENTS) assert.ok(element(tag).description, `${tag} has a description`);
  });

  for (const { tag, source, helpers, styles, renders } of ELEMENTS) {
    describe(`<${tag}>`, () => {
      test('declares every --kyc-* property its styles (and its children’s) read, with the same default', async () => {
        const used = customProperties(await read(styles));
        for (const child of renders) {
          const childStyles = ELEMENTS.find((entry) => entry.tag === child)!.styles;
          for (const [name, fallbacks] of customProperties(await read(childStyles))) {
            used.set(name, new Set([...(used.get(name) ?? []), ...fallbacks]));
          }
        }
        const declared = element(tag).cssProperties ?? [];
        assert.deepEqual(sorted(declared.map(({ name }) => name)), sorted(used.keys()));
        for (const { name, default: fallback, description } of declared) {
          assert.ok(description, `${name} has a description`);
          // The first default is the light theme's; any other (the dark theme's, the camera's) is
          // named in the description, as "dark theme: #e8eaed".
          const [first, ...others] = used.get(name)!;
          assert.equal(first, fallback, `${name}: the default the styles use`);
          for (const other of others)
            assert.ok(description.includes(other), `${name}: its other default ${other} is named`);
        }
      });

      test('declares every part its template renders', async () => {
        const code = await readAll([source, ...helpers]);
        const rendered = templateParts(code);
        assert.ok(rendered.length > 0, 'the template has parts');
        if (renders.length) {
          const childParts = templateParts(await read(ELEMENTS[1].source));
          // Re-exported under the same names, all of them: `kyc-capture::part(shutter)`.
          assert.deepEqual(sorted(exportedParts(code)), sorted(childParts));
          rendered.push(...childParts);
        }
        const declared = element(tag).cssParts ?? [];
        assert.deepEqual(sorted(declared.map(({ name }) => name)), sorted(rendered));
        for (const { name, description } of declared) assert.ok(description, `${name}: described`);
      });

      test('declares every event class it dispatches, by name and class', async () => {
        const code = await readAll([source, ...helpers]);
        const known = new Map([...eventNames(code)]);
        for (const file of await readdir(join(root, 'src/events'))) {
          for (const [name, event] of eventNames(await read(join('src/events', file)))) {
            known.set(name, event);
          }
        }
        const dispatched = sorted(
          [...code.matchAll(/new (Kyc\w+Event)\(/g)].map((match) => match[1]!),
        );
        assert.ok(dispatched.length > 0);
        const expected = dispatched.map((className) => {
          assert.ok(known.has(className), `${className} has a static eventName`);
          return `${known.get(className)} ${className}`;
        });
        const declared = element(tag).events ?? [];
        assert.deepEqual(
          sorted(declared.map(({ name, type }) => `${name} ${type?.text}`)),
          sorted(expected),
        );
        for (const { name, description } of declared) assert.ok(description, `${name}: described`);
        // The lists the framework typings (src/frameworks/) derive their event props from.
        const list = tag === 'kyc-capture' ? KYC_EVENT_NAMES : CAMERA_VIEW_EVENT_NAMES;
        assert.deepEqual(sorted(declared.map(({ name }) => name)), sorted(list));
      });

      test('declares every reactive property, with its attribute', async () => {
        const properties = reactiveProperties(source, await read(source));
        const doc = element(tag);
        const attributes = new Map((doc.attributes ?? []).map((a) => [a.name, a.fieldName]));
        for (const [name, attribute] of properties) {
          const member = doc.members.find((entry) => entry.name === name);
          assert.ok(member, `${name} is documented`);
          assert.ok(member.description, `${name} has a description`);
          assert.equal(member.attribute, attribute ?? undefined, `${name}'s attribute`);
          if (attribute) assert.equal(attributes.get(attribute), name, `attribute ${attribute}`);
        }
        assert.deepEqual(
          sorted(attributes.keys()),
          sorted([...properties.values()].filter((value): value is string => value !== null)),
        );
      });

      test('lists public members only, each described', () => {
        for (const member of element(tag).members) {
          assert.ok(!member.name.startsWith('#') && member.privacy !== 'private', member.name);
          assert.ok(member.description, `${member.name} has a description`);
        }
      });
    });
  }

  test('<kyc-capture> declares a custom state per screen', () => {
    const states = element('kyc-capture').cssStates ?? [];
    assert.deepEqual(sorted(names(states)), sorted(Object.values(FlowStatus)));
    for (const { name, description } of states) assert.ok(description, `${name}: described`);
  });

  test('the package points tools at the manifest and ships it', async () => {
    const pkg = JSON.parse(await read('package.json')) as {
      customElements?: string;
      files?: string[];
      exports?: Record<string, unknown>;
    };
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.ok(pkg.files?.includes('custom-elements.json'));
    assert.equal(pkg.exports?.['./custom-elements.json'], './custom-elements.json');
  });
});
