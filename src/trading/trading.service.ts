import { requireRole, TRADING_READERS } from '../auth/access';
import type { Caller } from '../auth/caller';
import { toEntity } from '../entities/entity.service';
import type { Entity } from '../entities/entity.type';
import type { Loaders } from '../graphql/loaders';

/** The parties named on trading records (initiators, bidders, winners, suppliers). */
export class TradingService {
  async entity(caller: Caller | null, loaders: Loaders, id: number | null): Promise<Entity | null> {
    requireRole(caller, TRADING_READERS, 'trading parties');
    if (id === null) return null;
    const row = await loaders.entity.load(id);
    return row ? toEntity(row) : null;
  }
}
