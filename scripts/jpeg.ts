// A minimal baseline JPEG encoder, so that fixture generators can write photos as phones deliver
// them (block artefacts, chroma subsampling) without an image library. The SDK's own encoder
// (src/capture/encode.ts) needs a browser canvas; this one is plain TypeScript for Node.
//
// Baseline sequential DCT, 8-bit, YCbCr (JFIF, BT.601 full range), 4:2:0 chroma subsampling, the
// example quantisation tables of ITU T.81 Annex K scaled by quality as libjpeg does, and the
// Annex K Huffman tables. Float DCT; the output is the same bytes on every platform (V8's maths).

/** Zigzag position k -> natural (row-major) index in the 8x8 block. */
const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
  13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52,
  45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

// Annex K.1, natural order.
const LUMA_Q = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
  14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
  92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA_Q = [
  17,
  18,
  24,
  47,
  99,
  99,
  99,
  99,
  18,
  21,
  26,
  66,
  99,
  99,
  99,
  99,
  24,
  26,
  56,
  99,
  99,
  99,
  99,
  99,
  47,
  66,
  99,
  99,
  99,
  99,
  99,
  99,
  ...Array<number>(32).fill(99),
];

/** A Huffman table as DHT carries it: code counts per length 1-16, then the symbols. */
export interface HuffmanSpec {
  readonly bits: readonly number[];
  readonly values: readonly number[];
}

// Annex K.3.
export const DC_LUMA: HuffmanSpec = {
  bits: [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0],
  values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
};
export const DC_CHROMA: HuffmanSpec = {
  bits: [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
  values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
};
export const AC_LUMA: HuffmanSpec = {
  bits: [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d],
  values: [
    0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
    0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
    0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
    0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
    0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
    0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
    0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
    0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
    0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
    0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
    0xf9, 0xfa,
  ],
};
export const AC_CHROMA: HuffmanSpec = {
  bits: [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77],
  values: [
    0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71,
    0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0,
    0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26,
    0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
    0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,
    0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
    0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5,
    0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
    0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
    0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
    0xf9, 0xfa,
  ],
};

/** Quantisation table for `quality` (1-100), natural order, as libjpeg scales Annex K's. */
export function quantTable(base: readonly number[], quality: number): number[] {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? 5000 / q : 200 - 2 * q;
  return base.map((v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))));
}

/** Canonical codes (T.81 Annex C) of a table: symbol -> [code, length]. */
function huffmanCodes(spec: HuffmanSpec): Map<number, [number, number]> {
  const codes = new Map<number, [number, number]>();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < spec.bits[length - 1]!; i++) codes.set(spec.values[k++]!, [code++, length]);
    code <<= 1;
  }
  return codes;
}

class BitWriter {
  readonly bytes: number[] = [];
  #acc = 0;
  #count = 0;

