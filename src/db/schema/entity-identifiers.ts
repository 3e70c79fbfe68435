import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { entities } from './entities';

/**
 * Further identifiers a party was named with besides the one its entity is kept by (OCDS
 * `additionalIdentifiers`, or the scheme it was first known by once it showed its USCC):
 * a later record that names the party by any of them finds the same entity.
 */
export const entityIdentifiers = pgTable(
  'entity_identifiers',
  {
    /** `SCHEME:id`, as entities.scheme_key. */
    schemeKey: text().primaryKey(),
    entityId: bigint({ mode: 'number' })
      .notNull()
      .references(() => entities.id),
    createdAt: createdAt(),
  },
  (t) => [index('entity_identifiers_entity_idx').on(t.entityId)],
);
