// The tabletop family's print (scripts/families/tabletop.ts): glyphs, the holder's photo, security
// patterns, and what a ray sees on the card's face, the passport's data page and booklet, and the
// hand. Albedo in display values, an id per surface for edge supersampling, a class for the labels.
import { clamp01, fract, hsl, mixRgb, setRgb, smoothstep, type Rgb } from '../../scene/colour.ts';
import { latticeHash } from '../../scene/noise.ts';
import { capsuleDistance } from '../../scene/shapes.ts';
import { roundBox } from './geometry.ts';
import { SKIN_TONES, type Design, type Hand, type Limb } from './props.ts';
import { CARD_RADIUS, DOCUMENT_SIZE_MM } from './rules.ts';

/** Stroke set of a glyph cell (x0, y0, x1, y1 in the unit cell): a crude sans-serif. */
const STROKES = [
  [0.2, 0.12, 0.2, 0.88],
  [0.8, 0.12, 0.8, 0.88],
  [0.2, 0.12, 0.8, 0.12],
  [0.2, 0.5, 0.8, 0.5],
  [0.2, 0.88, 0.8, 0.88],
  [0.2, 0.88, 0.8, 0.12],
  [0.2, 0.12, 0.8, 0.88],
  [0.5, 0.12, 0.5, 0.88],
] as const;

/** Ink of one glyph (code picks 2-4 strokes) at (gx, gy) in its unit cell. */
export function glyphAt(gx: number, gy: number, code: number, weight: number): boolean {
  let strokes = 0;
  for (let k = 0; k < 8; k++) {
    if (((code >> k) & 1) === 0) continue;
    if (++strokes > 4) break;
    const s = STROKES[k]!;
    const bx = s[2] - s[0];
    const by = s[3] - s[1];
    const t = clamp01(((gx - s[0]) * bx + (gy - s[1]) * by) / (bx * bx + by * by));
    if (Math.hypot(gx - s[0] - t * bx, (gy - s[1] - t * by) * 0.7) < weight) return true;
  }
  return false;
}

/**
 * A run of text from (x0, y0), `length` mm long, caps `size` mm high; words split by spaces when not
 * `mono`; '<' fillers in MRZ style when `mono` and the hash says so.
 */
export function textRun(
  u: number,
  v: number,
  x0: number,
  y0: number,
  length: number,
  size: number,
  seed: number,
  mono = false,
): boolean {
  if (v < y0 || v >= y0 + size || u < x0 || u >= x0 + length) return false;
  const pitch = size * (mono ? 0.78 : 0.68);
  const i = Math.floor((u - x0) / pitch);
  const gx = (u - x0) / pitch - i;
  const gy = (v - y0) / size;
  const r = latticeHash(i, seed, 91);
  if (mono) {
    if (latticeHash(i >> 3, seed, 92) < 0.35 && r < 0.8) {
      // Filler chevron.
      return Math.abs(Math.abs(gy - 0.5) * 0.9 - (gx - 0.25)) < 0.1 && gx > 0.2 && gx < 0.8;
    }
  } else if (r < 0.16) return false;
  return glyphAt(gx, gy, Math.floor(latticeHash(i, seed, 93) * 255) | 0x11, mono ? 0.11 : 0.1);
}

/** The holder's photo in a w x h box: backdrop, shoulders, neck, face, hair, eyes. */
function photo(u: number, v: number, w: number, h: number, seed: number): Rgb {
  const tone = SKIN_TONES[Math.floor(latticeHash(seed, 1, 5) * SKIN_TONES.length)]!;
  const hair: Rgb = latticeHash(seed, 2, 5) < 0.6 ? [0.12, 0.09, 0.07] : [0.55, 0.4, 0.22];
  const x = (u - w / 2) / w;
  const y = v / h;
  const backdrop: Rgb = latticeHash(seed, 3, 5) < 0.5 ? [0.82, 0.84, 0.86] : [0.6, 0.7, 0.82];
  const shoulders = y > 0.78 + 0.25 * x * x * 4;
  if (shoulders) return latticeHash(seed, 4, 5) < 0.5 ? [0.2, 0.22, 0.28] : [0.45, 0.3, 0.3];
  const face = (x / 0.25) ** 2 + ((y - 0.45) / 0.26) ** 2;
  const neck = Math.abs(x) < 0.1 && y > 0.6;
  if (face < 1 || neck) {
    if (face < 1 && y < 0.3 + 0.05 * Math.cos(x * 12)) return hair;
    const eye = Math.min(Math.hypot(x - 0.09, y - 0.42), Math.hypot(x + 0.09, y - 0.42));
    if (face < 1 && eye < 0.025) return [0.1, 0.08, 0.08];
    if (face < 1 && Math.abs(y - 0.6) < 0.012 && Math.abs(x) < 0.07) return [0.5, 0.25, 0.25];
    return mixRgb(tone, [0, 0, 0], 0.15 * face);
  }
  if ((x / 0.29) ** 2 + ((y - 0.38) / 0.3) ** 2 < 1 && y < 0.55) return hair;
  return backdrop;
}

