import { enumObject } from '../db/enums';

// The trading enumerations, each defined once (src/db/enums.ts): the values are the
// identifiers stored in Postgres. This file stays free of type-graphql because the drizzle
// schema, which drizzle-kit loads on its own, imports it; the GraphQL enums are registered
// in project.type.ts and trading.type.ts, the Chinese labels a push may use instead sit in
// src/ingestion/records/trading-records.ts.

/** 公开招标, 邀请招标, 竞争性谈判, 竞争性磋商, 询价, 单一来源, 拍卖, 挂牌, 协议转让. */
export const PROCUREMENT_METHODS = [
  'open_tender',
  'invited_tender',
  'competitive_negotiation',
  'competitive_consultation',
  'inquiry',
  'single_source',
  'auction',
  'listing',
  'agreement',
] as const;
export type ProcurementMethod = (typeof PROCUREMENT_METHODS)[number];
export const ProcurementMethod = enumObject(PROCUREMENT_METHODS);

export const PROJECT_STATUSES = ['registered', 'tendering', 'evaluating', 'awarded', 'contracted', 'suspended', 'terminated'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const ProjectStatus = enumObject(PROJECT_STATUSES);

/**
 * A bid as the evaluation left it: valid, disqualified (否决/无效投标, with the reason), or
 * withdrawn before the deadline (撤回). Early warning compares disqualifications across
 * bidders, initiators and agencies (issue 13).
 */
export const BID_STATUSES = ['valid', 'disqualified', 'withdrawn'] as const;
export type BidStatus = (typeof BID_STATUSES)[number];
export const BidStatus = enumObject(BID_STATUSES);

/** 现金, 银行保函, 电子保函, 信用承诺, none. */
export const DEPOSIT_FORMS = ['cash', 'bank_guarantee', 'e_guarantee', 'credit_pledge', 'none'] as const;
export type DepositForm = (typeof DEPOSIT_FORMS)[number];
export const DepositForm = enumObject(DEPOSIT_FORMS);

/** 招标/采购公告, 变更, 澄清, 中标候选人公示, 结果公告, 终止公告. */
export const NOTICE_KINDS = ['tender', 'change', 'clarification', 'candidate', 'result', 'termination'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NoticeKind = enumObject(NOTICE_KINDS);

/** 异议, 质疑, 投诉. */
export const COMPLAINT_KINDS = ['objection', 'challenge', 'complaint'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
export const ComplaintKind = enumObject(COMPLAINT_KINDS);

export const COMPLAINT_RESULTS = ['pending', 'upheld', 'partially_upheld', 'dismissed', 'withdrawn'] as const;
export type ComplaintResult = (typeof COMPLAINT_RESULTS)[number];
export const ComplaintResult = enumObject(COMPLAINT_RESULTS);

export const CONTRACT_STATUSES = ['signed', 'performing', 'completed', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const ContractStatus = enumObject(CONTRACT_STATUSES);

/** 组长, 成员, 业主/采购人代表: a member's role on an evaluation committee. */
export const COMMITTEE_ROLES = ['chair', 'member', 'initiator_representative'] as const;
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];
export const CommitteeRole = enumObject(COMMITTEE_ROLES);

// Pushed and stored, not (yet) served over GraphQL: a tuple and its type are enough.

/** 交付, 验收, 支付, 变更, 违约: the contract_performances.milestone values. */
export const PERFORMANCE_MILESTONES = ['delivery', 'acceptance', 'payment', 'change', 'breach'] as const;
export type PerformanceMilestone = (typeof PERFORMANCE_MILESTONES)[number];

/** The trading step a witness record is about (见证, seed 000 Art. 23). */
export const WITNESS_STEPS = ['registration', 'bid_opening', 'evaluation', 'award', 'auction', 'other'] as const;
export type WitnessStep = (typeof WITNESS_STEPS)[number];

/** 暂停, 恢复, 终止 (seed 001 Art. 26). */
export const SUSPENSION_KINDS = ['suspend', 'resume', 'terminate'] as const;
export type SuspensionKind = (typeof SUSPENSION_KINDS)[number];
