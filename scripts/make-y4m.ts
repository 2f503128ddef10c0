// Generates the fake-camera videos the end-to-end tests feed to Chromium
// (`--use-file-for-fake-video-capture`): a document on a table and a face. Everything is drawn here,
// from a seeded PRNG, so the files are byte-identical on every machine and need no image library,
// no ffmpeg and no checked-in binaries.
//
//   node --import tsx scripts/make-y4m.ts [outDir]   (default <repo>/test/fixtures/generated)
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DOCUMENT_MM, ID1_CORNER_MM } from '../src/internal/documents.ts';
import { homography, prng } from '../test/helpers/math.ts';

// Re-exported for the other generators, which took them from here.
export { homography, prng };

/**
 * Default output folder (git-ignored): absolute, from this file's location, so tests find the same
 * videos whatever their working directory.
 */
export const DEFAULT_OUT_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../test/fixtures/generated',
);

/** Width of the generated videos: the e2e tests need uploads of at least 1280 px on the long side. */
export const VIDEO_WIDTH = 1920;
/** Height of the generated videos (16:9, a common phone-camera mode). */
export const VIDEO_HEIGHT = 1080;
/** Chromium loops the file, so a short clip is enough; 15 frames at 1920x1080 are about 47 MB. */
export const VIDEO_FRAMES = 15;

// Bump when the drawings change: it is written into the header, so stale files are regenerated even
// though their size is unchanged. Chromium skips header tags it does not know (`X...`).
const GENERATOR_TAG = 'XKYC_GEN=1';

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

/** Writes a file atomically (temporary name, then rename): parallel readers never see half a file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, data);
  await rename(temp, path);
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
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
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

// ---------------------------------------------------------------------------------------------
// Drawing: a tiny software rasteriser over RGBA buffers. Edges are anti-aliased (coverage from an
// approximate distance to the edge), because hard stair-stepped edges would make the video easier
// to analyse than a real camera image.

/** An RGB colour, 0-255 per channel. */
export type Rgb = readonly [number, number, number];

