// A minimal PNG encoder (and the decoder its tests and debugging need), so that the fixture
// generators write real images without an image library: 8-bit RGB or RGBA, no interlacing, one
// IDAT chunk, zlib from node:zlib and a table-driven CRC-32.
//
// Each row gets the filter (None, Sub or Up) with the smallest sum of absolute signed bytes, the
// usual heuristic (libpng's): it makes photos of smooth surfaces noticeably smaller than filter 0
// for little code. The decoder undoes all five filter types, so it also reads other encoders' files
// of the same colour types.
import { deflateSync, inflateSync } from 'node:zlib';

/** Pixels with 3 (RGB) or 4 (RGBA) bytes each, row-major. */
export interface PngImage {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** Bytes per pixel: 3 for RGB, 4 for RGBA. */
  readonly channels: 3 | 4;
  /** width * height * channels bytes. */
  readonly data: Uint8Array | Uint8ClampedArray;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// CRC-32 (ISO 3309, the polynomial PNG specifies), one table lookup per byte.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of `bytes`, as PNG chunks carry it (over the chunk type and data). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Options of {@link encodePng}. */
export interface PngOptions {
  /** zlib level 0-9 (default 6; noisy photos gain almost nothing above it and it is 3x faster than 9). */
  readonly level?: number;
}

/** Encodes 8-bit RGB/RGBA pixels as a PNG file. */
export function encodePng(image: PngImage, options: PngOptions = {}): Buffer {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`bad size ${width}x${height}`);
  }
  if (data.length !== width * height * channels) {
    throw new RangeError(`${data.length} bytes for ${width}x${height}x${channels}`);
  }
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  const candidates = [new Uint8Array(stride), new Uint8Array(stride), new Uint8Array(stride)];
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const none = candidates[0]!;
    const sub = candidates[1]!;
    const up = candidates[2]!;
    const costs = [0, 0, 0];
    for (let i = 0; i < stride; i++) {
      const value = data[row + i]!;
      const left = i >= channels ? data[row + i - channels]! : 0;
      const above = y > 0 ? data[row - stride + i]! : 0;
      none[i] = value;
      sub[i] = (value - left) & 0xff;
      up[i] = (value - above) & 0xff;
      // Bytes read as signed: small residuals (near 0 or 255) are cheap for deflate.
      costs[0] += value < 128 ? value : 256 - value;
      costs[1] += sub[i]! < 128 ? sub[i]! : 256 - sub[i]!;
      costs[2] += up[i]! < 128 ? up[i]! : 256 - up[i]!;
    }
    let best = 0;
    if (costs[1]! < costs[best]!) best = 1;
    if (costs[2]! < costs[best]!) best = 2;
    const offset = y * (stride + 1);
    raw[offset] = best; // filter type byte: 0 None, 1 Sub, 2 Up
    raw.set(candidates[best]!, offset + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = channels === 4 ? 6 : 2; // colour type: RGBA or RGB
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: options.level ?? 6 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/**
 * Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what {@link encodePng} writes), checking every
 * chunk's CRC. Throws on anything else.
 */
export function decodePng(file: Uint8Array): PngImage {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (!bytes.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels: 3 | 4 = 3;
  const idat: Buffer[] = [];
  for (;;) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const crc = bytes.readUInt32BE(offset + 8 + length);
    if (crc !== crc32(bytes.subarray(offset + 4, offset + 8 + length))) {
      throw new Error(`bad CRC in ${type}`);
    }
    offset += 12 + length;
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0 || (data[9] !== 2 && data[9] !== 6)) {
        throw new Error('only 8-bit non-interlaced RGB/RGBA is supported');
      }
      channels = data[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const input = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[row + i - channels]! : 0;
      const b = y > 0 ? out[row - stride + i]! : 0;
      const c = i >= channels && y > 0 ? out[row - stride + i - channels]! : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = a;
          break;
        case 2:
          predictor = b;
          break;
        case 3:
          predictor = (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new Error(`bad filter type ${filter} in row ${y}`);
      }
      out[row + i] = (input[i]! + predictor) & 0xff;
    }
  }
  return { width, height, channels, data: out };
}
