import { KycError, type Reason } from '../errors.js';
import type { Quad } from '../quality/types.js';
import { straighten, type StraightenOptions } from '../quality/straighten.js';

/** Anything `encodeJpeg` can draw: a camera frame, a canvas, or a playing video. */
export type ImageSource = ImageBitmap | HTMLCanvasElement | OffscreenCanvas | HTMLVideoElement;

/** A rectangle in source pixels. */
export interface CropRect {
  /** Left edge. */
  x: number;
  /** Top edge. */
  y: number;
  /** Width. */
  width: number;
  /** Height. */
  height: number;
}

/** How `encodeJpeg` encodes. */
export interface EncodeOptions {
  /** JPEG quality from 0 to 1; default 0.92 (text on documents stays crisp). */
  quality?: number;
  /** Scale down so the longer side is at most this many pixels; no limit by default. */
  maxLongSide?: number;
  /** Part of the source to keep, in source pixels; clipped to the source. Whole source by default. */
  crop?: CropRect;
  /**
   * Instead of `crop`: the document at `quad` (source pixels, clockwise from top-left) mapped onto
   * an upright rectangle of its proportions plus a margin (see `straighten`).
   */
  straighten?: StraightenOptions & { readonly quad: Quad };
}

/** What `decodeImageFile` accepts. */
export interface DecodeOptions {
  /** Smallest acceptable short side in pixels; default 480 (below that, document text is unreadable). */
  minShortSide?: number;
  /** Largest acceptable file in bytes; default 40 MB. */
  maxBytes?: number;
}

/** An encoded image and its pixel size. */
export interface EncodedImage {
  /** The JPEG. */
  readonly blob: Blob;
  /** Pixel width. */
  readonly width: number;
  /** Pixel height. */
  readonly height: number;
}

/** Stable codes of {@link ImageFileError}. */
export const ImageFileErrorCode = {
  /** The file is not an image this browser can decode (e.g. a PDF, or HEIC outside Safari). */
  NotAnImage: 'not-an-image',
  /** The image is too small for its details to be read. */
  TooSmall: 'too-small',
  /** The file is over the size limit. */
  TooLarge: 'too-large',
  /** The file says it is a JPEG, PNG, GIF or WebP but cannot be decoded: damaged or cut off. */
  Damaged: 'damaged',
  /** A known image format this browser cannot decode (HEIC outside Safari); `reason.params.format` names it. */
  UnsupportedFormat: 'unsupported-format',
} as const;
/** One of the stable image-file error codes. */
export type ImageFileErrorCode = (typeof ImageFileErrorCode)[keyof typeof ImageFileErrorCode];

const DEFAULT_MIN_SHORT_SIDE = 480;
const DEFAULT_MAX_BYTES = 40 * 1024 * 1024;

/** A picked file cannot be used; `message` and `hint` are for the person. */
export class ImageFileError extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: ImageFileErrorCode;
  /** What the person can do next. */
  readonly hint: string;
  /** Always true: picking another file can work. */
  readonly retryable = true;

  constructor(
    code: ImageFileErrorCode,
    message: string,
    hint: string,
    options?: { cause?: unknown; reason?: Reason },
  ) {
    super(code, message, options);
    this.hint = hint;
  }
}

/** ISO-BMFF brands of HEIF images (`ftyp` box): iPhones' default photo format. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/**
 * What a file that did not decode is, by its first bytes: a format browsers decode (so the file
 * is damaged), HEIC (which most browsers cannot open), or nothing recognisable.
 */
function undecodableKind(bytes: Uint8Array): 'damaged' | 'heic' | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (ascii(4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(8, 12))) return 'heic';
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const png = bytes[0] === 0x89 && ascii(1, 4) === 'PNG';
  const gif = ascii(0, 4) === 'GIF8';
  const webp = ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP';
  return jpeg || png || gif || webp ? 'damaged' : undefined;
}