/** An RGBA image that the drawing helpers paint into. */
export interface Canvas {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/** A transparent RGBA canvas. */
export function createCanvas(width: number, height: number): Canvas {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

/** Clamps to 0..1. */
export const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
/** Linear interpolation from a to b. */
export const mix = (a: number, b: number, t: number) => a + (b - a) * t;

/** Smooth 2-D value noise in [0, 1] over a seeded lattice (for wood grain and wall texture). */
export function valueNoise(seed: number, size = 256): (x: number, y: number) => number {
  const random = prng(seed);
  const lattice = Float32Array.from({ length: size * size }, () => random());
  const at = (x: number, y: number) => lattice[(y & (size - 1)) * size + (x & (size - 1))]!;
  return (x, y) => {
    const xi = Math.floor(x);
    const yi = Math.floor(y);
    const fx = x - xi;
    const fy = y - yi;
    const sx = fx * fx * (3 - 2 * fx);
    const sy = fy * fy * (3 - 2 * fy);
    const top = mix(at(xi, yi), at(xi + 1, yi), sx);
    const bottom = mix(at(xi, yi + 1), at(xi + 1, yi + 1), sx);
    return mix(top, bottom, sy);
  };
}

function blend(canvas: Canvas, index: number, colour: Rgb, alpha: number): void {
  if (alpha <= 0) return;
  const d = canvas.data;
  const p = index * 4;
  if (alpha >= 1) {
    d[p] = colour[0];
    d[p + 1] = colour[1];
    d[p + 2] = colour[2];
  } else {
    d[p] = d[p]! + (colour[0] - d[p]!) * alpha;
    d[p + 1] = d[p + 1]! + (colour[1] - d[p + 1]!) * alpha;
    d[p + 2] = d[p + 2]! + (colour[2] - d[p + 2]!) * alpha;
  }
  d[p + 3] = 255;
}

/** Axis-aligned rectangle with fractional edges (coverage = overlap of the pixel and the box). */
export function fillRect(
  canvas: Canvas,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  colour: Rgb,
  opacity = 1,
): void {
  const left = Math.max(0, Math.floor(x0));
  const right = Math.min(canvas.width, Math.ceil(x1));
  const top = Math.max(0, Math.floor(y0));
  const bottom = Math.min(canvas.height, Math.ceil(y1));
  for (let y = top; y < bottom; y++) {
    const cy = clamp01(Math.min(y + 1, y1) - Math.max(y, y0));
    for (let x = left; x < right; x++) {
      const cx = clamp01(Math.min(x + 1, x1) - Math.max(x, x0));
      blend(canvas, y * canvas.width + x, colour, cx * cy * opacity);
    }
  }
}

/** Colour of an ellipse at normalised position (nx, ny), both -1..1 at the rim. */
export type Shader = (nx: number, ny: number) => Rgb;

/** Rotated ellipse; `colour` may be a shader for shading (face, hair). */
export function fillEllipse(
  canvas: Canvas,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  colour: Rgb | Shader,
  options: { angle?: number; opacity?: number } = {},
): void {
  const angle = options.angle ?? 0;
  const opacity = options.opacity ?? 1;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const reach = Math.max(rx, ry) + 1;
  const left = Math.max(0, Math.floor(cx - reach));
  const right = Math.min(canvas.width, Math.ceil(cx + reach));
  const top = Math.max(0, Math.floor(cy - reach));
  const bottom = Math.min(canvas.height, Math.ceil(cy + reach));
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const ex = (dx * cos + dy * sin) / rx;
      const ey = (-dx * sin + dy * cos) / ry;
      // Math.sqrt rather than Math.hypot: hypot is several times slower in V8, and this is the hot loop.
      const r = Math.sqrt(ex * ex + ey * ey);
      if (r > 1 + 2 / Math.min(rx, ry)) continue;
      // Signed distance to the rim in pixels, to first order: (1 - r) / |grad r|.
      const gx = ex / rx;
      const gy = ey / ry;
      const gradient = Math.sqrt(gx * gx + gy * gy) / Math.max(r, 1e-6);
      const coverage = clamp01((1 - r) / gradient + 0.5);
      const rgb = typeof colour === 'function' ? colour(ex, ey) : colour;
      blend(canvas, y * canvas.width + x, rgb, coverage * opacity);
    }
  }
}

/** Per-pixel brightness factor: light from the upper left, darker corners (a real lens vignettes). */
export function lightingMap(width: number, height: number): Float32Array {
  const map = new Float32Array(width * height);
  const diagonal = Math.hypot(width, height) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const r = Math.hypot(x - width / 2, y - height / 2) / diagonal;
      const gradient = 1.06 - 0.12 * ((x / width + y / height) / 2);
      map[y * width + x] = gradient * (1 - 0.22 * r * r);
    }
  }
  return map;
}

/** Applies lighting and sensor-like luma noise (a clean synthetic frame is unrealistically sharp). */
function finish(frame: Canvas, light: Float32Array, random: () => number, amplitude: number): void {
  const d = frame.data;
  for (let i = 0, p = 0; i < light.length; i++, p += 4) {
    // Sum of two uniforms: a cheap bell-shaped noise in -amplitude..amplitude.
    const noise = (random() + random() - 1) * amplitude;
    const k = light[i]!;
    d[p] = d[p]! * k + noise;
    d[p + 1] = d[p + 1]! * k + noise;
    d[p + 2] = d[p + 2]! * k + noise;
    d[p + 3] = 255;
  }
}

// ---------------------------------------------------------------------------------------------
// The document scene.

/** ID-1 card size in millimetres (ISO/IEC 7810): the ratio the document guide is drawn for. */
export const CARD_MM = DOCUMENT_MM.id1;

/** Looks of {@link drawTable}; the defaults are the table of the fixture videos. */
export interface TableStyle {
  /** Plank width in pixels. */
  readonly plank?: number;
  /** Colour of the dark grain. */
  readonly dark?: Rgb;
  /** Colour of the light wood between the grain. */
  readonly light?: Rgb;
}

