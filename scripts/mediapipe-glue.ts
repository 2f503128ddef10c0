// The parts of @mediapipe/tasks-vision that the face worker bundles, made safe for the integrator's
// bundler. Both files are pinned with the package (1.1.0); each patch is matched exactly, so an
// upgrade that changes them fails the build here, loudly, rather than shipping half-patched code.
//
// - `vision_wasm_module_internal.js`, the wasm loader (Emscripten's ES-module glue), is bundled into
//   the face worker (src/face/face-detector.ts). As shipped it also runs under Node, and those
//   branches would reach the app's bundler: `await import("node:module")`, and a
//   `new URL("vision_wasm_module_raw_internal.wasm", import.meta.url)` fallback for a file that does
//   not exist, which webpack fails the build on. tasks-vision always passes `locateFile`, so that
//   fallback never runs, and a browser never takes the Node branches.
// - `vision_bundle.mjs` loads a loader script with `import(url)` when given a loader path; the SDK
//   gives none (the loader is bundled), but webpack warns "Critical dependency: the request of a
//   dependency is an expression" on it. The magic comments tell webpack and Vite to leave it.

/** One file's patches: exact text → replacement. */
interface FilePatches {
  readonly id: RegExp;
  readonly patches: readonly (readonly [find: string, replace: string])[];
  /** What must not be left in the file's code (outside `//` comments) after patching. */
  readonly forbidden?: RegExp;
}

const FILES: readonly FilePatches[] = [
  {
    id: /@mediapipe[\\/]tasks-vision[\\/]wasm[\\/]vision_wasm_module_internal\.js$/,
    patches: [
      [
        'var ENVIRONMENT_IS_NODE = globalThis.process?.versions?.node && globalThis.process?.type != "renderer";',
        'var ENVIRONMENT_IS_NODE = false;',
      ],
      [
        'const {createRequire} = await import("node:module");\n  /** @suppress{duplicate} */ var require = createRequire(import.meta.url);',
        'var require = undefined;',
      ],
      // Only for `scriptDirectory`, which `locateFile` makes unused; keeps bundlers from resolving it.
      ['var _scriptName = import.meta.url;', 'var _scriptName = globalThis.location?.href ?? "";'],
      [
        'return new URL("vision_wasm_module_raw_internal.wasm", import.meta.url).href;',
        'throw new Error("kyc-capture: the wasm URL comes from locateFile");',
      ],
    ],
    forbidden: /import\.meta|\bimport\(/,
  },
  {
    id: /@mediapipe[\\/]tasks-vision[\\/]vision_bundle\.mjs$/,
    patches: [
      [
        'await import(t.toString())',
        'await import(/* webpackIgnore: true */ /* @vite-ignore */ t.toString())',
      ],
    ],
  },
];

/** Matches the module ids of the files {@link patchMediapipe} patches. */
export const MEDIAPIPE_PATCHED_ID = new RegExp(FILES.map((file) => file.id.source).join('|'));

/** The file's source with its patches applied, or null when `id` is not a patched file. */
export function patchMediapipe(id: string, source: string): string | null {
  const file = FILES.find((candidate) => candidate.id.test(id));
  if (!file) return null;
  let code = source;
  for (const [find, replace] of file.patches) {
    const count = code.split(find).length - 1;
    if (count !== 1)
      throw new Error(
        `${id}: expected exactly one \`${find}\`, found ${count}; ` +
          'check scripts/mediapipe-glue.ts against this @mediapipe/tasks-vision version',
      );
    code = code.replace(find, () => replace);
  }
  if (file.forbidden?.test(code.replace(/\/\/.*$/gm, '')))
    throw new Error(`${id}: ${file.forbidden.source} left after patching`);
  return code;
}
