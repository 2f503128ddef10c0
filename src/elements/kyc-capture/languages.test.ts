import { expect, fixture, html } from '@open-wc/testing';
import '../../define/index.js';
import type { KycCaptureElement } from './kyc-capture.js';
import type { KycCameraViewElement } from '../kyc-camera-view/kyc-camera-view.js';
import { en } from '../../i18n/en.js';
import { loadCatalog } from '../../i18n/catalogs.js';
import { mount, q, until } from '../../../test/helpers/kyc-element.js';
import { markedMessages, wordsOutsideCatalog } from '../../../test/helpers/marked-messages.js';

// The element's language: chosen from `lang` (its own, else the page's), loaded per language,
// laid out right to left for Arabic, with the host's `messages` still on top.

/** The element's rendered root, which carries the shown language's `lang` and `dir`. */
const shownRoot = (el: KycCaptureElement) => q(el, '[part~="root"]')!;

describe('<kyc-capture> languages', () => {
  const page = document.documentElement;
  let pageLang: string | null;
  beforeEach(() => (pageLang = page.getAttribute('lang')));
  afterEach(() => {
    if (pageLang === null) page.removeAttribute('lang');
    else page.setAttribute('lang', pageLang);
  });

  it('keeps showing the previous language while the next one loads', async () => {
    page.removeAttribute('lang');
    const { el } = await mount();
    expect(el.language).to.equal('en');
    // Italian is not loaded yet in this page: until it is, everything stays English (no keys).
    el.lang = 'it';
    expect(el.language).to.equal('en');
    expect(el.text.introTitle).to.equal(en.introTitle);
    await el.updateComplete;
    expect(el.language).to.equal('it');
    expect(shownRoot(el).lang).to.equal('it');
    expect(q(el, '#intro-title')!.textContent).to.equal((await loadCatalog('it')).introTitle);
  });

  it('follows the page’s lang, the closest one up the DOM, and its own; and their changes', async () => {
    page.setAttribute('lang', 'es-MX');
    const { el } = await mount();
    await el.updateComplete;
    expect(el.language).to.equal('es');
    expect(shownRoot(el).getAttribute('lang')).to.equal('es');
    expect(shownRoot(el).getAttribute('dir')).to.equal('ltr');
    expect(q(el, '#intro-title')!.textContent).to.equal((await loadCatalog('es')).introTitle);

    page.setAttribute('lang', 'ar');
    await until(() => el.language === 'ar', 'follows <html lang>');
    await el.updateComplete;
    expect(shownRoot(el).getAttribute('dir')).to.equal('rtl');

    const parent = el.parentElement!;
    parent.setAttribute('lang', 'zh-Hans');
    await until(() => el.language === 'zh-CN', 'the closest lang up the DOM wins');

    el.setAttribute('lang', 'pt-PT');
    await until(() => el.language === 'pt-BR', 'its own lang wins');
    expect(el.lang, 'the native property reflects the attribute').to.equal('pt-PT');
    parent.setAttribute('lang', 'de');
    await el.updateComplete;
    expect(el.language, 'its own lang still wins').to.equal('pt-BR');

    el.removeAttribute('lang');
    await until(() => el.language === 'de', 'follows the page again');
    parent.removeAttribute('lang');
    await until(() => el.language === 'ar', 'back to <html lang>');
    page.removeAttribute('lang');
    await until(() => el.language === 'en', 'English when nothing says');
    page.setAttribute('lang', 'ja');
    await el.updateComplete;
    expect(el.language, 'English for a language without a catalog').to.equal('en');
  });

  it('lets the host’s messages win over a non-English catalog', async () => {
    const { el } = await mount(undefined, (element) => {
      element.lang = 'fr';
      element.messages = {
        introTitle: 'Vérifions votre identité',
        feedback: { glare: 'Reflets.' },
      };
    });
    await el.updateComplete;
    const fr = await loadCatalog('fr');
    expect(el.language).to.equal('fr');
    expect(q(el, '#intro-title')!.textContent).to.equal('Vérifions votre identité');
    expect(el.text.feedback.glare).to.equal('Reflets.');
    // Everything not overridden is French.
    expect(q(el, 'button[type=submit]')!.textContent!.trim()).to.equal(fr.start);
    expect(el.text.feedback.blurry).to.equal(fr.feedback.blurry);
    // Overrides set first survive a change of language.
    el.lang = 'de';
    await el.updateComplete;
    expect(q(el, '#intro-title')!.textContent).to.equal('Vérifions votre identité');
    expect(el.text.consentLabel).to.equal((await loadCatalog('de')).consentLabel);
  });

  it('lays Arabic out right to left, and shows only the catalog’s text there', async () => {
    const { el } = await mount(undefined, (element) => {
      element.lang = 'ar';
      element.messages = markedMessages;
    });
    await el.updateComplete;
    expect(shownRoot(el).getAttribute('lang')).to.equal('ar');
    expect(shownRoot(el).getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(q(el, '#intro-title')!).direction).to.equal('rtl');
    expect(q(el, '#intro-title')!.matches(':lang(ar)')).to.equal(true);
    expect(wordsOutsideCatalog(el.shadowRoot!)).to.deep.equal([]);
    // The consent checkbox sits at the start of its line: on the right.
    const consent = q(el, 'input[name=consent]')!.getBoundingClientRect();
    const label = q(el, 'input[name=consent]')!.closest('label')!.getBoundingClientRect();
    expect(consent.left).to.be.greaterThan(label.left + label.width / 2);
    expect(consent.right).to.be.closeTo(label.right, 5); // the browser's own margin of a checkbox
  });

  it('mirrors the camera’s controls right to left, not the preview nor the guide', async () => {
    // The same camera view (front camera: the selfie preview is mirrored as a mirror is) left to
    // right and right to left; the camera is not started, the layout is what is compared.
    const view = async (dir: 'ltr' | 'rtl') => {
      const host = await fixture<HTMLDivElement>(html`
        <div dir=${dir} style="inline-size: 480px">
          <kyc-camera-view facing-mode="user" guide="id-card"></kyc-camera-view>
        </div>
      `);
      const camera = host.querySelector<KycCameraViewElement>('kyc-camera-view')!;
      await camera.updateComplete;
      const part = (selector: string) => camera.shadowRoot!.querySelector<HTMLElement>(selector)!;
      // Relative to the view: the two views sit one above the other on the page.
      const origin = camera.getBoundingClientRect();
      const box = (selector: string) => {
        const { left, top, width, height } = part(selector).getBoundingClientRect();
        const x = left - origin.left;
        return { left: x, right: x + width, top: top - origin.top, width, height };
      };
      return {
        direction: getComputedStyle(part('h2')).direction,
        videoTransform: getComputedStyle(part('video')).transform,
        video: box('video'),
        guide: box('[part~="guide"]'),
        shutter: box('[part~="shutter"]'),
        end: box('.bar .end'),
      };
    };
    const ltr = await view('ltr');
    const rtl = await view('rtl');
    expect([ltr.direction, rtl.direction]).to.deep.equal(['ltr', 'rtl']);
    expect(rtl.videoTransform, 'the selfie preview stays a mirror').to.equal(
      'matrix(-1, 0, 0, 1, 0, 0)',
    );
    expect(rtl.videoTransform).to.equal(ltr.videoTransform);
    expect(rtl.video).to.deep.equal(ltr.video);
    expect(rtl.guide, 'the guide keeps its place over the picture').to.deep.equal(ltr.guide);
    expect(rtl.guide.left + rtl.guide.width / 2).to.be.closeTo(
      rtl.video.left + rtl.video.width / 2,
      1,
    );
    // The camera's own controls (switch camera, light) go to the inline end: left in Arabic.
    expect(ltr.end.left).to.be.greaterThan(ltr.shutter.right);
    expect(rtl.end.right).to.be.lessThan(rtl.shutter.left);
  });
});
