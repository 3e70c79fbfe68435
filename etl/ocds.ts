/**
 * Open Contracting Data Standard (OCDS 1.1) release and record packages mapped onto push
 * records, so systems that speak the international standard load like any platform:
 * parties → entities (by a CN-USCC identifier), tender → project, the bids extension →
 * bids, awards → awards, contracts → contracts. The project's region is not in OCDS: the
 * job supplies it.
 */
interface Party {
  id: string;
  name?: string;
  identifier?: { scheme?: string; id?: string };
  roles?: string[];
}
interface Value {
  amount?: number | string;
}
interface Release {
  ocid: string;
  id: string;
  date: string;
  tag?: string[];
  parties?: Party[];
  buyer?: { id: string };
  tender?: { id?: string; title?: string; value?: Value; procurementMethod?: string; mainProcurementCategory?: string; tenderPeriod?: { startDate?: string; endDate?: string } };
  bids?: { details?: Array<{ id: string; date?: string; tenderers?: Array<{ id: string }>; value?: Value }> };
  awards?: Array<{ id: string; date?: string; value?: Value; suppliers?: Array<{ id: string }> }>;
  contracts?: Array<{ id: string; awardID?: string; value?: Value; dateSigned?: string }>;
}

const METHOD: Record<string, string> = { open: 'open_tender', selective: 'invited_tender', limited: 'competitive_negotiation', direct: 'single_source' };

export function releasesOf(pkg: unknown): Release[] {
  const p = pkg as { releases?: Release[]; records?: Array<{ compiledRelease?: Release; releases?: Release[] }> };
  if (Array.isArray(p.releases)) return p.releases;
  if (Array.isArray(p.records)) return p.records.map((r) => r.compiledRelease).filter((r): r is Release => !!r);
  throw new Error('not an OCDS release package or record package (no "releases" or "records")');
}

export function ocdsToRecords(pkg: unknown, region: string): object[] {
  const out: object[] = [];
  for (const release of releasesOf(pkg)) {
    const parties = new Map((release.parties ?? []).map((p) => [p.id, p]));
    // Only USCC identifiers name an entity the hub can keep one of; others are refused by validation.
    const party = (id: string | undefined) => {
      const p = id ? parties.get(id) : undefined;
      return p ? { uscc: p.identifier?.id ?? '', name: p.name ?? p.id } : undefined;
    };
    const tags = release.tag ?? [];
    const tender = release.tender ?? {};
    const version = release.date;
    out.push({
      type: 'project',
      id: release.ocid,
      version,
      projectCode: tender.id ?? release.ocid,
      title: tender.title ?? release.ocid,
      category: tender.mainProcurementCategory === 'works' ? 'construction' : 'government_procurement',
      region,
      initiator: party(release.buyer?.id),
      budget: tender.value?.amount ?? null,
      procurementMethod: METHOD[tender.procurementMethod ?? 'open'] ?? 'open_tender',
      status: tags.includes('contract') ? 'contracted' : tags.includes('award') ? 'awarded' : 'tendering',
      registeredAt: tender.tenderPeriod?.startDate ?? release.date,
      bidOpeningAt: tender.tenderPeriod?.endDate ?? null,
    });
    for (const bid of release.bids?.details ?? []) {
      out.push({
        type: 'bid',
        id: `${release.ocid}/bid/${bid.id}`,
        version,
        project: release.ocid,
        bidder: party(bid.tenderers?.[0]?.id),
        price: bid.value?.amount ?? null,
        submittedAt: bid.date ?? release.date,
        depositForm: 'none',
      });
    }
    const supplierOfAward = new Map<string, string | undefined>();
    for (const award of release.awards ?? []) {
      supplierOfAward.set(award.id, award.suppliers?.[0]?.id);
      out.push({
        type: 'award',
        id: `${release.ocid}/award/${award.id}`,
        version,
        project: release.ocid,
        winner: party(award.suppliers?.[0]?.id),
        amount: award.value?.amount,
        awardedAt: award.date ?? release.date,
      });
    }
    for (const contract of release.contracts ?? []) {
      out.push({
        type: 'contract',
        id: `${release.ocid}/contract/${contract.id}`,
        version,
        project: release.ocid,
        supplier: party(supplierOfAward.get(contract.awardID ?? '')),
        amount: contract.value?.amount,
        signedAt: contract.dateSigned ?? release.date,
      });
    }
  }
  return out;
}
