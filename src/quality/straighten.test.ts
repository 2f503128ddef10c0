import { expect } from '@open-wc/testing';
import { drawScene, frameOf } from '../../test/scenes/documents.js';
import type { Quad } from '../quality/types.js';
import { straighten, straightenedSize, type RgbaImage } from './straighten.js';

const ID1 = 85.6 / 54;

/** Mean absolute difference of the two images' RGB inside the document (margin `m` left out). */
function meanDifference(a: RgbaImage, b: RgbaImage, m: number): number {
  const x0 = Math.ceil(((m + 0.05) / (1 + 2 * m)) * a.width);
  const y0 = Math.ceil(((m + 0.05) / (1 + 2 * m)) * a.height);
  let sum = 0;
  let n = 0;
  for (let y = y0; y < a.height - y0; y++) {
    for (let x = x0; x < a.width - x0; x++) {
      const i = (y * a.width + x) * 4;
      for (let c = 0; c < 3; c++) sum += Math.abs(a.data[i + c]! - b.data[i + c]!);
      n += 3;
    }
  }
  return sum / n;
}

describe('straighten', () => {
  it('turns a tilted, rotated card into the same upright picture as a card seen square on', () => {
    const options = { aspect: ID1, margin: 0.08, maxLongSide: 400 };
    const square = drawScene({ scale: 0.55, background: 'wood', seed: 3 });
    const reference = straighten(frameOf(square.canvas), square.corners, options);
    for (const [rotation, tiltX, tiltY] of [
      [12, 18, 0],
      [-20, 0, 22],
      [5, -15, 10],
    ] as const) {
      const pose = `${rotation}/${tiltX}/${tiltY}`;
      const scene = drawScene({ scale: 0.55, rotation, tiltX, tiltY, background: 'wood', seed: 3 });
      const out = straighten(frameOf(scene.canvas), scene.corners, options);
      expect([out.width, out.height], pose).to.deep.equal([reference.width, reference.height]);
      expect(out.width / out.height, pose).to.be.closeTo(ID1, 0.01);
      // Same card, same place: the document area differs only by resampling (the background and
      // its shadow in the margin do not match, so they are left out).
      expect(meanDifference(out, reference, 0.08), pose).to.be.lessThan(12);
      // The check can fail: corners placed 6% off (towards the centre) give another picture.
      const [cx, cy] = [0, 1].map((k) => scene.corners.reduce((sum, p) => sum + p[k]! / 4, 0));
      const off = scene.corners.map(([x, y]) => [x + 0.06 * (cx! - x), y + 0.06 * (cy! - y)]);
      const wrong = straighten(frameOf(scene.canvas), off as unknown as Quad, options);
      expect(meanDifference(wrong, reference, 0.08), pose).to.be.greaterThan(20);
    }
  });

  it('keeps the resolution the card is seen at, capped at maxLongSide', () => {
    const scene = drawScene({ width: 1280, height: 720, scale: 0.6, rotation: 4, seed: 5 });
    const size = straightenedSize(scene.corners, ID1);
    const full = straighten(frameOf(scene.canvas), scene.corners, { aspect: ID1, margin: 0 });
    expect(full.width).to.equal(Math.round(size.width));
    expect(size.width).to.be.greaterThan(0.55 * 1280);
    const capped = straighten(frameOf(scene.canvas), scene.corners, {
      aspect: ID1,
      maxLongSide: 400,
    });
    expect(Math.max(capped.width, capped.height)).to.equal(400);
  });

  it('paints the margin black where it reaches past the frame', () => {
    const scene = drawScene({ scale: 0.9, rotation: 0, centre: [0.5, 0.5], seed: 7 });
    const quad: Quad = [
      [0, 0],
      [639, 0],
      [639, 479],
      [0, 479],
    ];
    const out = straighten(frameOf(scene.canvas), quad, { margin: 0.1 });
    expect([out.data[0], out.data[1], out.data[2], out.data[3]]).to.deep.equal([0, 0, 0, 255]);
    const centre = ((out.height >> 1) * out.width + (out.width >> 1)) * 4;
    expect(out.data[centre]! + out.data[centre + 1]! + out.data[centre + 2]!).to.be.greaterThan(0);
  });
});
