import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { KycCaptureElement } from './kyc-capture.js';
import {
  begin,
  mount,
  photoFile,
  pickFile,
  q,
  root,
  until,
  usePhoto,
} from '../../../test/helpers/kyc-element.js';

// Theming as a person sees it: the colours are read back from the browser's computed styles (not
// from the stylesheet's text), and the contrast ratios are WCAG 2.2's, computed from those.

type Rgb = readonly [number, number, number];

/** An opaque computed colour (`rgb(r, g, b)`) as channels; anything translucent fails the test. */
function rgb(value: string): Rgb {
  const channels = /^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/.exec(value);
  expect(channels, `an rgb() colour, got ${value}`).to.not.equal(null);
  expect(Number(channels![4] ?? 1), `an opaque colour, got ${value}`).to.equal(1);
  return [Number(channels![1]), Number(channels![2]), Number(channels![3])];
}

/** WCAG 2.2 relative luminance. */
function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2.2 contrast ratio of two computed colours. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The computed colours of every coloured pair on the element's screens, in its current theme. */
async function palette(el: KycCaptureElement) {
  await el.updateComplete;
  // The intro shows the host's colours and the primary button; the secondary text, a warning
  // and a secondary button are the element's own classes, probed in its own shadow root.
  const probe = document.createElement('div');
  probe.innerHTML = `<p class="progress">Step 1 of 3</p><p class="feedback">Glare</p><button>Retake</button>`;
  root(el).append(probe);
  try {
    const host = getComputedStyle(el);
    const primary = getComputedStyle(q(el, 'button.primary')!);
    const muted = getComputedStyle(probe.querySelector('.progress')!);
    const warning = getComputedStyle(probe.querySelector('.feedback')!);
    const secondaryButton = probe.querySelector('button')!;
    secondaryButton.focus();
    const secondary = getComputedStyle(secondaryButton);
    return {
      text: host.color,
      background: host.backgroundColor,
      colorScheme: host.colorScheme,
      primaryText: primary.color,
      primaryBackground: primary.backgroundColor,
      mutedText: muted.color,
      warningText: warning.color,
      warningBackground: warning.backgroundColor,
      warningEdge: warning.borderInlineStartColor,
      secondaryText: secondary.color,
      secondaryBorder: secondary.borderTopColor,
      focusStyle: secondary.outlineStyle,
      focusRing: secondary.outlineColor,
    };
  } finally {
    probe.remove();
  }
}

/** Asserts 4.5:1 for every text pair and 3:1 for every control edge and the focus ring. */
function expectReadable(colors: Awaited<ReturnType<typeof palette>>, theme: string): void {
  const text: [string, string, string][] = [
    ['text', colors.text, colors.background],
    ['primary button', colors.primaryText, colors.primaryBackground],
    ['secondary text', colors.mutedText, colors.background],
    ['warning text', colors.warningText, colors.warningBackground],
    ['secondary button', colors.secondaryText, colors.background],
  ];
  for (const [name, fore, back] of text)
    expect(contrast(fore, back), `${theme}: ${name} ${fore} on ${back}`).to.be.at.least(4.5);
  const ui: [string, string, string][] = [
    ['primary button', colors.primaryBackground, colors.background],
    ['secondary button border', colors.secondaryBorder, colors.background],
    ['warning edge', colors.warningEdge, colors.warningBackground],
    ['focus ring', colors.focusRing, colors.background],
  ];
  for (const [name, fore, back] of ui)
    expect(contrast(fore, back), `${theme}: ${name} ${fore} on ${back}`).to.be.at.least(3);
  expect(colors.focusStyle, `${theme}: the focus ring shows`).to.equal('solid');
}

describe('<kyc-capture> theming', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('follows prefers-color-scheme, readable (4.5:1 text, 3:1 controls) in both themes', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const { el } = await mount();
    const light = await palette(el);
    expectReadable(light, 'light');
    expect(light.colorScheme).to.equal('light');

    await emulateMedia({ colorScheme: 'dark' });
    const dark = await palette(el);
    expectReadable(dark, 'dark');
    expect(dark.colorScheme, 'native controls follow').to.equal('dark');
    expect(dark.background).to.not.equal(light.background);
    expect(dark.text).to.not.equal(light.text);
    expect(luminance(rgb(dark.background))).to.be.below(luminance(rgb(light.background)));
  });

  it('lets the host force a theme with the theme attribute, or go back to auto', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const { el } = await mount(undefined, (e) => e.setAttribute('theme', 'dark'));
    expect(el.theme).to.equal('dark');
    const forcedDark = await palette(el);
    expectReadable(forcedDark, 'forced dark');

    await emulateMedia({ colorScheme: 'dark' });
    el.theme = 'light';
    await el.updateComplete;
    expect(el.getAttribute('theme'), 'the property reflects').to.equal('light');
    const forcedLight = await palette(el);
    expectReadable(forcedLight, 'forced light');
    expect(forcedLight.background).to.not.equal(forcedDark.background);

    el.theme = 'auto';
    expect((await palette(el)).background, 'auto follows the dark scheme').to.equal(
      forcedDark.background,
    );
  });

  it("keeps the host's own --kyc-* colours in either theme", async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const { el } = await mount(undefined, (e) => {
      e.style.setProperty('--kyc-background', 'rgb(10, 20, 30)');
      e.style.setProperty('--kyc-accent', 'rgb(200, 220, 255)');
    });
    const colors = await palette(el);
    expect(colors.background).to.equal('rgb(10, 20, 30)');
    expect(colors.primaryBackground).to.equal('rgb(200, 220, 255)');
    el.theme = 'light';
    expect((await palette(el)).background).to.equal('rgb(10, 20, 30)');
  });
});

