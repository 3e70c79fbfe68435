import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_DEFINITIONS } from '../src/supervision/indicators';
import { INDICATORS } from '../src/supervision/supervision.enums';
import { earlyWarningBench } from './helpers/early-warning';
import { parseThresholds } from '../src/supervision/thresholds';
import { Factory, type EntityRow, type ProjectRow } from './helpers/factories';

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
    price: String(900_000 + n * 137) + '.00',
    ...over,
  });
}
const byNumber = (ids: number[]) => [...ids].sort((m, n) => m - n);
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
    expect(raised[0]!.entity_ids).toEqual(byNumber([x!.id, y!.id]));
    expect(raised[0]!.evidence).toMatchObject({ shares: [{ kind: 'mac', value: '001a2b3c4d5e', bidders: byNumber([x!.id, y!.id]) }] });
    expect(raised[0]!.summary).toContain('MAC');
  });

  it('compares bids within their section: one file under two bidders of one lot, not of two lots of a project', async () => {
    const [x, y] = await firms(2);
    const p = await section();
    await b.f.lot(p, { lotCode: '01' });
    await b.f.lot(p, { lotCode: '02' });
    await bid(p, x!, { lotCode: '01', fileHash: 'SAME-IN-ONE' });
    await bid(p, y!, { lotCode: '01', fileHash: 'SAME-IN-ONE' });
    const q = await section();
    await bid(q, x!, { lotCode: '01', fileHash: 'SAME-ACROSS' });
    await bid(q, y!, { lotCode: '02', fileHash: 'SAME-ACROSS' });
    await b.run();
    const raised = await b.raisedFor('shared_fingerprint', [p.id, q.id]);
    expect(raised.map((w) => [w.project_id, w.lot_code])).toEqual([[p.id, '01']]);
    expect(raised[0]!.evidence).toMatchObject({ shares: [{ kind: 'file', value: 'same-in-one' }] });
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

  it('brings an open warning up to date when its ring is found in one more project, and leaves a decided one and unchanged ones alone', async () => {
    const [x, y] = await firms(2);
    const open = [await section(), await section(), await section()];
    const decided = [await section(), await section(), await section()];
    for (const [i, p] of open.entries()) await bid(p, i % 2 ? y! : x!, { machineCode: 'GROWS-A' });
    for (const [i, p] of decided.entries()) await bid(p, i % 2 ? y! : x!, { machineCode: 'GROWS-B' });
    await b.run();
    const [first] = await b.raisedFor('fingerprint_ring', [open[0]!.id]);
    const [confirmed] = await b.raisedFor('fingerprint_ring', [decided[0]!.id]);
    await b.hub.database.pool.query(`update warnings set status = 'confirmed' where id = $1`, [confirmed!.id]);
    const events = async (id: number) =>
      (await b.hub.database.pool.query<{ action: string }>(`select action from warning_events where warning_id = $1 order by id`, [id])).rows.map((r) => r.action);
    await b.run(); // nothing new: nothing written
    expect(await events(first!.id)).toEqual(['raised']);
    const fourth = await section();
    await bid(fourth, x!, { machineCode: 'GROWS-A' });
    const fifth = await section();
    await bid(fifth, y!, { machineCode: 'GROWS-B' });
    await b.run();
    const [grown] = await b.raisedFor('fingerprint_ring', [open[0]!.id]);
    expect(grown!.id).toBe(first!.id);
    expect(byNumber(grown!.project_ids)).toEqual(byNumber([...open, fourth].map((p) => p.id)));
    expect(await events(first!.id)).toEqual(['raised', 'updated']);
    const [kept] = await b.raisedFor('fingerprint_ring', [decided[0]!.id]);
    expect(byNumber(kept!.project_ids)).toEqual(byNumber(decided.map((p) => p.id)));
    expect(await events(confirmed!.id)).toEqual(['raised']);
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
    expect(byNumber(ring[0]!.project_ids)).toEqual(byNumber(projects.map((p) => p.id)));
    expect(
      await b.raisedFor(
        'fingerprint_ring',
        pair.map((p) => p.id),
      ),
    ).toEqual([]);
  });
});

