// Page module of scripts/families/real-paper.ts: decodes a photo the way a browser shows it (EXIF
// orientation applied), resizes it and re-encodes it as JPEG, so the copy carries no orientation
// tag that another decoder could read differently.

/** A photo resized in the page. */
export interface ResizedPhoto {
  /** Size of the decoded original (after EXIF orientation), in pixels. */
  sourceWidth: number;
  sourceHeight: number;
  /** Size of the copy. */
  width: number;
  height: number;
  /** The copy, JPEG, base64. */
  jpegBase64: string;
}

/** Fetches `url`, scales it to at most `maxSide` px on its long side and encodes it as JPEG. */
export async function resizePhoto(
  url: string,
  maxSide: number,
  quality: number,
): Promise<ResizedPhoto> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const bitmap = await createImageBitmap(await response.blob(), {
    imageOrientation: 'from-image',
  });
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.round(bitmap.width * scale);
    const height = Math.round(bitmap.height * scale);
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, width, height);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return {
      sourceWidth: bitmap.width,
      sourceHeight: bitmap.height,
      width,
      height,
      jpegBase64: btoa(binary),
    };
  } finally {
    bitmap.close();
  }
}
