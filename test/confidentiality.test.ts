import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type EntityRow } from './helpers/factories';
import { createTestHub, type TestHub } from './helpers/test-hub';

const DAY = 86_400_000;
let hub: TestHub;
let f: Factory;
let person: EntityRow;
const keys: Record<string, string> = {};

beforeAll(async () => {
  hub = await createTestHub();
  f = new Factory(hub.database.db, hub.services);
  person = await f.person();
  keys.admin = await f.key('admin');
  keys.platform = await f.key('platform', { platform: 'P152900' });
  keys.supervisor = await f.key('supervisor', { department: '阿拉善盟财政局', categories: ['construction'], regions: ['152900'] });
  keys.credit = await f.key('credit');
});
afterAll(() => hub.close());

const BIDS = (id: number) => `{ project(id: "${id}") { bidsSealed bids { price bidder { name } } } }`;

describe('bid confidentiality before opening (开标)', () => {
  it('withholds bid prices and bidders from everyone but admin until bid opening', async () => {
    const project = await f.project({ bidOpeningAt: new Date(Date.now() + 3 * DAY) });
    await f.bid(project, await f.entity(), { price: '888888.88' });
    const admin = await hub.gql(BIDS(project.id), { key: keys.admin });
    expect(admin.data!.project).toMatchObject({ bidsSealed: false, bids: [{ price: '888888.88' }] });
    for (const who of ['platform', 'supervisor']) {
      const r = await hub.gql(BIDS(project.id), { key: keys[who] });
      expect(r.errors).toBeUndefined();
      expect(r.data!.project).toEqual({ bidsSealed: true, bids: null });
      expect(r.raw).not.toContain('888888.88');
    }
  });

  it('treats a project without an opening time as not yet opened', async () => {
    const project = await f.project({ bidOpeningAt: null });
    await f.bid(project, await f.entity());
    const r = await hub.gql(BIDS(project.id), { key: keys.platform });
    expect(r.data!.project).toEqual({ bidsSealed: true, bids: null });
  });

  it('shows the bids once the opening time has passed', async () => {
    const project = await f.project({ bidOpeningAt: new Date(Date.now() - 60_000) });
    await f.bid(project, await f.entity(), { price: '777777.77' });
    const r = await hub.gql(BIDS(project.id), { key: keys.supervisor });
    expect(r.data!.project.bidsSealed).toBe(false);
    expect(r.data!.project.bids).toEqual([expect.objectContaining({ price: '777777.77' })]);
  });
});

describe('personal ID numbers', () => {
  it('are masked in every response and never appear in full', async () => {
    const raw = person.personIdNumber!;
    const masked = `${raw.slice(0, 4)}**********${raw.slice(-4)}`;
    const listed = await hub.gql(`{ entities(filter: { name: "${f.tag}", kind: person }) { nodes { name idNumber } } }`, { key: keys.credit });
    expect(listed.data!.entities.nodes).toEqual([{ name: person.name, idNumber: masked }]);
    expect(listed.raw).not.toContain(raw);

    const project = await f.project({ bidOpeningAt: new Date(Date.now() - DAY) });
    await f.bid(project, person);
    const asBidder = await hub.gql(`{ project(id: "${project.id}") { bids { bidder { idNumber } } } }`, { key: keys.admin });
    expect(asBidder.data!.project.bids[0].bidder.idNumber).toBe(masked);
    expect(asBidder.raw).not.toContain(raw);
  });
});
