import { describe, expect, it } from 'vitest';
import { isValidIdNumber } from '../entities/id-number';
import { validateUscc } from '../entities/uscc';
import { CATEGORIES, HUB_LEAGUES } from '../registry/reference-data';
import { generateDemo } from './generator';

const until = new Date('2026-11-20T00:00:00Z');
const ds = generateDemo({ seed: 7, projects: 2000, until });

describe('demo generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(JSON.stringify(generateDemo({ seed: 7, projects: 2000, until }))).toBe(JSON.stringify(ds));
    expect(JSON.stringify(generateDemo({ seed: 8, projects: 2000, until }).projects[0])).not.toBe(JSON.stringify(ds.projects[0]));
  });

  it('makes entities with valid, unique USCCs and valid ID numbers', () => {
    const codes = ds.entities.filter((e) => e.uscc).map((e) => e.uscc!);
    expect(codes.every((c) => validateUscc(c).ok)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(ds.entities.filter((e) => e.personIdNumber).every((e) => isValidIdNumber(e.personIdNumber!))).toBe(true);
    expect(ds.experts.every((x) => isValidIdNumber(x.personIdNumber))).toBe(true);
  });

  it('covers every category and every league and city', () => {
    expect(new Set(ds.projects.map((p) => p.categoryCode))).toEqual(new Set(CATEGORIES.map((c) => c.code)));
    const leagueOf = (code: string) => (code.startsWith('1529') ? '152900' : code);
    const leagues = new Set(ds.projects.map((p) => leagueOf(p.regionCode)));
    for (const league of HUB_LEAGUES) expect(leagues).toContain(league.code);
  });

  it('has believable distributions: amounts over orders of magnitude, a few bidders, some single bids, cross-region winners', () => {
    const budgets = ds.projects.map((p) => Number(p.budget));
    expect(Math.max(...budgets) / Math.min(...budgets)).toBeGreaterThan(1000);
    const bidsPer = new Map<string, number>();
    for (const b of ds.bids) bidsPer.set(b.projectKey, (bidsPer.get(b.projectKey) ?? 0) + 1);
    const counts = [...bidsPer.values()];
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(mean).toBeGreaterThan(2);
    expect(mean).toBeLessThan(6);
    const single = counts.filter((c) => c === 1).length / counts.length;
    expect(single).toBeGreaterThan(0.03);
    expect(single).toBeLessThan(0.25);
    const entityRegion = new Map(ds.entities.map((e) => [e.key, e.regionCode]));
    const projectLeague = new Map(ds.projects.map((p) => [p.key, p.regionCode.startsWith('1529') ? '152900' : p.regionCode]));
    const cross = ds.awards.filter((a) => entityRegion.get(a.winnerKey) !== projectLeague.get(a.projectKey)).length / ds.awards.length;
    expect(cross).toBeGreaterThan(0.05);
    expect(cross).toBeLessThan(0.6);
  });

  it('never awards more than was bid, and keeps money as exact decimal strings', () => {
    const price = new Map(ds.bids.map((b) => [`${b.projectKey}/${b.bidderKey}`, b.price]));
    for (const a of ds.awards) expect(a.amount).toBe(price.get(`${a.projectKey}/${a.winnerKey}`));
    expect(ds.bids.every((b) => /^\d+\.\d{2}$/.test(b.price))).toBe(true);
  });

  it('leaves the newest projects still open for bids', () => {
    expect(ds.projects.some((p) => p.bidOpeningAt > until)).toBe(true);
  });
});