/** Wooden table top with planks and grain. */
export function drawTable(canvas: Canvas, seed: number, style: TableStyle = {}): void {
  const grain = valueNoise(seed);
  const knots = valueNoise(seed + 1);
  const dark: Rgb = style.dark ?? [92, 60, 36];
  const light: Rgb = style.light ?? [164, 118, 78];
  const plank = style.plank ?? 470;
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++) {
      const board = Math.floor(x / plank);
      // Each plank has its own grain offset so the seams read as separate boards.
      // Grain runs along the planks (vertically): noise stretched in y, stripes across x.
      const n = grain(x * 0.02 + board * 37, y * 0.003) * 0.7 + knots(x * 0.004, y * 0.02) * 0.3;
      const rings = 0.5 + 0.5 * Math.sin(x * 0.05 + n * 9 + board * 2.1);
      const t = clamp01(0.25 + 0.45 * rings + 0.3 * (n - 0.5) + (board % 2) * 0.08);
      const seam = x % plank < 3 ? 0.55 : 1;
      const p = (y * canvas.width + x) * 4;
      canvas.data[p] = mix(dark[0], light[0], t) * seam;
      canvas.data[p + 1] = mix(dark[1], light[1], t) * seam;
      canvas.data[p + 2] = mix(dark[2], light[2], t) * seam;
      canvas.data[p + 3] = 255;
    }
  }
}

/**
 * Colours and security print of a document face ({@link drawCard}, and the passport page of
 * document-scenes.ts). {@link DEFAULT_CARD_STYLE} is the card of the fixture videos.
 */
export interface CardStyle {
  /** Paper colour under the print. */
  readonly paper: Rgb;
  /** Per-channel amount the guilloche lines take off the paper (negative: lighter lines). */
  readonly guilloche: Rgb;
  /** Per-channel amplitude of a slow colour drift across the card (iridescent print). */
  readonly tint: Rgb;
  /** Number of guilloche lines across the card (radians of phase over its width). */
  readonly waves: number;
  /** Amplitude (radians) of the guilloche's waving. */
  readonly wobble: number;
  /** Frequency of the guilloche's waving, along the card's height. */
  readonly wobbleFrequency: number;
  /** A second, crossing set of guilloche lines (0: none). */
  readonly crossWaves: number;
  /** Header band. */
  readonly header: Rgb;
  /** Title bar in the header. */
  readonly title: Rgb;
  /** Subtitle bar in the header. */
  readonly subtitle: Rgb;
  /** Emblem box in the header. */
  readonly emblem: Rgb;
  /** Background of the holder photo. */
  readonly photo: Rgb;
  /** Clothes in the holder photo. */
  readonly clothes: Rgb;
  /** Skin in the holder photo. */
  readonly skin: Rgb;
  /** Hair in the holder photo. */
  readonly hair: Rgb;
  /** Field labels (small bars above the values). */
  readonly label: Rgb;
  /** Field values (word bars). */
  readonly ink: Rgb;
  /** The MRZ strip. */
  readonly mrzBand: Rgb;
  /** MRZ glyphs. */
  readonly mrzInk: Rgb;
}

/** The light blue-headed card of the fixture videos. */
export const DEFAULT_CARD_STYLE: CardStyle = {
  paper: [232, 236, 228],
  guilloche: [10, 4, 2],
  tint: [-6, 0, 6],
  waves: 40,
  wobble: 2.5,
  wobbleFrequency: 9,
  crossWaves: 0,
  header: [38, 78, 140],
  title: [236, 240, 248],
  subtitle: [180, 200, 228],
  emblem: [212, 176, 72],
  photo: [104, 114, 128],
  clothes: [58, 64, 84],
  skin: [176, 136, 112],
  hair: [62, 44, 34],
  label: [130, 136, 146],
  ink: [40, 44, 56],
  mrzBand: [246, 246, 242],
  mrzInk: [24, 24, 28],
};

/**
 * A document-sized texture: paper with a guilloche (security print, so the surface is not flat)
 * and rounded corners as alpha. `draw` paints the print on top; the corner mask survives it.
 */
