import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_DEFINITIONS } from '../src/supervision/indicators';
import { INDICATORS } from '../src/supervision/supervision.enums';
import { earlyWarningBench } from './helpers/early-warning';
import type { EntityRow, ProjectRow } from './helpers/factories';

/**
 * Each indicator on small cases made by hand, at, just below and just above its threshold,
 * through the real path: Postgres rows, the analytics sync into the embedded ClickHouse
 * engine, the indicator's query, and the warning raised in Postgres.
 */
const DAY = 86_400_000;
let b: Awaited<ReturnType<typeof earlyWarningBench>>;

beforeAll(async () => {
  b = await earlyWarningBench('early_warning_indicators');
}, 120_000);
afterAll(async () => b?.close());

/** A project registered 60 days ago whose bids opened 40 days ago. */
async function section(over: Parameters<typeof b.f.project>[0] = {}) {
  return b.f.project({ registeredAt: new Date(Date.now() - 60 * DAY), bidOpeningAt: new Date(Date.now() - 40 * DAY), ...over });
}
let fp = 0;
/** A bid sent before the opening with fingerprints of its own unless told otherwise. */
async function bid(p: ProjectRow, bidder: EntityRow, over: Parameters<typeof b.f.bid>[2] = {}) {
  const n = ++fp;
  return b.f.bid(p, bidder, {
    submittedAt: new Date(p.bidOpeningAt!.getTime() - DAY),
    machineCode: `MC-${n}`,
    macAddress: `00:1A:2B:00:00:${String(n % 100).padStart(2, '0')}`,
    ipAddress: `10.1.${Math.floor(n / 250)}.${n % 250}`,
    fileHash: `hash-${n}`,
    ...over,
  });
}
const firms = (n: number) => Promise.all(Array.from({ length: n }, () => b.f.entity()));

describe('the indicator set', () => {
  it('every indicator has a query and they all run on the real engine', async () => {
    expect(Object.keys(INDICATOR_DEFINITIONS).sort()).toEqual([...INDICATORS].sort());
    const result = await b.run();
    expect(result.status).toBe('done');
    expect(Object.keys(result.indicators).sort()).toEqual([...INDICATORS].sort());
  });
});

describe('collusion by fingerprint', () => {
  it('flags two bidders of one section sharing a MAC address, not one bidder with two bids, and ignores placeholders', async () => {
    const [x, y, z] = await firms(3);
    const shared = await section();
    await bid(shared, x!, { macAddress: '00-1A-2B-3C-4D-5E' });
    await bid(shared, y!, { macAddress: '00:1a:2b:3c:4d:5e' });
    await bid(shared, z!);
    const alone = await section();
    await bid(alone, x!, { machineCode: 'SAME' });
    await bid(alone, x!, { machineCode: 'SAME' });
    await bid(alone, y!);
    const placeholder = await section();
    await bid(placeholder, x!, { ipAddress: '暂无', machineCode: '-' });
    await bid(placeholder, y!, { ipAddress: '暂无', machineCode: '-' });
    await b.run();
    const raised = await b.raisedFor('shared_fingerprint', [shared.id, alone.id, placeholder.id]);
    expect(raised).toHaveLength(1);
    expect(raised[0]!.project_id).toBe(shared.id);
    expect(raised[0]!.entity_ids.sort()).toEqual([x!.id, y!.id].sort());
    expect(raised[0]!.evidence).toMatchObject({ shares: [{ kind: 'mac', value: '001a2b3c4d5e', bidders: [x!.id, y!.id].sort() }] });
    expect(raised[0]!.summary).toContain('MAC');
  });

  it('leaves out values on the platform allow-list (a trading hall kiosk)', async () => {
    const [x, y] = await firms(2);
    const p = await section();
    await bid(p, x!, { ipAddress: '202.99.1.1' });
    await bid(p, y!, { ipAddress: '202.99.1.1' });
    await b.run({ fingerprints: { allowList: { P152900: ['202.99.1.1'] } } });
    expect(await b.raisedFor('shared_fingerprint', [p.id])).toEqual([]);
    await b.run();
    expect(await b.raisedFor('shared_fingerprint', [p.id])).toHaveLength(1);
  });

  it('flags a ring: one machine code under two bidders across three projects, not across two', async () => {
    const [x, y] = await firms(2);
    const projects = [await section(), await section(), await section()];
    await bid(projects[0]!, x!, { machineCode: 'RING-A' });
    await bid(projects[1]!, y!, { machineCode: 'RING-A' });
    await bid(projects[2]!, x!, { machineCode: 'RING-A' });
    const pair = [await section(), await section()];
    await bid(pair[0]!, x!, { machineCode: 'PAIR-B' });
    await bid(pair[1]!, y!, { machineCode: 'PAIR-B' });
    await b.run();
    const ring = await b.raisedFor(
      'fingerprint_ring',
      projects.map((p) => p.id),
    );
    expect(ring).toHaveLength(1);
    expect(ring[0]!.evidence).toMatchObject({ kind: 'machine', value: 'ring-a' });
    expect([...ring[0]!.project_ids].sort()).toEqual(projects.map((p) => p.id).sort());
    expect(
      await b.raisedFor(
        'fingerprint_ring',
        pair.map((p) => p.id),
      ),
    ).toEqual([]);
  });
});
