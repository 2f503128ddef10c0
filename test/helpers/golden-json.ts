// Golden JSON fixtures of the server helper's parsers (test/fixtures/seeds/<protocol>/*.json): a
// seed sample, its typed reading, and one-field variants given as a path into the sample and the
// value the parser gives at the same path. Node only (node:test).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { isUnrecognised } from '../../server/json-fields.ts';

/** One changed field of a golden sample: a new value (or none) at `path`, and what it parses to. */
export interface Mutation {
  readonly why: string;
  readonly path: readonly (string | number)[];
  readonly value?: unknown;
  readonly remove?: boolean;
  /** The parsed value at the same path. */
  readonly expected?: unknown;
  /** The JSON path the parser's format error names instead. */
  readonly error?: string;
}

/** Reads a fixture file below test/fixtures/seeds/. */
export function readGolden<T>(relative: string): T {
  const url = new URL(`../fixtures/seeds/${relative}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

/** A deep copy of `json` with the value at `path` replaced (or removed). */
export function changed(
  json: unknown,
  path: readonly (string | number)[],
  change: Mutation | { value: unknown },
): unknown {
  const copy = structuredClone(json) as Record<string, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if ('remove' in change && change.remove) delete parent[last];
  else parent[last] = change.value;
  return copy;
}

/** The value at `path` of `json`. */
export function valueAt(json: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], json);
}

/**
 * One test per mutation: the changed sample still parses, to `expected` with the mutation's value
 * at the same path, and that value is marked unrecognised exactly when the fixture says so.
 */
export function mutationTests(
  parse: (json: unknown) => unknown,
  sample: unknown,
  expected: unknown,
  mutations: readonly Mutation[],
): void {
  for (const mutation of mutations) {
    it(`${mutation.why}: still parses, the rest unchanged`, () => {
      const parsed = parse(changed(sample, mutation.path, mutation));
      assert.deepEqual(parsed, changed(expected, mutation.path, { value: mutation.expected }));
      const marked = isUnrecognised(mutation.expected);
      assert.equal(isUnrecognised(valueAt(parsed, mutation.path)), marked);
    });
  }
}
