// How the unit-test server hands the fixtures (test/shared-fixtures.ts) to browser tests: no Node
// imports here, so that both web-test-runner.config.mjs and the browser helpers can use it.

/** URL prefix under which the unit-test server serves the fixtures. */
export const FIXTURES_URL = '/__fixtures/';

/**
 * Header of the 404 for a fixture found nowhere: `fail` under CI (the test must fail), `skip`
 * elsewhere (the test skips itself through mocha's `this.skip()`).
 */
export const MISSING_FIXTURE_HEADER = 'x-kyc-missing-fixture';
