import type { Lang } from './format';

/**
 * Each measure's definition, as a reader needs it beside the figure: the same definitions
 * as the statistics API's Measure enum (schema.graphql), in plain words.
 */
export const DEFINITIONS: Record<Lang, Record<string, string>> = {
  zh: {
    PROJECTS: '统计期间内登记的交易项目数。',
    AWARD_TOTAL: '统计期间内登记项目的中标（成交）金额合计；外币按当月汇率折算为人民币。',
    SAVINGS_RATE: '1 − 中标金额合计 ÷ 预算金额合计，只计既有预算（大于 0）又有中标结果的项目。',
    BIDS_PER_PROJECT: '有投标的项目平均收到的投标数；投标自开标起计入。',
    SINGLE_BID_SHARE: '有投标的项目中只有一家投标的项目所占比例；投标自开标起计入。',
    CROSS_REGION_WIN_SHARE: '中标人注册地与项目不在同一盟市的中标结果所占比例（《公共资源交易平台管理暂行办法》第四十二条）。',
    COMPLAINTS_PER_100_PROJECTS: '统计期间内登记项目收到的投诉数，每百个项目。',
    PENALTIES: '统计期间内作出的行政处罚决定数（地区按被处罚主体注册地）。',
    PENALTIES_PUBLISHED_ON_TIME_SHARE: '统计期间内作出、且在 7 个工作日内公开的行政处罚所占比例（信用信息管理办法第二十四条）。',
    ACTIVE_BLACKLIST_ENTRIES: '统计期末仍在有效期内、未移出的黑名单记录数。',
    JOINT_RESTRICTION_FLAGS: '被列入黑名单的主体在名单有效期内参与投标或中标的次数（联合惩戒）。',
    timeliness: '统计期间内，按时（截止时间前）完成当晚推送的天数 ÷ 期间天数。',
    rejectionRate: '统计期间内封存的推送批次中，被拒收（隔离）的记录 ÷ 收到的记录。',
    completeness: '统计期间内登记的项目中，可选字段（预算、开标时间等）已填写的比例的平均值。',
    records: '统计期间内封存的推送批次所含记录数（按推送时间计，与项目登记时间无关）。',
    measured: '计算字段完整率所依据的项目数（按项目登记时间计）。',
  },
  en: {
    PROJECTS: 'Projects registered in the period.',
    AWARD_TOTAL: 'Award amounts of the projects registered in the period, in yuan (other currencies at their month’s rate).',
    SAVINGS_RATE: '1 − award total ÷ budget total, over projects with both a budget (> 0) and an award.',
    BIDS_PER_PROJECT: 'Bids per project, over projects with at least one bid; bids count from the bid opening on.',
    SINGLE_BID_SHARE: 'Share of projects with exactly one bid, over projects with at least one bid.',
    CROSS_REGION_WIN_SHARE: 'Share of awards won by entities registered in another league or city than the project.',
    COMPLAINTS_PER_100_PROJECTS: 'Complaints about projects registered in the period, per 100 projects.',
    PENALTIES: 'Administrative penalties decided in the period (region: the entity’s).',
    PENALTIES_PUBLISHED_ON_TIME_SHARE: 'Share of penalties decided in the period and published within 7 working days.',
    ACTIVE_BLACKLIST_ENTRIES: 'Blacklist entries in force at the end of the period.',
    JOINT_RESTRICTION_FLAGS: 'Bids and awards by entities while they were blacklisted (joint restriction).',
    timeliness: 'Days whose nightly push was sealed by the deadline ÷ days in the period.',
    rejectionRate: 'Records rejected (quarantined) ÷ records received, in batches sealed in the period.',
    completeness: 'Average share of optional project fields filled, over projects registered in the period.',
    records: 'Records in batches sealed in the period (by push time, not by project registration).',
    measured: 'Projects the completeness is measured over (by registration date).',
  },
};

export const definition = (lang: Lang, measure: string) => DEFINITIONS[lang][measure] ?? '';
