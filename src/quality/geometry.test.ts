import { expect } from '@open-wc/testing';
import { cornerErrors, orderCorners, polygonArea, quadJaccard, shareInRect } from './geometry.js';
import type { Point, Quad } from './types.js';

// The eval scores the detector with these, so a wrong overlap or corner pairing would silently
// misreport the detector's accuracy. Cases use shapes whose areas are known in closed form.

/** Axis-aligned rectangle as a Quad, clockwise from the top-left (y down). */
const rect = (x: number, y: number, w: number, h: number): Quad => [
  [x, y],
  [x + w, y],
  [x + w, y + h],
  [x, y + h],
];

/** `quad` turned by `degrees` about (cx, cy). */
function rotate(quad: Quad, degrees: number, cx: number, cy: number): Quad {
  const r = (degrees * Math.PI) / 180;
  const [c, s] = [Math.cos(r), Math.sin(r)];
  const turn = ([x, y]: Point): Point => [
    cx + (x - cx) * c - (y - cy) * s,
    cy + (x - cx) * s + (y - cy) * c,
  ];
  return [turn(quad[0]), turn(quad[1]), turn(quad[2]), turn(quad[3])];
}

describe('polygonArea', () => {
  it('measures rectangles, triangles and trapezoids whatever the winding', () => {
    expect(polygonArea(rect(10, 20, 30, 40))).to.equal(1200);
    expect(polygonArea([...rect(10, 20, 30, 40)].reverse())).to.equal(1200);
    expect(
      polygonArea([
        [0, 0],
        [4, 0],
        [0, 3],
      ]),
    ).to.equal(6);
    // Trapezoid with parallel sides 10 and 6, height 5: (10 + 6) / 2 * 5.
    expect(
      polygonArea([
        [0, 0],
        [10, 0],
        [8, 5],
        [2, 5],
      ]),
    ).to.equal(40);
  });

  it('is 0 for fewer than three points or collinear ones', () => {
    expect(polygonArea([])).to.equal(0);
    expect(
      polygonArea([
        [0, 0],
        [5, 5],
      ]),
    ).to.equal(0);
    expect(
      polygonArea([
        [0, 0],
        [1, 1],
        [2, 2],
        [3, 3],
      ]),
    ).to.equal(0);
  });
});

describe('shareInRect', () => {
  it('is the share of the outline inside the frame, whatever its corner order', () => {
    expect(shareInRect(rect(10, 10, 100, 50), 640, 480)).to.equal(1);
    // Half of it past the right edge, then a quarter past a corner.
    expect(shareInRect(rect(590, 100, 100, 50), 640, 480)).to.be.closeTo(0.5, 1e-9);
    expect(shareInRect(rect(-50, -25, 100, 50), 640, 480)).to.be.closeTo(0.25, 1e-9);
    const turned = rotate(rect(600, 200, 80, 80), 45, 640, 240);
    expect(shareInRect(turned, 640, 480)).to.be.closeTo(0.5, 1e-9);
    expect(shareInRect([...turned].reverse(), 640, 480)).to.be.closeTo(0.5, 1e-9);
  });

  it('is 0 out of the frame or without area', () => {
    expect(shareInRect(rect(700, 10, 100, 50), 640, 480)).to.equal(0);
    expect(shareInRect(rect(10, 10, 0, 50), 640, 480)).to.equal(0);
  });
});

