import { z } from 'zod';
import { CATEGORIES, type CategoryCode } from '../../registry/reference-data';
import {
  COMMITTEE_ROLES,
  COMPLAINT_KINDS,
  COMPLAINT_RESULTS,
  CONTRACT_STATUSES,
  BID_STATUSES,
  DEPOSIT_FORMS,
  NOTICE_KINDS,
  PERFORMANCE_MILESTONES,
  PROCUREMENT_METHODS,
  PROJECT_STATUSES,
  SUSPENSION_KINDS,
  WITNESS_STEPS,
} from '../../trading/trading.enums';
import { amount, calendarDate, currencyCode, envelope, idNumber, instant, labelled, optionalText, party, recordId, regionCode, text } from './fields';

// Push record schemas for trading data. References to other records (`project`, `lot`,
// `contract`, `award`) carry the sender's own id of that record.

export const category = labelled(
  CATEGORIES.map((c) => c.code),
  Object.fromEntries(CATEGORIES.map((c) => [c.code, [c.name]])) as Record<CategoryCode, string[]>,
);

export const procurementMethod = labelled(PROCUREMENT_METHODS, {
  open_tender: ['公开招标', '公开采购'],
  invited_tender: ['邀请招标'],
  competitive_negotiation: ['竞争性谈判'],
  competitive_consultation: ['竞争性磋商'],
  inquiry: ['询价', '询价采购'],
  single_source: ['单一来源', '单一来源采购'],
  auction: ['拍卖', '公开拍卖'],
  listing: ['挂牌', '挂牌出让', '挂牌转让'],
  agreement: ['协议转让', '协议出让'],
});

export const projectStatus = labelled(PROJECT_STATUSES, {
  registered: ['已登记'],
  tendering: ['招标中', '公告中'],
  evaluating: ['评标中', '评审中'],
  awarded: ['已中标', '已成交'],
  contracted: ['已签约', '已签订合同'],
  suspended: ['暂停'],
  terminated: ['终止'],
});

const ref = recordId;

/** At most this many items per project: a drug and consumables purchase (集中采购) lists hundreds. */
export const MAX_PROJECT_ITEMS = 1000;

/**
 * One item the project buys (采购标的, OCDS tender.items): its classification as a scheme and
 * a code in it (CPV, 政府采购品目分类 …) with the code's label, the quantity and unit, and the
 * section (`lotCode` of one of the project's lots) it belongs to. Every field is optional.
 */
export const projectItem = z
  .strictObject({
    id: optionalText(100),
    description: optionalText(1000),
    scheme: optionalText(50),
    code: optionalText(100),
    label: optionalText(500),
    quantity: z.number().min(0).nullish(),
    unit: optionalText(50),
    lotCode: optionalText(100),
  })
  .superRefine((item, ctx) => {
    // A code is only a code within its scheme: A02010104 is a desktop computer in 政府采购品目分类 and nothing in CPV.
    if (item.code && !item.scheme) {
      ctx.addIssue({
        code: 'custom',
        path: ['scheme'],
        message: `code '${item.code}' needs the scheme it belongs to (e.g. CPV, 政府采购品目分类)`,
        params: { code: 'REQUIRED' },
      });
    }
  });

export const projectRecord = z.strictObject({
  ...envelope('project'),
  projectCode: text(100),
  dealCode: optionalText(100),
  title: text(500),
  category,
  region: regionCode,
  initiator: party,
  agency: party.nullish(),
  budget: amount.nullish(),
  currency: currencyCode.optional(),
  /** 最高投标限价 / 招标控制价: the ceiling no bid may exceed, in `currency`. */
  controlPrice: amount.nullish(),
  /** 项目总投资: the whole project's investment, in `currency`. */
  totalInvestment: amount.nullish(),
  /** 依法必须招标: whether the law requires the project to be tendered. */
  mustTender: z.boolean().nullish(),
  procurementMethod,
  status: projectStatus.default('registered'),
  isElectronic: z.boolean().default(true),
  supervisorDepartment: optionalText(200),
  registeredAt: instant,
  bidOpeningAt: instant.nullish(),
  /** What is bought (采购标的/招标内容); left out or empty when the sender lists no items. */
  items: z.array(projectItem).max(MAX_PROJECT_ITEMS).nullish(),
});

export const lotRecord = z.strictObject({
  ...envelope('lot'),
  project: ref,
  lotCode: text(100),
  name: text(500),
  budget: amount.nullish(),
  currency: currencyCode.optional(),
});

export const noticeRecord = z.strictObject({
  ...envelope('notice'),
  project: ref,
  kind: labelled(NOTICE_KINDS, {
    tender: ['招标公告', '采购公告', '出让公告', '转让公告'],
    change: ['变更公告', '更正公告'],
    clarification: ['澄清', '澄清公告'],
    candidate: ['中标候选人公示'],
    result: ['结果公告', '中标结果公告', '成交结果公告'],
    termination: ['终止公告'],
  }),
  title: text(500),
  publishedAt: instant,
  url: optionalText(1000),
});