describe('price patterns', () => {
  it('flags identical prices of two bidders, not different ones', async () => {
    const [x, y, z] = await firms(3);
    const same = await section();
    await bid(same, x!, { price: '880000.00' });
    await bid(same, y!, { price: '880000.00' });
    await bid(same, z!);
    const differ = await section();
    await bid(differ, x!);
    await bid(differ, y!);
    await b.run();
    const raised = await b.raisedFor('identical_prices', [same.id, differ.id]);
    expect(raised.map((w) => w.project_id)).toEqual([same.id]);
    expect(raised[0]!.evidence).toMatchObject({ price: '880000', bidders: byNumber([x!.id, y!.id]) });
    // Credit keys read the summaries of confirmed warnings: the price stays in the evidence.
    expect(raised[0]!.summary).not.toContain('880000');
  });

  it('compares prices within a section: the same price in two lots of a project is no pattern', async () => {
    const [x, y] = await firms(2);
    const p = await section();
    await bid(p, x!, { lotCode: 'A', price: '770000.00' });
    await bid(p, y!, { lotCode: 'B', price: '770000.00' });
    await b.run();
    expect(await b.raisedFor('identical_prices', [p.id])).toEqual([]);
  });

  it('flags three prices in equal steps or whole-percent gaps, not two, not irregular ones', async () => {
    const three = await firms(3);
    const steps = await section();
    for (const [i, price] of ['1000000.00', '1010000.00', '1020000.00'].entries()) await bid(steps, three[i]!, { price });
    const percent = await section();
    for (const [i, price] of ['1000000.00', '1030000.00', '1070000.00'].entries()) await bid(percent, three[i]!, { price });
    const two = await section();
    for (const [i, price] of ['1000000.00', '1010000.00'].entries()) await bid(two, three[i]!, { price });
    const irregular = await section();
    for (const [i, price] of ['1000000.00', '1010000.00', '1020500.50'].entries()) await bid(irregular, three[i]!, { price });
    await b.run();
    const raised = await b.raisedFor('regular_prices', [steps.id, percent.id, two.id, irregular.id]);
    expect(raised.map((w) => [w.project_id, w.evidence.pattern]).sort((m, n) => Number(m[0]) - Number(n[0]))).toEqual([
      [steps.id, 'equal_steps'],
      [percent.id, 'whole_percent'],
    ]);
  });

  it('flags the same three bidders together in three sections, not in two', async () => {
    const trio = await firms(3);
    const sections = [await section(), await section(), await section()];
    for (const p of sections) for (const firm of trio) await bid(p, firm);
    await b.f.award(sections[0]!, trio[0]!);
    await b.f.award(sections[1]!, trio[1]!);
    const pair = await firms(3);
    const two = [await section(), await section()];
    for (const p of two) for (const firm of pair) await bid(p, firm);
    await b.run();
    const raised = await b.raisedFor(
      'recurring_bidder_set',
      [...sections, ...two].map((p) => p.id),
    );
    expect(raised).toHaveLength(1);
    expect(raised[0]!.severity).toBe('high'); // the wins rotate
    expect(raised[0]!.evidence).toMatchObject({ winners: byNumber([trio[0]!.id, trio[1]!.id]) });
  });

  it('flags a winning price within 1 % below the control price, not 1.5 % below', async () => {
    const [x] = await firms(1);
    const near = await section({ controlPrice: '1000000.00' });
    await b.f.award(near, x!, '990000.00');
    const far = await section({ controlPrice: '1000000.00' });
    await b.f.award(far, x!, '985000.00');
    await b.run();
    const raised = await b.raisedFor('win_near_control_price', [near.id, far.id]);
    expect(raised.map((w) => w.project_id)).toEqual([near.id]);
    expect(raised[0]!.evidence).toMatchObject({ awarded: '990000', controlPrice: '1000000', ratio: 0.99 });
  });

  it('flags a firm with many bids and no win in a year, not one that won once', async () => {
    const [loser, winner, other] = await firms(3);
    const projects = [await section(), await section(), await section()];
    for (const p of projects) {
      await bid(p, loser!);
      await bid(p, winner!);
      await bid(p, other!);
    }
    await b.f.award(projects[0]!, winner!);
    await b.run({ indicators: { perpetual_loser: { minBids: 3 } } });
    const raised = await b.raisedFor(
      'perpetual_loser',
      projects.map((p) => p.id),
    );
    expect(byNumber(raised.map((w) => w.entity_ids[0]!))).toEqual(byNumber([loser!.id, other!.id]));
    expect(raised[0]!.evidence).toMatchObject({ bids: 3 });
  });
});

