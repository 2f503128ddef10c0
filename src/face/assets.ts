// Where the face detector's files live, in one place: their names (shared with the build plugin that
// serves and emits them), the default location and the idle-time prefetch.
import type { FaceDetectorOptions } from './types.js';

/**
 * The files the face detector fetches at run time: the tasks-vision wasm binary (its ES-module
 * build, whose loader is bundled into the face worker) and the BlazeFace model that
 * `scripts/face-model.ts` produces.
 */
export const FACE_ASSET_FILES = {
  wasmBinary: 'vision_wasm_module_internal.wasm',
  model: 'face_detection_short_range.tflite',
} as const;

/** Directory name of the assets, next to the module that resolves the default URLs. */
export const FACE_ASSET_DIR = 'mediapipe';

/** Absolute URLs of the files the detector fetches. */
export interface FaceAssetUrls {
  /** The tasks-vision wasm binary. */
  readonly wasmBinary: string;
  /** The face detection model. */
  readonly model: string;
}

/**
 * The default URLs: `mediapipe/<file>` next to the module that holds this code. Written as literal
 * `new URL('./…', import.meta.url)` expressions on purpose: that is the one pattern Vite, webpack 5,
 * Rollup and esbuild-based bundlers all recognise, so an app that bundles the package emits the two
 * files itself and rewrites these URLs to wherever it put them; without a bundler the package's
 * `dist/mediapipe/` is where they are.
 */
export function defaultFaceAssets(): FaceAssetUrls {
  return {
    wasmBinary: new URL('./mediapipe/vision_wasm_module_internal.wasm', import.meta.url).href,
    model: new URL('./mediapipe/face_detection_short_range.tflite', import.meta.url).href,
  };
}

function documentBase(): string {
  return globalThis.document?.baseURI ?? globalThis.location?.href ?? import.meta.url;
}

/**
 * Resolves the asset URLs from the options: `wasmBasePath` is the directory of the wasm binary,
 * `modelAssetPath` the model's URL, both relative to the document; either left out takes the
 * default.
 */
export function resolveFaceAssets(
  options: Pick<FaceDetectorOptions, 'wasmBasePath' | 'modelAssetPath'> = {},
): FaceAssetUrls {
  const defaults = defaultFaceAssets();
  return {
    wasmBinary: options.wasmBasePath
      ? new URL(
          FACE_ASSET_FILES.wasmBinary,
          new URL(String(options.wasmBasePath).replace(/\/?$/, '/'), documentBase()),
        ).href
      : defaults.wasmBinary,
    model: options.modelAssetPath
      ? new URL(String(options.modelAssetPath), documentBase()).href
      : defaults.model,
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
  for (const url of [urls.model, urls.wasmBinary]) {
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
