import { enumObject } from '../db/enums';

/**
 * An organisation (by USCC) or a natural person (by ID number): the entities.kind values,
 * defined once (src/db/enums.ts); the GraphQL enum is registered in entity.type.ts.
 */
export const ENTITY_KINDS = ['organisation', 'person'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export const EntityKind = enumObject(ENTITY_KINDS);