/** Rosette guilloche: 1 on its fine lines, 0 between them (lines about `width` of a period). */
function rosette(
  u: number,
  v: number,
  cx: number,
  cy: number,
  petals: number,
  seed: number,
  width: number,
): number {
  const dx = u - cx;
  const dy = v - cy;
  const r = Math.hypot(dx, dy);
  const a = Math.atan2(dy, dx);
  const f = Math.sin(r * 0.9 + 2.4 * Math.sin(petals * a + r * 0.07 + seed));
  const g = Math.sin(r * 0.9 - 2.4 * Math.sin(petals * a - r * 0.05 + seed * 0.5));
  return Math.abs(f) < width || Math.abs(g) < width ? 1 : 0;
}

/** Iridescent hologram colour: hue shifts with the position and the viewing angle. */
function holoColour(u: number, v: number, view: number): Rgb {
  const hue = fract(u * 0.08 + v * 0.05 + view * 3.5) * 360;
  return hsl(hue, 0.45, 0.72);
}

/** Ids for the edge test (a change between neighbours is an edge). */
export const SURFACE_ID = {
  table: 0,
  document: 1,
  skin: 2,
  sleeve: 3,
  visa: 4,
  cover: 5,
  distractor: 10,
} as const;

/** Classes of the labelled document's pixels (the exposure rules count them). */
export const CLASS = { other: 0, paper: 1, print: 2 } as const;

/** What a ray hit. */
export interface Sample {
  r: number;
  g: number;
  b: number;
  id: number;
  cls: number;
  /** Laminate: the specular lobe applies. */
  gloss: boolean;
}

