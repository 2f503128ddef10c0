// Seeded draws for the scene renderers, on the one PRNG (test/helpers/math.ts's mulberry32). Every
// draw a scene makes goes through `random()` in a fixed order: these helpers consume exactly one
// value each (`normalSource` one pair per two values), so swapping a hand-written draw for them
// keeps the sequence, and the fixtures' bytes, unchanged.

/** A uniform number in [lo, hi). */
export const uniform = (random: () => number, lo: number, hi: number): number =>
  lo + (hi - lo) * random();

/** A uniform number in [range[0], range[1]). */
export const within = (random: () => number, range: readonly number[]): number =>
  uniform(random, range[0]!, range[1]!);

/** One element of `items`, uniformly. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A 32-bit seed mixed from several integers (FNV-1a over their bytes, then a finaliser). */
export function hashSeed(...values: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const value of values) {
    let v = value >>> 0;
    for (let k = 0; k < 4; k++) {
      h = Math.imul(h ^ (v & 0xff), 0x01000193);
      v >>>= 8;
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

/**
 * Standard normal samples by Box-Muller, both outputs used: each pair of uniforms gives the cosine
 * sample, then the sine one. `tau` is the full turn the angle is drawn over; the tabletop family
 * was rendered with 6.283185307 rather than 2π, and its pixels are pinned.
 */
export function normalSource(random: () => number, tau = 2 * Math.PI): () => number {
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = NaN;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const a = tau * random();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
}
