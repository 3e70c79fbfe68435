import { REGIONS } from '../registry/reference-data';
import type { DemoDataset, DemoEntity } from './generator';

// The demo dataset as the NDJSON records platforms push: one batch of registry and credit
// data from the region-level centre (whose remit, the whole region, holds every deciding
// authority: authorityRegion 150000), and one batch of trading data per platform.

const iso = (d: Date) => d.toISOString();
const KNOWN_REGIONS = new Set(REGIONS.map((r) => r.code));
const t0 = '2024-01-01T00:00:00Z';

export interface DemoBatch {
  platformCode: string;
  records: object[];
}

export function demoBatches(ds: DemoDataset): DemoBatch[] {
  const entities = new Map(ds.entities.map((e) => [e.key, e]));
  const party = (key: string) => {
    const e = entities.get(key)!;
    return e.uscc ? { uscc: e.uscc, name: e.name } : { idNumber: e.personIdNumber!, name: e.name };
  };
  const regional: object[] = [
    ...ds.entities.map((e: DemoEntity) => ({
      type: 'entity',
      id: e.key,
      version: t0,
      ...(e.uscc ? { uscc: e.uscc } : { idNumber: e.personIdNumber }),
      name: e.name,
      region: KNOWN_REGIONS.has(e.regionCode) ? e.regionCode : null,
      address: e.address,
      legalRepresentative: e.legalRepresentative,
    })),
    ...ds.experts.map((x) => ({
      type: 'expert',
      id: x.key,
      version: t0,
      expertCode: x.expertCode,
      name: x.name,
      idNumber: x.personIdNumber,
      specialty: x.specialty,
      region: x.regionCode,
    })),
    ...ds.penalties.map((p) => ({
      type: 'penalty',
      id: p.key,
      version: `${p.decidedOn}T00:00:00+08:00`,
      subject: party(p.entityKey),
      decisionNumber: p.decisionNumber,
      authority: p.authority,
      authorityRegion: '150000',
      decidedOn: p.decidedOn,
      publishedOn: p.publishedOn,
      content: p.content,
      amount: p.amount,
    })),
    ...ds.blacklistEntries.map((b) => ({
      type: 'blacklist_entry',
      id: b.key,
      version: `${b.startsOn}T00:00:00+08:00`,
      subject: party(b.entityKey),
      listType: b.listType,
      authority: b.authority,
      authorityRegion: '150000',
      basis: b.basis,
      startsOn: b.startsOn,
      endsOn: b.endsOn,
      removedOn: b.removedOn,
      removalReason: b.removalReason,
    })),
    ...ds.creditRecords.map((c) => ({
      type: 'credit_record',
      id: c.key,
      version: `${c.validFrom}T00:00:00+08:00`,
      subject: party(c.entityKey),
      polarity: c.polarity,
      title: c.title,
      authority: c.authority,
      authorityRegion: '150000',
      validFrom: c.validFrom,
      validTo: c.validTo,
    })),
  ];

  const byPlatform = new Map<string, object[]>();
  const platformOf = new Map<string, string>();
  const add = (projectKey: string, record: object) => byPlatform.get(platformOf.get(projectKey)!)!.push(record);
  for (const p of ds.projects) {
    platformOf.set(p.key, p.platformCode);
    if (!byPlatform.has(p.platformCode)) byPlatform.set(p.platformCode, []);
    add(p.key, {
      type: 'project',
      id: p.key,
      version: iso(p.registeredAt),
      projectCode: p.projectCode,
      dealCode: p.dealCode,
      title: p.title,
      category: p.categoryCode,
      region: p.regionCode,
      initiator: party(p.initiatorKey),
      agency: p.agencyKey ? party(p.agencyKey) : null,
      budget: p.budget,
      controlPrice: p.controlPrice,
      totalInvestment: p.totalInvestment,
      mustTender: p.mustTender,
      procurementMethod: p.procurementMethod,
      status: p.status,
      isElectronic: p.isElectronic,
      supervisorDepartment: p.supervisorDepartment,
      registeredAt: iso(p.registeredAt),
      bidOpeningAt: iso(p.bidOpeningAt),
    });
    if (p.status !== 'tendering') {
      add(p.key, {
        type: 'bid_opening',
        id: `OPEN-${p.key}`,
        version: iso(p.bidOpeningAt),
        project: p.key,
        openedAt: iso(p.bidOpeningAt),
        location: '开标室（不见面开标）',
        isRemote: p.isElectronic,
        bidsReceived: null,
      });
    }
  }
  for (const n of ds.notices)
    add(n.projectKey, { type: 'notice', id: n.key, version: iso(n.publishedAt), project: n.projectKey, kind: n.kind, title: n.title, publishedAt: iso(n.publishedAt) });
  for (const b of ds.bids) {
    add(b.projectKey, {
      type: 'bid',
      id: b.key,
      version: iso(b.submittedAt),
      project: b.projectKey,
      bidder: party(b.bidderKey),
      price: b.price,
      submittedAt: iso(b.submittedAt),
      depositForm: b.depositForm,
      machineCode: b.machineCode,
      macAddress: b.macAddress,
      ipAddress: b.ipAddress,
      fileHash: b.fileHash,
      status: b.status,
      statusReason: b.statusReason,
      score: b.score,
      rank: b.rank,
    });
  }
  const experts = new Map(ds.experts.map((x) => [x.key, x.expertCode]));
  for (const c of ds.committees) {
    add(c.projectKey, {
      type: 'evaluation',
      id: c.key,
      version: iso(c.formedAt),
      project: c.projectKey,
      formedAt: iso(c.formedAt),
      isRemote: c.isRemote,
      isCrossRegion: c.isCrossRegion,
      reportedAt: iso(new Date(c.formedAt.getTime() + 86_400_000)),
      members: c.memberKeys.map((m, i) => ({ expertCode: experts.get(m)!, role: i === 0 ? 'chair' : 'member' })),
    });
  }
  for (const a of ds.awards)
    add(a.projectKey, {
      type: 'award',
      id: a.key,
      version: iso(a.awardedAt),
      project: a.projectKey,
      winner: party(a.winnerKey),
      amount: a.amount,
      awardedAt: iso(a.awardedAt),
      publishedAt: iso(a.publishedAt),
    });
  for (const c of ds.contracts) {
    add(c.projectKey, {
      type: 'contract',
      id: c.key,
      version: iso(c.signedAt),
      project: c.projectKey,
      supplier: party(c.supplierKey),
      contractCode: c.contractCode,
      amount: c.amount,
      signedAt: iso(c.signedAt),
      status: c.status,
    });
  }
  for (const c of ds.complaints) {
    add(c.projectKey, {
      type: 'complaint',
      id: c.key,
      version: iso(c.receivedAt),
      project: c.projectKey,
      complainant: party(c.complainantKey),
      kind: c.kind,
      subject: c.subject,
      receivedAt: iso(c.receivedAt),
      handledBy: c.handledBy,
      result: c.result,
      resolvedAt: c.result === 'pending' ? null : iso(c.resolvedAt!),
    });
  }
  return [
    { platformCode: 'P150000', records: regional },
    ...[...byPlatform.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([platformCode, records]) => ({ platformCode, records })),
  ];
}