/** The typed error for a file the browser could not decode, named after what the file is. */
async function undecodable(file: Blob, cause: unknown): Promise<ImageFileError> {
  const kind = undecodableKind(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
  if (kind === 'heic') {
    return new ImageFileError(
      'unsupported-format',
      'This browser cannot open HEIC photos.',
      'Choose a JPEG or PNG photo, or take the photo with the camera here.',
      { cause, reason: { code: 'unsupported-format', params: { format: 'HEIC' } } },
    );
  }
  if (kind === 'damaged') {
    return new ImageFileError(
      'damaged',
      'This photo file is damaged and cannot be opened.',
      'Choose another photo, or take the photo with the camera here.',
      { cause },
    );
  }
  return new ImageFileError(
    'not-an-image',
    'This file is not a photo we can read.',
    'Choose a JPEG or PNG photo.',
    { cause },
  );
}

/** The English messages of an {@link EncodeError}'s two named problems. */
const NO_PICTURE = 'There is no picture to process yet.';
const NO_JPEG = 'This browser cannot create JPEG images.';

/**
 * The catalog code of each named problem, by message: an EncodeError thrown in the encode worker
 * crosses to the main thread as its message, and is made again from it (jpeg-encoder.ts).
 */
const ENCODE_REASONS: ReadonlyMap<string, string> = new Map([
  [NO_PICTURE, 'encode-failed.no-picture'],
  [NO_JPEG, 'encode-failed.no-jpeg'],
]);

/** The browser could not encode the image (no pixels yet, canvas unavailable or out of memory). */
export class EncodeError extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: 'encode-failed';
  /** A later attempt (e.g. once the video has a frame) can work. */
  readonly retryable = true;

  constructor(message = 'The photo could not be processed.', options?: { cause?: unknown }) {
    super('encode-failed', message, options);
  }

  /** `encode-failed`, or its named problem (`encode-failed.no-picture`, `.no-jpeg`). */
  protected override defaultReason(): Reason {
    return { code: ENCODE_REASONS.get(this.message) ?? this.code };
  }
}

function sourceSize(source: ImageSource): { width: number; height: number } {
  // Checked by shape, not instanceof, so this also runs in a Worker where HTMLVideoElement is absent.
  if ('videoWidth' in source) return { width: source.videoWidth, height: source.videoHeight };
  return { width: source.width, height: source.height };
}

function clipCrop(crop: CropRect | undefined, width: number, height: number): CropRect {
  if (!crop) return { x: 0, y: 0, width, height };
  const x = Math.max(0, Math.round(crop.x));
  const y = Math.max(0, Math.round(crop.y));
  const right = Math.min(width, Math.round(crop.x + crop.width));
  const bottom = Math.min(height, Math.round(crop.y + crop.height));
  return { x, y, width: right - x, height: bottom - y };
}

type Canvas2D = {
  canvas: OffscreenCanvas | HTMLCanvasElement;
  context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
};

function createCanvas(width: number, height: number): Canvas2D {
  // OffscreenCanvas works in Workers and skips the DOM; the element is the fallback for old Safari.
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    return { canvas, context: canvas.getContext('2d') };
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return { canvas, context: canvas.getContext('2d') };
}

function canvasToJpeg(canvas: OffscreenCanvas | HTMLCanvasElement, quality: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new EncodeError())),
      'image/jpeg',
      quality,
    );
  });
}

/**
 * Draws `source` (optionally cropped and scaled down) and encodes it as JPEG. The canvas encoder
 * writes pixels only: no EXIF, GPS, camera model or timestamps, so what is uploaded carries nothing
 * but the image.
 */
export async function encodeJpeg(
  source: ImageSource,
  options: EncodeOptions = {},
): Promise<EncodedImage> {
  const quality = options.quality ?? 0.92;
  if (options.straighten) return encodeStraightened(source, options.straighten, options, quality);
  const size = sourceSize(source);
  const crop = clipCrop(options.crop, size.width, size.height);
  if (crop.width <= 0 || crop.height <= 0) {
    throw new EncodeError(NO_PICTURE);
  }
  const longSide = Math.max(crop.width, crop.height);
  const scale =
    options.maxLongSide !== undefined && longSide > options.maxLongSide
      ? options.maxLongSide / longSide
      : 1;
  const width = Math.max(1, Math.round(crop.width * scale));
  const height = Math.max(1, Math.round(crop.height * scale));

  let blob: Blob;
  try {
    const { canvas, context } = createCanvas(width, height);
    if (!context) throw new EncodeError();
    // JPEG has no alpha; transparent areas of a picked PNG would otherwise turn black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(source, crop.x, crop.y, crop.width, crop.height, 0, 0, width, height);
    blob = await canvasToJpeg(canvas, quality);
  } catch (err) {
    throw err instanceof EncodeError ? err : new EncodeError(undefined, { cause: err });
  }
  // Browsers fall back to PNG for types they cannot encode; the backends accept JPEG only.
  if (blob.type !== 'image/jpeg') throw new EncodeError(NO_JPEG);
  return { blob, width, height };
}

