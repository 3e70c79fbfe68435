import { Granularity } from './statistics.measures';

/** Calendar arithmetic on 'YYYY-MM-DD' strings (China Standard Time days, no clock involved). */
const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

export const addDays = (day: string, n: number) => toDay(new Date(toDate(day).getTime() + n * 86_400_000));

export function addMonths(day: string, n: number): string {
  const d = toDate(day);
  const month = d.getUTCMonth() + n;
  const target = new Date(Date.UTC(d.getUTCFullYear(), month, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return toDay(target);
}

export const daysBetween = (from: string, to: string) => Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000);

/** The first day of the period of `granularity` that contains `day`. */
export function periodStart(day: string, granularity: Granularity): string {
  const d = toDate(day);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (granularity) {
    case Granularity.DAY:
      return day;
    case Granularity.MONTH:
      return toDay(new Date(Date.UTC(y, m, 1)));
    case Granularity.QUARTER:
      return toDay(new Date(Date.UTC(y, m - (m % 3), 1)));
    case Granularity.YEAR:
      return toDay(new Date(Date.UTC(y, 0, 1)));
  }
}

function nextPeriodStart(start: string, granularity: Granularity): string {
  switch (granularity) {
    case Granularity.DAY:
      return addDays(start, 1);
    case Granularity.MONTH:
      return addMonths(start, 1);
    case Granularity.QUARTER:
      return addMonths(start, 3);
    case Granularity.YEAR:
      return addMonths(start, 12);
  }
}

/** The periods of `granularity` that cover [from, to], each clipped to the range. */
export function periodsOf(from: string, to: string, granularity: Granularity): Array<{ start: string; end: string }> {
  const out: Array<{ start: string; end: string }> = [];
  for (let start = periodStart(from, granularity); start <= to; start = nextPeriodStart(start, granularity)) {
    const end = addDays(nextPeriodStart(start, granularity), -1);
    out.push({ start: start < from ? from : start, end: end > to ? to : end });
  }
  return out;
}

/** How far back the comparison ranges lie: whole months when the range is whole months, else days. */
export type Shift = { months: number } | { days: number };

export function shiftDay(day: string, shift: Shift, direction: -1 | 1): string {
  return 'months' in shift ? addMonths(day, direction * shift.months) : addDays(day, direction * shift.days);
}

/** The range just before [from, to] of the same length, as the shift that reaches it. */
export function previousShift(from: string, to: string): Shift {
  const wholeMonths = from.endsWith('-01') && addDays(to, 1).endsWith('-01');
  if (wholeMonths) {
    const [fy, fm] = from.split('-').map(Number) as [number, number];
    const [ty, tm] = to.split('-').map(Number) as [number, number];
    return { months: ty * 12 + tm - (fy * 12 + fm) + 1 };
  }
  return { days: daysBetween(from, to) + 1 };
}

export const YEAR_SHIFT: Shift = { months: 12 };
