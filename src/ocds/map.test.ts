import { describe, expect, it } from 'vitest';
import { mapCompiledRelease } from './map';
import type { MapOptions } from './map-context';
import type { JsonObject } from './ocds.types';

const OCID = 'ocds-nm1529-1';
const USCC = { buyer: '9144030071526726XG', a: '91330100716105852F', b: '914403001922038216' };

/** A compiled release of a process that got as far as its fields say; every place reads as `/releases/0` + its pointer. */
function makeCompiled(fields: object = {}): JsonObject {
  return {
    ocid: OCID,
    id: `${OCID}-2025-06-01T10:00:00+08:00`,
    date: '2025-06-01T10:00:00+08:00',
    tag: ['compiled'],
    parties: [
      { id: 'buyer', name: '阿拉善盟教育局', identifier: { scheme: 'CN-USCC', id: USCC.buyer }, address: { locality: '阿拉善盟' }, roles: ['buyer'] },
      { id: 'a', name: '甲公司', identifier: { scheme: 'CN-USCC', id: USCC.a }, roles: ['tenderer', 'supplier'] },
      { id: 'b', name: '乙公司', identifier: { scheme: 'CN-USCC', id: USCC.b }, roles: ['tenderer'] },
    ],
    buyer: { id: 'buyer', name: '阿拉善盟教育局' },
    tender: {
      id: 'T-1',
      title: '教学设备采购',
      status: 'active',
      value: { amount: 500000, currency: 'CNY' },
      procurementMethod: 'open',
      tenderPeriod: { endDate: '2025-05-20T09:30:00+08:00' },
    },
    ...(fields as JsonObject),
  };
}
const map = (fields: object = {}, options: MapOptions = {}) =>
  mapCompiledRelease({ ocid: OCID, release: makeCompiled(fields), releaseIds: ['r1'], locate: (p) => ({ path: `/releases/0${p}`, releaseId: 'r1' }) }, options);
const ofType = (fields: object, type: string) => map(fields).records.filter((r) => r.record.type === type);
const project = (fields: object = {}, options: MapOptions = {}) => map(fields, options).records[0]!.record;

describe('project', () => {
  it('maps tender and buyer, with the region from the buyer’s address and the amount as given with its currency', () => {
    expect(project()).toMatchObject({
      type: 'project',
      id: OCID,
      version: '2025-06-01T10:00:00+08:00',
      projectCode: 'T-1',
      title: '教学设备采购',
      region: '152900',
      initiator: { name: '阿拉善盟教育局', identifier: { scheme: 'CN-USCC', id: USCC.buyer }, region: '152900' },
      budget: 500000,
      currency: 'CNY',
      procurementMethod: 'open_tender',
      status: 'tendering',
      bidOpeningAt: '2025-05-20T09:30:00+08:00',
    });
    expect(project({}, { region: '152921' }).region).toBe('152921');
  });

  it('keeps a foreign currency, and defaults to CNY only when none is given', () => {
    expect(project({ tender: { id: 'T', value: { amount: '12.50', currency: 'gbp' } } })).toMatchObject({ budget: '12.50', currency: 'GBP' });
    expect(project({ tender: { id: 'T', value: { amount: 7 } } })).toMatchObject({ budget: 7, currency: 'CNY' });
    expect(project({ tender: { id: 'T' } })).not.toHaveProperty('currency');
  });

  it('takes the procuring entity as agency when it is another organisation', () => {
    const tender = { id: 'T', procuringEntity: { id: 'a', name: '甲公司' } };
    expect(project({ tender }).agency).toEqual({ name: '甲公司', identifier: { scheme: 'CN-USCC', id: USCC.a } });
    expect(project({ tender: { id: 'T', procuringEntity: { id: 'buyer' } } })).not.toHaveProperty('agency');
  });

  it('prefers a Chinese procurement method label in procurementMethodDetails over the coarse OCDS code', () => {
    expect(project({ tender: { id: 'T', procurementMethod: 'limited', procurementMethodDetails: '竞争性磋商' } }).procurementMethod).toBe('competitive_consultation');
    expect(project({ tender: { id: 'T', procurementMethod: 'direct', procurementMethodDetails: 'Direct award' } }).procurementMethod).toBe('single_source');
  });

  it.each([
    [{ tender: { status: 'planned' } }, 'registered'],
    [{ tender: { status: 'active' } }, 'tendering'],
    [{ tender: { status: 'complete' } }, 'awarded'],
    [{ tender: { status: 'cancelled' } }, 'terminated'],
    [{ awards: [{ id: '1', status: 'pending' }] }, 'tendering'],
    [{ awards: [{ id: '1', status: 'active' }] }, 'awarded'],
    [{ awards: [{ id: '1' }], contracts: [{ id: 'c', status: 'pending' }] }, 'awarded'],
    [{ awards: [{ id: '1' }], contracts: [{ id: 'c', status: 'active' }] }, 'contracted'],
  ])('status from %j is %s', (fields, status) => expect(project(fields).status).toBe(status));

  it('says where each field came from, and where a missing one was expected', () => {
    const { origin } = map({ tender: { id: 'T', value: { amount: 1 } } }).records[0]!;
    expect(origin).toMatchObject({ ocid: OCID, releaseIds: ['r1'] });
    expect(origin.paths).toMatchObject({
      budget: '/releases/0/tender/value/amount',
      title: '/releases/0/tender/title',
      'initiator.identifier.id': '/releases/0/parties/0/identifier/id',
      'initiator.uscc': '/releases/0/parties/0/identifier/id',
      region: '/releases/0/parties/0/address/locality',
    });
  });
});

