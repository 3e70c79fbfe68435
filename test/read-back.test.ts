import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '../src/entities/id-number';
import { pushBatch } from '../src/ingestion/push-client';
import { Factory, makeIdNumber } from './helpers/factories';
import { ndjson, Records } from './helpers/records';
import { codes, createTestHub, isolatedDatabase, type TestHub } from './helpers/test-hub';

/**
 * Issue 12: what a platform reads back of what it pushed. A database of its own, so that
 * "all my batches" and "all my held records" mean exactly what this file pushed.
 */
let hub: TestHub;
let baseUrl: string;
const keys: Record<'alxa' | 'hohhot' | 'admin' | 'credit' | 'supervisor', string> = {} as never;
const r = new Records();
const idNumber = makeIdNumber();
const expert = { type: 'expert', id: r.id('exp'), version: '2024-01-01T00:00:00+08:00', expertCode: `${r.tag}-EXP`, name: `${r.tag} 巴特尔`, idNumber, specialty: '工程造价' };
const opened = r.project({ bidOpeningAt: '2025-06-25T09:30:00+08:00' });
const sealedProject = r.project({ bidOpeningAt: '2099-01-01T09:30:00+08:00', status: 'tendering' });
const opening = (project: string) => ({
  type: 'bid_opening',
  id: r.id('open'),
  version: '2025-06-25T10:10:00+08:00',
  project,
  openedAt: '2025-06-25T09:30:00+08:00',
  bidsReceived: 3,
});
const evaluation = (project: string) => ({
  type: 'evaluation',
  id: r.id('eval'),
  version: '2025-06-26T18:00:00+08:00',
  project,
  formedAt: '2025-06-25T13:00:00+08:00',
  isRemote: true,
  reportedAt: '2025-06-26T17:30:00+08:00',
  members: [{ expertCode: expert.expertCode, role: '组长' }],
});
const firm = r.firm();
const penalty = r.penalty(firm);
const blacklist = {
  type: 'blacklist_entry',
  id: r.id('bl'),
  version: '2025-03-20T10:00:00+08:00',
  subject: firm,
  listType: '严重违法失信名单',
  authority: '阿拉善盟发展和改革委员会',
  authorityRegion: '152900',
  basis: '串通投标',
  startsOn: '2025-03-20',
};
const credit = {
  type: 'credit_record',
  id: r.id('cr'),
  version: '2025-05-01T00:00:00+08:00',
  subject: firm,
  polarity: '守信',
  title: '守合同重信用企业',
  authority: '阿拉善盟市场监督管理局',
  authorityRegion: '152900',
  validFrom: '2025-05-01',
};
const orphanBid = r.bid(`${r.tag}-not-yet`, r.firm());
const hohhotPenalty = r.penalty(r.firm(), { authority: '呼和浩特市住房和城乡建设局', authorityRegion: '150100' });
const hohhotOrphan = r.award(`${r.tag}-hohhot-not-yet`, r.firm());
const batchIds: Record<string, string> = {};

