// RGBA → luma (BT.601) with an optional integer box downscale, luma → smaller luma, and RGBA →
// downscaled opponent-colour planes. Every document check works on a downscaled copy: reading the
// RGBA once and averaging while converting is the cheapest pass over the frame there is.
import type { LumaFrame, RgbaFrame } from './types.js';

// BT.601 weights scaled to 256 (77 + 150 + 29 = 256), so a pixel's luma is one shift away.
const WR = 77;
const WG = 150;
const WB = 29;

// Reading a pixel as one 32-bit word is ~2x faster than four byte reads; the byte order of that word
// is the platform's (little-endian in every browser we know of, but checked rather than assumed).
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A buffer of at least `length` bytes: `out` when it is big enough, else a new one. */
function bufferFor(length: number, out: Uint8Array | undefined): Uint8Array<ArrayBuffer> {
  return out && out.length >= length
    ? (out.subarray(0, length) as Uint8Array<ArrayBuffer>)
    : new Uint8Array(length);
}

/** The integer downscale factor that brings `width` closest to `target` (never below 1). */
export function downscaleFactor(width: number, target: number): number {
  return Math.max(1, Math.round(width / Math.max(1, target)));
}

/**
 * BT.601 luma of an RGBA frame, averaged over `factor`×`factor` blocks (remainder rows/columns
 * dropped), so output pixel (x, y) covers input pixels [x·factor, (x+1)·factor) and coordinates scale
 * exactly by `factor`. Writes into `out` when it is large enough (scratch reuse across frames).
 */
export function rgbaToLuma(frame: RgbaFrame, factor = 1, out?: Uint8Array): LumaFrame {
  const f = Math.max(1, Math.floor(factor));
  const { data: src, width: sw, height: sh } = frame;
  if (src.length < sw * sh * 4) throw new RangeError('RGBA buffer is smaller than width×height×4');
  const width = Math.floor(sw / f);
  const height = Math.floor(sh / f);
  const data = bufferFor(width * height, out);
  const aligned = LITTLE_ENDIAN && src.byteOffset % 4 === 0;

  if (f === 1 && aligned) {
    const px = new Uint32Array(src.buffer, src.byteOffset, sw * sh);
    for (let i = 0, n = sw * sh; i < n; i++) {
      const p = px[i]!;
      data[i] = (WR * (p & 255) + WG * ((p >>> 8) & 255) + WB * ((p >>> 16) & 255) + 128) >>> 8;
    }
  } else if (f === 2 && aligned) {
    // The common case (640 → 320): two rows at a time, four words per output pixel.
    const px = new Uint32Array(src.buffer, src.byteOffset, sw * sh);
    for (let y = 0; y < height; y++) {
      let a = 2 * y * sw;
      let b = a + sw;
      let o = y * width;
      for (let x = 0; x < width; x++, a += 2, b += 2, o++) {
        const p0 = px[a]!;
        const p1 = px[a + 1]!;
        const p2 = px[b]!;
        const p3 = px[b + 1]!;
        const r = (p0 & 255) + (p1 & 255) + (p2 & 255) + (p3 & 255);
        const g = ((p0 >>> 8) & 255) + ((p1 >>> 8) & 255) + ((p2 >>> 8) & 255) + ((p3 >>> 8) & 255);
        const bl =
          ((p0 >>> 16) & 255) + ((p1 >>> 16) & 255) + ((p2 >>> 16) & 255) + ((p3 >>> 16) & 255);
        data[o] = (WR * r + WG * g + WB * bl + 512) >>> 10;
      }
    }
  } else {
    const shiftDiv = 256 * f * f;
    const half = shiftDiv >>> 1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (let dy = 0; dy < f; dy++) {
          let i = ((y * f + dy) * sw + x * f) * 4;
          for (let dx = 0; dx < f; dx++, i += 4) {
            sum += WR * src[i]! + WG * src[i + 1]! + WB * src[i + 2]!;
          }
        }
        data[y * width + x] = Math.floor((sum + half) / shiftDiv);
      }
    }
  }
  return { data, width, height };
}

