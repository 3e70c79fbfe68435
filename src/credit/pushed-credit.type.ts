import { ObjectType } from 'type-graphql';
import { Connection } from '../graphql/pagination';
import { BlacklistEntry, CreditRecord, Penalty } from './credit.type';

@ObjectType()
export class PenaltyConnection extends Connection(Penalty) {}

@ObjectType()
export class BlacklistEntryConnection extends Connection(BlacklistEntry) {}

@ObjectType()
export class CreditRecordConnection extends Connection(CreditRecord) {}
