import { writeFile } from 'node:fs/promises';
import { renderSchemaFile } from './schema';

await writeFile(new URL('../../schema.graphql', import.meta.url), await renderSchemaFile());
process.stderr.write('schema.graphql written\n');
