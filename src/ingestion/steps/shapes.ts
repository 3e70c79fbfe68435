import { penaltyTimeliness } from '../../calendar/working-days';
import type { ProjectItem } from '../../db/schema';
import type { PushRecord, RecordType } from '../records';
import type { Party } from '../records/fields';

/** What a record's row needs from the rest of the hub, found before it is written. */
export interface Resolved {
  parentId: number | null;
  entity(party: Party | null | undefined): number | null;
  expert(code: string | null | undefined): number | null;
}

/** A reference a record cannot be stored without. */
export interface Reference {
  type: RecordType;
  id: string;
}

/**
 * How one record type becomes a row: the record it hangs from, the entities and experts it
 * names, and the row's values. The pipeline does the rest the same way for all; the table
 * each type is written to is the repository's business (rows.repository.ts).
 */
export interface RecordShape<T extends RecordType> {
  parent?(record: PushRecord<T>): Reference | null;
  /** The entities it names, with the field each sits in. */
  parties?(record: PushRecord<T>): Array<[field: string, party: Party | null | undefined]>;
  experts?(record: PushRecord<T>): Array<string | null | undefined>;
  /** Regions the record places itself in; each must exist and lie in the sender's remit. */
  regions?(record: PushRecord<T>): Array<string | null | undefined>;
  row(record: PushRecord<T>, r: Resolved): Record<string, unknown>;
}

const d = (value: string | null | undefined) => (value ? new Date(value) : null);
/** Every field present, a blank text as null: one stored form for an item however it was sent. */
const projectItem = (i: NonNullable<PushRecord<'project'>['items']>[number]): ProjectItem => ({
  id: i.id || null,
  description: i.description || null,
  scheme: i.scheme || null,
  code: i.code || null,
  label: i.label || null,
  quantity: i.quantity ?? null,
  unit: i.unit || null,
  lotCode: i.lotCode || null,
});
const project = (r: { project: string }): Reference => ({ type: 'project', id: r.project });

export type FactType = Exclude<RecordType, 'entity'>;
type Shapes = { [T in FactType]: RecordShape<T> };

