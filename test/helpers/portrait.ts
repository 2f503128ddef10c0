// The shared face fixture in browser tests: served by the test server under /__fixtures/ (see
// test/shared-fixtures.ts); tests that need it skip, with a message, where it is absent.

/** Where the test server serves the 512x512 portrait (404 when the fixture is absent). */
export const PORTRAIT_URL = '/__fixtures/faces/astronaut.png';

/**
 * The part of the portrait cropped as an ID photo is (ICAO 9303: 35x45 mm, the head 70-80 % of the
 * height): crown to chin is y 15-185 of the portrait, so 184x236 around it.
 */
export const ID_PHOTO_CROP = [133, 0, 184, 236] as const;

const loaded = new Map<string, Promise<ImageBitmap | null>>();

/** The portrait (or a crop of it), decoded once per crop; null when the fixture is absent. */
export function loadPortrait(
  crop?: readonly [number, number, number, number],
): Promise<ImageBitmap | null> {
  const key = crop ? crop.join(',') : 'whole';
  let image = loaded.get(key);
  if (!image) {
    image = fetch(PORTRAIT_URL).then(async (response) => {
      if (!response.ok) return null;
      const blob = await response.blob();
      return crop ? createImageBitmap(blob, ...crop) : createImageBitmap(blob);
    });
    loaded.set(key, image);
  }
  return image;
}

/** The portrait (or a crop), or skips the running test with a message when it is absent. */
export async function portraitOrSkip(
  context: Mocha.Context,
  crop?: readonly [number, number, number, number],
): Promise<ImageBitmap> {
  const image = await loadPortrait(crop);
  if (!image) {
    console.log(
      `SKIP: shared fixture faces/astronaut.png is absent (${PORTRAIT_URL} answered 404); ` +
        'set KYC_FIXTURES to the shared fixtures directory to run this test.',
    );
    context.skip();
  }
  return image!;
}
