import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../ingestion/records';
import { importOcds, rejectionsOf } from './import';
import type { MappedRecord } from './map-context';
import type { Problem } from './ocds.types';

const fixture = (name: string) => readFileSync(path.resolve(__dirname, '../../test/fixtures/ocds', name), 'utf8');
const PARTY_FIELDS = ['initiator', 'agency', 'bidder', 'winner', 'supplier', 'complainant'];
const STAND_IN_USCC = '91330100716105852F';

/**
 * Today's push validation of a mapped record. fields.ts is being changed (in parallel) to
 * take parties as scheme-qualified identifiers and a record-level currency; until then a
 * party stands in as today's `{ uscc, name }` and currency is set aside. Every other field
 * is validated exactly as the hub will.
 */
function validateToday({ record, origin }: MappedRecord): Problem[] {
  const today: Record<string, unknown> = { ...record };
  delete today.currency;
  for (const field of PARTY_FIELDS) {
    const p = today[field] as { name?: string; identifier?: { scheme?: string; id: string }; region?: string } | undefined;
    if (p)
      today[field] = { ...(p.name ? { name: p.name } : {}), ...(p.region ? { region: p.region } : {}), uscc: p.identifier?.scheme === 'CN-USCC' ? p.identifier.id : STAND_IN_USCC };
  }
  const parsed = parseRecord(JSON.stringify(today));
  return parsed.ok ? [] : rejectionsOf(origin, parsed.errors);
}
const summary = (records: MappedRecord[]) => records.map((r) => `${String(r.record.type)} ${String(r.record.id)}`);

