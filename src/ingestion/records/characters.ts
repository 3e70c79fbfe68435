import type { RecordError } from '../../db/schema';

/**
 * Characters Postgres refuses in text and jsonb: U+0000, and UTF-16 halves without their
 * partner (JSON lets `\ud800` through; Postgres's jsonb and UTF-8 text do not). One such
 * character reaching an insert would fail the statement, and with it the batch.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isStorable = (text: string): boolean => !UNSTORABLE.test(text);

/**
 * The text made safe to store and show: each unstorable character written out as its JSON
 * escape (`\u0000`, `\ud800`), so a rejection can name what was wrong without carrying it.
 */
export function storable(text: string, max = Infinity): string {
  const safe = isStorable(text)
    ? text
    : text.replace(/\u0000|[\ud800-\udfff]/g, (c, at: number) => {
        const code = c.charCodeAt(0);
        const paired =
          code >= 0xd800 && code <= 0xdbff ? /[\udc00-\udfff]/.test(text[at + 1] ?? '') : code >= 0xdc00 && code <= 0xdfff ? /[\ud800-\udbff]/.test(text[at - 1] ?? '') : false;
        return paired ? c : `\\u${code.toString(16).padStart(4, '0')}`;
      });
  return safe.length > max ? `${safe.slice(0, max)}…` : safe;
}

/**
 * Every key and string value of a parsed line, at any depth, that Postgres could not
 * store, with its path (`bidder.name`, `members.0.role`).
 */
export function unstorableFields(json: unknown, path: string[] = [], found: RecordError[] = []): RecordError[] {
  if (found.length >= 20) return found;
  const at = (key: string) => [...path, storable(key, 100)].join('.');
  if (typeof json === 'string') {
    if (!isStorable(json)) found.push({ path: path.join('.'), code: 'INVALID_CHARACTER', message: 'contains U+0000 or an unpaired UTF-16 surrogate, which cannot be stored' });
  } else if (Array.isArray(json)) {
    json.forEach((v, n) => unstorableFields(v, [...path, String(n)], found));
  } else if (json !== null && typeof json === 'object') {
    for (const [key, value] of Object.entries(json)) {
      if (!isStorable(key))
        found.push({ path: at(key), code: 'INVALID_CHARACTER', message: 'the field name contains U+0000 or an unpaired UTF-16 surrogate, which cannot be stored' });
      else unstorableFields(value, [...path, key], found);
    }
  }
  return found;
}
