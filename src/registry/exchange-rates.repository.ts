import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import * as t from '../db/schema';
import type { ExchangeRate } from './exchange-rates';

/** Loads rates, a later file's rate for a currency and month replacing the earlier one. */
export async function upsertRates(db: Db, rates: ExchangeRate[]): Promise<number> {
  if (rates.length === 0) return 0;
  const rows = await db
    .insert(t.exchangeRates)
    .values(rates)
    .onConflictDoUpdate({
      target: [t.exchangeRates.currency, t.exchangeRates.month],
      set: { yuanPerUnit: sql`excluded.yuan_per_unit`, source: sql`excluded.source`, loadedAt: sql`now()` },
    })
    .returning({ currency: t.exchangeRates.currency });
  return rows.length;
}
