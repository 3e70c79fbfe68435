import type { Db } from '../db/database';
import { BadInputError } from '../errors/domain-errors';
import { currentRegionCode } from './divisions/divisions';
import { RegionTree } from './region-tree';
import { loadCategories, loadPlatforms, loadRegions, type CategoryRow, type PlatformRow } from './registry.repository';

/**
 * A snapshot of the reference data (regions, categories, platforms), loaded at start-up.
 * Everything here is read on nearly every request and changes only with a release, so it
 * lives in memory (the regions are the largest part: some 3,400 rows).
 */
export class Registry {
  private constructor(
    readonly regions: RegionTree,
    readonly categories: CategoryRow[],
    readonly platforms: PlatformRow[],
  ) {}

  static async load(db: Db): Promise<Registry> {
    const [regions, categories, platforms] = await Promise.all([loadRegions(db), loadCategories(db), loadPlatforms(db)]);
    return new Registry(new RegionTree(regions), categories, platforms);
  }

  category(code: string): CategoryRow | undefined {
    return this.categories.find((c) => c.code === code);
  }

  platformById(id: number): PlatformRow | undefined {
    return this.platforms.find((p) => p.id === id);
  }

  platformByCode(code: string): PlatformRow | undefined {
    return this.platforms.find((p) => p.code === code);
  }

  /** Validates a caller-supplied region code, naming the argument it came from; an old code gives today's. */
  requireRegion(argument: string, code: string): string {
    const current = currentRegionCode(code);
    if (!this.regions.has(current)) throw new BadInputError(argument, `unknown region code '${code}'`);
    return current;
  }

  requireCategory(argument: string, code: string): string {
    if (!this.category(code)) {
      throw new BadInputError(argument, `unknown category '${code}'; one of ${this.categories.map((c) => c.code).join(', ')}`);
    }
    return code;
  }

  requirePlatform(argument: string, code: string): PlatformRow {
    const platform = this.platformByCode(code);
    if (!platform) throw new BadInputError(argument, `unknown platform code '${code}'`);
    return platform;
  }
}
