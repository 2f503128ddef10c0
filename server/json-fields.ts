// Field readers shared by the server helper's JSON parsers (results.ts for seed 003,
// link-kyc-callback.ts for seed 000's callbacks). The strict readers check what a payload cannot do
// without (the body is an object, its identifiers are there) and fail through the parser's own
// typed error. The lenient readers at the end keep any undocumented value as
// `{ kind: 'unrecognised', raw }` and never fail: that is the one marker of the whole helper.
// Also the JSON value guards of the server helper (the proxies' too): the helper is built on its
// own (rootDir server/), so it cannot share the browser SDK's src/internal/guards.ts.

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** Reads one value found at `path`, or fails. */
export type Reader<T> = (value: unknown, path: string) => T;

/** The readers, bound to one parser's failure. */
export interface FieldReaders {
  readonly object: Reader<JsonObject>;
  readonly text: Reader<string>;
  readonly nonEmpty: Reader<string>;
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
  return { object, text, nonEmpty };
}

// ---------------------------------------------------------------------------------------------
// Lenient readers (results.ts, link-kyc-callback.ts): a value that is not what the vendor documents
// is kept, marked unrecognised, instead of failing the whole payload. A vendor that adds one status
// or sends one odd date must not cost the integrator the rest of a verification result.

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

/** A field: the documented value, an undocumented one kept verbatim, or null (or absent). */
export type ResultField<T> = OrUnrecognised<T> | null;

/** A list in the order received, each item documented or kept verbatim; null when absent. */
export type ResultList<T> = readonly OrUnrecognised<T>[] | null;

/** Absent (undefined) and null read as null; anything else through `read`. */
export function orNull<T>(value: unknown, read: (value: unknown) => T): T | null {
  return value === undefined || value === null ? null : read(value);
}

/** A `YYYY-MM-DD` date that exists on the calendar (`2024-02-30` is not one). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/** How vocabulary strings are compared. */
export interface OneOfOptions {
  /**
   * Trim a string before comparing (a vendor whose own examples carry stray spaces, such as LINK's
   * `" REJECTED"`); default false. An unrecognised value keeps its spaces in `raw`.
   */
  readonly trim?: boolean;
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
  /** A calendar date written `YYYY-MM-DD`. */
  date: ((value) =>
    typeof value === 'string' && isCalendarDate(value)
      ? value
      : unrecognised(value)) as LenientReader<string>,
  /** One value of `allowed`, compared case-sensitively (trimmed first only with `trim`). */
  oneOf<T extends string>(
    allowed: Readonly<Record<string, T>>,
    options: OneOfOptions = {},
  ): LenientReader<T> {
    const values: readonly unknown[] = Object.values(allowed);
    const trim = options.trim ?? false;
    return (value) => {
      const word = trim && typeof value === 'string' ? value.trim() : value;
      return values.includes(word) ? (word as T) : unrecognised(value);
    };
  },
  /** A JSON object read by `read`; any other JSON value is unrecognised as a whole. */
  objectOf<T>(read: (obj: JsonObject) => T): LenientReader<T> {
    return (value) => (isRecord(value) ? read(value) : unrecognised(value));
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
