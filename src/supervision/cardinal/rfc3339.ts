// R003 measures a tender period in whole days exactly as cardinal-rs does: chrono's
// `DateTime::parse_from_rfc3339` (what it accepts and refuses) and `TimeDelta::num_days`
// (whole days, truncated toward zero), leap seconds included. A date it refuses is no date.

export interface Instant {
  /** Days since 1970-01-01 of the UTC date. */
  days: number;
  /** Seconds into the UTC day. */
  seconds: number;
  /** Nanoseconds, 1e9 and above in a leap second (chrono's representation). */
  frac: number;
}

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57 ? c - 48 : -1;
};
const two = (s: string, i: number): number => {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
};

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days from 1970-01-01 to a proleptic Gregorian date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The offset in seconds east of UTC, and what follows it; undefined if chrono refuses it. */
function offset(rest: string): [number, string] | undefined {
  const first = rest[0];
  if (first === 'Z' || first === 'z') return [0, rest.slice(1)];
  // chrono also takes U+2212 MINUS SIGN.
  const sign = first === '+' ? 1 : first === '-' || first === '\u2212' ? -1 : 0;
  if (sign === 0) return undefined;
  const s = rest.slice(1);
  const hours = two(s, 0);
  if (s.length < 2 || hours < 0 || s[2] !== ':') return undefined;
  const m = s.slice(3);
  if (m.length < 2 || digit(m, 0) < 0 || digit(m, 0) > 5 || digit(m, 1) < 0) return undefined;
  const seconds = hours * 3600 + (digit(m, 0) * 10 + digit(m, 1)) * 60;
  return seconds >= 86400 ? undefined : [sign * seconds, m.slice(2)];
}

export function parseRfc3339(s: string): Instant | undefined {
  if (s.length < 19) return undefined;
  const year = [0, 1, 2, 3].reduce((acc, i) => (acc < 0 || digit(s, i) < 0 ? -1 : acc * 10 + digit(s, i)), 0);
  const month = two(s, 5);
  const day = two(s, 8);
  if (year < 0 || s[4] !== '-' || month < 0 || s[7] !== '-' || day < 0) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1]!)) return undefined;
  if (s[10] !== 'T' && s[10] !== 't' && s[10] !== ' ') return undefined;
  const hour = two(s, 11);
  const minute = two(s, 14);
  let second = two(s, 17);
  if (hour < 0 || s[13] !== ':' || minute < 0 || s[16] !== ':' || second < 0) return undefined;
  let frac = 0;
  if (second === 60) [second, frac] = [59, 1_000_000_000];
  let rest = s.slice(19);
  if (rest[0] === '.') {
    const digits = /^[0-9]+/.exec(rest.slice(1))?.[0];
    if (!digits) return undefined;
    frac += Number(digits.slice(0, 9).padEnd(9, '0'));
    rest = rest.slice(1 + digits.length);
  }
  if (hour >= 24 || minute >= 60 || second >= 60 || frac >= 2_000_000_000 || (frac >= 1_000_000_000 && second !== 59)) return undefined;
  const tz = offset(rest);
  if (!tz || tz[1] !== '') return undefined;
  const local = hour * 3600 + minute * 60 + second - tz[0];
  const shift = Math.floor(local / 86400);
  return { days: daysFromCivil(year, month, day) + shift, seconds: local - shift * 86400, frac };
}

/** chrono's `(end - start).num_days()`. */
export function wholeDaysBetween(start: Instant, end: Instant): number {
  let secs = end.seconds - start.seconds;
  const frac = end.frac - start.frac;
  if (end.seconds > start.seconds && start.frac >= 1_000_000_000) secs += 1;
  else if (end.seconds < start.seconds && end.frac >= 1_000_000_000) secs -= 1;
  const fromFrac = Math.floor(frac / 1_000_000_000);
  const nanos = frac - fromFrac * 1_000_000_000;
  const total = (end.days - start.days) * 86400 + secs + fromFrac;
  const wholeSeconds = total < 0 && nanos > 0 ? total + 1 : total;
  return Math.trunc(wholeSeconds / 86400);
}
