import { enumObject } from '../db/enums';

/**
 * An organisation (by USCC) or a natural person (by ID number): the entities.kind values,
 * defined once (src/db/enums.ts); the GraphQL enum is registered in entity.type.ts.
 */
export const ENTITY_KINDS = ['organisation', 'person'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export const EntityKind = enumObject(ENTITY_KINDS);

/**
 * What an entity was identified by when the hub first kept it, or since it showed its USCC:
 * a USCC, a person's ID number, an identifier in another scheme, or only its name.
 */
export const IDENTIFIED_BY = ['uscc', 'id_number', 'scheme', 'name'] as const;
export type IdentifiedBy = (typeof IDENTIFIED_BY)[number];
export const IdentifiedBy = enumObject(IDENTIFIED_BY);