/**
 * A luma frame averaged over `factor`×`factor` blocks (remainder dropped; coordinates scale exactly
 * by `factor`). Returns the input itself for factor 1. Writes into `out` when it is large enough.
 */
export function downscaleLuma(luma: LumaFrame, factor: number, out?: Uint8Array): LumaFrame {
  const f = Math.max(1, Math.floor(factor));
  if (f === 1) return luma;
  const { data: src, width: sw } = luma;
  const width = Math.floor(sw / f);
  const height = Math.floor(luma.height / f);
  const data = bufferFor(width * height, out);
  const n = f * f;
  const half = n >>> 1;
  if (f === 2) {
    for (let y = 0; y < height; y++) {
      let a = 2 * y * sw;
      let b = a + sw;
      let o = y * width;
      for (let x = 0; x < width; x++, a += 2, b += 2, o++) {
        data[o] = (src[a]! + src[a + 1]! + src[b]! + src[b + 1]! + 2) >>> 2;
      }
    }
    return { data, width, height };
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < f; dy++) {
        let i = (y * f + dy) * sw + x * f;
        for (let dx = 0; dx < f; dx++, i++) sum += src[i]!;
      }
      data[y * width + x] = Math.floor((sum + half) / n);
    }
  }
  return { data, width, height };
}

/**
 * A frame as luma plus two opponent-colour planes at half the luma's size (colour edges are broad,
 * and a quarter of the pixels keeps the cost of colour small).
 */
export interface ColourPlanes {
  /** BT.601 luma. */
  readonly luma: LumaFrame;
  /** (R - G) / 2 + 128: red against green, half the luma's width and height (rounded down). */
  readonly redGreen: LumaFrame;
  /** ((R + G) / 2 - B) / 2 + 128: yellow against blue, half size like redGreen. */
  readonly yellowBlue: LumaFrame;
}

/** Output buffers for {@link rgbaToPlanes}, reused across frames. */
export interface PlaneBuffers {
  luma?: Uint8Array;
  redGreen?: Uint8Array;
  yellowBlue?: Uint8Array;
}

// Per-column sums of the current luma row and of the current pair of luma rows (colour).
let rowR = new Int32Array(0);
let rowG = new Int32Array(0);
let rowB = new Int32Array(0);
let sumR = new Int32Array(0);
let sumG = new Int32Array(0);
let sumB = new Int32Array(0);

/**
 * Luma averaged over `factor`×`factor` blocks and two opponent-colour planes averaged over blocks
 * twice that size (remainders dropped; coordinates scale exactly), in one pass over the RGBA. The
 * colour planes are what let an outline be found where the document and what is behind it have the
 * same lightness but not the same colour (a green header band on a purple desk). Chroma is halved:
 * a colour difference counts half as much as the same difference in lightness.
 */
