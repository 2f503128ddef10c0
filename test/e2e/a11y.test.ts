// Accessibility of the built demo, screen by screen (WCAG 2.2 AA): axe-core on every screen a person
// can meet, the whole flow (the file fallback included) with the keyboard alone, guidance announced
// only when it changes, a visible focus ring on every control, and no motion under
// `prefers-reduced-motion: reduce`.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, FileChooser, Page, Route } from 'playwright';
import { en } from '../../src/i18n/en.ts';
import {
  demoRig,
  launchBrowser,
  newPage,
  REPO_ROOT,
  SwitchableCamera,
  waitForShutter,
  waitForVerdict,
} from './harness.ts';

const demo = demoRig();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** WCAG 2.0, 2.1 and 2.2, levels A and AA: what the SDK promises. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
/** A photo to pick through "upload a photo instead" (a face, 512 x 512: fits a document too). */
const PHOTO = resolve(REPO_ROOT, 'test/fixtures/faces/astronaut.png');

/** What axe found on one screen. */
interface AxeResult {
  screen: string;
  violations: { id: string; nodes: number; targets: string[] }[];
  /** Rules axe ran (passed, failed or incomplete) on the screen. */
  rules: number;
  /** color-contrast nodes axe could not decide (text over an image or video). */
  undecidedContrast: number;
}
const results: AxeResult[] = [];

