/** Chinese by default, English on request; amounts in 万元 / 亿元 with thousands separators. */
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
    trend: '月度趋势',
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
    trend: 'Monthly trend',
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
  },
};

const thousands = (n: number, digits = 0) => n.toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Yuan as 万元 or 亿元 (10⁴ / 10⁸ yuan). */
export function money(yuan: number, lang: Lang): string {
  if (Math.abs(yuan) >= 1e8) return `${thousands(yuan / 1e8, 2)} ${lang === 'zh' ? '亿元' : '100M yuan'}`;
  return `${thousands(yuan / 1e4, 2)} ${lang === 'zh' ? '万元' : '10k yuan'}`;
}

export const percent = (share: number) => `${thousands(share * 100, 1)}%`;

export function figure(measure: string, value: number | null, lang: Lang): string {
  if (value === null) return '—';
  if (measure === 'AWARD_TOTAL' || measure === 'BUDGET_TOTAL') return money(value, lang);
  if (measure.endsWith('_SHARE') || measure === 'SAVINGS_RATE') return percent(value);
  if (['PROJECTS', 'PENALTIES', 'ACTIVE_BLACKLIST_ENTRIES', 'JOINT_RESTRICTION_FLAGS', 'WARNINGS'].includes(measure)) return thousands(value);
  return thousands(value, 2);
}
