// Where the face detector's files live, in one place: their names (shared with the build plugin that
// serves and emits them), the default location and the idle-time prefetch.
import type { FaceDetectorOptions } from './types.js';

/**
 * The files the face detector loads. The wasm pair is the ES-module build of tasks-vision, the only
 * one that loads in a module worker; the model is produced by `scripts/face-model.ts`.
 */
export const FACE_ASSET_FILES = {
  wasmLoader: 'vision_wasm_module_internal.js',
  wasmBinary: 'vision_wasm_module_internal.wasm',
  model: 'face_detection_short_range.tflite',
} as const;

/** Directory name of the assets, next to the module that resolves the default URLs. */
export const FACE_ASSET_DIR = 'mediapipe';

/** Absolute URLs of the three files the detector needs. */
export interface FaceAssetUrls {
  readonly wasmLoader: string;
  readonly wasmBinary: string;
  readonly model: string;
}

/**
 * The default asset directory: `mediapipe/` resolved against this module's URL. The build emits the
 * files next to the chunk holding this module, and the dev and test servers serve them under any
 * `…/mediapipe/` path, so the same default works built, in the demo and in the tests.
 */
export function defaultFaceAssetBase(): URL {
  // Not a literal `new URL('./…', import.meta.url)`: bundlers would try to resolve that as a file.
  return new URL(`${FACE_ASSET_DIR}/`, import.meta.url);
}

function documentBase(): string {
  return globalThis.document?.baseURI ?? globalThis.location?.href ?? defaultFaceAssetBase().href;
}

/** Resolves the asset URLs from the options (relative ones against the document). */
export function resolveFaceAssets(
  options: Pick<FaceDetectorOptions, 'wasmBasePath' | 'modelAssetPath'> = {},
): FaceAssetUrls {
  const base = options.wasmBasePath
    ? new URL(String(options.wasmBasePath).replace(/\/?$/, '/'), documentBase())
    : defaultFaceAssetBase();
  const model = options.modelAssetPath
    ? new URL(String(options.modelAssetPath), documentBase())
    : new URL(FACE_ASSET_FILES.model, defaultFaceAssetBase());
  return {
    wasmLoader: new URL(FACE_ASSET_FILES.wasmLoader, base).href,
    wasmBinary: new URL(FACE_ASSET_FILES.wasmBinary, base).href,
    model: model.href,
  };
}

/** What {@link prefetchFaceAssets} did. */
export interface FacePrefetchResult {
  /** URLs fetched successfully (now in the HTTP cache when the server allows caching). */
  readonly fetched: readonly string[];
  /** URLs that failed (network error or HTTP error status). */
  readonly failed: readonly string[];
}

/** Resolves when the browser is idle (requestIdleCallback, else a short timeout); rejects on abort. */
function whenIdle(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
    if (signal?.aborted) return abort();
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(() => resolve(), { timeout: 5000 });
      signal?.addEventListener('abort', () => (cancelIdleCallback(handle), abort()), {
        once: true,
      });
    } else {
      const handle = setTimeout(resolve, 200);
      signal?.addEventListener('abort', () => (clearTimeout(handle), abort()), { once: true });
    }
  });
}

/**
 * Warms the HTTP cache with the face detector's files in idle time, so that the selfie step starts
 * without a 13 MB wait. Call it when a face step is ahead; it never loads or runs MediaPipe itself
 * and never rejects on network errors (they are reported in the result). Rejects only when `signal`
 * aborts.
 */
export async function prefetchFaceAssets(
  options: Pick<FaceDetectorOptions, 'wasmBasePath' | 'modelAssetPath'> & {
    /** Cancels the prefetch (pending downloads are aborted). */
    readonly signal?: AbortSignal;
  } = {},
): Promise<FacePrefetchResult> {
  const { signal } = options;
  const urls = resolveFaceAssets(options);
  const fetched: string[] = [];
  const failed: string[] = [];
  // One at a time, each after an idle period: the page stays responsive and the network is shared
  // with whatever the current step is doing.
  for (const url of [urls.wasmLoader, urls.model, urls.wasmBinary]) {
    await whenIdle(signal);
    try {
      // Same request mode and credentials as the worker's own fetches, so that they hit this entry.
      const response = await fetch(url, { signal, priority: 'low' } as RequestInit);
      // Reading the body to the end is what stores it. In one native call, not through a JS stream
      // pipe: pumping 10 MB chunk by chunk runs as one long chain of microtasks on the main thread
      // when the bytes arrive fast (a 109 ms task in the e2e run). The buffer is dropped at once.
      await response.arrayBuffer();
      (response.ok ? fetched : failed).push(url);
    } catch (error) {
      if (signal?.aborted) throw error;
      failed.push(url);
    }
  }
  return { fetched, failed };
}
