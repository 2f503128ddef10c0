// Options compared by what they say, not by which object holds them: an owner that renders fresh
// but equal option objects must not restart what they configure (an auto-capture window, a
// liveness draw).

/**
 * Whether `a` and `b` hold the same values: primitives by `Object.is`, arrays item by item, plain
 * objects key by key; anything else (functions, class instances such as a face detector) by
 * identity. A key set to `undefined` differs from a missing key, as spreading over defaults does.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameValue(item, b[i]))
    );
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]))
  );
}

/** An object literal's kind: `{}` or `Object.create(null)`, not an instance of a class. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
