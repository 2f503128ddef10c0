// The Turkish, Arabic and Simplified Chinese catalogs: each has exactly English's entries at every
// depth, its functions word representative values, and what each language needs of its own
// (Arabic's six plural forms and isolated Latin names, Chinese full-width punctuation) holds.
import { expect } from '@open-wc/testing';
import { ar } from './ar.js';
import { en, type Messages } from './en.js';
import { tr } from './tr.js';
import { zhCN } from './zh-CN.js';

const CATALOGS: Readonly<Record<string, Messages>> = { tr, ar, 'zh-CN': zhCN };

/** Every entry of a catalog by its dotted path (table keys may hold dots: the path is for reading). */
function leaves(table: object, path = ''): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [key, value] of Object.entries(table)) {
    const name = path ? `${path} › ${key}` : key;
    if (typeof value === 'object' && value !== null) {
      for (const [inner, leaf] of leaves(value, name)) found.set(inner, leaf);
    } else found.set(name, value);
  }
  return found;
}

/** The tables' key sets at every depth, so a missing or extra table shows up by name. */
function shape(table: object): unknown {
  const keys: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(table).sort(([a], [b]) => a.localeCompare(b))) {
    keys[key] = typeof value === 'object' && value !== null ? shape(value) : typeof value;
  }
  return keys;
}

const COUNTS = [0, 1, 2, 3, 11, 100];
const LISTS = [['document_front'], ['document_front', 'selfie'], ['passport', 'front', 'back']];

/** Positional functions (the counters); every other function takes its reason's values. */
const POSITIONAL = new Set(['liveness › movementOf', 'stepOf', 'attemptsLeft']);

/** Values of every kind a reason carries, for a count `n` and a list. */
function values(n: number, items: readonly string[]): Record<string, unknown> {
  return {
    status: n === 0 ? 503 : n,
    serverCode: n % 2 ? 'token_wrong_session' : '',
    mb: n,
    steps: items,
    names: items,
    apiBase: 'http://example.test/api',
    detail: 'The server sent a reply that is not valid JSON.',
    protocol: 'acme-v9',
    operation: 'upload',
    documentType: 'identity_card',
    format: 'HEIC',
    step: 'document_back',
  };
}

/** Everything a function entry says for the representative counts and lists. */
function renderings(path: string, fn: (...args: never[]) => unknown): unknown[] {
  const call = fn as (...args: unknown[]) => unknown;
  // (n, total): a counter's second value, where it takes one, is never below its first.
  if (POSITIONAL.has(path)) return COUNTS.map((n) => call(n, Math.max(n, 3)));
  return COUNTS.flatMap((n) => [...LISTS, []].map((items) => call(values(n, items))));
}

/** Every sentence of a catalog, functions rendered with the representative values. */
function sentences(catalog: Messages): Array<[string, string]> {
  const all: Array<[string, string]> = [];
  for (const [path, value] of leaves(catalog)) {
    if (typeof value === 'string') all.push([path, value]);
    if (typeof value === 'function') {
      for (const text of renderings(path, value as () => unknown)) all.push([path, String(text)]);
    }
  }
  return all;
}

/** Entries whose words are the same as English's on purpose: a passthrough or a loanword. */
const SAME_AS_ENGLISH: Readonly<Record<string, readonly string[]>> = {
  tr: ['stepTitles › selfie'],
  ar: [],
  'zh-CN': [],
};

