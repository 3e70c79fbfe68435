import type { EntityKind } from '../entities/entity.enums';
import { idNumberCheckCharacter } from '../entities/id-number';
import { USCC_ALPHABET, usccCheckCharacter } from '../entities/uscc';
import { CATEGORIES, HUB_LEAGUES, PLATFORMS, REGIONS, type CategoryCode } from '../registry/reference-data';
import { generateCredit, type CreditData } from './generator-credit';
import { drawFingerprint } from './fingerprints';
import { plantCases, type PlantedCases } from './generator-plants';
import { AGENCY_WORDS, FIRM_WORDS, GIVEN, INITIATOR_BODIES, PROJECT_OBJECTS, SUFFIXES, SURNAMES, TRADES } from './names';
import { fenToYuan, Random } from './random';

/**
 * A deterministic, plausible region's trading: the same (seed, projects, until) always
 * gives the same data. Records refer to each other by `key` (their source record id);
 * the loader turns keys into database ids.
 */
export interface DemoOptions {
  seed: number;
  projects: number;
  /** The last day of the generated period; bids of projects opening after it are sealed. */
  until: Date;
}

export interface DemoEntity {
  key: string;
  kind: EntityKind;
  uscc: string | null;
  personIdNumber: string | null;
  name: string;
  regionCode: string;
  address: string;
  legalRepresentative: string | null;
}
export interface DemoExpert {
  key: string;
  expertCode: string;
  name: string;
  personIdNumber: string;
  specialty: string;
  regionCode: string;
}
export interface DemoProject {
  key: string;
  platformCode: string;
  projectCode: string;
  dealCode: string;
  title: string;
  categoryCode: CategoryCode;
  regionCode: string;
  initiatorKey: string;
  agencyKey: string | null;
  budget: string;
  /** 最高投标限价: the budget, as most initiators set it. */
  controlPrice: string;
  /** 项目总投资 (construction only). */
  totalInvestment: string | null;
  /** 依法必须招标: construction of 4,000,000 yuan or more (Ministry order No. 16, art. 5). */
  mustTender: boolean | null;
  procurementMethod: string;
  status: string;
  isElectronic: boolean;
  supervisorDepartment: string;
  registeredAt: Date;
  bidOpeningAt: Date;
}
export interface DemoBid {
  key: string;
  projectKey: string;
  bidderKey: string;
  price: string;
  submittedAt: Date;
  depositForm: string;
  machineCode: string;
  macAddress: string;
  ipAddress: string;
  fileHash: string;
  status: 'valid' | 'disqualified' | 'withdrawn';
  statusReason: string | null;
  score: number | null;
  rank: number | null;
}
export interface DemoAward {
  key: string;
  projectKey: string;
  winnerKey: string;
  amount: string;
  awardedAt: Date;
  publishedAt: Date;
}
export interface DemoContract {
  key: string;
  projectKey: string;
  awardKey: string;
  supplierKey: string;
  contractCode: string;
  amount: string;
  signedAt: Date;
  status: string;
}
export interface DemoNotice {
  key: string;
  projectKey: string;
  kind: string;
  title: string;
  publishedAt: Date;
}
export interface DemoComplaint {
  key: string;
  projectKey: string;
  complainantKey: string;
  kind: string;
  subject: string;
  receivedAt: Date;
  result: string;
  resolvedAt: Date | null;
  handledBy: string;
}
export interface DemoCommittee {
  key: string;
  projectKey: string;
  formedAt: Date;
  isRemote: boolean;
  isCrossRegion: boolean;
  memberKeys: string[];
}

export interface DemoDataset extends CreditData {
  entities: DemoEntity[];
  experts: DemoExpert[];
  projects: DemoProject[];
  bids: DemoBid[];
  awards: DemoAward[];
  contracts: DemoContract[];
  notices: DemoNotice[];
  complaints: DemoComplaint[];
  committees: DemoCommittee[];
  /** What early warning should find (generator-plants.ts). */
  planted?: PlantedCases;
}

