import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../src/db/schema';
import { pushBatch, type PushOptions } from '../src/ingestion/push-client';
import { Factory } from './helpers/factories';
import { ndjson, Records } from './helpers/records';
import { codes, createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let f: Factory;
let baseUrl: string;
let alxa: string;
let admin: string;

beforeAll(async () => {
  hub = await createTestHub();
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(hub.app.server.address() as AddressInfo).port}`;
  f = new Factory(hub.database.db, hub.services);
  alxa = await f.key('platform', { platform: 'P152900' });
  admin = await f.key('admin');
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const push = (lines: string[], over: Partial<PushOptions> = {}) =>
  pushBatch(lines, { baseUrl, key: alxa, idempotencyKey: `${f.tag}-${Math.random()}`, ...over });

const PROJECT = `query($text: String!) { projects(filter: { text: $text }) { nodes { id title budget provenance { batchId sourceRecordId }
  bids { price bidder { name uscc } } awards { amount winner { uscc } } initiator { uscc } } } }`;

describe('push: the happy path', () => {
  it('stores a project with its bids and award, visible through GraphQL with provenance', async () => {
    const r = new Records();
    const winner = r.firm();
    const project = r.project();
    const receipt = await push(ndjson([project, r.bid(project.id, winner), r.bid(project.id, r.firm('路桥有限公司'), { price: '990000' }), r.award(project.id, winner)]), { gzip: true });
    expect(receipt).toMatchObject({ status: 'committed', error: null, counts: { received: 4, stored: 4, rejected: 0, held: 0 } });
    const q = await hub.gql(PROJECT, { key: alxa, variables: { text: r.tag } });
    const p = q.data!.projects.nodes[0];
    expect(p.provenance).toEqual({ batchId: receipt.id, sourceRecordId: project.id });
    expect(p.bids.map((b: { price: string }) => b.price).sort()).toEqual(['950000.00', '990000.00']);
    expect(p.awards[0].winner.uscc).toBe(winner.uscc);
  });
});