export const SHAPES: Shapes = {
  expert: {
    regions: (r) => [r.region],
    row: (r) => ({ expertCode: r.expertCode, name: r.name, personIdNumber: r.idNumber ?? null, specialty: r.specialty ?? null, regionCode: r.region ?? null }),
  },
  project: {
    parties: (r) => [
      ['initiator', r.initiator],
      ['agency', r.agency],
    ],
    regions: (r) => [r.region],
    row: (r, x) => ({
      projectCode: r.projectCode,
      dealCode: r.dealCode ?? null,
      title: r.title,
      categoryCode: r.category,
      regionCode: r.region,
      initiatorId: x.entity(r.initiator),
      agencyId: x.entity(r.agency),
      budget: r.budget ?? null,
      currency: r.currency ?? 'CNY',
      controlPrice: r.controlPrice ?? null,
      totalInvestment: r.totalInvestment ?? null,
      mustTender: r.mustTender ?? null,
      procurementMethod: r.procurementMethod,
      status: r.status,
      isElectronic: r.isElectronic,
      supervisorDepartment: r.supervisorDepartment ?? null,
      registeredAt: new Date(r.registeredAt),
      bidOpeningAt: d(r.bidOpeningAt),
      items: r.items?.length ? r.items.map(projectItem) : null,
    }),
  },
  lot: {
    parent: project,
    row: (r, x) => ({ projectId: x.parentId, lotCode: r.lotCode, name: r.name, budget: r.budget ?? null, currency: r.currency ?? 'CNY' }),
  },
  notice: {
    parent: project,
    row: (r, x) => ({ projectId: x.parentId, kind: r.kind, title: r.title, publishedAt: new Date(r.publishedAt), url: r.url ?? null }),
  },
  bid: {
    parent: project,
    parties: (r) => [['bidder', r.bidder]],
    row: (r, x) => ({
      projectId: x.parentId,
      bidderId: x.entity(r.bidder),
      price: r.price ?? null,
      currency: r.currency ?? 'CNY',
      submittedAt: new Date(r.submittedAt),
      depositForm: r.depositForm,
      machineCode: r.machineCode ?? null,
      macAddress: r.macAddress ?? null,
      ipAddress: r.ipAddress ?? null,
      fileHash: r.fileHash ?? null,
      status: r.status,
      statusReason: r.statusReason ?? null,
      score: r.score === null || r.score === undefined ? null : String(r.score),
      rank: r.rank ?? null,
      lotCode: r.lotCode ?? null,
    }),
  },
  bid_opening: {
    parent: project,
    row: (r, x) => ({ projectId: x.parentId, openedAt: new Date(r.openedAt), location: r.location ?? null, isRemote: r.isRemote, bidsReceived: r.bidsReceived ?? null }),
  },
  evaluation: {
    parent: project,
    experts: (r) => r.members.map((m) => m.expertCode),
    row: (r, x) => ({ projectId: x.parentId, formedAt: new Date(r.formedAt), isRemote: r.isRemote, isCrossRegion: r.isCrossRegion, reportedAt: d(r.reportedAt) }),
  },
  award: {
    parent: project,
    parties: (r) => [['winner', r.winner]],
    row: (r, x) => ({
      projectId: x.parentId,
      winnerId: x.entity(r.winner),
      amount: r.amount,
      currency: r.currency ?? 'CNY',
      awardedAt: new Date(r.awardedAt),
      publishedAt: d(r.publishedAt),
      lotCode: r.lotCode ?? null,
    }),
  },
  contract: {
    parent: project,
    parties: (r) => [['supplier', r.supplier]],
    row: (r, x) => ({
      projectId: x.parentId,
      supplierId: x.entity(r.supplier),
      contractCode: r.contractCode ?? null,
      amount: r.amount,
      currency: r.currency ?? 'CNY',
      signedAt: new Date(r.signedAt),
      periodStart: r.periodStart ?? null,
      periodEnd: r.periodEnd ?? null,
      status: r.status,
    }),
  },
  contract_performance: {
    parent: (r) => ({ type: 'contract', id: r.contract }),
    row: (r, x) => ({
      contractId: x.parentId,
      milestone: r.milestone,
      reportedAt: new Date(r.reportedAt),
      paidAmount: r.paidAmount ?? null,
      currency: r.currency ?? 'CNY',
      note: r.note ?? null,
    }),
  },
  complaint: {
    parent: project,
    parties: (r) => [['complainant', r.complainant]],
    row: (r, x) => ({
      projectId: x.parentId,
      complainantId: x.entity(r.complainant),
      kind: r.kind,
      subject: r.subject,
      receivedAt: new Date(r.receivedAt),
      handledBy: r.handledBy ?? null,
      result: r.result,
      resultDetail: r.resultDetail ?? null,
      resolvedAt: d(r.resolvedAt),
    }),
  },
  witness_record: {
    parent: project,
    row: (r, x) => ({
      projectId: x.parentId,
      step: r.step,
      witnessedAt: new Date(r.witnessedAt),
      witnessName: r.witnessName ?? null,
      content: r.content,
      violationFound: r.violationFound,
      violationDetail: r.violationDetail ?? null,
    }),
  },
  suspension: {
    parent: project,
    row: (r, x) => ({ projectId: x.parentId, kind: r.kind, reason: r.reason, effectiveAt: new Date(r.effectiveAt), decidedBy: r.decidedBy ?? null }),
  },
  credit_record: {
    parties: (r) => [['subject', r.subject]],
    experts: (r) => [r.expertCode],
    row: (r, x) => ({
      entityId: x.entity(r.subject),
      expertId: x.expert(r.expertCode),
      polarity: r.polarity,
      title: r.title,
      content: r.content ?? null,
      authority: r.authority,
      validFrom: r.validFrom,
      validTo: r.validTo ?? null,
    }),
  },
  penalty: {
    parties: (r) => [['subject', r.subject]],
    row: (r, x) => {
      const timeliness = penaltyTimeliness(r.decidedOn, r.publishedOn ?? null);
      return {
        entityId: x.entity(r.subject),
        decisionNumber: r.decisionNumber,
        authority: r.authority,
        decidedOn: r.decidedOn,
        publishedOn: r.publishedOn ?? null,
        content: r.content,
        amount: r.amount ?? null,
        currency: r.currency ?? 'CNY',
        publicationDeadline: timeliness.deadline,
        publicationWorkingDays: timeliness.workingDays,
        publishedLateBy: timeliness.daysLate,
      };
    },
  },
  blacklist_entry: {
    parties: (r) => [['subject', r.subject]],
    row: (r, x) => ({
      entityId: x.entity(r.subject),
      listType: r.listType,
      authority: r.authority,
      basis: r.basis,
      startsOn: r.startsOn,
      endsOn: r.endsOn ?? null,
      removedOn: r.removedOn ?? null,
      removalReason: r.removalReason ?? null,
    }),
  },
  spot_check: {
    parent: (r) => (r.project ? { type: 'project', id: r.project } : null),
    parties: (r) => [['subject', r.subject]],
    row: (r, x) => ({
      entityId: x.entity(r.subject),
      projectId: x.parentId,
      department: r.department,
      inspectedOn: r.inspectedOn,
      result: r.result,
      resultDetail: r.resultDetail ?? null,
      publishedOn: r.publishedOn ?? null,
    }),
  },
  conduct_record: {
    parent: (r) => (r.project ? { type: 'project', id: r.project } : null),
    parties: (r) => [['agency', r.agency]],
    experts: (r) => [r.expertCode],
    row: (r, x) => ({
      agencyId: x.entity(r.agency),
      expertId: x.expert(r.expertCode),
      projectId: x.parentId,
      recordedOn: r.recordedOn,
      score: r.score ?? null,
      rating: r.rating ?? null,
      content: r.content,
    }),
  },
};

/** Every shape seen as one of all record types: the pipeline handles them alike. */
export type AnyShape = RecordShape<RecordType>;

/** The shape of a record type; entities have none (their rows are the entity register). */
export const shapeOf = (type: RecordType): AnyShape | null => (type === 'entity' ? null : (SHAPES[type] as unknown as AnyShape));

/** The parties a record names, with the field each sits in. */
export function partiesOf(type: RecordType, record: PushRecord): Array<[string, Party | null | undefined]> {
  return shapeOf(type)?.parties?.(record as never) ?? [];
}