export function rgbaToPlanes(
  frame: RgbaFrame,
  factor: number,
  buffers: PlaneBuffers = {},
): ColourPlanes {
  const f = Math.max(1, Math.floor(factor));
  const { data: src, width: sw, height: sh } = frame;
  if (src.length < sw * sh * 4) throw new RangeError('RGBA buffer is smaller than width×height×4');
  const width = Math.floor(sw / f);
  const height = Math.floor(sh / f);
  const cw = width >> 1;
  const ch = height >> 1;
  const y8 = bufferFor(width * height, buffers.luma);
  const a8 = bufferFor(cw * ch, buffers.redGreen);
  const b8 = bufferFor(cw * ch, buffers.yellowBlue);
  if (rowR.length < width) {
    rowR = new Int32Array(width);
    rowG = new Int32Array(width);
    rowB = new Int32Array(width);
    sumR = new Int32Array(width);
    sumG = new Int32Array(width);
    sumB = new Int32Array(width);
  }
  sumR.fill(0);
  sumG.fill(0);
  sumB.fill(0);
  const block = f * f;
  const lumaDiv = 256 * block;
  const lumaHalf = lumaDiv >> 1;
  // Colour blocks hold 4·f² pixels: (R - G) / 2 per pixel is the sum over 8·f², and so on.
  const colourA = 8 * block;
  const colourB = 16 * block;
  const words = LITTLE_ENDIAN && src.byteOffset % 4 === 0;
  const px = words ? new Uint32Array(src.buffer, src.byteOffset, sw * sh) : null;
  if (px && (f === 2 || f === 4)) {
    if (f === 2) planesBy2(px, sw, width, height, y8, a8, b8);
    else planesBy4(px, sw, width, height, y8, a8, b8);
    return {
      luma: { data: y8, width, height },
      redGreen: { data: a8, width: cw, height: ch },
      yellowBlue: { data: b8, width: cw, height: ch },
    };
  }
  const span = width * f;
  for (let y = 0; y < height; y++) {
    rowR.fill(0);
    rowG.fill(0);
    rowB.fill(0);
    for (let dy = 0; dy < f; dy++) {
      const start = (y * f + dy) * sw;
      if (px) {
        for (let x = 0, i = start; x < width; x++) {
          let r = 0;
          let g = 0;
          let b = 0;
          for (let end = i + f; i < end; i++) {
            const p = px[i]!;
            r += p & 255;
            g += (p >>> 8) & 255;
            b += (p >>> 16) & 255;
          }
          rowR[x] = rowR[x]! + r;
          rowG[x] = rowG[x]! + g;
          rowB[x] = rowB[x]! + b;
        }
      } else {
        for (let x = 0, i = 4 * start, end = 4 * (start + span); i < end; x++) {
          let r = 0;
          let g = 0;
          let b = 0;
          for (let k = 0; k < f; k++, i += 4) {
            r += src[i]!;
            g += src[i + 1]!;
            b += src[i + 2]!;
          }
          rowR[x] = rowR[x]! + r;
          rowG[x] = rowG[x]! + g;
          rowB[x] = rowB[x]! + b;
        }
      }
    }
    const out = y * width;
    for (let x = 0; x < width; x++) {
      const r = rowR[x]!;
      const g = rowG[x]!;
      const b = rowB[x]!;
      y8[out + x] = ((WR * r + WG * g + WB * b + lumaHalf) / lumaDiv) | 0;
      const c = x >> 1;
      sumR[c] = sumR[c]! + r;
      sumG[c] = sumG[c]! + g;
      sumB[c] = sumB[c]! + b;
    }
    if (y & 1 && y >> 1 < ch) {
      const row = (y >> 1) * cw;
      for (let c = 0; c < cw; c++) {
        const r = sumR[c]!;
        const g = sumG[c]!;
        const b = sumB[c]!;
        // Floored (| 0 truncates, so shift to positive first): the extremes stay inside 0-255.
        a8[row + c] = ((r - g + 128 * colourA) / colourA) | 0;
        b8[row + c] = ((r + g - 2 * b + 128 * colourB) / colourB) | 0;
      }
      sumR.fill(0);
      sumG.fill(0);
      sumB.fill(0);
    }
  }
  return {
    luma: { data: y8, width, height },
    redGreen: { data: a8, width: cw, height: ch },
    yellowBlue: { data: b8, width: cw, height: ch },
  };
}

// Two channels per operation (SWAR): masking a little-endian RGBA word with RB keeps red in bits
// 0-7 and blue in bits 16-23, so one addition sums both, each in its own 16-bit lane; masking with
// G keeps green in bits 8-15, summed in place and shifted down once per sum. A lane holds up to
// 65535, i.e. 257 pixels of 255: every block summed below (4 or 64 pixels) fits. Three operations
// fewer per pixel than extracting each channel, ~1/3 off this pass, bit-for-bit the same sums.
const RB = 0x00ff00ff;
const G = 0x0000ff00;

