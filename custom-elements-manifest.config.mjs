// `npm run manifest`: custom-elements.json, the Custom Elements Manifest of the package's two
// elements (what IDEs, Storybook and framework type generators read), by
// @custom-elements-manifest/analyzer in its Lit mode. It documents what the source says: the
// element classes' JSDoc (@fires, @csspart, @cssprop, @cssstate) and their `static properties`.
// scripts/manifest.test.ts checks it against the source, so a new part, event, custom property or
// attribute without its doc fails the tests.
//
// Three adjustments, each for something the analyzer does not know:
// - `static properties = { … } as const` (the framework typings derive from it) is unwrapped to the
//   bare object literal before analysis: the analyzer reads only a literal there.
// - Lit's `state: true` properties have no attribute; the analyzer gives them one. Members named
//   `#…` are private to the class, and events it finds without a name, or names after the
//   constructor's argument (a `dispatchEvent(new X(error))` it cannot resolve), are already
//   declared by name through @fires: both are dropped.
// - Paths: the package ships bundles, not src/. The elements are documented in `dist/index.js`,
//   which exports them, and their definitions in `dist/define.js`, which registers them.
import ts from 'typescript';
import { readFileSync } from 'node:fs';

/** Unwraps `static properties = <literal> as const` so that the analyzer sees the literal. */
function unwrapStaticProperties(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const edits = [];
  const visit = (node) => {
    if (
      ts.isPropertyDeclaration(node) &&
      node.name.getText(source) === 'properties' &&
      node.initializer &&
      (ts.isAsExpression(node.initializer) || ts.isSatisfiesExpression(node.initializer))
    ) {
      edits.push([node.initializer.expression.end, node.initializer.end]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edits.reverse().reduce((out, [from, to]) => out.slice(0, from) + out.slice(to), text);
}

/** The names of a class's `state: true` properties, by class name. */
function stateProperties(node, ts) {
  const names = [];
  for (const member of node.members ?? []) {
    if (!ts.isPropertyDeclaration(member) || member.name.getText() !== 'properties') continue;
    const literal = member.initializer;
    if (!literal || !ts.isObjectLiteralExpression(literal)) continue;
    for (const property of literal.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const options = property.initializer;
      const isState =
        ts.isObjectLiteralExpression(options) &&
        options.properties.some(
          (option) =>
            ts.isPropertyAssignment(option) &&
            option.name.getText() === 'state' &&
            option.initializer.kind === ts.SyntaxKind.TrueKeyword,
        );
      if (isState) names.push(property.name.getText());
    }
  }
  return names;
}

/** Lit's reactive state, private members and unnamed events (see the top of this file). */
function litCleanup() {
  const states = new Map();
  return {
    name: 'kyc-capture: Lit state, private members, unnamed events',
    analyzePhase({ ts, node }) {
      if (ts.isClassDeclaration(node) && node.name) {
        states.set(node.name.getText(), stateProperties(node, ts));
      }
    },
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        if (declaration.kind !== 'class') continue;
        const stateNames = states.get(declaration.name) ?? [];
        declaration.members = (declaration.members ?? []).filter(
          (member) => !member.name.startsWith('#') && member.privacy !== 'private',
        );
        for (const member of declaration.members) {
          if (!stateNames.includes(member.name)) continue;
          delete member.attribute;
          delete member.reflects;
        }
        if (declaration.attributes) {
          declaration.attributes = declaration.attributes.filter(
            (attribute) => !stateNames.includes(attribute.fieldName),
          );
        }
        if (declaration.events) {
          // What @fires declares wins over the analyzer's guess for the same class.
          const declared = new Set(
            declaration.events.filter((e) => e.description).map((e) => e.type?.text),
          );
          declaration.events = declaration.events.filter(
            (e) => e.name && (e.description || !declared.has(e.type?.text)),
          );
        }
      }
    },
  };
}

/** The modules as the package ships them: dist/index.js and dist/define.js (see the top). */
function packagePaths() {
  return {
    name: 'kyc-capture: package paths',
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules;
      const index = modules.find((module) => module.path === 'src/index.ts');
      const publicNames = new Set((index?.exports ?? []).map((entry) => entry.name));
      const declarations = modules
        .filter((module) => module.path.startsWith('src/elements/'))
        .flatMap((module) => module.declarations ?? [])
        .filter((declaration) => declaration.customElement && publicNames.has(declaration.name));
      const definitions = modules
        .filter((module) => module.path.startsWith('src/define/'))
        .flatMap((module) => module.exports ?? [])
        .filter((entry) => entry.kind === 'custom-element-definition');
      customElementsManifest.modules = [
        {
          kind: 'javascript-module',
          path: 'dist/index.js',
          declarations,
          exports: declarations.map(({ name }) => ({
            kind: 'js',
            name,
            declaration: { name, module: 'dist/index.js' },
          })),
        },
        {
          kind: 'javascript-module',
          path: 'dist/define.js',
          declarations: [],
          exports: definitions.map(({ name, declaration }) => ({
            kind: 'custom-element-definition',
            name,
            declaration: { name: declaration.name, module: 'dist/index.js' },
          })),
        },
      ];
    },
  };
}

export default {
  globs: ['src/index.ts', 'src/elements/**/*.ts', 'src/define/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  overrideModuleCreation: ({ ts: analyzerTs, globs }) =>
    globs.map((glob) =>
      analyzerTs.createSourceFile(
        glob,
        unwrapStaticProperties(glob, readFileSync(glob, 'utf8')),
        analyzerTs.ScriptTarget.ES2015,
        true,
      ),
    ),
  plugins: [litCleanup(), packagePaths()],
};