const DAY = 86_400_000;
const LEAGUES = HUB_LEAGUES;
// Thousands of regions (all of China's): looked up by code, not searched.
const REGION_BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));
const SUPERVISORS: Record<CategoryCode, string> = {
  construction: '住房和城乡建设局',
  government_procurement: '财政局',
  land_use_rights: '自然资源局',
  mining_rights: '自然资源局',
  state_property: '国有资产监督管理委员会',
  medical_purchase: '医疗保障局',
  emission_rights: '生态环境局',
  concession: '发展和改革委员会',
  other: '发展和改革委员会',
};
const CATEGORY_WEIGHTS: ReadonlyArray<readonly [CategoryCode, number]> = [
  ['construction', 35],
  ['government_procurement', 38],
  ['land_use_rights', 8],
  ['mining_rights', 2],
  ['state_property', 5],
  ['medical_purchase', 3],
  ['emission_rights', 1],
  ['concession', 2],
  ['other', 6],
];
const METHODS: Record<CategoryCode, ReadonlyArray<readonly [string, number]>> = {
  construction: [
    ['open_tender', 85],
    ['invited_tender', 15],
  ],
  government_procurement: [
    ['open_tender', 55],
    ['competitive_consultation', 20],
    ['competitive_negotiation', 10],
    ['inquiry', 10],
    ['single_source', 5],
  ],
  land_use_rights: [
    ['listing', 80],
    ['auction', 20],
  ],
  mining_rights: [
    ['listing', 60],
    ['auction', 40],
  ],
  state_property: [
    ['listing', 70],
    ['auction', 20],
    ['agreement', 10],
  ],
  medical_purchase: [['open_tender', 100]],
  emission_rights: [['listing', 100]],
  concession: [
    ['open_tender', 70],
    ['competitive_negotiation', 30],
  ],
  other: [
    ['listing', 60],
    ['open_tender', 40],
  ],
};
const BUDGET_RANGE: Record<CategoryCode, [number, number]> = {
  construction: [3e5, 8e8],
  government_procurement: [5e4, 5e7],
  land_use_rights: [1e6, 5e8],
  mining_rights: [5e5, 2e8],
  state_property: [1e5, 1e8],
  medical_purchase: [1e6, 3e8],
  emission_rights: [2e4, 5e6],
  concession: [1e6, 3e8],
  other: [1e4, 1e7],
};

