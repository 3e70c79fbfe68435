import { bidsSealed, inScope, requireRole, TRADING_READERS, tradingScope, type TradingScope } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { BadInputError, ForbiddenError, NotFoundError } from '../errors/domain-errors';
import type { Loaders } from '../graphql/loaders';
import { decodeCursor, pageSize, toConnection } from '../graphql/pagination';
import { provenanceOf } from '../graphql/provenance.type';
import { startOfChinaDay } from '../graphql/scalars';
import type { Registry } from '../registry/registry.service';
import type { ProjectFilter } from './project.input';
import { countProjects, findProjectById, pageProjects, type ProjectQuery, type ProjectRow } from './project.repository';
import type { Project } from './project.type';
import type { Award, Bid, Complaint, Contract, Lot, Notice } from './trading.type';

const DAY_MS = 86_400_000;

export function toProject(row: ProjectRow): Project {
  return { ...row, provenance: provenanceOf(row) };
}

/** Intersects two optional restrictions; null means unrestricted. */
export function narrow<T>(a: T[] | null | undefined, b: T[] | null | undefined): T[] | null {
  if (!a) return b ?? null;
  if (!b) return a;
  const keep = new Set(b);
  return a.filter((x) => keep.has(x));
}

export function parseId(argument: string, value: string): number {
  const id = Number(value);
  if (!/^\d{1,15}$/.test(value) || !Number.isSafeInteger(id) || id < 1) {
    throw new BadInputError(argument, `'${value}' is not an id`);
  }
  return id;
}

export class ProjectService {
  constructor(
    private readonly db: Db,
    private readonly registry: Registry,
    private readonly pageLimits: { default: number; max: number },
  ) {}

  async byId(caller: Caller | null, idArg: string): Promise<Project> {
    const scope = tradingScope(caller, this.registry.regions);
    const id = parseId('id', idArg);
    const row = await findProjectById(this.db, id);
    if (!row) throw new NotFoundError('Project', String(id));
    if (!inScope(scope, row)) throw new ForbiddenError(`Project ${id} is outside your remit.`);
    return toProject(row);
  }

  async list(caller: Caller | null, filter: ProjectFilter | null | undefined, first: number | null | undefined, after: string | null | undefined) {
    const scope = tradingScope(caller, this.registry.regions);
    const size = pageSize(first, this.pageLimits);
    const cursor = after ? decodeCursor('after', after, ['string', 'number']) : null;
    const cursorTime = cursor ? new Date(cursor[0] as string) : null;
    if (cursorTime && Number.isNaN(cursorTime.getTime())) throw new BadInputError('after', 'not a cursor returned by this API');
    const query = this.query(scope, filter ?? {});
    const nothing = [query.platformIds, query.categoryCodes, query.regionCodes].some((c) => c?.length === 0);
    const rows = nothing ? [] : await pageProjects(this.db, query, cursorTime ? { registeredAt: cursorTime, id: cursor![1] as number } : null, size + 1);
    return {
      ...toConnection(rows, size, toProject, (r) => [r.registeredAt.toISOString(), r.id]),
      countTotal: () => (nothing ? Promise.resolve(0) : countProjects(this.db, query)),
    };
  }

  /** The projects a caller may read, narrowed by the filter (for exports); null when that is none. */
  queryFor(caller: Caller | null, filter: ProjectFilter): ProjectQuery | null {
    const query = this.query(tradingScope(caller, this.registry.regions), filter);
    return [query.platformIds, query.categoryCodes, query.regionCodes].some((c) => c?.length === 0) ? null : query;
  }

  /** The caller's remit narrowed by the filter: a filter can never widen what a key sees. */
  private query(scope: TradingScope, filter: ProjectFilter): ProjectQuery {
    const platformIds = filter.platformCode ? [this.registry.requirePlatform('filter.platformCode', filter.platformCode).id] : null;
    const categories = filter.categoryCodes?.map((c, i) => this.registry.requireCategory(`filter.categoryCodes[${i}]`, c));
    const regions = filter.regionCode ? this.registry.regions.subtree([this.registry.requireRegion('filter.regionCode', filter.regionCode)]) : null;
    if (filter.registeredFrom && filter.registeredTo && filter.registeredFrom > filter.registeredTo) {
      throw new BadInputError('filter.registeredFrom', `${filter.registeredFrom} is after registeredTo ${filter.registeredTo}`);
    }
    const text = filter.text?.trim();
    if (text && text.length > 200) throw new BadInputError('filter.text', 'at most 200 characters');
    return {
      platformIds: narrow(scope.platformId === null ? null : [scope.platformId], platformIds),
      categoryCodes: narrow(scope.categoryCodes, categories),
      regionCodes: narrow(scope.regionCodes, regions),
      registeredFrom: filter.registeredFrom ? startOfChinaDay(filter.registeredFrom) : null,
      registeredBefore: filter.registeredTo ? new Date(startOfChinaDay(filter.registeredTo).getTime() + DAY_MS) : null,
      text: text || null,
    };
  }

  // The children below are reached only through a project the caller was allowed to see.

  async notices(caller: Caller | null, loaders: Loaders, project: Project): Promise<Notice[]> {
    requireRole(caller, TRADING_READERS, 'notices');
    const rows = await loaders.noticesByProject.load(project.id);
    return rows.map((r) => ({ ...r, provenance: provenanceOf(r) }));
  }

  /** Null while the bids are sealed: before bid opening only admin sees prices and bidders. */
  async bids(caller: Caller | null, loaders: Loaders, project: Project): Promise<Bid[] | null> {
    const c = requireRole(caller, TRADING_READERS, 'bids');
    if (bidsSealed(c, project.bidOpeningAt)) return null;
    const rows = await loaders.bidsByProject.load(project.id);
    return rows.map((r) => ({
      id: r.id,
      bidderId: r.bidderId,
      price: r.price,
      currency: r.currency,
      submittedAt: r.submittedAt,
      depositForm: r.depositForm,
      fingerprint: { machineCode: r.machineCode, macAddress: r.macAddress, ipAddress: r.ipAddress, fileHash: r.fileHash },
      status: r.status,
      statusReason: r.statusReason,
      score: r.score === null ? null : Number(r.score),
      rank: r.rank,
      lotCode: r.lotCode,
      provenance: provenanceOf(r),
    }));
  }

  bidsSealed(caller: Caller | null, project: Project): boolean {
    return bidsSealed(requireRole(caller, TRADING_READERS, 'bids'), project.bidOpeningAt);
  }

  async awards(caller: Caller | null, loaders: Loaders, project: Project): Promise<Award[]> {
    requireRole(caller, TRADING_READERS, 'awards');
    const rows = await loaders.awardsByProject.load(project.id);
    return rows.map((r) => ({ ...r, provenance: provenanceOf(r) }));
  }

  async contracts(caller: Caller | null, loaders: Loaders, project: Project): Promise<Contract[]> {
    requireRole(caller, TRADING_READERS, 'contracts');
    const rows = await loaders.contractsByProject.load(project.id);
    return rows.map((r) => ({ ...r, provenance: provenanceOf(r) }));
  }

  async complaints(caller: Caller | null, loaders: Loaders, project: Project): Promise<Complaint[]> {
    requireRole(caller, TRADING_READERS, 'complaints');
    const rows = await loaders.complaintsByProject.load(project.id);
    return rows.map((r) => ({ ...r, provenance: provenanceOf(r) }));
  }

  async lots(caller: Caller | null, loaders: Loaders, project: Project): Promise<Lot[]> {
    requireRole(caller, TRADING_READERS, 'lots');
    return loaders.lotsByProject.load(project.id);
  }
}