describe('evaluation and disqualification', () => {
  it('flags every bid but the winner disqualified, not when one other stood', async () => {
    const [w, x, y] = await firms(3);
    const cleared = await section();
    await bid(cleared, w!);
    await bid(cleared, x!, { status: 'disqualified', statusReason: '资格不符' });
    await bid(cleared, y!, { status: 'disqualified' });
    await b.f.award(cleared, w!);
    const fair = await section();
    await bid(fair, w!);
    await bid(fair, x!, { status: 'disqualified' });
    await bid(fair, y!);
    await b.f.award(fair, w!);
    await b.run();
    const raised = await b.raisedFor('all_but_winner_disqualified', [cleared.id, fair.id]);
    expect(raised.map((r) => r.project_id)).toEqual([cleared.id]);
    expect(raised[0]!.entity_ids[0]).toBe(w!.id);
  });

  it('flags the lowest bid disqualified while a dearer one won', async () => {
    const [w, x] = await firms(2);
    const p = await section();
    await bid(p, x!, { price: '700000.00', status: 'disqualified' });
    await bid(p, w!, { price: '900000.00' });
    await b.f.award(p, w!, '900000.00');
    const q = await section();
    await bid(q, x!, { price: '700000.00' });
    await bid(q, w!, { price: '900000.00', status: 'disqualified' });
    await b.f.award(q, x!, '700000.00');
    await b.run();
    const raised = await b.raisedFor('lowest_bid_disqualified', [p.id, q.id]);
    expect(raised.map((r) => r.project_id)).toEqual([p.id]);
    expect(raised[0]!.evidence).toMatchObject({ lowestPrice: '700000', lowestBidder: x!.id, winner: w!.id });
  });

  it('flags a bidder whose bids are disqualified far more often than its peers', async () => {
    const peers = await firms(5);
    for (const [i, firm] of peers.entries()) {
      for (let k = 0; k < 4; k++) await bid(await section({ categoryCode: 'mining_rights' }), firm, { status: i === 0 ? 'disqualified' : 'valid' });
    }
    await b.run({ indicators: { high_disqualification_rate: { minBids: 4, minRate: 0.5 } } });
    const { rows } = await b.hub.database.pool.query<{ entity_ids: number[]; evidence: Record<string, unknown> }>(
      `select entity_ids::int[], evidence from warnings where indicator = 'high_disqualification_rate' and evidence->>'role' = 'bidder' and entity_ids && $1::bigint[]`,
      [peers.map((p) => p.id)],
    );
    expect(rows.map((r) => r.entity_ids)).toEqual([[peers[0]!.id]]);
    expect(rows[0]!.evidence).toMatchObject({ role: 'bidder', category: 'mining_rights', bids: 4, disqualified: 4, rate: 1 });
  });

  it("flags a winner's lead in score far beyond other sections' leads", async () => {
    const [w, x] = await firms(2);
    const sections = [];
    for (const lead of [1, 1.5, 2, 1, 2.5, 30]) {
      const p = await section({ categoryCode: 'emission_rights' });
      await bid(p, w!, { score: String(60 + lead) });
      await bid(p, x!, { score: '60' });
      await b.f.award(p, w!);
      sections.push(p);
    }
    await b.run({ indicators: { winner_score_outlier: { minBids: 2 } } });
    const raised = await b.raisedFor(
      'winner_score_outlier',
      sections.map((p) => p.id),
    );
    expect(raised.map((r) => r.project_id)).toEqual([sections[5]!.id]);
    expect(raised[0]!.evidence).toMatchObject({ winnerScore: 90, nextScore: 60, lead: 30 });
  });
});

