import { readFileSync, writeFileSync } from 'node:fs';
import { withEnumerationTable } from './enumerations';

// `npm run docs:enums`: rewrites the table of enumerations in docs/push-protocol.md.
const file = new URL('../../../docs/push-protocol.md', import.meta.url);
writeFileSync(file, withEnumerationTable(readFileSync(file, 'utf8')));
console.log('docs/push-protocol.md: enumerations written');
