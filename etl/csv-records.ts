import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';

/**
 * CSV files of push records, for platforms whose systems export spreadsheets: one record
 * per row, a `type` column, and one column per field, nested fields by dotted name
 * (`initiator.uscc`, `initiator.name`). Empty cells are absent fields; `true`/`false`
 * (or 是/否) are booleans, so the same validation applies as to NDJSON. Records with lists
 * (an evaluation's members) need NDJSON.
 */
function cell(value: string): unknown {
  if (value === 'true' || value === '是') return true;
  if (value === 'false' || value === '否') return false;
  if (/^-?\d+$/.test(value) && value.length < 10) return Number(value);
  return value;
}

export function rowToRecord(row: Record<string, string>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(row)) {
    const value = raw.trim();
    if (value === '') continue;
    const path = column.trim().split('.');
    let at = record;
    for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
    // Codes and ids stay text even when they look like numbers.
    const leaf = path.at(-1)!;
    at[leaf] = ['id', 'project', 'contract', 'region', 'projectCode', 'lotCode', 'dealCode', 'uscc', 'idNumber', 'expertCode'].includes(leaf) ? value : cell(value);
  }
  return record;
}

/** NDJSON lines of a CSV stream, one per row; line N of the batch is CSV data row N. */
export async function* csvToNdjson(input: Readable): AsyncGenerator<string> {
  const parser = input.pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }));
  for await (const row of parser as AsyncIterable<Record<string, string>>) yield `${JSON.stringify(rowToRecord(row))}\n`;
}
