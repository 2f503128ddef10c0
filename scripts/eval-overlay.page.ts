// The page side of scripts/eval-overlay.ts: decodes an image as the eval does, draws the true
// outline (green) and the detected one (magenta) over it with a caption strip above, and returns
// the result as PNG bytes in base64 (plain data, cloned back to Node).
import type { Point } from '../src/quality/types.ts';

/** Height of the caption strip above the image, px. */
export const CAPTION_HEIGHT = 20;
/** Outline colours: the label's (true) and the engine's (detected). */
export const TRUE_COLOUR = '#00ff00';
export const DETECTED_COLOUR = '#ff00ff';

/** One overlay to draw. */
export interface OverlayRequest {
  readonly url: string;
  /** The manifest's corners in image pixels, or null. */
  readonly truth: readonly Point[] | null;
  /** The report's corners in image pixels, or null. */
  readonly detected: readonly Point[] | null;
  readonly caption: string;
}

/** Draws one overlay; resolves with the PNG's bytes in base64. */
export async function drawOverlay(request: OverlayRequest): Promise<string> {
  const response = await fetch(request.url);
  if (!response.ok) throw new Error(`${request.url}: HTTP ${response.status}`);
  const bitmap = await createImageBitmap(await response.blob(), {
    colorSpaceConversion: 'none',
    premultiplyAlpha: 'none',
  });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height + CAPTION_HEIGHT);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context for OffscreenCanvas');
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, canvas.width, CAPTION_HEIGHT);
  ctx.drawImage(bitmap, 0, CAPTION_HEIGHT);
  bitmap.close();
  ctx.fillStyle = '#fff';
  ctx.font = '13px sans-serif';
  ctx.fillText(request.caption, 4, 14);
  const outline = (quad: readonly Point[] | null, colour: string): void => {
    if (!quad) return;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.beginPath();
    quad.forEach(([x, y], k) => {
      if (k === 0) ctx.moveTo(x, y + CAPTION_HEIGHT);
      else ctx.lineTo(x, y + CAPTION_HEIGHT);
    });
    ctx.closePath();
    ctx.stroke();
  };
  outline(request.truth, TRUE_COLOUR);
  outline(request.detected, DETECTED_COLOUR);
  const bytes = new Uint8Array(
    await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer(),
  );
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
