import { bigint, index, integer, numeric, text, timestamp, unique, varchar, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { batches } from './batches';
import { dataSources } from './data-sources';

/** Money is exact decimal yuan with fen precision, read and written as strings, never floats. */
export const money = () => numeric({ precision: 18, scale: 2 });

/**
 * The ISO 4217 currency of a row's amounts: CNY unless the record says otherwise. Statistics
 * in yuan convert the others by the exchange_rates table or leave them out, counted.
 */
export const currency = () => varchar({ length: 3 }).notNull().default('CNY');

export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/**
 * Provenance carried by every fact row: which data source and batch it came from, the
 * source's own id and version for it, and when the hub stored it (traceability, 可溯可查).
 * Upserts key on (sourceId, sourceRecordId); sourceVersion orders versions so an older
 * one never overwrites a newer one.
 */
export const provenance = () => ({
  sourceId: integer()
    .notNull()
    .references(() => dataSources.id),
  batchId: bigint({ mode: 'number' })
    .notNull()
    .references(() => batches.id),
  sourceRecordId: text().notNull(),
  sourceVersion: timestamp({ withTimezone: true }).notNull(),
  ingestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Re-delivery of the same source record is an update of one row, never a second copy. */
export const provenanceKey = (table: string, t: { sourceId: AnyPgColumn; sourceRecordId: AnyPgColumn }) => unique(`${table}_source_record_uq`).on(t.sourceId, t.sourceRecordId);

/**
 * A fact row is its record's head: besides its provenance it carries the content hash of
 * the version it holds (what the pipeline compares a re-sent record with: unchanged, or a
 * reused version) and the ledger's stamp of the row as stored. The stamp is set by a
 * trigger (migration 0010, hub_stamp_fact_row) whenever the pipeline writes a version; an
 * edit made behind the hub's back keeps the old stamp, so verification sees it. The hash is
 * null only for rows not written by the pipeline (test fixtures, benchmark generators).
 */
export const factProvenance = () => ({
  ...provenance(),
  contentHash: text(),
  storedHash: text(),
});

/**
 * A fact table's keys: one row per source record, and the batch index the analytics sync
 * and the ledger read a batch's rows through.
 */
export const factKeys = (table: string, t: { sourceId: AnyPgColumn; sourceRecordId: AnyPgColumn; batchId: AnyPgColumn }) => [
  provenanceKey(table, t),
  index(`${table}_batch_idx`).on(t.batchId),
];