/** The face of an ID-1 card at (u, v) mm; `view` is the cosine of the viewing angle. */
export function cardFace(d: Design, u: number, v: number, view: number, s: Sample): void {
  const [w, h] = DOCUMENT_SIZE_MM.id1;
  const seed = d.seed;
  let c: Rgb;
  let print = true;
  const photoX = d.photoRight ? w - 5 - 23 : 5;
  const textX = d.photoRight ? 5 : 5 + 23 + 4;
  const textW = w - 5 - 23 - 4 - 5;
  // Background per design.
  switch (d.kind) {
    case 'white': {
      c = d.paper;
      print = false;
      // A diagonal ribbon across one corner and a hairline border.
      const band = (u - w * 0.62) * 0.5 + v - 4;
      if (band < 0 && band > -7) {
        c = mixRgb(d.paper, d.accent, 0.55);
        print = true;
      } else if (Math.abs(roundBox(u, v, w, h, CARD_RADIUS) + 2) < 0.25) {
        c = mixRgb(d.paper, d.accent, 0.7);
        print = true;
      }
      break;
    }
    case 'pastel': {
      c = mixRgb(d.paper, d.paper2, smoothstep(0, h, v + 0.3 * u));
      print = false;
      const emblem = Math.hypot(u - w * 0.55, v - h * 0.55);
      if (Math.abs(emblem - 13) < 0.6 || Math.abs(emblem - 9) < 0.35) {
        c = mixRgb(c, d.accent, 0.25);
        print = true;
      }
      break;
    }
    case 'dark': {
      c = mixRgb(d.paper, d.paper2, 0.5 + 0.5 * Math.sin(u * 0.25 + 3 * Math.sin(v * 0.12)));
      print = false;
      if (Math.abs(v - 9.5) < 0.9) {
        c = mixRgb(d.accent, [1, 1, 1], 0.2 * Math.sin(u * 2));
        print = true;
      }
      break;
    }
    case 'guilloche': {
      c = mixRgb(d.paper, d.paper2, 0.5 + 0.5 * Math.sin(u * 0.06 - v * 0.09));
      print = false;
      if (rosette(u, v, w * 0.6, h * 0.5, 9, seed % 7, 0.28)) {
        c = mixRgb(c, d.accent, 0.55);
        print = true;
      } else if (Math.abs(Math.sin(0.7 * (v + 4 * Math.sin(u * 0.2)))) < 0.12) {
        c = mixRgb(c, hsl((u * 4) % 360, 0.5, 0.6), 0.35);
        print = true;
      }
      break;
    }
    case 'licence': {
      c = mixRgb(d.paper, d.paper2, smoothstep(w * 0.2, w, u));
      print = false;
      if (Math.abs(Math.sin(0.5 * (u - 20 * Math.sin(v * 0.05)))) < 0.07) {
        c = mixRgb(c, d.accent, 0.12);
        print = true;
      }
      // Emblem: a blue block with a ring of stars and a country letter.
      if (u >= 3.5 && u < 15 && v >= 3.5 && v < 15) {
        c = d.accent;
        const ring = Math.hypot(u - 9.25, v - 8.2);
        const star = Math.atan2(v - 8.2, u - 9.25) * (12 / 6.283185);
        if (Math.abs(ring - 3.6) < 0.6 && Math.abs(fract(star) - 0.5) < 0.22) c = [0.95, 0.8, 0.1];
        if (v > 12 && glyphAt((u - 7.7) / 3, (v - 12) / 2.5, 0x3b, 0.12)) c = [0.95, 0.95, 0.95];
        print = true;
      }
      break;
    }
    default:
      c = d.paper;
  }
  // Header text.
  const headerY = d.kind === 'licence' ? 5 : d.kind === 'dark' ? 3.5 : 4;
  const headerX = d.kind === 'licence' ? 18 : textX;
  if (textRun(u, v, headerX, headerY, d.kind === 'licence' ? 50 : textW, 2.8, seed + 1)) {
    c = d.kind === 'dark' ? d.accent : d.kind === 'white' ? d.accent : d.ink;
    print = true;
  }
  // Photo box (and a small ghost copy).
  const photoY = d.kind === 'licence' ? 17 : 14;
  if (u >= photoX && u < photoX + 23 && v >= photoY && v < photoY + 29) {
    c = photo(u - photoX, v - photoY, 23, 29, seed);
    print = true;
  } else if (
    d.kind !== 'dark' &&
    u >= textX + textW - 11 &&
    u < textX + textW - 1 &&
    v >= 36 &&
    v < 48
  ) {
    const p = photo(u - (textX + textW - 11), v - 36, 10, 12, seed);
    c = mixRgb(c, [p[0] * 0.6 + 0.4 * c[0], p[1] * 0.6, p[2] * 0.6], 0.35);
    print = true;
  } else if (d.chip && u >= textX && u < textX + 10 && v >= 38 && v < 46) {
    const seam =
      Math.abs(v - 42) < 0.25 || Math.abs(u - textX - 5) < 0.25 || Math.abs(u - textX - 2.5) < 0.2;
    c = seam ? [0.58, 0.48, 0.25] : [0.88, 0.77, 0.45];
    print = true;
  } else {
    // Field labels (small, soft) and values (larger, ink); numbered on the licence.
    const soft = mixRgb(d.ink, c, 0.5);
    const rows = d.chip ? 4 : 5;
    for (let k = 0; k < rows; k++) {
      const y = 14 + k * 6.2;
      const x = textX + (d.kind === 'licence' ? 3 : 0);
      if (d.kind === 'licence' && textRun(u, v, textX, y + 1.4, 2, 2, seed + 70 + k)) {
        c = d.accent;
        print = true;
      } else if (
        textRun(u, v, x, y, textW * (0.3 + 0.3 * latticeHash(k, seed, 3)), 1.3, seed + 10 + k)
      ) {
        c = soft;
        print = true;
      } else if (
        textRun(
          u,
          v,
          x,
          y + 1.8,
          textW * (0.45 + 0.45 * latticeHash(k, seed, 4)),
          2.4,
          seed + 30 + k,
        )
      ) {
        c = d.ink;
        print = true;
      }
    }
  }
  // Licence: signature under the photo, category pictograms along the bottom.
  if (d.kind === 'licence') {
    const sig = 48.5 + 1.8 * Math.sin(u * 0.9 + seed) + 0.8 * Math.sin(u * 2.3);
    if (u > 6 && u < 26 && Math.abs(v - sig) < 0.3) {
      c = [0.1, 0.12, 0.35];
      print = true;
    }
    if (u > 34 && u < w - 5 && v > 46 && v < 50.5 && fract((u - 34) / 7) < 0.7) {
      const cell = Math.floor((u - 34) / 7);
      if (
        glyphAt(
          fract((u - 34) / 7) / 0.7,
          (v - 46) / 4.5,
          Math.floor(latticeHash(cell, seed, 8) * 255) | 0x5,
          0.1,
        )
      ) {
        c = d.ink;
        print = true;
      }
    }
  }
  // Hologram: an iridescent disc over everything, its hue changing with the view.
  const [hx, hy, hr] = d.holo;
  const dh = Math.hypot(u - hx, v - hy);
  if (dh < hr && rosette(u, v, hx, hy, 6, seed % 5, 0.5)) {
    c = mixRgb(c, holoColour(u, v, view), 0.45);
    print = true;
  }
  setRgb(s, c);
  s.id = SURFACE_ID.document;
  s.cls = print ? CLASS.print : CLASS.paper;
  s.gloss = true;
}