/** The straightened document as JPEG: the source's pixels are read, mapped, and encoded. */
async function encodeStraightened(
  source: ImageSource,
  { quad, ...mapping }: NonNullable<EncodeOptions['straighten']>,
  options: EncodeOptions,
  quality: number,
): Promise<EncodedImage> {
  const { width, height } = sourceSize(source);
  if (width <= 0 || height <= 0) throw new EncodeError(NO_PICTURE);
  try {
    const input = createCanvas(width, height);
    const read = input.context as OffscreenCanvasRenderingContext2D | null;
    if (!read) throw new EncodeError();
    read.drawImage(source, 0, 0);
    const image = straighten(read.getImageData(0, 0, width, height), quad, {
      maxLongSide: options.maxLongSide,
      ...mapping,
    });
    const output = createCanvas(image.width, image.height);
    const write = output.context as OffscreenCanvasRenderingContext2D | null;
    if (!write) throw new EncodeError();
    write.putImageData(new ImageData(image.data, image.width, image.height), 0, 0);
    const blob = await canvasToJpeg(output.canvas, quality);
    if (blob.type !== 'image/jpeg') throw new EncodeError(NO_JPEG);
    return { blob, width: image.width, height: image.height };
  } catch (err) {
    throw err instanceof EncodeError ? err : new EncodeError(undefined, { cause: err });
  }
}

/**
 * Decodes a picked file, applying its EXIF orientation so the pixels stand the way the person
 * saw the photo. Throws `ImageFileError` for non-images and for images too small or too large.
 */
export async function decodeImageFile(
  file: Blob,
  options: DecodeOptions = {},
): Promise<ImageBitmap> {
  const minShortSide = options.minShortSide ?? DEFAULT_MIN_SHORT_SIDE;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  // Checked before decoding: a huge file can exhaust a phone's memory while being decoded.
  if (file.size > maxBytes) {
    const mb = Math.round(maxBytes / (1024 * 1024));
    throw new ImageFileError(
      'too-large',
      'This file is too large.',
      `Choose a photo smaller than ${mb} MB.`,
      { reason: { code: 'too-large', params: { mb } } },
    );
  }
  let bitmap: ImageBitmap;
  try {
    // The file's type is not trusted (pickers often send none); decoding is the real test.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (err) {
    // Where the browser decodes HEIC (Safari), it went through above and is re-encoded as JPEG.
    throw await undecodable(file, err);
  }
  if (Math.min(bitmap.width, bitmap.height) < minShortSide) {
    bitmap.close();
    throw new ImageFileError(
      'too-small',
      'This photo is too small for the details to be read.',
      `Choose a sharper photo, at least ${minShortSide} pixels on its shorter side.`,
    );
  }
  return bitmap;
}

/**
 * Turns a picked file into the same kind of JPEG the camera produces: decoded, upright,
 * re-encoded, so uploads from the file fallback carry no EXIF (GPS, device, time) either. Pass
 * `encode` to encode elsewhere, e.g. `(bitmap, o) => encoder.encode(bitmap, o)` with a `JpegEncoder`.
 */
export async function captureFromFile(
  file: Blob,
  options: DecodeOptions & EncodeOptions = {},
  encode: (bitmap: ImageBitmap, options: EncodeOptions) => Promise<EncodedImage> = encodeJpeg,
): Promise<EncodedImage> {
  const bitmap = await decodeImageFile(file, options);
  try {
    return await encode(bitmap, options);
  } finally {
    bitmap.close();
  }
}
