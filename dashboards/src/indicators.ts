import type { Lang } from './format';

/**
 * The hub's indicators (预警指标) by their API name, as supervisors call them. The list and
 * its order follow src/supervision/supervision.enums.ts INDICATORS; an indicator the page
 * does not know yet is shown by its API name.
 */
export const INDICATOR_NAMES: Record<string, Record<Lang, string>> = {
  shared_fingerprint: { zh: '同标段共用设备指纹', en: 'Shared device fingerprint in a section' },
  fingerprint_ring: { zh: '跨项目共用设备指纹（围标团伙）', en: 'Fingerprint shared across projects (ring)' },
  identical_prices: { zh: '报价相同', en: 'Identical prices' },
  regular_prices: { zh: '报价呈规律性', en: 'Prices in a regular pattern' },
  recurring_bidder_set: { zh: '固定投标人组合', en: 'Recurring set of bidders' },
  win_near_control_price: { zh: '中标价贴近最高限价', en: 'Winning price close to the control price' },
  perpetual_loser: { zh: '长期陪标', en: 'Many bids, no wins' },
  all_but_winner_disqualified: { zh: '除中标人外均被否决', en: "Every bid but the winner's disqualified" },
  lowest_bid_disqualified: { zh: '最低价被否决', en: 'Lowest bid disqualified' },
  high_disqualification_rate: { zh: '否决率异常', en: 'Abnormal disqualification rate' },
  winner_score_outlier: { zh: '中标人得分异常', en: "Winner's score an outlier" },
  short_bid_period: { zh: '等标期不足', en: 'Bid period too short' },
  few_bidders_awarded: { zh: '投标人不足三家仍定标', en: 'Awarded with fewer than three bidders' },
  late_bid_won: { zh: '逾期投标中标', en: 'A late bid won' },
  repeated_winner: { zh: '中标集中', en: 'Wins concentrated' },
  contract_splitting: { zh: '化整为零规避招标', en: 'Split to evade tendering' },
  blacklisted_winner: { zh: '失信或受罚主体中标', en: 'Blacklisted or penalised winner' },
};

export const INDICATORS = Object.keys(INDICATOR_NAMES);

export const indicatorName = (code: string, lang: Lang) => INDICATOR_NAMES[code]?.[lang] ?? code;

export const SEVERITIES = ['high', 'medium', 'low'];
export const STATUSES = ['open', 'assigned', 'confirmed', 'dismissed', 'referred'];

/** What links two bidders in the network: a shared fingerprint's kind, or bidding together. */
export const LINK_KINDS: Record<string, { zh: string; en: string; color: string }> = {
  machine: { zh: '机器码相同', en: 'Same machine code', color: '#b91c1c' },
  mac: { zh: 'MAC 地址相同', en: 'Same MAC address', color: '#ea580c' },
  ip: { zh: 'IP 地址相同', en: 'Same IP address', color: '#2563eb' },
  file: { zh: '投标文件相同', en: 'Same bid file', color: '#7c3aed' },
  co_bidding: { zh: '固定组合投标', en: 'Bid together repeatedly', color: '#059669' },
  fingerprint: { zh: '其他指纹', en: 'Other fingerprint', color: '#6b7280' },
};

export const linkKind = (kind: string, lang: Lang) => LINK_KINDS[kind]?.[lang] ?? kind;
export const linkColor = (kind: string) => LINK_KINDS[kind]?.color ?? '#6b7280';
