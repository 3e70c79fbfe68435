import { z } from 'zod';
import type { RecordError } from '../../db/schema';
import { unstorableFields } from './characters';
import { blacklistEntryRecord, conductRecordRecord, creditRecordRecord, entityRecord, penaltyRecord, spotCheckRecord } from './credit-records';
import {
  awardRecord,
  bidOpeningRecord,
  bidRecord,
  complaintRecord,
  contractPerformanceRecord,
  contractRecord,
  evaluationRecord,
  expertRecord,
  lotRecord,
  noticeRecord,
  projectRecord,
  suspensionRecord,
  witnessRecord,
} from './trading-records';

/**
 * The push protocol's record types, in the order a batch stores them: whatever a record
 * refers to comes before it, so parent and child in one batch link at once.
 */
export const RECORD_SCHEMAS = {
  entity: entityRecord,
  expert: expertRecord,
  project: projectRecord,
  lot: lotRecord,
  notice: noticeRecord,
  bid: bidRecord,
  bid_opening: bidOpeningRecord,
  evaluation: evaluationRecord,
  award: awardRecord,
  contract: contractRecord,
  contract_performance: contractPerformanceRecord,
  complaint: complaintRecord,
  witness_record: witnessRecord,
  suspension: suspensionRecord,
  credit_record: creditRecordRecord,
  penalty: penaltyRecord,
  blacklist_entry: blacklistEntryRecord,
  spot_check: spotCheckRecord,
  conduct_record: conductRecordRecord,
} as const;

export type RecordType = keyof typeof RECORD_SCHEMAS;
export const RECORD_TYPES = Object.keys(RECORD_SCHEMAS) as RecordType[];
export type PushRecord<T extends RecordType = RecordType> = z.output<(typeof RECORD_SCHEMAS)[T]>;

export type ParseResult =
  { ok: true; type: RecordType; id: string; version: Date; record: PushRecord } | { ok: false; type: string | null; id: string | null; errors: RecordError[] };

export const isRecordType = (type: string): type is RecordType => Object.hasOwn(RECORD_SCHEMAS, type);

export const MAX_LINE_BYTES = 1024 * 1024;

const lookup = (json: unknown, path: PropertyKey[]): unknown =>
  path.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined), json);

function zodErrors(error: z.ZodError, json: unknown): RecordError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    let code = (issue as { params?: { code?: string } }).params?.code;
    if (!code) {
      if (issue.code === 'unrecognized_keys') {
        return {
          path: [path, ...issue.keys].filter(Boolean).join('.'),
          code: 'UNKNOWN_FIELD',
          message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`,
        };
      }
      if (lookup(json, issue.path) === undefined) code = 'REQUIRED';
      else if (issue.code === 'invalid_type') code = 'INVALID_TYPE';
      else code = 'INVALID_VALUE';
    }
    const message = code === 'REQUIRED' && !(issue as { params?: unknown }).params ? 'required field is missing' : issue.message;
    return { path, code, message };
  });
}

/** Parses and validates one NDJSON line, naming the record and every field at fault. */
export function parseRecord(line: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { ok: false, type: null, id: null, errors: [{ path: '', code: 'INVALID_JSON', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, type: null, id: null, errors: [{ path: '', code: 'INVALID_JSON', message: 'each line must be one JSON object' }] };
  }
  const head = json as { type?: unknown; id?: unknown };
  const type = typeof head.type === 'string' ? head.type : null;
  const id = typeof head.id === 'string' ? head.id : null;
  const unstorable = unstorableFields(json);
  if (unstorable.length > 0) return { ok: false, type, id, errors: unstorable };
  // Own properties only: `constructor` or `__proto__` must not find Object.prototype's.
  if (type === null || !isRecordType(type)) {
    return {
      ok: false,
      type,
      id,
      errors: [{ path: 'type', code: type === null ? 'REQUIRED' : 'UNKNOWN_TYPE', message: `type must be one of ${RECORD_TYPES.join(', ')}` }],
    };
  }
  const parsed = RECORD_SCHEMAS[type].safeParse(json);
  if (!parsed.success) return { ok: false, type, id, errors: zodErrors(parsed.error, json) };
  const record = parsed.data as PushRecord;
  return { ok: true, type, id: record.id, version: new Date(record.version), record };
}

/** The JSON Schema of a record type, for platforms to validate against before sending. */
export function recordJsonSchema(type: RecordType): Record<string, unknown> {
  return {
    $id: `/schemas/v1/${type}.json`,
    title: `Push record: ${type}`,
    ...z.toJSONSchema(RECORD_SCHEMAS[type], { io: 'input', unrepresentable: 'any' }),
  };
}
