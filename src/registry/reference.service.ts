import { requireCaller } from '../auth/access';
import type { Caller } from '../auth/caller';
import { NotFoundError } from '../errors/domain-errors';
import type { RegionNode } from './region-tree';
import type { CategoryRow, PlatformRow } from './registry.repository';
import type { Registry } from './registry.service';

/** Reference data is open to every authenticated role: it is the shared vocabulary. */
export class ReferenceService {
  constructor(readonly registry: Registry) {}

  regions(caller: Caller | null, within: string | null = null): RegionNode[] {
    requireCaller(caller);
    const tree = this.registry.regions;
    const nodes = within === null ? tree.all() : tree.subtree([this.registry.requireRegion('within', within)]).map((code) => tree.get(code)!);
    return nodes.sort((a, b) => a.path.localeCompare(b.path));
  }

  region(caller: Caller | null, code: string): RegionNode {
    requireCaller(caller);
    const region = this.registry.regions.get(code);
    if (!region) throw new NotFoundError('Region', code);
    return region;
  }

  categories(caller: Caller | null): CategoryRow[] {
    requireCaller(caller);
    return this.registry.categories;
  }

  platforms(caller: Caller | null): PlatformRow[] {
    requireCaller(caller);
    return this.registry.platforms;
  }
}
