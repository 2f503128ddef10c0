// Static files from a folder, read-only, with the content types the SDK's files need (the wasm
// binary must be `application/wasm` for streaming compilation). One way for every small server of
// the repository's scripts and tests: the page runner of the eval and bench, and the examples.
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

/** Content types by file extension. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.y4m': 'application/octet-stream',
};

/** `root` joined with the URL path `rest`, or null when `rest` climbs out of `root`. */
export function inside(root: string, rest: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return null;
  }
  const path = resolve(root, `.${sep}${decoded}`);
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep) ? path : null;
}

/**
 * Answers with the file at URL path `rest` under `root` (with `index` for a folder) and resolves
 * true, or resolves false, answering nothing, when there is no such file.
 */
export async function sendFile(
  response: ServerResponse,
  root: string,
  rest: string,
  options: { index?: string; headers?: Record<string, string>; head?: boolean } = {},
): Promise<boolean> {
  let path = inside(root, rest);
  if (!path) return false;
  let info = await stat(path).catch(() => null);
  if (info?.isDirectory() && options.index) {
    path = resolve(path, options.index);
    info = await stat(path).catch(() => null);
  }
  if (!info?.isFile()) return false;
  const type = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  response.writeHead(200, {
    'Content-Type': type,
    'Content-Length': String(info.size),
    ...options.headers,
  });
  response.end(options.head ? undefined : await readFile(path));
  return true;
}
