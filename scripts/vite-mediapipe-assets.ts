// The face detector's files, one way everywhere: served under any `…/mediapipe/<file>` path by the
// Vite dev and preview servers and by the unit-test server, and emitted next to the chunk that
// resolves the default URL (src/face/assets.ts: `new URL('mediapipe/', import.meta.url)`) by the
// library and demo builds. The model is produced in-process from the npm file (scripts/face-model.ts);
// the wasm pair is copied from @mediapipe/tasks-vision.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import type { Plugin } from 'vite';
import { FACE_ASSET_DIR, FACE_ASSET_FILES } from '../src/face/assets.ts';
import { readFaceModelFile } from './face-model.ts';

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
    fileName: FACE_ASSET_FILES.wasmLoader,
    contentType: 'text/javascript',
    bytes: fromPackage(`@mediapipe/tasks-vision/${FACE_ASSET_FILES.wasmLoader}`),
  },
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

/** The asset a request path names (`/any/dir/mediapipe/<file>`), if any. */
export function findMediapipeAsset(pathname: string): MediapipeAsset | undefined {
  const [dir, file] = pathname.split('?')[0]!.split('/').slice(-2);
  if (dir !== FACE_ASSET_DIR) return undefined;
  return MEDIAPIPE_ASSETS.find((asset) => asset.fileName === file);
}

/** Response headers for an asset: cacheable, so an idle-time prefetch spares the later load. */
export function mediapipeAssetHeaders(asset: MediapipeAsset): Record<string, string> {
  return {
    'Content-Type': asset.contentType,
    'Content-Length': String(asset.bytes().length),
    'Cache-Control': 'public, max-age=3600',
  };
}

/** Connect-style middleware for Vite's dev and preview servers. */
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

/** Vite plugin: serves the assets in dev/preview and emits them in builds that contain the face code. */
export function mediapipeAssets(): Plugin {
  return {
    name: 'kyc-mediapipe-assets',
    configureServer(server) {
      server.middlewares.use(mediapipeAssetsMiddleware);
    },
    configurePreviewServer(server) {
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
