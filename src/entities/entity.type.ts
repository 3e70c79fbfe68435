import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../graphql/pagination';
import { Provenance } from '../graphql/provenance.type';
import { EntityKind } from './entity.enums';

export { EntityKind };

registerEnumType(EntityKind, { name: 'EntityKind', description: 'organisation (by USCC) or natural person (by ID number).' });

@ObjectType({ description: 'A market entity (市场主体): one per USCC, or per ID number for a natural person.' })
export class Entity {
  @Field(() => ID)
  id: number;

  @Field(() => EntityKind)
  kind: EntityKind;

  @Field(() => String, { nullable: true, description: 'Unified Social Credit Code (统一社会信用代码) of an organisation.' })
  uscc: string | null;

  @Field(() => String, {
    nullable: true,
    description: "A natural person's ID number, always masked (e.g. 1529**********123X).",
  })
  idNumber: string | null;

  @Field(() => String)
  name: string;

  registeredRegionCode: string | null;

  @Field(() => String, { nullable: true })
  address: string | null;

  @Field(() => String, { nullable: true })
  legalRepresentative: string | null;

  @Field(() => Provenance)
  provenance: Provenance;
}

@ObjectType()
export class EntityConnection extends Connection(Entity) {}