describe('<kyc-capture> slots', () => {
  it('replaces the intro and the consent text, and still requires consent', async () => {
    const { el } = await mount(undefined, (e) => {
      e.innerHTML = `<div slot="intro"><h2 id="host-title">Verify with Acme Bank</h2><p>Two photos.</p></div>
        <span slot="consent" id="host-consent">I accept <a href="#terms">Acme's terms</a></span>`;
    });
    await el.updateComplete;
    const slot = q<HTMLSlotElement>(el, 'slot[name="intro"]')!;
    expect(slot.assignedElements()).to.deep.equal([el.querySelector('[slot="intro"]')]);
    expect(q(el, '#intro-title'), 'the default heading is gone').to.equal(null);
    // The host's content takes the heading's place as the screen's focus target.
    expect(q(el, '[data-autofocus]')!.contains(slot)).to.equal(true);
    expect(q(el, 'form')!.hasAttribute('aria-labelledby')).to.equal(false);

    const consent = q<HTMLInputElement>(el, 'input[name=consent]')!;
    const start = q<HTMLButtonElement>(el, 'button[type=submit]')!;
    const consentSlot = q<HTMLSlotElement>(el, 'slot[name="consent"]')!;
    expect(consentSlot.assignedElements()).to.deep.equal([el.querySelector('#host-consent')]);
    expect(
      consentSlot.closest('label')!.control,
      "the label holds the element's checkbox",
    ).to.equal(consent);
    q<HTMLInputElement>(el, 'input[type=radio][value="passport"]')!.click();
    await el.updateComplete;
    expect(start.disabled, 'no start without consent').to.equal(true);
    // Clicking the host's words ticks the element's own checkbox: the label reaches across.
    el.querySelector<HTMLElement>('#host-consent')!.click();
    await el.updateComplete;
    expect(consent.checked).to.equal(true);
    expect(start.disabled).to.equal(false);
    el.querySelector<HTMLElement>('#host-consent')!.click();
    await el.updateComplete;
    expect(start.disabled, 'unticked again').to.equal(true);
    // A link in the host's words opens (here: a fragment); it does not tick the box.
    el.querySelector<HTMLElement>('#host-consent a')!.click();
    await el.updateComplete;
    expect(location.hash).to.equal('#terms');
    expect(consent.checked, 'the link did not tick the box').to.equal(false);
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('shows the default texts without slotted content, and a slot filled later', async () => {
    const { el } = await mount();
    expect(q(el, '#intro-title')!.textContent).to.equal(el.text.introTitle);
    expect(q(el, 'form')!.getAttribute('aria-labelledby')).to.equal('intro-title');
    expect(q(el, 'label:has(input[name=consent])')!.textContent!.trim()).to.equal(
      el.text.consentLabel,
    );
    const intro = document.createElement('h2');
    intro.slot = 'intro';
    intro.textContent = 'Late intro';
    el.append(intro);
    await until(() => q(el, '#intro-title') === null, 'the host intro replaces the default');
  });

  it('replaces the done screen', async () => {
    const { el } = await mount(undefined, (e) => {
      e.steps = ['document_front'];
      e.adapter = {
        name: 'done-at-once',
        start: () => Promise.resolve({}),
        send: () => Promise.resolve({ accepted: true, feedback: 'ok', complete: true }),
      };
      e.innerHTML = `<div slot="done" id="host-done"><h2>All set</h2></div>`;
    });
    await begin(el, 'passport');
    await until(() => q(el, 'input[type=file]') !== null, 'camera screen');
    await pickFile(el, await photoFile());
    await until(() => el.flow.status === 'review', 'review');
    await usePhoto(el);
    await until(() => el.flow.status === 'done', 'done screen');
    await el.updateComplete;
    const done = q(el, '[part~="done"]')!;
    expect(done.textContent).to.not.contain(el.text.done);
    const slot = done.querySelector<HTMLSlotElement>('slot[name="done"]')!;
    expect(slot.assignedElements()).to.deep.equal([el.querySelector('#host-done')]);
    expect(root(el).activeElement, 'focus moved to the host content').to.equal(
      done.querySelector('[data-autofocus]'),
    );
  });
});
