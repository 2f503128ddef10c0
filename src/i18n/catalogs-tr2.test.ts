// The French, German and Polish catalogs against the English one: the same keys at every depth,
// the same kinds (sentence, function, table), functions that word every representative value, the
// values kept, each language's plural and list rules, and its typography.
import { expect } from '@open-wc/testing';
import { de } from './de.js';
import { en, type Messages } from './en.js';
import { fr } from './fr.js';
import { pl } from './pl.js';

const CATALOGS: Readonly<Record<string, Messages>> = { fr, de, pl };

type Entry = { readonly path: string; readonly value: unknown };

/** Every leaf of a catalog with its path (`feedback/validation-v2.verification_failed`). */
function leaves(table: object, prefix = ''): Entry[] {
  return Object.entries(table).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}/${key}` : key;
    return typeof value === 'object' && value !== null
      ? leaves(value as object, path)
      : [{ path, value }];
  });
}

/** Every table of a catalog (the catalog itself included) with its path and its keys. */
function tables(table: object, prefix = ''): { path: string; keys: string[] }[] {
  const own = { path: prefix || '(root)', keys: Object.keys(table).sort() };
  return [
    own,
    ...Object.entries(table).flatMap(([key, value]) =>
      typeof value === 'object' && value !== null
        ? tables(value as object, prefix ? `${prefix}/${key}` : key)
        : [],
    ),
  ];
}

const COUNTS = [0, 1, 2, 5, 22];
const LISTS = [['front'], ['front', 'back'], ['front', 'back', 'portrait']];

/** Representative arguments for every function of the English catalog, by path. */
const SAMPLES: Readonly<Record<string, readonly (readonly unknown[])[]>> = {
  'liveness/movementOf': COUNTS.map((n) => [n, 22]),
  stepOf: COUNTS.map((n) => [n, 22]),
  attemptsLeft: COUNTS.map((n) => [n]),
  'feedback/validation-v2.verification_failed': [
    [{ steps: ['selfie'] }],
    [{ steps: ['document_front'] }],
    [{ steps: ['document_back', 'selfie'] }],
    [{ steps: ['document_front', 'document_back', 'selfie'] }],
  ],
  'errors/http-error': [
    [{ status: 503, serverCode: '' }],
    [{ status: 403, serverCode: 'token_wrong_session' }],
  ],
  'errors/configuration.api-base': [[{ apiBase: 'http://example.test/kyc' }]],
  'errors/bad-response': [[{ detail: 'The reply has no status.' }]],
  'errors/configuration': [[{ detail: 'paths.upload is not a string.' }]],
  'errors/configuration.unknown-protocol': [[{ protocol: 'acme-v9' }]],
  'errors/configuration.idv-sdk-path': [[{ operation: 'uploadDocument' }]],
  'errors/configuration.idv-sdk-document-type': [[{ documentType: 'drivers_license' }]],
  'errors/configuration.document-type-code': [[{ documentType: 'identity_card' }]],
  'errors/unsupported-format': [[{ format: 'HEIC' }]],
  'errors/unsupported-image': [[{ detail: 'it has no JPEG header.' }]],
  'errors/missing-document-type': [[{ step: 'document_back' }]],
  'errors/configuration.image-names': [[{ detail: 'selfie is named twice.' }]],
  'errors/session-v1.unknown-missing-images': [
    [{ names: [] }],
    ...LISTS.map((names) => [{ names }]),
  ],
  'errorSteps/too-large': COUNTS.map((mb) => [{ mb }]),
};

/** The plain values among a call's arguments (a list's items one by one). */
function atoms(args: readonly unknown[]): string[] {
  return args.flatMap((arg) => {
    if (typeof arg === 'string' || typeof arg === 'number') return [String(arg)];
    if (Array.isArray(arg)) return atoms(arg);
    if (typeof arg === 'object' && arg !== null) return atoms(Object.values(arg));
    return [];
  });
}

function call(fn: unknown, args: readonly unknown[]): unknown {
  return (fn as (...values: readonly unknown[]) => unknown)(...args);
}

/** Every sentence a catalog can show: its strings, and its functions' words for every sample. */
function sentences(catalog: Messages): Entry[] {
  return leaves(catalog).flatMap(({ path, value }) =>
    typeof value === 'function'
      ? (SAMPLES[path] ?? []).map((args) => ({ path, value: call(value, args) }))
      : [{ path, value }],
  );
}

/** Entries that read the same in English as in the language (a word both languages share). */
const SAME_AS_ENGLISH: Readonly<Record<string, readonly string[]>> = {
  fr: ['stepTitles/selfie'],
  de: ['stepTitles/selfie'],
  pl: ['stepTitles/selfie'],
};

describe('the French, German and Polish catalogs', () => {
  it('covers every function of the English catalog with samples', () => {
    const functions = leaves(en).filter(({ value }) => typeof value === 'function');
    expect(functions.map(({ path }) => path).sort()).to.deep.equal(Object.keys(SAMPLES).sort());
  });

  for (const [tag, catalog] of Object.entries(CATALOGS)) {
    describe(tag, () => {
      it('has exactly the English keys at every depth', () => {
        expect(tables(catalog)).to.deep.equal(tables(en));
      });

      it('has a sentence where English has one and a function where English has one', () => {
        const kinds = (entries: Entry[]) => entries.map(({ path, value }) => [path, typeof value]);
        expect(kinds(leaves(catalog))).to.deep.equal(kinds(leaves(en)));
      });

      it('words every representative value, keeping the values English shows', () => {
        for (const [path, samples] of Object.entries(SAMPLES)) {
          const fn = leaves(catalog).find((entry) => entry.path === path)?.value;
          const english = leaves(en).find((entry) => entry.path === path)?.value;
          for (const args of samples) {
            const text = call(fn, args);
            const where = `${path}(${JSON.stringify(args)})`;
            expect(text, where).to.be.a('string').and.not.equal('');
            expect((text as string).trim(), where).to.equal(text);
            const englishText = call(english, args) as string;
            // "Il ne vous reste plus aucune tentative" says 0 in words; the steps to retake are
            // codes that choose the sentence ("Your selfie…"), not values shown.
            const shown =
              path === 'feedback/validation-v2.verification_failed'
                ? []
                : atoms(args).filter((atom) => !(path === 'attemptsLeft' && atom === '0'));
            const kept = shown.filter((atom) => englishText.includes(atom));
            for (const atom of kept) expect(text, where).to.include(atom);
          }
        }
      });

      it('has no empty sentence and none left in English', () => {
        const english = new Map(sentences(en).map(({ path, value }) => [path, value]));
        const same: string[] = [];
        for (const { path, value } of sentences(catalog)) {
          expect(value, path).to.be.a('string');
          expect((value as string).trim(), path).to.equal(value);
          expect(value, path).not.to.equal('');
          if (typeof english.get(path) === 'string' && english.get(path) === value) same.push(path);
        }
        // The pass-through `detail` functions word the integrator's own English, on purpose.
        const passThrough = ['errors/bad-response', 'errors/configuration'];
        expect(same.filter((path) => !passThrough.includes(path))).to.deep.equal(
          SAME_AS_ENGLISH[tag],
        );
      });

      it('keeps the technical names of the configuration errors', () => {
        const englishNames = (text: string) =>
          [...text.matchAll(/protocolOptions\.\w+|\b(?:api-base|client-id|localhost)\b/g)].map(
            ([name]) => name,
          );
        const english = new Map(sentences(en).map(({ path, value }) => [path, value as string]));
        for (const { path, value } of sentences(catalog)) {
          const names = englishNames(english.get(path) ?? '');
          for (const name of names) expect(value, path).to.include(name);
        }
      });

      it('names the next attempt with a number from 1 up, and none in words at 0', () => {
        expect(catalog.attemptsLeft(0)).not.to.match(/\d/);
        for (const n of [1, 2, 5, 22]) expect(catalog.attemptsLeft(n)).to.include(String(n));
      });
    });
  }

  it('words the count of attempts with each language’s plural forms', () => {
    expect([1, 2, 5, 22].map((n) => fr.attemptsLeft(n))).to.deep.equal([
      'Il vous reste 1 tentative.',
      'Il vous reste 2 tentatives.',
      'Il vous reste 5 tentatives.',
      'Il vous reste 22 tentatives.',
    ]);
    expect([1, 2, 5, 22].map((n) => de.attemptsLeft(n))).to.deep.equal([
      'Sie haben noch 1 Versuch.',
      'Sie haben noch 2 Versuche.',
      'Sie haben noch 5 Versuche.',
      'Sie haben noch 22 Versuche.',
    ]);
    // Polish: one (1), few (2–4, 22–24, …) and many (5–21, 25–31, …), in the accusative after "masz".
    expect([1, 2, 5, 12, 22, 25].map((n) => pl.attemptsLeft(n))).to.deep.equal([
      'Masz jeszcze 1 próbę.',
      'Masz jeszcze 2 próby.',
      'Masz jeszcze 5 prób.',
      'Masz jeszcze 12 prób.',
      'Masz jeszcze 22 próby.',
      'Masz jeszcze 25 prób.',
    ]);
  });

  it('joins lists with each language’s conjunction', () => {
    const names = (catalog: Messages, list: string[]) =>
      catalog.errors['session-v1.unknown-missing-images']({ names: list });
    expect(names(fr, ['a', 'b', 'c'])).to.include('(a, b et c)');
    expect(names(de, ['a', 'b', 'c'])).to.include('(a, b und c)');
    expect(names(pl, ['a', 'b', 'c'])).to.include('(a, b i c)');
    expect(names(pl, ['a', 'b'])).to.include('(a i b)');
    expect(names(fr, ['a'])).to.include('(a)');
  });

  it('writes sizes with the language’s decimal comma', () => {
    for (const catalog of [fr, de, pl]) {
      expect(catalog.errorSteps['too-large']({ mb: 2.5 })).to.include('2,5\u00a0M');
    }
  });

  it('sets French punctuation with no-break spaces and « » quotes', () => {
    for (const { path, value } of sentences(fr)) {
      const text = value as string;
      expect(text, path).not.to.match(/ [:;?!»]|« /);
      expect(text, path).not.to.match(/[^\u202f][;?!]/);
      // A colon that ends a clause has a no-break space before it; `https:` does not.
      expect(text, path).not.to.match(/[^\u00a0]:(?: |$)/);
      expect(text, path).not.to.match(/["']/);
    }
  });

  it('quotes German with „…“ and Polish with „…”, and uses no straight quotes', () => {
    for (const [catalog, close] of [
      [de, '“'],
      [pl, '”'],
    ] as const) {
      for (const { path, value } of sentences(catalog)) {
        const text = value as string;
        expect(text, path).not.to.match(/["']/);
        expect(text.split('„').length, path).to.equal(text.split(close).length);
      }
    }
  });
});
