import type { Quad } from '../quality/types.js';
import type { CropRect } from './encode.js';

/**
 * The full-resolution crop for a document found at `quad` in a frame analysed at `analysedWidth`
 * pixels wide: the quad's bounding box plus `margin` (a share of the box's size) on every side, so
 * that all four corners stay visible to the backend, clipped to the frame.
 */
export function documentCrop(
  quad: Quad,
  analysedWidth: number,
  frame: { width: number; height: number },
  margin = 0.06,
): CropRect {
  const scale = frame.width / analysedWidth;
  const xs = quad.map(([x]) => x * scale);
  const ys = quad.map(([, y]) => y * scale);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const padX = (maxX - minX) * margin;
  const padY = (maxY - minY) * margin;
  const x = Math.max(0, Math.floor(minX - padX));
  const y = Math.max(0, Math.floor(minY - padY));
  return {
    x,
    y,
    width: Math.min(frame.width, Math.ceil(maxX + padX)) - x,
    height: Math.min(frame.height, Math.ceil(maxY + padY)) - y,
  };
}
