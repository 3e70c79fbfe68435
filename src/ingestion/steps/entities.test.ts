import { describe, expect, it } from 'vitest';
import { withinRemit, forbidden } from '../pipeline/authority';
import { entityCode, planEntities } from './entities';
import { alxa, COMPANY, records, regions, v } from './fixtures.test-support';

const entity = (region: string | null) => ({ type: 'entity', id: `e-${region}`, version: v(1), uscc: COMPANY, name: 'Co', region });
const within = (code: string) => withinRemit(alxa, regions, code);
const plan = (region: string | null, known: { region: string | null } | undefined, regionWide = false) => {
  const group = records(entity(region));
  const existing = new Map(known ? [[entityCode(group[0]!), known]] : []);
  const p = planEntities(group, existing, regionWide, within, (r) => forbidden('region', alxa, `region ${r}`));
  return { masters: p.masters.length, observations: p.observations.length, refused: p.refused.map((r) => r.error.code) };
};

describe('plan entity records (authority, docs/security.md section 3)', () => {
  it('lets a source set a new entity, one registered in its remit, or one registered nowhere', () => {
    expect(plan('152921', undefined)).toEqual({ masters: 1, observations: 0, refused: [] });
    expect(plan('152921', { region: '152900' })).toEqual({ masters: 1, observations: 0, refused: [] });
    expect(plan(null, { region: null })).toEqual({ masters: 1, observations: 0, refused: [] });
  });

  it('keeps a record about an entity registered outside the remit as an observation only', () => {
    expect(plan('152921', { region: '150100' })).toEqual({ masters: 0, observations: 1, refused: [] });
  });

  it('refuses to move an entity out of the remit, unless the source speaks region-wide', () => {
    expect(plan('150100', { region: '152921' })).toEqual({ masters: 0, observations: 0, refused: ['FORBIDDEN'] });
    expect(plan('150100', { region: '152921' }, true)).toEqual({ masters: 1, observations: 0, refused: [] });
  });
});

describe("plan entity records of another region's organisation (a USCC issued outside the remit)", () => {
  const planFor = (region: string | null, known: { region: string | null } | undefined) => {
    const group = records(entity(region));
    const existing = new Map(known ? [[entityCode(group[0]!), known]] : []);
    const p = planEntities(
      group,
      existing,
      false,
      within,
      (r) => forbidden('region', alxa, `region ${r}`),
      () => '150100',
    );
    return { masters: p.masters.length, observations: p.observations.length, unregistered: p.unregistered.size };
  };

  it('creates it registered nowhere when the source names it first, whatever region it claims', () => {
    expect(planFor('152921', undefined)).toEqual({ masters: 1, observations: 0, unregistered: 1 });
    expect(planFor(null, undefined)).toEqual({ masters: 1, observations: 0, unregistered: 1 });
  });

  it('keeps every later record of the source about it as an observation, registered or not', () => {
    expect(planFor('152921', { region: null })).toEqual({ masters: 0, observations: 1, unregistered: 0 });
    expect(planFor('152921', { region: '150100' })).toEqual({ masters: 0, observations: 1, unregistered: 0 });
  });
});
