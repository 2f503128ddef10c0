// The face fixtures in browser tests: the committed test/fixtures/faces/*.png (README.md there),
// served by the test server under /__fixtures/ (found as test/shared-fixtures.ts finds them). Where
// one is found nowhere, a test that needs it fails under CI and skips through mocha (`this.skip()`)
// elsewhere.
import {
  CAMERAMAN_FIXTURE,
  FIXTURES_URL,
  MISSING_FIXTURE_HEADER,
  PORTRAIT_FIXTURE,
} from '../fixture-names.js';

export { CAMERAMAN_FIXTURE, PORTRAIT_FIXTURE };

/**
 * The part of the portrait cropped as an ID photo is (ICAO 9303: 35x45 mm, the head 70-80 % of the
 * height): crown to chin is y 15-185 of the portrait, so 184x236 around it.
 */
export const ID_PHOTO_CROP = [133, 0, 184, 236] as const;

/** The decoded portrait, or why it is missing and whether that fails the test (under CI). */
type Loaded = ImageBitmap | { readonly missing: string; readonly fail: boolean };

const loaded = new Map<string, Promise<Loaded>>();

function loadFixture(
  file: string,
  crop?: readonly [number, number, number, number],
): Promise<Loaded> {
  const key = `${file} ${crop ? crop.join(',') : 'whole'}`;
  let image = loaded.get(key);
  if (!image) {
    const url = `${FIXTURES_URL}${file}`;
    image = fetch(url).then(async (response): Promise<Loaded> => {
      if (!response.ok) {
        return {
          missing: `${url} answered ${response.status}: ${await response.text()}`,
          fail: response.headers.get(MISSING_FIXTURE_HEADER) !== 'skip',
        };
      }
      const blob = await response.blob();
      return crop ? createImageBitmap(blob, ...crop) : createImageBitmap(blob);
    });
    loaded.set(key, image);
  }
  return image;
}

/**
 * A face fixture (or a crop of it), decoded once per crop. Where the fixture is missing: throws
 * under CI (the test fails), else skips the running test through mocha with the reason.
 */
export async function faceFixtureOrSkip(
  context: Mocha.Context,
  file: string,
  crop?: readonly [number, number, number, number],
): Promise<ImageBitmap> {
  const image = await loadFixture(file, crop);
  if (image instanceof ImageBitmap) return image;
  if (image.fail) throw new Error(`${image.missing}; CI is set, so a missing fixture fails`);
  // Mocha reports the test as pending; the reason goes to the log (mocha's skip takes none).
  console.warn(`skipped: ${image.missing}`);
  context.skip();
}

/** The portrait (or a crop of it), as {@link faceFixtureOrSkip}. */
export const portraitOrSkip = (
  context: Mocha.Context,
  crop?: readonly [number, number, number, number],
): Promise<ImageBitmap> => faceFixtureOrSkip(context, PORTRAIT_FIXTURE, crop);
