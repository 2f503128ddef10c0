// The languages the elements speak, how a page's language tag picks one, and where each catalog
// comes from. English is in the core (the errors take their `message` from it); every other
// catalog is its own chunk, loaded by a dynamic import only when a page shows that language.
import { en, type Messages } from './en.js';

/** The languages with a catalog, as BCP 47 tags (`lang` takes any tag; see `resolveLanguage`). */
export const LANGUAGES = [
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
] as const;

/** A language with a catalog. */
export type Language = (typeof LANGUAGES)[number];

/**
 * Each catalog but English, as a loader: a separate chunk per language, so a page downloads only
 * the one it shows. To add a language: its file (`<tag>.ts`, `export const xx: Messages`), a line
 * here and its tag in `LANGUAGES`.
 */
const LOADERS: Readonly<Record<Exclude<Language, 'en'>, () => Promise<Messages>>> = {
  es: () => import('./es.js').then((m) => m.es),
  fr: () => import('./fr.js').then((m) => m.fr),
  de: () => import('./de.js').then((m) => m.de),
  'pt-BR': () => import('./pt-BR.js').then((m) => m.ptBR),
  it: () => import('./it.js').then((m) => m.it),
  pl: () => import('./pl.js').then((m) => m.pl),
  tr: () => import('./tr.js').then((m) => m.tr),
  ar: () => import('./ar.js').then((m) => m.ar),
  'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
};

/** The catalogs loaded so far (English from the start): a second element shows them at once. */
const loaded = new Map<Language, Messages>([['en', en]]);

/** The primary language subtag of `tag`, lower case; '' when `tag` is not a well-formed tag. */
function primaryLanguage(tag: string): string {
  try {
    // Canonical form first: `iw` is `he`, `zh-cmn-Hans` is `zh-Hans`, case is normalised.
    const [canonical] = Intl.getCanonicalLocales(tag.trim());
    return canonical ? new Intl.Locale(canonical).language : '';
  } catch {
    return '';
  }
}

/**
 * The catalog for a BCP 47 tag: the one of the same language, whatever the region or script
 * (each language has one catalog: `pt`, `pt-PT` → `pt-BR`; `es-MX` → `es`; `zh`, `zh-Hans`,
 * `zh-SG`, and also `zh-TW`, → `zh-CN`, Simplified Chinese being closer to a Traditional reader
 * than English); English for any other, empty or malformed tag.
 */
export function resolveLanguage(tag: string | null | undefined): Language {
  const language = tag ? primaryLanguage(tag) : '';
  return LANGUAGES.find((supported) => primaryLanguage(supported) === language) ?? 'en';
}

/** A catalog already in memory (English always), so it can be shown without waiting. */
export function loadedCatalog(language: Language): Messages | undefined {
  return loaded.get(language);
}

/** A language's catalog, downloading its chunk the first time. Rejects if the chunk fails to load. */
export async function loadCatalog(language: Language): Promise<Messages> {
  const ready = loaded.get(language);
  if (ready) return ready;
  const catalog = await LOADERS[language as Exclude<Language, 'en'>]();
  loaded.set(language, catalog);
  return catalog;
}

/** Scripts written right to left, for browsers without `Intl.Locale#getTextInfo` / `textInfo`. */
const RTL_LANGUAGES = new Set([
  'ar',
  'arc',
  'ckb',
  'dv',
  'fa',
  'he',
  'ks',
  'ps',
  'sd',
  'ug',
  'ur',
  'yi',
]);

/** `Intl.Locale`'s text direction where the browser has it (a method, formerly a getter). */
interface TextInfoLocale {
  getTextInfo?: () => { direction?: string };
  textInfo?: { direction?: string };
}

/** Whether `tag`'s script is written right to left (Arabic among the catalogs). */
export function isRightToLeft(tag: string): boolean {
  try {
    const locale = new Intl.Locale(tag) as Intl.Locale & TextInfoLocale;
    const direction = (locale.getTextInfo?.() ?? locale.textInfo)?.direction;
    if (direction) return direction === 'rtl';
    return RTL_LANGUAGES.has(locale.language);
  } catch {
    return false;
  }
}
