import { Ctx, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { LedgerVerification } from './ledger.type';

@Resolver()
export class LedgerResolver {
  @Query(() => LedgerVerification, { description: 'Verifies the ledger: the chain, every batch digest, every stored row. Role: admin.' })
  ledgerVerification(@Ctx() ctx: HubContext): Promise<LedgerVerification> {
    return ctx.services.ledger.verify(ctx.caller);
  }
}
