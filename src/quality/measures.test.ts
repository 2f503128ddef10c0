import { expect } from '@open-wc/testing';
import { exposureStats } from './exposure.js';
import { glareStats } from './glare.js';
import { downscaleFactor, downscaleLuma, rgbaToLuma, rgbaToPlanes } from './luma.js';
import { findDocumentQuad } from './quad/index.js';
import { insetQuad, quadSpans, scaleQuad } from './region.js';
import { directionalSharpness, laplacianVariance } from './sharpness.js';
import { aspectError, rectifiedAspect } from './shape.js';
import { DEFAULT_DOCUMENT_OPTIONS } from './analyze.js';
import {
  drawScene,
  filtered,
  frameOf,
  makeCanvas,
  motionBlurred,
  projectCard,
} from '../../test/scenes/documents.js';
import type { LumaFrame, Point, Quad, RgbaFrame } from './types.js';

/** An RGBA frame of one colour. */
function solid(width: number, height: number, [r, g, b]: readonly number[]): RgbaFrame {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([r!, g!, b!, 255], i);
  return { data, width, height };
}

/** A luma frame from a function of (x, y). */
function lumaOf(width: number, height: number, value: (x: number, y: number) => number): LumaFrame {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data[y * width + x] = value(x, y);
  return { data, width, height };
}

const rect = (x: number, y: number, w: number, h: number): Quad => [
  [x, y],
  [x + w, y],
  [x + w, y + h],
  [x, y + h],
];

describe('luma', () => {
  it('converts with BT.601 weights', () => {
    expect(rgbaToLuma(solid(4, 2, [255, 0, 0])).data[0]).to.equal(77); // 0.299 · 255
    expect(rgbaToLuma(solid(4, 2, [0, 255, 0])).data[0]).to.equal(149); // 0.587 · 255
    expect(rgbaToLuma(solid(4, 2, [0, 0, 255])).data[0]).to.equal(29); // 0.114 · 255
    expect(rgbaToLuma(solid(4, 2, [255, 255, 255])).data[0]).to.equal(255);
    // A view that does not start on a 4-byte boundary takes the byte-wise path, same result.
    const bytes = new Uint8Array(1 + 16);
    bytes.set([10, 200, 30, 255, 10, 200, 30, 255, 10, 200, 30, 255, 10, 200, 30, 255], 1);
    const odd = rgbaToLuma({ data: bytes.subarray(1), width: 2, height: 2 });
    expect([...odd.data]).to.deep.equal(
      Array(4).fill(rgbaToLuma(solid(2, 2, [10, 200, 30])).data[0]),
    );
  });

  it('box-averages by integer factors, dropping remainders', () => {
    const frame = solid(5, 3, [0, 0, 0]);
    frame.data.set([255, 255, 255, 255], 0); // one white pixel in the first 2x2 block
    const half = rgbaToLuma(frame, 2);
    expect([half.width, half.height]).to.deep.equal([2, 1]);
    expect(half.data[0]).to.equal(64); // 255 / 4, rounded
    const luma = lumaOf(6, 4, (x) => (x < 3 ? 0 : 90));
    const third = downscaleLuma(luma, 3);
    expect([third.width, third.height, ...third.data]).to.deep.equal([2, 1, 0, 90]);
    expect(downscaleLuma(luma, 1)).to.equal(luma);
    expect(downscaleFactor(640, 320)).to.equal(2);
    expect(downscaleFactor(1280, 320)).to.equal(4);
    expect(downscaleFactor(200, 320)).to.equal(1);
  });

  it('splits colour into luma and half-size opponent planes', () => {
    for (const factor of [1, 2, 3]) {
      const grey = rgbaToPlanes(solid(12, 12, [90, 90, 90]), factor);
      expect(grey.luma.data[0]).to.equal(90);
      expect(grey.redGreen.width).to.equal(grey.luma.width >> 1);
      expect(grey.redGreen.data[0]).to.equal(128);
      expect(grey.yellowBlue.data[0]).to.equal(128);
      const green = rgbaToPlanes(solid(12, 12, [51, 141, 64]), factor);
      const purple = rgbaToPlanes(solid(12, 12, [115, 91, 142]), factor);
      // Nearly the same lightness, clearly different colours: what the colour planes are for.
      expect(Math.abs(green.luma.data[0]! - purple.luma.data[0]!)).to.be.lessThan(12);
      expect(purple.redGreen.data[0]! - green.redGreen.data[0]!).to.be.greaterThan(50);
      expect(green.yellowBlue.data[0]! - purple.yellowBlue.data[0]!).to.be.greaterThan(30);
    }
    const frame = frameOf(drawScene({ seed: 8 }).canvas);
    expect([...rgbaToPlanes(frame, 2).luma.data]).to.deep.equal([...rgbaToLuma(frame, 2).data]);
  });
});

