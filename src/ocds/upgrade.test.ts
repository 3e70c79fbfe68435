import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from './ocds.types';
import { publishedPointer, upgradeRelease } from './upgrade';

const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../test/fixtures/ocds/publishers/ocds-1.0-release-package.json'), 'utf8'));
const [tender, award] = pkg.releases as JsonObject[];

describe('upgradeRelease: OCDS 1.0 embedded organisations', () => {
  it('makes parties of the buyer, procuring entity and tenderers, with ids from their identifiers or names, and leaves references', () => {
    const { release, moved } = upgradeRelease(tender!);
    expect(release.parties).toEqual([
      expect.objectContaining({
        id: 'GB-LAC-E09000003',
        name: 'London Borough of Barnet',
        roles: ['buyer', 'procuringEntity'],
        address: expect.objectContaining({ postalCode: 'N11 1NP' }),
      }),
      expect.objectContaining({ id: 'GB-COH-1234567844', name: 'AnyCorp Cycle Provision', roles: ['tenderer'] }),
      // No identifier: known by its name.
      expect.objectContaining({ id: 'Pedal Works Cooperative', roles: ['tenderer'] }),
    ]);
    expect(release.buyer).toEqual({ id: 'GB-LAC-E09000003', name: 'London Borough of Barnet' });
    expect((release.tender as JsonObject).procuringEntity).toEqual({ id: 'GB-LAC-E09000003', name: 'London Borough of Barnet' });
    expect((release.tender as JsonObject).tenderers).toEqual([
      { id: 'GB-COH-1234567844', name: 'AnyCorp Cycle Provision' },
      { id: 'Pedal Works Cooperative', name: 'Pedal Works Cooperative' },
    ]);
    expect(moved).toContainEqual(['/parties/0', '/buyer']);
    expect(publishedPointer('/parties/1/identifier/id', moved)).toBe('/tender/tenderers/0/identifier/id');
  });

  it('gives a supplier the same party id in every release, so merging matches it', () => {
    const supplierIds = (r: JsonObject) => ((upgradeRelease(r).release.awards as JsonObject[])[0]!.suppliers as JsonObject[]).map((s) => s.id);
    const tenderers = ((upgradeRelease(tender!).release.tender as JsonObject).tenderers as JsonObject[]).map((t) => t.id);
    expect(supplierIds(award!)).toEqual(['GB-COH-1234567844']);
    expect(tenderers).toContain('GB-COH-1234567844');
  });

  it('turns 1.0 amendment into a one-element amendments list', () => {
    const { release, moved } = upgradeRelease(tender!);
    expect((release.tender as JsonObject).amendments).toEqual([expect.objectContaining({ id: '2010-03-20T09:45:00Z', rationale: 'Extra consultation period was required' })]);
    expect(publishedPointer('/tender/amendments/0/rationale', moved)).toBe('/tender/amendment/rationale');
  });

  it('leaves a 1.1 release as it is and does not change its input', () => {
    const r: JsonObject = { ocid: 'a', id: '1', parties: [{ id: 'p', name: 'P' }], buyer: { id: 'p', name: 'P' } };
    const copy = structuredClone(tender!);
    expect(upgradeRelease(r)).toEqual({ release: r, moved: [] });
    upgradeRelease(tender!);
    expect(tender).toEqual(copy);
  });
});
