import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushBatch } from '../src/ingestion/push-client';
import { loadRatesFile } from '../src/registry/exchange-rates.service';
import { Factory } from './helpers/factories';
import { analyticsHub, type AnalyticsHub } from './helpers/analytics';
import { ndjson, Records } from './helpers/records';

// Money with its currency (issue 12): nothing sums pounds as yuan. Statistics convert by the
// month's rate, and leave out (and count) what has no rate.

let h: AnalyticsHub;
let platform: string;
let dir: string;

beforeAll(async () => {
  h = await analyticsHub('currency', { projects: 20, seed: 5 });
  platform = await new Factory(h.hub.database.db, h.hub.services).key('platform', { platform: 'P152900' });
  dir = await mkdtemp(path.join(tmpdir(), 'rates-'));
}, 180_000);
afterAll(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

const FIGURES = `query($input: StatisticsInput!) { statistics(input: $input) { rows { values { measure value amount } } } }`;
async function figures() {
  await h.hub.services.analytics.sync!.syncPending();
  const r = await h.hub.gql(FIGURES, {
    key: h.adminKey,
    variables: { input: { measures: ['BUDGET_TOTAL', 'AWARD_TOTAL', 'AMOUNTS_LEFT_OUT', 'PROJECTS'], filter: { from: '2025-06-01', to: '2025-06-30', regionCode: '152923' } } },
  });
  expect(r.errors).toBeUndefined();
  const values = r.data!.statistics.rows[0].values as Array<{ measure: string; value: number | null; amount: string | null }>;
  const of = (m: string) => values.find((v) => v.measure === m)!;
  return { budget: Number(of('BUDGET_TOTAL').amount ?? 0), award: Number(of('AWARD_TOTAL').amount ?? 0), leftOut: of('AMOUNTS_LEFT_OUT').value, projects: of('PROJECTS').value };
}

describe('amounts in other currencies', () => {
  it('are left out of the yuan totals and counted until a rate for their month is loaded, then converted', async () => {
    const before = await figures();
    const r = new Records();
    const gbp = r.project({ region: '152923', currency: 'GBP', budget: '100000.00', registeredAt: '2025-06-02T09:00:00+08:00' });
    const cny = r.project({ region: '152923', budget: '500000.00', registeredAt: '2025-06-03T09:00:00+08:00' });
    const receipt = await pushBatch(
      ndjson([
        gbp,
        r.award(gbp.id, r.firm(), { amount: '90000.00', currency: 'GBP', awardedAt: '2025-06-20T10:00:00+08:00' }),
        cny,
        r.award(cny.id, r.firm(), { amount: '450000.00' }),
      ]),
      {
        baseUrl: h.baseUrl,
        key: platform,
        idempotencyKey: `currency-${r.tag}`,
      },
    );
    expect(receipt.counts).toMatchObject({ stored: 4, rejected: 0 });

    const unconverted = await figures();
    expect(unconverted.projects).toBe(before.projects! + 2);
    expect(unconverted.budget).toBeCloseTo(before.budget + 500000, 2);
    expect(unconverted.award).toBeCloseTo(before.award + 450000, 2);
    expect(unconverted.leftOut).toBe(before.leftOut! + 1);

    const file = path.join(dir, 'rates.csv');
    await writeFile(file, 'currency,month,yuan_per_unit,source\nGBP,2025-06,9.7850,test\nGBP,2025-13,9,test\n');
    const loaded = await loadRatesFile(h.hub.database.db, file);
    expect(loaded.loaded).toBe(1);
    expect(loaded.problems).toEqual([expect.objectContaining({ line: 3, field: 'month' })]);
    await h.hub.services.analytics.sync!.resyncForeignAmounts();

    const converted = await figures();
    expect(converted.budget).toBeCloseTo(before.budget + 500000 + 978500, 2);
    expect(converted.award).toBeCloseTo(before.award + 450000 + 880650, 2);
    expect(converted.leftOut).toBe(before.leftOut);

    const reconciled = await h.hub.gql('{ analyticsReconciliation { differences { table measure } } }', { key: h.adminKey });
    expect(reconciled.data!.analyticsReconciliation.differences).toEqual([]);
  });
});
