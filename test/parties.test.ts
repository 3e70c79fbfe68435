import { randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../src/db/schema';
import { orgCodeCheckCharacter } from '../src/entities/org-code';
import { usccCheckCharacter, USCC_ALPHABET } from '../src/entities/uscc';
import { pushBatch } from '../src/ingestion/push-client';
import { Factory } from './helpers/factories';
import { ndjson, Records } from './helpers/records';
import { createTestHub, type TestHub } from './helpers/test-hub';

// Every kind of party (issue 12): USCC, ID number, the older organisation code, foreign and
// Hong Kong registrations in org-id form, and parties known only by name; one entity per
// identifier, and a party that shows its USCC later becomes one with what it was known as.

let hub: TestHub;
let f: Factory;
let baseUrl: string;
let alxa: string;
let credit: string;

beforeAll(async () => {
  hub = await createTestHub();
  baseUrl = await hub.listen();
  f = new Factory(hub.database.db, hub.services);
  alxa = await f.key('platform', { platform: 'P152900' });
  credit = await f.key('credit');
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const push = (records: object[]) => pushBatch(ndjson(records), { baseUrl, key: alxa, idempotencyKey: `${f.tag}-${Math.random()}` });

function makeOrgCode(): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += '0123456789ABCDEFGHJKLMNPQRTUWXY'[randomInt(31)];
  return body + orgCodeCheckCharacter(body);
}
/** The USCC an organisation with this code was given in 2015: the code is characters 9-17. */
const usccCarrying = (orgCode: string) => {
  const body = `91152900${orgCode}`;
  expect([...body].every((c) => USCC_ALPHABET.includes(c))).toBe(true);
  return body + usccCheckCharacter(body);
};

const WINNERS = `query($text: String!) { projects(filter: { text: $text }) { nodes { awards { currency winner { name uscc identifiedBy identifier { scheme id } } } } } }`;
const winnersOf = async (r: Records) => {
  const q = await hub.gql(WINNERS, { key: alxa, variables: { text: r.tag } });
  expect(q.errors).toBeUndefined();
  return q.data!.projects.nodes.flatMap((p: { awards: unknown[] }) => p.awards) as Array<{
    currency: string;
    winner: { name: string; uscc: string | null; identifiedBy: string; identifier: { scheme: string; id: string } | null };
  }>;
};
const entityIdsOf = async (r: Records) =>
  new Set(
    (
      await hub.database.db
        .select({ winner: t.awards.winnerId })
        .from(t.awards)
        .innerJoin(t.projects, eq(t.projects.id, t.awards.projectId))
        .where(sql`${t.projects.title} like ${`${r.tag}%`}`)
    ).map((a) => a.winner),
  );

describe('parties without a USCC', () => {
  it('keeps a foreign company by its register and number, one entity however the id is spelt (19 or "19")', async () => {
    const r = new Records();
    const number = randomInt(10_000_000, 99_999_999);
    const uk = { name: `${r.tag} Balfour Beatty plc`, identifier: { scheme: 'gb-coh', id: number } };
    const p1 = r.project();
    const p2 = r.project();
    const receipt = await push([
      p1,
      r.award(p1.id, uk, { currency: 'GBP' }),
      p2,
      r.award(p2.id, { ...uk, name: `${r.tag} BALFOUR BEATTY PLC`, identifier: { scheme: 'GB-COH', id: String(number) } }),
    ]);
    expect(receipt.counts).toMatchObject({ stored: 4, rejected: 0 });
    expect(await entityIdsOf(r)).toHaveLength(1);
    const winners = await winnersOf(r);
    expect(winners.map((w) => w.currency).sort()).toEqual(['CNY', 'GBP']);
    expect(winners[0]!.winner).toMatchObject({ uscc: null, identifiedBy: 'scheme', identifier: { scheme: 'GB-COH', id: String(number) } });
  });

  it('keeps a party known only by its name, the same name (spacing, full-width letters aside) naming the same entity', async () => {
    const r = new Records();
    const p1 = r.project();
    const p2 = r.project();
    await push([p1, r.award(p1.id, { name: `${r.tag} Constructora Andina SAS` }), p2, r.award(p2.id, { name: `${r.tag}  Constructora  Andina SAS` })]);
    expect(await entityIdsOf(r)).toHaveLength(1);
    expect((await winnersOf(r))[0]!.winner).toMatchObject({ identifiedBy: 'name', identifier: null, uscc: null });
  });

  it('refuses a malformed organisation code or register, naming the field, and keeps the good records', async () => {
    const r = new Records();
    const p = r.project();
    const good = makeOrgCode();
    const bad = good.slice(0, 8) + (good[8] === '1' ? '2' : '1');
    const receipt = await pushBatch(
      ndjson([
        p,
        r.award(p.id, { name: `${r.tag} 甲`, orgCode: bad }),
        r.bid(p.id, { name: `${r.tag} 乙`, identifier: { scheme: 'Companies House', id: '1' } }),
        r.bid(p.id, { name: `${r.tag} 丙`, orgCode: good }),
      ]),
      {
        baseUrl,
        key: alxa,
        idempotencyKey: `${f.tag}-${Math.random()}`,
      },
    );
    expect(receipt.counts).toMatchObject({ received: 4, stored: 2, rejected: 2 });
    const q = await hub.gql(`query($id: ID!) { batch(id: $id) { rejections { nodes { recordType errors { path code } } } } }`, { key: alxa, variables: { id: receipt.id } });
    const errors = q.data!.batch.rejections.nodes.flatMap((n: { errors: object[] }) => n.errors);
    expect(errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'winner.orgCode', code: 'INVALID_ORG_CODE' }), expect.objectContaining({ path: 'bidder.identifier.scheme' })]),
    );
  });
});

