// A capture re-encoded smaller, for the one resend after a server refused it as too large (413).
// The size cap's encoder (capture/compress.ts) does the work with a lower target: half the bytes
// the server refused, never more than half the default cap.
import { capSize, DEFAULT_SIZE_CAP } from '../capture/compress.js';
import type { Capture, LivenessFrame } from '../capture/types.js';

/** The target of a re-encode: half of what was refused (and at most half the default cap). */
function target(bytes: number): { maxBytes: number; maxLongSide: number } {
  return {
    maxBytes: Math.max(1, Math.floor(Math.min(bytes, DEFAULT_SIZE_CAP.maxBytes) / 2)),
    maxLongSide: DEFAULT_SIZE_CAP.maxLongSide,
  };
}

async function smallerFrame(frame: LivenessFrame): Promise<LivenessFrame> {
  const image = await capSize(frame, target(frame.blob.size));
  return { ...frame, blob: image.blob, width: image.width, height: image.height };
}

/** Bytes a capture sends: its image, or every frame of a liveness sequence. */
export function captureBytes(capture: Capture): number {
  return capture.frames
    ? capture.frames.reduce((sum, frame) => sum + frame.blob.size, 0)
    : capture.blob.size;
}

/**
 * The capture re-encoded at a lower target (each frame of a liveness sequence too, the first
 * standing for `blob` as before); undefined when that did not make it any smaller.
 * @throws EncodeError when the image cannot be re-encoded.
 */
export async function shrinkCapture(capture: Capture): Promise<Capture | undefined> {
  let smaller: Capture;
  if (capture.frames?.length) {
    const frames = await Promise.all(capture.frames.map(smallerFrame));
    const [first] = frames as [LivenessFrame, ...LivenessFrame[]];
    smaller = { ...capture, frames, blob: first.blob, width: first.width, height: first.height };
  } else {
    const image = await capSize(capture, target(capture.blob.size));
    smaller = { ...capture, blob: image.blob, width: image.width, height: image.height };
  }
  return captureBytes(smaller) < captureBytes(capture) ? smaller : undefined;
}