describe('region', () => {
  it('covers the pixels whose centres lie inside a quad', () => {
    const spans = new Int32Array(20);
    expect(quadSpans(rect(2, 3, 4, 5), 10, 10, spans)).to.equal(20);
    expect([spans[2 * 3], spans[2 * 3 + 1]]).to.deep.equal([2, 6]);
    expect(spans[2 * 2 + 1]! - spans[2 * 2]!).to.equal(0);
    expect(quadSpans(null, 10, 10, spans)).to.equal(100);
    expect(quadSpans(rect(-5, -5, 30, 30), 10, 10, spans)).to.equal(100); // clipped to the frame
    expect(insetQuad(rect(0, 0, 10, 10), 0.2)[0]).to.deep.equal([1, 1]);
    expect(scaleQuad(rect(1, 2, 3, 4), 2)[2]).to.deep.equal([8, 12]);
  });
});

describe('exposureStats', () => {
  it('measures mean, contrast, median and clipping inside the region only', () => {
    const luma = lumaOf(10, 10, (x, y) => (x < 5 ? 0 : y < 5 ? 255 : 100));
    const all = exposureStats(luma);
    expect(all.count).to.equal(100);
    expect(all.mean).to.be.closeTo((0 * 50 + 255 * 25 + 100 * 25) / 100, 1e-9);
    expect(all.clippedLow).to.equal(0.5);
    expect(all.clippedHigh).to.equal(0.25);
    expect(all.median).to.equal(0);
    const right = exposureStats(luma, rect(5, 5, 5, 5));
    expect([right.mean, right.std, right.count]).to.deep.equal([100, 0, 25]);
    expect(exposureStats(luma, null, { step: 2 }).count).to.equal(25);
    // The contrast of the print without the blown-out part.
    expect(all.stdUnclipped).to.be.closeTo(Math.sqrt((50 * 2500 + 25 * 2500) / 75 - 0), 20);
  });
});

describe('glareStats', () => {
  it('counts one large blown-out patch fully and scattered sparkles hardly at all', () => {
    // Same blown-out area (64 pixels) as one 8x8 patch or as 16 2x2 sparkles, on a 100x100 region.
    const patch = lumaOf(100, 100, (x, y) => (x >= 40 && x < 48 && y >= 40 && y < 48 ? 255 : 150));
    const sparkles = lumaOf(100, 100, (x, y) => (x % 25 < 2 && y % 25 < 2 ? 255 : 150));
    const big = glareStats(patch, null, { referenceShare: 0.004 });
    const small = glareStats(sparkles, null, { referenceShare: 0.004 });
    expect(big.share).to.equal(small.share);
    expect(big.blobs).to.equal(1);
    expect(small.blobs).to.equal(16);
    expect(big.score).to.equal(0.0064);
    expect(small.score).to.be.lessThan(big.score / 5);
    expect(big.largest).to.equal(0.0064);
  });

  it('looks inside the region only, and above the region median', () => {
    const luma = lumaOf(50, 50, (x) => (x < 10 ? 255 : 248));
    expect(glareStats(luma, rect(20, 0, 30, 50)).share).to.equal(1); // 248 ≥ 245
    const raised = glareStats(luma, rect(20, 0, 30, 50), { median: 248 });
    expect(raised.threshold).to.equal(254);
    expect(raised.share).to.equal(0); // an evenly bright document is "bright", not glare
    expect(glareStats(luma, rect(0, 0, 10, 50), { median: 248 }).share).to.equal(1);
  });
});

describe('sharpness', () => {
  it('drops with defocus, and the directional minimum with motion', () => {
    const scene = drawScene({ scale: 0.7, background: 'dark', seed: 9 });
    const region = scaleQuad(insetQuad(scene.corners, 0.05), 0.5);
    const measure = (canvas: HTMLCanvasElement) => {
      const luma = rgbaToLuma(frameOf(canvas), 2);
      return {
        laplacian: laplacianVariance(luma, region),
        dir: directionalSharpness(luma, region),
      };
    };
    const sharp = measure(scene.canvas);
    const soft = measure(filtered(scene.canvas, 'blur(3px)'));
    const moved = measure(motionBlurred(scene.canvas, 16, 0));
    expect(soft.laplacian).to.be.lessThan(sharp.laplacian / 5);
    expect(soft.dir.min).to.be.lessThan(sharp.dir.min / 5);
    // Horizontal motion: the horizontal second derivative collapses, the vertical one much less.
    expect(moved.dir.horizontal).to.be.lessThan(sharp.dir.horizontal / 10);
    expect(moved.dir.vertical).to.be.greaterThan(moved.dir.horizontal * 4);
    expect(moved.dir.min).to.equal(
      Math.min(moved.dir.horizontal, moved.dir.rising, moved.dir.vertical, moved.dir.falling),
    );
    // A flat frame has no detail at all; blown-out pixels can be left out.
    expect(laplacianVariance(lumaOf(20, 20, () => 128))).to.equal(0);
    const blown = lumaOf(20, 20, (x) => (x < 10 ? 255 : (x * 37) % 200));
    expect(directionalSharpness(blown, null, { ignoreFrom: 250 }).horizontal).to.be.greaterThan(0);
    expect(
      directionalSharpness(
        lumaOf(20, 20, () => 255),
        null,
        { ignoreFrom: 250 },
      ).min,
    ).to.equal(0);
  });
});

