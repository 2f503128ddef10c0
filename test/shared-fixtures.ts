// The fixtures no registry package ships (see ../shared/fixtures/README.md), found through one
// configurable path: $KYC_FIXTURES, else `../shared/fixtures` next to the repository. They may be
// absent (a fresh clone): tests that need one skip with a message saying so.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The shared fixtures directory (it may not exist). */
export function sharedFixturesDir(): string {
  return resolve(REPO_ROOT, process.env.KYC_FIXTURES ?? '../shared/fixtures');
}

/** Absolute path of a shared fixture, or undefined when it is absent (or outside the directory). */
export function sharedFixture(relativePath: string): string | undefined {
  const dir = sharedFixturesDir();
  const path = resolve(dir, relativePath);
  if (!path.startsWith(dir + sep)) return undefined;
  return existsSync(path) && statSync(path).isFile() ? path : undefined;
}

/** URL prefix under which the unit-test server serves the shared fixtures (404 when absent). */
export const SHARED_FIXTURES_URL = '/__fixtures/';
