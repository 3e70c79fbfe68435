import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import * as t from '../db/schema';
import type { Tx } from '../db/tx';
import { factTableName, TABLE_OF } from '../ingestion/pipeline/rows.repository';
import type { FactType } from '../ingestion/steps/shapes';
import type { RecordType } from '../ingestion/records';

const LEDGER_LOCK = 7_150_001;

/** The hash of an entity row as Postgres renders it as text: any later edit of the row changes it. */
const rowHashSql = (alias: string) => sql.raw(`encode(sha256(convert_to(${alias}::text, 'UTF8')), 'hex')`);

/** Takes the hash of the entity rows the batch's entity records point at, as they stand at its end. */
export async function hashEntityRows(tx: Tx, batchId: number): Promise<void> {
  await tx.execute(sql`
    update ${t.entityRecords} h set stored_hash = ${rowHashSql('x')}
    from ${t.entities} x
    where h.batch_id = ${batchId} and x.id = h.entity_id`);
}

type NewEntry = { batchId: number; batchDigest: string; records: number; previousHash: string; entryHash: string };

/** Appends an entry to the chain, under the ledger's lock (entries form one chain, so appends take turns). */
export async function appendEntry(tx: Tx, entry: (previousHash: string | null) => NewEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LEDGER_LOCK})`);
  const [last] = await tx
    .select({ entryHash: t.ledgerEntries.entryHash })
    .from(t.ledgerEntries)
    .orderBy(sql`${t.ledgerEntries.seq} desc`)
    .limit(1);
  await tx.insert(t.ledgerEntries).values({ ...entry(last?.entryHash ?? null), digestOf: 'staged_lines' });
}

export const ledgerEntries = (db: Db) =>
  db
    .select({ entry: t.ledgerEntries, sourceId: t.batches.sourceId })
    .from(t.ledgerEntries)
    .innerJoin(t.batches, eq(t.batches.id, t.ledgerEntries.batchId))
    .orderBy(asc(t.ledgerEntries.seq));

const factTypes = () => (Object.keys(TABLE_OF) as RecordType[]).filter((type): type is FactType => type !== 'entity');
const tableOf = (type: FactType) => sql.identifier(factTableName(type));

/**
 * Rows of ledgered batches whose stamp no longer matches the row: a fact row edited since
 * the pipeline wrote it (the trigger keeps the old stamp), or an entity row changed since
 * the newest entity record naming it was stored.
 */
export async function changedRows(db: Db, type: RecordType): Promise<Array<{ batch_id: number; record_id: string }>> {
  if (type === 'entity') {
    const rows = await db.execute<{ batch_id: number; record_id: string }>(sql`
      select h.batch_id, h.record_id from (
        select distinct on (entity_id) * from ${t.entityRecords} where stored_hash is not null order by entity_id, batch_id desc
      ) h join ${t.entities} x on x.id = h.entity_id
      where ${rowHashSql('x')} <> h.stored_hash`);
    return rows.rows;
  }
  const rows = await db.execute<{ batch_id: number; record_id: string }>(sql`
    select x.batch_id, x.source_record_id as record_id from ${tableOf(type)} x
    where x.batch_id in (select batch_id from ${t.ledgerEntries}) and x.stored_hash is distinct from hub_row_stamp(x)`);
  return rows.rows;
}

/** How many rows of each record type name each ledgered batch as theirs. */
export async function rowsPerBatch(db: Db): Promise<Map<number, Map<RecordType, number>>> {
  const out = new Map<number, Map<RecordType, number>>();
  const count = async (type: RecordType, table: ReturnType<typeof sql.identifier>) => {
    const rows = await db.execute<{ batch_id: string; n: number }>(
      sql`select batch_id, count(*)::int as n from ${table} where batch_id in (select batch_id from ${t.ledgerEntries}) group by batch_id`,
    );
    for (const r of rows.rows) {
      const batchId = Number(r.batch_id);
      if (!out.has(batchId)) out.set(batchId, new Map());
      out.get(batchId)!.set(type, r.n);
    }
  };
  for (const type of factTypes()) await count(type, tableOf(type));
  await count('entity', sql.identifier('entity_records'));
  return out;
}

/** The batch's lines that were refused, or are still held: a valid line that left no row. */
export async function linesWithoutRow(db: Db, batchId: number): Promise<Set<number>> {
  const rows = await db.execute<{ line_no: number }>(sql`
    select line_no from ${t.rejectedRecords} where batch_id = ${batchId}
    union select line_no from ${t.heldRecords} where batch_id = ${batchId} and released_at is null`);
  return new Set(rows.rows.map((r) => r.line_no));
}
