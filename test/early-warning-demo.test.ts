import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../src/demo/generator';
import type { PlantedCases } from '../src/demo/generator-plants';
import { INDICATORS } from '../src/supervision/supervision.enums';
import { analyticsHub, type AnalyticsHub } from './helpers/analytics';

/**
 * The demo region's planted cases of abnormal trading (src/demo/generator-plants.ts), pushed
 * through the real endpoint, synced, and found by the early-warning run that follows the
 * sync: each with the right evidence. What the clean rest of the region raises is printed,
 * the false-alarm figure a supervisor would ask for.
 */
const DEMO = { projects: 600, seed: 11 };
const UNTIL = new Date('2026-06-30T12:00:00+08:00');
let h: AnalyticsHub;
let planted: PlantedCases;
let projectId: (key: string) => number;
let entityId: (key: string) => number;

interface Row {
  id: number;
  indicator: string;
  severity: string;
  project_ids: number[];
  entity_ids: number[];
  evidence: Record<string, unknown>;
  status: string;
}
const warnings = async (indicator: string) =>
  (
    await h.hub.database.pool.query<Row>(
      `select id::int, indicator, severity, project_ids::int[], entity_ids::int[], evidence, status from warnings where indicator = $1 order by id`,
      [indicator],
    )
  ).rows;
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

beforeAll(async () => {
  h = await analyticsHub('early_warning_demo', DEMO);
  await h.hub.services.analytics.sync!.syncPending();
  await h.hub.services.warningRuns!.idle();
  const ds = generateDemo({ ...DEMO, until: UNTIL });
  planted = ds.planted!;
  const projects = await h.hub.database.pool.query<{ id: number; key: string }>(`select id::int, source_record_id as key from projects`);
  const byKey = new Map(projects.rows.map((r) => [r.key, r.id]));
  projectId = (key) => byKey.get(key)!;
  const uscc = new Map(ds.entities.map((e) => [e.key, e.uscc]));
  const entities = await h.hub.database.pool.query<{ id: number; uscc: string }>(`select id::int, uscc from entities where uscc is not null`);
  const byUscc = new Map(entities.rows.map((r) => [r.uscc, r.id]));
  entityId = (key) => byUscc.get(uscc.get(key)!)!;
}, 300_000);
afterAll(async () => h?.close());

describe('early warning finds the planted cases', () => {
  it('the ring of three firms sharing a MAC address across five projects, as a ring and in each section', async () => {
    const ring = planted.rings[0]!;
    const firms = sorted(ring.firms.map(entityId));
    const projects = ring.projects.map(projectId);
    const rings = (await warnings('fingerprint_ring')).filter((w) => w.evidence.value === ring.mac.replace(/-/g, '').toLowerCase());
    expect(rings).toHaveLength(1);
    expect(rings[0]!.evidence).toMatchObject({ kind: 'mac', bidders: firms });
    expect(sorted(rings[0]!.project_ids)).toEqual(sorted(projects));
    const sections = (await warnings('shared_fingerprint')).filter((w) => projects.includes(w.project_ids[0]!));
    expect(sorted(sections.map((w) => w.project_ids[0]!))).toEqual(sorted(projects));
    for (const w of sections) expect(w.entity_ids).toEqual(firms);
  });

  it('the split works, the 10-day bid period and the blacklisted winner', async () => {
    const split = (await warnings('contract_splitting')).find((w) => w.evidence.form === 'split' && w.project_ids.includes(projectId(planted.splits[0]!.projects[0]!)));
    expect(sorted(split!.project_ids)).toEqual(sorted(planted.splits[0]!.projects.map(projectId)));
    expect(split!.entity_ids).toEqual([entityId(planted.splits[0]!.initiator)]);
    expect(split!.evidence).toMatchObject({ total: '4500000', threshold: '4000000' });

    const short = (await warnings('short_bid_period')).find((w) => w.project_ids[0] === projectId(planted.shortBidPeriods[0]!));
    expect(short!.evidence).toMatchObject({ days: 10, requiredDays: 20, mustTender: 1 });

    const listed = planted.blacklistedWinners[0]!;
    const found = (await warnings('blacklisted_winner')).find((w) => w.project_ids[0] === projectId(listed.project) && w.evidence.kind === 'blacklist');
    expect(found!.entity_ids).toEqual([entityId(listed.firm)]);
    expect(found!.severity).toBe('high');
  });

  it('the firm with many bids and no wins', async () => {
    const loser = planted.perpetualLosers[0]!;
    const found = (await warnings('perpetual_loser')).filter((w) => w.entity_ids[0] === entityId(loser.firm));
    expect(found.map((w) => w.evidence.year)).toContain(loser.year);
    expect(Number(found.find((w) => w.evidence.year === loser.year)!.evidence.bids)).toBeGreaterThanOrEqual(loser.bids);
  });

  it('reports what the clean part of the region raises', async () => {
    const plantedProjects = new Set(
      [
        ...planted.rings.flatMap((r) => r.projects),
        ...planted.splits.flatMap((s) => s.projects),
        ...planted.shortBidPeriods,
        ...planted.blacklistedWinners.map((b) => b.project),
      ].map(projectId),
    );
    const plantedFirms = new Set(
      [...planted.rings.flatMap((r) => r.firms), ...planted.perpetualLosers.map((l) => l.firm), ...planted.blacklistedWinners.map((b) => b.firm)].map(entityId),
    );
    const { rows } = await h.hub.database.pool.query<{ indicator: string; project_ids: number[]; entity_ids: number[] }>(
      `select indicator, project_ids::int[], entity_ids::int[] from warnings`,
    );
    const clean = rows.filter((w) => !w.project_ids.some((p) => plantedProjects.has(p)) && !w.entity_ids.some((e) => plantedFirms.has(e)));
    const { rows: counts } = await h.hub.database.pool.query<{ n: number }>(`select count(*)::int as n from projects`);
    const table = Object.fromEntries(INDICATORS.map((i) => [i, clean.filter((w) => w.indicator === i).length]));
    console.log(`early warning on the demo region (${counts[0]!.n} projects): ${rows.length} warnings, ${clean.length} from the clean part:`, table);
    // The clean part is random trading: nothing in it shares a fingerprint across bidders.
    expect(table.fingerprint_ring).toBe(0);
  });
});

describe('the run after each sync', () => {
  it('raises new evidence incrementally, and a dismissed warning is not raised again', async () => {
    const before = await warnings('shared_fingerprint');
    const target = before[0]!;
    await h.hub.database.pool.query(`update warnings set status = 'dismissed', decision_note = '同一招标代理机构的投标室' where id = $1`, [target.id]);
    const full = await h.hub.services.warningRuns!.runFull();
    expect(full.status).toBe('done');
    const after = await warnings('shared_fingerprint');
    expect(after.map((w) => w.id)).toEqual(before.map((w) => w.id));
    expect(after.find((w) => w.id === target.id)!.status).toBe('dismissed');
    const { rows } = await h.hub.database.pool.query<{ kind: string; status: string }>(`select kind, status from warning_runs order by id`);
    expect(rows.at(-1)).toEqual({ kind: 'full', status: 'done' });
    expect(rows.every((r) => r.status === 'done')).toBe(true);
  });
});