describe('importOcds on real publishers’ shapes', () => {
  it('UK Contracts Finder release package: the award-only release keeps the tender’s title and budget, amounts stay in GBP', () => {
    const r = importOcds(fixture('publishers/uk-contracts-finder-release-package.json'), { region: '152900' });
    expect(r.problems).toEqual([]);
    const ocid = 'ocds-b5fd17-2a1b6c0e-5f7d-4c3e-9a2b-7e4f1d2c3b4a';
    expect(summary(r.records)).toEqual([`project ${ocid}`, `award ${ocid}/award/${ocid.slice(12)}-832814-1`, `award ${ocid}/award/${ocid.slice(12)}-832814-2`]);
    const [project, award] = r.records;
    expect(project!.record).toMatchObject({ title: 'Highways Resurfacing Framework 2025-2029', budget: 12500000, currency: 'GBP', status: 'awarded', category: 'construction' });
    // Cambridgeshire publishes no identifier: a party known by its name.
    expect(project!.record.initiator).toEqual({ name: 'Cambridgeshire County Council' });
    expect(award!.record).toMatchObject({ winner: { name: 'Eastern Surfacing Ltd', identifier: { scheme: 'GB-COH', id: '04142000' } }, amount: 6250000.5, currency: 'GBP' });
    // The releases are given newest first: the title is the tender release's, the second in the file.
    expect(project!.origin.paths.title).toBe('/releases/1/tender/title');
    expect(award!.origin.paths.amount).toBe('/releases/0/awards/0/value/amount');
    expect(r.records.flatMap(validateToday)).toEqual([]);
  });

  it('Colombia record package without compiledRelease: compiled by the merge rules; the contract finds its award in an earlier release', () => {
    const r = importOcds(fixture('publishers/colombia-record-package.json'), { region: '152900' });
    expect(r.problems).toEqual([]);
    const ocid = 'ocds-k50g02-11-12-475154';
    expect(summary(r.records)).toEqual([
      `project ${ocid}`,
      `award ${ocid}/award/519480`,
      `contract ${ocid}/contract/519480`,
      `contract_performance ${ocid}/contract/519480/transaction/OP-2011-0931`,
      `contract_performance ${ocid}/contract/519480/amendment/1084360`,
    ]);
    const contract = r.records[2]!;
    expect(contract.record).toMatchObject({ supplier: { identifier: { scheme: 'CO-RUE', id: '811006026' } }, amount: 142000000, currency: 'COP', status: 'performing' });
    expect(contract.origin).toMatchObject({
      releaseIds: ['ocds-k50g02-11-12-475154-tender', 'ocds-k50g02-11-12-475154-award', 'ocds-k50g02-11-12-475154-contract'],
      paths: { amount: '/records/0/releases/2/contracts/0/value/amount', 'supplier.identifier.id': '/records/0/releases/1/parties/1/identifier/id' },
    });
    expect(r.records[0]!.record).toMatchObject({ title: 'PN MEVAL CD 008 2011', budget: 130432400, status: 'contracted', isElectronic: false });
    expect(r.records.flatMap(validateToday)).toEqual([]);
  });

  it('OCDS 1.0 release package: embedded organisations become parties, numeric ids read as text', () => {
    const r = importOcds(fixture('publishers/ocds-1.0-release-package.json'), { region: '152900' });
    expect(r.problems).toEqual([]);
    const award = r.records.find((x) => x.record.type === 'award')!;
    expect(award.record).toMatchObject({ id: 'ocds-213czf-000-00001/award/1', winner: { name: 'AnyCorp Cycle Provision', identifier: { scheme: 'GB-COH', id: '1234567844' } } });
    // The path names the organisation where the 1.0 publisher wrote it.
    expect(award.origin.paths['winner.identifier.id']).toBe('/releases/1/awards/0/suppliers/0/identifier/id');
    expect(r.records[0]!.record).toMatchObject({ projectCode: '1', initiator: { identifier: { scheme: 'GB-LAC', id: 'E09000003' } } });
    expect(r.records.flatMap(validateToday)).toEqual([]);
  });

  it('Paraguay record package with a compiledRelease and linked releases: the bids extension, lots, PYG', () => {
    const r = importOcds(fixture('publishers/paraguay-record-package-compiled.json'), { region: '152900' });
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => x.record.type)).toEqual(['project', 'lot', 'lot', 'bid', 'bid', 'award', 'contract']);
    expect(r.records.find((x) => x.record.id === 'ocds-03ad3f-372850-1/bid/2')!.origin.paths.price).toBe('/records/0/compiledRelease/bids/details/1/value/amount');
    expect(r.records.find((x) => x.record.type === 'contract')!.record).toMatchObject({ status: 'completed', currency: 'PYG', periodEnd: '2020-12-31' });
    expect(r.records.flatMap(validateToday)).toEqual([]);
  });

  it('JSON Lines of a Chinese publisher’s releases: the region from the buyer’s address, paths by line', () => {
    const r = importOcds(fixture('publishers/releases.jsonl'));
    expect(r.problems).toEqual([]);
    const project = r.records[0]!;
    expect(project.record).toMatchObject({ id: 'ocds-nm1529-2025-0042', region: '152921', budget: '860000.00', status: 'awarded', title: '阿拉善左旗中小学教学设备采购' });
    expect(project.record.agency).toMatchObject({ identifier: { scheme: 'CN-USCC', id: '91330100716105852F' } });
    expect(project.origin.paths).toMatchObject({ title: 'line 1: /tender/title', region: 'line 1: /parties/0/address/locality' });
    expect(r.records.find((x) => x.record.type === 'notice')!.origin.paths.publishedAt).toBe('line 3: /tender/amendments/0/date');
    expect(r.records.flatMap(validateToday)).toEqual([]);
  });

  it.each(['empty-0-bytes.json', 'empty-object.json', 'empty-releases.json'])('%s is an empty import', (file) => {
    expect(importOcds(fixture(file))).toEqual({ empty: true, problems: [], records: [] });
  });
});

