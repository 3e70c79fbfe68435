import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layering rule of STYLE.md, checked by the project's own ESLint config: if the config
// stops matching these paths, a service could import drizzle again and lint would stay green.
const eslint = new ESLint({ cwd: fileURLToPath(new URL('..', import.meta.url)) });
const DATABASE_IMPORT = "import { sql } from 'drizzle-orm';\nimport pg from 'pg';\nexport const q = [sql, pg];\n";

async function layeringErrors(filePath: string, code = DATABASE_IMPORT) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
}

describe('only repositories, analytics queries and src/db import database packages', () => {
  it('refuses drizzle and pg in a service, and says where the SQL belongs', async () => {
    const errors = await layeringErrors('src/credit/example.service.ts');
    expect(errors).toHaveLength(2);
    expect(errors[0]!.message).toContain('*.repository.ts');
  });

  it('refuses the ClickHouse client in a resolver', async () => {
    const errors = await layeringErrors('src/analytics/example.resolver.ts', "import { createClient } from '@clickhouse/client';\nexport const c = createClient;\n");
    expect(errors).toHaveLength(1);
  });

  it('holds for the part upload too: its COPY lives in staging.repository.ts', async () => {
    const errors = await layeringErrors('src/ingestion/upload.ts', "import { from as copyFrom } from 'pg-copy-streams';\nexport const c = copyFrom;\n");
    expect(errors).toHaveLength(1);
    expect(await layeringErrors('src/ingestion/staging.repository.ts')).toEqual([]);
  });

  it("refuses the drizzle schema's tables outside them, but lets anyone import its types", async () => {
    const tables = "import * as t from '../db/schema';\nexport const p = t.projects;\n";
    const errors = await layeringErrors('src/demo/example.ts', tables);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('tables are for queries');
    expect(await layeringErrors('src/ingestion/steps/example.ts', "import type { RecordError } from '../../db/schema';\nexport type E = RecordError;\n")).toEqual([]);
    expect(await layeringErrors('src/demo/example.query.ts', tables)).toEqual([]);
  });

  it('allows them in repositories, analytics queries, src/db and tests', async () => {
    for (const file of ['src/credit/example.repository.ts', 'src/analytics/example.query.ts', 'src/db/example.ts', 'test/example.test.ts']) {
      expect(await layeringErrors(file), file).toEqual([]);
    }
  });
});
