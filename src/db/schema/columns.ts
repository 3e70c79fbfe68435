import { bigint, integer, numeric, text, timestamp, unique, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { batches } from './batches';
import { dataSources } from './data-sources';

/** Money is exact decimal yuan with fen precision, read and written as strings, never floats. */
export const money = () => numeric({ precision: 18, scale: 2 });

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