  /** Appends the low `length` (≤ 16) bits of `code`, most significant first. */
  write(code: number, length: number): void {
    this.#acc = (this.#acc << length) | (code & ((1 << length) - 1));
    this.#count += length;
    while (this.#count >= 8) {
      this.#count -= 8;
      const byte = (this.#acc >>> this.#count) & 0xff;
      this.bytes.push(byte);
      // A 0xFF in entropy-coded data is followed by a stuffed 0x00.
      if (byte === 0xff) this.bytes.push(0);
    }
    this.#acc &= (1 << this.#count) - 1;
  }

  /** Pads the last byte with 1 bits, as T.81 asks. */
  flush(): void {
    if (this.#count > 0) this.write((1 << (8 - this.#count)) - 1, 8 - this.#count);
  }
}

// cos((2x + 1) u pi / 16) * C(u) / 2, indexed [u * 8 + x].
const DCT = (() => {
  const t = new Float64Array(64);
  for (let u = 0; u < 8; u++)
    for (let x = 0; x < 8; x++)
      t[u * 8 + x] =
        ((u === 0 ? Math.SQRT1_2 : 1) / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
  return t;
})();

/** Forward DCT of an 8x8 block (natural order, level-shifted samples) into `out`. */
function fdct(block: Float64Array, out: Float64Array, tmp: Float64Array): void {
  for (let y = 0; y < 8; y++)
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let x = 0; x < 8; x++) s += DCT[u * 8 + x]! * block[y * 8 + x]!;
      tmp[y * 8 + u] = s;
    }
  for (let u = 0; u < 8; u++)
    for (let v = 0; v < 8; v++) {
      let s = 0;
      for (let y = 0; y < 8; y++) s += DCT[v * 8 + y]! * tmp[y * 8 + u]!;
      out[v * 8 + u] = s;
    }
}

/** Bits needed for |v| (the JPEG "category"). */
const category = (v: number) => (v === 0 ? 0 : 32 - Math.clz32(Math.abs(v)));

/** Pixels with 3 bytes (RGB) each, row-major. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Uint8ClampedArray;
}

/** Encodes 8-bit RGB pixels as a baseline JFIF JPEG at `quality` (1-100). */
export function encodeJpeg(image: RgbImage, quality: number): Buffer {
  const { width, height, data } = image;
  if (data.length !== width * height * 3) throw new RangeError('encodeJpeg expects RGB bytes');
  const qY = quantTable(LUMA_Q, quality);
  const qC = quantTable(CHROMA_Q, quality);
  // Planes padded to whole 16x16 MCUs by repeating the last row and column.
  const mw = Math.ceil(width / 16) * 16;
  const mh = Math.ceil(height / 16) * 16;
  const Y = new Float64Array(mw * mh);
  const Cb = new Float64Array((mw / 2) * (mh / 2));
  const Cr = new Float64Array((mw / 2) * (mh / 2));
  for (let y = 0; y < mh; y++)
    for (let x = 0; x < mw; x++) {
      const i = (Math.min(y, height - 1) * width + Math.min(x, width - 1)) * 3;
      const r = data[i]!;
      const g = data[i + 1]!;
      const b = data[i + 2]!;
      Y[y * mw + x] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
      const c = (y >> 1) * (mw / 2) + (x >> 1);
      Cb[c] = Cb[c]! + (-0.168736 * r - 0.331264 * g + 0.5 * b) / 4;
      Cr[c] = Cr[c]! + (0.5 * r - 0.418688 * g - 0.081312 * b) / 4;
    }

  const bits = new BitWriter();
  const tables = [
    { dc: huffmanCodes(DC_LUMA), ac: huffmanCodes(AC_LUMA), q: qY },
    { dc: huffmanCodes(DC_CHROMA), ac: huffmanCodes(AC_CHROMA), q: qC },
  ];
  const predictors = [0, 0, 0];
  const block = new Float64Array(64);
  const coefficients = new Float64Array(64);
  const tmp = new Float64Array(64);
  const put = (codes: Map<number, [number, number]>, symbol: number) => {
    const entry = codes.get(symbol);
    if (!entry) throw new Error(`no Huffman code for symbol ${symbol}`);
    bits.write(entry[0], entry[1]);
  };
  const encodeBlock = (
    plane: Float64Array,
    stride: number,
    x0: number,
    y0: number,
    comp: number,
  ) => {
    for (let y = 0; y < 8; y++)
      for (let x = 0; x < 8; x++) block[y * 8 + x] = plane[(y0 + y) * stride + x0 + x]!;
    fdct(block, coefficients, tmp);
    const t = tables[comp === 0 ? 0 : 1]!;
    const zz = new Int32Array(64);
    for (let k = 0; k < 64; k++) zz[k] = Math.round(coefficients[ZIGZAG[k]!]! / t.q[ZIGZAG[k]!]!);
    const diff = zz[0]! - predictors[comp]!;
    predictors[comp] = zz[0]!;
    const dcCat = category(diff);
    put(t.dc, dcCat);
    if (dcCat) bits.write(diff < 0 ? diff + (1 << dcCat) - 1 : diff, dcCat);
    let run = 0;
    for (let k = 1; k < 64; k++) {
      const v = zz[k]!;
      if (v === 0) {
        run++;
        continue;
      }
      while (run > 15) {
        put(t.ac, 0xf0);
        run -= 16;
      }
      const cat = category(v);
      put(t.ac, (run << 4) | cat);
      bits.write(v < 0 ? v + (1 << cat) - 1 : v, cat);
      run = 0;
    }
    if (run > 0) put(t.ac, 0x00);
  };
  for (let my = 0; my < mh; my += 16)
    for (let mx = 0; mx < mw; mx += 16) {
      encodeBlock(Y, mw, mx, my, 0);
      encodeBlock(Y, mw, mx + 8, my, 0);
      encodeBlock(Y, mw, mx, my + 8, 0);
      encodeBlock(Y, mw, mx + 8, my + 8, 0);
      encodeBlock(Cb, mw / 2, mx / 2, my / 2, 1);
      encodeBlock(Cr, mw / 2, mx / 2, my / 2, 2);
    }
  bits.flush();

  const out: number[] = [];
  const u16 = (v: number) => out.push(v >> 8, v & 0xff);
  const segment = (marker: number, body: number[]) => {
    out.push(0xff, marker);
    u16(body.length + 2);
    out.push(...body);
  };
  out.push(0xff, 0xd8); // SOI
  segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]); // JFIF 1.01, 1:1
  segment(0xdb, [0, ...ZIGZAG.map((n) => qY[n]!), 1, ...ZIGZAG.map((n) => qC[n]!)]);
  segment(0xc0, [
    8,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    3,
    ...[1, 0x22, 0],
    ...[2, 0x11, 1],
    ...[3, 0x11, 1],
  ]);
  const dht = (cls: number, id: number, spec: HuffmanSpec) => [
    (cls << 4) | id,
    ...spec.bits,
    ...spec.values,
  ];
  segment(0xc4, [
    ...dht(0, 0, DC_LUMA),
    ...dht(1, 0, AC_LUMA),
    ...dht(0, 1, DC_CHROMA),
    ...dht(1, 1, AC_CHROMA),
  ]);
  segment(0xda, [3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]);
  const head = Buffer.from(out);
  return Buffer.concat([head, Buffer.from(bits.bytes), Buffer.from([0xff, 0xd9])]);
}
