// What the indicators gather over the file and what they print, as cardinal-rs's
// `Indicators` struct: results by group and identifier, the "Meta" figures, the "Maps", and
// the intermediate tallies the finalizing indicators read.

export const GROUPS = ['OCID', 'Buyer', 'ProcuringEntity', 'Tenderer'] as const;
export type Group = (typeof GROUPS)[number];
export const INDICATOR_CODES = ['R003', 'R018', 'R024', 'R025', 'R028', 'R030', 'R035', 'R036', 'R038', 'R048', 'R058'] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

/** numerator / denominator, summed as mediants (cardinal-rs's Fraction). */
export class Fraction {
  constructor(
    public numerator = 0,
    public denominator = 0,
  ) {}
  add(numerator: number, denominator: number): void {
    this.numerator += numerator;
    this.denominator += denominator;
  }
  get value(): number {
    return this.numerator / this.denominator;
  }
}

export const MAP_NAMES = [
  'ocid_buyer_r038',
  'ocid_procuringentity_r038',
  'ocid_tenderer',
  'ocid_tenderer_r024',
  'ocid_tenderer_r028',
  'ocid_tenderer_r030',
  'ocid_tenderer_r035',
  'ocid_tenderer_r058',
] as const;
export type MapName = (typeof MAP_NAMES)[number];

export function tally<K>(map: Map<K, Fraction>, key: K): Fraction {
  let f = map.get(key);
  if (!f) map.set(key, (f = new Fraction()));
  return f;
}

export class Accumulator {
  /** Groups in cardinal-rs's order of creation; the order matters when empty ones are removed. */
  readonly results: Array<[Group, Map<string, Map<IndicatorCode, number>>]> = [];
  readonly meta = new Map<IndicatorCode, Map<string, number>>();
  readonly maps = new Map<MapName, Map<string, Set<string> | string>>(MAP_NAMES.map((name) => [name, new Map()]));
  /** The currency compared: the settings' one, or the first seen. */
  currency: string | undefined;
  readonly secondLowestBidRatios = new Map<string, number>();
  readonly winnerAndLowestNonWinner = new Map<string, [string, string]>();
  readonly r025Tenderer = new Map<string, Fraction>();
  readonly r038Buyer = new Map<string, Fraction>();
  readonly r038ProcuringEntity = new Map<string, Fraction>();
  readonly r038Tenderer = new Map<string, Fraction>();
  readonly r048Classifications = new Map<string, { count: number; codes: Set<string> }>();

  constructor(readonly mapping: boolean) {}

  group(group: Group): Map<string, Map<IndicatorCode, number>> {
    let entry = this.results.find(([g]) => g === group);
    if (!entry) this.results.push((entry = [group, new Map()]));
    return entry[1];
  }

  setResult(group: Group, key: string, indicator: IndicatorCode, value: number): void {
    const groupMap = this.group(group);
    let values = groupMap.get(key);
    if (!values) groupMap.set(key, (values = new Map()));
    values.set(indicator, value);
  }

  setMeta(indicator: IndicatorCode, key: string, value: number): void {
    let values = this.meta.get(indicator);
    if (!values) this.meta.set(indicator, (values = new Map()));
    values.set(key, value);
  }

  mapTenderer(name: MapName, ocid: string, id: string): void {
    if (!this.mapping) return;
    const map = this.maps.get(name)!;
    let ids = map.get(ocid);
    if (!(ids instanceof Set)) map.set(ocid, (ids = new Set()));
    ids.add(id);
  }

  mapOrganization(name: MapName, ocid: string, id: string): void {
    if (this.mapping) this.maps.get(name)!.set(ocid, id);
  }

  /** `IndexMap::swap_remove`: the last group takes the removed one's place. */
  removeGroupIfEmpty(group: Group): void {
    const index = this.results.findIndex(([g]) => g === group);
    if (index < 0 || this.results[index]![1].size > 0) return;
    const last = this.results.pop()!;
    if (index < this.results.length) this.results[index] = last;
  }
}