describe('quadJaccard', () => {
  it('is 1 for the same quad, in any corner order', () => {
    const q = rect(100, 50, 300, 190);
    expect(quadJaccard(q, q)).to.be.closeTo(1, 1e-12);
    expect(quadJaccard(q, [q[2], q[0], q[3], q[1]])).to.be.closeTo(1, 1e-12);
  });

  it('is intersection over union for partly overlapping rectangles', () => {
    // Two 10x10 squares overlapping in a 5x10 strip: 50 / (100 + 100 - 50) = 1/3.
    expect(quadJaccard(rect(0, 0, 10, 10), rect(5, 0, 10, 10))).to.be.closeTo(1 / 3, 1e-12);
    // Diagonal offset: 5x5 overlap, 25 / 175 = 1/7.
    expect(quadJaccard(rect(0, 0, 10, 10), rect(5, 5, 10, 10))).to.be.closeTo(1 / 7, 1e-12);
    // One inside the other: the smaller area over the larger one.
    expect(quadJaccard(rect(0, 0, 10, 10), rect(2, 2, 5, 4))).to.be.closeTo(20 / 100, 1e-12);
  });

  it('scores a rotated document against its upright self', () => {
    // A square turned 45° about its centre: the overlap is a regular octagon of side
    // s (sqrt 2 - 1) for side s, area 2 (sqrt 2 - 1) s², so IoU = 2(√2-1) / (2 - 2(√2-1)).
    const square = rect(0, 0, 10, 10);
    const octagon = 2 * (Math.SQRT2 - 1) * 100;
    const expected = octagon / (200 - octagon);
    expect(quadJaccard(square, rotate(square, 45, 5, 5))).to.be.closeTo(expected, 1e-9);
    expect(quadJaccard(rotate(square, 45, 5, 5), square)).to.be.closeTo(expected, 1e-9);
  });

  it('is 0 when the quads do not overlap or only touch', () => {
    expect(quadJaccard(rect(0, 0, 10, 10), rect(20, 0, 10, 10))).to.equal(0);
    expect(quadJaccard(rect(0, 0, 10, 10), rect(10, 0, 10, 10))).to.equal(0);
  });

  it('is 0 when either quad is missing, flat or not finite', () => {
    const q = rect(0, 0, 10, 10);
    expect(quadJaccard(null, q)).to.equal(0);
    expect(quadJaccard(q, null)).to.equal(0);
    expect(quadJaccard(null, null)).to.equal(0);
    const flat: Quad = [
      [0, 0],
      [5, 0],
      [10, 0],
      [3, 0],
    ];
    expect(quadJaccard(flat, q)).to.equal(0);
    expect(quadJaccard(flat, flat)).to.equal(0);
    expect(quadJaccard([[NaN, 0], q[1], q[2], q[3]], q)).to.equal(0);
  });

  it('scores a self-intersecting (bow-tie) corner order as the region its corners span', () => {
    const q = rect(0, 0, 10, 10);
    const bowTie: Quad = [q[0], q[2], q[1], q[3]];
    expect(quadJaccard(bowTie, q)).to.be.closeTo(1, 1e-12);
  });

  it('stays within [0, 1] on a concave outline', () => {
    // A dart: its hull is the triangle (0,0) (10,0) (5,10), area 50.
    const dart: Quad = [
      [0, 0],
      [5, 3],
      [10, 0],
      [5, 10],
    ];
    const triangle: Quad = [
      [0, 0],
      [10, 0],
      [5, 10],
      [5, 10],
    ];
    expect(quadJaccard(dart, triangle)).to.be.closeTo(1, 1e-12);
    const score = quadJaccard(dart, rect(0, 0, 10, 10));
    expect(score).to.be.closeTo(50 / 100, 1e-12);
  });
});

describe('orderCorners', () => {
  it('puts the corners clockwise from the top-left one, whatever order they came in', () => {
    const q = rect(10, 20, 30, 40);
    const expected = q.map(([x, y]) => [x, y]);
    for (const shuffled of [
      [q[2], q[0], q[3], q[1]],
      [q[3], q[2], q[1], q[0]],
      [q[1], q[3], q[0], q[2]],
    ] as const) {
      expect(orderCorners(shuffled)).to.deep.equal(expected);
    }
  });

  it('orders a perspective-distorted, slightly turned document', () => {
    const truth: Quad = [
      [120, 80],
      [520, 100],
      [540, 400],
      [90, 380],
    ];
    expect(orderCorners([truth[1], truth[3], truth[2], truth[0]])).to.deep.equal(truth);
  });

  it('rejects anything but four points', () => {
    expect(() => orderCorners([[0, 0]])).to.throw(RangeError);
  });
});

describe('cornerErrors', () => {
  it('is the per-corner distance, whatever order either quad lists its corners in', () => {
    const truth = rect(100, 100, 200, 100);
    const found: Quad = [
      [300, 104], // top-right, 4 px low
      [100, 100], // top-left, exact
      [97, 196], // bottom-left, 3-4-5 off
      [300, 200], // bottom-right, exact
    ];
    const errors = cornerErrors(truth, found);
    expect(errors).to.have.length(4);
    expect(errors[0]).to.be.closeTo(0, 1e-12);
    expect(errors[1]).to.be.closeTo(4, 1e-12);
    expect(errors[2]).to.be.closeTo(0, 1e-12);
    expect(errors[3]).to.be.closeTo(5, 1e-12);
  });

  it('does not report a whole side when "top-left" flips on a document turned 45°', () => {
    // Near 45° the top corner and the left corner are almost tied for the smallest x + y;
    // a tiny nudge picks a different one as the start.
    const diamond = rotate(rect(0, 0, 100, 100), 45, 50, 50);
    const a = rotate(diamond, 0.5, 50, 50);
    const b = rotate(diamond, -0.5, 50, 50);
    expect(orderCorners(a)[0]).to.not.deep.equal(orderCorners(b)[0]);
    for (const e of cornerErrors(a, b)) expect(e).to.be.below(1.3);
  });
});
