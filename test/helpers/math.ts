// Pure helpers shared by the fixture generators (Node) and the browser test scenes: no DOM, no
// Node APIs, so both sides import the same code and draw the same pixels.

/** mulberry32: a small seeded PRNG returning floats in [0, 1); the same seed, the same sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The homography solver ships with the SDK (the straightened capture uses it); one copy.
export { homography } from '../../src/quality/geometry.js';
