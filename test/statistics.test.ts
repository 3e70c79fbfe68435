import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Measure } from '../src/analytics/statistics.measures';
import { analyticsHub, type AnalyticsHub } from './helpers/analytics';
import { Factory } from './helpers/factories';
import { codes, createTestHub } from './helpers/test-hub';

let h: AnalyticsHub;
let league: string;
const FROM = '2024-01-01';
const TO = '2026-06-30';

beforeAll(async () => {
  h = await analyticsHub('statistics', { projects: 400, seed: 7 });
  await h.hub.services.analytics.sync!.syncPending();
  // Early warning runs after each sync: its counts are the WARNINGS measure.
  await h.hub.services.warningRuns!.idle();
  // The league whose projects spread over the most banners and zones, so roll-ups are real.
  const { rows } = await h.hub.database.pool.query<{ league: string }>(
    `select split_part(r.path, '/', 2) as league from projects p join regions r on r.code = p.region_code
      where split_part(r.path, '/', 2) <> '' group by 1 order by count(distinct p.region_code) desc, count(*) desc limit 1`,
  );
  league = rows[0]!.league;
}, 240_000);
afterAll(async () => h?.close());

/**
 * Each measure computed again in plain SQL over Postgres: the independent check the issue
 * asks for. `$1`..`$3` are from, to and the region whose subtree is asked.
 */
const PROJECTS_IN = `
  with p as (
    select p.*, r.path from projects p join regions r on r.code = p.region_code
     where (p.registered_at at time zone 'Asia/Shanghai')::date between $1::date and $2::date
       and ('/' || r.path || '/') like '%/' || $3 || '/%'),
  pa as (select p.id, hub_in_yuan(p.budget, p.currency, (p.registered_at at time zone 'Asia/Shanghai')::date) as budget,
                (select case when bool_and(hub_in_yuan(a.amount, a.currency, (a.awarded_at at time zone 'Asia/Shanghai')::date) is not null)
                             then sum(hub_in_yuan(a.amount, a.currency, (a.awarded_at at time zone 'Asia/Shanghai')::date)) end
                   from awards a where a.project_id = p.id) as award_total,
                (p.budget is not null and hub_in_yuan(p.budget, p.currency, (p.registered_at at time zone 'Asia/Shanghai')::date) is null)
                  or exists (select 1 from awards a where a.project_id = p.id and hub_in_yuan(a.amount, a.currency, (a.awarded_at at time zone 'Asia/Shanghai')::date) is null) as left_out,
                (select count(*) from bids b where b.project_id = p.id and p.bid_opening_at <= now()) as bids,
                (select count(*) from complaints c where c.project_id = p.id) as complaints,
                exists (select 1 from evaluation_committees e where e.project_id = p.id and e.is_remote) as remote,
                p.is_electronic,
                (select min((n.published_at at time zone 'Asia/Shanghai')::date) from notices n where n.project_id = p.id) as first_notice,
                (select min((a.awarded_at at time zone 'Asia/Shanghai')::date) from awards a where a.project_id = p.id) as first_award
           from p)`;
const ENTITY_IN = `join entities en on en.id = x.entity_id join regions r on r.code = en.registered_region_code
  where ('/' || r.path || '/') like '%/' || $3 || '/%'`;

const IN_FORCE = (day: string) => `e.starts_on <= ${day} and (e.ends_on is null or e.ends_on >= ${day}) and (e.removed_on is null or e.removed_on > ${day})`;

