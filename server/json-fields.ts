// Field readers shared by the server helper's strict JSON parsers (results.ts for seed 003,
// link-kyc-callback.ts for seed 000's callbacks): each reader checks one value at a JSON path and
// fails through the parser's own typed error. Vocabulary values the SDK does not know are kept as
// `{unknown}`, never passed off as known ones. Also the JSON value guards of the server helper
// (the proxies' too): the helper is built on its own (rootDir server/), so it cannot share the
// browser SDK's src/internal/guards.ts.
import type { TagList, Vocab } from './results.ts';

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** Reads one value found at `path`, or fails. */
export type Reader<T> = (value: unknown, path: string) => T;

/** How vocabulary strings are read. */
export interface VocabOptions {
  /** Trim before comparing (some vendors' own examples carry stray spaces); default false. */
  readonly trim?: boolean;
}

/** The readers, bound to one parser's failure. */
export interface FieldReaders {
  readonly object: Reader<JsonObject>;
  readonly text: Reader<string>;
  readonly nonEmpty: Reader<string>;
  /** A string matching `re`; `what` names the format in the failure (`a YYYY-MM-DD date`). */
  pattern(re: RegExp, what: string): Reader<string>;
  /** One value of `allowed`, or `{unknown}`; empty strings fail. */
  vocab<T extends string>(
    allowed: Readonly<Record<string, T>>,
    options?: VocabOptions,
  ): Reader<Vocab<T>>;
  /** An array of values of `allowed`, split into known and unknown, order kept. */
  tags<T extends string>(
    allowed: Readonly<Record<string, T>>,
    options?: VocabOptions,
  ): Reader<TagList<T>>;
}

/** Whether a value is a JSON object (not null, not an array). */
export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a value is a string with at least one character. */
export function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** The field readers, failing through `fail` (which throws the parser's own error). */
export function fieldReaders(fail: (path: string, message: string) => never): FieldReaders {
  const object: Reader<JsonObject> = (value, path) => {
    if (!isRecord(value)) fail(path, 'must be a JSON object.');
    return value;
  };
  const text: Reader<string> = (value, path) => {
    if (typeof value !== 'string') fail(path, 'must be a string.');
    return value;
  };
  const nonEmpty: Reader<string> = (value, path) => {
    const s = text(value, path);
    if (s.length === 0) fail(path, 'must not be empty.');
    return s;
  };
  const word = (trim: boolean): Reader<string> =>
    trim ? (value, path) => nonEmpty(text(value, path).trim(), path) : nonEmpty;
  return {
    object,
    text,
    nonEmpty,
    pattern: (re, what) => (value, path) => {
      const s = text(value, path);
      if (!re.test(s)) fail(path, `must be ${what}.`);
      return s;
    },
    vocab<T extends string>(allowed: Readonly<Record<string, T>>, options: VocabOptions = {}) {
      const values: readonly string[] = Object.values(allowed);
      const read = word(options.trim ?? false);
      return (value: unknown, path: string): Vocab<T> => {
        const s = read(value, path);
        return values.includes(s) ? (s as T) : { unknown: s };
      };
    },
    tags<T extends string>(allowed: Readonly<Record<string, T>>, options: VocabOptions = {}) {
      const values: readonly string[] = Object.values(allowed);
      const read = word(options.trim ?? false);
      return (value: unknown, path: string): TagList<T> => {
        if (!Array.isArray(value)) fail(path, 'must be an array of strings.');
        const known: T[] = [];
        const unknown: string[] = [];
        value.forEach((item, i) => {
          const s = read(item, `${path}[${i}]`);
          if (values.includes(s)) known.push(s as T);
          else unknown.push(s);
        });
        return { known, unknown };
      };
    },
  };
}
