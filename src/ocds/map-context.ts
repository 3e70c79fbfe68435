import type { CategoryCode } from '../registry/reference-data';
import { child } from './json-pointer';
import { isObject, type Json, type JsonObject, type Problem } from './ocds.types';
import type { FoundParty } from './parties';

/**
 * Where a pushed record came from: its contracting process, the releases compiled into it,
 * and for each hub field path (`budget`, `winner.identifier.id`, as validation errors name
 * them) the OCDS path in the input file of the value behind it, such as
 * `/releases/0/awards/1/value/amount`. A field the publisher left out has the path where
 * it was expected. For an error on a path not listed, use its nearest listed ancestor
 * (ocdsPathOf does).
 */
export interface Origin {
  ocid: string;
  releaseIds: string[];
  paths: Record<string, string>;
}

export interface MappedRecord {
  record: Record<string, unknown>;
  origin: Origin;
}

export interface MapOptions {
  /** The region code the job configures; when absent it is read from the parties' addresses. */
  region?: string;
  /** The trading category the job configures; when absent, works → construction, else government procurement. */
  category?: CategoryCode;
}

/** A compiled release ready to map, with the way back from its pointers to the file. */
export interface CompiledProcess {
  ocid: string;
  release: JsonObject;
  releaseIds: string[];
  /** The earliest release's date: when the process was first published. */
  firstDate?: string;
  /** The place in the input file (formatted) of the value at a pointer of the compiled release, and the id of the release it sits in. */
  locate(pointer: string): { path: string; releaseId?: string };
}

export const DEFAULT_CURRENCY = 'CNY';

export function ocdsPathOf(origin: Origin, hubPath: string): string | undefined {
  for (let parts = hubPath.split('.'); parts.length > 0; parts = parts.slice(0, -1)) {
    const found = origin.paths[parts.join('.')];
    if (found !== undefined) return found;
  }
  return origin.paths[''];
}

export class RecordOut {
  readonly record: Record<string, unknown> = {};
  readonly paths: Record<string, string> = {};
  constructor(private readonly where: (pointer: string) => string) {}

  /** Sets a field (left out when undefined, so validation reports it missing) and where it came from. */
  set(field: string, value: unknown, pointer: string): this {
    if (value !== undefined && value !== null) this.record[field] = value;
    this.paths[field] = this.where(pointer);
    return this;
  }

  /** Where a field inside a value already set came from (`items.2.quantity`), so an error on it names its own place. */
  from(field: string, pointer: string): this {
    this.paths[field] = this.where(pointer);
    return this;
  }

  party(field: string, found: FoundParty | undefined, missingAt: string): this {
    if (!found) return this.set(field, undefined, missingAt);
    this.record[field] = found.party;
    for (const [sub, pointer] of Object.entries(found.pointers)) this.paths[sub === '' ? field : `${field}.${sub}`] = this.where(pointer);
    return this;
  }

  /** An OCDS Value: its amount as given (number or string) and its currency as the record's. */
  amount(field: string, value: Json | undefined, valueAt: string): this {
    const v = isObject(value) ? value : {};
    this.set(field, v.amount, child(valueAt, 'amount'));
    if (v.amount !== undefined && v.amount !== null && this.record.currency === undefined) {
      const currency = typeof v.currency === 'string' && v.currency.trim() !== '' ? v.currency.trim().toUpperCase() : DEFAULT_CURRENCY;
      this.set('currency', currency, child(valueAt, 'currency'));
    }
    return this;
  }
}

export class MapContext {
  readonly records: MappedRecord[] = [];
  readonly problems: Problem[] = [];
  constructor(
    readonly process: CompiledProcess,
    readonly options: MapOptions,
  ) {}

  get release(): JsonObject {
    return this.process.release;
  }

  /** A new record with its envelope: every record of a process takes the process's latest release date as its version. */
  start(type: string, id: string): RecordOut {
    const out = new RecordOut((p) => this.process.locate(p).path);
    out.set('type', type, '').set('id', id, '/ocid').set('version', this.release.date, '/date');
    return out;
  }

  emit(out: RecordOut) {
    this.records.push({ record: out.record, origin: { ocid: this.process.ocid, releaseIds: this.process.releaseIds, paths: out.paths } });
  }

  /** The objects of a list field with their pointers; a field that is not a list of objects is a problem, not a silent gap. */
  list(holder: Json | undefined, key: string, at: string): Array<[JsonObject, string]> {
    if (!isObject(holder) || holder[key] === undefined || holder[key] === null) return [];
    const value = holder[key];
    if (!Array.isArray(value)) {
      this.problem(child(at, key), `must be an array, found ${typeof value}`);
      return [];
    }
    const out: Array<[JsonObject, string]> = [];
    value.forEach((item, i) => {
      if (isObject(item)) out.push([item, child(at, key, i)]);
      else this.problem(child(at, key, i), `must be an object, found ${item === null ? 'null' : Array.isArray(item) ? 'an array' : typeof item}`);
    });
    return out;
  }

  problem(pointer: string, reason: string) {
    const { path, releaseId } = this.process.locate(pointer);
    // The same list is read by several mappers (awards by contracts, too): say it once.
    if (this.problems.some((p) => p.path === path && p.reason === reason)) return;
    this.problems.push({ ocid: this.process.ocid, ...(releaseId ? { releaseId } : {}), path, reason });
  }
}
