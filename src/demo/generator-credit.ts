import type { CreditPolarity } from '../credit/credit.enums';
import type { DemoEntity } from './generator';
import { fenToYuan, type Random } from './random';

export interface DemoPenalty {
  key: string;
  entityKey: string;
  decisionNumber: string;
  authority: string;
  decidedOn: string;
  publishedOn: string | null;
  content: string;
  amount: string | null;
}
export interface DemoBlacklistEntry {
  key: string;
  entityKey: string;
  listType: string;
  authority: string;
  basis: string;
  startsOn: string;
  endsOn: string | null;
  removedOn: string | null;
  removalReason: string | null;
}
export interface DemoCreditRecord {
  key: string;
  entityKey: string;
  polarity: CreditPolarity;
  title: string;
  authority: string;
  validFrom: string;
  validTo: string | null;
}

export interface CreditData {
  penalties: DemoPenalty[];
  blacklistEntries: DemoBlacklistEntry[];
  creditRecords: DemoCreditRecord[];
}

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Penalties (most published within a few days, some late), blacklist entries (some
 * expired, some removed by credit repair) and credit records about the bidders.
 */
export function generateCredit(rnd: Random, opts: { bidders: DemoEntity[]; projects: number; until: Date }): CreditData {
  const out: CreditData = { penalties: [], blacklistEntries: [], creditRecords: [] };
  const start = Date.UTC(2022, 0, 1);
  const span = opts.until.getTime() - start;
  for (let i = 0; i < Math.max(10, Math.round(opts.projects * 0.06)); i++) {
    const decided = start + Math.floor(rnd.next() * span);
    const published =
      decided +
      rnd.weighted([
        [2, 30],
        [5, 35],
        [8, 15],
        [12, 10],
        [25, 5],
      ] as const) *
        DAY;
    out.penalties.push({
      key: `PEN${i}`,
      entityKey: rnd.pick(opts.bidders).key,
      decisionNumber: `内罚决字〔${new Date(decided).getUTCFullYear()}〕${String(i + 1).padStart(4, '0')}号`,
      authority: rnd.pick(['住房和城乡建设厅', '财政厅', '市场监督管理局', '发展和改革委员会']),
      decidedOn: day(decided),
      publishedOn: published <= opts.until.getTime() ? day(published) : null,
      content: rnd.pick(['提供虚假材料谋取中标', '串通投标', '无正当理由拒不签订合同', '转包违法分包', '未按规定缴纳保证金']),
      amount: rnd.chance(0.8) ? fenToYuan(Math.round(rnd.logUniform(5e3, 5e5)) * 100) : null,
    });
  }
  for (let i = 0; i < Math.max(4, Math.round(opts.projects * 0.012)); i++) {
    const starts = start + Math.floor(rnd.next() * span);
    const removed = rnd.chance(0.2) ? starts + rnd.int(90, 400) * DAY : null;
    out.blacklistEntries.push({
      key: `BL${i}`,
      entityKey: rnd.pick(opts.bidders).key,
      listType: rnd.weighted([
        ['dishonest', 5],
        ['serious_dishonest', 2],
        ['market_ban', 2],
        ['government_procurement_ban', 2],
      ] as const),
      authority: rnd.pick(['内蒙古自治区发展和改革委员会', '内蒙古自治区财政厅', '阿拉善盟住房和城乡建设局']),
      basis: rnd.pick(['串通投标被行政处罚', '以他人名义投标', '拒不履行生效判决']),
      startsOn: day(starts),
      endsOn: rnd.chance(0.7) ? day(starts + rnd.int(1, 3) * 365 * DAY) : null,
      removedOn: removed && removed <= opts.until.getTime() ? day(removed) : null,
      removalReason: removed && removed <= opts.until.getTime() ? '信用修复' : null,
    });
  }
  for (let i = 0; i < Math.max(10, Math.round(opts.projects * 0.05)); i++) {
    const from = start + Math.floor(rnd.next() * span);
    const positive = rnd.chance(0.6);
    out.creditRecords.push({
      key: `CR${i}`,
      entityKey: rnd.pick(opts.bidders).key,
      polarity: positive ? 'positive' : 'negative',
      title: positive ? rnd.pick(['AAA级信用企业', '守合同重信用企业', '优质工程奖']) : rnd.pick(['合同履约不良', '拖欠农民工工资', '投标失信行为']),
      authority: rnd.pick(['内蒙古自治区住房和城乡建设厅', '阿拉善盟市场监督管理局', '呼和浩特市财政局']),
      validFrom: day(from),
      validTo: day(from + 365 * DAY),
    });
  }
  return out;
}
