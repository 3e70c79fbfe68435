import { requireRole, TRADING_READERS } from '../../auth/access';
import type { Caller } from '../../auth/caller';
import type { Db } from '../../db/database';
import { findEntitiesByIds } from '../../entities/entity.repository';
import type { Registry } from '../../registry/registry.service';
import type { ProjectFilter } from '../../trading/project.input';
import { awardsOfProjects, bidsOfProjects, contractsOfProjects, lotsOfProjects, pageProjects, type ProjectRow } from '../../trading/project.repository';
import type { ProjectService } from '../../trading/project.service';
import { paymentsOfContracts } from './export.repository';
import { packageHead, recordOf, type ExportParty, type ExportProject } from './to-ocds';

/** Projects read and mapped per chunk: memory stays bounded however many the period holds. */
const CHUNK = 200;

export interface ExportOptions {
  ocidPrefix: string;
  publisherName: string;
}

/**
 * The hub's trading data as an OCDS 1.1 record package, streamed as JSON text: the projects
 * the caller may read (the same remit as the projects query; a filter only narrows it),
 * registered in the period, in a region's subtree and categories. Sealed bids (before their
 * opening, whoever asks) and personal ID numbers never leave the hub.
 */
export class OcdsExportService {
  constructor(
    private readonly db: Db,
    private readonly registry: Registry,
    private readonly projects: ProjectService,
    private readonly options: ExportOptions,
  ) {}

  /** `uri` is where this package can be fetched again (OCDS asks for an absolute URI). */
  async *recordPackage(caller: Caller | null, filter: ProjectFilter, uri: string, now = new Date()): AsyncGenerator<string> {
    requireRole(caller, TRADING_READERS, 'OCDS export');
    const query = this.projects.queryFor(caller, filter);
    const head = JSON.stringify(packageHead(uri, this.options.publisherName, now));
    yield `${head.slice(0, -1)},"records":[`;
    let after: { registeredAt: Date; id: number } | null = null;
    let first = true;
    for (;;) {
      const rows: ProjectRow[] = query === null ? [] : await pageProjects(this.db, query, after, CHUNK);
      if (rows.length === 0) break;
      after = { registeredAt: rows.at(-1)!.registeredAt, id: rows.at(-1)!.id };
      for (const record of await this.records(rows, now)) {
        yield `${first ? '' : ','}${JSON.stringify(record)}`;
        first = false;
      }
      if (rows.length < CHUNK) break;
    }
    yield ']}';
  }

  private async records(rows: ProjectRow[], now: Date) {
    const ids = rows.map((r) => r.id);
    const [lots, bids, awards, contracts] = await Promise.all([
      lotsOfProjects(this.db, ids),
      bidsOfProjects(this.db, ids),
      awardsOfProjects(this.db, ids),
      contractsOfProjects(this.db, ids),
    ]);
    const payments =
      contracts.length === 0
        ? []
        : await paymentsOfContracts(
            this.db,
            contracts.map((c) => c.id),
          );
    const opened = new Set(rows.filter((r) => r.bidOpeningAt !== null && r.bidOpeningAt <= now).map((r) => r.id));
    const entityIds = new Set<number>();
    for (const r of rows) for (const id of [r.initiatorId, r.agencyId]) if (id !== null) entityIds.add(id);
    for (const b of bids) if (opened.has(b.projectId)) entityIds.add(b.bidderId);
    for (const a of awards) entityIds.add(a.winnerId);
    for (const c of contracts) entityIds.add(c.supplierId);
    const entities = new Map<number, ExportParty>((await findEntitiesByIds(this.db, [...entityIds])).map((e) => [e.id, e]));
    const of = <T extends { projectId: number }>(list: T[], id: number) => list.filter((x) => x.projectId === id);
    return rows.map((r) => {
      const project: ExportProject = {
        ...r,
        platformCode: this.registry.platformById(r.platformId)?.code ?? '',
        version: r.sourceVersion,
        lots: of(lots, r.id),
        // Sealed until opening for everyone here, admin too: an export leaves the hub.
        bids: opened.has(r.id) ? of(bids, r.id) : [],
        awards: of(awards, r.id).map((a) => ({ ...a, version: a.sourceVersion })),
        contracts: of(contracts, r.id).map((c) => ({
          ...c,
          version: c.sourceVersion,
          payments: payments.filter((p) => p.contractId === c.id && p.paidAmount !== null).map((p) => ({ ...p, paidAmount: p.paidAmount! })),
        })),
      };
      return recordOf(project, entities, this.options.ocidPrefix);
    });
  }
}
