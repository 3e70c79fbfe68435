import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../src/demo/random';
import { HUB_REGION_CODE } from '../src/registry/reference-data';
import { analyticsHub, type AnalyticsHub } from './helpers/analytics';
import { ADVERSARIAL_DIR } from './helpers/adversarial-summary';
import { adminNarrowed, differences, isEntityMeasure, randomQuestion, STATS_QUERY, type Question, type Remit, type Row } from './helpers/statistics-questions';

/**
 * Aggregates in the role matrix: whatever a supervisor asks, its statistics are an admin's
 * for the same question narrowed to the supervisor's remit (issue 10, finding 8: a category
 * remit was dropped when an entity measure was asked with project measures).
 */
const SEED = Number(process.env.TEST_SEED ?? Date.now() % 1_000_000_007);
const CASES = 36;

let h: AnalyticsHub;
const supervisors: Array<{ name: string; remit: Remit; key: string }> = [];

beforeAll(async () => {
  h = await analyticsHub('aggregate_remit', { projects: 200, seed: 23 });
  await h.hub.services.analytics.sync!.syncPending();
  const remits: Array<[string, Remit]> = [
    ['region 152900', { region: '152900', categories: null }],
    ['category government_procurement', { region: null, categories: ['government_procurement'] }],
    ['region 150600 and two categories', { region: '150600', categories: ['construction', 'government_procurement'] }],
  ];
  for (const [name, remit] of remits) {
    const { key } = await h.hub.services.apiKeys.create({
      name: `supervisor ${name}`,
      role: 'supervisor',
      department: '行政监督部门',
      ...(remit.region ? { regions: [remit.region] } : {}),
      ...(remit.categories ? { categories: remit.categories } : {}),
    });
    supervisors.push({ name, remit, key });
  }
}, 240_000);
afterAll(async () => h?.close());

const ask = (key: string) => (input: Question) => h.hub.gql(STATS_QUERY, { key, variables: { input } });

describe('aggregates in the role matrix', () => {
  it(`gives each supervisor an admin's figures narrowed to its remit, for ${CASES} random questions (seed ${SEED})`, async () => {
    console.log(`aggregate remit: seed ${SEED} (TEST_SEED=${SEED} repeats this run)`);
    const rnd = new Random(SEED);
    const regions = h.hub.registry.regions;
    // The hub's own regions: the rest of China holds no projects, and would make most questions empty.
    const allRegions = (await h.hub.database.pool.query<{ code: string }>('select code from regions where path like $1 order by code', [`${HUB_REGION_CODE}%`])).rows.map(
      (r) => r.code,
    );
    let mixed = 0;
    for (let n = 0; n < CASES; n++) {
      const s = supervisors[n % supervisors.length]!;
      const q = randomQuestion(rnd, s.remit, (code) => regions.subtree([code]), allRegions);
      const answer = await ask(s.key)(q);
      expect(answer.errors, `case ${n} (${s.name}): ${JSON.stringify(q)}`).toBeUndefined();
      const expected = await adminNarrowed(ask(h.adminKey), q, s.remit);
      expect(differences(answer.data!.statistics.rows as Row[], expected), `case ${n} (${s.name}, seed ${SEED}): ${JSON.stringify(q)}`).toEqual([]);
      if (q.measures.some(isEntityMeasure) && q.measures.some((m) => !isEntityMeasure(m))) mixed++;
    }
    mkdirSync(ADVERSARIAL_DIR, { recursive: true });
    writeFileSync(path.join(ADVERSARIAL_DIR, 'aggregate-remit.json'), JSON.stringify({ cases: CASES, seed: SEED }));
    expect(mixed, 'some questions mix entity and project measures').toBeGreaterThan(0);
  }, 240_000);

  it('keeps a category remit for project measures asked together with an entity measure (finding 8)', async () => {
    const s = supervisors.find((x) => x.remit.categories?.length === 1)!;
    const q: Question = {
      measures: ['PROJECTS', 'PENALTIES'] as Question['measures'],
      dimensions: [],
      granularity: 'MONTH',
      regionLevel: 'LEAGUE',
      compare: false,
      filter: { from: '2024-01-01', to: '2026-06-30' },
    };
    const mine = (await ask(s.key)(q)).data!.statistics.rows[0].values;
    const projectsOnly = (await ask(s.key)({ ...q, measures: ['PROJECTS'] as Question['measures'] })).data!.statistics.rows[0].values;
    const all = (await ask(h.adminKey)(q)).data!.statistics.rows[0].values;
    expect(mine[0].value).toBe(projectsOnly[0].value);
    expect(mine[0].value).toBeLessThan(all[0].value);
    // Penalties have no category: the remit does not narrow them.
    expect(mine[1].value).toBe(all[1].value);
  });
});
