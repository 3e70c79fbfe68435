import { readFile, readdir } from 'node:fs/promises';
import { parse, type DocumentNode } from 'graphql';

export interface DocQuery {
  where: string;
  source: string;
  document: DocumentNode;
}

const root = new URL('../../', import.meta.url);

/**
 * Every GraphQL operation the docs and the README show: ```graphql blocks (a bare field, as
 * in api-guide's filter example, is wrapped in braces) and the README's curl bodies.
 */
export async function docQueries(): Promise<DocQuery[]> {
  const files = [...(await readdir(new URL('docs/', root))).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`), 'README.md'];
  const out: DocQuery[] = [];
  for (const file of files) {
    const text = await readFile(new URL(file, root), 'utf8');
    const blocks = [...text.matchAll(/```graphql\n(.+?)```/gs)].map((m) => m[1]!);
    const curls = [...text.matchAll(/-d '(\{"query":.+?\})'/g)].map((m) => (JSON.parse(m[1]!) as { query: string }).query);
    for (const source of [...blocks, ...curls]) {
      for (const candidate of [source, `{ ${source} }`]) {
        try {
          out.push({ where: file, source: candidate, document: parse(candidate) });
          break;
        } catch {
          // try the wrapped form
        }
      }
    }
  }
  return out;
}
