import { ENUM_LABELS, type EnumerationMeta } from './fields';
import { RECORD_TYPES, recordJsonSchema, type RecordType } from './index';

/** One enumerated field of a record type: its codes, each with the Chinese labels accepted for it. */
export interface Enumeration {
  recordType: RecordType;
  /** The field's path in the record, `[]` marking a list (evaluation `members[].role`). */
  field: string;
  values: Array<{ code: string; labels: string[] }>;
}

type JsonSchema = Partial<EnumerationMeta> & { properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[] };

function walk(schema: JsonSchema, path: string, found: Array<{ field: string; labels: Record<string, string[]> }>): void {
  const labels = schema[ENUM_LABELS];
  if (labels) found.push({ field: path, labels });
  for (const [name, property] of Object.entries(schema.properties ?? {})) walk(property, path ? `${path}.${name}` : name, found);
  if (schema.items) walk(schema.items, `${path}[]`, found);
  for (const option of schema.anyOf ?? []) walk(option, path, found);
}

/**
 * Every enumeration of the push protocol, read from the JSON Schema of the record schemas
 * (the `labelled` fields carry their codes and labels): the docs' table and the served
 * schemas are two views of the one definition.
 */
export function enumerations(): Enumeration[] {
  return RECORD_TYPES.flatMap((recordType) => {
    const found: Array<{ field: string; labels: Record<string, string[]> }> = [];
    walk(recordJsonSchema(recordType) as JsonSchema, '', found);
    return found.map(({ field, labels }) => ({ recordType, field, values: Object.entries(labels).map(([code, l]) => ({ code, labels: l })) }));
  });
}

/** The table of docs/push-protocol.md between its enumeration markers. */
export function enumerationTable(): string {
  const rows = enumerations().map(
    (e) => `| \`${e.recordType}\` | \`${e.field}\` | ${e.values.map((v) => `\`${v.code}\`${v.labels.length ? ` ${v.labels.join(', ')}` : ''}`).join('; ')} |`,
  );
  return ['| record type | field | codes, each with the Chinese labels accepted for it |', '|---|---|---|', ...rows].join('\n');
}

export const TABLE_BEGIN = '<!-- enumerations:begin (generated from the record schemas by `npm run docs:enums`; a test fails when it drifts) -->';
export const TABLE_END = '<!-- enumerations:end -->';

/** The doc with its table replaced by the current one. */
export function withEnumerationTable(doc: string): string {
  const begin = doc.indexOf(TABLE_BEGIN);
  const end = doc.indexOf(TABLE_END);
  if (begin === -1 || end < begin) throw new Error('docs/push-protocol.md has no enumeration markers');
  return `${doc.slice(0, begin + TABLE_BEGIN.length)}\n${enumerationTable()}\n${doc.slice(end)}`;
}