/**
 * rgbaToPlanes for factor 2 (a 640 px frame to 320), the common case, unrolled: each colour block
 * is 4x4 source pixels, i.e. 2x2 luma pixels of 2x2 source pixels each.
 */
function planesBy2(
  px: Uint32Array,
  sw: number,
  width: number,
  height: number,
  y8: Uint8Array,
  a8: Uint8Array,
  b8: Uint8Array,
): void {
  const cw = width >> 1;
  const ch = height >> 1;
  // Luma rows and columns beyond the last whole colour block (odd sizes) are done one by one.
  for (let cy = 0; cy < ch; cy++) {
    // Source rows 4cy..4cy+3; luma rows 2cy (from source rows a, b) and 2cy+1 (c, d).
    let a = 4 * cy * sw;
    let b = a + sw;
    let c = b + sw;
    let d = c + sw;
    let o = 2 * cy * width;
    let k = cy * cw;
    for (let cx = 0; cx < cw; cx++, a += 4, b += 4, c += 4, d += 4, o += 2, k++) {
      // Four luma pixels, each the sum of a 2x2 source block: red and blue in rb, green in g.
      let p0 = px[a]!;
      let p1 = px[a + 1]!;
      let p2 = px[b]!;
      let p3 = px[b + 1]!;
      const rb0 = (p0 & RB) + (p1 & RB) + (p2 & RB) + (p3 & RB);
      const g0 = ((p0 & G) + (p1 & G) + (p2 & G) + (p3 & G)) >>> 8;
      p0 = px[a + 2]!;
      p1 = px[a + 3]!;
      p2 = px[b + 2]!;
      p3 = px[b + 3]!;
      const rb1 = (p0 & RB) + (p1 & RB) + (p2 & RB) + (p3 & RB);
      const g1 = ((p0 & G) + (p1 & G) + (p2 & G) + (p3 & G)) >>> 8;
      p0 = px[c]!;
      p1 = px[c + 1]!;
      p2 = px[d]!;
      p3 = px[d + 1]!;
      const rb2 = (p0 & RB) + (p1 & RB) + (p2 & RB) + (p3 & RB);
      const g2 = ((p0 & G) + (p1 & G) + (p2 & G) + (p3 & G)) >>> 8;
      p0 = px[c + 2]!;
      p1 = px[c + 3]!;
      p2 = px[d + 2]!;
      p3 = px[d + 3]!;
      const rb3 = (p0 & RB) + (p1 & RB) + (p2 & RB) + (p3 & RB);
      const g3 = ((p0 & G) + (p1 & G) + (p2 & G) + (p3 & G)) >>> 8;
      y8[o] = (WR * (rb0 & 0xffff) + WG * g0 + WB * (rb0 >>> 16) + 512) >>> 10;
      y8[o + 1] = (WR * (rb1 & 0xffff) + WG * g1 + WB * (rb1 >>> 16) + 512) >>> 10;
      y8[o + width] = (WR * (rb2 & 0xffff) + WG * g2 + WB * (rb2 >>> 16) + 512) >>> 10;
      y8[o + width + 1] = (WR * (rb3 & 0xffff) + WG * g3 + WB * (rb3 >>> 16) + 512) >>> 10;
      const rbs = rb0 + rb1 + rb2 + rb3;
      const rs = rbs & 0xffff;
      const bs = rbs >>> 16;
      const gs = g0 + g1 + g2 + g3;
      // Sums over 16 pixels: (R - G) / 2 + 128 is (rs - gs) / 32 + 128, floored, inside 0-255.
      a8[k] = (rs - gs + 4096) >> 5;
      b8[k] = (rs + gs - 2 * bs + 8192) >> 6;
    }
  }
  for (let y = 0; y < height; y++) {
    const from = y < 2 * ch ? 2 * cw : 0;
    for (let x = from; x < width; x++) {
      const a = 2 * (y * sw + x);
      const p0 = px[a]!;
      const p1 = px[a + 1]!;
      const p2 = px[a + sw]!;
      const p3 = px[a + sw + 1]!;
      const rb = (p0 & RB) + (p1 & RB) + (p2 & RB) + (p3 & RB);
      const g = ((p0 & G) + (p1 & G) + (p2 & G) + (p3 & G)) >>> 8;
      y8[y * width + x] = (WR * (rb & 0xffff) + WG * g + WB * (rb >>> 16) + 512) >>> 10;
    }
  }
}