describe('items', () => {
  const withItems = (items: unknown) => map({ tender: { id: 'T', items } });

  it('maps tender items with their classification, quantity (a number or a decimal string), unit and lot', () => {
    const { records, problems } = withItems([
      {
        id: 1,
        description: '教学用台式计算机',
        classification: { scheme: '政府采购品目分类', id: 'A02010104', description: '台式计算机' },
        quantity: '120',
        unit: { scheme: 'UNCEFACT', id: 'H87', name: '台' },
        relatedLot: 1,
      },
      { id: 'p2', classification: { scheme: 'CPV', id: 30213300 }, quantity: 2.5, unit: { id: 'KGM' } },
      { id: 'p3', description: '  安装调试  ' },
    ]);
    expect(problems).toEqual([]);
    expect(records[0]!.record.items).toEqual([
      { id: '1', description: '教学用台式计算机', scheme: '政府采购品目分类', code: 'A02010104', label: '台式计算机', quantity: 120, unit: '台', lotCode: '1' },
      { id: 'p2', scheme: 'CPV', code: '30213300', quantity: 2.5, unit: 'KGM' },
      { id: 'p3', description: '安装调试' },
    ]);
    expect(records[0]!.origin.paths).toMatchObject({
      items: '/releases/0/tender/items',
      'items.0.code': '/releases/0/tender/items/0/classification/id',
      'items.0.unit': '/releases/0/tender/items/0/unit/name',
      'items.1.unit': '/releases/0/tender/items/1/unit/id',
      'items.0.lotCode': '/releases/0/tender/items/0/relatedLot',
    });
  });

  it('leaves no items field when the tender lists none, or only items with nothing the hub keeps', () => {
    expect(project()).not.toHaveProperty('items');
    expect(withItems([]).records[0]!.record).not.toHaveProperty('items');
    expect(withItems([{ deliveryAddresses: [{ region: 'East of England' }] }]).records[0]!.record).not.toHaveProperty('items');
  });

  it('keeps the project and the rest of an item when one of its values cannot be kept, and names each such value as a problem', () => {
    const { records, problems } = withItems([
      { id: 'a', description: '桌椅', quantity: '若干', unit: '套' },
      { id: 'b', classification: { id: 'A05010101', description: '办公桌' }, quantity: -3 },
      { id: 'c', classification: 'A05010101', relatedLot: 'x'.repeat(101) },
      'not an item',
    ]);
    expect(records[0]!.record.items).toEqual([{ id: 'a', description: '桌椅', unit: '套' }, { id: 'b', label: '办公桌' }, { id: 'c' }]);
    expect(problems.map((p) => [p.path, p.reason])).toEqual([
      ['/releases/0/tender/items/3', 'must be an object, found string'],
      ['/releases/0/tender/items/0/quantity', expect.stringMatching(/number.*"若干"; the item is kept without it$/)],
      ['/releases/0/tender/items/1/classification/id', expect.stringMatching(/without a scheme means nothing.*"A05010101"/)],
      ['/releases/0/tender/items/1/quantity', expect.stringMatching(/>=0.*-3; the item is kept without it$/)],
      ['/releases/0/tender/items/2/classification', expect.stringMatching(/must be an object with scheme and id/)],
      ['/releases/0/tender/items/2/relatedLot', expect.stringMatching(/100 characters/)],
    ]);
  });

  it('cuts long descriptions and labels as it cuts titles, and keeps the first 1000 items', () => {
    const long = withItems([{ id: 1, description: '长'.repeat(1200), classification: { scheme: 'CPV', id: '1', description: '名'.repeat(600) } }]);
    expect(long.records[0]!.record.items).toEqual([expect.objectContaining({ description: '长'.repeat(1000), label: '名'.repeat(500) })]);
    const many = withItems(Array.from({ length: 1002 }, (_, i) => ({ id: i })));
    expect((many.records[0]!.record.items as unknown[]).length).toBe(1000);
    expect(many.problems).toEqual([expect.objectContaining({ path: '/releases/0/tender/items/1000', reason: expect.stringMatching(/first 1000 items.*2 more/) })]);
  });
});

