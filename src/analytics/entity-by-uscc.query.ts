import { z } from 'zod';
import type { AnalyticsStore } from './store';

export const entityByUsccParams = z.object({ uscc: z.string() });
export const entityByUsccRow = z.object({ id: z.coerce.number(), name: z.string(), region: z.string() });
export type EntityByUsccRow = z.infer<typeof entityByUsccRow>;

/** The analytics store's entity with this code (its id, name and registered region), or null. */
export async function getEntityByUscc(store: AnalyticsStore, params: z.infer<typeof entityByUsccParams>): Promise<EntityByUsccRow | null> {
  const [entity] = await store.select(
    'SELECT entity_id AS id, name, region_code AS region FROM entities FINAL WHERE uscc = {uscc:String} LIMIT 1',
    entityByUsccParams.parse(params),
    entityByUsccRow,
  );
  return entity ?? null;
}
