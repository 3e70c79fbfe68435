import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../graphql/pagination';
import { Provenance } from '../graphql/provenance.type';
import { EntityKind, IdentifiedBy } from './entity.enums';

export { EntityKind, IdentifiedBy };

registerEnumType(IdentifiedBy, {
  name: 'IdentifiedBy',
  description: "What the hub keeps the entity by: its USCC, a person's ID number, an identifier in another registration scheme, or only its name.",
});

@ObjectType({ description: 'An identifier in a registration scheme, in org-id.guide form (OCDS `identifier`).' })
export class EntityIdentifier {
  @Field(() => String, { description: 'The register: CN-USCC, CN-OC (organisation code, GB 11714), GB-COH, HK-CR, …' })
  scheme: string;

  @Field(() => String)
  id: string;
}

registerEnumType(EntityKind, { name: 'EntityKind', description: 'organisation (by USCC) or natural person (by ID number).' });

@ObjectType({
  description: 'A market entity (市场主体): one per USCC, ID number (natural persons), identifier in another registration scheme, or name (parties known by nothing else).',
})
export class Entity {
  @Field(() => ID)
  id: number;

  @Field(() => EntityKind)
  kind: EntityKind;

  @Field(() => String, { nullable: true, description: 'Unified Social Credit Code (统一社会信用代码) of an organisation.' })
  uscc: string | null;

  @Field(() => IdentifiedBy)
  identifiedBy: IdentifiedBy;

  @Field(() => EntityIdentifier, {
    nullable: true,
    description:
      "The organisation's identifier in org-id form: its USCC as CN-USCC, else the scheme it is known by (e.g. GB-COH); null for persons and parties known only by name.",
  })
  identifier: EntityIdentifier | null;

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
