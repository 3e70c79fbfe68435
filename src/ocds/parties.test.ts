import { describe, expect, it } from 'vitest';
import type { JsonObject } from './ocds.types';
import { findParty } from './parties';
import { regionOfAddress } from './region';

describe('findParty', () => {
  const release: JsonObject = {
    parties: [
      { id: '19', name: '某科技有限公司', identifier: { id: '914403001922038216' }, address: { locality: '阿拉善盟阿拉善左旗' } },
      { id: 'GB-COH-04142000', identifier: { scheme: 'gb-coh', id: '04142000', legalName: 'Eastern Surfacing Ltd' }, additionalIdentifiers: [{ scheme: 'GB-CHC', id: 1089464 }] },
      { id: 'x', name: 'Known by name', identifier: { legalName: 'Known by name' } },
    ],
  };

  it('finds the party a reference names, comparing ids as strings, and infers CN-USCC for a valid USCC without a scheme', () => {
    expect(findParty(release, { id: 19 }, '/awards/0/suppliers/0')).toMatchObject({
      id: '19',
      party: { name: '某科技有限公司', identifier: { scheme: 'CN-USCC', id: '914403001922038216' }, region: '152921' },
      pointers: { name: '/parties/0/name', 'identifier.id': '/parties/0/identifier/id', region: '/parties/0/address/locality' },
    });
  });

  it('takes the legal name when there is no name, upper-cases the scheme, keeps additional identifiers', () => {
    expect(findParty(release, { id: 'GB-COH-04142000' }, '/buyer')!.party).toEqual({
      name: 'Eastern Surfacing Ltd',
      identifier: { scheme: 'GB-COH', id: '04142000' },
      additionalIdentifiers: [{ scheme: 'GB-CHC', id: '1089464' }],
    });
  });

  it('knows a party with no identifier by its name alone', () => {
    expect(findParty(release, { id: 'x' }, '/buyer')!.party).toEqual({ name: 'Known by name' });
  });

  it('reads an organisation written out in place when no party has its id', () => {
    expect(findParty(release, { name: 'Embedded', identifier: { scheme: 'CO-RUE', id: 811006026 } }, '/tender/procuringEntity')).toMatchObject({
      party: { name: 'Embedded', identifier: { scheme: 'CO-RUE', id: '811006026' } },
      pointers: { '': '/tender/procuringEntity', name: '/tender/procuringEntity/name' },
    });
  });
});

describe('regionOfAddress', () => {
  it.each([
    [{ region: '内蒙古自治区', locality: '阿拉善盟阿拉善左旗', streetAddress: '巴彦浩特镇' }, '152921'],
    [{ region: '152923' }, '152923'],
    [{ locality: '呼和浩特' }, '150100'],
    [{ region: '内蒙古' }, '150000'],
    // Entities register anywhere in China: a code or an unambiguous name elsewhere is a region too.
    [{ region: '110000' }, '110000'],
    [{ region: '北京市', locality: '朝阳区' }, '110105'],
  ])('%j → %s', (address, code) => expect(regionOfAddress(address)?.code).toBe(code));

  it.each([[{ postalCode: '750306' }], [{ region: 'London', postalCode: 'N11 1NP' }], [{ locality: '朝阳区' }], [null]])('%j names no region the hub can tell', (address) => {
    expect(regionOfAddress(address)).toBeUndefined();
  });
});