export function drawPaper(
  widthMm: number,
  heightMm: number,
  pxPerMm: number,
  cornerMm: number,
  style: CardStyle,
  draw: (card: Canvas) => void,
): Canvas {
  const card = createCanvas(Math.round(widthMm * pxPerMm), Math.round(heightMm * pxPerMm));
  const corner = cornerMm * pxPerMm;
  const s = style;
  for (let y = 0; y < card.height; y++) {
    const v = y / card.height;
    // Per-row terms hoisted out of the pixel loop (same expressions, so the same values).
    const rowWobble = Math.sin(v * s.wobbleFrequency) * s.wobble;
    const qy = Math.max(0, Math.max(corner - y - 0.5, y + 0.5 - (card.height - corner)));
    for (let x = 0; x < card.width; x++) {
      const u = x / card.width;
      let wave = Math.abs(Math.sin(u * s.waves + rowWobble)) < 0.12 ? 1 : 0;
      if (s.crossWaves > 0 && Math.abs(Math.sin(v * s.crossWaves + Math.sin(u * 7) * 2)) < 0.1) {
        wave = 1;
      }
      const tint = 0.5 + 0.5 * Math.sin(u * 3 + v * 2);
      const p = (y * card.width + x) * 4;
      // Written as paper - guilloche + tint so that the default style computes exactly what the
      // original constants did (the fixture videos' bytes are pinned).
      card.data[p] = s.paper[0] - s.guilloche[0] * wave + s.tint[0] * tint;
      card.data[p + 1] = s.paper[1] - s.guilloche[1] * wave + s.tint[1] * tint;
      card.data[p + 2] = s.paper[2] - s.guilloche[2] * wave + s.tint[2] * tint;
      // Rounded corners: alpha is the coverage of the corner arc. Math.hypot is slow and only
      // needed in the corner squares; with a zero side it equals the other side exactly.
      const qx = Math.max(0, Math.max(corner - x - 0.5, x + 0.5 - (card.width - corner)));
      const distance = qx === 0 ? qy : qy === 0 ? qx : Math.hypot(qx, qy);
      card.data[p + 3] = 255 * clamp01(corner - distance + 0.5);
    }
  }
  // Drawing helpers set alpha to opaque; restore the corner mask afterwards.
  const alpha = new Uint8ClampedArray(card.width * card.height);
  for (let i = 0; i < alpha.length; i++) alpha[i] = card.data[i * 4 + 3]!;
  draw(card);
  for (let i = 0; i < alpha.length; i++) card.data[i * 4 + 3] = alpha[i]!;
  return card;
}

/** Where {@link drawTextFields} puts its lines, in millimetres. */
export interface TextFieldsLayout {
  /** Left edge of every line. */
  readonly left: number;
  /** Top of the first label. */
  readonly top: number;
  /** Number of fields. */
  readonly lines: number;
  /** Distance between lines. */
  readonly pitch: number;
  /** Shortest value line; up to `extraLength` more is added at random. */
  readonly minLength: number;
  /** Longest random addition to `minLength`. */
  readonly extraLength: number;
}

/** Data fields: a small label bar above a darker value made of word bars. */
export function drawTextFields(
  card: Canvas,
  pxPerMm: number,
  random: () => number,
  layout: TextFieldsLayout,
  label: Rgb,
  ink: Rgb,
): void {
  const rect = (x: number, y: number, w: number, h: number, colour: Rgb) =>
    fillRect(card, x * pxPerMm, y * pxPerMm, (x + w) * pxPerMm, (y + h) * pxPerMm, colour);
  for (let line = 0; line < layout.lines; line++) {
    const y = layout.top + line * layout.pitch;
    rect(layout.left, y, 10 + random() * 8, 1, label);
    let x = layout.left;
    const end = layout.left + layout.minLength + random() * layout.extraLength;
    while (x < end) {
      const word = 3 + random() * 7;
      rect(x, y + 1.8, Math.min(word, end - x), 2, ink);
      x += word + 1.2;
    }
  }
}

/** Where {@link drawMrz} puts its lines, in millimetres (glyphs are 2.6 mm high, OCR-B size). */
export interface MrzLayout {
  /** Left edge of the lines. */
  readonly left: number;
  /** Top of the first line. */
  readonly top: number;
  /** Width of the whole line. */
  readonly width: number;
  /** Number of lines: 3 on ID-1 cards, 2 on passports. */
  readonly lines: number;
  /** Characters per line: 30 on ID-1 cards (TD1), 44 on passports (TD3). */
  readonly chars: number;
  /** Distance between lines. */
  readonly pitch: number;
  /** Columns after `fillFrom(line)` are '<' fillers, as at the end of real MRZ lines. */
  readonly fillFrom: (line: number) => number;
}