/** Runs axe (WCAG A/AA) over `<kyc-capture>` and its open shadow roots, once its screen settled. */
async function audit(page: Page, screen: string): Promise<void> {
  // The screen fades in (160 ms): axe judges the colours it settles on, not a frame of the fade.
  // `document.getAnimations()` leaves shadow roots out: each root is asked.
  await page.evaluate(() => {
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const element of roots[i]!.querySelectorAll('*')) {
        if (element.shadowRoot) roots.push(element.shadowRoot);
      }
    }
    return Promise.all(
      roots
        .flatMap((root) => root.getAnimations())
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    );
  });
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const run = await axe.run(document.querySelector('kyc-capture')!, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations', 'incomplete'],
    });
    const rules = new Set([...run.passes, ...run.violations, ...run.incomplete].map((r) => r.id));
    return {
      violations: run.violations.map((v) => ({
        id: v.id,
        nodes: v.nodes.length,
        targets: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`),
      })),
      rules: rules.size,
      undecidedContrast: run.incomplete
        .filter((r) => r.id === 'color-contrast')
        .reduce((sum, r) => sum + r.nodes.length, 0),
    };
  }, WCAG_TAGS);
  results.push({ screen, ...result });
}

async function createSession(
  page: Page,
  mock: Record<string, unknown> = {},
  renewTokens = true,
): Promise<void> {
  await page.goto(demo.server.url);
  await page.locator('#auto-capture').setChecked(false);
  await page.locator('#refresh-token').setChecked(renewTokens);
  await page.locator('#mock-behavior').fill(JSON.stringify(mock));
  // Empty: the mock's default lifetime, or `mock.start_token_ttl_seconds`.
  await page.locator('#token-ttl').fill('');
  await page.getByRole('button', { name: 'Create session' }).click();
  await page.locator('#session-info[data-session-id]').waitFor();
  await page.locator('kyc-capture [part~="intro"]').waitFor();
}

async function startPassport(page: Page): Promise<void> {
  await page.getByRole('radio', { name: en.documentTypes.passport }).check();
  await page.getByRole('checkbox', { name: /I agree/ }).check();
  await page.getByRole('button', { name: en.start }).click();
}

async function takePhoto(page: Page): Promise<void> {
  await waitForShutter(page);
  await page.getByRole('button', { name: en.takePhoto }).click();
  await page.getByRole('heading', { name: en.reviewTitle }).waitFor();
}

/** The code of the error screen's line, once it shows. */
async function errorCode(page: Page): Promise<string | null> {
  const alert = page.locator('kyc-capture [part~="error"] [role="alert"]');
  await alert.waitFor();
  return alert.getAttribute('data-code');
}

/** Describes the focused element, inside shadow roots: what a screen reader would name. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return '';
    const label = active.closest('label')?.textContent ?? '';
    const name = active.getAttribute('aria-label') ?? active.textContent ?? '';
    return `${active.localName}${active instanceof HTMLInputElement ? `[${active.type}]` : ''} ${(
      name || label
    )
      .replace(/\s+/g, ' ')
      .trim()}`;
  });
}

/** Presses Tab (Shift+Tab when `back`) until the focused control's description matches `target`. */
/**
 * Space on the focused file input opens the file chooser. On a loaded machine a re-render can take
 * the focus between reaching the input and the key press; then Tab back to it and press again (the
 * keyboard still does it all).
 */
async function openChooserWithSpace(page: Page): Promise<FileChooser> {
  for (let attempt = 0; ; attempt++) {
    const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
    await page.keyboard.press('Space');
    try {
      return await chooser;
    } catch (error) {
      if (attempt > 0) throw error;
      if (!/^input\[file\]/.test(await focused(page))) await tabTo(page, /^input\[file\]/);
    }
  }
}

async function tabTo(page: Page, target: RegExp, back = false, max = 40): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (target.test(now)) return;
    seen.push(now);
  }
  assert.fail(`Tab never reached ${target}; went through: ${seen.join(' | ')}`);
}

/**
 * The focus ring of the focused control (the label of the hidden file input carries its ring), and
 * its contrast with what surrounds it: the first opaque background up the composed tree.
 */
function focusRing(page: Page): Promise<{ control: string; ring: string; contrast: number }> {
  return page.evaluate(() => {
    const rgba = (value: string): number[] | undefined => {
      const match = /rgba?\(([^)]+)\)/.exec(value);
      if (!match) return undefined;
      const [r, g, b, a = 1] = match[1]!
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [r!, g!, b!, a];
    };
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    const up = (node: Element): Element | null =>
      node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return { control: 'nothing', ring: 'none', contrast: 0 };
    const ringOn =
      active instanceof HTMLInputElement && active.type === 'file'
        ? active.closest('label')!
        : active;
    const style = getComputedStyle(ringOn);
    const outline =
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
        ? rgba(style.outlineColor)
        : undefined;
    const shadow = style.boxShadow !== 'none' ? rgba(style.boxShadow) : undefined;
    const ring = outline ?? shadow;
    let background: number[] = [255, 255, 255, 1];
    for (let node = up(ringOn); node; node = up(node)) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour && colour[3]! >= 1) {
        background = colour;
        break;
      }
    }
    const control = `${active.localName} ${(active.getAttribute('aria-label') ?? active.closest('label')?.textContent ?? active.textContent ?? '').replace(/\s+/g, ' ').trim()}`;
    if (!ring || ring[3] === 0) return { control, ring: 'none', contrast: 0 };
    const [l1, l2] = [luminance(ring), luminance(background)].sort((a, b) => b - a);
    return {
      control,
      ring: `${outline ? 'outline' : 'box-shadow'} ${style.outlineWidth} rgb(${ring.slice(0, 3).join(',')}) on rgb(${background.slice(0, 3).join(',')})`,
      contrast: Math.round(((l1! + 0.05) / (l2! + 0.05)) * 100) / 100,
    };
  });
}

/** Every animation running in the page, shadow roots included, that moves for more than 0 ms. */
function runningAnimations(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const element of roots[i]!.querySelectorAll('*')) {
        if (element.shadowRoot) roots.push(element.shadowRoot);
      }
    }
    const animations = new Set(roots.flatMap((root) => root.getAnimations()));
    return [...animations]
      .filter((animation) => {
        const timing = animation.effect?.getComputedTiming();
        return animation.playState === 'running' && Number(timing?.duration ?? 0) > 1;
      })
      .map((animation) =>
        animation instanceof CSSAnimation
          ? `animation ${animation.animationName}`
          : animation instanceof CSSTransition
            ? `transition ${animation.transitionProperty}`
            : 'script animation',
      );
  });
}

/** A session with the shutter offered prominently at once (it pulses where motion is welcome). */
async function prominentShutter(page: Page): Promise<void> {
  await createSession(page);
  await page.evaluate(() => {
    const element = document.querySelector('kyc-capture')!;
    element.options = { ...element.options, manualAfterMs: 0 };
  });
  await startPassport(page);
  await waitForShutter(page);
  await page.locator('kyc-capture [part~="shutter"].prominent').waitFor();
}

describe('accessibility (WCAG 2.2 AA)', () => {
  let browser: Browser;
  let denied: Browser;
  let camera: SwitchableCamera;
  before(async () => {
    camera = await SwitchableCamera.create(demo.videos.document);
    [browser, denied] = await Promise.all([
      launchBrowser({ y4m: camera.path }),
      launchBrowser({ y4m: demo.videos.document, denyCamera: true }),
    ]);
  });
  after(async () => {
    await Promise.all([browser?.close(), denied?.close()]);
    await camera?.dispose();
  });

  it('axe finds no violation on any screen', async () => {
    const page = await newPage(browser);
    // The backend asks for the passport page again once (the retake screen).
    await createSession(page, { feedback: { document_front: ['glare'] } });
    await audit(page, 'intro');
    // The camera is held back a moment: "Starting camera" shows over the (black) preview.
    await page.evaluate(() => {
      const media = navigator.mediaDevices;
      const open = media.getUserMedia.bind(media);
      let release!: () => void;
      const released = new Promise<void>((done) => (release = done));
      Object.assign(window, { releaseCamera: release });
      media.getUserMedia = async (constraints) => {
        await released;
        return open(constraints);
      };
    });
    await startPassport(page);
    await page.locator('kyc-capture kyc-camera-view .status').waitFor();
    await audit(page, 'camera (starting)');
    await page.evaluate(() => (window as unknown as { releaseCamera: () => void }).releaseCamera());
    await waitForShutter(page);
    await waitForVerdict(page);
    await audit(page, 'camera');
    await takePhoto(page);
    await audit(page, 'review');

    // The upload is held until the uploading screen was audited.
    const uploads = '**/api/v1/verification/*/images';
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    await page.route(uploads, async (route: Route) => {
      if (route.request().method() === 'POST') await held;
      await route.fallback();
    });
    await page.getByRole('button', { name: en.usePhoto }).click();
    await page.locator('kyc-capture [part~="uploading"]').waitFor();
    await audit(page, 'uploading');
    release();
    await page.getByRole('heading', { name: en.feedbackTitle }).waitFor();
    await audit(page, 'feedback (retake)');
    await page.unroute(uploads);

    // The next upload fails on the network: a retryable error screen.
    await page.getByRole('button', { name: en.retake }).click();
    await takePhoto(page);
    await page.route(uploads, (route: Route) =>
      route.request().method() === 'POST' ? route.abort('failed') : route.fallback(),
    );
    await page.getByRole('button', { name: en.usePhoto }).click();
    assert.equal(await errorCode(page), 'network-error');
    await audit(page, 'error: network');
    await page.unroute(uploads);
    await page.getByRole('button', { name: en.tryAgain }).click();

    await page.getByRole('heading', { name: en.stepTitles.selfie }).waitFor();
    await camera.show(demo.videos.selfie);
    await takePhoto(page);
    await page.getByRole('button', { name: en.usePhoto }).click();
    await page.getByRole('heading', { name: en.done }).waitFor();
    await audit(page, 'done');
    await page.close();

    // An expired start token and no way to renew it: the final error screen.
    const expired = await newPage(browser);
    await createSession(expired, { start_token_ttl_seconds: 0 }, false);
    await camera.show(demo.videos.document);
    await startPassport(expired);
    await takePhoto(expired);
    await expired.getByRole('button', { name: en.usePhoto }).click();
    assert.equal(await errorCode(expired), 'token-expired');
    await audit(expired, 'error: final (token expired)');
    await expired.close();

    const refused = await newPage(denied);
    await createSession(refused);
    await startPassport(refused);
    assert.equal(await errorCode(refused), 'permission-denied');
    await audit(refused, 'error: camera denied');
    await refused.close();

    console.log(
      [
        '| Screen | axe rules run | Violations |',
        '| --- | --- | --- |',
        ...results.map((r) => `| ${r.screen} | ${r.rules} | ${r.violations.length} |`),
      ].join('\n'),
    );
    assert.deepEqual(
      results.filter((r) => r.violations.length > 0),
      [],
      'axe violations (WCAG 2.0/2.1/2.2 A and AA)',
    );
    // Text over the preview sits on an opaque backdrop, so axe can measure every contrast.
    assert.deepEqual(
      results.filter((r) => r.undecidedContrast > 0).map((r) => [r.screen, r.undecidedContrast]),
      [],
      'text whose contrast axe could not measure',
    );
  });
  it('completes the whole flow with the keyboard alone, the file fallback included, each control with a visible focus ring', async () => {
    const page = await newPage(denied);
    await page.goto(demo.server.url);
    await page.locator('#create-session').focus();
    await page.keyboard.press('Enter');
    await page.locator('kyc-capture [part~="intro"]').waitFor();
    const rings: Awaited<ReturnType<typeof focusRing>>[] = [];
    const reach = async (target: RegExp, back = false) => {
      await tabTo(page, target, back);
      rings.push(await focusRing(page));
    };
    await reach(/^input\[radio\] Passport/);
    await page.keyboard.press('Space');
    await reach(/^input\[checkbox\] /);
    await page.keyboard.press('Space');
    await reach(new RegExp(`^button ${en.start}$`));
    await page.keyboard.press('Enter');
    for (const step of ['document_front', 'selfie']) {
      // The camera is refused: the error screen offers a photo instead.
      assert.equal(await errorCode(page), 'permission-denied', step);
      await reach(new RegExp(`^button ${en.tryAgain}$`));
      await reach(/^input\[file\]/);
      await (await openChooserWithSpace(page)).setFiles(PHOTO);
      await page.getByRole('heading', { name: en.reviewTitle }).waitFor();
      await reach(new RegExp(`^button ${en.retake}$`));
      await reach(new RegExp(`^button ${en.usePhoto}$`), true);
      await page.keyboard.press('Enter');
    }
    await page.getByRole('heading', { name: en.done }).waitFor();
    const weak = rings.filter((ring) => !(ring.contrast >= 3));
    assert.deepEqual(weak, [], 'focus rings under 3:1');
    await page.close();
  });

  it('announces guidance only when it changes, and rings the shutter on the camera screen', async () => {
    const page = await newPage(browser);
    await createSession(page);
    await startPassport(page);
    await waitForShutter(page);
    await waitForVerdict(page);
    const seen = await page.evaluate(
      () =>
        new Promise<{ frames: number; changes: number; redundant: number; text: string[] }>(
          (done) => {
            const view = document
              .querySelector('kyc-capture')!
              .shadowRoot!.querySelector('kyc-camera-view')!;
            const region = view.shadowRoot!.querySelector('[part~="guidance"]')!;
            let last = region.textContent;
            const text = [last?.trim() ?? ''];
            let changes = 0;
            let redundant = 0;
            // Every batch of mutations of the live region must leave it saying something new:
            // a screen reader re-reads a region whose text is set again, even to the same words.
            const observer = new MutationObserver(() => {
              if (region.textContent === last) redundant++;
              else changes++;
              last = region.textContent;
              text.push(last?.trim() ?? '');
            });
            observer.observe(region, { childList: true, characterData: true, subtree: true });
            let frames = 0;
            let verdict = view.verdict;
            const started = performance.now();
            const tick = () => {
              if (view.verdict !== verdict) frames++;
              verdict = view.verdict;
              if (frames >= 20 || performance.now() - started > 8000) {
                observer.disconnect();
                done({ frames, changes, redundant, text });
              } else requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
          },
        ),
    );
    assert.ok(seen.frames >= 10, `only ${seen.frames} frames analysed`);
    assert.equal(
      seen.redundant,
      0,
      `the live region was set again with the same text: ${seen.text.join(' | ')}`,
    );
    assert.ok(
      seen.changes < seen.frames,
      `guidance changed on ${seen.changes} of ${seen.frames} frames`,
    );
    await tabTo(page, new RegExp(`^button ${en.takePhoto}$`));
    const ring = await focusRing(page);
    assert.ok(ring.contrast >= 3, `shutter focus ring: ${JSON.stringify(ring)}`);
    await page.close();
  });

  it('runs no animation under prefers-reduced-motion: reduce', async () => {
    // Where motion is welcome the prominent shutter pulses: the probe finds animations.
    const moving = await newPage(browser);
    await prominentShutter(moving);
    assert.notDeepEqual(await runningAnimations(moving), [], 'the probe sees animations');
    await moving.close();

    const still = await newPage(browser, { reducedMotion: 'reduce' });
    await createSession(still);
    assert.deepEqual(await runningAnimations(still), [], 'intro');
    await still.close();
    const calm = await newPage(browser, { reducedMotion: 'reduce' });
    await prominentShutter(calm);
    assert.deepEqual(await runningAnimations(calm), [], 'camera, shutter offered');
    await takePhoto(calm);
    assert.deepEqual(await runningAnimations(calm), [], 'review');
    await calm.close();
  });
});
