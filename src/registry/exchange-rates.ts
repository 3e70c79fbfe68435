import { z } from 'zod';
import { isCurrencyCode } from './currencies';

/**
 * Exchange rates as reference data (docs/statistics.md, "Currencies"): a CSV with a header
 * `currency,month,yuan_per_unit[,source]`, one row per currency and month, e.g.
 * `USD,2025-06,7.1789,PBOC central parity (monthly average)`. The People's Bank of China
 * publishes the central parity (人民币汇率中间价) as yuan per 100 units; the file gives yuan
 * per one unit. A bad row is named by its line and field and left out; the good rows load.
 */

const rateRow = z.strictObject({
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => isCurrencyCode(c) && c !== 'CNY', 'an ISO 4217 currency code other than CNY'),
  month: z
    .string()
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
    .transform((m) => `${m}-01`),
  yuan_per_unit: z
    .string()
    .trim()
    .regex(/^\d{1,8}(\.\d{1,8})?$/, 'yuan per one unit, a positive decimal with at most 8 decimals')
    .refine((v) => Number(v) > 0, 'yuan per one unit, a positive decimal'),
  source: z.string().trim().max(200).optional(),
});

export interface ExchangeRate {
  currency: string;
  /** The first day of the month. */
  month: string;
  yuanPerUnit: string;
  source: string;
}

export interface RateProblem {
  line: number;
  field: string;
  message: string;
}

/** The rates of a parsed CSV (rows as csv-parse gives them with `columns: true`), and the problems of the rows left out. */
export function readRates(rows: Array<Record<string, string>>, defaultSource: string): { rates: ExchangeRate[]; problems: RateProblem[] } {
  const rates: ExchangeRate[] = [];
  const problems: RateProblem[] = [];
  rows.forEach((row, n) => {
    const parsed = rateRow.safeParse(row);
    // Line 1 is the header.
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '');
        if (!seen.has(field)) problems.push({ line: n + 2, field, message: issue.message });
        seen.add(field);
      }
      return;
    }
    const r = parsed.data;
    rates.push({ currency: r.currency, month: r.month, yuanPerUnit: r.yuan_per_unit, source: r.source || defaultSource });
  });
  return { rates, problems };
}
