import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { ENTITY_KINDS } from '../../entities/entity.enums';
import { provenance, provenanceKey } from './columns';
import { regions } from './regions';

/**
 * Market entities (市场主体): one row per USCC for organisations, one per ID number for
 * natural persons, whichever source first told us about it. The ID number is kept only to
 * match records from different sources; it is never returned unmasked.
 */
export const entities = pgTable(
  'entities',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    kind: text({ enum: ENTITY_KINDS }).notNull(),
    uscc: varchar({ length: 18 }).unique(),
    personIdNumber: varchar({ length: 18 }).unique(),
    name: text().notNull(),
    /** The name normalised for search (hub_name_key, migration 0003): kept by Postgres itself. */
    nameKey: text().generatedAlwaysAs(sql`hub_name_key(name)`),
    registeredRegionCode: varchar({ length: 12 }).references(() => regions.code),
    address: text(),
    legalRepresentative: text(),
    ...provenance(),
  },
  (t) => [
    provenanceKey('entities', t),
    index('entities_name_idx').on(t.name),
    index('entities_name_key_trgm_idx').using('gin', sql`${t.nameKey} gin_trgm_ops`),
    // The analytics sync finds entities first named by a batch's records (no head of their own).
    index('entities_batch_idx').on(t.batchId),
    check('entities_identifier_ck', sql`(${t.kind} = 'organisation' and ${t.uscc} is not null) or (${t.kind} = 'person' and ${t.personIdNumber} is not null)`),
  ],
);
