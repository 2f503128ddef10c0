import imageCompression from 'browser-image-compression';
import { EncodeError, type EncodedImage } from './encode.js';

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
 * case costs nothing: encode at most `maxLongSide` pixels (as `<kyc-capture>` does) and this only
 * runs for images whose bytes are over. When it runs, it works on the main thread: it decodes the
 * JPEG, then draws and re-encodes it up to 10 times (about 0.1-0.3 s for 1920x1080, in short
 * tasks). Its own web worker would load the library from a third-party CDN, which the SDK never
 * does, and it cannot run in ours (Safari's path decodes through `<img>`).
 */
export async function capSize(image: EncodedImage, cap: SizeCap = {}): Promise<EncodedImage> {
  const { maxBytes, maxLongSide } = { ...DEFAULT_SIZE_CAP, ...cap };
  if (image.blob.size <= maxBytes && Math.max(image.width, image.height) <= maxLongSide)
    return image;
  const file = new File([image.blob], 'capture.jpg', { type: 'image/jpeg' });
  try {
    const compressed = await imageCompression(file, {
      // The library counts in MiB (maxSizeMB * 1024 * 1024 bytes).
      maxSizeMB: maxBytes / (1024 * 1024),
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
  } catch (error) {
    throw new EncodeError(undefined, { cause: error });
  }
}
