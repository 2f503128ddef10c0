// The bench's comparison point, jscanify on OpenCV.js, fetched only when someone asks for it.
//
// jscanify@1.4.3 depends on `canvas` (and jsdom) for its Node build. `canvas` has no prebuilt binary
// that can be downloaded here, so installing jscanify as a dependency builds it from source, which
// needs cairo and pango headers that a fresh machine lacks: `npm ci` failed on every such machine.
// The bench uses only two browser scripts (jscanify's `src/jscanify.js` and OpenCV.js's
// `dist/opencv.js`), so instead of installing packages we download their two tarballs from the npm
// registry (`npm pack`, no dependency tree, no install scripts) and unpack them under
// `.tmp/bench-baseline/`, which the bench's page server already serves with the repository.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './browser-runner.ts';

const run = promisify(execFile);

/** Where the baseline's files are unpacked (git-ignored). */
export const BASELINE_DIR = resolve(REPO_ROOT, '.tmp/bench-baseline');

/** The packages, pinned: the registry's `latest` of opencv-js is a stale 4.5.2. */
export const BASELINE_PACKAGES = {
  jscanify: { version: '1.4.3', script: 'src/jscanify.js' },
  '@techstark/opencv-js': { version: '4.12.0-release.1', script: 'dist/opencv.js' },
} as const;

export type BaselinePackage = keyof typeof BASELINE_PACKAGES;

/** Absolute path of a baseline script once unpacked. */
export function baselineScript(name: BaselinePackage): string {
  return join(BASELINE_DIR, name, BASELINE_PACKAGES[name].script);
}

/** The two scripts' paths relative to the repository (what the bench page loads under /repo/). */
export function baselineScriptPaths(): { opencv: string; jscanify: string } {
  return {
    opencv: relative(REPO_ROOT, baselineScript('@techstark/opencv-js')),
    jscanify: relative(REPO_ROOT, baselineScript('jscanify')),
  };
}

/** Whether both scripts are present. */
export function baselineInstalled(): boolean {
  return (Object.keys(BASELINE_PACKAGES) as BaselinePackage[]).every((name) =>
    existsSync(baselineScript(name)),
  );
}

/** How to get the comparison, for messages where it is absent. */
export const BASELINE_HINT =
  'run `npm run bench -- --compare` to download jscanify ' +
  `${BASELINE_PACKAGES.jscanify.version} and OpenCV.js ` +
  `${BASELINE_PACKAGES['@techstark/opencv-js'].version} from the npm registry into ` +
  '.tmp/bench-baseline/ (two tarballs, no native build) and include it';

/**
 * Downloads and unpacks the missing baseline packages. Rejects with npm's or tar's message when the
 * registry cannot be reached.
 */
export async function installBaseline(log: (line: string) => void = () => {}): Promise<void> {
  for (const name of Object.keys(BASELINE_PACKAGES) as BaselinePackage[]) {
    await installBaselinePackage(name, log);
  }
}

/**
 * Downloads and unpacks one baseline package unless its script is already there (the real-paper
 * family needs only jscanify's photos). Rejects with npm's or tar's message when the registry
 * cannot be reached.
 */
export async function installBaselinePackage(
  name: BaselinePackage,
  log: (line: string) => void = () => {},
): Promise<void> {
  if (existsSync(baselineScript(name))) return;
  const { version } = BASELINE_PACKAGES[name];
  await mkdir(BASELINE_DIR, { recursive: true });
  log(`bench: downloading ${name}@${version} from the npm registry`);
  const work = await mkdtemp(join(BASELINE_DIR, 'download-'));
  try {
    const { stdout } = await run(
      'npm',
      ['pack', `${name}@${version}`, '--json', '--pack-destination', work],
      { cwd: work, maxBuffer: 16 << 20 },
    );
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    if (!packed) throw new Error(`npm pack ${name}@${version} reported no file`);
    // Tarballs from the registry hold everything under `package/`.
    await run('tar', ['-xzf', join(work, packed.filename), '-C', work]);
    const target = join(BASELINE_DIR, name);
    await rm(target, { recursive: true, force: true });
    await mkdir(resolve(target, '..'), { recursive: true });
    await rename(join(work, 'package'), target);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
