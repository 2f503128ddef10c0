// The demo's theme and language switchers. The choice lives in the URL query (`?theme=dark&lang=fr`),
// not in storage, so that a link reproduces what a tester saw; it is applied to <kyc-capture> as
// the `theme` and `lang` attributes an integrator would set, and the page follows the theme.
import { LANGUAGES as SDK_LANGUAGES, type ColorTheme, type Language } from '../src/index.js';

/** The themes the switcher offers, in its order. */
export const THEMES: readonly ColorTheme[] = ['auto', 'light', 'dark'];

/** Each language's name in that language (typed by the SDK's list, so none can be missing). */
const NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
  de: 'Deutsch',
  'pt-BR': 'Português (Brasil)',
  it: 'Italiano',
  pl: 'Polski',
  tr: 'Türkçe',
  ar: 'العربية',
  'zh-CN': '简体中文',
};

/** The languages the switcher offers: the SDK's catalogs, in its order, each with its name. */
export const LANGUAGES: readonly { readonly tag: Language; readonly name: string }[] =
  SDK_LANGUAGES.map((tag) => ({ tag, name: NAMES[tag] }));

/** What the switchers chose. */
export interface Look {
  readonly theme: ColorTheme;
  readonly lang: string;
}

/** The look a URL asks for; a value the switchers do not offer counts as the default. */
export function lookFromUrl(url: URL): Look {
  const theme = THEMES.find((value) => value === url.searchParams.get('theme')) ?? 'auto';
  const lang = LANGUAGES.find(({ tag }) => tag === url.searchParams.get('lang'))?.tag ?? 'en';
  return { theme, lang };
}

/** `url` with the look in its query (defaults left out, so a plain link stays plain). */
export function urlWithLook(url: URL, look: Look): URL {
  const next = new URL(url);
  if (look.theme === 'auto') next.searchParams.delete('theme');
  else next.searchParams.set('theme', look.theme);
  if (look.lang === 'en') next.searchParams.delete('lang');
  else next.searchParams.set('lang', look.lang);
  return next;
}

/** Sets the element's `theme` and `lang` attributes as an integrator's markup would. */
export function applyLook(element: Element, look: Look): void {
  element.setAttribute('theme', look.theme);
  element.setAttribute('lang', look.lang);
}

/**
 * Fills the two selects, shows the URL's look, and on each change writes it back to the URL
 * (replacing the history entry) and applies it to `target()` (the element, when one is mounted)
 * and to the page (`data-theme` on `root`, which demo.css reads). Returns the current look, for
 * elements mounted later.
 */
export function bindLookSwitchers(options: {
  readonly theme: HTMLSelectElement;
  readonly lang: HTMLSelectElement;
  readonly target: () => Element | null;
  readonly root?: HTMLElement;
  readonly location?: Pick<Location, 'href'>;
  readonly history?: Pick<History, 'replaceState'>;
}): () => Look {
  const { theme, lang, target, root = document.documentElement } = options;
  const where = options.location ?? location;
  const history = options.history ?? globalThis.history;
  theme.replaceChildren(...THEMES.map((value) => new Option(value, value)));
  lang.replaceChildren(...LANGUAGES.map(({ tag, name }) => new Option(`${name} (${tag})`, tag)));
  const current = lookFromUrl(new URL(where.href));
  theme.value = current.theme;
  lang.value = current.lang;
  const chosen = (): Look => ({ theme: theme.value as ColorTheme, lang: lang.value });
  const show = (look: Look) => {
    root.dataset.theme = look.theme;
    const element = target();
    if (element) applyLook(element, look);
  };
  const changed = () => {
    const look = chosen();
    history.replaceState(null, '', urlWithLook(new URL(where.href), look).href);
    show(look);
  };
  theme.addEventListener('change', changed);
  lang.addEventListener('change', changed);
  show(current);
  return chosen;
}
