import { enumObject } from '../db/enums';

/**
 * Where a batch stands: the batches.status values, defined once (src/db/enums.ts); the
 * GraphQL enum, with what each status means, is registered in batch.type.ts.
 */
export const BATCH_STATUSES = ['open', 'sealed', 'processing', 'committed', 'failed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export const BatchStatus = enumObject(BATCH_STATUSES);
