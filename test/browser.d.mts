// Types for browser.mjs (plain JavaScript, shared with web-test-runner.config.mjs), so that the
// TypeScript e2e tests can import it under `strict` without implicit `any`.

/** Where Debian's `chromium` package puts the browser. */
export const DEBIAN_CHROMIUM: string;

/**
 * The Chromium binary: CHROME_PATH, else Debian's /usr/bin/chromium, else undefined (Playwright's
 * own, where it was able to download one).
 */
export function chromiumExecutable(): string | undefined;

/** Flags that keep headless Chromium quiet on a machine without outside network. */
export const baseArgs: readonly string[];

/**
 * Flags for Chromium's fake camera. Without a file Chromium serves its own moving test pattern
 * (640x480); with a `.y4m` file it serves that file's frames.
 */
export function fakeCameraArgs(y4mPath?: string): string[];
