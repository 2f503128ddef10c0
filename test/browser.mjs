// One place that decides which Chromium runs the tests and with which flags, shared by the
// unit runner (web-test-runner.config.mjs) and the end-to-end tests (test/e2e/*).
import { existsSync } from 'node:fs';

/** Where Debian's `chromium` package puts the browser. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium binary: CHROME_PATH, else Debian's /usr/bin/chromium, else undefined (Playwright's
 * own, where it was able to download one).
 */
export function chromiumExecutable() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  return undefined;
}

/** Flags that keep headless Chromium quiet on a machine without outside network. */
export const baseArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * Flags for Chromium's fake camera. Without a file Chromium serves its own moving test pattern
 * (640x480); with a `.y4m` file it serves that file's frames.
 * @param {string} [y4mPath] absolute path of a y4m video
 */
export function fakeCameraArgs(y4mPath) {
  const args = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
  if (y4mPath) args.push(`--use-file-for-fake-video-capture=${y4mPath}`);
  return args;
}
