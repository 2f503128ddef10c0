// Writing the generated fixtures: atomically (a temporary name, then a rename), so that parallel
// readers and test processes never see half a file, and not at all when the file is current.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Where the generated fixtures go (git-ignored): absolute, from this file's location, so that tests
 * find the same files whatever their working directory.
 */
export const GENERATED_DIR = resolve(REPO_ROOT, 'test/fixtures/generated');

/** A temporary name beside `path`, unique to this writer. */
export const tempPath = (path: string): string => `${path}.${randomBytes(4).toString('hex')}.tmp`;

/** Writes a file atomically (temporary name, then rename): parallel readers never see half a file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPath(path);
  await writeFile(temp, data);
  await rename(temp, path);
}

/** Writes `text` to `path` (atomically) unless the file already holds exactly that. */
export async function writeIfChanged(path: string, text: string): Promise<void> {
  if ((await readFile(path, 'utf8').catch(() => '')) !== text) await writeFileAtomic(path, text);
}

/** True when `path` already holds a file that starts with `header` and has `size` bytes (fast reruns). */
export async function upToDate(path: string, header: string, size: number): Promise<boolean> {
  try {
    if ((await stat(path)).size !== size) return false;
    const file = await open(path, 'r');
    try {
      const bytes = Buffer.alloc(Buffer.byteLength(header));
      await file.read(bytes, 0, bytes.length, 0);
      return bytes.toString('latin1') === header;
    } finally {
      await file.close();
    }
  } catch {
    return false;
  }
}
