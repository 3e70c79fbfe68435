import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushBatch } from '../src/ingestion/push-client';
import { Factory } from './helpers/factories';
import { ndjson, Records } from './helpers/records';
import { createTestHub, type TestHub } from './helpers/test-hub';

// The data early warning needs (issue 13): each bid's status and reason, score and rank; a
// project's control price, total investment and whether it must be tendered; the section
// (lot) each bid answers and each award decides.

let hub: TestHub;
let baseUrl: string;
let platform: string;

beforeAll(async () => {
  hub = await createTestHub();
  baseUrl = await hub.listen();
  platform = await new Factory(hub.database.db, hub.services).key('platform', { platform: 'P152900' });
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const Q = `query($text: String!) { projects(filter: { text: $text }) { nodes { controlPrice totalInvestment mustTender
  bids { price status statusReason score rank } } } }`;

describe('bid outcomes and project limits', () => {
  it('stores each bid as the evaluation left it, by code or Chinese label, and the limits the bids are judged by', async () => {
    const r = new Records();
    const p = r.project({ controlPrice: '1000000.00', totalInvestment: '1250000', mustTender: true });
    const receipt = await pushBatch(
      ndjson([
        p,
        r.bid(p.id, r.firm(), { price: '950000.00', status: '有效', score: 92.35, rank: 1 }),
        r.bid(p.id, r.firm(), { price: '700000.00', status: '否决投标', statusReason: '投标报价低于成本' }),
        r.bid(p.id, r.firm(), { price: '990000.00', status: 'withdrawn' }),
        r.bid(p.id, r.firm(), { price: '980000.00', score: 88 }),
        r.bid(p.id, r.firm(), { status: '作废' }),
        r.bid(p.id, r.firm(), { score: 1.2345 }),
        r.bid(p.id, r.firm(), { rank: 0 }),
      ]),
      { baseUrl, key: platform, idempotencyKey: `outcome-${r.tag}` },
    );
    expect(receipt.counts).toMatchObject({ stored: 5, rejected: 3 });
    const q = await hub.gql(Q, { key: platform, variables: { text: r.tag } });
    expect(q.errors).toBeUndefined();
    const [project] = q.data!.projects.nodes;
    expect(project).toMatchObject({ controlPrice: '1000000.00', totalInvestment: '1250000.00', mustTender: true });
    const byPrice = Object.fromEntries(project.bids.map((b: { price: string }) => [b.price, b]));
    expect(byPrice['950000.00']).toEqual({ price: '950000.00', status: 'valid', statusReason: null, score: 92.35, rank: 1 });
    expect(byPrice['700000.00']).toMatchObject({ status: 'disqualified', statusReason: '投标报价低于成本' });
    expect(byPrice['990000.00']).toMatchObject({ status: 'withdrawn' });
    expect(byPrice['980000.00']).toMatchObject({ status: 'valid', score: 88, rank: null });
  });

  it("keeps the section each bid answers and each award decides by lot code, whether the lot's record comes before or after", async () => {
    const r = new Records();
    const p = r.project();
    const [x, y] = [r.firm(), r.firm()];
    const lot2 = { type: 'lot', id: r.id('lot'), version: '2025-06-01T10:00:00+08:00', project: p.id, lotCode: '02', name: '第二标段', budget: '400000.00' };
    const first = await pushBatch(
      ndjson([
        p,
        r.bid(p.id, x, { price: '500000.00', lotCode: '01' }),
        r.bid(p.id, y, { price: '390000.00', lotCode: '02' }),
        r.bid(p.id, y, { price: '380000.00', lotCode: 'L'.repeat(101) }),
        r.award(p.id, y, { amount: '390000.00', lotCode: '02' }),
      ]),
      { baseUrl, key: platform, idempotencyKey: `lots-${r.tag}` },
    );
    expect(first.counts).toMatchObject({ stored: 4, rejected: 1 });
    const rejected = await hub.gql(`query($id: ID!) { batch(id: $id) { rejections { nodes { recordType errors { path } } } } }`, { key: platform, variables: { id: first.id } });
    expect(rejected.data!.batch.rejections.nodes).toEqual([{ recordType: 'bid', errors: [{ path: 'lotCode' }] }]);
    // The second lot's record arrives a night later; the first lot's never does.
    await pushBatch(ndjson([lot2]), { baseUrl, key: platform, idempotencyKey: `lots-late-${r.tag}` });
    const q = await hub.gql(`query($text: String!) { projects(filter: { text: $text }) { nodes { lots { lotCode budget } bids { price lotCode } awards { amount lotCode } } } }`, {
      key: platform,
      variables: { text: r.tag },
    });
    expect(q.errors).toBeUndefined();
    const [project] = q.data!.projects.nodes;
    expect(project.lots).toEqual([{ lotCode: '02', budget: '400000.00' }]);
    expect(project.bids).toEqual(
      expect.arrayContaining([
        { price: '500000.00', lotCode: '01' },
        { price: '390000.00', lotCode: '02' },
      ]),
    );
    expect(project.awards).toEqual([{ amount: '390000.00', lotCode: '02' }]);
  });
});
