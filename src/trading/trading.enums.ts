import { registerEnumType } from 'type-graphql';

// Enum values are the identifiers stored in Postgres; descriptions give the Chinese terms
// platforms use, which the push validator (a later issue) accepts as input too.

export enum ProcurementMethod {
  open_tender = 'open_tender',
  invited_tender = 'invited_tender',
  competitive_negotiation = 'competitive_negotiation',
  competitive_consultation = 'competitive_consultation',
  inquiry = 'inquiry',
  single_source = 'single_source',
  auction = 'auction',
  listing = 'listing',
  agreement = 'agreement',
}
registerEnumType(ProcurementMethod, {
  name: 'ProcurementMethod',
  description: '公开招标, 邀请招标, 竞争性谈判, 竞争性磋商, 询价, 单一来源, 拍卖, 挂牌, 协议转让.',
});

export enum ProjectStatus {
  registered = 'registered',
  tendering = 'tendering',
  evaluating = 'evaluating',
  awarded = 'awarded',
  contracted = 'contracted',
  suspended = 'suspended',
  terminated = 'terminated',
}
registerEnumType(ProjectStatus, { name: 'ProjectStatus' });

export enum DepositForm {
  cash = 'cash',
  bank_guarantee = 'bank_guarantee',
  e_guarantee = 'e_guarantee',
  credit_pledge = 'credit_pledge',
  none = 'none',
}
registerEnumType(DepositForm, { name: 'DepositForm', description: '现金, 银行保函, 电子保函, 信用承诺, none.' });

export enum NoticeKind {
  tender = 'tender',
  change = 'change',
  clarification = 'clarification',
  candidate = 'candidate',
  result = 'result',
  termination = 'termination',
}
registerEnumType(NoticeKind, { name: 'NoticeKind', description: '招标/采购公告, 变更, 澄清, 中标候选人公示, 结果公告, 终止公告.' });

export enum ComplaintKind {
  objection = 'objection',
  challenge = 'challenge',
  complaint = 'complaint',
}
registerEnumType(ComplaintKind, { name: 'ComplaintKind', description: '异议, 质疑, 投诉.' });

export enum ComplaintResult {
  pending = 'pending',
  upheld = 'upheld',
  partially_upheld = 'partially_upheld',
  dismissed = 'dismissed',
  withdrawn = 'withdrawn',
}
registerEnumType(ComplaintResult, { name: 'ComplaintResult' });

export enum ContractStatus {
  signed = 'signed',
  performing = 'performing',
  completed = 'completed',
  terminated = 'terminated',
}
registerEnumType(ContractStatus, { name: 'ContractStatus' });
