import { CREDIT_READERS, requireRole, warningInScope, warningScope, type WarningScope } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { findEntitiesByIds } from '../entities/entity.repository';
import { maskIdNumbersIn, maskIdNumbersInJson } from '../entities/id-number';
import { toEntity } from '../entities/entity.service';
import type { Entity } from '../entities/entity.type';
import { validateUscc } from '../entities/uscc';
import { BadInputError, NotFoundError } from '../errors/domain-errors';
import type { Loaders } from '../graphql/loaders';
import { decodeCursor, pageSize, toConnection } from '../graphql/pagination';
import { startOfChinaDay } from '../graphql/scalars';
import type { Registry } from '../registry/registry.service';
import { narrow, parseId } from '../trading/project.service';
import type { WarningStatus } from './supervision.enums';
import type { WarningFilter } from './warning.input';
import { NETWORK_INDICATORS, NETWORK_MAX_NODES, planNetwork } from './warning-network';
import type { WarningNetwork } from './warning-network.type';
import { countWarnings, entityIdByUscc, findWarning, networkWarnings, pageWarnings, reviewWarning, type WarningQuery, type WarningRow } from './warning.repository';
import type { ConfirmedWarning, Warning, WarningEvent } from './warning.type';
import { NAME_MAX, NOTE_MAX, planReview, reviewText, type Review } from './warning.workflow';

const DAY_MS = 86_400_000;
const UNDECIDED: WarningStatus[] = ['open', 'assigned'];
/** What the network shows unless asked otherwise: a dismissed warning links nobody. */
const NETWORK_STATUSES: WarningStatus[] = ['open', 'assigned', 'confirmed'];
/** The newest warnings a network is drawn from at most: bounds the memory of one request. */
const NETWORK_MAX_WARNINGS = 20_000;

export function toWarning(row: WarningRow, now: Date): Warning {
  const { projectCode, projectTitle, projectRegionCode, projectCategoryCode, ...warning } = row;
  return {
    ...warning,
    evidence: maskIdNumbersInJson(row.evidence) as Record<string, unknown>,
    project:
      row.projectId !== null && projectCode !== null
        ? { id: row.projectId, code: projectCode, title: projectTitle!, regionCode: projectRegionCode!, categoryCode: projectCategoryCode! }
        : null,
    overdue: UNDECIDED.includes(row.status) && row.dueAt.getTime() < now.getTime(),
  };
}

/**
 * The supervisors' review of warnings: the queue, one warning with its evidence and trail,
 * and the review steps. Every call checks the caller's remit first; a warning outside it
 * is NOT_FOUND, so a supervisor cannot learn that one exists.
 */
