import { Ctx, Query, Resolver } from 'type-graphql';
import { requireRole } from '../auth/access';
import type { HubContext } from '../graphql/context';
import { verifyLedger } from '../ledger/ledger';
import { LedgerVerification } from './ledger.type';

@Resolver()
export class LedgerResolver {
  @Query(() => LedgerVerification, { description: 'Verifies the ledger: the chain, every batch digest, every stored row. Role: admin.' })
  ledgerVerification(@Ctx() ctx: HubContext): Promise<LedgerVerification> {
    requireRole(ctx.caller, ['admin'], 'the ledger');
    return verifyLedger(ctx.services.db);
  }
}
