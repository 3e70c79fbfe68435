import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../graphql/pagination';
import { Provenance } from '../graphql/provenance.type';
import { DecimalScalar } from '../graphql/scalars';
import { ProcurementMethod, ProjectStatus } from './trading.enums';

registerEnumType(ProcurementMethod, {
  name: 'ProcurementMethod',
  description: '公开招标, 邀请招标, 竞争性谈判, 竞争性磋商, 询价, 单一来源, 拍卖, 挂牌, 协议转让.',
});
registerEnumType(ProjectStatus, { name: 'ProjectStatus' });

@ObjectType({ description: 'One item a project buys (采购标的; OCDS tender.items), as the sender listed it.' })
export class ProjectItem {
  @Field(() => String, { nullable: true, description: "The sender's own id of the item." })
  id: string | null;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'The classification scheme the code is in: CPV, UNSPSC, 政府采购品目分类 …' })
  scheme: string | null;

  @Field(() => String, { nullable: true, description: "The item's code in `scheme` (e.g. A02010104 in 政府采购品目分类); never without a scheme." })
  code: string | null;

  @Field(() => String, { nullable: true, description: "The code's label in the scheme, as the sender gave it (e.g. 台式计算机)." })
  label: string | null;

  @Field(() => Float, { nullable: true })
  quantity: number | null;

  @Field(() => String, { nullable: true, description: 'The unit of `quantity` (台, 套, 吨 …).' })
  unit: string | null;

  @Field(() => String, { nullable: true, description: 'The section (lot) the item belongs to, by its `lotCode`.' })
  lotCode: string | null;
}

@ObjectType({ description: 'A trading project (交易项目): one trading process on one platform.' })
export class Project {
  @Field(() => ID)
  id: number;

  @Field(() => String, { description: "The platform's own project code, unique within the platform." })
  projectCode: string;

  @Field(() => String, { nullable: true, description: 'The region-wide unified deal code, when assigned.' })
  dealCode: string | null;

  @Field(() => String)
  title: string;

  platformId: number;
  categoryCode: string;
  regionCode: string;
  initiatorId: number | null;
  agencyId: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Budget or reserve price, in `currency`.' })
  budget: string | null;

  @Field(() => String, { description: 'ISO 4217 currency of the amounts (CNY unless the record said otherwise).' })
  currency: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The ceiling no bid may exceed (最高投标限价 / 招标控制价), in `currency`.' })
  controlPrice: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "The whole project's investment (项目总投资), in `currency`." })
  totalInvestment: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the law requires the project to be tendered (依法必须招标); null when the sender did not say.' })
  mustTender: boolean | null;

  @Field(() => ProcurementMethod)
  procurementMethod: ProcurementMethod;

  @Field(() => ProjectStatus)
  status: ProjectStatus;

  @Field(() => Boolean, { description: 'Traded fully electronically (全流程电子化).' })
  isElectronic: boolean;

  @Field(() => String, { nullable: true })
  supervisorDepartment: string | null;

  @Field(() => DateTimeISOResolver)
  registeredAt: Date;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'Bid opening (开标); bids stay sealed until then.' })
  bidOpeningAt: Date | null;

  @Field(() => [ProjectItem], { nullable: true, description: "What the project buys (采购标的), with each item's classification; null when the sender listed none." })
  items: ProjectItem[] | null;

  @Field(() => Provenance)
  provenance: Provenance;
}

@ObjectType()
export class ProjectConnection extends Connection(Project) {}
