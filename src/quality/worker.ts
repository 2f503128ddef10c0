// The quality worker: receives downscaled frames, runs the pure document checks, replies with a
// verdict. Keeping this off the main thread is what keeps the preview and the UI smooth.
import { analyzeDocument } from './analyze.js';
import type { AnalyzeReply, AnalyzeRequest } from './worker-protocol.js';

// The DOM lib has no worker-scope types; this is all of the scope the worker uses.
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<AnalyzeRequest>) => void): void;
  postMessage(message: AnalyzeReply): void;
};
let canvas: OffscreenCanvas | undefined;
let context: OffscreenCanvasRenderingContext2D | null = null;

scope.addEventListener('message', (event) => {
  const { id, bitmap, options } = event.data;
  let reply: AnalyzeReply;
  try {
    const { width, height } = bitmap;
    if (!canvas || canvas.width !== width || canvas.height !== height) {
      canvas = new OffscreenCanvas(width, height);
      context = canvas.getContext('2d', { willReadFrequently: true });
    }
    if (!context) throw new Error('no 2d context in the worker');
    context.drawImage(bitmap, 0, 0);
    const verdict = analyzeDocument(context.getImageData(0, 0, width, height), options);
    reply = { id, verdict };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  } finally {
    bitmap.close();
  }
  scope.postMessage(reply);
});
