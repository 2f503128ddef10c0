import { expect } from '@open-wc/testing';
import { currentPosition, isGeoPosition } from './geolocation.js';

describe('geolocation', () => {
  it('accepts only positions on the globe', () => {
    expect(isGeoPosition({ latitude: 48.85, longitude: 2.35 })).to.equal(true);
    expect(isGeoPosition({ latitude: -90, longitude: 180 })).to.equal(true);
    expect(isGeoPosition({ latitude: 91, longitude: 0 })).to.equal(false);
    expect(isGeoPosition({ latitude: '48', longitude: 2 })).to.equal(false);
    expect(isGeoPosition(null)).to.equal(false);
  });

  it('answers the fallback when the page has no permission, instead of waiting', async () => {
    // Headless Chromium here has no geolocation permission: the browser refuses or never answers.
    const fallback = { latitude: 1.5, longitude: -2.5 };
    const position = await currentPosition({ fallback, timeoutMs: 300 });
    expect(position).to.deep.equal(fallback);
  });
});