/** MRZ-like lines of monospaced 5x7 dot glyphs. */
export function drawMrz(
  card: Canvas,
  pxPerMm: number,
  random: () => number,
  layout: MrzLayout,
  ink: Rgb,
): void {
  const rect = (x: number, y: number, w: number, h: number) =>
    fillRect(card, x * pxPerMm, y * pxPerMm, (x + w) * pxPerMm, (y + h) * pxPerMm, ink);
  const cell = layout.width / layout.chars;
  const glyphs = Array.from({ length: 12 }, () =>
    Array.from({ length: 35 }, () => random() < 0.45),
  );
  for (let line = 0; line < layout.lines; line++) {
    for (let c = 0; c < layout.chars; c++) {
      const x0 = layout.left + c * cell + cell * 0.15;
      const y0 = layout.top + line * layout.pitch;
      const filler = c > layout.fillFrom(line) || random() < 0.08;
      if (filler) {
        rect(x0 + cell * 0.1, y0 + 1.2, cell * 0.5, 0.35);
        continue;
      }
      const glyph = glyphs[Math.floor(random() * glyphs.length)]!;
      const dot = (cell * 0.7) / 5;
      for (let k = 0; k < 35; k++) {
        if (!glyph[k]) continue;
        rect(x0 + (k % 5) * dot, y0 + Math.floor(k / 5) * (2.6 / 7), dot, 2.6 / 7);
      }
    }
  }
}

/** The ID-1 card face as a texture (with alpha for the rounded corners), drawn in millimetres. */
export function drawCard(
  pxPerMm: number,
  seed: number,
  style: CardStyle = DEFAULT_CARD_STYLE,
): Canvas {
  const random = prng(seed);
  const mm = (v: number) => v * pxPerMm;
  return drawPaper(CARD_MM.width, CARD_MM.height, pxPerMm, ID1_CORNER_MM, style, (card) => {
    const rect = (x: number, y: number, w: number, h: number, colour: Rgb, opacity = 1) =>
      fillRect(card, mm(x), mm(y), mm(x + w), mm(y + h), colour, opacity);
    // Header band with a title.
    rect(0, 0, CARD_MM.width, 8.5, style.header);
    rect(4, 2.4, 34, 2.2, style.title);
    rect(4, 5.5, 22, 1.1, style.subtitle);
    rect(70, 1.8, 11, 5, style.emblem);

    // Holder photo: a dark frame with a head-and-shoulders silhouette.
    rect(4, 11, 22, 27, style.photo);
    fillEllipse(card, mm(15), mm(33 + 9), mm(9), mm(9), style.clothes);
    fillEllipse(card, mm(15), mm(21.5), mm(5), mm(6.5), style.skin);
    fillEllipse(card, mm(15), mm(16.8), mm(5.4), mm(3), style.hair);

    drawTextFields(
      card,
      pxPerMm,
      random,
      { left: 30, top: 11.5, lines: 5, pitch: 5.2, minLength: 22, extraLength: 28 },
      style.label,
      style.ink,
    );
    // Signature stroke under the data fields.
    for (let i = 0; i < 80; i++) {
      const t = i / 80;
      fillEllipse(
        card,
        mm(58 + t * 20),
        mm(36 + Math.sin(t * 14) * 1.2),
        mm(0.35),
        mm(0.35),
        [30, 40, 110],
      );
    }

    // MRZ-like band: three lines of 30 monospaced glyphs (TD1 layout) on a whiter strip.
    rect(0, 40.5, CARD_MM.width, 13.5, style.mrzBand);
    const mrz: MrzLayout = {
      left: 4,
      top: 42,
      width: CARD_MM.width - 8,
      lines: 3,
      chars: 30,
      pitch: 3.9,
      fillFrom: (line) => 22 + line * 2,
    };
    drawMrz(card, pxPerMm, random, mrz, style.mrzInk);
  });
}

