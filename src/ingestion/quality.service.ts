import { requireRole } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { BadInputError } from '../errors/domain-errors';
import type { Registry } from '../registry/registry.service';
import type { PlatformRow } from '../registry/registry.repository';
import { COMPLETENESS_FIELDS, projectCompleteness, qualityFigures } from './quality.repository';
import type { PlatformDataQuality } from './quality.type';

const MAX_DAYS = 366;
const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/** Data quality per platform: aggregates only, so policy keys may read it too. */
export class DataQualityService {
  constructor(
    private readonly db: Db,
    private readonly registry: Registry,
    private readonly deadline: string,
  ) {}

  async report(caller: Caller | null, platformCode: string | null | undefined, from: string, to: string): Promise<PlatformDataQuality[]> {
    const c = requireRole(caller, ['admin', 'policy', 'supervisor', 'platform'], 'data quality');
    if (from > to) throw new BadInputError('from', `${from} is after to ${to}`);
    const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
    if (days > MAX_DAYS) throw new BadInputError('to', `at most ${MAX_DAYS} days at a time`);
    let platforms: PlatformRow[] = platformCode ? [this.registry.requirePlatform('platformCode', platformCode)] : this.registry.platforms;
    if (c.role === 'platform') platforms = platforms.filter((p) => p.id === c.platformId);
    if (platforms.length === 0) return [];
    const ids = platforms.map((p) => p.id);
    const [figures, completeness] = await Promise.all([qualityFigures(this.db, ids, from, to, this.deadline), projectCompleteness(this.db, ids, from, to)]);
    const filled = new Map(completeness.map((r) => [Number(r.platform_id), r]));
    return figures.map((f) => {
      const platform = this.registry.platformById(Number(f.platform_id))!;
      const fill = filled.get(platform.id);
      return {
        platformId: platform.id,
        platform: platform as unknown as PlatformDataQuality['platform'],
        batches: f.batches,
        nightsExpected: days,
        nightsDelivered: f.nights_delivered,
        timeliness: ratio(f.nights_delivered, days),
        recordsReceived: f.received,
        recordsRejected: f.rejected,
        rejectionRate: ratio(f.rejected, f.received),
        recordsStale: f.stale,
        heldNow: f.held_now,
        lastBatchSealedAt: f.last_sealed_at ? new Date(f.last_sealed_at) : null,
        completeness: COMPLETENESS_FIELDS.map((field) => ({
          field: `project.${field.replace(/_id$/, '').replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())}`,
          filled: fill?.[field] ?? 0,
          total: fill?.total ?? 0,
          share: ratio(fill?.[field] ?? 0, fill?.total ?? 0),
        })),
      };
    });
  }
}