export class WarningService {
  constructor(
    private readonly db: Db,
    private readonly registry: Registry,
    private readonly pageLimits: { default: number; max: number },
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(caller: Caller | null, filter: WarningFilter | null | undefined, first: number | null | undefined, after: string | null | undefined) {
    const scope = warningScope(caller, this.registry.regions);
    const size = pageSize(first, this.pageLimits);
    const cursor = after ? decodeCursor('after', after, ['string', 'number']) : null;
    const cursorTime = cursor ? new Date(cursor[0] as string) : null;
    if (cursorTime && Number.isNaN(cursorTime.getTime())) throw new BadInputError('after', 'not a cursor returned by this API (use pageInfo.endCursor)');
    const query = this.query(scope, filter ?? {});
    const nothing = [query.categoryCodes, query.regionCodes].some((c) => c?.length === 0);
    const rows = nothing ? [] : await pageWarnings(this.db, query, cursorTime ? { raisedAt: cursorTime, id: cursor![1] as number } : null, size + 1);
    const now = this.clock();
    return {
      ...toConnection(
        rows,
        size,
        (r) => toWarning(r, now),
        (r) => [r.raisedAt.toISOString(), r.id],
      ),
      countTotal: () => (nothing ? Promise.resolve(0) : countWarnings(this.db, query)),
    };
  }

  /**
   * Bidders linked by warnings of the linking indicators, within the remit and the filter;
   * undismissed warnings unless the filter names statuses. Nodes carry names, never ID numbers.
   */
  async network(caller: Caller | null, filter: WarningFilter | null | undefined, maxNodes: number | null | undefined): Promise<WarningNetwork> {
    const scope = warningScope(caller, this.registry.regions);
    const cap = maxNodes ?? NETWORK_MAX_NODES;
    if (!Number.isInteger(cap) || cap < 1 || cap > NETWORK_MAX_NODES) throw new BadInputError('maxNodes', `between 1 and ${NETWORK_MAX_NODES}`);
    const query = this.query(scope, { ...filter, statuses: filter?.statuses ?? NETWORK_STATUSES });
    query.indicators = narrow([...NETWORK_INDICATORS], query.indicators);
    const nothing = [query.categoryCodes, query.regionCodes, query.indicators].some((c) => c?.length === 0);
    const rows = nothing ? [] : await networkWarnings(this.db, query, NETWORK_MAX_WARNINGS + 1);
    const plan = planNetwork(rows.slice(0, NETWORK_MAX_WARNINGS), cap);
    const found = new Map(
      (
        await findEntitiesByIds(
          this.db,
          plan.nodes.map((n) => n.id),
        )
      ).map((e) => [e.id, e]),
    );
    const nodes = plan.nodes.flatMap((n) => {
      const e = found.get(n.id);
      return e ? [{ ...n, name: maskIdNumbersIn(e.name), kind: e.kind }] : [];
    });
    const edges = plan.edges.filter((e) => found.has(e.source) && found.has(e.target)).map((e) => ({ ...e, warnings: e.warningIds.length }));
    return { nodes, edges, totalNodes: plan.totalNodes, truncated: plan.truncated || rows.length > NETWORK_MAX_WARNINGS };
  }

  async byId(caller: Caller | null, idArg: string): Promise<Warning> {
    const scope = warningScope(caller, this.registry.regions);
    const id = parseId('id', idArg);
    const row = await findWarning(this.db, id);
    if (!row || !warningInScope(scope, row)) throw new NotFoundError('Warning', String(id));
    return toWarning(row, this.clock());
  }

  assign(caller: Caller | null, idArg: string, assignee: string): Promise<Warning> {
    return this.review(caller, idArg, () => ({ action: 'assigned', assignee: reviewText('assignee', assignee, NAME_MAX, 'name the person or office to review this warning')! }));
  }

  comment(caller: Caller | null, idArg: string, note: string): Promise<Warning> {
    return this.review(caller, idArg, () => ({ action: 'commented', note: reviewText('note', note, NOTE_MAX, 'a comment cannot be empty')! }));
  }

  confirm(caller: Caller | null, idArg: string, note: string): Promise<Warning> {
    return this.review(caller, idArg, () => ({
      action: 'confirmed',
      note: reviewText('note', note, NOTE_MAX, 'state the finding: what review showed to be abnormal trading')!,
    }));
  }

  dismiss(caller: Caller | null, idArg: string, reason: string): Promise<Warning> {
    return this.review(caller, idArg, () => ({
      action: 'dismissed',
      reason: reviewText('reason', reason, NOTE_MAX, 'a warning is dismissed only with a reason: say why this is not abnormal trading')!,
    }));
  }

  refer(caller: Caller | null, idArg: string, to: string, note: string | null | undefined): Promise<Warning> {
    return this.review(caller, idArg, () => ({
      action: 'referred',
      to: reviewText('to', to, NAME_MAX, 'name the authority the warning is referred to')!,
      note: reviewText('note', note, NOTE_MAX, null),
    }));
  }

  /** Remit first, then the arguments, then the step under the warning's row lock. */
  private async review(caller: Caller | null, idArg: string, ask: () => Review): Promise<Warning> {
    const scope = warningScope(caller, this.registry.regions);
    const c = caller!;
    const id = parseId('id', idArg);
    const review = ask();
    const row = await reviewWarning(this.db, id, { keyId: c.keyId, name: c.name }, (locked) => {
      if (!warningInScope(scope, locked)) throw new NotFoundError('Warning', String(id));
      return planReview(locked, review);
    });
    if (!row) throw new NotFoundError('Warning', String(id));
    return toWarning(row, this.clock());
  }

  // The children below are reached only through a warning the caller was allowed to see.

  async events(loaders: Loaders, warning: Warning): Promise<WarningEvent[]> {
    return loaders.eventsByWarning.load(warning.id);
  }

  async entities(loaders: Loaders, warning: Warning): Promise<Entity[]> {
    const rows = await loaders.entity.loadMany(warning.entityIds);
    return rows.flatMap((r) => (r && !(r instanceof Error) ? [toEntity(r)] : []));
  }

  /** Confirmed warnings naming an entity: for the roles that read its credit. */
  async confirmedOfEntity(caller: Caller | null, loaders: Loaders, entityId: number): Promise<ConfirmedWarning[]> {
    requireRole(caller, CREDIT_READERS, 'confirmed warnings');
    return loaders.confirmedWarningsByEntity.load(entityId);
  }

  /** The same for an entity profile, which knows the entity by its USCC. */
  async confirmedOfUscc(caller: Caller | null, loaders: Loaders, uscc: string): Promise<ConfirmedWarning[]> {
    requireRole(caller, CREDIT_READERS, 'confirmed warnings');
    const checked = validateUscc(uscc);
    const id = checked.ok ? await entityIdByUscc(this.db, checked.code) : null;
    return id === null ? [] : loaders.confirmedWarningsByEntity.load(id);
  }

  /** The caller's remit narrowed by the filter: a filter can never widen what a key sees. */
  private query(scope: WarningScope, filter: WarningFilter): WarningQuery {
    const categories = filter.categoryCodes?.map((c, i) => this.registry.requireCategory(`filter.categoryCodes[${i}]`, c));
    const regions = filter.regionCode ? this.registry.regions.subtree([this.registry.requireRegion('filter.regionCode', filter.regionCode)]) : null;
    for (const [from, to] of [
      ['raisedFrom', 'raisedTo'],
      ['occurredFrom', 'occurredTo'],
    ] as const) {
      if (filter[from] && filter[to] && filter[from] > filter[to]) throw new BadInputError(`filter.${from}`, `${filter[from]} is after ${to} ${filter[to]}`);
    }
    return {
      indicators: filter.indicators ?? null,
      severities: filter.severities ?? null,
      statuses: filter.statuses ?? null,
      categoryCodes: narrow(scope.categoryCodes, categories),
      regionCodes: narrow(scope.regionCodes, regions),
      raisedFrom: filter.raisedFrom ? startOfChinaDay(filter.raisedFrom) : null,
      raisedBefore: filter.raisedTo ? new Date(startOfChinaDay(filter.raisedTo).getTime() + DAY_MS) : null,
      occurredFrom: filter.occurredFrom ?? null,
      occurredTo: filter.occurredTo ?? null,
      entityId: filter.entityId ? parseId('filter.entityId', filter.entityId) : null,
      projectId: filter.projectId ? parseId('filter.projectId', filter.projectId) : null,
      overdue: filter.overdue ?? null,
      undecided: UNDECIDED,
    };
  }
}
