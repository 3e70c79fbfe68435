import type { PlatformLevel, RegionLevel } from './registry.enums';

/**
 * The hub's reference data: the regions it serves (GB/T 2260), the nine trading catalogue
 * categories (seed 002 §2) and the platform catalogue (seed 000 Art. 10, 001 Art. 5).
 * Loaded at every start by an idempotent upsert, so a new release can add to it.
 */
export interface RegionSeed {
  code: string;
  name: string;
  nameEn: string;
  level: RegionLevel;
  parentCode: string | null;
  isLocalCode?: boolean;
}

export const REGIONS: RegionSeed[] = [
  { code: '150000', name: '内蒙古自治区', nameEn: 'Inner Mongolia Autonomous Region', level: 'region', parentCode: null },
  { code: '150100', name: '呼和浩特市', nameEn: 'Hohhot', level: 'league', parentCode: '150000' },
  { code: '150200', name: '包头市', nameEn: 'Baotou', level: 'league', parentCode: '150000' },
  { code: '150300', name: '乌海市', nameEn: 'Wuhai', level: 'league', parentCode: '150000' },
  { code: '150400', name: '赤峰市', nameEn: 'Chifeng', level: 'league', parentCode: '150000' },
  { code: '150500', name: '通辽市', nameEn: 'Tongliao', level: 'league', parentCode: '150000' },
  { code: '150600', name: '鄂尔多斯市', nameEn: 'Ordos', level: 'league', parentCode: '150000' },
  { code: '150700', name: '呼伦贝尔市', nameEn: 'Hulunbuir', level: 'league', parentCode: '150000' },
  { code: '150800', name: '巴彦淖尔市', nameEn: 'Bayannur', level: 'league', parentCode: '150000' },
  { code: '150900', name: '乌兰察布市', nameEn: 'Ulanqab', level: 'league', parentCode: '150000' },
  { code: '152200', name: '兴安盟', nameEn: 'Hinggan League', level: 'league', parentCode: '150000' },
  { code: '152500', name: '锡林郭勒盟', nameEn: 'Xilingol League', level: 'league', parentCode: '150000' },
  { code: '152900', name: '阿拉善盟', nameEn: 'Alxa League', level: 'league', parentCode: '150000' },
  { code: '152921', name: '阿拉善左旗', nameEn: 'Alxa Left Banner', level: 'county', parentCode: '152900' },
  { code: '152922', name: '阿拉善右旗', nameEn: 'Alxa Right Banner', level: 'county', parentCode: '152900' },
  { code: '152923', name: '额济纳旗', nameEn: 'Ejin Banner', level: 'county', parentCode: '152900' },
  // Development zones of Alxa League have no national code; the hub gives them local
  // codes under their league (seed 001 Art. 5 routes their projects separately).
  { code: '152971', name: '阿拉善高新技术产业开发区', nameEn: 'Alxa Hi-tech Industrial Development Zone', level: 'zone', parentCode: '152900', isLocalCode: true },
  { code: '152972', name: '孪井滩生态移民示范区', nameEn: 'Luanjingtan Ecological Migration Demonstration Zone', level: 'zone', parentCode: '152900', isLocalCode: true },
  { code: '152973', name: '乌兰布和生态沙产业示范区', nameEn: 'Ulan Buh Ecological Sand Industry Demonstration Zone', level: 'zone', parentCode: '152971', isLocalCode: true },
];

export const CATEGORIES = [
  { code: 'construction', name: '工程建设招标投标', nameEn: 'Construction works tendering' },
  { code: 'government_procurement', name: '政府采购', nameEn: 'Government procurement' },
  { code: 'land_use_rights', name: '土地使用权出让', nameEn: 'Land-use rights' },
  { code: 'mining_rights', name: '矿业权出让', nameEn: 'Mining rights' },
  { code: 'state_property', name: '国有产权交易', nameEn: 'State-owned property rights' },
  { code: 'medical_purchase', name: '药品和医用耗材集中采购', nameEn: 'Centralised purchase of drugs and medical consumables' },
  { code: 'emission_rights', name: '排污权交易', nameEn: 'Emission rights' },
  { code: 'concession', name: '特许经营权等', nameEn: 'Concessions and other public resources' },
  { code: 'other', name: '其他', nameEn: 'Other' },
] as const;

export type CategoryCode = (typeof CATEGORIES)[number]['code'];

export interface PlatformSeed {
  code: string;
  name: string;
  level: PlatformLevel;
  parentCode: string | null;
  regionCode: string;
  remitRegionCodes: string[];
}

const LEAGUE_CENTRES: PlatformSeed[] = REGIONS.filter((r) => r.level === 'league').map((r) => ({
  code: `P${r.code}`,
  name: `${r.name}公共资源交易中心`,
  level: 'league',
  parentCode: 'P150000',
  regionCode: r.code,
  remitRegionCodes: [r.code],
}));

export const PLATFORMS: PlatformSeed[] = [
  {
    code: 'P150000',
    name: '内蒙古自治区公共资源交易中心',
    level: 'region',
    parentCode: null,
    regionCode: '150000',
    remitRegionCodes: ['150000'],
  },
  ...LEAGUE_CENTRES,
  // The branches kept by Alxa League (seed 001 Art. 5); the Hi-tech zone's branch also
  // serves the Ulan Buh zone, which is its child in the region tree.
  { code: 'P152922', name: '阿拉善盟公共资源交易中心阿拉善右旗分中心', level: 'branch', parentCode: 'P152900', regionCode: '152922', remitRegionCodes: ['152922'] },
  { code: 'P152923', name: '阿拉善盟公共资源交易中心额济纳旗分中心', level: 'branch', parentCode: 'P152900', regionCode: '152923', remitRegionCodes: ['152923'] },
  { code: 'P152971', name: '阿拉善盟公共资源交易中心高新区分中心', level: 'branch', parentCode: 'P152900', regionCode: '152971', remitRegionCodes: ['152971'] },
];

/** Each platform pushes through its own data source, so provenance names the platform. */
export const pushSourceCode = (platformCode: string) => `push:${platformCode}`;