describe('a party that shows its USCC later', () => {
  it('is one entity with the party first known by the organisation code inside the USCC', async () => {
    const r = new Records();
    const orgCode = makeOrgCode();
    const p1 = r.project();
    const p2 = r.project();
    await push([p1, r.award(p1.id, { name: `${r.tag} 老字号建筑公司`, orgCode: `${orgCode.slice(0, 8)}-${orgCode[8]}` })]);
    await push([p2, r.award(p2.id, { name: `${r.tag} 老字号建筑有限公司`, uscc: usccCarrying(orgCode) })]);
    expect(await entityIdsOf(r)).toHaveLength(1);
    const winners = await winnersOf(r);
    expect(winners.map((w) => w.winner.uscc)).toEqual([usccCarrying(orgCode), usccCarrying(orgCode)]);
    // and a later record by the old code still finds it
    const p3 = r.project();
    await push([p3, r.award(p3.id, { name: 'x', orgCode })]);
    expect(await entityIdsOf(r)).toHaveLength(1);
  });

  it('is one entity with a foreign or name-only party when it lists that identifier, or bears that name', async () => {
    const r = new Records();
    const hk = { scheme: 'HK-CR', id: String(randomInt(1_000_000, 9_999_999)) };
    const [p1, p2, p3, p4] = [r.project(), r.project(), r.project(), r.project()];
    const viaHk = `${r.tag} 香港建业有限公司`;
    const uscc1 = usccCarrying(makeOrgCode());
    const uscc2 = usccCarrying(makeOrgCode());
    await push([p1, r.award(p1.id, { name: viaHk, identifier: hk }), p2, r.award(p2.id, { name: `${r.tag} 只有名字的公司` })]);
    await push([
      p3,
      r.award(p3.id, { name: viaHk, identifier: { scheme: 'CN-USCC', id: uscc1 }, additionalIdentifiers: [hk] }),
      p4,
      r.award(p4.id, { name: `${r.tag} 只有名字的公司`, uscc: uscc2 }),
    ]);
    expect(await entityIdsOf(r)).toHaveLength(2);
    const usccs = new Set((await winnersOf(r)).map((w) => w.winner.uscc));
    expect(usccs).toEqual(new Set([uscc1, uscc2]));
  });
  it('sends later records to the USCC holder when a party kept apart shows that USCC beside its old identifier', async () => {
    const r = new Records();
    const uk = { scheme: 'GB-COH', id: String(randomInt(10_000_000, 99_999_999)) };
    const uscc = usccCarrying(makeOrgCode());
    const [p1, p2, p3, p4] = [r.project(), r.project(), r.project(), r.project()];
    await push([p1, r.award(p1.id, { name: `${r.tag} UK Branch Ltd`, identifier: uk }), p2, r.award(p2.id, { name: `${r.tag} 英国分公司`, uscc })]);
    expect(await entityIdsOf(r)).toHaveLength(2);
    await push([p3, r.award(p3.id, { name: `${r.tag} 英国分公司`, uscc, additionalIdentifiers: [uk] })]);
    await push([p4, r.award(p4.id, { name: `${r.tag} UK Branch Ltd`, identifier: uk })]);
    const [p4Winner] = await hub.database.db
      .select({ winner: t.awards.winnerId })
      .from(t.awards)
      .innerJoin(t.projects, eq(t.projects.id, t.awards.projectId))
      .where(eq(t.projects.projectCode, `${p4.id}-code`));
    const [holder] = await hub.database.db.select({ id: t.entities.id }).from(t.entities).where(eq(t.entities.uscc, uscc));
    expect(p4Winner!.winner).toBe(holder!.id);
  });
});

