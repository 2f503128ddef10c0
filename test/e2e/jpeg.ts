// What the e2e tests need to know about an uploaded JPEG: its pixel size, and whether it still
// carries EXIF (which could leak location or device data). The size comes from the header reader
// the library and the mock already share (one way to do each thing); this file adds the EXIF check.
import { readImageHeader } from '../../src/internal/image-header.ts';

/** What {@link jpegInfo} reports. */
export interface JpegInfo {
  /** Pixel width from the frame header (SOFn). */
  width: number;
  /** Pixel height from the frame header (SOFn). */
  height: number;
  /** True when an APP1 segment starts with the `Exif\0\0` identifier. */
  hasExif: boolean;
}

const SOS = 0xda;
const EOI = 0xd9;
const APP1 = 0xe1;
const EXIF_ID = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"

/** Whether an APP1 segment before the first scan is EXIF (APPn segments cannot follow a scan). */
function hasExifSegment(bytes: Uint8Array): boolean {
  let offset = 2; // after SOI
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    while (bytes[offset] === 0xff) offset++; // fill bytes before the marker code
    const marker = bytes[offset++]!;
    if (marker === SOS || marker === EOI) return false;
    // Markers without a length field: TEM and the restart markers.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    const length = (bytes[offset]! << 8) | bytes[offset + 1]!;
    const body = offset + 2;
    if (marker === APP1 && EXIF_ID.every((byte, i) => bytes[body + i] === byte)) return true;
    offset += length;
  }
  return false;
}

/**
 * Size and EXIF presence of a complete JPEG, from its marker segments alone (no decoding).
 * @throws Error when the bytes are not a complete JPEG (wrong format, no frame header, cut off)
 */
export function jpegInfo(bytes: Uint8Array): JpegInfo {
  const header = readImageHeader(bytes);
  if (!header.ok) throw new Error(`not a complete JPEG (${header.code}): ${header.message}`);
  if (header.mimeType !== 'image/jpeg') throw new Error(`not a JPEG but ${header.mimeType}`);
  return { width: header.width, height: header.height, hasExif: hasExifSegment(bytes) };
}
