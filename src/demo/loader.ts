import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Logger } from 'pino';
import type { Db } from '../db/database';
import * as t from '../db/schema';
import { pushSourceCode } from '../registry/reference-data';
import type { DemoDataset } from './generator';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const CHUNK = 1000;

/** Inserts rows in chunks (Postgres takes at most 65,535 parameters per statement). */
async function insertAll(tx: Tx, table: PgTable, rows: Record<string, unknown>[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = (await tx
      .insert(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .returning({ id: sql<number>`id`, key: sql<string>`source_record_id` })) as Array<{ id: number; key: string }>;
    for (const row of inserted) ids.set(row.key, Number(row.id));
  }
  return ids;
}

export interface DemoSummary {
  entities: number;
  projects: number;
  bids: number;
  awards: number;
  contracts: number;
  penalties: number;
  blacklistEntries: number;
}

/**
 * Loads a generated dataset in one transaction, each record under the push source of the
 * platform it belongs to and in a batch of its own, so provenance looks as it will when the
 * same data arrives through the push path.
 */
export async function loadDemo(db: Db, ds: DemoDataset, log: Logger): Promise<DemoSummary> {
  return db.transaction(async (tx) => {
    const platformRows = await tx.select().from(t.platforms);
    const sourceRows = await tx.select().from(t.dataSources);
    const runKey = `demo:${Date.now()}`;
    const batchOf = new Map<string, { sourceId: number; batchId: number }>();
    const provenanceFor = async (platformCode: string) => {
      const known = batchOf.get(platformCode);
      if (known) return known;
      const source = sourceRows.find((s) => s.code === pushSourceCode(platformCode));
      if (!source) throw new Error(`No push source for platform ${platformCode}`);
      const [batch] = await tx
        .insert(t.batches)
        .values({ sourceId: source.id, idempotencyKey: `${runKey}:${platformCode}`, status: 'committed', note: 'demo data', committedAt: new Date() })
        .returning({ id: t.batches.id });
      const p = { sourceId: source.id, batchId: batch!.id };
      batchOf.set(platformCode, p);
      return p;
    };
    const regional = await provenanceFor('P150000');
    const prov = (base: { sourceId: number; batchId: number }, key: string, version: Date) => ({ ...base, sourceRecordId: key, sourceVersion: version });
    const epoch = new Date(Date.UTC(2024, 0, 1));

    const entityIds = await insertAll(tx, t.entities, ds.entities.map((e) => ({
      kind: e.kind, uscc: e.uscc, personIdNumber: e.personIdNumber, name: e.name, registeredRegionCode: e.regionCode,
      address: e.address, legalRepresentative: e.legalRepresentative, ...prov(regional, e.key, epoch),
    })));
    const expertIds = await insertAll(tx, t.experts, ds.experts.map(({ key, ...x }) => ({ ...x, ...prov(regional, key, epoch) })));

    const platformId = new Map(platformRows.map((p) => [p.code, p.id]));
    const projectProv = new Map<string, { sourceId: number; batchId: number }>();
    for (const p of ds.projects) projectProv.set(p.key, await provenanceFor(p.platformCode));
    const projectIds = await insertAll(tx, t.projects, ds.projects.map((p) => ({
      platformId: platformId.get(p.platformCode)!, projectCode: p.projectCode, dealCode: p.dealCode, title: p.title, categoryCode: p.categoryCode,
      regionCode: p.regionCode, initiatorId: entityIds.get(p.initiatorKey)!, agencyId: p.agencyKey ? entityIds.get(p.agencyKey)! : null,
      budget: p.budget, procurementMethod: p.procurementMethod, status: p.status, isElectronic: p.isElectronic,
      supervisorDepartment: p.supervisorDepartment, registeredAt: p.registeredAt, bidOpeningAt: p.bidOpeningAt, ...prov(projectProv.get(p.key)!, p.key, p.registeredAt),
    })));
    const child = (projectKey: string, key: string, version: Date) => ({ projectId: projectIds.get(projectKey)!, ...prov(projectProv.get(projectKey)!, key, version) });

    await insertAll(tx, t.notices, ds.notices.map((n) => ({ kind: n.kind, title: n.title, publishedAt: n.publishedAt, ...child(n.projectKey, n.key, n.publishedAt) })));
    await insertAll(tx, t.bids, ds.bids.map((b) => ({
      bidderId: entityIds.get(b.bidderKey)!, price: b.price, submittedAt: b.submittedAt, depositForm: b.depositForm, machineCode: b.machineCode,
      macAddress: b.macAddress, ipAddress: b.ipAddress, fileHash: b.fileHash, ...child(b.projectKey, b.key, b.submittedAt),
    })));
    const bidsPerProject = new Map<string, number>();
    for (const b of ds.bids) bidsPerProject.set(b.projectKey, (bidsPerProject.get(b.projectKey) ?? 0) + 1);
    await insertAll(tx, t.bidOpenings, ds.projects.filter((p) => p.status !== 'tendering').map((p) => ({
      openedAt: p.bidOpeningAt, location: '开标室（不见面开标）', isRemote: p.isElectronic, bidsReceived: bidsPerProject.get(p.key) ?? 0,
      ...child(p.key, `OPEN-${p.key}`, p.bidOpeningAt),
    })));
    const committeeIds = await insertAll(tx, t.evaluationCommittees, ds.committees.map((c) => ({
      formedAt: c.formedAt, isRemote: c.isRemote, isCrossRegion: c.isCrossRegion, reportedAt: new Date(c.formedAt.getTime() + 86_400_000), ...child(c.projectKey, c.key, c.formedAt),
    })));
    await insertAll(tx, t.committeeMembers, ds.committees.flatMap((c) => c.memberKeys.map((m, i) => ({
      committeeId: committeeIds.get(c.key)!, expertId: expertIds.get(m)!, role: i === 0 ? 'chair' : 'member', ...prov(projectProv.get(c.projectKey)!, `${c.key}-${m}`, c.formedAt),
    }))));
    const awardIds = await insertAll(tx, t.awards, ds.awards.map((a) => ({
      winnerId: entityIds.get(a.winnerKey)!, amount: a.amount, awardedAt: a.awardedAt, publishedAt: a.publishedAt, ...child(a.projectKey, a.key, a.awardedAt),
    })));
    await insertAll(tx, t.contracts, ds.contracts.map((c) => ({
      awardId: awardIds.get(c.awardKey)!, supplierId: entityIds.get(c.supplierKey)!, contractCode: c.contractCode, amount: c.amount,
      signedAt: c.signedAt, status: c.status, ...child(c.projectKey, c.key, c.signedAt),
    })));
    await insertAll(tx, t.complaints, ds.complaints.map((c) => ({
      complainantId: entityIds.get(c.complainantKey)!, kind: c.kind, subject: c.subject, receivedAt: c.receivedAt, handledBy: c.handledBy,
      result: c.result, resolvedAt: c.result === 'pending' ? null : c.resolvedAt, ...child(c.projectKey, c.key, c.receivedAt),
    })));
    await insertAll(tx, t.penalties, ds.penalties.map(({ key, entityKey, ...p }) => ({ ...p, entityId: entityIds.get(entityKey)!, ...prov(regional, key, new Date(p.decidedOn)) })));
    await insertAll(tx, t.blacklistEntries, ds.blacklistEntries.map(({ key, entityKey, ...b }) => ({ ...b, entityId: entityIds.get(entityKey)!, ...prov(regional, key, new Date(b.startsOn)) })));
    await insertAll(tx, t.creditRecords, ds.creditRecords.map(({ key, entityKey, ...c }) => ({ ...c, entityId: entityIds.get(entityKey)!, ...prov(regional, key, new Date(c.validFrom)) })));

    const summary: DemoSummary = {
      entities: ds.entities.length, projects: ds.projects.length, bids: ds.bids.length, awards: ds.awards.length,
      contracts: ds.contracts.length, penalties: ds.penalties.length, blacklistEntries: ds.blacklistEntries.length,
    };
    log.info(summary, 'demo dataset loaded');
    return summary;
  });
}

export async function hasTradingData(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: t.projects.id }).from(t.projects).limit(1);
  return row !== undefined;
}
