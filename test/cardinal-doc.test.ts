import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { renderResults, runIndicators, settingsFromIni } from '../src/supervision/cardinal';

// docs/cardinal.md, "Example": its file and settings give the output the doc shows, to the byte.

it("gives the output docs/cardinal.md shows for its example's file and settings", async () => {
  const doc = await readFile(new URL('../docs/cardinal.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Example'));
  const block = (lang: string) => new RegExp(`\`\`\`${lang}\\n(.+?)\\n\`\`\``, 's').exec(section)![1]!;
  const [command, output] = block('console').split('\n');
  expect(command).toBe('$ npm run -s hub -- warnings cardinal example.jsonl --settings example.ini');
  const warnings: string[] = [];
  const result = await runIndicators(Readable.from(block('jsonl')), settingsFromIni(block('ini')), { warn: (m) => warnings.push(m) });
  expect(renderResults(result, { meta: true, map: false })).toBe(output);
  expect(warnings).toEqual([]);
});
