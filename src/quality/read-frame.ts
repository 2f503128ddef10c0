// Turning a camera frame into what the checks and auto-capture need. The same code runs in the
// quality worker and, where there is no worker, on the main thread.

/**
 * A camera frame as the analyser takes it: a `VideoFrame` (grabbed from the video without a copy)
 * or an `ImageBitmap` (where there is no `VideoFrame`, or for a still image).
 */
export type CameraFrame = VideoFrame | ImageBitmap;

/** Default longest side of the analysed pixels: enough for the checks, cheap to read. */
export const DEFAULT_ANALYSIS_SIDE = 640;

/** What {@link readFrame} takes from a frame. */
export interface ReadFrameOptions {
  /** Longest side of the analysed pixels (default 640). */
  readonly maxSide?: number;
  /** Also keep the frame as a full-resolution ImageBitmap (default false). */
  readonly keepFull?: boolean;
}

/** A 2D context of exactly the asked size, to read pixels back from. */
export type PixelContext = (
  width: number,
  height: number,
) => OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;

/** The pixel size of a frame as it is displayed. */
export function frameSize(frame: CameraFrame): { width: number; height: number } {
  // By shape, not instanceof: VideoFrame is missing in some browsers that still have ImageBitmap.
  if ('displayWidth' in frame) return { width: frame.displayWidth, height: frame.displayHeight };
  return { width: frame.width, height: frame.height };
}

/**
 * Reads `frame` for analysis: its pixels scaled down so that the longer side is at most `maxSide`,
 * and, with `keepFull`, the frame as a full-resolution ImageBitmap for auto-capture (the caller
 * owns it). Closes `frame` (an ImageBitmap kept as `full` is handed on instead).
 */
export async function readFrame(
  frame: CameraFrame,
  options: ReadFrameOptions,
  contextOf: PixelContext,
): Promise<{ pixels: ImageData; full?: ImageBitmap }> {
  let full: ImageBitmap | undefined;
  try {
    const { width, height } = frameSize(frame);
    const scale = Math.min(1, (options.maxSide ?? DEFAULT_ANALYSIS_SIDE) / Math.max(width, height));
    const small = {
      width: Math.max(1, Math.round(width * scale)),
      height: Math.max(1, Math.round(height * scale)),
    };
    // A VideoFrame is converted to RGB once: scaling the converted copy down is 2 ms, not 9.
    if (options.keepFull) full = 'displayWidth' in frame ? await createImageBitmap(frame) : frame;
    const source = full ?? frame;
    // The same downscale the checks were tuned on: createImageBitmap's 'low' resize.
    const scaled =
      scale < 1
        ? await createImageBitmap(source, {
            resizeWidth: small.width,
            resizeHeight: small.height,
            resizeQuality: 'low',
          })
        : source;
    let pixels: ImageData;
    try {
      const context = contextOf(small.width, small.height);
      if (!context) throw new Error('no 2D canvas to read frames with');
      context.drawImage(scaled, 0, 0);
      pixels = context.getImageData(0, 0, small.width, small.height);
    } finally {
      if (scaled !== source) scaled.close();
    }
    return full ? { pixels, full } : { pixels };
  } catch (error) {
    full?.close();
    throw error;
  } finally {
    if (frame !== full) frame.close();
  }
}
