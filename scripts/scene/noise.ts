// Noise for procedural textures (wood grain, fabric, stone, paper). Three kinds, each the source of
// one renderer's textures and pinned by its fixtures' bytes: a value noise over a seeded table (the
// fixture videos' table, the studio set's backgrounds), a value noise over an integer hash (the desk
// family) and a gradient and cellular noise over another hash (the tabletop family). They share
// the smooth interpolation of a lattice cell; their hashes and fades differ, and so do the pixels.
import { prng } from '../../test/helpers/math.ts';
import { mix } from './colour.ts';

/**
 * Smooth (Hermite-faded) bilinear blend of a lattice cell's corner values: a at (0, 0), b at (1, 0),
 * c at (0, 1), d at (1, 1), at (fx, fy) inside the cell.
 */
export function smoothCell(
  a: number,
  b: number,
  c: number,
  d: number,
  fx: number,
  fy: number,
): number {
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  return mix(mix(a, b, sx), mix(c, d, sx), sy);
}

/** Smooth 2-D value noise in [0, 1] over a seeded lattice (for wood grain and wall texture). */
export function valueNoise(seed: number, size = 256): (x: number, y: number) => number {
  const random = prng(seed);
  const lattice = Float32Array.from({ length: size * size }, () => random());
  const at = (x: number, y: number) => lattice[(y & (size - 1)) * size + (x & (size - 1))]!;
  return (x, y) => {
    const xi = Math.floor(x);
    const yi = Math.floor(y);
    return smoothCell(
      at(xi, yi),
      at(xi + 1, yi),
      at(xi, yi + 1),
      at(xi + 1, yi + 1),
      x - xi,
      y - yi,
    );
  };
}

// ---------------------------------------------------------------------------------------------
// The desk family's hash and value noise.

/** Integer hash to [0, 1): the procedural textures' source of detail. */
export function cellHash(x: number, y: number, seed: number): number {
  let h = Math.imul(x | 0, 0x27d4eb2d) ^ Math.imul(y | 0, 0x165667b1) ^ Math.imul(seed, 0x9e3779b9);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Value noise in [0, 1) with smooth interpolation, period-free. */
export function hashNoise(x: number, y: number, seed: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  return smoothCell(
    cellHash(ix, iy, seed),
    cellHash(ix + 1, iy, seed),
    cellHash(ix, iy + 1, seed),
    cellHash(ix + 1, iy + 1, seed),
    fx,
    fy,
  );
}

/** Three octaves of value noise, in [0, 1). */
export const hashFbm = (x: number, y: number, seed: number) =>
  (hashNoise(x, y, seed) * 4 +
    hashNoise(x * 2.03, y * 2.03, seed + 1) * 2 +
    hashNoise(x * 4.1, y * 4.1, seed + 2)) /
  7;

// ---------------------------------------------------------------------------------------------
// The tabletop family's hash, gradient noise and cellular noise.

/** Integer lattice hash to [0, 1). */
export function latticeHash(x: number, y: number, salt: number): number {
  let n =
    (Math.imul(x | 0, 0x1b873593) +
      Math.imul(y | 0, 0x5bd1e995) +
      Math.imul(salt | 0, 0x68e31da4)) |
    0;
  n = Math.imul(n ^ (n >>> 13), 0x4cf5ad43);
  n = Math.imul(n ^ (n >>> 15), 0x2c1b3c6d);
  return ((n ^ (n >>> 16)) >>> 0) / 4294967296;
}

/** Gradient noise in about [-0.7, 0.7]: random unit gradients on the lattice, quintic fade. */
export function gradientNoise(x: number, y: number, salt: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const ux = fx * fx * fx * (fx * (fx * 6 - 15) + 10);
  const uy = fy * fy * fy * (fy * (fy * 6 - 15) + 10);
  return mix(
    mix(slope(ix, iy, fx, fy, salt), slope(ix + 1, iy, fx - 1, fy, salt), ux),
    mix(slope(ix, iy + 1, fx, fy - 1, salt), slope(ix + 1, iy + 1, fx - 1, fy - 1, salt), ux),
    uy,
  );
}

/** The lattice point (i, j)'s random unit gradient, dotted with the offset (dx, dy). */
function slope(i: number, j: number, dx: number, dy: number, salt: number): number {
  const k = (latticeHash(i, j, salt) * 32) | 0;
  return GRAD_X[k]! * dx + GRAD_Y[k]! * dy;
}

/** 32 unit gradients round the circle (cheaper than a cosine per lattice point). */
const GRAD_X = Float64Array.from({ length: 32 }, (_, k) => Math.cos((k + 0.5) * (Math.PI / 16)));

const GRAD_Y = Float64Array.from({ length: 32 }, (_, k) => Math.sin((k + 0.5) * (Math.PI / 16)));

/** Turbulence-free fractal sum of gradient noise, about [-1, 1]. */
export const fractalNoise = (x: number, y: number, salt: number) =>
  gradientNoise(x, y, salt) +
  0.5 * gradientNoise(x * 2.1, y * 2.1, salt + 1) +
  0.25 * gradientNoise(x * 4.3, y * 4.3, salt + 2);

const CELL = { d1: 0, d2: 0, id: 0, cx: 0, cy: 0 };

/** Cellular noise: distances to the nearest and second-nearest jittered points, the nearest's id. */
export function cellularNoise(x: number, y: number, salt: number): typeof CELL {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  let d1 = 9;
  let d2 = 9;
  for (let j = -1; j <= 1; j++)
    for (let i = -1; i <= 1; i++) {
      const px = ix + i + latticeHash(ix + i, iy + j, salt);
      const py = iy + j + latticeHash(ix + i, iy + j, salt + 7);
      const d = Math.hypot(x - px, y - py);
      if (d < d1) {
        d2 = d1;
        d1 = d;
        CELL.id = latticeHash(ix + i, iy + j, salt + 13);
        CELL.cx = px;
        CELL.cy = py;
      } else if (d < d2) d2 = d;
    }
  CELL.d1 = d1;
  CELL.d2 = d2;
  return CELL;
}
