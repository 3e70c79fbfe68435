import { createReadStream } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import type { Db } from '../db/database';
import { readRates, type RateProblem } from './exchange-rates';
import { upsertRates } from './exchange-rates.repository';

export interface RatesLoaded {
  file: string;
  loaded: number;
  problems: RateProblem[];
}

/**
 * Loads an exchange-rates CSV (see exchange-rates.ts for its columns). A malformed file is a
 * problem on line 1, not an exception: the operator is told what to fix.
 */
export async function loadRatesFile(db: Db, file: string): Promise<RatesLoaded> {
  const rows: Array<Record<string, string>> = [];
  try {
    const parser = createReadStream(file).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, trim: true }));
    for await (const row of parser as AsyncIterable<Record<string, string>>) rows.push(row);
  } catch (error) {
    return { file, loaded: 0, problems: [{ line: 1, field: '', message: `not a readable CSV with a header currency,month,yuan_per_unit[,source]: ${(error as Error).message}` }] };
  }
  const { rates, problems } = readRates(rows, path.basename(file));
  return { file, loaded: await upsertRates(db, rates), problems };
}
