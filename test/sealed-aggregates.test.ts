import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatisticsService } from '../src/analytics/statistics.service';
import type { Caller } from '../src/auth/caller';
import { pushBatch } from '../src/ingestion/push-client';
import { analyticsHub, type AnalyticsHub } from './helpers/analytics';
import { Records } from './helpers/records';
import { ALL_MEASURES, isEntityMeasure, STATS_QUERY } from './helpers/statistics-questions';

/**
 * No aggregate counts a sealed bid (issue 10, finding 7): bids of a project whose bid
 * opening (开标) is in the future or unknown leave every statistic and entity profile
 * unchanged, for every role, until the opening passes.
 */
const DAY = 86_400_000;
const shift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const PROJECT_MEASURES = ALL_MEASURES.filter((m) => !isEntityMeasure(m));
const PROFILE = (uscc: string) => `{ entityProfile(uscc: "${uscc}") { bids projectsBid wins winRate regions { code count } categories { code count } } }`;

let h: AnalyticsHub;
const r = new Records();
const keys: Record<string, string> = {};
const firms = { a: r.firm('甲建设有限公司'), b: r.firm('乙建设有限公司'), c: r.firm('丙建设有限公司') };
let listed: { uscc: string; name: string };
/** A day on which no demo project was registered in 152921, so the narrowed figures are the new projects' alone. */
let day: string;
let sealed: ReturnType<Records['project']>;
let unknown: ReturnType<Records['project']>;

beforeAll(async () => {
  h = await analyticsHub('sealed_aggregates', { projects: 200, seed: 31 });
  keys.admin = h.adminKey;
  keys.policy = (await h.hub.services.apiKeys.create({ name: 'sealed policy', role: 'policy' })).key;
  keys.credit = (await h.hub.services.apiKeys.create({ name: 'sealed credit', role: 'credit' })).key;
  keys.supervisor = (
    await h.hub.services.apiKeys.create({
      name: 'sealed supervisor',
      role: 'supervisor',
      department: '阿拉善盟住房和城乡建设局',
      regions: ['152900'],
      categories: ['construction'],
    })
  ).key;
  // A demo firm blacklisted on a day when no demo project was registered in 152921: its bid
  // that day is a joint-restriction flag, and the narrowed figures are the new projects' alone.
  const { rows } = await h.hub.database.pool.query<{ uscc: string; name: string; day: string }>(
    `select e.uscc, e.name, d::date::text as day from blacklist_entries b join entities e on e.id = b.entity_id
      cross join lateral generate_series(greatest(b.starts_on, '2024-02-01'::date),
        least(coalesce(b.ends_on, '2026-06-15'::date), coalesce(b.removed_on - 1, '2026-06-15'::date), '2026-06-15'::date), interval '1 day') d
      where e.uscc is not null
        and not exists (select 1 from projects p where p.region_code = '152921' and (p.registered_at at time zone 'Asia/Shanghai')::date = d::date)
      order by b.id, d limit 1`,
  );
  expect(rows, 'the demo has a blacklisted firm').toHaveLength(1);
  listed = { uscc: rows[0]!.uscc, name: rows[0]!.name };
  day = rows[0]!.day;
  sealed = r.project({ registeredAt: `${day}T09:00:00+08:00`, version: `${day}T09:00:00+08:00`, status: 'tendering', bidOpeningAt: new Date(Date.now() + 10 * DAY).toISOString() });
  unknown = r.project({ registeredAt: `${day}T10:00:00+08:00`, version: `${day}T10:00:00+08:00`, status: 'tendering', bidOpeningAt: null });
  await push([sealed, unknown]);
}, 240_000);
afterAll(async () => h?.close());

async function push(records: object[]) {
  const receipt = await pushBatch(
    records.map((x) => JSON.stringify(x)),
    { baseUrl: h.baseUrl, key: h.adminKey, idempotencyKey: `${r.tag}-${r.id('batch')}`, platformCode: 'P152900' },
  );
  expect(receipt.counts.rejected, JSON.stringify(receipt)).toBe(0);
  await h.hub.services.processor.idle();
  await h.hub.services.analytics.sync!.syncPending();
}

