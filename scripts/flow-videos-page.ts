// The page side of flow-videos.test.ts (bundled and run by scripts/browser-runner.ts): one frame of
// each flow video through what the capture flow does with it in the browser. Frames arrive as raw
// RGBA files (decoded from the y4m in Node); results are plain data, cloned back to Node.
import { FaceAnalyzer } from '../src/face/face-analyzer.ts';
import type { PortraitResult } from '../src/face/portrait.ts';
import type { SelfieVerdict } from '../src/face/selfie.ts';
import { ID1_ASPECT } from '../src/internal/documents.ts';
import { analyzeDocument } from '../src/quality/analyze.ts';
import { readFrame } from '../src/quality/read-frame.ts';
import { scaleQuad } from '../src/quality/region.ts';
import type { FrameVerdict } from '../src/quality/types.ts';

// One detector for the page, as the capture element keeps one across its steps.
let faceAnalyzer: FaceAnalyzer | undefined;
const analyzer = (): FaceAnalyzer => (faceAnalyzer ??= new FaceAnalyzer());

/** A 2D context to read pixels back from (willReadFrequently: it is read right away). */
const contextOf = (width: number, height: number) =>
  new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });

/** The raw RGBA frame at `url` (`width` x `height`) as a bitmap, as a camera frame would be. */
async function loadFrame(url: string, width: number, height: number): Promise<ImageBitmap> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const data = new Uint8ClampedArray(await response.arrayBuffer());
  return createImageBitmap(new ImageData(data, width, height));
}

/** What the document steps make of a card frame. */
export interface CardFrameResult {
  /** analyzeDocument's verdict on the frame read as the camera view reads it (640 px wide). */
  readonly verdict: FrameVerdict;
  /** The portrait search on the full frame, given the verdict's quad as the capture passes it. */
  readonly portrait: PortraitResult;
}

/**
 * The document front's path: the frame read down to the analysis size (readFrame, as the quality
 * worker does), analyzeDocument, then, as `<kyc-capture>` does with the captured frame,
 * findPortrait on the full-resolution frame with the found outline scaled up to it.
 */
export async function checkCardFrame(
  url: string,
  width: number,
  height: number,
): Promise<CardFrameResult> {
  const { pixels, full } = await readFrame(
    await loadFrame(url, width, height),
    { keepFull: true },
    contextOf,
  );
  try {
    const verdict = analyzeDocument(pixels, { documentAspect: ID1_ASPECT });
    const quad = verdict.quad ? scaleQuad(verdict.quad, width / verdict.width) : null;
    const portrait = await analyzer().findPortrait(full!, quad, { aspect: ID1_ASPECT });
    return { verdict, portrait };
  } finally {
    full?.close();
  }
}

/** What the selfie step makes of a frame. */
export interface SelfieFrameResult {
  readonly verdict: SelfieVerdict;
  /** Faces the detector reported. */
  readonly faces: number;
}

/** The selfie step's path: the face worker reads the frame down, detects, runs analyzeSelfie. */
export async function checkSelfieFrame(
  url: string,
  width: number,
  height: number,
): Promise<SelfieFrameResult> {
  const frame = await loadFrame(url, width, height);
  const { verdict, detection } = await analyzer().analyzeSelfie(frame, performance.now());
  return { verdict, faces: detection.faces.length };
}
