// Real photographs the tests need (faces), found through one lookup for every test, script and the
// unit-test server. Per file, the first folder that has it wins:
//   1. test/fixtures/ in the repository: the committed, licensed copies (test/fixtures/faces/README.md),
//      so that a clean clone runs every test in which the detector must find a face;
//   2. $KYC_FIXTURES, for fixtures that are not committed (relative to the repository root);
//   3. ../shared/fixtures beside the repository, the fallback.
// A fixture found nowhere fails the test where CI is set (a detector that always answers "no face"
// must not stay green there); elsewhere the test is skipped through the runner's own mechanism.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The committed fixtures folder (test/fixtures/, beside the git-ignored generated/ folder). */
export const COMMITTED_FIXTURES_DIR = resolve(REPO_ROOT, 'test/fixtures');

/** The folders searched for a fixture, in order (some may not exist). */
export function fixtureDirs(): string[] {
  const dirs = [COMMITTED_FIXTURES_DIR];
  if (process.env.KYC_FIXTURES) dirs.push(resolve(REPO_ROOT, process.env.KYC_FIXTURES));
  dirs.push(resolve(REPO_ROOT, '../shared/fixtures'));
  return dirs;
}

/**
 * Absolute path of a fixture (e.g. `faces/astronaut.png`) in the first of `dirs` that has it, or
 * undefined when none has it (a path leading outside a folder never matches).
 */
export function fixturePath(
  relativePath: string,
  dirs: readonly string[] = fixtureDirs(),
): string | undefined {
  for (const dir of dirs) {
    const path = resolve(dir, relativePath);
    if (!path.startsWith(dir + sep)) continue;
    if (existsSync(path) && statSync(path).isFile()) return path;
  }
  return undefined;
}

/** Why a fixture is missing, naming where it was looked for and how to provide it. */
export function missingFixtureMessage(
  relativePath: string,
  dirs: readonly string[] = fixtureDirs(),
): string {
  return (
    `fixture ${relativePath} not found in ${dirs.join(', ')} (it is committed under ` +
    'test/fixtures/; KYC_FIXTURES names another folder to look in, ../shared/fixtures is the fallback)'
  );
}

/** Whether this is a CI run (CI set to anything but "", "0" or "false"): a missing fixture fails. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/**
 * For a node:test test that cannot run without a fixture: under CI, fails it (throws); elsewhere,
 * marks it skipped with the reason. Call it before the test's work, or after all of it: node:test
 * reports a skipped test as skipped even when it throws afterwards.
 */
export function skipOrFail(t: TestContext, reason: string): void {
  if (isCi()) throw new Error(`${reason}; CI is set, so a missing fixture fails the test`);
  t.skip(reason);
}
