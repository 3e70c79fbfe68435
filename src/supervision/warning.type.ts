import { DateTimeISOResolver, JSONObjectResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../graphql/pagination';
import { DateScalar } from '../graphql/scalars';
import { enumObject } from '../db/enums';
import { Indicator, Severity, WARNING_ACTIONS, WarningStatus, type Indicator as IndicatorValue, type WarningAction as WarningActionValue } from './supervision.enums';

export { Indicator, Severity, WarningStatus };
export const WarningAction = enumObject(WARNING_ACTIONS);

type Described<T extends string> = { [K in T]: { description: string } };

registerEnumType(Indicator, {
  name: 'Indicator',
  description: "The rule that raised a warning (预警指标); docs/early-warning.md gives each one's definition, legal basis and threshold.",
  valuesConfig: {
    shared_fingerprint: {
      description: '围标串标：同一标段不同投标人的机器码、MAC、IP 或投标文件相同. Different bidders in one section share a machine code, MAC, IP or bid file.',
    },
    fingerprint_ring: { description: '围标团伙：同一指纹跨项目出现在不同投标人名下. The same fingerprint under different bidders across projects (a ring).' },
    identical_prices: { description: '投标报价相同. Identical bid prices.' },
    regular_prices: { description: '报价呈规律（等差、整百分比差）. Prices in a regular pattern (equal steps, whole-percent gaps).' },
    recurring_bidder_set: { description: '相同投标人组合与胜负关系反复出现. The same set of winners and losers recurring.' },
    win_near_control_price: { description: '中标价贴近最高投标限价. A winning bid close to the control price.' },
    perpetual_loser: { description: '屡投不中（陪标嫌疑）. Many bids and no wins (cover bidding).' },
    all_but_winner_disqualified: { description: "除中标人外其余投标均被否决. Every bid but the winner's disqualified." },
    lowest_bid_disqualified: { description: '最低报价被否决. The lowest bid disqualified.' },
    high_disqualification_rate: { description: '否决率异常（招标人、代理机构或投标人）. An excessive disqualification rate per initiator, agency or bidder.' },
    winner_score_outlier: { description: "中标人评分异常. The winner's score an outlier." },
    short_bid_period: { description: '投标期限短于法定期限. A bid period shorter than the law allows.' },
    few_bidders_awarded: { description: '投标人不足三家仍确定中标. Fewer than three bidders, yet awarded.' },
    late_bid_won: { description: '逾期送达的投标中标. A late bid won.' },
    repeated_winner: { description: '同一中标人与同一招标人或代理机构频繁成交. The same winner with the same initiator or agency too often.' },
    contract_splitting: { description: '化整为零规避招标. A project split to evade tendering.' },
    blacklisted_winner: { description: '中标人中标时在失信名单上或处罚期内. A winner blacklisted or under a penalty on the award date.' },
  } satisfies Described<IndicatorValue>,
});

registerEnumType(Severity, {
  name: 'Severity',
  description: 'How strongly the evidence points at abnormal trading.',
  valuesConfig: { low: { description: '低. Low.' }, medium: { description: '中. Medium.' }, high: { description: '高. High.' } },
});

registerEnumType(WarningAction, {
  name: 'WarningAction',
  description: "A step in a warning's audit trail.",
  valuesConfig: {
    raised: { description: '预警生成. Raised by the indicators (actor 预警引擎).' },
    updated: { description: '证据更新. A later run found the evidence grown while the warning was under review (actor 预警引擎).' },
    assigned: { description: '指派. Assigned to a reviewer.' },
    commented: { description: '批注. A comment; no change of status.' },
    confirmed: { description: '确认. Confirmed as abnormal trading.' },
    dismissed: { description: '排除. Dismissed, with the reason.' },
    referred: { description: '移送. Referred to another authority.' },
  },
});

registerEnumType(WarningStatus, {
  name: 'WarningStatus',
  description: 'Where a warning stands in review: open → (assigned) → confirmed, dismissed or referred. A decided warning is not decided again.',
  valuesConfig: {
    open: { description: '待处理. Raised, not yet taken up.' },
    assigned: { description: '已指派. Assigned to a reviewer.' },
    confirmed: { description: "已确认. Confirmed as abnormal trading; shown on the entities' profiles." },
    dismissed: { description: '已排除. Dismissed with a reason; the same evidence is not raised again.' },
    referred: { description: '已移送. Referred to another authority (e.g. 公安机关, 纪检监察机关).' },
  },
});

@ObjectType({ description: "One step in a warning's audit trail (审计记录): its raising and every review step." })
export class WarningEvent {
  @Field(() => WarningAction)
  action: WarningActionValue;

  @Field(() => String, { description: "The name of the key that took the step; 预警引擎 for the hub's own." })
  actor: string;

  @Field(() => WarningStatus, { nullable: true, description: 'Null for steps that change no status (raising, comments).' })
  fromStatus: WarningStatus | null;

  @Field(() => WarningStatus, { nullable: true })
  toStatus: WarningStatus | null;

  @Field(() => String, {
    nullable: true,
    description: 'The comment, the finding or dismissal reason; the assignee for assigned; for referred, the addressee then the note on the next line. ID numbers masked.',
  })
  note: string | null;

  @Field(() => DateTimeISOResolver)
  at: Date;
}

@ObjectType({ description: 'The project a warning is about, as the queue shows it.' })
export class WarningProject {
  @Field(() => ID)
  id: number;

  @Field(() => String, { description: "The platform's project code." })
  code: string;

  @Field(() => String)
  title: string;

  regionCode: string;
  categoryCode: string;
}

@ObjectType({ description: 'A warning of abnormal trading (预警), with its evidence and review. Roles: admin; supervisor (within remit).' })
export class Warning {
  @Field(() => ID)
  id: number;

  @Field(() => Indicator)
  indicator: Indicator;

  @Field(() => Int, { description: "The version of the indicator's rule that raised it." })
  ruleVersion: number;

  @Field(() => JSONObjectResolver, { description: 'The thresholds in force when it was raised.' })
  thresholds: Record<string, unknown>;

  @Field(() => Severity)
  severity: Severity;

  @Field(() => String, { description: 'One line in Chinese for the queue.' })
  summary: string;

  @Field(() => JSONObjectResolver, { description: 'What triggered it: the bids, fingerprints, prices and figures, as the indicator found them. ID numbers masked.' })
  evidence: Record<string, unknown>;

  @Field(() => [ID], { description: 'Every project the evidence spans, the main one first.' })
  projectIds: number[];

  @Field(() => String, {
    nullable: true,
    description: 'The section (标段/包) of the main project the evidence lies in, by lot code; null when it spans the whole project or several.',
  })
  lotCode: string | null;

  projectId: number | null;
  entityIds: number[];
  project: WarningProject | null;
  regionCode: string | null;
  categoryCode: string | null;

  @Field(() => DateScalar, { description: "The day it counts under: the main project's registration day (China Standard Time)." })
  occurredOn: string;

  @Field(() => WarningStatus)
  status: WarningStatus;

  @Field(() => String, { nullable: true })
  assignee: string | null;

  @Field(() => String, { nullable: true, description: 'The confirmation finding, dismissal reason or referral note. ID numbers masked.' })
  decisionNote: string | null;

  @Field(() => String, { nullable: true, description: 'The authority it was referred to.' })
  referredTo: string | null;

  @Field(() => DateTimeISOResolver)
  raisedAt: Date;

  @Field(() => DateTimeISOResolver, { description: 'The review deadline (30 days after raising by default).' })
  dueAt: Date;

  @Field(() => Boolean, { description: 'Past its deadline and not yet decided.' })
  overdue: boolean;

  @Field(() => DateTimeISOResolver, { nullable: true })
  decidedAt: Date | null;

  @Field(() => DateTimeISOResolver)
  updatedAt: Date;
}

@ObjectType()
export class WarningConnection extends Connection(Warning) {}

@ObjectType({ description: 'A warning confirmed by a supervisor that names this entity: what was found, without its evidence.' })
export class ConfirmedWarning {
  @Field(() => ID)
  id: number;

  @Field(() => Indicator)
  indicator: Indicator;

  @Field(() => Severity)
  severity: Severity;

  @Field(() => String)
  summary: string;

  @Field(() => DateTimeISOResolver, { nullable: true })
  decidedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The main project (readable by roles that read projects).' })
  projectId: number | null;
}
