import { expect } from '@open-wc/testing';
import type { Point, RgbaFrame } from '../types.js';
import { squareCorners } from './rounded.js';

// An ID-1 card's corners are rounded, a sheet's are not: squareCorners tells them apart where the
// card's arc leaves the desk, and leaves alone the corners it cannot judge.

const ID1_RADIUS = 3.18 / 85.6;

/**
 * A 640x480 frame: a light rectangle (x0, y0, w, h) with corners of `radius` px on a darker desk,
 * each pixel shaded by the share of its 4x4 sub-samples inside (an edge as a lens would blur it).
 */
function frameWith(x0: number, y0: number, w: number, h: number, radius: number): RgbaFrame {
  const width = 640;
  const height = 480;
  const data = new Uint8ClampedArray(width * height * 4);
  const insideAt = (x: number, y: number): boolean => {
    if (x < x0 || y < y0 || x > x0 + w || y > y0 + h) return false;
    const cx = Math.min(Math.max(x, x0 + radius), x0 + w - radius);
    const cy = Math.min(Math.max(y, y0 + radius), y0 + h - radius);
    return Math.hypot(x - cx, y - cy) <= radius;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let share = 0;
      for (let s = 0; s < 16; s++) {
        if (insideAt(x + ((s % 4) + 0.5) / 4, y + (Math.floor(s / 4) + 0.5) / 4)) share += 1 / 16;
      }
      const i = 4 * (y * width + x);
      data[i] = 70 + share * 160;
      data[i + 1] = 60 + share * 170;
      data[i + 2] = 50 + share * 170;
      data[i + 3] = 255;
    }
  }
  return { data, width, height };
}

const corners = (x0: number, y0: number, w: number, h: number): Point[] => [
  [x0, y0],
  [x0 + w, y0],
  [x0 + w, y0 + h],
  [x0, y0 + h],
];

const none = [false, false, false, false];

describe('squareCorners', () => {
  it("reads a card's rounded corners as round and a sheet's as square", () => {
    const w = 320;
    const h = 202;
    const card = frameWith(150, 120, w, h, ID1_RADIUS * w);
    const sheet = frameWith(150, 120, w, h, 0);
    expect(squareCorners(card, corners(150, 120, w, h), none, ID1_RADIUS)).to.equal(0);
    expect(squareCorners(sheet, corners(150, 120, w, h), none, ID1_RADIUS)).to.equal(4);
  });

  it('does not judge covered corners, corners at the frame edge, or too small a radius', () => {
    const w = 320;
    const h = 202;
    const sheet = frameWith(150, 120, w, h, 0);
    const quad = corners(150, 120, w, h);
    expect(squareCorners(sheet, quad, [true, false, true, false], ID1_RADIUS)).to.equal(2);
    // Cut by the frame: the corners out of it (and their samples) are not judged.
    const cut = frameWith(400, 120, 320, 202, 0);
    expect(squareCorners(cut, corners(400, 120, 320, 202), none, ID1_RADIUS)).to.equal(2);
    // A card 100 px wide has a 3.7 px radius, below what a lens's blur leaves legible.
    const small = frameWith(150, 120, 100, 63, 0);
    expect(squareCorners(small, corners(150, 120, 100, 63), none, ID1_RADIUS)).to.equal(0);
  });

  it('does not judge a corner without contrast between document and desk', () => {
    const flat: RgbaFrame = {
      data: new Uint8ClampedArray(640 * 480 * 4).fill(128),
      width: 640,
      height: 480,
    };
    expect(squareCorners(flat, corners(150, 120, 320, 202), none, ID1_RADIUS)).to.equal(0);
  });
});
