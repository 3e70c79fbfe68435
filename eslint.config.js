// ESLint: typescript-eslint's recommended rules (syntax only; type-aware linting would double
// the run for little), and the layering rule of STYLE.md: only repositories, analytics
// queries, src/db and the analytics store talk to Postgres or ClickHouse.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const DATABASE_PACKAGES = ['drizzle-orm', 'drizzle-orm/*', 'pg', 'pg-copy-streams', '@clickhouse/client', '@clickhouse/client/*'];
const WHERE_SQL_BELONGS =
  'SQL belongs in a *.repository.ts (Postgres) or a *.query.ts (ClickHouse, one query per file), src/db/ or src/analytics/store.ts; ' +
  'services and resolvers call those (STYLE.md "Thin resolvers, thick services, SQL only in repositories").';

export const layeringRule = {
  // The drizzle schema's tables are query builders too: only types of it may be imported elsewhere.
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: DATABASE_PACKAGES, message: WHERE_SQL_BELONGS },
        { group: ['**/db/schema', '**/db/schema/*'], allowTypeImports: true, message: `tables are for queries: ${WHERE_SQL_BELONGS}` },
      ],
    },
  ],
  // The raw database handle is not part of the services object's contract.
  'no-restricted-syntax': [
    'error',
    { selector: "MemberExpression[object.property.name='services'][property.name='db']", message: `the services object carries no database handle: ${WHERE_SQL_BELONGS}` },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dashboards/dist/', '.data/', 'coverage/', 'test-output/', 'migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // type-graphql's decorators take `() => Type` thunks and classes are often empty shells.
      '@typescript-eslint/no-extraneous-class': 'off',
      // NUL and control characters are matched on purpose (hostile input, ID-number scans).
      'no-control-regex': 'off',
    },
  },
  { files: ['**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
  // GraphQL answers in tests are read as loosely typed JSON.
  { files: ['test/**', '**/*.test.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['**/*.{ts,mts,js,mjs}'], rules: layeringRule },
  {
    // Where database code lives, and what may reach past it (tests, benchmarks, tools).
    files: [
      '**/*.repository.ts',
      '**/*.query.ts',
      'src/db/**',
      'src/analytics/store.ts',
      // The sync's copy code: COPY out of Postgres (pg-copy-streams) straight into ClickHouse inserts.
      'src/analytics/sync/analytics-sync.ts',
      'test/**',
      '**/*.test.ts',
      'bench/**',
      'drizzle.config.ts',
      'vitest.config.ts',
      'eslint.config.js',
    ],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
);
