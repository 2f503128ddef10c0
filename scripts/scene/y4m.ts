// The YUV4MPEG2 files Chromium's fake camera reads (`--use-file-for-fake-video-capture`): the stream
// header, I420 frames converted from RGBA, and the writer every video generator uses, which skips
// videos that are already current.
import { open, rename, rm } from 'node:fs/promises';
import { tempPath, upToDate } from './files.ts';

/** Renders frame `index` as RGBA (alpha ignored). The buffer may be reused between calls. */
export type FrameRenderer = (index: number) => Uint8ClampedArray;

/** Options of {@link writeY4m}. */
export interface Y4mOptions {
  /** How many frames to write. */
  frameCount: number;
  /** Frame rate written to the header (Chromium paces the fake camera with it). Default 30. */
  fps?: number;
  /** Extra header tags, e.g. `XKEY=value` (Chromium ignores unknown tags). */
  extraTags?: readonly string[];
}

/** The YUV4MPEG2 stream header (including its trailing newline). */
export function y4mHeader(width: number, height: number, options: Y4mOptions): string {
  const tags = [
    'YUV4MPEG2',
    `W${width}`,
    `H${height}`,
    `F${options.fps ?? 30}:1`,
    'Ip',
    'A1:1',
    // 4:2:0 with chroma centred between luma samples, which is what averaging 2x2 blocks produces.
    'C420jpeg',
    ...(options.extraTags ?? []),
  ];
  return `${tags.join(' ')}\n`;
}

/** Bytes of one I420 frame (without its `FRAME\n` marker). */
export function i420FrameSize(width: number, height: number): number {
  const chroma = Math.ceil(width / 2) * Math.ceil(height / 2);
  return width * height + 2 * chroma;
}

/** Exact size of a y4m file written by {@link writeY4m} with these parameters. */
export function y4mFileSize(width: number, height: number, options: Y4mOptions): number {
  const header = Buffer.byteLength(y4mHeader(width, height, options));
  return header + options.frameCount * ('FRAME\n'.length + i420FrameSize(width, height));
}

/**
 * Converts RGBA to I420 with BT.601 "studio swing" (Y 16-235, U/V 16-240): that is the range a
 * y4m without an `XCOLORRANGE=FULL` tag declares and the one Chromium assumes for camera frames
 * (checked: colours drawn here come back from `getUserMedia` + canvas within about 3 levels).
 * Chroma is the conversion of each 2x2 block's mean colour.
 * @returns one buffer holding the Y, U and V planes back to back
 */
export function rgbaToI420(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  out: Uint8Array = new Uint8Array(i420FrameSize(width, height)),
): Uint8Array {
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const uOffset = width * height;
  const vOffset = uOffset + cw * ch;
  for (let i = 0, p = 0; i < width * height; i++, p += 4) {
    const r = rgba[p]!;
    const g = rgba[p + 1]!;
    const b = rgba[p + 2]!;
    // Fixed-point BT.601 (the usual 8-bit coefficients, x256), rounded.
    out[i] = ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16;
  }
  for (let cy = 0; cy < ch; cy++) {
    const y0 = 2 * cy;
    const y1 = Math.min(y0 + 1, height - 1);
    for (let cx = 0; cx < cw; cx++) {
      const x0 = 2 * cx;
      const x1 = Math.min(x0 + 1, width - 1);
      const a = (y0 * width + x0) * 4;
      const b2 = (y0 * width + x1) * 4;
      const c = (y1 * width + x0) * 4;
      const d = (y1 * width + x1) * 4;
      // Sums of four samples: the divisions by 4 fold into the final shift (>> 10 instead of >> 8).
      const r = rgba[a]! + rgba[b2]! + rgba[c]! + rgba[d]!;
      const g = rgba[a + 1]! + rgba[b2 + 1]! + rgba[c + 1]! + rgba[d + 1]!;
      const b = rgba[a + 2]! + rgba[b2 + 2]! + rgba[c + 2]! + rgba[d + 2]!;
      const k = cy * cw + cx;
      out[uOffset + k] = ((-38 * r - 74 * g + 112 * b + 512) >> 10) + 128;
      out[vOffset + k] = ((112 * r - 94 * g - 18 * b + 512) >> 10) + 128;
    }
  }
  return out;
}

/**
 * Writes a YUV4MPEG2 file (the format Chromium's fake camera reads): header, then `FRAME\n` and
 * the I420 planes of each frame. Writes to a temporary name and renames, so a reader never sees a
 * half-written file and an interrupted run leaves nothing that looks complete.
 */
export async function writeY4m(
  path: string,
  width: number,
  height: number,
  frames: FrameRenderer,
  options: Y4mOptions,
): Promise<void> {
  const temp = tempPath(path);
  const file = await open(temp, 'w');
  try {
    await file.write(y4mHeader(width, height, options));
    const marker = Buffer.from('FRAME\n');
    const planes = new Uint8Array(i420FrameSize(width, height));
    for (let i = 0; i < options.frameCount; i++) {
      const rgba = frames(i);
      if (rgba.length !== width * height * 4) {
        throw new RangeError(`frame ${i} has ${rgba.length} bytes, expected ${width * height * 4}`);
      }
      await file.write(marker);
      await file.write(rgbaToI420(rgba, width, height, planes));
    }
  } catch (error) {
    await file.close();
    await rm(temp, { force: true });
    throw error;
  }
  await file.close();
  await rename(temp, path);
}

/**
 * Writes the videos of `paths` (one header and size for all) whose files are not current, or all
 * of them with `force`: `frames(name)` is asked only for those. Returns the names written.
 */
export async function writeStaleVideos<N extends string>(
  paths: Readonly<Record<N, string>>,
  width: number,
  height: number,
  options: Y4mOptions,
  frames: (name: N) => FrameRenderer,
  force = false,
): Promise<N[]> {
  const header = y4mHeader(width, height, options);
  const size = y4mFileSize(width, height, options);
  const stale: N[] = [];
  for (const name of Object.keys(paths) as N[]) {
    if (force || !(await upToDate(paths[name], header, size))) stale.push(name);
  }
  for (const name of stale) await writeY4m(paths[name], width, height, frames(name), options);
  return stale;
}