describe('rectifiedAspect', () => {
  it('recovers a rectangle’s proportions through perspective', () => {
    expect(rectifiedAspect(rect(100, 100, 300, 200), 640, 480)).to.be.closeTo(1.5, 1e-9);
    expect(rectifiedAspect(rect(100, 100, 200, 300), 640, 480)).to.be.closeTo(1.5, 1e-9);
    const truth = 85.6 / 54;
    const averagedSides = (quad: Quad): number => {
      const along =
        Math.hypot(quad[1][0] - quad[0][0], quad[1][1] - quad[0][1]) +
        Math.hypot(quad[2][0] - quad[3][0], quad[2][1] - quad[3][1]);
      const across =
        Math.hypot(quad[3][0] - quad[0][0], quad[3][1] - quad[0][1]) +
        Math.hypot(quad[2][0] - quad[1][0], quad[2][1] - quad[1][1]);
      return along / across;
    };
    // Tilted about an oblique axis, both vanishing points are finite and the quad gives away the
    // focal length: the proportions come back exactly.
    for (const pose of [
      { tiltX: 15, tiltY: 15, rotation: -20, centre: [0.4, 0.6] as const },
      { tiltX: -20, tiltY: 12, rotation: 15 },
    ]) {
      const quad = projectCard({ ...pose, scale: 0.6 });
      expect(rectifiedAspect(quad, 640, 480)).to.be.closeTo(truth, 0.01);
      expect(Math.abs(averagedSides(quad) - truth)).to.be.greaterThan(0.03);
    }
    // Tilted about one axis, the focal length is assumed (65° across; the test camera has 70°):
    // still closer than averaging opposite sides.
    for (const pose of [{ tiltX: 25 }, { tiltY: -25, rotation: 15 }]) {
      const quad = projectCard({ ...pose, scale: 0.6 });
      const error = Math.abs(rectifiedAspect(quad, 640, 480) - truth);
      expect(error).to.be.lessThan(0.12);
      expect(error).to.be.lessThan(Math.abs(averagedSides(quad) - truth));
    }
    expect(rectifiedAspect(rect(0, 0, 0, 0), 640, 480)).to.equal(0);
  });

  it('judges the shape for every camera a person may hold when the quad cannot tell which', () => {
    /** An ID-1 card tilted `tilt`° about the horizontal axis, 60 % of the width, through a pinhole. */
    const project = (fov: number, tilt: number): Quad => {
      const f = 320 / Math.tan(((fov / 2) * Math.PI) / 180);
      const t = (tilt * Math.PI) / 180;
      const distance = (f * 85.6) / 384;
      const at = (x: number, y: number): Point => {
        const z = distance + y * Math.sin(t);
        return [320 + (f * x) / z, 240 + (f * y * Math.cos(t)) / z];
      };
      return [at(-42.8, -27), at(42.8, -27), at(42.8, 27), at(-42.8, 27)];
    };
    const truth = 85.6 / 54;
    for (const fov of [55, 80]) {
      const quad = project(fov, 35);
      // One vanishing point only: with the focal length assumed (65°) the aspect is off by up to
      // 10 %, more than the tolerance; some camera of the range explains it exactly.
      const assumed = Math.abs(rectifiedAspect(quad, 640, 480) / truth - 1);
      expect(assumed, `${fov}°`).to.be.greaterThan(0.05);
      expect(aspectError(quad, 640, 480, truth), `${fov}°`).to.be.lessThan(0.01);
    }
    // Held nearly flat (10°), a card is still not a passport page, whatever the camera. (Tilted
    // further about one axis, the outline alone cannot tell them apart: the README says so.)
    for (const fov of [55, 80]) {
      expect(aspectError(project(fov, 10), 640, 480, 125 / 88), `${fov}°`).to.be.greaterThan(
        DEFAULT_DOCUMENT_OPTIONS.aspectTolerance,
      );
    }
    // Seen face on, there is nothing to choose: the error is the plain one.
    expect(aspectError(rect(100, 100, 300, 200), 640, 480, 1.5)).to.be.closeTo(0, 1e-9);
  });
});

describe('findDocumentQuad', () => {
  it('works on its own, with or without precomputed planes', () => {
    const scene = drawScene({ scale: 0.55, rotation: 10, background: 'fabric', seed: 5 });
    const frame = frameOf(scene.canvas);
    const alone = findDocumentQuad(frame);
    const shared = findDocumentQuad(frame, { planes: rgbaToPlanes(frame, 2) });
    expect(alone?.quad).to.deep.equal(shared?.quad);
    expect(alone?.occluded).to.deep.equal([false, false, false, false]);
    expect(alone?.support).to.be.within(0.8, 1);
    const { canvas } = makeCanvas(320, 240);
    expect(findDocumentQuad(frameOf(canvas))).to.equal(null);
  });
});
