import { z } from 'zod';
import { BLACKLIST_TYPES, CONDUCT_RATINGS, CREDIT_POLARITIES, SPOT_CHECK_RESULTS } from '../../credit/credit.enums';
import { amount, calendarDate, currencyCode, envelope, idNumber, optionalText, party, recordId, regionCode, text, uscc, labelled } from './fields';

// Push record schemas for market entities and credit data.

/**
 * The region of the authority that decided (or the department that inspected): a platform
 * may publish decisions only of authorities within its remit, so from a platform it is
 * required; the hub-side credit and penalty feeds may leave it out (docs/push-protocol.md,
 * "Authority: who may change what").
 */
const authorityRegion = regionCode.nullish();

export const entityRecord = z
  .strictObject({
    ...envelope('entity'),
    uscc: uscc.optional(),
    idNumber: idNumber.optional(),
    name: text(300),
    region: regionCode.nullish(),
    address: optionalText(500),
    legalRepresentative: optionalText(100),
  })
  .superRefine((e, ctx) => {
    if ((e.uscc === undefined) === (e.idNumber === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of uscc (organisation) or idNumber (natural person)', params: { code: 'REQUIRED' }, path: ['uscc'] });
    }
  });

export const creditRecordRecord = z
  .strictObject({
    ...envelope('credit_record'),
    subject: party.optional(),
    expertCode: optionalText(100),
    polarity: labelled(CREDIT_POLARITIES, { positive: ['守信', '守信激励', '良好'], negative: ['失信', '失信惩戒', '不良'] }),
    title: text(500),
    content: optionalText(4000),
    authority: text(300),
    authorityRegion,
    validFrom: calendarDate,
    validTo: calendarDate.nullish(),
  })
  .superRefine((r, ctx) => {
    if (!r.subject && !r.expertCode) ctx.addIssue({ code: 'custom', message: 'give the subject (an entity) or an expertCode', params: { code: 'REQUIRED' }, path: ['subject'] });
  });

export const penaltyRecord = z.strictObject({
  ...envelope('penalty'),
  subject: party,
  decisionNumber: text(200),
  authority: text(300),
  authorityRegion,
  decidedOn: calendarDate,
  publishedOn: calendarDate.nullish(),
  content: text(4000),
  amount: amount.nullish(),
  currency: currencyCode.optional(),
});

export const blacklistEntryRecord = z.strictObject({
  ...envelope('blacklist_entry'),
  subject: party,
  listType: labelled(BLACKLIST_TYPES, {
    dishonest: ['失信名单', '失信被执行人'],
    serious_dishonest: ['严重违法失信名单', '严重失信主体名单'],
    market_ban: ['市场禁入', '禁止参加招标投标'],
    government_procurement_ban: ['政府采购禁入', '禁止参加政府采购活动'],
  }),
  authority: text(300),
  authorityRegion,
  basis: text(2000),
  startsOn: calendarDate,
  endsOn: calendarDate.nullish(),
  removedOn: calendarDate.nullish(),
  removalReason: optionalText(2000),
});

export const spotCheckRecord = z.strictObject({
  ...envelope('spot_check'),
  subject: party.nullish(),
  project: recordId.nullish(),
  department: text(200),
  authorityRegion,
  inspectedOn: calendarDate,
  result: labelled(SPOT_CHECK_RESULTS, { compliant: ['合格', '未发现问题'], issues_found: ['发现问题'], referred: ['移交处理'] }),
  resultDetail: optionalText(4000),
  publishedOn: calendarDate.nullish(),
});

export const conductRecordRecord = z
  .strictObject({
    ...envelope('conduct_record'),
    agency: party.nullish(),
    expertCode: optionalText(100),
    project: recordId.nullish(),
    recordedOn: calendarDate,
    score: z.number().int().min(0).max(100).nullish(),
    rating: labelled(CONDUCT_RATINGS, { excellent: ['优秀'], good: ['良好'], fair: ['一般', '合格'], poor: ['差', '不合格'] }).nullish(),
    content: text(4000),
  })
  .superRefine((r, ctx) => {
    if (!r.agency && !r.expertCode) ctx.addIssue({ code: 'custom', message: 'give the agency or an expertCode', params: { code: 'REQUIRED' }, path: ['agency'] });
  });
