import { entityCode, entityRow, planEntities } from '../steps/entities';
import type { Tx } from '../../db/tx';
import type { Incoming } from '../steps/types';
import { forbidden, remitRegionCodes, usccHomeRegion, withinRemit } from './authority';
import type { BatchWriter, Written } from './batch-writer';
import { writeEntityHeads } from './heads.repository';
import { adoptUsccs, findEntities, upsertEntities } from './parties.repository';

/**
 * Writes explicit entity records as steps/entities.ts plans them: master records set the
 * entity's fields (bounded by the remit in SQL too); observations only become the head of
 * their record (entity_records), pointing at the entity, whose row stays as it is.
 */
export async function writeEntities(w: BatchWriter, rows: Incoming[]): Promise<Map<string, number>> {
  const { tx, remit, registry, sourceId } = w.context;
  // An organisation known so far by its organisation code or its name gains the USCC its record now shows.
  const usccs = rows.flatMap((i) => {
    const r = i.record as { uscc?: string; name: string };
    return r.uscc ? [{ uscc: r.uscc, name: r.name, aliases: [] }] : [];
  });
  await tx.transaction((sp) => adoptUsccs(sp, usccs));
  const existing = await findEntities(tx, [...new Set(rows.map(entityCode))]);
  const plan = planEntities(
    rows,
    existing,
    remit.kind === 'region-wide',
    (code) => withinRemit(remit, registry.regions, code),
    (region, i) => forbidden('region', remit, `moving entity ${i.id} to region ${region}`),
    (i) => usccHomeRegion((i.record as { uscc?: string }).uscc, registry.regions),
  );
  for (const { incoming, error } of plan.refused) w.refuse(incoming, [error]);

  const allowed = remitRegionCodes(remit, registry.regions);
  /** Each written record becomes the head of its versions, in the chunk's savepoint. */
  const headsOf = (sp: Tx, chunk: Incoming[], written: Written) => {
    const entityOf = new Map(written.map((r) => [r.key, r.id]));
    const stored = chunk.filter((i) => entityOf.has(i.id)).map((incoming) => ({ incoming, entityId: entityOf.get(incoming.id)! }));
    return writeEntityHeads(sp, sourceId, w.context.batchId, stored);
  };
  const written = new Map<string, number>();
  for (const byUscc of [true, false]) {
    const group = plan.masters.filter((i) => ((i.record as { uscc?: string }).uscc !== undefined) === byUscc);
    const stored = await w.writeInChunks(group, 1000, async (sp, chunk): Promise<Written> => {
      const recordOf = new Map(chunk.map((i) => [entityCode(i), i.id]));
      const out = (
        await upsertEntities(
          sp,
          chunk.map((i) => entityRow(i, sourceId, plan.unregistered.has(i))),
          byUscc,
          allowed,
        )
      ).map((row) => ({ key: recordOf.get(row.code)!, id: row.id }));
      // An entity that turned out to lie outside the remit was left alone: the record is an observation.
      const done = new Set(out.map((r) => r.key));
      const late = chunk.filter((i) => !done.has(i.id));
      const found = await findEntities(sp, late.map(entityCode));
      const written = [...out, ...late.flatMap((i) => (found.has(entityCode(i)) ? [{ key: i.id, id: found.get(entityCode(i))!.id }] : []))];
      await headsOf(sp, chunk, written);
      return written;
    });
    for (const [key, id] of stored) written.set(key, id);
  }
  const observed = await w.writeInChunks(plan.observations, 1000, async (sp, chunk) => {
    const written = chunk.map((i) => ({ key: i.id, id: existing.get(entityCode(i))!.id }));
    await headsOf(sp, chunk, written);
    return written;
  });
  for (const [key, id] of observed) written.set(key, id);
  return written;
}