export function generateDemo(opts: DemoOptions): DemoDataset {
  const rnd = new Random(opts.seed);
  const ds: DemoDataset = {
    entities: [],
    experts: [],
    projects: [],
    bids: [],
    awards: [],
    contracts: [],
    notices: [],
    complaints: [],
    committees: [],
    penalties: [],
    blacklistEntries: [],
    creditRecords: [],
  };
  const usedUscc = new Set<string>();
  const leagueWeights = LEAGUES.map((l) => [l.code, l.code === '152900' ? 14 : l.code === '150100' || l.code === '150600' ? 12 : 7] as const);
  const regionName = (code: string) => REGION_BY_CODE.get(code)!.name;

  const newUscc = (kind: '91' | '11' | '12', regionCode: string) => {
    for (;;) {
      let body = kind + regionCode.slice(0, 6);
      for (let i = 0; i < 9; i++) body += rnd.pick([...USCC_ALPHABET]);
      const code = body + usccCheckCharacter(body);
      if (!usedUscc.has(code)) {
        usedUscc.add(code);
        return code;
      }
    }
  };
  const personName = () => rnd.pick(SURNAMES) + rnd.pick(GIVEN) + (rnd.chance(0.5) ? rnd.pick(GIVEN) : '');
  const idNumber = (regionCode: string, seq: number) => {
    const birth = `${rnd.int(1960, 1995)}${String(rnd.int(1, 12)).padStart(2, '0')}${String(rnd.int(1, 28)).padStart(2, '0')}`;
    const first17 = `${regionCode.slice(0, 4)}${String(21 + (seq % 3)).padStart(2, '0')}${birth}${String(seq % 1000).padStart(3, '0')}`;
    return first17 + idNumberCheckCharacter(first17);
  };
  const addOrg = (key: string, uscc: string, name: string, regionCode: string): DemoEntity => {
    const e: DemoEntity = {
      key,
      kind: 'organisation',
      uscc,
      personIdNumber: null,
      name,
      regionCode,
      address: `${regionName(regionCode)}${rnd.pick(FIRM_WORDS)}路${rnd.int(1, 300)}号`,
      legalRepresentative: personName(),
    };
    ds.entities.push(e);
    return e;
  };

  // Market entities: firms by trade and league, agencies, initiators, and a few individuals.
  const firmsByCategory = new Map<CategoryCode, Map<string, DemoEntity[]>>();
  const firmCount = Math.max(60, Math.round(opts.projects * 0.5));
  for (let i = 0; i < firmCount; i++) {
    const category = rnd.weighted(CATEGORY_WEIGHTS);
    const league = rnd.weighted(leagueWeights);
    const name = `${regionName(league).replace(/(市|盟)$/, '')}${rnd.pick(FIRM_WORDS)}${rnd.pick(TRADES[category]!)}${rnd.pick(SUFFIXES)}`;
    const firm = addOrg(`E-F${i}`, newUscc('91', league), name, league);
    const byLeague = firmsByCategory.get(category) ?? new Map<string, DemoEntity[]>();
    byLeague.set(league, [...(byLeague.get(league) ?? []), firm]);
    firmsByCategory.set(category, byLeague);
  }
  for (let i = 0; i < 8; i++) {
    const regionCode = idNumberRegions[i % idNumberRegions.length]!;
    ds.entities.push({
      key: `E-P${i}`,
      kind: 'person',
      uscc: null,
      personIdNumber: idNumber(regionCode, i),
      name: personName(),
      regionCode,
      address: `${regionName(regionCode)}`,
      legalRepresentative: null,
    });
  }
  const agencies = Array.from({ length: Math.max(6, Math.round(opts.projects / 60)) }, (_, i) => {
    const league = rnd.weighted(leagueWeights);
    return addOrg(`E-A${i}`, newUscc('91', league), `${regionName(league).replace(/(市|盟)$/, '')}${rnd.pick(FIRM_WORDS)}${rnd.pick(AGENCY_WORDS)}${rnd.pick(SUFFIXES)}`, league);
  });
  const initiators = new Map<string, DemoEntity[]>();
  for (const league of LEAGUES) {
    initiators.set(
      league.code,
      INITIATOR_BODIES.map((body, i) => addOrg(`E-I${league.code}-${i}`, newUscc(body.endsWith('公司') ? '91' : '11', league.code), `${league.name}${body}`, league.code)),
    );
  }
  for (let i = 0; i < Math.max(20, Math.round(opts.projects / 30)); i++) {
    const regionCode = rnd.weighted(leagueWeights);
    ds.experts.push({
      key: `X${i}`,
      expertCode: `EXP${String(i + 1).padStart(6, '0')}`,
      name: personName(),
      personIdNumber: idNumber(regionCode, 100 + i),
      specialty: rnd.pick(['工程造价', '房屋建筑', '市政工程', '信息技术', '医疗设备', '财务', '法律']),
      regionCode,
    });
  }

  // Projects and what follows them: notices, bids, evaluation, award, contract, complaints.
  const start = Date.UTC(2024, 0, 1);
  // The last weeks hold projects still open for bids, whose bids are sealed.
  const span = opts.until.getTime() - 8 * DAY - start;
  // Computed once: flattening per pick made large regions quadratic.
  const allFirmsOf = new Map([...firmsByCategory.entries()].map(([category, byLeague]) => [category, [...byLeague.values()].flat()]));
  const firmsFor = (category: CategoryCode, league: string, cross: boolean) => {
    const known = firmsByCategory.has(category) ? category : firmsByCategory.keys().next().value!;
    const local = firmsByCategory.get(known)!.get(league);
    if (!cross && local?.length) return local;
    return allFirmsOf.get(known)!;
  };
  for (let i = 0; i < opts.projects; i++) {
    const category = rnd.weighted(CATEGORY_WEIGHTS);
    const league = rnd.weighted(leagueWeights);
    const regionCode =
      league === '152900'
        ? rnd.weighted([
            ['152900', 3],
            ['152921', 4],
            ['152922', 2],
            ['152923', 2],
            ['152971', 2],
            ['152972', 1],
            ['152973', 1],
          ] as const)
        : rnd.chance(0.04)
          ? '150000'
          : league;
    const platform = platformFor(regionCode);
    const registeredAt = new Date(start + Math.floor(rnd.next() * span));
    const [lo, hi] = BUDGET_RANGE[category];
    const budgetFen = Math.round(rnd.logUniform(lo, hi) / 100) * 10_000;
    const bidOpeningAt = new Date(registeredAt.getTime() + rnd.int(20, 35) * DAY + 9.5 * 3600_000);
    const initiatorLeague = regionCode === '150000' ? '150100' : league;
    const key = `PRJ${i}`;
    const year = registeredAt.getUTCFullYear();
    const project: DemoProject = {
      key,
      platformCode: platform,
      projectCode: `${platform.slice(1)}-${year}-${String(i + 1).padStart(6, '0')}`,
      dealCode: `${regionCode}${year}${String(CATEGORIES.findIndex((c) => c.code === category) + 1).padStart(2, '0')}${String(i + 1).padStart(7, '0')}`,
      title: `${regionName(regionCode)}${rnd.pick(PROJECT_OBJECTS[category]!)}`,
      categoryCode: category,
      regionCode,
      initiatorKey: rnd.pick(initiators.get(initiatorLeague)!).key,
      agencyKey: rnd.chance(0.8) ? rnd.pick(agencies).key : null,
      budget: fenToYuan(budgetFen),
      controlPrice: fenToYuan(budgetFen),
      totalInvestment: category === 'construction' ? fenToYuan(Math.round(budgetFen * 1.25)) : null,
      mustTender: category === 'construction' ? budgetFen >= 400_000_000 : null,
      procurementMethod: rnd.weighted(METHODS[category]),
      status: 'tendering',
      isElectronic: rnd.chance(0.93),
      supervisorDepartment: `${regionName(initiatorLeague)}${SUPERVISORS[category]}`,
      registeredAt,
      bidOpeningAt,
    };
    ds.projects.push(project);
    // The tender notice goes out on registration: the bid period (20 days at least, 招标投标法 art. 24) runs from it.
    ds.notices.push({ key: `N${i}-1`, projectKey: key, kind: 'tender', title: `${project.title}公告`, publishedAt: registeredAt });

    // Bids: a few per project, some single-bid, a quarter of bidders from other leagues.
    const bidCount = project.procurementMethod === 'single_source' || rnd.chance(0.07) ? 1 : Math.min(9, 2 + Math.floor(-Math.log(1 - rnd.next()) * 2.2));
    const chosen = new Set<DemoEntity>();
    for (let b = 0; b < bidCount * 3 && chosen.size < bidCount; b++) chosen.add(rnd.pick(firmsFor(category, league, rnd.chance(0.25))));
    const colluding = chosen.size > 2 && rnd.chance(0.03);
    const sharedMachine = rnd.hex(16).toUpperCase();
    let lowest: DemoBid | undefined;
    const projectBids: DemoBid[] = [];
    [...chosen].forEach((bidder, b) => {
      const bid: DemoBid = {
        key: `B${i}-${b}`,
        projectKey: key,
        bidderKey: bidder.key,
        price: fenToYuan(budgetFen * (0.8 + rnd.next() * 0.195)),
        submittedAt: new Date(bidOpeningAt.getTime() - rnd.int(1, 72) * 3600_000),
        depositForm: rnd.weighted([
          ['e_guarantee', 45],
          ['credit_pledge', 20],
          ['bank_guarantee', 15],
          ['cash', 15],
          ['none', 5],
        ] as const),
        ...drawFingerprint(rnd, colluding && b < 2 ? sharedMachine : undefined),
        status: 'valid',
        statusReason: null,
        score: null,
        rank: null,
      };
      ds.bids.push(bid);
      projectBids.push(bid);
      if (!lowest || Number(bid.price) < Number(lowest.price)) lowest = bid;
    });

    if (bidOpeningAt > opts.until) continue;
    project.status = 'evaluating';
    if (rnd.chance(0.015)) {
      project.status = 'terminated';
      continue;
    }
    if (['construction', 'government_procurement', 'medical_purchase', 'concession'].includes(category)) {
      ds.committees.push({
        key: `C${i}`,
        projectKey: key,
        formedAt: bidOpeningAt,
        isRemote: rnd.chance(0.35),
        isCrossRegion: rnd.chance(0.2),
        memberKeys: Array.from({ length: 5 }, () => rnd.pick(ds.experts).key).filter((k, n, all) => all.indexOf(k) === n),
      });
    }
    const awardedAt = new Date(bidOpeningAt.getTime() + rnd.int(3, 15) * DAY);
    if (!lowest || awardedAt > opts.until) continue;
    const winner = rnd.chance(0.85) ? lowest : projectBids[0]!;
    evaluate(projectBids, winner);
    const award: DemoAward = {
      key: `AW${i}`,
      projectKey: key,
      winnerKey: winner.bidderKey,
      amount: winner.price,
      awardedAt,
      publishedAt: new Date(awardedAt.getTime() + rnd.int(0, 3) * DAY),
    };
    ds.awards.push(award);
    ds.notices.push({ key: `N${i}-2`, projectKey: key, kind: 'result', title: `${project.title}结果公告`, publishedAt: award.publishedAt });
    project.status = 'awarded';
    if (rnd.chance(0.05)) {
      ds.complaints.push({
        key: `CP${i}`,
        projectKey: key,
        complainantKey: projectBids.find((b) => b.bidderKey !== winner.bidderKey)?.bidderKey ?? winner.bidderKey,
        kind: rnd.weighted([
          ['objection', 5],
          ['challenge', 3],
          ['complaint', 2],
        ] as const),
        subject: rnd.pick(['评标程序违规', '中标人资格条件不符', '评分标准存在倾向性', '投标文件雷同']),
        receivedAt: new Date(award.publishedAt.getTime() + DAY),
        result: rnd.weighted([
          ['dismissed', 6],
          ['upheld', 1],
          ['partially_upheld', 1],
          ['withdrawn', 1],
          ['pending', 1],
        ] as const),
        resolvedAt: new Date(award.publishedAt.getTime() + rnd.int(5, 30) * DAY),
        handledBy: project.supervisorDepartment,
      });
    }
    const signedAt = new Date(awardedAt.getTime() + rnd.int(5, 30) * DAY);
    if (signedAt > opts.until) continue;
    ds.contracts.push({
      key: `CT${i}`,
      projectKey: key,
      awardKey: award.key,
      supplierKey: award.winnerKey,
      contractCode: `HT-${project.projectCode}`,
      amount: award.amount,
      signedAt,
      status: rnd.weighted([
        ['performing', 5],
        ['completed', 4],
        ['terminated', 0.2],
      ] as const),
    });
    project.status = 'contracted';
  }

  const bidders = ds.entities.filter((e) => e.key.startsWith('E-F') || e.key.startsWith('E-A'));
  Object.assign(ds, generateCredit(rnd, { bidders, projects: opts.projects, until: opts.until }));
  ds.planted = plantCases(ds, opts.seed, opts.projects, opts.until);
  return ds;
}

