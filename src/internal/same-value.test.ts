import { expect } from '@open-wc/testing';
import { sameValue } from './same-value.js';

describe('sameValue', () => {
  it('compares plain objects and arrays by their values, however deep', () => {
    const options = () => ({ stableMs: 500, nested: { list: [1, 2, { a: 'x' }] }, none: null });
    expect(sameValue(options(), options())).to.equal(true);
    expect(sameValue(options(), { ...options(), stableMs: 501 })).to.equal(false);
    expect(sameValue({ list: [1, 2] }, { list: [1, 2, 3] })).to.equal(false);
    expect(sameValue([1, 2], { 0: 1, 1: 2 })).to.equal(false);
    expect(sameValue(NaN, NaN)).to.equal(true);
    expect(sameValue(null, {})).to.equal(false);
  });

  it('tells a key set to undefined from a missing one (spreads over defaults do)', () => {
    expect(sameValue({ stableMs: undefined }, {})).to.equal(false);
    expect(sameValue({ a: 1, b: undefined }, { a: 1, c: undefined })).to.equal(false);
  });

  it('compares functions and class instances by identity', () => {
    const random = () => 0.5;
    class Detector {}
    const detector = new Detector();
    expect(sameValue({ random, detector }, { random, detector })).to.equal(true);
    expect(sameValue({ random }, { random: () => 0.5 })).to.equal(false);
    expect(sameValue({ detector }, { detector: new Detector() })).to.equal(false);
  });
});
