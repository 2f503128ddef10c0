// The face detector's files, one way everywhere. The code asks for them at
// `new URL('./mediapipe/<file>', import.meta.url)` from src/face/assets.ts, so:
// - served from source (the Vite dev server, the unit-test server), they exist at exactly
//   /src/face/mediapipe/<file> and nowhere else, so a test sees a wrong URL as the 404 a user would;
// - built (the library, the demo), they are emitted next to the chunk that holds that code.
// An app that bundles the package finds them through the same literal URLs (its bundler emits them),
// so it needs none of this. The model is produced in-process from the npm file
// (scripts/face-model.ts); the wasm binary is copied from @mediapipe/tasks-vision. A second plugin
// patches the tasks-vision files bundled into the face worker (scripts/mediapipe-glue.ts).
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import type { Plugin } from 'vite';
import { FACE_ASSET_DIR, FACE_ASSET_FILES } from '../src/face/assets.ts';
import { readFaceModelFile } from './face-model.ts';
import { patchMediapipe } from './mediapipe-glue.ts';

/** One file served and emitted under `mediapipe/`. */
export interface MediapipeAsset {
  readonly fileName: string;
  readonly contentType: string;
  /** The bytes (read once, then cached). */
  bytes(): Uint8Array;
}

const require = createRequire(import.meta.url);

function cached(read: () => Uint8Array): () => Uint8Array {
  let bytes: Uint8Array | undefined;
  return () => (bytes ??= read());
}

function fromPackage(specifier: string): () => Uint8Array {
  return cached(() => new Uint8Array(readFileSync(require.resolve(specifier))));
}

/** The files, by name. */
export const MEDIAPIPE_ASSETS: readonly MediapipeAsset[] = [
  {
    fileName: FACE_ASSET_FILES.wasmBinary,
    contentType: 'application/wasm',
    bytes: fromPackage(`@mediapipe/tasks-vision/${FACE_ASSET_FILES.wasmBinary}`),
  },
  {
    fileName: FACE_ASSET_FILES.model,
    contentType: 'application/octet-stream',
    bytes: cached(() => readFaceModelFile()),
  },
];

/** Where the source code (src/face/assets.ts) resolves the files when served as is. */
export const SOURCE_ASSET_DIR = `/src/face/${FACE_ASSET_DIR}/`;

/** The asset a request path names: exactly `<dir><file>`, query ignored; else undefined. */
export function findMediapipeAsset(
  pathname: string,
  dir: string = SOURCE_ASSET_DIR,
): MediapipeAsset | undefined {
  const path = pathname.split('?')[0]!;
  return MEDIAPIPE_ASSETS.find((asset) => path === `${dir}${asset.fileName}`);
}

/** Response headers for an asset: cacheable, so an idle-time prefetch spares the later load. */
export function mediapipeAssetHeaders(asset: MediapipeAsset): Record<string, string> {
  return {
    'Content-Type': asset.contentType,
    'Content-Length': String(asset.bytes().length),
    'Cache-Control': 'public, max-age=3600',
  };
}

/** Connect-style middleware for Vite's dev server: the files where the source resolves them. */
export function mediapipeAssetsMiddleware(
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
): void {
  const asset =
    req.method === 'GET' || req.method === 'HEAD' ? findMediapipeAsset(req.url ?? '') : undefined;
  if (!asset) return next();
  res.writeHead(200, mediapipeAssetHeaders(asset));
  res.end(req.method === 'HEAD' ? undefined : asset.bytes());
}

/**
 * Vite plugin: patches the tasks-vision files the face worker bundles (scripts/mediapipe-glue.ts).
 * Workers are built with their own plugin list (`worker.plugins`), so it goes there too.
 */
export function mediapipeGlue(): Plugin {
  return {
    name: 'kyc-mediapipe-glue',
    transform(code, id) {
      const patched = patchMediapipe(id, code);
      return patched === null ? null : { code: patched, map: null };
    },
  };
}

/**
 * Vite plugin: serves the assets in dev and emits them in builds that contain the face code. Preview
 * serves the build's own files only.
 */
export function mediapipeAssets(): Plugin {
  return {
    name: 'kyc-mediapipe-assets',
    // Pre-bundling would copy tasks-vision past the loader patch (dev only).
    config: () => ({ optimizeDeps: { exclude: ['@mediapipe/tasks-vision'] } }),
    configureServer(server) {
      server.middlewares.use(mediapipeAssetsMiddleware);
    },
    generateBundle(_options, bundle) {
      // The default URL is relative to the module that computes it, so the files go next to its
      // chunk. A build without the face code ships none of them.
      const owner = Object.values(bundle).find(
        (output) =>
          output.type === 'chunk' &&
          output.moduleIds.some((id) => id.replace(/\\/g, '/').endsWith('/src/face/assets.ts')),
      );
      if (!owner) return;
      const dir = posix.join(posix.dirname(owner.fileName), FACE_ASSET_DIR);
      for (const asset of MEDIAPIPE_ASSETS)
        this.emitFile({
          type: 'asset',
          fileName: posix.join(dir, asset.fileName),
          source: asset.bytes(),
        });
    },
  };
}