/** The passport's data page at (u, v) mm. */
export function passportPage(d: Design, u: number, v: number, view: number, s: Sample): void {
  const [w] = DOCUMENT_SIZE_MM.passport;
  const seed = d.seed;
  let c: Rgb = mixRgb(d.paper, d.paper2, 0.5 + 0.5 * Math.sin(u * 0.05 + v * 0.03));
  let print = false;
  if (Math.abs(Math.sin(0.8 * (u + 5 * Math.sin(v * 0.15))) * Math.sin(0.6 * v)) < 0.05) {
    c = mixRgb(c, d.accent, 0.18);
    print = true;
  }
  if (textRun(u, v, w * 0.3, 4, w * 0.45, 2.8, seed + 1)) {
    c = d.ink;
    print = true;
  }
  const px = d.photoRight ? w - 6 - 32 : 6;
  const tx = d.photoRight ? 6 : 6 + 32 + 6;
  const tw = w - 32 - 18;
  if (u >= px && u < px + 32 && v >= 12 && v < 52) {
    c = photo(u - px, v - 12, 32, 40, seed);
    print = true;
  } else if (v >= 62) {
    // The machine-readable zone: a plain band with two 44-character lines.
    c = mixRgb(d.paper, [1, 1, 1], 0.4);
    if (
      textRun(u, v, 5, 66, 44 * 2.5, 3.2, seed + 2, true) ||
      textRun(u, v, 5, 75, 44 * 2.5, 3.2, seed + 3, true)
    ) {
      c = d.ink;
      print = true;
    }
  } else {
    for (let k = 0; k < 6; k++) {
      const y = 12 + k * 7.6;
      if (textRun(u, v, tx, y, tw * (0.25 + 0.25 * latticeHash(k, seed, 6)), 1.4, seed + 10 + k)) {
        c = mixRgb(d.ink, d.paper, 0.5);
        print = true;
      } else if (
        textRun(u, v, tx, y + 2, tw * (0.4 + 0.5 * latticeHash(k, seed, 7)), 2.8, seed + 30 + k)
      ) {
        c = d.ink;
        print = true;
      }
    }
  }
  const [hx, hy, hr] = d.holo;
  if (Math.hypot(u - hx - 30, v - hy) < hr * 1.4 && rosette(u, v, hx + 30, hy, 8, seed % 3, 0.45)) {
    c = mixRgb(c, holoColour(u, v, view), 0.4);
    print = true;
  }
  // The page curves into the spine along its top edge.
  const crease = 1 - 0.22 * (1 - smoothstep(0, 6, v));
  setRgb(s, c, crease);
  s.id = SURFACE_ID.document;
  s.cls = print ? CLASS.print : CLASS.paper;
  s.gloss = true;
}

