import {
  WorkerOrMainThread,
  type WorkerOrMainThreadOptions,
  type WorkMode,
} from '../worker-client.js';
import { EncodeError, encodeJpeg, type EncodedImage, type EncodeOptions } from './encode.js';

/** A still sent to the encode worker. The bitmap is transferred; the worker closes it. */
export interface EncodeRequest {
  /** The picture at full resolution. */
  readonly bitmap: ImageBitmap;
  /** Crop, scale and quality. */
  readonly options: EncodeOptions;
}

/**
 * Crops, scales and encodes stills as JPEG (`encodeJpeg`) in a Worker when the browser has Worker
 * and OffscreenCanvas, else on the main thread. Drawing and encoding a 1920x1080 frame takes tens
 * of milliseconds; in the worker none of it lands on the main thread.
 */
export class JpegEncoder {
  readonly #work: WorkerOrMainThread<EncodeRequest, EncodedImage>;

  constructor(options: WorkerOrMainThreadOptions = {}) {
    this.#work = new WorkerOrMainThread(
      'encode',
      // The .ts name is what Vite (build) and the test server (esbuild) both resolve and transform.
      () => new Worker(new URL('./encode-worker.ts', import.meta.url), { type: 'module' }),
      // encodeJpeg's own EncodeErrors keep their message (it is for the person); others are causes.
      ({ message, code }) =>
        code === 'encode-failed'
          ? new EncodeError(message)
          : new EncodeError(undefined, { cause: message }),
      options,
    );
  }

  /** Where the encoding runs: the main thread also once the worker has failed. */
  get mode(): WorkMode {
    return this.#work.mode;
  }

  /** Encodes `bitmap` as `encodeJpeg` does and closes it (it is moved to the worker). */
  encode(bitmap: ImageBitmap, options: EncodeOptions = {}): Promise<EncodedImage> {
    return this.#work.run({ bitmap, options }, [bitmap], async () => {
      try {
        return await encodeJpeg(bitmap, options);
      } finally {
        bitmap.close();
      }
    });
  }

  /** Stops the worker; pending and later encodings reject. */
  dispose(): void {
    this.#work.dispose();
  }
}
