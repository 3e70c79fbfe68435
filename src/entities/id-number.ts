import { validateUscc } from './uscc';

/**
 * Resident ID numbers (公民身份号码, GB 11643-1999) of natural persons: experts and
 * individual market entities. They are personal data: stored for matching records across
 * sources, and only ever shown masked.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export function isValidIdNumber(value: string): boolean {
  const v = value.trim().toUpperCase();
  return /^\d{17}[\dX]$/.test(v) && idNumberCheckCharacter(v.slice(0, 17)) === v[17];
}

/** Why an 18-character code is not a valid resident ID number, in words the sender can act on. */
export function idNumberProblem(value: string): string {
  const v = halfWidth(value.trim());
  if (!/^\d{17}[\dX]$/.test(v)) return 'a resident ID number is 17 digits and a digit or X';
  const expected = idNumberCheckCharacter(v.slice(0, 17));
  if (expected !== v[17]) return `resident ID number check character is '${v[17]}', expected '${expected}' (GB 11643)`;
  if (!isBirthDate(v.slice(6, 14), new Date())) return 'resident ID number has no real birth date in characters 7-14';
  return 'not a valid resident ID number';
}

/**
 * Keeps the first four characters (the province and city of registration) and the last
 * four, e.g. 1529**********123X, so a person can recognise their own record and nobody
 * can reconstruct the number. Anything too short to mask safely is hidden entirely.
 */
export function maskIdNumber(value: string | null | undefined): string | null {
  if (value == null) return null;
  const v = value.trim();
  if (v.length < 12) return '*'.repeat(v.length);
  return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}

/**
 * An ID number as the hub recognises one inside any text: 17 digits and a digit or X with
 * the right GB 11643 check character, a first digit that can begin a region code, and a
 * birth date (characters 7-14) that exists and is not in the future. The date cuts chance
 * matches (hashes, long numbers, the rare all-digit USCC that also passes the check) about
 * a thousandfold. Full-width digits count (typed with a Chinese input method).
 */
export function isIdNumber(candidate: string, today = new Date()): boolean {
  const v = halfWidth(candidate);
  return /^[1-9]\d{16}[\dX]$/.test(v) && idNumberCheckCharacter(v) === v[17] && isBirthDate(v.slice(6, 14), today);
}

function isBirthDate(yyyymmdd: string, today: Date): boolean {
  const [y, m, d] = [Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)), Number(yyyymmdd.slice(6, 8))];
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getTime() <= today.getTime();
}

/** Folds full-width digits and X to ASCII and upper-cases the X. */
function halfWidth(value: string): string {
  return value.replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toUpperCase();
}

// An 18-character run not inside a longer run of digits; one pass over the text finds every
// candidate. Written out 17 times rather than as {17}: V8 then searches about ten times
// faster (an 8.7 MB response in about 10 ms). Full-width digits need the wider class, which
// is slower, so it is used only for text that has one.
const ASCII_CANDIDATE = new RegExp(`(?<!\\d)${'\\d'.repeat(17)}[\\dXxＸｘ](?!\\d)`, 'g');
const WIDE_CANDIDATE = new RegExp(`(?<![0-9０-９])${'[0-9０-９]'.repeat(17)}[0-9０-９XxＸｘ](?![0-9０-９])`, 'g');
// The ASCII pattern also ends in a full-width X: ASCII digits typed before a full-width
// check character are as much an ID number as any other.
const candidates = (text: string) => (/[０-９]/.test(text) ? WIDE_CANDIDATE : ASCII_CANDIDATE);

/**
 * Every ID number in `text` masked (1529**********123X), wherever it stands: a field, an
 * error message, a rejected line, a log line. An 18-digit code that passes both the USCC
 * and the ID number checks is masked too: which one it is cannot be told from the text,
 * and showing a person's number is worse than hiding a rare organisation's code.
 */
export function maskIdNumbersIn(text: string): string {
  return text.replace(candidates(text), (m) => (isIdNumber(m) ? maskIdNumber(halfWidth(m))! : m));
}

/**
 * Every ID number in a parsed JSON value masked, in keys and values at any depth, and any
 * "…idNumber" field masked whatever its value (a line is often rejected for a mistyped one).
 * On the parsed value, a number spelled with JSON escapes (\u0031…) is found as well.
 */
export function maskIdNumbersInJson(value: unknown, idNumberField = false): unknown {
  if (typeof value === 'string') return idNumberField ? maskIdNumber(value) : maskIdNumbersIn(value);
  if (Array.isArray(value)) return value.map((v) => maskIdNumbersInJson(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [maskIdNumbersIn(k), maskIdNumbersInJson(v, /idnumber$/i.test(k))]));
  }
  return value;
}

/** The ID numbers in clear in `text` (what maskIdNumbersIn would mask); for leak scanning. */
export function idNumbersIn(text: string): string[] {
  return (text.match(candidates(text)) ?? []).filter((m) => isIdNumber(m));
}

const SHAPED = /(?<!\d)\d{17}[\dXx](?!\d)/g;
const NUL_OR_LONE_SURROGATE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A lookup argument (a code or a name asked for) as the audit log keeps it. Callers mistype
 * and paste full-width digits, so anything shaped like an ID number (17 digits and a digit
 * or X after NFKC folding, spaces ignored, check character right or wrong) is masked unless
 * it is a valid USCC with no birth date in it. NUL and lone surrogates, which Postgres text
 * cannot hold, become U+FFFD; the result is cut to `max` characters after masking.
 */
export function maskLookupArgument(text: string, max = 200): string {
  const folded = text.replace(NUL_OR_LONE_SURROGATE, '\uFFFD').normalize('NFKC');
  const mask = (m: string) => (!validateUscc(m).ok || isBirthDate(m.slice(6, 14), new Date()) ? maskIdNumber(m.toUpperCase())! : m);
  const compact = folded.replace(/[\s-]/g, '');
  const masked = /^\d{17}[\dXx]$/.test(compact) ? mask(compact) : folded.replace(SHAPED, mask);
  return Array.from(masked).slice(0, max).join('');
}