export const bidRecord = z.strictObject({
  ...envelope('bid'),
  project: ref,
  bidder: party,
  price: amount.nullish(),
  currency: currencyCode.optional(),
  submittedAt: instant,
  depositForm: labelled(DEPOSIT_FORMS, {
    cash: ['现金', '现金保证金'],
    bank_guarantee: ['银行保函'],
    e_guarantee: ['电子保函'],
    credit_pledge: ['信用承诺'],
    none: ['无', '免缴'],
  }),
  machineCode: optionalText(200),
  macAddress: optionalText(100),
  ipAddress: optionalText(100),
  fileHash: optionalText(200),
  status: labelled(BID_STATUSES, {
    valid: ['有效', '有效投标'],
    disqualified: ['无效', '无效投标', '否决', '否决投标', '被否决'],
    withdrawn: ['撤回', '已撤回'],
  }).default('valid'),
  /** Why the committee disqualified the bid (否决投标的理由). */
  statusReason: optionalText(1000),
  /** The evaluation's total score (综合得分) and the bid's rank (排名), where the method scores bids. */
  score: z
    .number()
    .min(0)
    .max(99999.999)
    .refine((v) => Math.round(v * 1000) / 1000 === v, 'at most 3 decimals')
    .nullish(),
  rank: z.number().int().min(1).max(100000).nullish(),
  /** The section (标段/包) the bid answers: its `lotCode` as in the lot record. Left out for a project of one section. */
  lotCode: optionalText(100),
});

export const bidOpeningRecord = z.strictObject({
  ...envelope('bid_opening'),
  project: ref,
  openedAt: instant,
  location: optionalText(300),
  isRemote: z.boolean().default(false),
  bidsReceived: z.number().int().min(0).max(2_147_483_647).nullish(),
});

export const expertRecord = z.strictObject({
  ...envelope('expert'),
  expertCode: text(100),
  name: text(100),
  idNumber: idNumber.nullish(),
  specialty: optionalText(200),
  region: regionCode.nullish(),
});

export const evaluationRecord = z.strictObject({
  ...envelope('evaluation'),
  project: ref,
  formedAt: instant,
  isRemote: z.boolean().default(false),
  isCrossRegion: z.boolean().default(false),
  reportedAt: instant.nullish(),
  members: z
    .array(
      z.strictObject({
        expertCode: text(100),
        role: labelled(COMMITTEE_ROLES, { chair: ['组长', '主任委员'], member: ['成员', '委员'], initiator_representative: ['业主代表', '采购人代表'] }),
      }),
    )
    .max(50)
    .default([]),
});

export const awardRecord = z.strictObject({
  ...envelope('award'),
  project: ref,
  winner: party,
  amount,
  currency: currencyCode.optional(),
  awardedAt: instant,
  publishedAt: instant.nullish(),
  /** The section awarded: its `lotCode` as in the lot record. Left out for a project of one section. */
  lotCode: optionalText(100),
});

export const contractRecord = z.strictObject({
  ...envelope('contract'),
  project: ref,
  supplier: party,
  contractCode: optionalText(100),
  amount,
  currency: currencyCode.optional(),
  signedAt: instant,
  periodStart: calendarDate.nullish(),
  periodEnd: calendarDate.nullish(),
  status: labelled(CONTRACT_STATUSES, { signed: ['已签订'], performing: ['履行中'], completed: ['已完成', '履约完成'], terminated: ['已终止', '解除'] }).default('signed'),
});

export const contractPerformanceRecord = z.strictObject({
  ...envelope('contract_performance'),
  contract: ref,
  milestone: labelled(PERFORMANCE_MILESTONES, { delivery: ['交付', '供货'], acceptance: ['验收'], payment: ['支付', '付款'], change: ['变更'], breach: ['违约'] }),
  reportedAt: instant,
  paidAmount: amount.nullish(),
  currency: currencyCode.optional(),
  note: optionalText(2000),
});

export const complaintRecord = z.strictObject({
  ...envelope('complaint'),
  project: ref,
  complainant: party.nullish(),
  kind: labelled(COMPLAINT_KINDS, { objection: ['异议'], challenge: ['质疑'], complaint: ['投诉'] }),
  subject: text(1000),
  receivedAt: instant,
  handledBy: optionalText(200),
  result: labelled(COMPLAINT_RESULTS, {
    pending: ['处理中', '待处理'],
    upheld: ['成立', '支持'],
    partially_upheld: ['部分成立'],
    dismissed: ['不成立', '驳回'],
    withdrawn: ['撤回'],
  }),
  resultDetail: optionalText(4000),
  resolvedAt: instant.nullish(),
});

export const witnessRecord = z.strictObject({
  ...envelope('witness_record'),
  project: ref,
  step: labelled(WITNESS_STEPS, { registration: ['项目登记'], bid_opening: ['开标'], evaluation: ['评标', '评审'], award: ['定标'], auction: ['竞价', '拍卖'], other: ['其他'] }),
  witnessedAt: instant,
  witnessName: optionalText(100),
  content: text(4000),
  violationFound: z.boolean().default(false),
  violationDetail: optionalText(4000),
});

export const suspensionRecord = z.strictObject({
  ...envelope('suspension'),
  project: ref,
  kind: labelled(SUSPENSION_KINDS, { suspend: ['暂停'], resume: ['恢复'], terminate: ['终止'] }),
  reason: text(2000),
  effectiveAt: instant,
  decidedBy: optionalText(200),
});
