// Field readers shared by the server helper's JSON parsers (results.ts for seed 003,
// link-kyc-callback.ts for seed 000's callbacks). The strict readers check one value at a JSON path
// and fail through the parser's own typed error; vocabulary values the SDK does not know are kept
// as `{unknown}` (link-kyc-callback.ts), never passed off as known ones. The lenient readers at the
// end (results.ts) keep any undocumented value as `{ kind: 'unrecognised', raw }` and never fail.
// Also the JSON value guards of the server helper (the proxies' too): the helper is built on its
// own (rootDir server/), so it cannot share the browser SDK's src/internal/guards.ts.
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

// ---------------------------------------------------------------------------------------------
// Lenient readers (results.ts): a value that is not what the vendor documents is kept, marked
// unrecognised, instead of failing the whole payload. A vendor that adds one status or sends one
// odd date must not cost the integrator the rest of a verification result.

/** A value that is not what the vendor's document says, kept verbatim instead of failing. */
export interface Unrecognised {
  /** Tells the marker apart from a documented value. */
  readonly kind: 'unrecognised';
  /** The JSON value exactly as received. */
  readonly raw: unknown;
}

/** A documented value of type `T`, or an undocumented one kept verbatim. */
export type OrUnrecognised<T> = T | Unrecognised;

/** Marks `raw` as unrecognised. */
export function unrecognised(raw: unknown): Unrecognised {
  return { kind: 'unrecognised', raw };
}

/** Whether a field holds an unrecognised value (not the documented type). */
export function isUnrecognised(value: unknown): value is Unrecognised {
  return isRecord(value) && value['kind'] === 'unrecognised' && Object.hasOwn(value, 'raw');
}

/** Reads one value: the documented type, or the raw value marked unrecognised. Never throws. */
export type LenientReader<T> = (value: unknown) => OrUnrecognised<T>;

/** A JSON object whose values are each read by one reader. */
export type LenientRecord<T> = Readonly<Record<string, OrUnrecognised<T>>>;

/** The lenient readers. */
export const lenient = {
  /** Any string. */
  text: ((value) =>
    typeof value === 'string' ? value : unrecognised(value)) as LenientReader<string>,
  /** `true` or `false`. */
  boolean: ((value) =>
    typeof value === 'boolean' ? value : unrecognised(value)) as LenientReader<boolean>,
  /** A JSON object (its values unchecked). */
  object: ((value) => (isRecord(value) ? value : unrecognised(value))) as LenientReader<JsonObject>,
  /** A string matching `re`. */
  pattern(re: RegExp): LenientReader<string> {
    return (value) => (typeof value === 'string' && re.test(value) ? value : unrecognised(value));
  },
  /** One value of `allowed`, compared exactly (no trimming, no case folding). */
  oneOf<T extends string>(allowed: Readonly<Record<string, T>>): LenientReader<T> {
    const values: readonly unknown[] = Object.values(allowed);
    return (value) => (values.includes(value) ? (value as T) : unrecognised(value));
  },
  /**
   * An array, each item read by `item`, order kept. A value that is not an array becomes a list of
   * one unrecognised item, so that a check such as `tags.length > 0` errs on the side of caution.
   */
  list<T>(item: LenientReader<T>): (value: unknown) => readonly OrUnrecognised<T>[] {
    return (value) =>
      Array.isArray(value) ? value.map((v: unknown) => item(v)) : [unrecognised(value)];
  },
  /** A JSON object, each value read by `item`; anything else is unrecognised as a whole. */
  record<T>(item: LenientReader<T>): (value: unknown) => LenientRecord<T> | Unrecognised {
    return (value) =>
      isRecord(value)
        ? Object.fromEntries(Object.entries(value).map(([key, v]) => [key, item(v)]))
        : unrecognised(value);
  },
};
