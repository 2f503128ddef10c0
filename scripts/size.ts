// `npm run size`: builds the library and prints what an integrator ships (raw and gzip, per file
// and in total), against a budget. Dependencies (lit, browser-image-compression) stay external and
// are not counted: the integrator's bundler shares them. The face detector (its worker chunks, with
// tasks-vision bundled in, and the MediaPipe files under mediapipe/) loads only when a face step is
// ahead: it is listed with its own subtotal, outside the budget.
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** Budget for everything the SDK itself ships, gzip: the worker and the elements together. */
const BUDGET_GZIP_BYTES = 60_000;

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]),
    ),
  );
  return nested.flat();
}

const outDir = join(root, 'node_modules/.kyc-size');
await build({
  root,
  configFile: join(root, 'vite.config.ts'),
  mode: 'lib',
  logLevel: 'error',
  build: { outDir, emptyOutDir: true, sourcemap: false, minify: true },
});
const rows: { file: string; raw: number; gzip: number }[] = [];
for (const file of (await files(outDir)).filter((f) => f.endsWith('.js')).sort()) {
  const bytes = await readFile(file);
  rows.push({
    file: relative(outDir, file),
    raw: (await stat(file)).size,
    gzip: gzipSync(bytes, { level: 9 }).length,
  });
}
await rm(outDir, { recursive: true, force: true });
/** Files only a face step loads: the face worker's chunks, the MediaPipe files, liveness. */
const faceStepOnly = (file: string) =>
  file.startsWith('mediapipe/') || /^assets\/face-/.test(file) || /^liveness-/.test(file);
const sum = (list: typeof rows) =>
  list.reduce((acc, row) => ({ raw: acc.raw + row.raw, gzip: acc.gzip + row.gzip }), {
    raw: 0,
    gzip: 0,
  });
const total = sum(rows.filter((row) => !faceStepOnly(row.file)));
const faceStep = sum(rows.filter((row) => faceStepOnly(row.file)));
const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
for (const row of rows)
  console.log(
    `${row.file.padEnd(36)} ${kb(row.raw).padStart(10)} ${kb(row.gzip).padStart(10)} gzip`,
  );
console.log(
  `${'total (minified)'.padEnd(36)} ${kb(total.raw).padStart(10)} ${kb(total.gzip).padStart(10)} gzip (budget ${kb(BUDGET_GZIP_BYTES)})`,
);
console.log(
  `${'face step only (lazy, + 13 MB wasm)'.padEnd(36)} ${kb(faceStep.raw).padStart(10)} ${kb(faceStep.gzip).padStart(10)} gzip (not in the budget)`,
);
if (process.argv.includes('--json'))
  console.log(JSON.stringify({ files: rows, total, faceStep, budgetGzip: BUDGET_GZIP_BYTES }));
if (total.gzip > BUDGET_GZIP_BYTES) {
  console.error(`over budget by ${kb(total.gzip - BUDGET_GZIP_BYTES)}`);
  process.exitCode = 1;
}
