import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { ENTITY_KINDS, IDENTIFIED_BY } from '../../entities/entity.enums';
import { provenance, provenanceKey } from './columns';
import { regions } from './regions';

/**
 * Market entities (市场主体): one row per USCC for organisations, one per ID number for
 * natural persons, one per identifier in another scheme (schemeKey, e.g. `GB-COH:01234567`)
 * or per name for parties known by nothing else, whichever source first told us about it.
 * `identifiedBy` says which: an entity first known by another scheme or by name that later
 * shows its USCC keeps its row and gains the USCC (src/entities/party-identity.ts). The ID
 * number is kept only to match records from different sources; it is never returned unmasked.
 */
export const entities = pgTable(
  'entities',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    kind: text({ enum: ENTITY_KINDS }).notNull(),
    uscc: varchar({ length: 18 }).unique(),
    personIdNumber: varchar({ length: 18 }).unique(),
    identifiedBy: text({ enum: IDENTIFIED_BY }).notNull(),
    /** The identifier the entity was first known by when not a USCC or ID number: `SCHEME:id`, or `NAME:` and its name key. */
    schemeKey: text().unique(),
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
    // A party first known by its organisation code becomes one with the USCC that carries it (characters 9-17).
    index('entities_uscc_org_code_idx').on(sql`substring(${t.uscc} from 9 for 9)`),
    check(
      'entities_identifier_ck',
      sql`(${t.kind} = 'person' and ${t.personIdNumber} is not null and ${t.uscc} is null) or (${t.kind} = 'organisation' and ${t.personIdNumber} is null and (${t.uscc} is not null or ${t.schemeKey} is not null))`,
    ),
  ],
);
