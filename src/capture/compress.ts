import imageCompression from 'browser-image-compression';
import type { EncodedImage } from './encode.js';

/** Size limits for uploads. */
export interface SizeCap {
  /** Largest file size in bytes (default about 1 MB). */
  readonly maxBytes?: number;
  /** Longest side in pixels (default 2048). */
  readonly maxLongSide?: number;
}

/** Defaults: what verification backends accept comfortably and mobile uploads carry quickly. */
export const DEFAULT_SIZE_CAP: Required<SizeCap> = { maxBytes: 1_000_000, maxLongSide: 2048 };

/**
 * Brings an encoded JPEG under the size cap with browser-image-compression (which searches the
 * quality and scale for us). Images already within the cap are returned untouched, so the common
 * case costs nothing. Runs without its web worker: that worker would load the library from a
 * third-party CDN, which the SDK never does.
 */
export async function capSize(image: EncodedImage, cap: SizeCap = {}): Promise<EncodedImage> {
  const { maxBytes, maxLongSide } = { ...DEFAULT_SIZE_CAP, ...cap };
  if (image.blob.size <= maxBytes && Math.max(image.width, image.height) <= maxLongSide)
    return image;
  const file = new File([image.blob], 'capture.jpg', { type: 'image/jpeg' });
  const compressed = await imageCompression(file, {
    maxSizeMB: maxBytes / 1_000_000,
    maxWidthOrHeight: maxLongSide,
    useWebWorker: false,
    fileType: 'image/jpeg',
    initialQuality: 0.9,
    preserveExif: false,
  });
  const bitmap = await createImageBitmap(compressed);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return { blob: compressed, ...size };
}