// Per-column colour sums of the current pair of luma rows in planesBy4 (red and blue as in RB).
let pairRB = new Int32Array(0);
let pairG = new Int32Array(0);

/**
 * rgbaToPlanes for factor 4 (1280 px frames to 320): each luma pixel sums a 4x4 block, read as
 * four rows of four words; colour sums 2x2 luma pixels (64 source pixels: still inside a lane).
 */
function planesBy4(
  px: Uint32Array,
  sw: number,
  width: number,
  height: number,
  y8: Uint8Array,
  a8: Uint8Array,
  b8: Uint8Array,
): void {
  const cw = width >> 1;
  if (pairRB.length < width) {
    pairRB = new Int32Array(width);
    pairG = new Int32Array(width);
  }
  for (let y = 0; y < height; y++) {
    // The first row of a pair sets the column sums, the second adds to them.
    const first = (y & 1) === 0;
    for (let x = 0, r0 = 4 * y * sw, o = y * width; x < width; x++, r0 += 4, o++) {
      // The four source rows of this block, unrolled.
      const r1 = r0 + sw;
      const r2 = r1 + sw;
      const r3 = r2 + sw;
      let p0 = px[r0]!;
      let p1 = px[r0 + 1]!;
      let p2 = px[r0 + 2]!;
      let p3 = px[r0 + 3]!;
      let rb = (p0 & RB) + (p1 & RB) + (p2 & RB) + (p3 & RB);
      let g = (p0 & G) + (p1 & G) + (p2 & G) + (p3 & G);
      p0 = px[r1]!;
      p1 = px[r1 + 1]!;
      p2 = px[r1 + 2]!;
      p3 = px[r1 + 3]!;
      rb += (p0 & RB) + (p1 & RB) + (p2 & RB) + (p3 & RB);
      g += (p0 & G) + (p1 & G) + (p2 & G) + (p3 & G);
      p0 = px[r2]!;
      p1 = px[r2 + 1]!;
      p2 = px[r2 + 2]!;
      p3 = px[r2 + 3]!;
      rb += (p0 & RB) + (p1 & RB) + (p2 & RB) + (p3 & RB);
      g += (p0 & G) + (p1 & G) + (p2 & G) + (p3 & G);
      p0 = px[r3]!;
      p1 = px[r3 + 1]!;
      p2 = px[r3 + 2]!;
      p3 = px[r3 + 3]!;
      rb += (p0 & RB) + (p1 & RB) + (p2 & RB) + (p3 & RB);
      g += (p0 & G) + (p1 & G) + (p2 & G) + (p3 & G);
      y8[o] = (WR * (rb & 0xffff) + WG * (g >>> 8) + WB * (rb >>> 16) + 2048) >>> 12;
      const c = x >> 1;
      if (first && (x & 1) === 0) {
        pairRB[c] = rb;
        pairG[c] = g;
      } else {
        pairRB[c] = pairRB[c]! + rb;
        pairG[c] = pairG[c]! + g;
      }
    }
    if (!first) {
      const out = (y >> 1) * cw;
      for (let c = 0; c < cw; c++) {
        const r = pairRB[c]! & 0xffff;
        const b = pairRB[c]! >>> 16;
        const g = pairG[c]! >>> 8;
        // Sums over 64 pixels: (R - G) / 2 + 128 is (r - g) / 128 + 128, floored, inside 0-255.
        a8[out + c] = (r - g + 16384) >> 7;
        b8[out + c] = (r + g - 2 * b + 32768) >> 8;
      }
    }
  }
}
