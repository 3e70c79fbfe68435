import { bigint, bigserial, date, index, integer, jsonb, pgTable, text, timestamp, unique, varchar } from 'drizzle-orm/pg-core';
import { INDICATORS, SEVERITIES, WARNING_STATUSES } from '../../supervision/supervision.enums';
import { platforms } from './platforms';
import { projects } from './projects';
import { warningRuns } from './warning-runs';

/**
 * A warning of abnormal trading (预警, seed 000 Art. 40): raised by an indicator over the
 * analytics store, reviewed by the supervisors whose remit holds its project.
 *
 * `evidenceKey` names what triggered it (the indicator's own key: the section and the shared
 * fingerprint, the ring's members, ...): the same evidence raises one warning however often
 * the indicators run, and a dismissed warning is not raised again. New evidence (a fourth
 * member of a ring) is a new key and so a new warning.
 *
 * Region, category and platform are the main project's, copied so that the queue filters by
 * remit without a join; a warning about entities across projects takes its latest project's.
 */
export const warnings = pgTable(
  'warnings',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    indicator: text({ enum: INDICATORS }).notNull(),
    /** The version of the indicator's rule that raised it (docs/early-warning.md). */
    ruleVersion: integer().notNull(),
    /** The thresholds in force when it was raised, as the configuration gave them. */
    thresholds: jsonb().$type<Record<string, unknown>>().notNull(),
    severity: text({ enum: SEVERITIES }).notNull(),
    evidenceKey: text().notNull(),
    projectId: bigint({ mode: 'number' }).references(() => projects.id),
    /** The section within the main project, by lot code, when the evidence lies in one (as bids name it). */
    lotCode: text(),
    /** Every project the evidence spans (a ring, a split, a concentration), the main one first. */
    projectIds: bigint({ mode: 'number' }).array().notNull(),
    entityIds: bigint({ mode: 'number' }).array().notNull(),
    /** What triggered it: the bids, fingerprints, prices and figures, as the indicator found them. */
    evidence: jsonb().$type<Record<string, unknown>>().notNull(),
    /** One line in Chinese for the queue. */
    summary: text().notNull(),
    regionCode: varchar({ length: 12 }),
    categoryCode: text(),
    platformId: integer().references(() => platforms.id),
    /** The day it counts under in statistics and periods: the main project's registration day (CST). */
    occurredOn: date().notNull(),
    status: text({ enum: WARNING_STATUSES }).notNull().default('open'),
    assignee: text(),
    /** The dismissal reason, the confirmation finding or the referral note, as the supervisor wrote it. */
    decisionNote: text(),
    referredTo: text(),
    raisedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The review deadline: raisedAt plus the configured days (30 by default). */
    dueAt: timestamp({ withTimezone: true }).notNull(),
    decidedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    runId: bigint({ mode: 'number' }).references(() => warningRuns.id),
  },
  (t) => [
    unique('warnings_evidence_uq').on(t.indicator, t.evidenceKey),
    index('warnings_queue_idx').on(t.status, t.raisedAt, t.id),
    index('warnings_project_idx').on(t.projectId),
    index('warnings_region_idx').on(t.regionCode, t.raisedAt),
    index('warnings_entities_idx').using('gin', t.entityIds),
  ],
);