beforeAll(async () => {
  hub = await createTestHub({}, { databaseUrl: await isolatedDatabase('read_back') });
  baseUrl = await hub.listen();
  const f = new Factory(hub.database.db, hub.services);
  keys.alxa = await f.key('platform', { platform: 'P152900' });
  keys.hohhot = await f.key('platform', { platform: 'P150100' });
  keys.admin = await f.key('admin');
  keys.credit = await f.key('credit');
  keys.supervisor = await f.key('supervisor', { department: '阿拉善盟住房和城乡建设局', categories: ['construction'], regions: ['152900'] });
  const push = async (name: string, key: string, records: object[]) =>
    (batchIds[name] = (await pushBatch(ndjson(records), { baseUrl, key, idempotencyKey: `${r.tag}-${name}` })).id);
  await push('trading', keys.alxa, [
    expert,
    opened,
    opening(opened.id),
    evaluation(opened.id),
    r.award(opened.id, firm),
    sealedProject,
    opening(sealedProject.id),
    evaluation(sealedProject.id),
    orphanBid,
  ]);
  await push('credit', keys.alxa, [penalty, blacklist, credit]);
  await push('hohhot', keys.hohhot, [hohhotPenalty, hohhotOrphan, { ...r.project({ region: '150100' }), projectCode: `${r.tag}-hohhot` }]);
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const gql = (who: keyof typeof keys, query: string) => hub.gql(query, { key: keys[who] });

describe('bid openings, evaluations and their experts', () => {
  const PROJECT = (code: string) => `{ projects(filter: { text: "${code}" }) { nodes { projectCode bidsSealed
    bidOpenings { openedAt isRemote bidsReceived provenance { sourceRecordId } }
    evaluations { isRemote reportedAt membersSealed members { role expert { expertCode name idNumber } } } } } }`;

  it('shows a platform its opened project with the opening and the committee, the expert ID number masked', async () => {
    const p = (await gql('alxa', PROJECT(opened.projectCode))).data!.projects.nodes[0];
    expect(p.bidsSealed).toBe(false);
    expect(p.bidOpenings).toEqual([{ openedAt: '2025-06-25T01:30:00.000Z', isRemote: false, bidsReceived: 3, provenance: { sourceRecordId: expect.stringContaining('open') } }]);
    expect(p.evaluations).toEqual([
      {
        isRemote: true,
        reportedAt: '2025-06-26T09:30:00.000Z',
        membersSealed: false,
        members: [{ role: 'chair', expert: { expertCode: expert.expertCode, name: expert.name, idNumber: maskIdNumber(idNumber) } }],
      },
    ]);
    expect(maskIdNumber(idNumber)).not.toBe(idNumber);
  });

  it('keeps the opening sealed with the bids, and the committee until the award, except for admin', async () => {
    const mine = (await gql('alxa', PROJECT(sealedProject.projectCode))).data!.projects.nodes[0];
    expect(mine).toMatchObject({ bidsSealed: true, bidOpenings: null, evaluations: [{ membersSealed: true, members: null }] });
    const admin = (await gql('admin', PROJECT(sealedProject.projectCode))).data!.projects.nodes[0];
    expect(admin).toMatchObject({ bidsSealed: false, bidOpenings: [{ bidsReceived: 3 }], evaluations: [{ membersSealed: false, members: [{ role: 'chair' }] }] });
    expect(admin.evaluations[0].members[0].expert.idNumber).toBe(maskIdNumber(idNumber));
  });

  it("shows them to a supervisor within remit, and not another platform's project", async () => {
    expect((await gql('supervisor', PROJECT(opened.projectCode))).data!.projects.nodes[0].evaluations[0].members[0].expert.idNumber).toBe(maskIdNumber(idNumber));
    expect((await gql('hohhot', PROJECT(opened.projectCode))).data!.projects.nodes).toEqual([]);
  });

  it('lists the experts a platform pushed, masked, and none of them to another platform', async () => {
    const q = `{ experts(expertCode: "${expert.expertCode}") { totalCount nodes { expertCode idNumber specialty } } }`;
    expect((await gql('alxa', q)).data!.experts).toEqual({ totalCount: 1, nodes: [{ expertCode: expert.expertCode, idNumber: maskIdNumber(idNumber), specialty: '工程造价' }] });
    expect((await gql('hohhot', q)).data!.experts).toEqual({ totalCount: 0, nodes: [] });
    expect(codes(await gql('hohhot', '{ experts(platformCode: "P152900") { totalCount } }'))).toEqual(['FORBIDDEN']);
    expect(codes(await gql('credit', q))).toEqual(['FORBIDDEN']);
  });
});

describe('batches', () => {
  const LIST = (args = '') => `{ batches${args} { totalCount pageInfo { hasNextPage endCursor } nodes { id idempotencyKey status counts { received held } } } }`;

  it("lists a platform's own batches newest first, never another platform's; admin lists all", async () => {
    const alxa = (await gql('alxa', LIST())).data!.batches;
    expect(alxa.nodes.map((b: any) => b.id)).toEqual([batchIds.credit, batchIds.trading]);
    expect(alxa.totalCount).toBe(2);
    const hohhot = (await gql('hohhot', LIST())).data!.batches;
    expect(hohhot.nodes.map((b: any) => b.id)).toEqual([batchIds.hohhot]);
    const all = (await gql('admin', LIST())).data!.batches.nodes.map((b: any) => b.id);
    expect(all).toEqual([batchIds.hohhot, batchIds.credit, batchIds.trading]);
    expect((await gql('admin', LIST('(filter: { platformCode: "P150100" })'))).data!.batches.nodes.map((b: any) => b.id)).toEqual([batchIds.hohhot]);
    expect(codes(await gql('alxa', LIST('(filter: { platformCode: "P150100" })')))).toEqual(['FORBIDDEN']);
    expect(codes(await gql('credit', LIST()))).toEqual(['FORBIDDEN']);
    expect(codes(await gql('alxa', `{ batch(id: "${batchIds.hohhot}") { id } }`))).toEqual(['NOT_FOUND']);
  });

  it('pages, and filters by status and day', async () => {
    const first = (await gql('alxa', LIST('(first: 1)'))).data!.batches;
    expect([first.nodes.map((b: any) => b.id), first.pageInfo.hasNextPage]).toEqual([[batchIds.credit], true]);
    const next = (await gql('alxa', LIST(`(first: 1, after: "${first.pageInfo.endCursor}")`))).data!.batches;
    expect([next.nodes.map((b: any) => b.id), next.pageInfo.hasNextPage]).toEqual([[batchIds.trading], false]);
    expect((await gql('alxa', LIST('(filter: { statuses: [open, failed] })'))).data!.batches.totalCount).toBe(0);
    expect((await gql('alxa', LIST('(filter: { statuses: [committed] })'))).data!.batches.totalCount).toBe(2);
    expect((await gql('alxa', LIST('(filter: { createdTo: "2020-01-01" })'))).data!.batches.totalCount).toBe(0);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await gql('alxa', LIST(`(filter: { createdFrom: "${today}", createdTo: "${today}" })`))).data!.batches.totalCount).toBe(2);
  });
});

