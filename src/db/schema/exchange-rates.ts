import { date, numeric, pgTable, primaryKey, text, varchar } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';

/**
 * Reference data: how many yuan one unit of a currency was worth in a month (the People's
 * Bank of China's central parity, 人民币汇率中间价, as a monthly figure). Statistics in yuan
 * convert amounts in other currencies by the rate of the month the amount counts under;
 * an amount whose month has no rate is left out and counted (docs/statistics.md).
 */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    currency: varchar({ length: 3 }).notNull(),
    /** The first day of the month the rate holds for. */
    month: date().notNull(),
    yuanPerUnit: numeric({ precision: 20, scale: 8 }).notNull(),
    source: text().notNull(),
    loadedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.currency, t.month] })],
);
