import { ForbiddenError, UnauthenticatedError } from '../errors/domain-errors';
import type { RegionTree } from '../registry/region-tree';
import type { Caller, Role } from './caller';

/**
 * What each role may do. Services call these first, before touching data; the role
 * matrix test in test/ walks every role against every operation.
 *
 * | data                          | admin | platform      | credit | policy | supervisor        |
 * |-------------------------------|-------|---------------|--------|--------|-------------------|
 * | regions, categories, platforms| yes   | yes           | yes    | yes    | yes               |
 * | entities (basic facts)        | yes   | yes           | yes    | no     | yes               |
 * | credit rows of an entity      | yes   | no            | yes    | no     | yes               |
 * | projects and trading detail   | all   | own platform  | no     | no     | categories+regions|
 * | bids before bid opening       | yes   | no            | no     | no     | no                |
 * | committee members before award| yes   | no            | no     | no     | no                |
 * | experts (ID number masked)    | all   | own pushes    | no     | no     | via evaluations   |
 * | statistics (later issue)      | yes   | no            | no     | yes    | yes               |
 * | warnings: queue, review steps | all   | no            | no     | no     | categories+regions|
 * | confirmed warnings of entity  | yes   | no            | yes    | no     | yes               |
 *
 * A warning outside a supervisor's remit is NOT_FOUND, not FORBIDDEN: its existence says
 * something already. Policy keys count warnings through statistics only.
 */
export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new UnauthenticatedError();
  return caller;
}

export function requireRole(caller: Caller | null, roles: readonly Role[], what: string): Caller {
  const c = requireCaller(caller);
  if (!roles.includes(c.role)) {
    throw new ForbiddenError(`A ${c.role} key may not read ${what}; this needs one of: ${roles.join(', ')}.`);
  }
  return c;
}

export const ENTITY_READERS: readonly Role[] = ['admin', 'platform', 'credit', 'supervisor'];
export const CREDIT_READERS: readonly Role[] = ['admin', 'credit', 'supervisor'];
export const TRADING_READERS: readonly Role[] = ['admin', 'platform', 'supervisor'];
export const WARNING_REVIEWERS: readonly Role[] = ['admin', 'supervisor'];

/**
 * The slice of trading data a caller may see, as conditions on a project's platform,
 * category and region. `null` in a field means "no restriction on it".
 */
export interface TradingScope {
  platformId: number | null;
  categoryCodes: string[] | null;
  /** Already expanded to whole subtrees. */
  regionCodes: string[] | null;
}

export function tradingScope(caller: Caller | null, regions: RegionTree): TradingScope {
  const c = requireRole(caller, TRADING_READERS, 'trading data');
  switch (c.role) {
    case 'platform':
      return { platformId: c.platformId, categoryCodes: null, regionCodes: null };
    case 'supervisor':
      return {
        platformId: null,
        categoryCodes: c.categoryCodes,
        regionCodes: c.regionCodes ? regions.subtree(c.regionCodes) : null,
      };
    default:
      return { platformId: null, categoryCodes: null, regionCodes: null };
  }
}

export function inScope(scope: TradingScope, project: { platformId: number; categoryCode: string; regionCode: string }): boolean {
  return (
    (scope.platformId === null || scope.platformId === project.platformId) &&
    (scope.categoryCodes === null || scope.categoryCodes.includes(project.categoryCode)) &&
    (scope.regionCodes === null || scope.regionCodes.includes(project.regionCode))
  );
}

/**
 * Bid prices and bidder lists are confidential until bid opening (开标); only admin sees
 * them earlier. A project with no opening time yet counts as not opened.
 */
export function bidsSealed(caller: Caller, bidOpeningAt: Date | null, now = new Date()): boolean {
  if (caller.role === 'admin') return false;
  return bidOpeningAt === null || bidOpeningAt.getTime() > now.getTime();
}

/**
 * The members of an evaluation committee are confidential until the award is decided
 * (招标投标法 Art. 37: 评标委员会成员的名单在中标结果确定前应当保密); only admin sees them
 * earlier. The hub knows the award is decided when it holds one for the project.
 */
export function committeeSealed(caller: Caller, awardDecided: boolean): boolean {
  return caller.role !== 'admin' && !awardDecided;
}

/**
 * The warnings a caller may see and review, as conditions on the region and category copied
 * from a warning's main project, exactly as tradingScope narrows projects. `null` in a field
 * means "no restriction on it".
 */
export interface WarningScope {
  categoryCodes: string[] | null;
  /** Already expanded to whole subtrees. */
  regionCodes: string[] | null;
}

export function warningScope(caller: Caller | null, regions: RegionTree): WarningScope {
  const c = requireRole(caller, WARNING_REVIEWERS, 'warnings');
  if (c.role !== 'supervisor') return { categoryCodes: null, regionCodes: null };
  return { categoryCodes: c.categoryCodes, regionCodes: c.regionCodes ? regions.subtree(c.regionCodes) : null };
}

/** A warning with no region or category lies outside any remit that restricts it. */
export function warningInScope(scope: WarningScope, warning: { regionCode: string | null; categoryCode: string | null }): boolean {
  return (
    (scope.categoryCodes === null || (warning.categoryCode !== null && scope.categoryCodes.includes(warning.categoryCode))) &&
    (scope.regionCodes === null || (warning.regionCode !== null && scope.regionCodes.includes(warning.regionCode)))
  );
}
