// Document faces as textures on the RGBA raster, drawn in millimetres: paper with a guilloche and
// rounded corners, data fields, the MRZ, and the ID-1 card of the fixture videos (make-y4m.ts) and
// the studio set (document-scenes.ts, which adds the passport page and random colour schemes).
// The ISO/IEC 7810 formats are here once for every scene renderer.
import {
  DOCUMENT_MM as FORMATS,
  ID1_CORNER_MM,
  type DocumentFormat,
} from '../../src/internal/documents.ts';
import { prng } from '../../test/helpers/math.ts';
import { clamp01, type Rgb } from './colour.ts';
import { createCanvas, fillEllipse, fillRect, type Canvas } from './raster.ts';

/** The document types the scenes draw (the SDK's physical formats). */
export type DocumentKind = DocumentFormat;

/**
 * Physical size (mm) and corner radius of each document type: the SDK's ISO/IEC 7810 ID-1 and ID-3
 * (TD3) formats; the drawn passport page rounds its corners at 3 mm.
 */
export const DOCUMENT_MM: Readonly<
  Record<DocumentKind, { width: number; height: number; corner: number }>
> = {
  id1: { ...FORMATS.id1, corner: ID1_CORNER_MM },
  passport: { ...FORMATS.passport, corner: 3 },
};

/** The ID-1 card, the size the document guide is drawn for. */
const ID1 = DOCUMENT_MM.id1;

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

/** Where {@link drawSignature} writes, in millimetres. */
export interface SignatureLayout {
  /** Start of the stroke. */
  readonly left: number;
  /** Its mean height. */
  readonly baseline: number;
  /** Its length. */
  readonly length: number;
  /** Radians of waving over the whole stroke. */
  readonly wave: number;
  /** Height of the waving. */
  readonly swing: number;
}

/** A signature: a wavy blue pen stroke of `dots` round dots of radius `pen` mm. */
export function drawSignature(
  card: Canvas,
  pxPerMm: number,
  layout: SignatureLayout,
  dots: number,
  pen: number,
): void {
  const mm = (v: number) => v * pxPerMm;
  for (let i = 0; i < dots; i++) {
    const t = i / dots;
    fillEllipse(
      card,
      mm(layout.left + t * layout.length),
      mm(layout.baseline + Math.sin(t * layout.wave) * layout.swing),
      mm(pen),
      mm(pen),
      [30, 40, 110],
    );
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
  return drawPaper(ID1.width, ID1.height, pxPerMm, ID1.corner, style, (card) => {
    const rect = (x: number, y: number, w: number, h: number, colour: Rgb, opacity = 1) =>
      fillRect(card, mm(x), mm(y), mm(x + w), mm(y + h), colour, opacity);
    // Header band with a title.
    rect(0, 0, ID1.width, 8.5, style.header);
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
    drawSignature(
      card,
      pxPerMm,
      { left: 58, baseline: 36, length: 20, wave: 14, swing: 1.2 },
      80,
      0.35,
    );

    // MRZ-like band: three lines of 30 monospaced glyphs (TD1 layout) on a whiter strip.
    rect(0, 40.5, ID1.width, 13.5, style.mrzBand);
    const mrz: MrzLayout = {
      left: 4,
      top: 42,
      width: ID1.width - 8,
      lines: 3,
      chars: 30,
      pitch: 3.9,
      fillFrom: (line) => 22 + line * 2,
    };
    drawMrz(card, pxPerMm, random, mrz, style.mrzInk);
  });
}
