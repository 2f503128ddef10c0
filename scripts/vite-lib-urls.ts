// The library build's URLs, in the one form every bundler recognises.
//
// An app that bundles kyc-capture must find the three workers, the wasm binary and the model by
// itself. Vite, webpack 5, Rollup and esbuild-based tools all do that for exactly two literal
// patterns: `new Worker(new URL('./file.js', import.meta.url), …)` and
// `new URL('./file', import.meta.url)`. Vite's library build emits neither: it writes each worker as
// `new Worker(new URL(/* @vite-ignore */ new URL("assets/w.js", import.meta.url).href, "" +
// import.meta.url), …)` (the comment tells the app's Vite to leave it alone, and webpack sees no
// literal), and turns every `new URL()` it could not resolve at build time into
// `new URL("…", "" + import.meta.url)`. Those forms are why a bundled app got no face detector.
// This plugin rewrites them back to the literal patterns after rendering, and fails the build if
// any URL is left in another form, so a Vite upgrade that changes them cannot ship silently.
import MagicString from 'magic-string';
import type { Plugin } from 'vite';

/** Vite's worker URL in lib mode; group 1 is the emitted file, relative to the output root. */
const VITE_WORKER_URL =
  /new URL\(\s*\/\* @vite-ignore \*\/\s*new URL\("([^"]+\.js)", import\.meta\.url\)\.href,\s*"" \+ import\.meta\.url\s*\)/g;

/** A `new URL()` Vite could not resolve (our mediapipe files, emitted by a plugin). */
const VITE_UNRESOLVED_URL = /new URL\(("\.\/[^"]+"), "" \+ import\.meta\.url\)/g;

/** `target` relative to the directory of `from` (both output paths), always starting with `./` or `../`. */
export function relativeUrl(from: string, target: string): string {
  const fromDir = from.split('/').slice(0, -1);
  const parts = target.split('/');
  let common = 0;
  while (common < fromDir.length && fromDir[common] === parts[common]) common++;
  const up = fromDir.slice(common).map(() => '..');
  const path = [...up, ...parts.slice(common)].join('/');
  return up.length ? path : `./${path}`;
}

/** The rewrites that turn a rendered chunk's worker and asset URLs into the literal patterns. */
function literalUrlEdits(
  code: string,
  chunkFileName: string,
): { start: number; end: number; text: string }[] {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const m of code.matchAll(VITE_WORKER_URL))
    edits.push({
      start: m.index,
      end: m.index + m[0].length,
      text: `new URL(${JSON.stringify(relativeUrl(chunkFileName, m[1]!))}, import.meta.url)`,
    });
  for (const m of code.matchAll(VITE_UNRESOLVED_URL))
    edits.push({
      start: m.index,
      end: m.index + m[0].length,
      text: `new URL(${m[1]!}, import.meta.url)`,
    });
  return edits.sort((a, b) => a.start - b.start);
}

/** Fails when a URL is left in a form bundlers cannot follow. */
function checkLiteralUrls(code: string, chunkFileName: string): void {
  const left = /new URL\(\s*\/\* @vite-ignore \*\/|"" \+ import\.meta\.url/.exec(code);
  if (left)
    throw new Error(
      `${chunkFileName}: a URL is left in a form bundlers cannot follow (${left[0]}); ` +
        'see scripts/vite-lib-urls.ts',
    );
  const worker = /new (?:Shared)?Worker\((?!new URL\("\.\.?\/[^"]+\.js", import\.meta\.url\))/.exec(
    code,
  );
  if (worker)
    throw new Error(
      `${chunkFileName}: a worker is created from something other than a literal URL: ` +
        code.slice(worker.index, worker.index + 120),
    );
}

/**
 * A rendered chunk with its worker and asset URLs in the literal patterns (see above), as a
 * MagicString (for the source map); throws when a URL would be left in another form.
 */
export function literalUrls(code: string, chunkFileName: string): MagicString {
  const string = new MagicString(code);
  for (const edit of literalUrlEdits(code, chunkFileName))
    string.overwrite(edit.start, edit.end, edit.text);
  checkLiteralUrls(string.toString(), chunkFileName);
  return string;
}

/** Vite plugin for the library build: {@link literalUrls} on every chunk. */
export function libraryUrls(): Plugin {
  return {
    name: 'kyc-library-urls',
    apply: 'build',
    renderChunk(code, chunk) {
      const string = literalUrls(code, chunk.fileName);
      return string.hasChanged()
        ? { code: string.toString(), map: string.generateMap({ hires: true }) }
        : null;
    },
  };
}