const idNumberRegions = ['152921', '152922', '150100', '150600'];

/** Alxa's branches serve their own banners and zones (seed 001 Art. 5); elsewhere the league centre. */
function platformFor(regionCode: string): string {
  const branch = PLATFORMS.find((p) => p.level === 'branch' && p.remitRegionCodes.includes(regionCode === '152973' ? '152971' : regionCode));
  if (branch) return branch.code;
  if (regionCode === '150000') return 'P150000';
  const league = REGION_BY_CODE.get(regionCode)!;
  return `P${league.level === 'league' ? league.code : league.parentCode}`;
}

const DISQUALIFIED_FOR = ['未按招标文件要求提交投标保证金', '投标文件未按要求签字盖章', '投标报价低于成本', '资格证明文件不全'];

/**
 * The evaluation's outcome, derived from what the generator already drew (so the rest of the
 * demo data stays as the seed made it): about one losing bid in eight disqualified, its
 * reason from the file hash; the others scored by price against the winner's and ranked,
 * the winner first.
 */
function evaluate(bids: DemoBid[], winner: DemoBid): void {
  for (const b of bids) {
    if (b !== winner && b.fileHash < '2') {
      b.status = 'disqualified';
      b.statusReason = DISQUALIFIED_FOR[parseInt(b.fileHash.slice(1, 3), 16) % DISQUALIFIED_FOR.length]!;
    }
  }
  const valid = bids.filter((b) => b.status === 'valid').sort((a, b) => (a === winner ? -1 : b === winner ? 1 : Number(a.price) - Number(b.price)));
  valid.forEach((b, n) => {
    b.rank = n + 1;
    b.score = Math.round((100 - (Math.abs(Number(b.price) - Number(winner.price)) / Number(winner.price)) * 100 - n * 0.5) * 100) / 100;
  });
}