const POSTGRES: Record<Measure, string> = {
  PROJECTS: `${PROJECTS_IN} select count(*)::float as v from pa`,
  BUDGET_TOTAL: `${PROJECTS_IN} select coalesce(sum(budget), 0)::text as v from pa`,
  AWARD_TOTAL: `${PROJECTS_IN} select coalesce(sum(award_total), 0)::text as v from pa`,
  SAVINGS_RATE: `${PROJECTS_IN} select (1 - sum(award_total) / nullif(sum(budget), 0))::float as v from pa where budget > 0 and award_total is not null`,
  AMOUNTS_LEFT_OUT: `${PROJECTS_IN} select (count(*) filter (where left_out))::float as v from pa`,
  BIDS_PER_PROJECT: `${PROJECTS_IN} select (sum(bids)::float / nullif(count(*), 0)) as v from pa where bids > 0`,
  SINGLE_BID_SHARE: `${PROJECTS_IN} select (count(*) filter (where bids = 1)::float / nullif(count(*), 0)) as v from pa where bids > 0`,
  CROSS_REGION_WIN_SHARE: `${PROJECTS_IN}
    select (count(*) filter (where split_part(p.path, '/', 2) <> split_part(wr.path, '/', 2))::float / nullif(count(*), 0)) as v
      from awards a join p on p.id = a.project_id join entities w on w.id = a.winner_id join regions wr on wr.code = w.registered_region_code
     where split_part(p.path, '/', 2) <> '' and split_part(wr.path, '/', 2) <> ''`,
  ELECTRONIC_SHARE: `${PROJECTS_IN} select avg(is_electronic::int)::float as v from pa`,
  REMOTE_EVALUATION_SHARE: `${PROJECTS_IN} select avg(remote::int)::float as v from pa`,
  COMPLAINTS_PER_100_PROJECTS: `${PROJECTS_IN} select (100.0 * sum(complaints) / nullif(count(*), 0))::float as v from pa`,
  AVG_DAYS_NOTICE_TO_AWARD: `${PROJECTS_IN} select avg(first_award - first_notice)::float as v from pa where first_notice is not null and first_award is not null`,
  PENALTIES: `select count(*)::float as v from penalties x ${ENTITY_IN} and x.decided_on between $1::date and $2::date`,
  PENALTIES_PUBLISHED_ON_TIME_SHARE: `select (count(*) filter (where x.published_on is not null and coalesce(x.published_late_by, 0) <= 0)::float / nullif(count(*), 0)) as v
    from penalties x ${ENTITY_IN} and x.decided_on between $1::date and $2::date`,
  JOINT_RESTRICTION_FLAGS: `${PROJECTS_IN}
    select count(*)::float as v from (
      select b.id from bids b join p on p.id = b.project_id
       where p.bid_opening_at <= now() and exists (select 1 from blacklist_entries e where e.entity_id = b.bidder_id and ${IN_FORCE("(b.submitted_at at time zone 'Asia/Shanghai')::date")})
      union all
      select a.id from awards a join p on p.id = a.project_id
       where exists (select 1 from blacklist_entries e where e.entity_id = a.winner_id and ${IN_FORCE("(a.awarded_at at time zone 'Asia/Shanghai')::date")})) f`,
  WARNINGS: `${PROJECTS_IN} select count(*)::float as v from warnings w join pa on pa.id = w.project_id`,
  ACTIVE_BLACKLIST_ENTRIES: `select count(*)::float as v from blacklist_entries x ${ENTITY_IN}
    and x.starts_on <= $2::date and (x.ends_on is null or x.ends_on >= $2::date) and (x.removed_on is null or x.removed_on > $2::date) and $1::date <= $2::date`,
};

const ALL = Object.values(Measure);
const STATS = `query($input: StatisticsInput!) { statistics(input: $input) {
  range { from to } previousRange { from to } yearAgoRange { from to }
  rows { region category platform period values { measure value amount previous yearAgo changeFromPrevious relativeChangeFromPrevious changeFromYearAgo } } } }`;

async function stats(input: Record<string, unknown>, key = h.adminKey) {
  return h.hub.gql(STATS, { key, variables: { input } });
}

async function postgresFigure(measure: Measure, from: string, to: string, region: string): Promise<number | string | null> {
  const { rows } = await h.hub.database.pool.query<{ v: number | string | null }>(POSTGRES[measure], [from, to, region]);
  return rows[0]!.v;
}