describe('procedure', () => {
  it('flags a must-tender project with a 19-day bid period, not 20 days', async () => {
    const short = await section({ mustTender: true });
    await b.f.notice(short, { publishedAt: new Date(short.bidOpeningAt!.getTime() - 19 * DAY) });
    const legal = await section({ mustTender: true });
    await b.f.notice(legal, { publishedAt: new Date(legal.bidOpeningAt!.getTime() - 20 * DAY) });
    const consultation = await section({ procurementMethod: 'competitive_consultation', categoryCode: 'government_procurement' });
    await b.f.notice(consultation, { publishedAt: new Date(consultation.bidOpeningAt!.getTime() - 9 * DAY) });
    await b.run();
    const raised = await b.raisedFor('short_bid_period', [short.id, legal.id, consultation.id]);
    expect(raised.map((r) => [r.project_id, r.evidence.days, r.evidence.requiredDays])).toEqual([
      [short.id, 19, 20],
      [consultation.id, 9, 10],
    ]);
  });

  it('flags an award with two bidders, not three', async () => {
    const three = await firms(3);
    const few = await section();
    await bid(few, three[0]!);
    await bid(few, three[1]!);
    await bid(few, three[2]!, { status: 'withdrawn' });
    await b.f.award(few, three[0]!);
    const enough = await section();
    for (const firm of three) await bid(enough, firm);
    await b.f.award(enough, three[0]!);
    await b.run();
    const raised = await b.raisedFor('few_bidders_awarded', [few.id, enough.id]);
    expect(raised.map((r) => [r.project_id, r.evidence.bidders])).toEqual([[few.id, 2]]);
  });

  it('flags a winning bid sent after the bid opening', async () => {
    const [w, x] = await firms(2);
    const late = await section();
    await bid(late, w!, { submittedAt: new Date(late.bidOpeningAt!.getTime() + 30 * 60_000) });
    await bid(late, x!);
    await b.f.award(late, w!);
    const onTime = await section();
    await bid(onTime, w!, { submittedAt: new Date(onTime.bidOpeningAt!.getTime() - 60_000) });
    await b.f.award(onTime, w!);
    await b.run();
    const raised = await b.raisedFor('late_bid_won', [late.id, onTime.id]);
    expect(raised.map((r) => [r.project_id, r.evidence.minutesLate])).toEqual([[late.id, 30]]);
  });
});

