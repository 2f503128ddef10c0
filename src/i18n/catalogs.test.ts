import { expect } from '@open-wc/testing';
import { en } from './en.js';
import {
  isRightToLeft,
  LANGUAGES,
  loadCatalog,
  loadedCatalog,
  resolveLanguage,
  type Language,
} from './catalogs.js';
import { list, number, plural } from './intl.js';

/**
 * Arguments to call each catalog function with: every value a sentence may carry, several numbers
 * (so each plural form is reached) and lists of one, two and three names. Positional functions
 * (numbers) are named by path; every other function takes one params object.
 */
const POSITIONAL: Readonly<Record<string, readonly (readonly unknown[])[]>> = {
  'liveness.movementOf': [
    [1, 4],
    [2, 4],
    [4, 4],
  ],
  stepOf: [
    [1, 3],
    [2, 2],
    [5, 11],
  ],
  attemptsLeft: [[0], [1], [2], [3], [5], [11], [22], [101]],
};
const PARAMS: readonly Readonly<Record<string, unknown>>[] = [1, 2, 3].map((n) => ({
  steps: ['document_front', 'document_back', 'selfie'].slice(0, n),
  names: ['front', 'back', 'face'].slice(0, n),
  status: 500 + n,
  serverCode: n === 1 ? '' : 'E_INTERNAL',
  apiBase: 'http://example.com',
  protocol: 'my-backend',
  operation: 'upload',
  documentType: 'passport',
  detail: 'the reply had no "status"',
  format: 'HEIC',
  step: 'document_front',
  mb: 10 * n,
}));

/** What differs between a catalog and English: missing and extra keys, kinds, empty sentences. */
function differences(reference: object, catalog: object, path = ''): string[] {
  const found: string[] = [];
  const ours = reference as Readonly<Record<string, unknown>>;
  const theirs = catalog as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(ours)) {
    const name = path ? `${path}.${key}` : key;
    if (!Object.hasOwn(theirs, key)) {
      found.push(`${name}: missing`);
      continue;
    }
    const [a, b] = [ours[key], theirs[key]];
    if (typeof a !== typeof b) found.push(`${name}: ${typeof b} where English has a ${typeof a}`);
    else if (typeof b === 'string') {
      if (!b.trim()) found.push(`${name}: empty`);
    } else if (typeof a === 'function' && typeof b === 'function') {
      const calls = POSITIONAL[name] ?? PARAMS.map((params) => [params]);
      for (const args of calls) {
        const said: unknown = (b as (...args: readonly unknown[]) => unknown)(...args);
        if (typeof said !== 'string' || !said.trim())
          found.push(`${name}(${JSON.stringify(args)}): ${JSON.stringify(said)}`);
        else if (/undefined|NaN|\[object /.test(said))
          found.push(`${name}(${JSON.stringify(args)}): "${said}"`);
      }
    } else if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
      found.push(...differences(a, b, name));
    }
  }
  for (const key of Object.keys(theirs))
    if (!Object.hasOwn(ours, key)) found.push(`${path ? `${path}.${key}` : key}: not in English`);
  return found;
}

