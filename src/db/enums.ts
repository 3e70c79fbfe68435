/**
 * One definition, many views: an enumeration is written once as a tuple of the identifiers
 * stored in Postgres; the drizzle column takes the tuple, and `enumObject` gives the
 * `{ value: value }` object that type-graphql registers as the GraphQL enum and that code
 * reads as `BlacklistType.market_ban`. Push validation takes the tuple too (`labelled` in
 * src/ingestion/records/fields.ts, with the Chinese labels platforms send). Tuples live in
 * `*.enums.ts` files that never import type-graphql, since drizzle-kit loads the schema on
 * its own; the `*.type.ts` beside them registers the GraphQL enum.
 */
export function enumObject<const T extends readonly [string, ...string[]]>(values: T): { readonly [K in T[number]]: K } {
  return Object.freeze(Object.fromEntries(values.map((v) => [v, v]))) as { readonly [K in T[number]]: K };
}