describe('credit lookups by any scheme', () => {
  it('finds a blacklisted party by its USCC, its organisation code or its register in org-id form', async () => {
    const r = new Records();
    const orgCode = makeOrgCode();
    const uscc = usccCarrying(orgCode);
    const uk = { scheme: 'GB-COH', id: String(randomInt(10_000_000, 99_999_999)) };
    await push([r.penalty({ name: `${r.tag} 有罚公司`, uscc }), r.penalty({ name: `${r.tag} Foreign Ltd`, identifier: uk })]);
    const q = await hub.gql(`query($codes: [String!]!) { creditStatus(codes: $codes) { input valid known name penalties { decisionNumber } problem } }`, {
      key: credit,
      variables: { codes: [uscc, `${orgCode.slice(0, 8)}-${orgCode[8]}`, `CN-OC-${orgCode}`, `GB-COH-${uk.id}`, `GB-COH:${uk.id}`] },
    });
    expect(q.errors).toBeUndefined();
    for (const status of q.data!.creditStatus) expect(status).toMatchObject({ valid: true, known: true, penalties: [expect.anything()] });
  });

  it('says what is wrong with a mistyped ID number as an ID number, and does not mask an unknown all-digit USCC', async () => {
    const allDigits = (() => {
      // An all-digit USCC whose characters 7-14 are no birth date ("00" month), so no ID number.
      for (;;) {
        const body = `9115290000${String(randomInt(1e5, 1e6 - 1))}0`;
        const check = usccCheckCharacter(body);
        if (/\d/.test(check)) return body + check;
      }
    })();
    const mistyped = '15292119800101123' + '5';
    const q = await hub.gql(`query($codes: [String!]!) { creditStatus(codes: $codes) { input code valid known problem } }`, {
      key: credit,
      variables: { codes: [allDigits, mistyped] },
    });
    const [usccStatus, idStatus] = q.data!.creditStatus;
    expect(usccStatus).toMatchObject({ input: allDigits, code: allDigits, valid: true, known: false });
    expect(idStatus.valid).toBe(false);
    expect(idStatus.problem).toMatch(/resident ID number/);
    expect(idStatus.input).not.toContain(mistyped);
  });
});