describe('language catalogs', () => {
  it('matches a page’s language tag to a catalog (BCP 47), English for anything else', () => {
    const cases: Record<string, Language> = {
      en: 'en',
      'en-GB': 'en',
      es: 'es',
      'es-MX': 'es',
      'es-419': 'es',
      fr: 'fr',
      'fr-CA': 'fr',
      'de-CH-1996': 'de',
      pt: 'pt-BR',
      'pt-PT': 'pt-BR',
      'pt-br': 'pt-BR',
      it: 'it',
      pl: 'pl',
      'tr-TR': 'tr',
      ar: 'ar',
      'AR-eg': 'ar',
      zh: 'zh-CN',
      'zh-Hans': 'zh-CN',
      'zh-SG': 'zh-CN',
      'zh-CN': 'zh-CN',
      'zh-TW': 'zh-CN',
      ' de ': 'de',
      ja: 'en',
      he: 'en',
      '': 'en',
      'not a tag!': 'en',
      '*': 'en',
    };
    const resolved = Object.fromEntries(
      Object.keys(cases).map((tag) => [tag, resolveLanguage(tag)]),
    );
    expect(resolved).to.deep.equal(cases);
    expect(resolveLanguage(undefined)).to.equal('en');
    expect(resolveLanguage(null)).to.equal('en');
    for (const language of LANGUAGES) expect(resolveLanguage(language)).to.equal(language);
  });

  it('knows which languages are written right to left', () => {
    expect(LANGUAGES.filter((language) => isRightToLeft(language))).to.deep.equal(['ar']);
    expect(isRightToLeft('ar-EG')).to.equal(true);
    expect(isRightToLeft('he')).to.equal(true);
    expect(isRightToLeft('not a tag!')).to.equal(false);
  });

  it('loads each catalog on demand, and keeps it for the next element', async () => {
    expect(loadedCatalog('en')).to.equal(en);
    for (const language of LANGUAGES) {
      const catalog = await loadCatalog(language);
      expect(catalog, language).to.be.an('object');
      expect(loadedCatalog(language), language).to.equal(catalog);
    }
  });

  it('has every key of English in every catalog, no other, each of the same kind and wording', async () => {
    for (const language of LANGUAGES) {
      const catalog = await loadCatalog(language);
      expect(differences(en, catalog), language).to.deep.equal([]);
    }
  });

  it('finds a missing, an extra and a mistyped key, deep in a table', () => {
    // The check above must be able to fail: a catalog with one of each fault, at any depth.
    const errors: Record<string, unknown> = { ...en.errors, 'http-error': 'The server failed.' };
    delete errors['camera.in-use'];
    const faulty: Record<string, unknown> = {
      ...en,
      errors,
      feedback: { ...en.feedback, 'made.up': 'Extra' },
      liveness: { ...en.liveness, movementOf: () => '' },
      resume: { ...en.resume, startOver: ' ' },
    };
    delete faulty.introTitle;
    expect(differences(en, faulty)).to.deep.equal([
      'introTitle: missing',
      'liveness.movementOf([1,4]): ""',
      'liveness.movementOf([2,4]): ""',
      'liveness.movementOf([4,4]): ""',
      'feedback.made.up: not in English',
      'errors.camera.in-use: missing',
      'errors.http-error: string where English has a function',
      'resume.startOver: empty',
    ]);
    // English itself: every function, with every representative value, says something.
    expect(differences(en, en)).to.deep.equal([]);
  });

  it('picks plural forms and joins lists by each language’s rules', () => {
    const attempts = (lang: string, n: number) =>
      plural(lang, n, { one: '# próba', few: '# próby', many: '# prób', other: '# próby' });
    expect([1, 2, 5, 22, 1.5].map((n) => attempts('pl', n))).to.deep.equal([
      '1 próba',
      '2 próby',
      '5 prób',
      '22 próby',
      '1,5 próby',
    ]);
    const ar = (n: number) =>
      plural('ar', n, {
        zero: 'zero',
        one: 'one',
        two: 'two',
        few: 'few',
        many: 'many',
        other: 'other',
      });
    expect([0, 1, 2, 3, 11, 100].map(ar)).to.deep.equal([
      'zero',
      'one',
      'two',
      'few',
      'many',
      'other',
    ]);
    expect(plural('en', 1, { other: '# attempts' }), 'other when a form is missing').to.equal(
      '1 attempts',
    );
    expect(number('de', 1234.5)).to.equal('1.234,5');
    expect(list('en', ['front', 'back', 'selfie'])).to.equal('front, back, and selfie');
    expect(list('es', ['anverso', 'reverso'])).to.equal('anverso y reverso');
    expect(list('fr', ['recto', 'verso'], 'disjunction')).to.equal('recto ou verso');
    expect(list('zh-CN', ['正面', '背面', '自拍'])).to.equal('正面、背面和自拍');
  });
});
