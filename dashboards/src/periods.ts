import type { Lang } from './format';

/** A period's first day as 2025年3月, 2025年第1季度 or 2025年 (or ISO-like in English). */
export function periodLabel(day: string, granularity: string, lang: Lang): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  if (granularity === 'YEAR') return lang === 'zh' ? `${y}年` : String(y);
  if (granularity === 'QUARTER') return lang === 'zh' ? `${y}年第${Math.ceil(m / 3)}季度` : `${y} Q${Math.ceil(m / 3)}`;
  return lang === 'zh' ? `${y}年${m}月` : day.slice(0, 7);
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The first days of the periods (MONTH, QUARTER, YEAR) that cover [from, to], in order. */
export function periodStarts(from: string, to: string, granularity: string): string[] {
  const months = granularity === 'YEAR' ? 12 : granularity === 'QUARTER' ? 3 : 1;
  const f = new Date(`${from}T00:00:00Z`);
  const first = new Date(Date.UTC(f.getUTCFullYear(), granularity === 'YEAR' ? 0 : f.getUTCMonth() - (f.getUTCMonth() % months), 1));
  const out: string[] = [];
  for (let d = first; day(d) <= to && out.length < 400; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1))) out.push(day(d));
  return out;
}

const addMonths = (d: string, n: number) => {
  const x = new Date(`${d}T00:00:00Z`);
  const target = new Date(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + n, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(x.getUTCDate(), last));
  return day(target);
};
const addDays = (d: string, n: number) => day(new Date(new Date(`${d}T00:00:00Z`).getTime() + n * 86_400_000));

/**
 * The previous range of the same length and the same range a year earlier, as the
 * statistics API computes them (src/analytics/periods.ts): whole months shift by months, any
 * other range by days. For the queries that have no `compare` of their own (data quality).
 */
export function comparisonRanges(from: string, to: string): { previous: { from: string; to: string }; yearAgo: { from: string; to: string } } {
  const wholeMonths = from.endsWith('-01') && addDays(to, 1).endsWith('-01');
  const yearAgo = { from: addMonths(from, -12), to: addDays(addMonths(addDays(to, 1), -12), -1) };
  if (wholeMonths) {
    const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
    return { previous: { from: addMonths(from, -months), to: addDays(from, -1) }, yearAgo };
  }
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  return { previous: { from: addDays(from, -days), to: addDays(from, -1) }, yearAgo };
}
