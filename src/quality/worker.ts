// The quality worker: receives camera frames, scales them down, runs the pure document checks and
// replies with a verdict (and the full-resolution frame when auto-capture wants it). Copying and
// scaling a 1280x720 frame costs 10-15 ms; doing it here rather than on the main thread is what
// keeps the preview and the UI smooth.
import { serveRequests } from '../worker-client.js';
import { analyzeDocument } from './analyze.js';
import { readFrame } from './read-frame.js';
import type { AnalyzeRequest, AnalyzeResult } from './worker-protocol.js';

let canvas: OffscreenCanvas | undefined;
let context: OffscreenCanvasRenderingContext2D | null = null;

function contextOf(width: number, height: number): OffscreenCanvasRenderingContext2D | null {
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  return context;
}

serveRequests<AnalyzeRequest, AnalyzeResult>(
  async ({ frame, options, maxSide, keepFull }) => {
    const { pixels, full } = await readFrame(frame, { maxSide, keepFull }, contextOf);
    try {
      const verdict = analyzeDocument(pixels, options);
      return full ? { verdict, full } : { verdict };
    } catch (error) {
      full?.close();
      throw error;
    }
  },
  ({ full }) => (full ? [full] : []),
);
