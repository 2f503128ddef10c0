import { expect } from '@open-wc/testing';
import { en, type Messages } from './en.js';
import { es } from './es.js';
import { it as itCatalog } from './it.js';
import { ptBR } from './pt-BR.js';

const catalogs: readonly { tag: string; messages: Messages }[] = [
  { tag: 'es', messages: es },
  { tag: 'pt-BR', messages: ptBR },
  { tag: 'it', messages: itCatalog },
];

/** The tables whose functions take one object of a reason's values; the others take numbers. */
const PARAM_TABLES = new Set(['feedback', 'errors', 'errorSteps']);
/** n = 0, 1, 2, 5, 21: the plural forms (21 is singular-like in some languages). */
const COUNTS = [0, 1, 2, 5, 21];
const STEP_LISTS: readonly (readonly string[])[] = [
  ['selfie'],
  ['document_front'],
  ['document_front', 'selfie'],
  ['document_front', 'document_back', 'selfie'],
  ['document_front', 'retake-marker'],
];
const NAME_LISTS: readonly (readonly string[])[] = [
  [],
  ['name-a'],
  ['name-a', 'name-b'],
  ['name-a', 'name-b', 'name-c'],
];

/** Marker values: where English shows one, the translation must show it too. */
function paramSets(): Record<string, unknown>[] {
  const sets: Record<string, unknown>[] = [];
  for (const n of COUNTS) {
    for (const [i, steps] of STEP_LISTS.entries()) {
      sets.push({
        mb: n,
        status: 503,
        serverCode: n % 2 ? 'server-code-marker' : '',
        apiBase: 'http://api-base-marker.example',
        detail: 'detail-marker',
        protocol: 'protocol-marker',
        operation: 'operation-marker',
        documentType: 'document-type-marker',
        format: 'HEIC',
        step: i % 2 ? 'document_back' : 'step-marker',
        steps,
        names: NAME_LISTS[i % NAME_LISTS.length],
      });
    }
  }
  return sets;
}

const MARKERS = [
  'server-code-marker',
  'api-base-marker',
  'detail-marker',
  'protocol-marker',
  'operation-marker',
  'document-type-marker',
  'step-marker',
  'HEIC',
  '503',
  'name-a',
  'name-b',
  'name-c',
];

/** Any catalog function, called with the test's inputs. */
type AnyFn = (...args: unknown[]) => unknown;

interface Leaf {
  path: string;
  value: unknown;
}

function leaves(table: Readonly<Record<string, unknown>>, prefix = ''): Leaf[] {
  return Object.entries(table).flatMap(([key, value]) => {
    const path = prefix ? `${prefix} › ${key}` : key;
    return typeof value === 'object' && value !== null
      ? leaves(value as Readonly<Record<string, unknown>>, path)
      : [{ path, value }];
  });
}

/** Every key at every depth, with what kind of entry it is. */
function shape(table: Readonly<Record<string, unknown>>, prefix = ''): string[] {
  return Object.entries(table)
    .flatMap(([key, value]) => {
      const path = prefix ? `${prefix} › ${key}` : key;
      if (typeof value === 'object' && value !== null) {
        return [`${path}: table`, ...shape(value as Readonly<Record<string, unknown>>, path)];
      }
      return [`${path}: ${typeof value}`];
    })
    .sort();
}

/** The strings a function entry gives for every representative input, paired with English's. */
function renderings(path: string, fn: AnyFn, enFn: AnyFn): { text: string; en: string }[] {
  const table = path.split(' › ')[0]!;
  const calls: unknown[][] = PARAM_TABLES.has(table)
    ? paramSets().map((params) => [params])
    : COUNTS.flatMap((n) => [
        [n, 21],
        [n, n],
      ]);
  return calls.map((args) => ({
    text: fn(...args) as string,
    en: enFn(...args) as string,
  }));
}

/** English entries a translation may keep word for word (a loanword, a brand-like name). */
const SAME_AS_ENGLISH = new Set(['stepTitles › selfie']);

describe('the es, pt-BR and it catalogs', () => {
  for (const { tag, messages } of catalogs) {
    describe(tag, () => {
      it('has exactly the keys of en, at every depth, each of the same kind', () => {
        expect(shape(messages as unknown as Record<string, unknown>)).to.deep.equal(
          shape(en as unknown as Record<string, unknown>),
        );
      });

      it('words every function for 0, 1, 2, 5 and 21 and for lists of 1, 2 and 3 items', () => {
        const enLeaves = new Map(
          leaves(en as unknown as Record<string, unknown>).map((leaf) => [leaf.path, leaf.value]),
        );
        let functions = 0;
        for (const { path, value } of leaves(messages as unknown as Record<string, unknown>)) {
          if (typeof value !== 'function') continue;
          functions += 1;
          for (const { text, en: english } of renderings(
            path,
            value as AnyFn,
            enLeaves.get(path) as AnyFn,
          )) {
            expect(text, path).to.be.a('string');
            expect(text.trim(), path).not.to.equal('');
            expect(text, path).not.to.match(/undefined|NaN|\[object|\$\{/);
            // A value English shows (a name, a code, a setting) is shown by the translation too.
            for (const marker of MARKERS) {
              if (english.includes(marker)) expect(text, `${path}: ${marker}`).to.include(marker);
            }
          }
        }
        expect(functions).to.equal(
          leaves(en as unknown as Record<string, unknown>).filter(
            (leaf) => typeof leaf.value === 'function',
          ).length,
        );
      });

      it('counts with the language’s plural forms', () => {
        for (const n of COUNTS) {
          const text = messages.attemptsLeft(n);
          if (n > 0) expect(text).to.include(String(n));
          expect(messages.stepOf(n, 21)).to.include('21');
          expect(messages.liveness.movementOf(n, 5)).to.include('5');
        }
        expect(messages.attemptsLeft(1)).not.to.equal(messages.attemptsLeft(2).replace('2', '1'));
        expect(messages.attemptsLeft(0)).not.to.include('0');
      });

      it('joins lists with the language’s conjunction', () => {
        const and = new Intl.ListFormat(tag, { type: 'conjunction' }).format(['x', 'y']);
        const word = and.slice(1, -1);
        const missing = messages.errors['session-v1.unknown-missing-images'];
        expect(missing({ names: ['a', 'b', 'c'] })).to.include(
          new Intl.ListFormat(tag, { type: 'conjunction' }).format(['a', 'b', 'c']),
        );
        const failed = messages.feedback['validation-v2.verification_failed'];
        expect(failed({ steps: ['document_front', 'selfie'] })).to.include(word);
      });

      it('is written in the language: no entry is left in English, no straight quotes', () => {
        const enLeaves = new Map(
          leaves(en as unknown as Record<string, unknown>).map((leaf) => [leaf.path, leaf.value]),
        );
        for (const { path, value } of leaves(messages as unknown as Record<string, unknown>)) {
          if (typeof value !== 'string') continue;
          if (!SAME_AS_ENGLISH.has(path)) expect(value, path).not.to.equal(enLeaves.get(path));
          expect(value, path).not.to.match(/["'`]|\.\.\./);
        }
      });
    });
  }
});
