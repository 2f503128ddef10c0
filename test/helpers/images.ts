// Test pictures whose content is known by colour, and reading colours back, for the encode tests.
import { canvas2d } from './async.js';

/** A canvas with a left/right split so orientation and crops can be checked by colour. */
export function splitCanvas(width: number, height: number): HTMLCanvasElement {
  const { canvas, ctx } = canvas2d(width, height);
  ctx.fillStyle = 'rgb(220, 30, 30)';
  ctx.fillRect(0, 0, width / 2, height);
  ctx.fillStyle = 'rgb(30, 30, 220)';
  ctx.fillRect(width / 2, 0, width / 2, height);
  return canvas;
}

/** Average colour of a small patch, read back from a decoded image. */
export function colourAt(bitmap: ImageBitmap, x: number, y: number): [number, number, number] {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.drawImage(bitmap, 0, 0);
  const { data } = ctx.getImageData(x - 2, y - 2, 5, 5);
  const sum = [0, 0, 0];
  for (let i = 0; i < data.length; i += 4) {
    sum[0] += data[i] ?? 0;
    sum[1] += data[i + 1] ?? 0;
    sum[2] += data[i + 2] ?? 0;
  }
  const n = data.length / 4;
  return [sum[0] / n, sum[1] / n, sum[2] / n] as [number, number, number];
}

/** Whether a colour from {@link colourAt} is the split canvas's red. */
export function isRed([r, , b]: [number, number, number]): boolean {
  return r > 150 && b < 100;
}

/** Whether a colour from {@link colourAt} is the split canvas's blue. */
export function isBlue([r, , b]: [number, number, number]): boolean {
  return b > 150 && r < 100;
}