/** The booklet around the data page: the visa page above it (v < 0), and the cover's rim. */
export function booklet(d: Design, u: number, v: number, s: Sample): boolean {
  const [w, h] = DOCUMENT_SIZE_MM.passport;
  if (u >= 0 && u <= w && v >= -h && v < 0) {
    let c: Rgb = mixRgb(
      d.visa,
      [1, 1, 1],
      0.25 * (0.5 + 0.5 * Math.sin(u * 0.3 + 2 * Math.sin(v * 0.2))),
    );
    // An entry stamp: a rectangle outline and a round one.
    const sx = w * (0.2 + 0.5 * latticeHash(d.seed, 9, 1));
    const box = roundBox(u - sx, v + h * 0.7, 38, 22, 2);
    if (Math.abs(box) < 0.5) c = mixRgb(c, [0.3, 0.15, 0.5], 0.6);
    if (Math.abs(Math.hypot(u - w * 0.75, v + h * 0.35) - 12) < 0.6)
      c = mixRgb(c, [0.6, 0.15, 0.15], 0.6);
    if (textRun(u, v, w * 0.12, -10, w * 0.5, 2.2, d.seed + 50))
      c = mixRgb(c, [0.2, 0.2, 0.2], 0.7);
    const crease = 1 - 0.3 * (1 - smoothstep(0, 7, -v));
    setRgb(s, c, crease);
    s.id = SURFACE_ID.visa;
    s.cls = CLASS.other;
    s.gloss = false;
    return true;
  }
  if (roundBox(u + 3, v + h + 3, w + 6, 2 * h + 6, 2.5) <= 0) {
    setRgb(s, mixRgb(d.cover, [0, 0, 0], Math.abs(v) < 1 ? 0.4 : 0));
    s.id = SURFACE_ID.cover;
    s.cls = CLASS.other;
    s.gloss = false;
    return true;
  }
  return false;
}

/** Skin or sleeve at (u, v), shaded by depth into the limb; the thumb's nail near its tip. */
export function handSurface(
  hand: Hand,
  u: number,
  v: number,
  frontOnly: boolean,
  s: Sample,
): boolean {
  let best = Infinity;
  let limb: Limb | null = null;
  for (const l of hand.limbs) {
    if (frontOnly && !l.front) continue;
    const d = capsuleDistance(u, v, l.a, l.b, l.ra, l.rb);
    if (d < best) {
      best = d;
      limb = l;
    }
  }
  if (!limb || best > 0) return false;
  const r = Math.max(limb.ra, limb.rb);
  const depth = clamp01(-best / r);
  const round = Math.sqrt(depth * (2 - depth));
  if (limb.tone === 'sleeve') {
    const rib = 0.92 + 0.08 * Math.sin((u + v) * 2.2);
    const c = hand.sleeve;
    const k = (0.65 + 0.35 * round) * rib;
    setRgb(s, c, k);
    s.id = SURFACE_ID.sleeve;
  } else {
    let c = hand.skin;
    // Rosier towards the rim (blood under thin skin), a nail near the thumb's tip.
    c = [c[0], c[1] * (0.9 + 0.1 * round), c[2] * (0.88 + 0.12 * round)];
    const n = hand.nail;
    if (n && limb.front) {
      const ax = u - (n.at[0] - n.dir[0] * n.r * 0.55);
      const ay = v - (n.at[1] - n.dir[1] * n.r * 0.55);
      const along = ax * n.dir[0] + ay * n.dir[1];
      const across = -ax * n.dir[1] + ay * n.dir[0];
      if ((along / (n.r * 0.55)) ** 2 + (across / (n.r * 0.5)) ** 2 < 1)
        c = mixRgb(c, [0.95, 0.82, 0.8], 0.55);
    }
    const k = 0.6 + 0.4 * round;
    setRgb(s, c, k);
    s.id = SURFACE_ID.skin;
  }
  s.cls = CLASS.other;
  s.gloss = false;
  return true;
}
