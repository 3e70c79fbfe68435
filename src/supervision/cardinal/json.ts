// Reading a release the way cardinal-rs's serde_json `Value::get` does: a key of an object
// only (never of an array, never inherited), and a type test at every step.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export const get = (v: Json | undefined, key: string): Json | undefined => (isObject(v) && Object.hasOwn(v, key) ? v[key] : undefined);

export const asString = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
export const asArray = (v: Json | undefined): Json[] | undefined => (Array.isArray(v) ? v : undefined);
export const asObject = (v: Json | undefined): JsonObject | undefined => (isObject(v) ? v : undefined);
/** serde_json's `as_f64` with arbitrary precision: a number that fits a finite f64. */
export const asAmount = (v: Json | undefined): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Rust's `str` order (bytes of UTF-8, which is code point order), not JavaScript's UTF-16 order. */
export function compareStrings(a: string, b: string): number {
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(j)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