/** Draws `texture` into `canvas` so that its corners land on `quad` (clockwise from top left). */
function drawWarped(
  canvas: Canvas,
  texture: Canvas,
  quad: readonly (readonly [number, number])[],
): void {
  const tw = texture.width;
  const th = texture.height;
  const h = homography(quad, [
    [0, 0],
    [tw, 0],
    [tw, th],
    [0, th],
  ]);
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const left = Math.max(0, Math.floor(Math.min(...xs)) - 1);
  const right = Math.min(canvas.width, Math.ceil(Math.max(...xs)) + 1);
  const top = Math.max(0, Math.floor(Math.min(...ys)) - 1);
  const bottom = Math.min(canvas.height, Math.ceil(Math.max(...ys)) + 1);
  const t = texture.data;
  const d = canvas.data;
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const w = h[6]! * px + h[7]! * py + h[8]!;
      const u = (h[0]! * px + h[1]! * py + h[2]!) / w - 0.5;
      const v = (h[3]! * px + h[4]! * py + h[5]!) / w - 0.5;
      if (u <= -1 || v <= -1 || u >= tw || v >= th) continue;
      const u0 = Math.floor(u);
      const v0 = Math.floor(v);
      const fu = u - u0;
      const fv = v - v0;
      // Bilinear filtering, weighted by alpha so that transparent texels do not darken the edge;
      // texels outside the texture count as transparent, which anti-aliases the card's outline.
      let alpha = 0;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < 4; k++) {
        const tx = u0 + (k & 1);
        const ty = v0 + (k >> 1);
        if (tx < 0 || ty < 0 || tx >= tw || ty >= th) continue;
        const q = (ty * tw + tx) * 4;
        const a = (t[q + 3]! / 255) * ((k & 1 ? fu : 1 - fu) * (k >> 1 ? fv : 1 - fv));
        alpha += a;
        r += t[q]! * a;
        g += t[q + 1]! * a;
        b += t[q + 2]! * a;
      }
      if (alpha <= 0) continue;
      const p = (y * canvas.width + x) * 4;
      const keep = 1 - alpha;
      d[p] = d[p]! * keep + r;
      d[p + 1] = d[p + 1]! * keep + g;
      d[p + 2] = d[p + 2]! * keep + b;
    }
  }
}

/** Shape of {@link drawShadow}'s shadow; the defaults suit a 1920x1080 frame. */
export interface ShadowStyle {
  /** Shift of the shadow from the card, in pixels. */
  readonly offset?: readonly [number, number];
  /** Width of the soft edge, in pixels. */
  readonly blur?: number;
  /** Darkening at the shadow's core (0-1). */
  readonly strength?: number;
}

/** Darkens the table under and below-right of the card, as a soft contact shadow. */
export function drawShadow(
  canvas: Canvas,
  quad: readonly (readonly [number, number])[],
  style: ShadowStyle = {},
): void {
  const offset = style.offset ?? ([8, 12] as const);
  const blur = style.blur ?? 18;
  const strength = style.strength ?? 0.45;
  const shifted = quad.map(([x, y]) => [x + offset[0], y + offset[1]] as const);
  // Outward edge normals of the (clockwise, y down) quad: distance to a convex polygon is the max
  // of the distances to its edge lines, which is exact inside and close enough outside.
  const edges = shifted.map((p, i) => {
    const q = shifted[(i + 1) % 4]!;
    const length = Math.hypot(q[0] - p[0], q[1] - p[1]);
    const nx = (q[1] - p[1]) / length;
    const ny = -(q[0] - p[0]) / length;
    return { nx, ny, c: -(nx * p[0] + ny * p[1]) };
  });
  const xs = shifted.map((p) => p[0]);
  const ys = shifted.map((p) => p[1]);
  const left = Math.max(0, Math.floor(Math.min(...xs) - blur));
  const right = Math.min(canvas.width, Math.ceil(Math.max(...xs) + blur));
  const top = Math.max(0, Math.floor(Math.min(...ys) - blur));
  const bottom = Math.min(canvas.height, Math.ceil(Math.max(...ys) + blur));
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      let distance = -Infinity;
      for (const e of edges) distance = Math.max(distance, e.nx * x + e.ny * y + e.c);
      const s = clamp01(0.5 - distance / (2 * blur));
      const k = 1 - strength * s * s * (3 - 2 * s);
      const p = (y * canvas.width + x) * 4;
      canvas.data[p] = canvas.data[p]! * k;
      canvas.data[p + 1] = canvas.data[p + 1]! * k;
      canvas.data[p + 2] = canvas.data[p + 2]! * k;
    }
  }
}

