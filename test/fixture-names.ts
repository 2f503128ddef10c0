// The face fixtures' names and how the unit-test server hands them to browser tests: no Node
// imports here, so that scripts, node tests, web-test-runner.config.mjs and the browser helpers all
// use these (the files and their licences: test/fixtures/faces/README.md; the lookup:
// test/shared-fixtures.ts).

/** The 512x512 portrait (astronaut Eileen Collins, NASA, public domain), relative to a fixtures folder. */
export const PORTRAIT_FIXTURE = 'faces/astronaut.png';

/** A second person (CC0): greyscale, three-quarter profile, a camera at the eye; 256x256. */
export const CAMERAMAN_FIXTURE = 'faces/cameraman.png';

/**
 * The held-out person (Grace Hopper, US Navy, public domain): frontal, 256x300 RGB. Used only by the
 * held-out selfie family (scripts/families/portraits.ts), never to calibrate a threshold.
 */
export const HOPPER_FIXTURE = 'faces/hopper.png';

/**
 * A held-out person (Anne Helene, from KPhotoAlbum's demo photos, GPL-2+): frontal, 220x420 RGB.
 * Used only by the held-out selfie family, never to calibrate a threshold.
 */
export const ANNE_HELENE_FIXTURE = 'faces/annehelene.png';

/**
 * A held-out person (Aksel Andersson, an old portrait from Gramps' example family tree, GPL-2+):
 * near-frontal, bearded, sepia, 200x290 RGB. Used only by the held-out selfie family.
 */
export const ANDERSSON_FIXTURE = 'faces/andersson.png';

/**
 * A held-out person (Hana Sarbortova, from VLFeat's documentation, BSD-2-Clause): frontal, with
 * glasses, 168x225 RGB. Used only by the held-out selfie family.
 */
export const SARBORTOVA_FIXTURE = 'faces/sarbortova.png';

/**
 * A held-out person (Andrea Vedaldi, from VLFeat's documentation, BSD-2-Clause): frontal, with
 * glasses, a small face, 120x120 RGB. Used only by the held-out selfie family.
 */
export const VEDALDI_FIXTURE = 'faces/vedaldi.png';

/**
 * A tuning person (Jesper, from KPhotoAlbum's demo photos, GPL-2+): frontal, 256x262 RGB. The
 * tuning side of the portraits family (scripts/families/portraits.ts --side tuning) renders him.
 */
export const JESPER_FIXTURE = 'faces/jesper.png';

/** URL prefix under which the unit-test server serves the fixtures. */
export const FIXTURES_URL = '/__fixtures/';

/**
 * Header of the 404 for a fixture found nowhere: `fail` under CI (the test must fail), `skip`
 * elsewhere (the test skips itself through mocha's `this.skip()`).
 */
export const MISSING_FIXTURE_HEADER = 'x-kyc-missing-fixture';
