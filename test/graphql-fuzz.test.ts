import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { idNumbersIn } from '../src/entities/id-number';
import { ADVERSARIAL_DIR } from './helpers/adversarial-summary';
import { openTestAnalytics } from './helpers/analytics';
import { Factory } from './helpers/factories';
import { deepRegions, randomOperation, seeded, type Operation, type Pool } from './helpers/graphql-fuzz-gen';
import { createTestHub, type TestHub } from './helpers/test-hub';

/**
 * The schema-driven fuzzer: random operations built from schema.graphql with hostile
 * arguments (NUL, lone surrogates, 1 MB strings, wrong types through variables, huge lists,
 * deep nesting, many aliases), under every role's key, against the real hub. Whatever comes
 * in, the answer is a code: never a 5xx, never INTERNAL_SERVER_ERROR, never an ID number in
 * clear. GRAPHQL_FUZZ_SEED replays a run; GRAPHQL_FUZZ_CASES changes its length.
 */
const SEED = Number(process.env.GRAPHQL_FUZZ_SEED ?? 20251010);
const CASES = Number(process.env.GRAPHQL_FUZZ_CASES ?? 2000);

let hub: TestHub;
let analytics: Awaited<ReturnType<typeof openTestAnalytics>>;
const keys: Record<string, string | undefined> = { none: undefined };
const pool: Pool = { strings: [], ids: [] };

beforeAll(async () => {
  analytics = await openTestAnalytics();
  hub = await createTestHub({}, { analytics: analytics.store });
  const f = new Factory(hub.database.db, hub.services);
  const fast = { creditRate: 100_000, creditBurst: 100_000 };
  keys.admin = await f.key('admin', fast);
  keys.platform = await f.key('platform', { platform: 'P152900' });
  keys.credit = await f.key('credit', fast);
  keys.policy = await f.key('policy');
  keys.supervisor = await f.key('supervisor', { department: '阿拉善盟住房和城乡建设局', categories: ['construction'], regions: ['152900'], ...fast });
  for (let i = 0; i < 4; i++) {
    const [firm, person] = [await f.entity(), await f.person()];
    const project = await f.project({ bidOpeningAt: new Date(Date.now() + (i % 2 ? 1 : -1) * 86_400_000) });
    await f.bid(project, firm);
    await f.bid(project, person);
    await f.award(project, person);
    await f.notice(project);
    await f.penalty(person);
    await f.blacklistEntry(firm, { listType: 'market_ban' });
    await f.creditRecord(firm);
    pool.strings.push(firm.uscc!, person.personIdNumber!, firm.name, project.projectCode);
    pool.ids.push(String(project.id), String(firm.id));
  }
  const { batch } = await openBatch();
  pool.ids.push(batch);
  pool.strings.push('152900', '152921', '150000', 'construction', 'government_procurement', 'P152900', 'P150100', '2025-01-01');
});
afterAll(async () => {
  await hub?.close();
  await analytics?.close();
});

async function openBatch(): Promise<{ batch: string }> {
  const r = await hub.gql('mutation { openBatch(idempotencyKey: "fuzz-open") { id } }', { key: keys.platform });
  return { batch: r.data!.openBatch.id as string };
}

interface Finding {
  case: number;
  role: string;
  status: number;
  problem: string;
  query: string;
}

it(`answers ${CASES} hostile operations under every role with a code, never a 5xx, an internal error or an ID number`, async () => {
  console.log(`graphql fuzz: seed ${SEED} (replay with GRAPHQL_FUZZ_SEED=${SEED}), ${CASES} cases`);
  const schema = buildSchema(await readFile(new URL('../schema.graphql', import.meta.url), 'utf8'));
  const rng = seeded(SEED);
  const roles = Object.keys(keys);
  const findings: Finding[] = [];
  const counts = { cases: 0, fiveHundreds: 0, internalErrors: 0, crashes: 0, leaks: 0, seed: SEED };
  const started = Date.now();
  for (let i = 0; i < CASES && Date.now() - started < 240_000; i++) {
    const role = roles[i % roles.length]!;
    const op: Operation = rng.chance(0.03) ? deepRegions(rng) : randomOperation(rng, schema, pool);
    const query = rng.chance(0.01) ? op.query.slice(0, rng.int(op.query.length)) : op.query;
    counts.cases++;
    const r = await hub.gql(query, { key: keys[role], variables: op.variables }).catch((error: unknown) => {
      // Not even a JSON answer (test-hub parses every body).
      findings.push({ case: i, role, status: 0, problem: String(error), query: query.slice(0, 400) });
      return null;
    });
    if (!r) continue;
    const note = (problem: string) => findings.push({ case: i, role, status: r.status, problem, query: query.slice(0, 400) });
    if (r.status >= 500) {
      counts.fiveHundreds++;
      note(r.raw.slice(0, 300));
    }
    const internal = (r.errors ?? []).filter((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' || e.extensions?.code === undefined);
    if (internal.length > 0) {
      counts.internalErrors++;
      note(
        `internal: ${internal
          .map((e) => e.message)
          .join('; ')
          .slice(0, 300)} vars ${JSON.stringify(op.variables).slice(0, 300)}`,
      );
    }
    const leaked = idNumbersIn(r.raw);
    if (leaked.length > 0) {
      counts.leaks++;
      note(`ID number in clear: ${leaked[0]!.slice(0, 4)}…`);
    }
  }
  const alive = await hub.gql('{ categories { code } }', { key: keys.admin });
  if (alive.data?.categories?.length !== 9) counts.crashes++;

  mkdirSync(ADVERSARIAL_DIR, { recursive: true });
  writeFileSync(path.join(ADVERSARIAL_DIR, 'graphql-fuzz.json'), JSON.stringify(counts));
  console.log(`graphql fuzz: ${JSON.stringify(counts)} in ${Date.now() - started} ms`);
  expect(findings.slice(0, 10)).toEqual([]);
  expect(counts.cases).toBeGreaterThanOrEqual(Math.min(CASES, 2000));
  expect(counts.crashes).toBe(0);
}, 300_000);
