import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber, makeUscc, Factory, type EntityRow } from './helpers/factories';
import { codes, createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let f: Factory;
let creditKey: string;
let listed: EntityRow;
let clean: EntityRow;
let person: EntityRow;

const CHECK = `query($codes: [String!]!, $asOf: Date) { creditStatus(codes: $codes, asOf: $asOf) {
  input code valid problem known name blacklisted restricted
  activeBlacklistEntries { listType startsOn endsOn removedOn } penalties { decisionNumber decidedOn } creditRecords { title } } }`;

const check = (list: string[], asOf?: string, key = creditKey) => hub.gql(CHECK, { key, variables: { codes: list, asOf } });

beforeAll(async () => {
  hub = await createTestHub();
  f = new Factory(hub.database.db, hub.services);
  creditKey = await f.key('credit');
  listed = await f.entity();
  clean = await f.entity();
  person = await f.person();
  // Listed from 2025-03-01 to 2026-02-28, removed early by credit repair on 2025-09-01.
  await f.blacklistEntry(listed, { listType: 'market_ban', startsOn: '2025-03-01', endsOn: '2026-02-28', removedOn: '2025-09-01', removalReason: '信用修复' });
  await f.penalty(listed);
  await f.creditRecord(clean);
  await f.blacklistEntry(person, { startsOn: '2025-01-01' });
});
afterAll(async () => hub?.close());

describe('creditStatus: the batch check', () => {
  it('answers valid, invalid and unknown codes in one batch, in input order, without failing the batch', async () => {
    const unknown = makeUscc();
    const badCheck = `${listed.uscc!.slice(0, 17)}${listed.uscc![17] === 'A' ? 'B' : 'A'}`;
    const r = await check([clean.uscc!, 'not-a-code', unknown, badCheck, `  ${listed.uscc!.toLowerCase()} `], '2025-05-01');
    expect(r.errors).toBeUndefined();
    const rows = r.data!.creditStatus;
    expect(rows.map((x: { valid: boolean; known: boolean }) => [x.valid, x.known])).toEqual([
      [true, true],
      [false, false],
      [true, false],
      [false, false],
      [true, true],
    ]);
    expect(rows[1].problem).toBeTruthy();
    expect(rows[3].problem).toMatch(/check character/);
    expect(rows[4].code).toBe(listed.uscc);
    expect(rows[4].blacklisted).toBe(true);
    expect(rows[4].restricted).toBe(true);
    expect(rows[4].penalties).toHaveLength(1);
    expect(rows[0].creditRecords.map((c: { title: string }) => c.title)).toEqual(['守合同重信用企业']);
    expect(rows[0].blacklisted).toBe(false);
  });

  it('answers "was it blacklisted on that day?" before, during and after a listing, and after its removal', async () => {
    const on = async (day: string) => (await check([listed.uscc!], day)).data!.creditStatus[0].blacklisted;
    expect(await on('2025-02-28')).toBe(false); // before
    expect(await on('2025-03-01')).toBe(true); // first day
    expect(await on('2025-08-31')).toBe(true); // during
    expect(await on('2025-09-01')).toBe(false); // removed (信用修复) that day
    expect(await on('2026-06-01')).toBe(false); // after its end
  });

  it('takes at most 1,000 codes, naming the argument', async () => {
    const ok = await check(Array.from({ length: 1000 }, () => clean.uscc!));
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.creditStatus).toHaveLength(1000);
    const tooMany = await check(Array.from({ length: 1001 }, () => clean.uscc!));
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors![0]!.extensions!.argument).toBe('codes');
  });

  it('finds natural persons by ID number and never shows the number unmasked', async () => {
    const r = await check([person.personIdNumber!, makeIdNumber()], '2025-05-01');
    expect(r.raw).not.toContain(person.personIdNumber!);
    const [found, other] = r.data!.creditStatus;
    expect(found.known).toBe(true);
    expect(found.blacklisted).toBe(true);
    expect(found.code).toMatch(/^\d{4}\*+\w{4}$/);
    expect(other.known).toBe(false);
  });

  it('is for credit, supervisor and admin keys only', async () => {
    for (const role of ['policy', 'platform']) {
      const key = await f.key(role, role === 'platform' ? { platform: 'P152900' } : {});
      expect(codes(await check([clean.uscc!], undefined, key)), role).toEqual(['FORBIDDEN']);
    }
    expect(codes(await hub.gql('{ creditStatus(codes: ["x"]) { valid } }'))).toEqual(['UNAUTHENTICATED']);
  });
});
