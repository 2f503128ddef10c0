// What a person does on the demo page, and what the live tests read back, shared by the e2e tests
// (harness.ts holds the machinery: server, browser, camera). One place reads the element's capture,
// so that the tests follow the element when its state moves.
import type { Page } from 'playwright';
import { en } from '../../src/i18n/en.ts';
import { guidanceText, waitForShutter } from './harness.ts';

/** Options of {@link throughPassportFront}. */
export interface PassportFrontOptions {
  /** The demo's liveness mode, if any. */
  readonly liveness?: 'passive' | 'passive_active';
  /** Runs in the page once the element exists, before the flow starts. */
  readonly beforeStart?: () => void;
}

/**
 * Opens the demo at `url`, creates a session (auto-capture on, `liveness` mode if any), starts a
 * passport flow and takes the passport page with the shutter, so that the face steps, which the
 * callers are about, come next: returns on the selfie step's title.
 */
export async function throughPassportFront(
  page: Page,
  url: string,
  options: PassportFrontOptions = {},
): Promise<void> {
  await page.goto(url);
  await page.locator('#auto-capture').setChecked(true);
  if (options.liveness) await page.locator('#liveness').selectOption(options.liveness);
  await page.getByRole('button', { name: 'Create session' }).click();
  await page.locator('#session-info[data-session-id]').waitFor();
  if (options.beforeStart) await page.evaluate(options.beforeStart);
  await page.getByRole('radio', { name: 'Passport' }).check();
  await page.getByRole('checkbox', { name: /I agree/ }).check();
  await page.getByRole('button', { name: 'Start' }).click();
  await waitForShutter(page);
  await page.getByRole('button', { name: en.takePhoto }).click();
  await page.getByRole('button', { name: en.usePhoto }).click();
  await page.getByRole('heading', { name: en.stepTitles.selfie }).waitFor();
}

/** What {@link watchForCapture} saw. */
export interface CaptureWatch {
  /** From the call to the review screen (ms), or null when none came in time. */
  readonly captureMs: number | null;
  /** Every distinct guidance shown meanwhile, in order. */
  readonly guidance: readonly string[];
}

/**
 * Waits up to `timeout` ms for the review screen, noting every distinct guidance on the way (polled
 * every 50 ms). Call it right after showing the scene that should be captured.
 */
export async function watchForCapture(page: Page, timeout = 10000): Promise<CaptureWatch> {
  const review = page.getByRole('heading', { name: en.reviewTitle });
  const shown = Date.now();
  const guidance: string[] = [];
  while (Date.now() - shown < timeout) {
    if ((await review.count()) > 0) return { captureMs: Date.now() - shown, guidance };
    const text = (await guidanceText(page)) ?? '';
    if (text !== guidance.at(-1)) guidance.push(text);
    await page.waitForTimeout(50);
  }
  return { captureMs: null, guidance };
}

/** The element's current capture: whether auto-capture took it, and its size (0 without one). */
export function capturedPhoto(
  page: Page,
): Promise<{ auto: boolean; width: number; height: number }> {
  return page.evaluate(() => {
    const capture = document.querySelector('kyc-capture')!.flow.capture;
    return {
      auto: capture?.quality?.auto === true,
      width: capture?.width ?? 0,
      height: capture?.height ?? 0,
    };
  });
}