/**
 * Frames of an ID-1 card lying on a wooden table, seen by a hand-held phone: about 60% of the
 * frame wide, slightly rotated and in perspective, moving by a pixel or so between frames.
 */
export function documentScene(width: number, height: number, seed = 1): FrameRenderer {
  const table = createCanvas(width, height);
  drawTable(table, seed);
  const cardWidth = width * 0.6;
  const cardHeight = (cardWidth * CARD_MM.height) / CARD_MM.width;
  // A texture slightly larger than its on-screen size, so bilinear sampling does not alias.
  const card = drawCard((cardWidth * 1.15) / CARD_MM.width, seed + 2);
  const light = lightingMap(width, height);
  const frame = createCanvas(width, height);
  return (index) => {
    const random = prng(seed * 1000 + index);
    const jitter = () => (random() - 0.5) * 2;
    const angle = ((-3.5 + jitter() * 0.15) * Math.PI) / 180;
    const cx = width * 0.5 + width * 0.01 + jitter() * 1.5;
    const cy = height * 0.5 + jitter() * 1.5;
    // Perspective: the far (top) edge is 4% shorter, as when the phone is tilted towards the user.
    const corners = [
      [(-cardWidth / 2) * 0.96, -cardHeight / 2],
      [(cardWidth / 2) * 0.96, -cardHeight / 2],
      [cardWidth / 2, cardHeight / 2],
      [-cardWidth / 2, cardHeight / 2],
    ] as const;
    const quad = corners.map(
      ([x, y]) =>
        [
          cx + x * Math.cos(angle) - y * Math.sin(angle),
          cy + x * Math.sin(angle) + y * Math.cos(angle),
        ] as const,
    );
    frame.data.set(table.data);
    drawShadow(frame, quad);
    drawWarped(frame, card, quad);
    finish(frame, light, random, 3);
    return frame.data;
  };
}

// ---------------------------------------------------------------------------------------------
// The selfie scene.

const SKIN: Rgb = [226, 176, 142];

/** Multiplies a colour by a brightness factor (for simple shading). */
const shade = (c: Rgb, k: number): Rgb => [c[0] * k, c[1] * k, c[2] * k];