describe('lots, bids, awards, contracts', () => {
  it('maps lots with their budgets', () => {
    expect(ofType({ tender: { id: 'T', lots: [{ id: 1, title: '一标段', value: { amount: 10 } }] } }, 'lot').map((r) => r.record)).toEqual([
      expect.objectContaining({ id: `${OCID}/lot/1`, project: OCID, lotCode: '1', name: '一标段', budget: 10, currency: 'CNY' }),
    ]);
  });

  it('maps submitted bids (not invitations) with their status, tenderer, value and date', () => {
    const bids = {
      details: [
        { id: 1, status: 'valid', date: '2025-05-19T10:00:00+08:00', tenderers: [{ id: 'a' }], value: { amount: 480000, currency: 'CNY' } },
        { id: 2, status: 'disqualified', tenderers: [{ id: 'b' }], value: { amount: 470000 } },
        { id: 3, status: 'invited', tenderers: [{ id: 'b' }] },
        { id: 4, status: 'withdrawn', tenderers: [{ id: 'a' }] },
      ],
    };
    expect(ofType({ bids }, 'bid').map((r) => r.record)).toEqual([
      expect.objectContaining({
        id: `${OCID}/bid/1`,
        bidder: expect.objectContaining({ name: '甲公司' }),
        price: 480000,
        submittedAt: '2025-05-19T10:00:00+08:00',
        status: 'valid',
      }),
      // No date: it was in by the tender period's end.
      expect.objectContaining({
        id: `${OCID}/bid/2`,
        bidder: expect.objectContaining({ name: '乙公司' }),
        price: 470000,
        submittedAt: '2025-05-20T09:30:00+08:00',
        status: 'disqualified',
      }),
      expect.objectContaining({ id: `${OCID}/bid/4`, status: 'withdrawn' }),
    ]);
  });

  it('keeps the one lot a bid or award relates to as its section, and none for several', () => {
    const bids = {
      details: [
        { id: 1, tenderers: [{ id: 'a' }], relatedLots: [2] },
        { id: 2, tenderers: [{ id: 'b' }], relatedLots: ['1', '2'] },
      ],
    };
    const awards = [{ id: 1, status: 'active', date: '2025-05-25T10:00:00+08:00', value: { amount: 1 }, suppliers: [{ id: 'a' }], relatedLots: ['2'] }];
    const records = map({ bids, awards }).records;
    const of = (id: string) => records.find((r) => r.record.id === id)!;
    expect(of(`${OCID}/bid/1`).record.lotCode).toBe('2');
    expect(of(`${OCID}/bid/1`).origin.paths.lotCode).toBe('/releases/0/bids/details/0/relatedLots/0');
    expect(of(`${OCID}/bid/2`).record.lotCode).toBeUndefined();
    expect(of(`${OCID}/award/1`).record.lotCode).toBe('2');
  });

  it('maps awards in force, one record per supplier', () => {
    const awards = [
      { id: 1, status: 'active', date: '2025-05-25T10:00:00+08:00', value: { amount: 480000 }, suppliers: [{ id: 'a' }, { id: 'b' }] },
      { id: 2, status: 'cancelled', suppliers: [{ id: 'b' }] },
    ];
    expect(ofType({ awards }, 'award').map((r) => [r.record.id, (r.record.winner as { name: string }).name, r.record.amount])).toEqual([
      [`${OCID}/award/1`, '甲公司', 480000],
      [`${OCID}/award/1/supplier/b`, '乙公司', 480000],
    ]);
  });

  it('finds a contract’s supplier through its award, ids compared as strings', () => {
    const awards = [{ id: 19, suppliers: [{ id: 'a' }], value: { amount: 1 } }];
    const contracts = [
      {
        id: 'C1',
        awardID: '19',
        status: 'active',
        value: { amount: 480000, currency: 'CNY' },
        dateSigned: '2025-06-01T10:00:00+08:00',
        period: { startDate: '2025-06-02T00:00:00+08:00', endDate: '2025-12-31T00:00:00+08:00' },
      },
      { id: 'C2', awardID: 'nowhere', dateSigned: '2025-06-01T10:00:00+08:00', value: { amount: 5 } },
    ];
    const [found, lost] = ofType({ awards, contracts }, 'contract');
    expect(found!.record).toMatchObject({
      id: `${OCID}/contract/C1`,
      supplier: { name: '甲公司' },
      contractCode: 'C1',
      amount: 480000,
      status: 'performing',
      periodStart: '2025-06-02',
      periodEnd: '2025-12-31',
    });
    // The supplier stays missing, so validation rejects it, pointing at the awardID that led nowhere.
    expect(lost!.record).not.toHaveProperty('supplier');
    expect(lost!.origin.paths.supplier).toBe('/releases/0/contracts/1/awardID');
  });

  it('maps transactions to payments and contract amendments to changes; tender and award amendments to notices of change', () => {
    const contracts = [
      {
        id: 'C1',
        dateSigned: '2025-06-01T10:00:00+08:00',
        value: { amount: 9 },
        implementation: { transactions: [{ id: 'T1', date: '2025-07-01T00:00:00+08:00', value: { amount: 100, currency: 'CNY' } }] },
        amendments: [{ id: 'A1', date: '2025-08-01T00:00:00+08:00', description: '工期延长' }],
      },
    ];
    const tender = { id: 'T', amendments: [{ id: 'x', date: '2025-05-10T00:00:00+08:00', rationale: '澄清' }] };
    const records = map({ tender, contracts }).records.map((r) => r.record);
    expect(records.filter((r) => r.type === 'contract_performance')).toEqual([
      expect.objectContaining({
        id: `${OCID}/contract/C1/transaction/T1`,
        contract: `${OCID}/contract/C1`,
        milestone: 'payment',
        paidAmount: 100,
        reportedAt: '2025-07-01T00:00:00+08:00',
      }),
      expect.objectContaining({ id: `${OCID}/contract/C1/amendment/A1`, milestone: 'change', note: '工期延长' }),
    ]);
    expect(records.filter((r) => r.type === 'notice')).toEqual([
      expect.objectContaining({ kind: 'change', title: '澄清', publishedAt: '2025-05-10T00:00:00+08:00', project: OCID }),
    ]);
  });

  it('reports a list that is not a list instead of dropping it silently', () => {
    const { problems, records } = map({ awards: { id: '1' } });
    expect(records.some((r) => r.record.type === 'award')).toBe(false);
    expect(problems).toEqual([{ ocid: OCID, releaseId: 'r1', path: '/releases/0/awards', reason: 'must be an array, found object' }]);
  });
});
