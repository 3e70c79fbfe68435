import { NATIONAL_DIVISIONS } from './divisions/divisions';
import type { PlatformLevel, RegionLevel } from './registry.enums';

/**
 * The hub's reference data: the regions (GB/T 2260, every province, prefecture and county
 * of China, since entities register anywhere; divisions/README.md names the source), the
 * nine trading catalogue categories (seed 002 §2) and the platform catalogue (seed 000
 * Art. 10, 001 Art. 5). Loaded at every start by an idempotent upsert, so a new release
 * can add to it.
 */
export interface RegionSeed {
  code: string;
  name: string;
  nameEn: string;
  level: RegionLevel;
  parentCode: string | null;
  isLocalCode?: boolean;
}

/** The region the hub serves: its platforms, projects and statistics lie in this subtree. */
export const HUB_REGION_CODE = '150000';

/** English names of the hub's own regions; elsewhere the Chinese name stands for itself. */
const NAMES_EN: Record<string, string> = {
  '150000': 'Inner Mongolia Autonomous Region',
  '150100': 'Hohhot',
  '150200': 'Baotou',
  '150300': 'Wuhai',
  '150400': 'Chifeng',
  '150500': 'Tongliao',
  '150600': 'Ordos',
  '150700': 'Hulunbuir',
  '150800': 'Bayannur',
  '150900': 'Ulanqab',
  '152200': 'Hinggan League',
  '152500': 'Xilingol League',
  '152900': 'Alxa League',
  '152921': 'Alxa Left Banner',
  '152922': 'Alxa Right Banner',
  '152923': 'Ejin Banner',
  '152971': 'Alxa Hi-tech Industrial Development Zone',
};

// Development zones of Alxa League that no national list numbers; the hub gives them local
// codes under their league (seed 001 Art. 5 routes their projects separately).
const LOCAL_ZONES: RegionSeed[] = [
  { code: '152972', name: '孪井滩生态移民示范区', nameEn: 'Luanjingtan Ecological Migration Demonstration Zone', level: 'zone', parentCode: '152900', isLocalCode: true },
  { code: '152973', name: '乌兰布和生态沙产业示范区', nameEn: 'Ulan Buh Ecological Sand Industry Demonstration Zone', level: 'zone', parentCode: '152971', isLocalCode: true },
];

export const REGIONS: RegionSeed[] = [...NATIONAL_DIVISIONS.map((d) => ({ ...d, nameEn: NAMES_EN[d.code] ?? d.name })), ...LOCAL_ZONES].sort((a, b) =>
  a.code.localeCompare(b.code),
);

/** The leagues and cities of the hub's region, each with its league centre. */
export const HUB_LEAGUES = REGIONS.filter((r) => r.parentCode === HUB_REGION_CODE);

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

const LEAGUE_CENTRES: PlatformSeed[] = HUB_LEAGUES.map((r) => ({
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
