// Colours and the scalar helpers every scene renderer mixes them with. One copy each: the document
// families, the studio set and the fixture videos differ in what they paint, not in how a colour is
// mixed. Every function keeps the arithmetic (operation order included) its renderers had, because
// the fixtures' bytes are pinned.

/** An RGB colour: 0-255 per channel on the RGBA rasters, 0-1 (display values) in the families. */
export type Rgb = readonly [number, number, number];

/** White on the 0-255 scale. */
export const WHITE: Rgb = [255, 255, 255];
/** Black. */
export const BLACK: Rgb = [0, 0, 0];

/** Clamps to 0..1. */
export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Linear interpolation from a to b. */
export const mix = (a: number, b: number, t: number): number => a + (b - a) * t;

/** Linear interpolation of each channel. */
export const mixRgb = (a: Rgb, b: Rgb, t: number): Rgb => [
  mix(a[0], b[0], t),
  mix(a[1], b[1], t),
  mix(a[2], b[2], t),
];

/** Multiplies a colour by a brightness factor (simple shading). */
export const shade = (c: Rgb, k: number): Rgb => [c[0] * k, c[1] * k, c[2] * k];

/** Hermite smooth step of x from e0 to e1 (0 below, 1 above). */
export const smoothstep = (e0: number, e1: number, x: number): number => {
  const t = clamp01((x - e0) / (e1 - e0));
  return t * t * (3 - 2 * t);
};

/** Fractional part (x - floor(x)). */
export const fract = (x: number): number => x - Math.floor(x);

/** BT.601 luma of an RGB triple (what the quality engine computes). */
export const luma = (r: number, g: number, b: number): number => 0.299 * r + 0.587 * g + 0.114 * b;

/** HSL (hue in degrees, saturation and lightness 0-1) to RGB 0-1, by CSS Color 4's formula. */
export function hsl(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [channel(0), channel(8), channel(4)];
}

/** HSL (hue in degrees, saturation and lightness 0-1) to RGB 0-255, by hue sector. */
export function hsl255(hue: number, saturation: number, lightness: number): Rgb {
  const h = (((hue % 360) + 360) % 360) / 60;
  const c = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const m = lightness - c / 2;
  const [r, g, b] =
    h < 1
      ? [c, x, 0]
      : h < 2
        ? [x, c, 0]
        : h < 3
          ? [0, c, x]
          : h < 4
            ? [0, x, c]
            : h < 5
              ? [x, 0, c]
              : [c, 0, x];
  return [(r + m) * 255, (g + m) * 255, (b + m) * 255];
}

/** Something a ray found, with its colour in r, g and b. */
export interface Colour {
  r: number;
  g: number;
  b: number;
}

/** Sets `target`'s colour to `c` times the brightness factor `k`. */
export function setRgb(target: Colour, c: Rgb, k = 1): void {
  target.r = c[0] * k;
  target.g = c[1] * k;
  target.b = c[2] * k;
}
