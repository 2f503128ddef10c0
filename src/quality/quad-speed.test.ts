// The per-frame fast paths must not change a single result: rgbaToPlanes sums two channels per
// integer operation (luma.ts), and findDocumentQuad skips work its result does not depend on and
// reads pixels straight from the buffer (quad.ts). These tests hold them to the plain arithmetic on
// the inputs most likely to break them: saturated pixels (the largest sums), odd sizes (remainder
// rows and columns) and the buffer types frames arrive in.
import { expect } from '@open-wc/testing';
import { rgbaToPlanes } from './luma.js';
import { findDocumentQuad } from './quad/index.js';
import { drawScene, frameOf } from '../../test/scenes/documents.js';
import type { RgbaFrame } from './types.js';

/** rgbaToPlanes written out pixel by pixel: block sums of each channel, then the same roundings. */
function referencePlanes(frame: RgbaFrame, f: number): [number[], number[], number[]] {
  const { data, width: sw } = frame;
  const width = Math.floor(sw / f);
  const height = Math.floor(frame.height / f);
  const sums = (x0: number, y0: number, size: number): [number, number, number] => {
    let r = 0;
    let g = 0;
    let b = 0;
    for (let y = y0; y < y0 + size; y++) {
      for (let x = x0; x < x0 + size; x++) {
        r += data[4 * (y * sw + x)]!;
        g += data[4 * (y * sw + x) + 1]!;
        b += data[4 * (y * sw + x) + 2]!;
      }
    }
    return [r, g, b];
  };
  const luma: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = sums(x * f, y * f, f);
      luma.push(Math.floor((77 * r + 150 * g + 29 * b + 128 * f * f) / (256 * f * f)));
    }
  }
  const redGreen: number[] = [];
  const yellowBlue: number[] = [];
  for (let y = 0; y < height >> 1; y++) {
    for (let x = 0; x < width >> 1; x++) {
      const [r, g, b] = sums(2 * x * f, 2 * y * f, 2 * f);
      const n = 4 * f * f;
      redGreen.push(Math.floor((r - g) / (2 * n)) + 128);
      yellowBlue.push(Math.floor((r + g - 2 * b) / (4 * n)) + 128);
    }
  }
  return [luma, redGreen, yellowBlue];
}

/** A width×height frame from a seeded generator; `pick` maps a uniform 0-1 value to a byte. */
function randomFrame(width: number, height: number, seed: number, pick: (u: number) => number) {
  let state = seed;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    data[i] = pick(state / 2 ** 32);
  }
  return { data, width, height };
}

describe('fast paths', () => {
  it('rgbaToPlanes gives exactly the plain block averages, white and odd sizes included', () => {
    const frames = [
      randomFrame(37, 29, 1, (u) => Math.floor(u * 256)),
      randomFrame(42, 26, 2, (u) => (u < 0.5 ? 0 : 255)), // hard edges between the extremes
      randomFrame(33, 35, 3, () => 255), // every sum at its largest
      randomFrame(64, 48, 4, (u) => Math.floor(u * 256)),
    ];
    for (const frame of frames) {
      for (const factor of [1, 2, 3, 4]) {
        const planes = rgbaToPlanes(frame, factor);
        const [luma, redGreen, yellowBlue] = referencePlanes(frame, factor);
        const label = `${frame.width}x${frame.height} by ${factor}`;
        expect([...planes.luma.data], label).to.deep.equal(luma);
        expect([...planes.redGreen.data], label).to.deep.equal(redGreen);
        expect([...planes.yellowBlue.data], label).to.deep.equal(yellowBlue);
      }
    }
  });

  it('findDocumentQuad finds the same outline in an ImageData and in a copy of its bytes', () => {
    for (const seed of [3, 11]) {
      const image = frameOf(drawScene({ seed, width: 640, height: 480 }).canvas);
      const copy: RgbaFrame = { data: new Uint8Array(image.data), width: 640, height: 480 };
      const fromImage = findDocumentQuad(image);
      expect(fromImage, `seed ${seed}`).to.not.equal(null);
      expect(findDocumentQuad(copy)).to.deep.equal(fromImage);
      // Scratch buffers are reused from frame to frame: a second call changes nothing.
      expect(findDocumentQuad(image)).to.deep.equal(fromImage);
    }
  });
});
