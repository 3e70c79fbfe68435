import { Param, sql } from 'drizzle-orm';
import * as t from '../../db/schema';
import type { PushRecord } from '../records';
import { firstRegistration, forbidden, remitRegionCodes, usccHomeRegion, withinRemit } from './authority';
import type { BatchWriter, Incoming, Written } from './batch-writer';
import { anyOf, type Tx } from './stores';

type EntityRecord = PushRecord<'entity'>;
const codeOf = (i: Incoming) => {
  const r = i.record as EntityRecord;
  return r.uscc ?? r.idNumber!;
};

async function findEntities(tx: Tx, codes: string[]): Promise<Map<string, { id: number; region: string | null }>> {
  if (codes.length === 0) return new Map();
  const rows = await tx
    .select({ id: t.entities.id, uscc: t.entities.uscc, person: t.entities.personIdNumber, region: t.entities.registeredRegionCode })
    .from(t.entities)
    .where(sql`${anyOf(t.entities.uscc, codes)} or ${anyOf(t.entities.personIdNumber, codes)}`);
  return new Map(rows.map((r) => [(r.uscc ?? r.person)!, { id: r.id, region: r.region }]));
}

/**
 * Explicit entity records (docs/push-protocol.md, "Authority: who may change what"). A
 * source sets an entity's master fields (name, registered region, address, legal
 * representative) when the entity is new, or registered within its remit, or registered
 * nowhere yet; it never moves one to a region outside its remit (FORBIDDEN). Any other
 * entity record is kept as the source's observation: its version joins the record's
 * history and its head points at the entity, while the entity's row stays as it is.
 */
export async function writeEntities(w: BatchWriter, rows: Incoming[], versions: Map<string, Incoming[]>): Promise<Map<string, number>> {
  const { tx, remit, registry } = w.context;
  const within = (code: string) => withinRemit(remit, registry.regions, code);
  const existing = await findEntities(tx, [...new Set(rows.map(codeOf))]);
  const masters: Incoming[] = [];
  const observations: Incoming[] = [];
  // A platform names another region's organisation first (a USCC issued outside its remit,
  // or a region it claims outside it): the entity is created, but registered nowhere, so the
  // source whose remit holds it sets its master record when it comes.
  const unregistered = new Set<Incoming>();
  for (const i of rows) {
    const known = existing.get(codeOf(i));
    const record = i.record as EntityRecord;
    const region = record.region ?? null;
    const home = usccHomeRegion(record.uscc, registry.regions);
    if (remit.kind === 'region-wide') masters.push(i);
    else if (!known) {
      if (region !== null && firstRegistration(remit, registry.regions, record) === null) unregistered.add(i);
      else if (home !== null && !within(home)) unregistered.add(i);
      masters.push(i);
    } else if (home !== null && !within(home)) observations.push(i);
    else if (known.region !== null && !within(known.region)) observations.push(i);
    else if (region !== null && !within(region)) w.refuse(i, [forbidden('region', remit, `moving entity ${i.id} to region ${region}`)]);
    else masters.push(i);
  }

  // Bounded in SQL as well, so an entity another process registered meanwhile is not overwritten.
  const allowed = remitRegionCodes(remit, registry.regions);
  const upsert = (sp: Tx, group: Incoming[], byUscc: boolean) =>
    sp
      .insert(t.entities)
      .values(
        group.map((i) => {
          const r = i.record as EntityRecord;
          return {
            kind: r.uscc ? ('organisation' as const) : ('person' as const), uscc: r.uscc ?? null, personIdNumber: r.idNumber ?? null, name: r.name,
            registeredRegionCode: unregistered.has(i) ? null : (r.region ?? null), address: r.address ?? null, legalRepresentative: r.legalRepresentative ?? null, ...w.provenance(i),
          };
        }),
      )
      .onConflictDoUpdate({
        target: byUscc ? t.entities.uscc : t.entities.personIdNumber,
        set: {
          name: sql`excluded.name`,
          registeredRegionCode: sql`coalesce(excluded.registered_region_code, ${t.entities.registeredRegionCode})`,
          address: sql`coalesce(excluded.address, ${t.entities.address})`,
          legalRepresentative: sql`coalesce(excluded.legal_representative, ${t.entities.legalRepresentative})`,
        },
        setWhere: allowed === null ? undefined : sql`${t.entities.registeredRegionCode} is null or ${t.entities.registeredRegionCode} = any(${new Param(allowed)}::text[])`,
      })
      .returning({ id: t.entities.id, uscc: t.entities.uscc, person: t.entities.personIdNumber });

  const written = new Map<string, number>();
  for (const byUscc of [true, false]) {
    const group = masters.filter((i) => ((i.record as EntityRecord).uscc !== undefined) === byUscc);
    const stored = await w.writeInChunks('entity', group, versions, 1000, async (sp, chunk): Promise<Written> => {
      const recordOf = new Map(chunk.map((i) => [codeOf(i), i.id]));
      const out = (await upsert(sp, chunk, byUscc)).map((row) => ({ key: recordOf.get((row.uscc ?? row.person)!)!, id: row.id }));
      // An entity that turned out to lie outside the remit was left alone: the record is an observation.
      const done = new Set(out.map((r) => r.key));
      const late = chunk.filter((i) => !done.has(i.id));
      const found = await findEntities(sp, late.map(codeOf));
      return [...out, ...late.flatMap((i) => (found.has(codeOf(i)) ? [{ key: i.id, id: found.get(codeOf(i))!.id }] : []))];
    });
    for (const [key, id] of stored) written.set(key, id);
  }
  const observed = await w.writeInChunks('entity', observations, versions, 1000, async (_sp, chunk) => chunk.map((i) => ({ key: i.id, id: existing.get(codeOf(i))!.id })));
  for (const [key, id] of observed) written.set(key, id);
  return written;
}
