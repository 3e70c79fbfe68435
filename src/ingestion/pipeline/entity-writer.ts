import { entityCode, entityRow, planEntities } from '../steps/entities';
import type { Incoming } from '../steps/types';
import { forbidden, remitRegionCodes, usccHomeRegion, withinRemit } from './authority';
import type { BatchWriter, Written } from './batch-writer';
import { findEntities, upsertEntities } from './parties.repository';

/**
 * Writes explicit entity records as steps/entities.ts plans them: master records set the
 * entity's fields (bounded by the remit in SQL too); observations join the record's
 * history with the head pointing at the entity, whose row stays as it is.
 */
export async function writeEntities(w: BatchWriter, rows: Incoming[], versions: Map<string, Incoming[]>): Promise<Map<string, number>> {
  const { tx, remit, registry, sourceId } = w.context;
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
  const written = new Map<string, number>();
  for (const byUscc of [true, false]) {
    const group = plan.masters.filter((i) => ((i.record as { uscc?: string }).uscc !== undefined) === byUscc);
    const stored = await w.writeInChunks('entity', group, versions, 1000, async (sp, chunk): Promise<Written> => {
      const recordOf = new Map(chunk.map((i) => [entityCode(i), i.id]));
      const out = (
        await upsertEntities(
          sp,
          chunk.map((i) => entityRow(i, sourceId, plan.unregistered.has(i))),
          byUscc,
          allowed,
        )
      ).map((row) => ({ key: recordOf.get(row.code)!, id: row.id, storedHash: null }));
      // An entity that turned out to lie outside the remit was left alone: the record is an observation.
      const done = new Set(out.map((r) => r.key));
      const late = chunk.filter((i) => !done.has(i.id));
      const found = await findEntities(sp, late.map(entityCode));
      return [...out, ...late.flatMap((i) => (found.has(entityCode(i)) ? [{ key: i.id, id: found.get(entityCode(i))!.id, storedHash: null }] : []))];
    });
    for (const [key, id] of stored) written.set(key, id);
  }
  const observed = await w.writeInChunks('entity', plan.observations, versions, 1000, async (_sp, chunk) =>
    chunk.map((i) => ({ key: i.id, id: existing.get(entityCode(i))!.id, storedHash: null })),
  );
  for (const [key, id] of observed) written.set(key, id);
  return written;
}
