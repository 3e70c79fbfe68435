import { Param, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from './database';

/** A transaction (or a savepoint within one): what repositories write through. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * `column = any($1::text[])`: one array parameter however many values, where `inArray`
 * would bind (and drizzle would build) one parameter per value; chunks are 5,000 ids.
 */
export const anyOf = (column: PgColumn, values: string[]): SQL => sql`${column} = any(${new Param(values)}::text[])`;