describe('statistics', () => {
  for (const region of ['150000', 'LEAGUE']) {
    it(`equals plain SQL over Postgres, measure by measure (${region === 'LEAGUE' ? 'the busiest league' : 'the whole region'})`, async () => {
      const code = region === 'LEAGUE' ? league : region;
      const r = await stats({ measures: ALL, filter: { from: FROM, to: TO, regionCode: code } });
      expect(r.errors).toBeUndefined();
      const values = r.data!.statistics.rows[0].values as Array<{ measure: Measure; value: number | null; amount: string | null }>;
      for (const v of values) {
        const expected = await postgresFigure(v.measure, FROM, TO, code);
        if (v.measure === Measure.BUDGET_TOTAL || v.measure === Measure.AWARD_TOTAL) {
          expect(Number(v.amount), v.measure).toBeGreaterThan(0);
          expect(v.amount, v.measure).toBe(Number(expected).toFixed(2));
        } else if (expected === null) {
          expect(v.value, v.measure).toBeNull();
        } else {
          expect(v.value, v.measure).toBeCloseTo(Number(expected), 9);
        }
      }
      // The data must exercise the measures, or agreement proves little.
      const figure = (m: Measure) => values.find((v) => v.measure === m)!.value!;
      expect(figure(Measure.PROJECTS)).toBeGreaterThan(20);
      expect(figure(Measure.SAVINGS_RATE)).toBeGreaterThan(0);
      expect(figure(Measure.SINGLE_BID_SHARE)).toBeGreaterThan(0);
      if (region !== 'LEAGUE') {
        expect(figure(Measure.CROSS_REGION_WIN_SHARE)).toBeGreaterThan(0);
        expect(figure(Measure.PENALTIES)).toBeGreaterThan(0);
        expect(figure(Measure.ACTIVE_BLACKLIST_ENTRIES)).toBeGreaterThan(0);
        expect(figure(Measure.JOINT_RESTRICTION_FLAGS)).toBeGreaterThan(0);
      }
    });
  }

  it("rolls a league's banners and zones up into the league", async () => {
    const total = await stats({ measures: ['PROJECTS', 'AWARD_TOTAL'], filter: { from: FROM, to: TO, regionCode: league } });
    const byCounty = await stats({ measures: ['PROJECTS', 'AWARD_TOTAL'], dimensions: ['REGION'], regionLevel: 'COUNTY', filter: { from: FROM, to: TO, regionCode: league } });
    const rows = byCounty.data!.statistics.rows as Array<{ region: string; values: Array<{ value: number; amount: string | null }> }>;
    expect(rows.length).toBeGreaterThan(1);
    const { rows: known } = await h.hub.database.pool.query<{ code: string }>(`select code from regions where path like '%' || $1 || '%'`, [league]);
    for (const row of rows) expect(known.map((k) => k.code)).toContain(row.region);
    expect(rows.reduce((s, r) => s + r.values[0]!.value, 0)).toBe(total.data!.statistics.rows[0].values[0].value);
    const cents = (a: string) => BigInt(a.replace('.', ''));
    expect(rows.reduce((s, r) => s + cents(r.values[1]!.amount!), 0n)).toBe(cents(total.data!.statistics.rows[0].values[1].amount));
  });

  it('breaks down by category, platform and month, each adding up to the total', async () => {
    const total = (await stats({ measures: ['PROJECTS'], filter: { from: FROM, to: TO } })).data!.statistics.rows[0].values[0].value;
    for (const dimension of ['CATEGORY', 'PLATFORM', 'PERIOD']) {
      const r = await stats({ measures: ['PROJECTS'], dimensions: [dimension], granularity: 'MONTH', filter: { from: FROM, to: TO } });
      const rows = r.data!.statistics.rows as Array<{ values: Array<{ value: number }>; period: string | null }>;
      expect(rows.length, dimension).toBeGreaterThan(1);
      expect(
        rows.reduce((s, row) => s + row.values[0]!.value, 0),
        dimension,
      ).toBe(total);
      if (dimension === 'PERIOD') for (const row of rows) expect(row.period).toMatch(/^\d{4}-\d{2}-01$/);
    }
  });

  it('compares with the previous period and the same period a year earlier', async () => {
    const r = await stats({ measures: ['PROJECTS', 'AWARD_TOTAL'], compare: true, filter: { from: '2026-01-01', to: '2026-03-31' } });
    const s = r.data!.statistics;
    expect(s.previousRange).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(s.yearAgoRange).toEqual({ from: '2025-01-01', to: '2025-03-31' });
    const direct = async (from: string, to: string) => (await stats({ measures: ['PROJECTS'], filter: { from, to } })).data!.statistics.rows[0]?.values[0].value ?? 0;
    const projects = s.rows[0].values[0];
    expect(projects.previous).toBe(await direct('2025-10-01', '2025-12-31'));
    expect(projects.yearAgo).toBe(await direct('2025-01-01', '2025-03-31'));
    expect(projects.changeFromPrevious).toBe(projects.value - projects.previous);

    // By month, each month is compared with the month a year before.
    const monthly = await stats({ measures: ['PROJECTS'], dimensions: ['PERIOD'], granularity: 'MONTH', compare: true, filter: { from: '2026-01-01', to: '2026-03-31' } });
    for (const row of monthly.data!.statistics.rows) {
      const yearBefore = `${Number(row.period.slice(0, 4)) - 1}${row.period.slice(4)}`;
      const end = new Date(Date.UTC(Number(yearBefore.slice(0, 4)), Number(yearBefore.slice(5, 7)), 0)).toISOString().slice(0, 10);
      expect(row.values[0].yearAgo ?? 0, row.period).toBe(await direct(yearBefore, end));
    }
  });

  it('ranks winners by award total, as Postgres would', async () => {
    const r = await h.hub.gql(`{ rankings(subject: WINNER, first: 5, filter: { from: "${FROM}", to: "${TO}" }) { rank uscc name awardTotal count } }`, { key: h.adminKey });
    expect(r.errors).toBeUndefined();
    const { rows } = await h.hub.database.pool.query<{ name: string; total: string; n: number }>(
      `select e.name, sum(coalesce(a.amount, 0))::numeric(20,2)::text as total, count(*)::int as n
         from awards a join projects p on p.id = a.project_id join entities e on e.id = a.winner_id
        where (p.registered_at at time zone 'Asia/Shanghai')::date between $1 and $2
        group by e.id, e.name order by sum(coalesce(a.amount, 0)) desc, count(*) desc, e.id limit 5`,
      [FROM, TO],
    );
    expect(r.data!.rankings.map((e: { name: string; awardTotal: string; count: number }) => [e.name, e.awardTotal, e.count])).toEqual(rows.map((x) => [x.name, x.total, x.n]));
  });

  it('profiles an entity from the analytics store: bids, wins, awards, penalties', async () => {
    const { rows } = await h.hub.database.pool.query<{ uscc: string; id: string }>(
      `select e.uscc, e.id from entities e join awards a on a.winner_id = e.id where e.uscc is not null group by e.id order by count(*) desc limit 1`,
    );
    const e = rows[0]!;
    const r = await h.hub.gql(
      `{ entityProfile(uscc: "${e.uscc}") { uscc bids projectsBid wins awardTotal winRate regions { code count } penaltiesByYear { year count } complaintsFiled } }`,
      { key: h.adminKey },
    );
    expect(r.errors).toBeUndefined();
    const p = r.data!.entityProfile;
    const pg = await h.hub.database.pool.query<{ bids: number; wins: number; total: string }>(
      `select (select count(*)::int from bids b join projects p on p.id = b.project_id where b.bidder_id = $1 and p.bid_opening_at <= now()) as bids, (select count(*)::int from awards where winner_id = $1) as wins,
              (select coalesce(sum(amount), 0)::numeric(20,2)::text from awards where winner_id = $1) as total`,
      [e.id],
    );
    expect([p.bids, p.wins, p.awardTotal]).toEqual([pg.rows[0]!.bids, pg.rows[0]!.wins, pg.rows[0]!.total]);
    expect(p.wins).toBeGreaterThan(0);
  });

  it('refuses what it cannot answer with a code, never a server error', async () => {
    const unknownMeasure = await stats({ measures: ['PROJECTS', 'HAPPINESS'], filter: { from: FROM, to: TO } });
    expect(codes(unknownMeasure)).toEqual(['BAD_USER_INPUT']);
    expect(unknownMeasure.errors![0]!.message).toContain('HAPPINESS');
    const tooLong = await stats({ measures: ['PROJECTS'], filter: { from: '1990-01-01', to: TO } });
    expect(codes(tooLong)).toEqual(['BAD_USER_INPUT']);
    expect(tooLong.errors![0]!.message).toMatch(/at most \d+/);
    const backwards = await stats({ measures: ['PROJECTS'], filter: { from: TO, to: FROM } });
    expect(codes(backwards)).toEqual(['BAD_USER_INPUT']);
    const unknownRegion = await stats({ measures: ['PROJECTS'], filter: { from: FROM, to: TO, regionCode: '999999' } });
    expect(unknownRegion.errors![0]!.extensions!.argument).toBe('filter.regionCode');
    const penaltiesByCategory = await stats({ measures: ['PENALTIES'], dimensions: ['CATEGORY'], filter: { from: FROM, to: TO } });
    expect(codes(penaltiesByCategory)).toEqual(['BAD_USER_INPUT']);
    // A hub limited to 50 rows per breakdown (STATS_MAX_ROWS), on the same stores.
    const small = await createTestHub({ STATS_MAX_ROWS: '50' }, { databaseUrl: h.databaseUrl, analytics: h.store });
    try {
      const huge = await small.gql(STATS, {
        key: h.adminKey,
        variables: { input: { measures: ['PROJECTS'], dimensions: ['PERIOD', 'REGION', 'CATEGORY'], granularity: 'DAY', regionLevel: 'COUNTY', filter: { from: FROM, to: TO } } },
      });
      expect(codes(huge)).toEqual(['BAD_USER_INPUT']);
      expect(huge.errors![0]!.message).toContain('more than 50 rows');
    } finally {
      await small.close();
    }
    const badProfile = await h.hub.gql('{ entityProfile(uscc: "91150000MA0N7X2K3Q") { name } }', { key: h.adminKey });
    expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(codes(badProfile)[0]);
  });

  it('holds each role to what it may see', async () => {
    const key = async (role: string, extra: Record<string, unknown> = {}) => (await h.hub.services.apiKeys.create({ name: role, role: role as never, ...extra })).key;
    const policy = await key('policy');
    expect((await stats({ measures: ['PROJECTS'], filter: { from: FROM, to: TO } }, policy)).errors).toBeUndefined();
    expect(codes(await h.hub.gql('{ entityProfile(uscc: "x") { name } }', { key: policy }))).toEqual(['FORBIDDEN']);
    expect(codes(await h.hub.gql('{ analyticsReconciliation { pendingBatches } }', { key: policy }))).toEqual(['FORBIDDEN']);

    const credit = await key('credit');
    expect(codes(await stats({ measures: ['PROJECTS'], filter: { from: FROM, to: TO } }, credit))).toEqual(['FORBIDDEN']);

    // A supervisor of one league: its figures by default, other leagues refused.
    const other = (await h.hub.database.pool.query<{ code: string }>(`select code from regions where level = 'league' and code <> $1 limit 1`, [league])).rows[0]!.code;
    const supervisor = await key('supervisor', { department: 'test', regions: [league] });
    const mine = await stats({ measures: ['PROJECTS'], filter: { from: FROM, to: TO } }, supervisor);
    const leagueTotal = await stats({ measures: ['PROJECTS'], filter: { from: FROM, to: TO, regionCode: league } });
    expect(mine.data!.statistics.rows[0].values[0].value).toBe(leagueTotal.data!.statistics.rows[0].values[0].value);
    expect(codes(await stats({ measures: ['PROJECTS'], filter: { from: FROM, to: TO, regionCode: other } }, supervisor))).toEqual(['FORBIDDEN']);
  });

  it('says when the figures were last refreshed: at the last sync, and later after the next one', async () => {
    const asOf = async () => {
      const r = await h.hub.gql('{ statistics(input: { measures: [PROJECTS], filter: { from: "2025-01-01", to: "2025-01-31" } }) { dataAsOf } }', { key: h.adminKey });
      expect(r.errors).toBeUndefined();
      return r.data!.statistics.dataAsOf as string;
    };
    const before = await asOf();
    expect(Date.parse(before)).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - Date.parse(before)).toBeLessThan(30 * 60_000);
    // A batch committed and synced moves the stamp on; a sync with nothing new leaves it.
    await h.hub.services.analytics.sync!.syncPending();
    expect(await asOf()).toBe(before);
    const pushed = Date.now();
    await new Factory(h.hub.database.db, h.hub.services).project();
    await h.hub.services.analytics.sync!.syncPending();
    expect(Date.parse(await asOf())).toBeGreaterThan(Date.parse(before));
    expect(Date.parse(await asOf())).toBeGreaterThanOrEqual(pushed);
  });
});
