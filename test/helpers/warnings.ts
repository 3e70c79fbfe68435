import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/database';
import * as t from '../../src/db/schema';
import type { Indicator, Severity, WarningStatus } from '../../src/supervision/supervision.enums';
import type { ProjectRow } from './factories';

const DAY = 86_400_000;

export type WarningRow = typeof t.warnings.$inferSelect;

export interface WarningSpec {
  indicator?: Indicator;
  severity?: Severity;
  status?: WarningStatus;
  /** Region, category, platform and day are copied from it, as the indicators do. */
  project?: ProjectRow;
  projects?: ProjectRow[];
  entityIds?: number[];
  regionCode?: string | null;
  categoryCode?: string | null;
  evidence?: Record<string, unknown>;
  summary?: string;
  raisedAt?: Date;
  dueAt?: Date;
  decidedAt?: Date | null;
}

/**
 * A warning as the indicators insert one: its row and its 'raised' audit row by the engine
 * (no key). Tests that need a decided warning say so with `status`.
 */
export async function makeWarning(db: Db, spec: WarningSpec = {}): Promise<WarningRow> {
  const project = spec.project ?? spec.projects?.[0];
  const raisedAt = spec.raisedAt ?? new Date();
  const status = spec.status ?? 'open';
  const [row] = await db
    .insert(t.warnings)
    .values({
      indicator: spec.indicator ?? 'shared_fingerprint',
      ruleVersion: 1,
      thresholds: { minBidders: 2 },
      severity: spec.severity ?? 'high',
      evidenceKey: `test-${randomBytes(8).toString('hex')}`,
      projectId: project?.id ?? null,
      projectIds: (spec.projects ?? (project ? [project] : [])).map((p) => p.id),
      entityIds: spec.entityIds ?? [],
      evidence: spec.evidence ?? { machineCode: 'A1B2C3D4', bids: [] },
      summary: spec.summary ?? '两家投标人的投标文件机器码相同',
      regionCode: spec.regionCode !== undefined ? spec.regionCode : (project?.regionCode ?? null),
      categoryCode: spec.categoryCode !== undefined ? spec.categoryCode : (project?.categoryCode ?? null),
      platformId: project?.platformId ?? null,
      occurredOn: new Date((project?.registeredAt ?? raisedAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
      status,
      raisedAt,
      dueAt: spec.dueAt ?? new Date(raisedAt.getTime() + 30 * DAY),
      decidedAt: spec.decidedAt !== undefined ? spec.decidedAt : ['confirmed', 'dismissed', 'referred'].includes(status) ? raisedAt : null,
      updatedAt: raisedAt,
    })
    .returning();
  await db.insert(t.warningEvents).values({ warningId: row!.id, action: 'raised', actor: '预警引擎', keyId: null, toStatus: 'open', at: raisedAt });
  return row!;
}
