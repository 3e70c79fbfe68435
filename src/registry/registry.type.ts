import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PlatformLevel, RegionLevel } from './registry.enums';

export { PlatformLevel, RegionLevel };

registerEnumType(RegionLevel, {
  name: 'RegionLevel',
  description: 'region: 省/自治区/直辖市; league: 地级 (盟/市); county: 县级 (旗/县/区); zone: a development zone (an NBS statistical code, or a local code).',
});

registerEnumType(PlatformLevel, { name: 'PlatformLevel', description: 'region-level centre, league/city centre, or branch (分支机构).' });

@ObjectType({ description: 'An administrative division (行政区划, GB/T 2260).' })
export class Region {
  @Field(() => String, { description: '6-digit GB/T 2260 code, an NBS code for a development zone, or a local code.' })
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  nameEn: string;

  @Field(() => RegionLevel)
  level: RegionLevel;

  @Field(() => String, { nullable: true })
  parentCode: string | null;

  @Field(() => Boolean, { description: 'True when the code is local to the hub, in no national list.' })
  isLocalCode: boolean;
}

@ObjectType({ description: 'A trading catalogue category (交易目录类别).' })
export class Category {
  @Field(() => String)
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  nameEn: string;
}

@ObjectType({ description: 'A trading platform in the platform catalogue (平台目录).' })
export class Platform {
  @Field(() => ID)
  id: number;

  @Field(() => String)
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => PlatformLevel)
  level: PlatformLevel;

  parentId: number | null;

  regionCode: string;

  @Field(() => [String], { description: 'Regions (with their subtrees) this platform may send data for.' })
  remitRegionCodes: string[];
}