describe('the tr, ar and zh-CN catalogs', () => {
  for (const [tag, catalog] of Object.entries(CATALOGS)) {
    describe(tag, () => {
      it('has exactly the English entries at every depth, of the same kinds', () => {
        expect(shape(catalog)).to.deep.equal(shape(en));
      });

      it('words every function entry, for counts 0 to 100 and lists of 0 to 3 items', () => {
        for (const [path, value] of leaves(catalog)) {
          if (typeof value !== 'function') continue;
          for (const text of renderings(path, value as () => unknown)) {
            expect(text, path).to.be.a('string');
            expect((text as string).trim(), path).not.to.equal('');
            expect(text as string, path).not.to.match(/undefined|NaN|\[object/);
          }
        }
      });

      it('translates every sentence (none left in English)', () => {
        const english = leaves(en);
        for (const [path, value] of leaves(catalog)) {
          if (typeof value !== 'string' || SAME_AS_ENGLISH[tag]?.includes(path)) continue;
          expect(value, path).not.to.equal(english.get(path));
        }
      });

      it('keeps every value it is given, as given', () => {
        const entries = leaves(catalog);
        const word = (path: string, params: Record<string, unknown>): string =>
          (entries.get(path) as (p: unknown) => string)(params);
        const given = values(1, ['front', 'back']);
        expect(word('errors › http-error', given)).to.contain('1');
        expect(word('errors › http-error', given)).to.contain('token_wrong_session');
        expect(word('errors › configuration.api-base', given)).to.contain(given.apiBase);
        expect(word('errors › configuration.unknown-protocol', given)).to.contain('acme-v9');
        expect(word('errors › unsupported-format', given)).to.contain('HEIC');
        expect(word('errors › missing-document-type', given)).to.contain('document_back');
        expect(word('errors › bad-response', given)).to.contain(given.detail);
        expect(word('errors › configuration', given)).to.contain(given.detail);
        expect(word('errorSteps › too-large', { mb: 15 })).to.contain('15');
        const names = word('errors › session-v1.unknown-missing-images', given);
        expect(names).to.contain('front').and.to.contain('back');
        expect(catalog.stepOf(2, 4)).to.contain('2').and.to.contain('4');
        expect(catalog.liveness.movementOf(1, 3)).to.contain('1').and.to.contain('3');
        expect(catalog.attemptsLeft(7)).to.contain('7');
      });

      it('joins lists with the language’s own conjunction', () => {
        const missing = catalog.errors['session-v1.unknown-missing-images'];
        const expected = new Intl.ListFormat(tag, { type: 'conjunction' }).format(['a', 'b', 'c']);
        const said = missing({ names: ['a', 'b', 'c'] }).replace(/[\u2068\u2069]/g, '');
        expect(said).to.contain(expected);
      });
    });
  }

  it('words each Arabic plural category of a count in its own form', () => {
    const rules = new Intl.PluralRules('ar');
    expect(COUNTS.map((n) => rules.select(n))).to.deep.equal([
      'zero',
      'one',
      'two',
      'few',
      'many',
      'other',
    ]);
    const forms = COUNTS.map((n) => ar.attemptsLeft(n));
    expect(new Set(forms).size, forms.join(' | ')).to.equal(COUNTS.length);
    // One and two are said in words (واحدة, the dual), not as a digit.
    expect(ar.attemptsLeft(1)).not.to.match(/\d/);
    expect(ar.attemptsLeft(2)).not.to.match(/\d/);
    expect(ar.attemptsLeft(3)).to.contain('3 محاولات');
    expect(ar.attemptsLeft(11)).to.contain('11 محاولةً');
    expect(ar.attemptsLeft(100)).to.contain('100 محاولة ');
  });

  it('words one, two and three Arabic photos to retake apart (singular, dual, plural)', () => {
    const failed = ar.feedback['validation-v2.verification_failed'];
    const forms = LISTS.map((steps) => failed({ steps }));
    expect(new Set(forms).size, forms.join(' | ')).to.equal(3);
    expect(failed({ steps: ['selfie'] })).not.to.equal(failed({ steps: ['document_front'] }));
  });

  it('sets every Latin name or value inside Arabic text in an isolate', () => {
    for (const [path, text] of sentences(ar)) {
      const outside = text.replace(/\u2068[^\u2069]*\u2069/g, '');
      expect(outside, path).not.to.match(/[A-Za-z]/);
    }
  });

  it('uses full-width punctuation next to Chinese characters', () => {
    const han = '\\p{Script=Han}';
    const ascii = '[,.;:?!()]';
    const halfWidth = new RegExp(`${han}${ascii}|${ascii}${han}`, 'u');
    for (const [path, text] of sentences(zhCN)) expect(text, path).not.to.match(halfWidth);
  });
});
