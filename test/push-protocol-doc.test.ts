import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { parseRecord, RECORD_TYPES } from '../src/ingestion/records';

it('docs/push-protocol.md shows a valid example of every record type', async () => {
  const doc = await readFile(new URL('../docs/push-protocol.md', import.meta.url), 'utf8');
  const examples = [...doc.matchAll(/```json\n(.+?)\n```/gs)].map((m) => m[1]!);
  const results = examples.map((line) => parseRecord(line));
  for (const r of results) expect(r.ok ? 'ok' : JSON.stringify(r.errors)).toBe('ok');
  expect(new Set(results.map((r) => r.type))).toEqual(new Set(RECORD_TYPES));
});
