import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../src/db/database';
import * as t from '../src/db/schema';

export type EtlRunRow = typeof t.etlRuns.$inferSelect;
/** What started a run: the etl_runs.trigger values. */
export type EtlTrigger = EtlRunRow['trigger'];

export async function startRun(db: Db, job: string, trigger: EtlTrigger, watermarkBefore: string | null): Promise<EtlRunRow> {
  const [row] = await db.insert(t.etlRuns).values({ job, trigger, status: 'running', watermarkBefore }).returning();
  return row!;
}

export async function finishRun(db: Db, id: number, values: Partial<typeof t.etlRuns.$inferInsert>): Promise<EtlRunRow> {
  const [row] = await db
    .update(t.etlRuns)
    .set({ ...values, finishedAt: new Date() })
    .where(eq(t.etlRuns.id, id))
    .returning();
  return row!;
}

/** A run of `job` its schedule started at or after `since` (by any hub process), if there is one. */
export async function scheduledRunSince(db: Db, job: string, since: Date): Promise<EtlRunRow | null> {
  const [row] = await db
    .select()
    .from(t.etlRuns)
    .where(and(eq(t.etlRuns.job, job), eq(t.etlRuns.trigger, 'schedule'), gte(t.etlRuns.startedAt, since)))
    .orderBy(t.etlRuns.startedAt)
    .limit(1);
  return row ?? null;
}

export async function recordSkipped(db: Db, job: string, trigger: EtlTrigger, reason: string): Promise<EtlRunRow> {
  const [row] = await db.insert(t.etlRuns).values({ job, trigger, status: 'skipped', error: reason, finishedAt: new Date() }).returning();
  return row!;
}

export async function readWatermark(db: Db, job: string): Promise<string | null> {
  const [row] = await db.select().from(t.etlWatermarks).where(eq(t.etlWatermarks.job, job));
  return row?.watermark ?? null;
}

export async function writeWatermark(db: Db, job: string, watermark: string): Promise<void> {
  await db
    .insert(t.etlWatermarks)
    .values({ job, watermark })
    .onConflictDoUpdate({ target: t.etlWatermarks.job, set: { watermark, updatedAt: sql`now()` } });
}

export function listRuns(db: Db, job: string | null, limit: number): Promise<EtlRunRow[]> {
  return db
    .select()
    .from(t.etlRuns)
    .where(job ? eq(t.etlRuns.job, job) : undefined)
    .orderBy(desc(t.etlRuns.startedAt), desc(t.etlRuns.id))
    .limit(limit);
}
