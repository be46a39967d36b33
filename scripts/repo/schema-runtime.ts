/**
 * The two runtime helpers Ajv's standalone validators call. Ajv ships them as CommonJS modules whose
 * default export is read differently by Node, vitest and esbuild; these ESM equivalents behave the same
 * everywhere (scripts/build/generate.mjs points the generated code here).
 */

/** Length of a string in Unicode code points, as JSON Schema's minLength/maxLength count it. */
export function ucs2length(str: string): number {
  let n = 0;
  for (const _ of str) n++;
  return n;
}

/** Structural equality of JSON values, for uniqueItems. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return a !== a && b !== b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => equal(v, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.prototype.hasOwnProperty.call(b, k) &&
        equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}
