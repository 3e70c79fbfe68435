import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { parseRecord, RECORD_TYPES } from '../src/ingestion/records';
import { enumerations, withEnumerationTable } from '../src/ingestion/records/enumerations';
import { templates, type JsonObject } from './helpers/push-mutations';

it('docs/push-protocol.md shows a valid example of every record type', async () => {
  const doc = await readFile(new URL('../docs/push-protocol.md', import.meta.url), 'utf8');
  const examples = [...doc.matchAll(/```json\n(.+?)\n```/gs)].map((m) => m[1]!);
  const results = examples.map((line) => parseRecord(line));
  for (const r of results) expect(r.ok ? 'ok' : JSON.stringify(r.errors)).toBe('ok');
  expect(new Set(results.map((r) => r.type))).toEqual(new Set(RECORD_TYPES));
});

it("docs/push-protocol.md's table of enumerations is the one the record schemas give (npm run docs:enums)", async () => {
  const doc = await readFile(new URL('../docs/push-protocol.md', import.meta.url), 'utf8');
  expect(withEnumerationTable(doc)).toBe(doc);
});

it('accepts every code and label the table lists, each as its code, and nothing the table does not list', () => {
  const examples = templates();
  const listed = enumerations();
  expect(listed.map((e) => `${e.recordType}.${e.field}`)).toEqual(
    expect.arrayContaining(['project.procurementMethod', 'bid.depositForm', 'evaluation.members[].role', 'blacklist_entry.listType']),
  );
  for (const { recordType, field, values } of listed) {
    const set = (value: string) => {
      const record = structuredClone(examples.get(recordType)!);
      const [head, tail] = field.split('[].');
      if (tail) ((record[head!] as JsonObject[])[0] as JsonObject)[tail] = value;
      else record[head!] = value;
      return parseRecord(JSON.stringify(record));
    };
    const read = (value: string) => {
      const r = set(value);
      if (!r.ok) return JSON.stringify(r.errors);
      const [head, tail] = field.split('[].');
      const record = r.record as unknown as JsonObject;
      return tail ? ((record[head!] as JsonObject[])[0] as JsonObject)[tail] : record[head!];
    };
    for (const { code, labels } of values) for (const value of [code, ...labels]) expect(read(value), `${recordType}.${field} = ${value}`).toBe(code);
    const refused = set('not-a-listed-value');
    expect(refused.ok ? [] : refused.errors.map((e) => e.code)).toEqual(['UNKNOWN_ENUM']);
  }
});
