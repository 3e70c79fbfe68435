import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { renderSchemaFile } from '../src/graphql/schema';

it('schema.graphql matches the schema the code builds (run `npm run schema:emit` after changing types)', async () => {
  const committed = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
  expect(committed).toBe(await renderSchemaFile());
});
