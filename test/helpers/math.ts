// Pure helpers shared by the fixture generators (Node) and the browser test scenes: no DOM, no
// Node APIs, so both sides import the same code and draw the same pixels.

// One seeded PRNG (mulberry32), shared with the SDK's reproducible challenge draws.
export { seededRandom as prng } from '../../src/random.js';

// The homography solver ships with the SDK (the straightened capture uses it); one copy.
export { homography } from '../../src/quality/geometry.js';
