// The demo as a QA tool: its side panels' controls stay inside their columns at a phone's, a
// tablet's and a desktop's width, and the debug overlay, the device panel and "download captures"
// work on a live camera step (the fake camera plays the studio card).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import { demoRig, launchBrowser, newPage, waitForShutter, waitForVerdict } from './harness.ts';

const demo = demoRig();

/** The panels beside the element, each a column (or a row of the one column on narrow screens). */
const SIDE_PANELS = ['#backend', '#qa', '#events'] as const;

/** Every visible control of `panel` whose box sticks out of the panel's box, as "tag#id: why". */
function escapees(page: Page, panel: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const panel = document.querySelector(selector)!.getBoundingClientRect();
    // The column is the panel, and the panel is within the page's width (a panel widened by its
    // content would hold its controls yet push them off screen).
    const column = {
      left: Math.max(panel.left, 0),
      right: Math.min(panel.right, document.documentElement.clientWidth),
    };
    const controls = document
      .querySelector(selector)!
      .querySelectorAll('input, select, textarea, button, label, summary, a, dl, ul');
    const out: string[] = [];
    for (const control of controls) {
      const box = control.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      // Half a pixel of rounding either way.
      if (box.left < column.left - 0.5 || box.right > column.right + 0.5) {
        out.push(
          `${control.tagName.toLowerCase()}#${control.id}: ${box.left.toFixed(1)}–${box.right.toFixed(1)} outside ${column.left.toFixed(1)}–${column.right.toFixed(1)}`,
        );
      }
    }
    return out;
  }, panel);
}

describe('the demo as a QA tool', { timeout: 60_000 }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser({ y4m: demo.videos.document });
  });
  after(async () => {
    await browser?.close();
  });

  it('keeps every side-panel control inside its column at 320, 768 and 1280 px', async () => {
    const page = await newPage(browser);
    await page.goto(demo.server.url);
    // The device panel filled in (user agent, device id: long unbroken strings).
    await page.locator('#device-info dd').first().waitFor();
    for (const width of [320, 768, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      for (const panel of SIDE_PANELS) {
        assert.deepEqual(await escapees(page, panel), [], `${panel} at ${width} px`);
      }
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.equal(overflow, 0, `no sideways scrolling at ${width} px`);
    }
    await page.context().close();
  });

  it('draws the debug overlay on a live step only while toggled, fills the device panel and saves the captures', async () => {
    const page = await newPage(browser, { acceptDownloads: true });
    await page.goto(demo.server.url);
    await page.locator('#auto-capture').setChecked(false);
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.getByRole('radio', { name: 'Identity card' }).check();
    await page.getByRole('checkbox', { name: /I agree/ }).check();
    await page.getByRole('button', { name: 'Start' }).click();
    await waitForShutter(page);
    await waitForVerdict(page);

    const layer = page.locator('#debug-layer');
    assert.equal(await layer.isHidden(), true, 'no overlay before the toggle');
    await page.locator('#debug-overlay').check();
    // The studio card is found: its outline, and the numbers, over the preview.
    await layer.locator('polygon').waitFor();
    const hud = await layer.locator('.hud').textContent();
    assert.match(hud ?? '', /ms per frame: \d/);
    assert.match(hud ?? '', /sharpness: \d/);
    assert.match(hud ?? '', /glare: \d/);
    assert.match(
      (await page.locator('#frame-metrics').textContent()) ?? '',
      /exposure \(mean luma\)/,
    );
    // Over the preview: the layer's box is the video's.
    const [video, over] = await Promise.all([
      page.evaluate(() => {
        const view = document
          .querySelector('kyc-capture')!
          .shadowRoot!.querySelector('kyc-camera-view')!;
        const box = view.shadowRoot!.querySelector('video')!.getBoundingClientRect();
        return [box.left, box.top, box.width, box.height].map(Math.round);
      }),
      layer.boundingBox(),
    ]);
    assert.deepEqual(
      [over!.x, over!.y, over!.width, over!.height].map(Math.round),
      video,
      'the overlay covers the preview',
    );

    await page.locator('#debug-overlay').uncheck();
    assert.equal(await layer.isHidden(), true, 'the overlay goes away');
    assert.equal(
      await page.evaluate(() => document.querySelector('kyc-capture')!.frameEvents),
      false,
      'and the element stops sending metrics',
    );

    // The device panel reads the live track.
    await page.getByRole('button', { name: 'Refresh device info' }).click();
    await page.locator('#device-info dt', { hasText: 'width × height' }).waitFor();
    assert.match((await page.locator('#device-info').textContent()) ?? '', /1920×1080/);
    assert.ok((await page.locator('#camera-list li').count()) >= 1);

    // A photo with the shutter: one capture to save, as a file (kept only when asked for).
    await page.locator('#keep-captures').check();
    await page.getByRole('button', { name: 'Take photo' }).click();
    const download = page.getByRole('button', { name: 'Download captures (1)' });
    await download.waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    assert.equal(file.suggestedFilename(), '01-document_front.jpg');
    await page.context().close();
  });
});
