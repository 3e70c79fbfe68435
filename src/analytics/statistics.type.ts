import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../graphql/scalars';
import { Category, Platform, Region } from '../registry/registry.type';
import { Dimension, Granularity, Measure, BreakdownLevel } from './statistics.measures';
import { RankingOrder, RankingSubject } from './statistics.service';

registerEnumType(RankingSubject, { name: 'RankingSubject', description: 'INITIATOR: 招标人/采购人; WINNER: 中标人; AGENCY: 代理机构.' });
registerEnumType(RankingOrder, { name: 'RankingOrder' });

@InputType({ description: 'Which trading the figures cover. Supervisors are held to their remit.' })
export class StatisticsFilter {
  @Field(() => DateScalar, { description: 'First day (China Standard Time), inclusive.' })
  from: string;

  @Field(() => DateScalar, { description: 'Last day, inclusive. At most STATS_MAX_RANGE_DAYS after from.' })
  to: string;

  @Field(() => String, { nullable: true, description: 'This region and everything under it (a league includes its banners and zones).' })
  regionCode?: string | null;

  @Field(() => [String], { nullable: true })
  categoryCodes?: string[] | null;

  @Field(() => [String], { nullable: true })
  platformCodes?: string[] | null;
}

@InputType()
export class StatisticsInput {
  @Field(() => [Measure])
  measures: Measure[];

  @Field(() => [Dimension], { nullable: true, description: 'None: one row for the whole filter.' })
  dimensions?: Dimension[] | null;

  @Field(() => Granularity, { nullable: true, description: 'For PERIOD; default MONTH.' })
  granularity?: Granularity | null;

  @Field(() => BreakdownLevel, { nullable: true, description: 'For REGION; default LEAGUE.' })
  regionLevel?: BreakdownLevel | null;

  @Field(() => StatisticsFilter)
  filter: StatisticsFilter;

  @Field(() => Boolean, { nullable: true, description: 'Also give each figure for the previous period of the same length and for the same period a year earlier.' })
  compare?: boolean | null;
}

@ObjectType()
export class MeasureFigure {
  @Field(() => Measure)
  measure: Measure;

  @Field(() => Float, { nullable: true, description: 'null when there is nothing to compute it from (a share of no projects).' })
  value: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Amount measures only: the exact total in yuan.' })
  amount: string | null;

  @Field(() => Float, { nullable: true })
  previous: number | null;

  @Field(() => Float, { nullable: true })
  yearAgo: number | null;

  @Field(() => Float, { nullable: true, description: 'value - previous.' })
  changeFromPrevious: number | null;

  @Field(() => Float, { nullable: true, description: '(value - previous) / |previous|; null when previous is 0 or unknown.' })
  relativeChangeFromPrevious: number | null;

  @Field(() => Float, { nullable: true })
  changeFromYearAgo: number | null;

  @Field(() => Float, { nullable: true })
  relativeChangeFromYearAgo: number | null;
}

@ObjectType({ description: 'The figures for one combination of the dimensions asked.' })
export class StatisticsRow {
  @Field(() => String, { nullable: true, description: 'Region code, with REGION; null also for entities of unknown region.' })
  region: string | null;

  @Field(() => Region, { nullable: true })
  regionInfo?: Region | null;

  @Field(() => String, { nullable: true })
  category: string | null;

  @Field(() => Category, { nullable: true })
  categoryInfo?: Category | null;

  @Field(() => String, { nullable: true })
  platform: string | null;

  @Field(() => Platform, { nullable: true })
  platformInfo?: Platform | null;

  @Field(() => DateScalar, { nullable: true, description: 'First day of the period, with PERIOD.' })
  period: string | null;

  @Field(() => [MeasureFigure])
  values: MeasureFigure[];
}

@ObjectType()
export class DateRange {
  @Field(() => DateScalar)
  from: string;

  @Field(() => DateScalar)
  to: string;
}

@ObjectType()
export class StatisticsResult {
  @Field(() => DateRange)
  range: DateRange;

  @Field(() => DateRange, { nullable: true })
  previousRange: DateRange | null;

  @Field(() => DateRange, { nullable: true })
  yearAgoRange: DateRange | null;

  @Field(() => [StatisticsRow])
  rows: StatisticsRow[];
}

@ObjectType()
export class RankingEntry {
  @Field(() => Int)
  rank: number;

  @Field(() => String, { nullable: true, description: 'Organisations only; natural persons are never identified here.' })
  uscc: string | null;

  @Field(() => String)
  name: string;

  @Field(() => DecimalScalar)
  awardTotal: string;

  @Field(() => Int, { description: 'Awards won (WINNER) or projects (INITIATOR, AGENCY).' })
  count: number;
}

@ObjectType()
export class CodeCount {
  @Field(() => String)
  code: string;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class PenaltyYear {
  @Field(() => Int)
  year: number;

  @Field(() => Int)
  count: number;

  @Field(() => DecimalScalar)
  amount: string;
}

@ObjectType()
export class BlacklistYear {
  @Field(() => Int)
  year: number;

  @Field(() => Int, { description: 'Entries that started this year.' })
  added: number;

  @Field(() => Int, { description: 'Entries removed (信用修复) this year.' })
  removed: number;
}

@ObjectType({ description: "An entity's trading and credit in aggregate, from the analytics store." })
export class EntityProfile {
  @Field(() => String)
  uscc: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  registeredRegionCode: string | null;

  @Field(() => Int)
  bids: number;

  @Field(() => Int, { description: 'Distinct projects bid for.' })
  projectsBid: number;

  @Field(() => Int, { description: 'Awards won.' })
  wins: number;

  @Field(() => DecimalScalar)
  awardTotal: string;

  @Field(() => Float, { nullable: true, description: 'Projects won / projects bid for; null without bids.' })
  winRate: number | null;

  @Field(() => [CodeCount], { description: 'Regions of the projects it bid for or won, with bids + awards there.' })
  regions: Array<{ code: string; count: number }>;

  @Field(() => [CodeCount])
  categories: Array<{ code: string; count: number }>;

  @Field(() => [PenaltyYear])
  penaltiesByYear: PenaltyYear[];

  @Field(() => [BlacklistYear])
  blacklistByYear: BlacklistYear[];

  @Field(() => Int, { description: 'Complaints it filed.' })
  complaintsFiled: number;
}