describe('importOcds on a Chinese file that does not conform', () => {
  const r = importOcds(fixture('publishers/chinese-nonconforming.json'));
  const rejections = r.records.flatMap(validateToday);

  it('rejects record by record with reasons, never with an exception', () => {
    expect(r.empty).toBe(false);
    expect(r.problems.map((p) => [p.path, p.reason])).toEqual([
      ['/releases/0/ocid', 'the release has no ocid'],
      ['/releases/2', 'a release must be a JSON object, found string'],
      ['/releases/1/awards', 'must be an array, found object'],
    ]);
  });

  it('names the fields at fault by their OCDS paths', () => {
    const at = (ocid: string, path: string) => rejections.filter((x) => x.ocid === ocid && x.path === path).map((x) => /^[A-Z_]+/.exec(x.reason)![0]);
    expect(at('ocds-cn-2024-002', '/releases/1/tender/value/amount')).toEqual(['INVALID_AMOUNT']);
    expect(at('ocds-cn-2024-002', '/releases/1/tender/procurementMethod')).toEqual([]);
    expect(at('ocds-cn-2024-004', '/releases/3/tender/value/amount')).toEqual(['INVALID_AMOUNT']);
    expect(at('ocds-cn-2024-004', '/releases/3/date')).toContain('INVALID_DATE');
    expect(at('ocds-cn-2024-004', '/releases/3/awards/0/value/amount')).toEqual(['INVALID_AMOUNT']);
    // A supplier reference to no party: the award's winner has no name.
    expect(at('ocds-cn-2024-004', '/releases/3/awards/0/suppliers/0/name')).toEqual(['REQUIRED']);
    // No region configured and none in an address: rejected where the buyer should be.
    expect(rejections).toContainEqual(expect.objectContaining({ ocid: 'ocds-cn-2024-002', path: '/releases/1/buyer', reason: expect.stringMatching(/^REQUIRED \(region\)/) }));
  });
});

describe('importOcds on generated hostile input', () => {
  // Random trees of OCDS field names holding values of every JSON type; the seed is printed so a failure can be replayed.
  const seed = Number(process.env.OCDS_FUZZ_SEED ?? Date.now() % 1_000_000);
  let state = seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const KEYS = ['ocid', 'id', 'date', 'tag', 'releases', 'records', 'compiledRelease', 'parties', 'buyer', 'tender', 'awards', 'contracts', 'bids', 'details'] as const;
  const MORE = [
    'suppliers',
    'tenderers',
    'value',
    'amount',
    'currency',
    'identifier',
    'scheme',
    'name',
    'awardID',
    'lots',
    'amendments',
    'amendment',
    'implementation',
    'transactions',
    'address',
  ];
  const value = (depth: number): unknown => {
    const kind = depth > 4 ? pick(['s', 'n', 'null', 'b']) : pick(['s', 'n', 'null', 'b', 'o', 'o', 'a', 'a']);
    if (kind === 's') return pick(['', 'x', '19', '2024-01-01T00:00:00Z', '1,234万元', 'active', 'CN-USCC']);
    if (kind === 'n') return pick([0, 19, -5, 1.005, 1e308]);
    if (kind === 'b') return random() < 0.5;
    if (kind === 'null') return null;
    if (kind === 'a') return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [pick([...KEYS, ...MORE]), value(depth + 1)]));
  };

  const fields = () => Object.fromEntries(Array.from({ length: Math.floor(random() * 6) }, () => [pick(MORE), value(2)]));
  const list = () => (random() < 0.8 ? Array.from({ length: Math.floor(random() * 3) }, fields) : value(2));
  /** Mostly a release the mapper gets to, with wrong types anywhere below. */
  const release = () => ({
    ocid: pick(['ocds-f-1', 'ocds-f-2', 19, null]),
    id: value(4),
    date: random() < 0.8 ? `2024-01-0${1 + Math.floor(random() * 9)}T00:00:00Z` : value(4),
    parties: list(),
    buyer: random() < 0.5 ? { id: pick(['19', 19, 'x']) } : value(3),
    tender: { ...fields(), lots: list(), amendments: list() },
    bids: { details: list() },
    awards: list(),
    contracts: random() < 0.5 ? [{ ...fields(), implementation: { transactions: list() } }] : list(),
  });
  const makeDoc = () =>
    pick([
      () => value(0),
      () => ({ releases: [release(), release(), release()] }),
      () => ({ records: [{ ocid: 'ocds-f-3', releases: [release()], compiledRelease: random() < 0.5 ? release() : value(3) }] }),
    ])();

  it(`never throws and names every problem (seed ${seed})`, () => {
    for (let i = 0; i < 400; i++) {
      const doc = makeDoc();
      const text = random() < 0.2 ? [doc, makeDoc()].map((d) => JSON.stringify(d)).join('\n') : JSON.stringify(doc);
      const result = importOcds(text ?? '', { region: '152900' });
      for (const p of result.problems) expect(typeof p.path === 'string' && p.reason.length > 0, `seed ${seed} case ${i}`).toBe(true);
      expect(
        result.problems.filter((p) => p.reason.startsWith('could not compile or map')),
        `seed ${seed} case ${i}: ${text}`,
      ).toEqual([]);
    }
  });
});
