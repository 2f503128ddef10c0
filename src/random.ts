// Seeded randomness, one implementation for the SDK (reproducible liveness challenge draws) and the
// test-data generators (test/helpers/math.ts re-exports it as `prng`).

/**
 * A deterministic source of numbers in [0, 1) (mulberry32): the same seed, the same sequence. For
 * tests, generators and e2e runs that fix a draw; sessions use cryptographic randomness.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