describe('concentration and splitting', () => {
  it('flags a winner with one initiator more than the allowed times a year', async () => {
    const [initiator, w, other] = await firms(3);
    const often = [];
    for (let i = 0; i < 3; i++) {
      const p = await section({ initiatorId: initiator!.id, agencyId: null });
      await b.f.award(p, w!);
      often.push(p);
    }
    const twice = [];
    for (let i = 0; i < 2; i++) {
      const p = await section({ initiatorId: initiator!.id, agencyId: null });
      await b.f.award(p, other!);
      twice.push(p);
    }
    await b.run({ indicators: { repeated_winner: { maxPerYear: 2 } } });
    const raised = await b.raisedFor(
      'repeated_winner',
      [...often, ...twice].map((p) => p.id),
    );
    expect(raised.map((r) => r.entity_ids)).toEqual([[w!.id, initiator!.id]]);
    expect(raised[0]!.evidence).toMatchObject({ role: 'initiator', awards: 3 });
  });

  it('flags untendered pieces under 4,000,000 yuan that add up above it, and a must-tender project procured otherwise', async () => {
    const [initiator, lone] = await firms(2);
    const pieces = [
      await section({ initiatorId: initiator!.id, procurementMethod: 'inquiry', budget: '2500000.00', registeredAt: new Date(Date.now() - 60 * DAY) }),
      await section({ initiatorId: initiator!.id, procurementMethod: 'competitive_negotiation', budget: '1800000.00', registeredAt: new Date(Date.now() - 40 * DAY) }),
    ];
    const small = [
      await section({ initiatorId: lone!.id, procurementMethod: 'inquiry', budget: '1500000.00', registeredAt: new Date(Date.now() - 60 * DAY) }),
      await section({ initiatorId: lone!.id, procurementMethod: 'inquiry', budget: '1500000.00', registeredAt: new Date(Date.now() - 50 * DAY) }),
    ];
    const evaded = await section({ initiatorId: lone!.id, procurementMethod: 'single_source', budget: '9000000.00', mustTender: true });
    await b.run();
    const raised = await b.raisedFor(
      'contract_splitting',
      [...pieces, ...small, evaded].map((p) => p.id),
    );
    expect(raised.map((r) => [r.evidence.form, byNumber(r.project_ids)]).sort()).toEqual([
      ['evaded', [evaded.id]],
      ['split', byNumber(pieces.map((p) => p.id))],
    ]);
  });

  it('flags a winner blacklisted on the award date, or fined 2,000,000 yuan or more within three years before', async () => {
    const [listed, penalised, clean, small] = await firms(4);
    await b.f.blacklistEntry(listed!, { startsOn: new Date(Date.now() - 100 * DAY).toISOString().slice(0, 10), endsOn: null });
    await b.f.penalty(penalised!, { decidedOn: new Date(Date.now() - 400 * DAY).toISOString().slice(0, 10), amount: '2000000.00' });
    await b.f.penalty(clean!, { decidedOn: new Date(Date.now() - 4 * 366 * DAY).toISOString().slice(0, 10), amount: '5000000.00' });
    await b.f.penalty(small!, { decidedOn: new Date(Date.now() - 100 * DAY).toISOString().slice(0, 10), amount: '1999999.99' });
    const projects = [await section(), await section(), await section(), await section()];
    await b.f.award(projects[0]!, listed!);
    await b.f.award(projects[1]!, penalised!);
    await b.f.award(projects[2]!, clean!);
    await b.f.award(projects[3]!, small!);
    await b.run();
    const raised = await b.raisedFor(
      'blacklisted_winner',
      projects.map((p) => p.id),
    );
    expect(raised.map((r) => [r.project_id, r.severity, r.evidence.kind])).toEqual([
      [projects[0]!.id, 'high', 'blacklist'],
      [projects[1]!.id, 'medium', 'penalty'],
    ]);
  });
});

describe('the incremental run', () => {
  it('finds fence outliers in the category and year a new batch touched, with the thresholds of a full run', async () => {
    await b.run();
    // A batch of its own, so the sync sees it as new (the factories above share theirs).
    const f = new Factory(b.hub.database.db, b.hub.services);
    const peers = await Promise.all(Array.from({ length: 5 }, () => f.entity()));
    const sections = [];
    for (const [i, firm] of peers.entries()) {
      for (let k = 0; k < 4; k++) {
        const p = await f.project({ categoryCode: 'medical_purchase', registeredAt: new Date(Date.now() - 60 * DAY), bidOpeningAt: new Date(Date.now() - 40 * DAY) });
        await f.bid(p, firm, {
          submittedAt: new Date(Date.now() - 41 * DAY),
          machineCode: `MP-${i}-${k}`,
          status: i === 0 ? 'disqualified' : 'valid',
          score: String(k === 3 && i === 1 ? 95 : 60 + k),
        });
        await f.bid(p, peers[(i + 1) % 5]!, { submittedAt: new Date(Date.now() - 41 * DAY), machineCode: `MQ-${i}-${k}`, score: String(59 + k) });
        await f.award(p, firm);
        sections.push(p);
      }
    }
    const result = await b.runAfterSync(parseThresholds({ indicators: { high_disqualification_rate: { minBids: 4, minRate: 0.5 }, winner_score_outlier: { minBids: 2 } } }));
    expect(result.kind).toBe('incremental');
    const rates = await b.raisedFor(
      'high_disqualification_rate',
      sections.map((p) => p.id),
    );
    expect(rates.filter((w) => w.evidence.role === 'bidder').map((w) => w.entity_ids)).toEqual([[peers[0]!.id]]);
    const scores = await b.raisedFor(
      'winner_score_outlier',
      sections.map((p) => p.id),
    );
    expect(scores.map((w) => w.evidence.winnerScore)).toEqual([95]);
  });
});
