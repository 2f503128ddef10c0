// Plural and list rules for the catalogs' functions, from the browser's `Intl` (CLDR): a
// translator names the forms their language has, `Intl` picks the one for the number.
//
//   attemptsLeft: (n: number) =>
//     plural('pl', n, { one: 'Została # próba.', few: 'Zostały # próby.', many: 'Zostało # prób.', other: 'Zostało # próby.' }),
//   names: (items: readonly string[]) => `Brakuje: ${list('pl', items)}.`,

/** A sentence per CLDR plural category; `other` is required, `#` stands for the number. */
export type PluralForms = { readonly other: string } & {
  readonly [K in Intl.LDMLPluralRule]?: string;
};

// Formatters are built once per language and kind: building one costs more than using it.
const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

/** `n` written as `lang` writes numbers (digits and separators). */
export function number(lang: string, n: number): string {
  let format = numberFormats.get(lang);
  if (!format) numberFormats.set(lang, (format = new Intl.NumberFormat(lang)));
  return format.format(n);
}

/**
 * The form of `forms` that `lang`'s plural rules choose for `n` (cardinal), with every `#` replaced
 * by the number as `lang` writes it; `other` when the language's category has no form given.
 */
export function plural(lang: string, n: number, forms: PluralForms): string {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  const form = forms[rules.select(n)] ?? forms.other;
  return form.replaceAll('#', number(lang, n));
}

/**
 * `items` joined as `lang` joins a list: "a, b and c" (`conjunction`, the default) or "a, b or c"
 * (`disjunction`). Without `Intl.ListFormat` (browsers before 2021), joined with commas.
 */
export function list(
  lang: string,
  items: readonly string[],
  type: 'conjunction' | 'disjunction' = 'conjunction',
): string {
  if (typeof Intl.ListFormat !== 'function') return items.join(', ');
  const key = `${lang}|${type}`;
  let format = listFormats.get(key);
  if (!format) listFormats.set(key, (format = new Intl.ListFormat(lang, { type })));
  return format.format(items);
}