/** Frames of a face-like figure (head, hair, eyes, mouth, shoulders) centred in front of a wall. */
export function selfieScene(width: number, height: number, seed = 1): FrameRenderer {
  const wall = createCanvas(width, height);
  const noise = valueNoise(seed + 10);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = noise(x * 0.01, y * 0.01) * 0.6 + noise(x * 0.05, y * 0.05) * 0.4;
      const p = (y * width + x) * 4;
      wall.data[p] = 176 + t * 14 - (y / height) * 20;
      wall.data[p + 1] = 184 + t * 14 - (y / height) * 20;
      wall.data[p + 2] = 190 + t * 12 - (y / height) * 16;
      wall.data[p + 3] = 255;
    }
  }
  const light = lightingMap(width, height);
  const frame = createCanvas(width, height);
  // Everything is laid out in units of the frame height, so other sizes give the same picture.
  const u = height / 1080;
  return (index) => {
    const random = prng(seed * 1000 + 500 + index);
    const cx = width / 2 + (random() - 0.5) * 3 * u;
    const cy = height * 0.48 + (random() - 0.5) * 3 * u;
    const at = (dx: number, dy: number) => [cx + dx * u, cy + dy * u] as const;
    const ellipse = (
      dx: number,
      dy: number,
      rx: number,
      ry: number,
      colour: Rgb | Shader,
      angle = 0,
    ) => fillEllipse(frame, ...at(dx, dy), rx * u, ry * u, colour, { angle });

    frame.data.set(wall.data);
    // Shoulders and neck.
    ellipse(0, 640, 560, 420, (nx) => shade([58, 92, 136], 1 - 0.25 * nx * nx));
    ellipse(0, 300, 100, 160, (nx) => shade(SKIN, 0.78 - 0.1 * nx * nx));
    // Hair behind the head, then ears and the face with a rounded shading.
    ellipse(0, -40, 262, 318, (nx, ny) => shade([58, 40, 28], 1 - 0.3 * (nx * nx + ny * ny)));
    ellipse(-218, 10, 36, 62, shade(SKIN, 0.88));
    ellipse(218, 10, 36, 62, shade(SKIN, 0.88));
    ellipse(0, 20, 212, 276, (nx, ny) => shade(SKIN, 1.04 - 0.22 * (nx * nx + 0.5 * ny * ny)));
    // Fringe over the forehead.
    ellipse(0, -215, 232, 112, (nx, ny) => shade([58, 40, 28], 1.1 - 0.3 * (nx * nx + ny * ny)));
    // Eyebrows, eyes (white, iris, pupil, catch light).
    for (const side of [-1, 1]) {
      ellipse(side * 86, -62, 56, 11, [70, 48, 34], side * 0.12);
      ellipse(side * 86, -10, 44, 20, [244, 240, 236]);
      ellipse(side * 86, -10, 18, 18, [92, 62, 40]);
      ellipse(side * 86, -10, 8, 8, [18, 14, 12]);
      ellipse(side * 86 + 5, -15, 3.5, 3.5, [255, 255, 255]);
    }
    // Nose shadow and nostrils, then the mouth.
    ellipse(0, 62, 20, 58, shade(SKIN, 0.88));
    ellipse(-13, 112, 9, 6, shade(SKIN, 0.55));
    ellipse(13, 112, 9, 6, shade(SKIN, 0.55));
    ellipse(0, 172, 72, 22, [176, 72, 74]);
    ellipse(0, 170, 68, 3, [110, 40, 44]);
    finish(frame, light, random, 3);
    return frame.data;
  };
}

// ---------------------------------------------------------------------------------------------

/** True when `path` already holds a video with exactly this header and size (fast reruns). */
export async function upToDate(path: string, header: string, size: number): Promise<boolean> {
  try {
    if ((await stat(path)).size !== size) return false;
    const file = await open(path, 'r');
    try {
      const bytes = Buffer.alloc(Buffer.byteLength(header));
      await file.read(bytes, 0, bytes.length, 0);
      return bytes.toString('latin1') === header;
    } finally {
      await file.close();
    }
  } catch {
    return false;
  }
}

/**
 * Writes `document.y4m` and `selfie.y4m` (1920x1080, 15 frames) into `outDir` (relative to the
 * working directory) unless they are already there and current. Safe to call from parallel test
 * processes: each writes its own temporary file and renames it into place.
 * @returns absolute paths of the two videos
 */
export async function makeY4mFixtures(
  outDir: string = DEFAULT_OUT_DIR,
): Promise<{ document: string; selfie: string }> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const options: Y4mOptions = { frameCount: VIDEO_FRAMES, extraTags: [GENERATOR_TAG] };
  const header = y4mHeader(VIDEO_WIDTH, VIDEO_HEIGHT, options);
  const size = y4mFileSize(VIDEO_WIDTH, VIDEO_HEIGHT, options);
  const videos = {
    document: { path: resolve(dir, 'document.y4m'), scene: documentScene },
    selfie: { path: resolve(dir, 'selfie.y4m'), scene: selfieScene },
  };
  for (const { path, scene } of Object.values(videos)) {
    if (await upToDate(path, header, size)) continue;
    await writeY4m(path, VIDEO_WIDTH, VIDEO_HEIGHT, scene(VIDEO_WIDTH, VIDEO_HEIGHT), options);
  }
  return { document: videos.document.path, selfie: videos.selfie.path };
}

// Run as a script (not when imported). No top-level await: importers compiled to CommonJS (tsx does
// that for files outside a `"type": "module"` package) could not load this module otherwise.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = performance.now();
  makeY4mFixtures(process.argv[2]).then(
    (paths) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`${paths.document}\n${paths.selfie}\n(${seconds} s)`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