describe('held records', () => {
  const HELD = '{ totalCount nodes { batchId line recordType recordId awaitingType awaitingId releasedAt } }';

  it('lists, per batch and per platform, what each held record waits for', async () => {
    const perBatch = (await gql('alxa', `{ batch(id: "${batchIds.trading}") { counts { held } heldRecords ${HELD} } }`)).data!.batch;
    const waiting = { batchId: batchIds.trading, line: 9, recordType: 'bid', recordId: orphanBid.id, awaitingType: 'project', awaitingId: orphanBid.project, releasedAt: null };
    expect(perBatch).toEqual({ counts: { held: 1 }, heldRecords: { totalCount: 1, nodes: [waiting] } });
    expect((await gql('alxa', `{ heldRecords ${HELD} }`)).data!.heldRecords).toEqual({ totalCount: 1, nodes: [waiting] });
    expect((await gql('hohhot', `{ heldRecords ${HELD} }`)).data!.heldRecords.nodes.map((h: any) => h.recordId)).toEqual([hohhotOrphan.id]);
    expect((await gql('admin', `{ heldRecords ${HELD} }`)).data!.heldRecords.totalCount).toBe(2);
    expect(codes(await gql('hohhot', `{ heldRecords(platformCode: "P152900") { totalCount } }`))).toEqual(['FORBIDDEN']);
  });

  it('says when and by which batch a held record was released, and no longer lists it as waiting', async () => {
    const later = r.project({ id: orphanBid.project, projectCode: `${r.tag}-later` });
    const receipt = await pushBatch(ndjson([later]), { baseUrl, key: keys.alxa, idempotencyKey: `${r.tag}-later` });
    batchIds.later = receipt.id;
    expect(receipt.counts.released).toBe(1);
    const node = (await gql('alxa', `{ batch(id: "${batchIds.trading}") { heldRecords { nodes { releasedAt releasedByBatchId } } } }`)).data!.batch.heldRecords.nodes[0];
    expect(node.releasedByBatchId).toBe(receipt.id);
    expect(node.releasedAt).not.toBeNull();
    expect((await gql('alxa', '{ heldRecords { totalCount } }')).data!.heldRecords.totalCount).toBe(0);
  });
});