/** The questions an attacker would ask: the whole region, one day × county × category, and a daily breakdown. */
const questions = () => [
  { measures: ALL_MEASURES, filter: { from: '2024-01-01', to: '2026-06-30' } },
  { measures: PROJECT_MEASURES, filter: { from: day, to: day, regionCode: '152921', categoryCodes: ['construction'] } },
  { measures: PROJECT_MEASURES, dimensions: ['PERIOD', 'REGION', 'CATEGORY'], granularity: 'DAY', regionLevel: 'COUNTY', filter: { from: shift(day, -10), to: shift(day, 10) } },
];

type Rows = Array<{ values: Array<{ measure: string; value: number | null }> }>;

async function figures(role: string): Promise<Rows[]> {
  const out: Rows[] = [];
  for (const input of questions()) {
    const res = await h.hub.gql(STATS_QUERY, { key: keys[role], variables: { input } });
    expect(res.errors, role).toBeUndefined();
    out.push(res.data!.statistics.rows);
  }
  return out;
}

async function profile(role: string, uscc: string) {
  const res = await h.hub.gql(PROFILE(uscc), { key: keys[role] });
  expect(res.errors, `${role} ${uscc}`).toBeUndefined();
  return res.data!.entityProfile;
}

const narrowed = (rows: Rows[], measure: string) => rows[1]![0]!.values.find((v) => v.measure === measure)!.value;

const NOTHING = { bids: 0, projectsBid: 0, wins: 0, winRate: null, regions: [], categories: [] };

describe('sealed bids in aggregates', () => {
  it('leaves every statistic and entity profile unchanged by bids before the bid opening, then counts them once it has passed', async () => {
    const roles = ['admin', 'policy', 'supervisor'];
    const before: Record<string, Rows[]> = Object.fromEntries(await Promise.all(roles.map(async (role) => [role, await figures(role)] as const)));
    const listedBefore = await profile('credit', listed.uscc);
    expect(narrowed(before.admin!, 'PROJECTS')).toBe(2);

    const bid = (project: string, bidder: object, price: string) => r.bid(project, bidder, { price, submittedAt: `${day}T15:00:00+08:00`, version: `${day}T15:00:00+08:00` });
    await push([bid(sealed.id, firms.a, '910000'), bid(sealed.id, listed, '920000'), bid(sealed.id, firms.c, '930000'), bid(unknown.id, firms.b, '940000')]);

    for (const role of roles) expect(await figures(role), `${role}: statistics changed by sealed bids`).toEqual(before[role]);
    for (const role of ['admin', 'credit', 'supervisor']) {
      expect(await profile(role, firms.a.uscc), `${role}: profile of a sealed bidder`).toEqual(NOTHING);
      expect(await profile(role, listed.uscc), `${role}: profile of a blacklisted sealed bidder`).toEqual(listedBefore);
    }

    // The opening is compared at query time: a clock past it counts the bids with no new sync.
    const admin: Caller = { keyId: 0, name: 't', role: 'admin', platformId: null, department: null, categoryCodes: null, regionCodes: null };
    const later = new StatisticsService(h.store, h.hub.registry, { maxRangeDays: 3700, maxRows: 10_000 }, null, () => new Date(Date.now() + 30 * DAY));
    const atLater = await later.statistics(admin, { measures: ['BIDS_PER_PROJECT'] as never, filter: questions()[1]!.filter });
    expect(atLater.rows[0]!.values[0]!.value, 'three bids of the opened project; the one without an opening time still sealed').toBe(3);
    expect((await later.entityProfile(admin, firms.a.uscc)).bids).toBe(1);

    // The platform moves the opening into the past: after the sync the bids count, for every role.
    await push([{ ...sealed, version: `${day}T12:00:00+08:00`, status: 'evaluating', bidOpeningAt: new Date(Date.now() - 60_000).toISOString() }]);
    for (const role of roles) {
      const after = await figures(role);
      expect(narrowed(after, 'BIDS_PER_PROJECT'), role).toBe(3);
      expect(narrowed(after, 'SINGLE_BID_SHARE'), role).toBe(0);
      expect(narrowed(after, 'JOINT_RESTRICTION_FLAGS'), role).toBe(1);
    }
    const opened = await profile('credit', firms.a.uscc);
    expect(opened).toMatchObject({ bids: 1, projectsBid: 1, regions: [{ code: '152921', count: 1 }], categories: [{ code: 'construction', count: 1 }] });
    expect((await profile('credit', listed.uscc)).bids).toBe(listedBefore.bids + 1);
    // The project without an opening time keeps its bid sealed.
    expect(await profile('admin', firms.b.uscc)).toEqual(NOTHING);
  }, 120_000);
});
