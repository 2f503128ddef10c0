import { expect } from '@open-wc/testing';
import '../src/define/index.js';
import { bindLookSwitchers, LANGUAGES, lookFromUrl, urlWithLook } from './look.js';

// The demo's switchers without a browser run of the demo: the selects, a URL and an element.

/** Switchers over a fake address bar that starts at `href`. */
function switchers(href: string) {
  const where = { href };
  const replaced: string[] = [];
  const history = {
    replaceState: (_data: unknown, _unused: string, url?: string | URL | null) => {
      where.href = String(url);
      replaced.push(where.href);
    },
  };
  const theme = document.createElement('select');
  const lang = document.createElement('select');
  const element = document.createElement('kyc-capture');
  const root = document.createElement('div');
  const current = bindLookSwitchers({
    theme,
    lang,
    target: () => element,
    root,
    location: where,
    history,
  });
  const choose = (select: HTMLSelectElement, value: string) => {
    select.value = value;
    select.dispatchEvent(new Event('change'));
  };
  return { where, replaced, theme, lang, element, root, current, choose };
}

describe('demo theme and language switchers', () => {
  it('offers auto/light/dark and the ten languages', () => {
    const { theme, lang } = switchers('http://demo.test/');
    expect([...theme.options].map((o) => o.value)).to.deep.equal(['auto', 'light', 'dark']);
    expect([...lang.options].map((o) => o.value)).to.deep.equal([
      'en',
      'es',
      'fr',
      'de',
      'pt-BR',
      'it',
      'pl',
      'tr',
      'ar',
      'zh-CN',
    ]);
    expect(LANGUAGES).to.have.length(10);
  });

  it('starts from the URL query and sets the attributes on the element', async () => {
    const { theme, lang, element, root, current } = switchers(
      'http://demo.test/?theme=dark&lang=pt-BR',
    );
    expect([theme.value, lang.value]).to.deep.equal(['dark', 'pt-BR']);
    expect(element.getAttribute('theme')).to.equal('dark');
    expect(element.getAttribute('lang')).to.equal('pt-BR');
    expect(root.dataset.theme).to.equal('dark');
    expect(current()).to.deep.equal({ theme: 'dark', lang: 'pt-BR' });
    document.body.append(element);
    await element.updateComplete;
    expect(element.theme, 'the element reads the attribute').to.equal('dark');
    element.remove();
  });

  it('writes each change to the URL query (not storage) and to the element', () => {
    const { where, replaced, theme, lang, element, choose } = switchers(
      'http://demo.test/?x=1#top',
    );
    choose(lang, 'ar');
    expect(element.getAttribute('lang')).to.equal('ar');
    expect(new URL(where.href).searchParams.get('lang')).to.equal('ar');
    choose(theme, 'light');
    expect(element.getAttribute('theme')).to.equal('light');
    expect(where.href).to.equal('http://demo.test/?x=1&lang=ar&theme=light#top');
    choose(theme, 'auto');
    choose(lang, 'en');
    expect(where.href, 'defaults leave the query').to.equal('http://demo.test/?x=1#top');
    expect(element.getAttribute('theme')).to.equal('auto');
    expect(replaced).to.have.length(4);
  });

  it('takes values it does not offer as the defaults', () => {
    expect(lookFromUrl(new URL('http://demo.test/?theme=sepia&lang=xx'))).to.deep.equal({
      theme: 'auto',
      lang: 'en',
    });
    expect(
      urlWithLook(new URL('http://demo.test/'), { theme: 'dark', lang: 'zh-CN' }).search,
    ).to.equal('?theme=dark&lang=zh-CN');
  });
});