describe('the penalties, blacklist entries and credit records a platform pushed', () => {
  const Q = `{ pushedPenalties { totalCount nodes { decisionNumber subject { uscc } provenance { sourceRecordId } } }
    pushedBlacklistEntries { totalCount nodes { listType subject { uscc } } }
    pushedCreditRecords { totalCount nodes { polarity title subject { uscc } } } }`;

  it('reads back its own, none of another platform, while the credit rows of an entity stay closed to it', async () => {
    const mine = (await gql('alxa', Q)).data!;
    expect(mine.pushedPenalties).toEqual({
      totalCount: 1,
      nodes: [{ decisionNumber: penalty.decisionNumber, subject: { uscc: firm.uscc }, provenance: { sourceRecordId: penalty.id } }],
    });
    expect(mine.pushedBlacklistEntries).toEqual({ totalCount: 1, nodes: [{ listType: 'serious_dishonest', subject: { uscc: firm.uscc } }] });
    expect(mine.pushedCreditRecords).toEqual({ totalCount: 1, nodes: [{ polarity: 'positive', title: '守合同重信用企业', subject: { uscc: firm.uscc } }] });
    const theirs = (await gql('hohhot', Q)).data!;
    expect(theirs.pushedPenalties.nodes.map((p: any) => p.decisionNumber)).toEqual([hohhotPenalty.decisionNumber]);
    expect([theirs.pushedBlacklistEntries.totalCount, theirs.pushedCreditRecords.totalCount]).toEqual([0, 0]);
    expect((await gql('admin', '{ pushedPenalties { totalCount } }')).data!.pushedPenalties.totalCount).toBe(2);
    expect(codes(await gql('alxa', `{ entity(uscc: "${firm.uscc}") { penalties { decisionNumber } } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await gql('credit', '{ pushedPenalties { totalCount } }'))).toEqual(['FORBIDDEN']);
    expect(codes(await gql('hohhot', '{ pushedPenalties(platformCode: "P152900") { totalCount } }'))).toEqual(['FORBIDDEN']);
  });
});

describe('docs/push-protocol.md, "Reading back what you pushed" and "Which night a batch counts for"', () => {
  const section = async (from: string, to: string) => {
    const doc = await readFile(new URL('../docs/push-protocol.md', import.meta.url), 'utf8');
    const text = doc.slice(doc.indexOf(from), doc.indexOf(to));
    return [...text.matchAll(/```graphql\n(.+?)```/gs)].map((m) => m[1]!);
  };
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  it('runs every read-back example with a platform key, and each answers with what this file pushed', async () => {
    const examples = await section('### Reading back what you pushed', '### Which night');
    expect(examples).toHaveLength(6);
    // The doc's batch id, project code and days stand for the reader's own.
    const run = async (query: string) => {
      const own = query
        .replace('"812"', `"${batchIds.trading}"`)
        .replace('ALS-GC-2025-0001', opened.projectCode)
        .replace(/2025-06-(01|30)/g, today);
      const answer = await gql('alxa', own);
      expect(answer.errors, own).toBeUndefined();
      return answer.data!;
    };
    const [batches, held, batch, credit, projects, experts] = await Promise.all(examples.map(run));
    expect(batches!.batches.nodes.map((b: any) => b.id)).toEqual([batchIds.later, batchIds.credit, batchIds.trading]);
    expect(held!.heldRecords.totalCount).toBe(0); // released by the later batch above
    expect(batch!.batch.heldRecords.nodes).toEqual([expect.objectContaining({ recordId: orphanBid.id, awaitingType: 'project', awaitingId: orphanBid.project })]);
    expect(credit!.pushedPenalties.nodes[0].decisionNumber).toBe(penalty.decisionNumber);
    expect(credit!.pushedBlacklistEntries.totalCount).toBe(1);
    expect(projects!.projects.nodes[0].evaluations[0].members[0].expert.idNumber).toBe(maskIdNumber(idNumber));
    expect(experts!.experts.nodes.map((e: any) => e.idNumber)).toEqual([maskIdNumber(idNumber)]);
  });

  it('counts a batch for the night that ends at the deadline after its sealing, and for the day it was sealed in the other figures', async () => {
    const [example] = await section('### Which night a batch counts for', "### A record's history");
    await hub.database.pool.query("update batches set sealed_at = '2025-06-30T23:30:00+08:00' where id = $1", [batchIds.credit]);
    await hub.database.pool.query("update batches set sealed_at = '2025-07-01T06:01:00+08:00' where id = $1", [batchIds.trading]);
    const answer = await gql('alxa', example!);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.dataQuality).toEqual([
      expect.objectContaining({ platform: { code: 'P152900' }, nightsExpected: 2, nightsDelivered: 1, timeliness: 0.5, batches: 2, recordsReceived: 12 }),
    ]);
    const figures = async (day: string) => {
      const q = (await gql('alxa', `{ dataQuality(from: "${day}", to: "${day}") { nightsDelivered batches } }`)).data!.dataQuality[0];
      return [q.nightsDelivered, q.batches];
    };
    // 23:30 on 30 June: 1 July's night, 30 June's batch. 06:01 on 1 July: 2 July's night, 1 July's batch.
    expect(await figures('2025-06-30')).toEqual([0, 1]);
    expect(await figures('2025-07-01')).toEqual([1, 1]);
    expect(await figures('2025-07-02')).toEqual([1, 0]);
  });
});
