// Reads what the header of an encoded image says, without decoding it: format and pixel size
// (readImageHeader) and whether a JPEG carries EXIF metadata (hasExif). Shared by the session-v1
// adapter (to name the MIME type from the bytes, not from a Blob's possibly empty `type`), the mock
// backends (to check the declared size against the real one) and the encoder's tests (uploads must
// carry no EXIF). Internal; pure and DOM-free: it runs in the browser, in a Worker and in Node.

/** The image formats session-v1 accepts. */
export const ImageMimeType = {
  Jpeg: 'image/jpeg',
  Png: 'image/png',
} as const;
/** One accepted image format. */
export type ImageMimeType = (typeof ImageMimeType)[keyof typeof ImageMimeType];

/** What the header of a well-formed image says. */
export interface ImageHeader {
  /** Always true: the bytes are a complete JPEG or PNG. */
  readonly ok: true;
  /** The format found in the bytes. */
  readonly mimeType: ImageMimeType;
  /** Pixel width from the JPEG frame header or the PNG IHDR chunk. */
  readonly width: number;
  /** Pixel height from the JPEG frame header or the PNG IHDR chunk. */
  readonly height: number;
}

/** Why bytes are not a usable image; `code` is the session-v1 error code the mock answers with. */
export interface ImageHeaderProblem {
  /** Always false. */
  readonly ok: false;
  /** `unsupported_image` (not a JPEG/PNG, or corrupt) or `image_truncated` (cut off). */
  readonly code: 'unsupported_image' | 'image_truncated';
  /** What is wrong, for developers. */
  readonly message: string;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// An empty IEND chunk is always these 12 bytes (length 0, "IEND", its CRC).
const PNG_IEND = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

function problem(code: ImageHeaderProblem['code'], message: string): ImageHeaderProblem {
  return { ok: false, code, message };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((value, i) => bytes[at + i] === value);
}

function u16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function u32(bytes: Uint8Array, at: number): number {
  return (u16(bytes, at) * 0x10000 + u16(bytes, at + 2)) >>> 0;
}

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but not. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Whether the JPEG ends with EOI; trailing zero padding (some encoders add it) is tolerated. */
function jpegHasEnd(bytes: Uint8Array): boolean {
  let end = bytes.length;
  while (end > 2 && bytes[end - 1] === 0x00) end--;
  return bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9;
}

/** One marker segment of a JPEG that has a length field. */
interface JpegSegment {
  /** The marker byte (0xC0 SOF0, 0xE1 APP1, ...). */
  readonly marker: number;
  /** Index of the segment's 2-byte length field; the payload follows it. */
  readonly at: number;
  /** The length field's value: the payload's length plus 2. */
  readonly length: number;
}

/** Why a walk over JPEG segments ended without `visit` deciding. */
type JpegWalkEnd = 'corrupt' | 'corrupt_length' | 'scan' | 'truncated';

/**
 * Walks the marker segments of a JPEG (after its SOI) up to the first scan or EOI, where the
 * header ends, calling `visit` for each segment with a length field; the first value `visit`
 * returns ends the walk. Fill bytes and the markers without a length (TEM, RST0-7) are skipped.
 */
function walkJpeg<T>(
  bytes: Uint8Array,
  visit: (segment: JpegSegment) => T | undefined,
): T | JpegWalkEnd {
  let i = 2;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) return 'corrupt';
    while (bytes[i] === 0xff) i++; // fill bytes
    const marker = bytes[i++];
    if (marker === undefined) break;
    if (marker === 0xd9 || marker === 0xda) return 'scan';
    // Markers without a length field: TEM and the restart markers.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (i + 2 > bytes.length) break;
    const length = u16(bytes, i);
    if (length < 2) return 'corrupt_length';
    const decided = visit({ marker, at: i, length });
    if (decided !== undefined) return decided;
    i += length;
  }
  return 'truncated';
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8;
}

const JPEG_ENDS: Readonly<Record<JpegWalkEnd, ImageHeaderProblem>> = {
  corrupt: problem('unsupported_image', 'The JPEG has a corrupt segment.'),
  corrupt_length: problem('unsupported_image', 'The JPEG has a corrupt segment length.'),
  scan: problem('unsupported_image', 'The JPEG has no frame header before its image data.'),
  truncated: problem('image_truncated', 'The JPEG ends before its frame header.'),
};

function readJpeg(bytes: Uint8Array): ImageHeader | ImageHeaderProblem {
  const found = walkJpeg(
    bytes,
    ({ marker, at, length }): ImageHeader | ImageHeaderProblem | undefined => {
      if (!isStartOfFrame(marker)) return undefined;
      if (length < 8 || at + 7 > bytes.length) return JPEG_ENDS.truncated;
      const height = u16(bytes, at + 3);
      const width = u16(bytes, at + 5);
      if (width === 0 || height === 0) {
        return problem('unsupported_image', 'The JPEG frame header has no pixel size.');
      }
      if (!jpegHasEnd(bytes)) return problem('image_truncated', 'The JPEG is cut off (no EOI).');
      return { ok: true, mimeType: 'image/jpeg', width, height };
    },
  );
  return typeof found === 'string' ? JPEG_ENDS[found] : found;
}

function readPng(bytes: Uint8Array): ImageHeader | ImageHeaderProblem {
  // Signature (8), IHDR length (4) and type (4), width (4), height (4).
  if (bytes.length < 24) return problem('image_truncated', 'The PNG ends inside its header.');
  if (u32(bytes, 8) !== 13 || !startsWith(bytes, [0x49, 0x48, 0x44, 0x52], 12)) {
    return problem('unsupported_image', 'The PNG does not start with an IHDR chunk.');
  }
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  if (width === 0 || height === 0) return problem('unsupported_image', 'The PNG has no pixels.');
  if (!startsWith(bytes, PNG_IEND, bytes.length - PNG_IEND.length)) {
    return problem('image_truncated', 'The PNG is cut off (no IEND chunk).');
  }
  return { ok: true, mimeType: 'image/png', width, height };
}

/** Reads format and pixel size from JPEG (SOI + SOF) or PNG (signature + IHDR) bytes. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | ImageHeaderProblem {
  if (isJpeg(bytes)) return readJpeg(bytes);
  if (startsWith(bytes, PNG_SIGNATURE)) return readPng(bytes);
  return problem('unsupported_image', 'The data is neither a JPEG nor a PNG.');
}

const EXIF_ID = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"

/**
 * Whether JPEG bytes contain an EXIF (APP1 "Exif\0\0") segment. Walks the marker segments up to
 * the first scan, where metadata ends; false for anything that is not a JPEG.
 */
export function hasExif(bytes: Uint8Array): boolean {
  if (!isJpeg(bytes)) return false;
  const found = walkJpeg(bytes, ({ marker, at, length }) =>
    marker === 0xe1 && length >= 2 + EXIF_ID.length && startsWith(bytes, EXIF_ID, at + 2)
      ? true
      : undefined,
  );
  return found === true;
}
