import type { RecordError } from '../db/schema';
import { mapCompiledRelease } from './map';
import { ocdsPathOf, type CompiledProcess, type MapOptions, type MappedRecord, type Origin } from './map-context';
import { mergeReleases, orderReleases } from './merge';
import { formatLocation, idString, type Problem, type Process, type SourcedRelease } from './ocds.types';
import { readOcds } from './read';
import { publishedPointer, upgradeRelease } from './upgrade';

/**
 * An OCDS file → push records: read (any shape) → upgrade 1.0 releases → compile each
 * contracting process (the publisher's compiledRelease when given, else the releases merged
 * by the OCDS rules) → map. What cannot be read or mapped is a problem naming the ocid,
 * the release and the OCDS path; nothing throws.
 */
export interface OcdsImport {
  empty: boolean;
  problems: Problem[];
  records: MappedRecord[];
}

export function importOcds(text: string, options: MapOptions = {}): OcdsImport {
  const read = readOcds(text);
  const problems = [...read.problems];
  const records: MappedRecord[] = [];
  for (const process of read.processes) {
    try {
      const compiled = compileProcess(process, problems);
      if (!compiled) continue;
      const mapped = mapCompiledRelease(compiled, options);
      records.push(...mapped.records);
      problems.push(...mapped.problems);
    } catch (error) {
      // A last guard: no file, however malformed, may end the run (ARCHITECTURE.md invariants).
      const first = process.compiledRelease ?? process.releases[0];
      problems.push({ ocid: process.ocid, path: first ? formatLocation(first.at) : '', reason: `could not compile or map this contracting process: ${(error as Error).message}` });
    }
  }
  return { empty: read.empty, problems, records };
}

const located = (r: SourcedRelease, pointer: string) => ({
  path: formatLocation({ ...r.at, pointer: r.at.pointer + publishedPointer(pointer, r.moved) }),
  ...(idString(r.release.id) ? { releaseId: idString(r.release.id)! } : {}),
});

const upgraded = (r: SourcedRelease): SourcedRelease => {
  const u = upgradeRelease(r.release);
  return { ...r, release: u.release, moved: u.moved };
};

/** One process's compiled release, with the way back from its pointers to the file. */
export function compileProcess(process: Process, problems: Problem[]): CompiledProcess | undefined {
  const releases = process.releases.map(upgraded);
  const dates = releases.map((r) => r.release.date).filter((d): d is string => typeof d === 'string' && !Number.isNaN(Date.parse(d)));
  const firstDate = dates.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  const ids = (list: SourcedRelease[]) => list.map((r) => idString(r.release.id)).filter((id): id is string => !!id);
  if (process.compiledRelease) {
    const given = upgraded(process.compiledRelease);
    const releaseIds = [...new Set([...ids(releases), ...(process.linkedReleaseIds ?? [])])];
    return {
      ocid: process.ocid,
      release: given.release,
      releaseIds: releaseIds.length > 0 ? releaseIds : ids([given]),
      ...(firstDate ? { firstDate } : {}),
      locate: (p) => located(given, p),
    };
  }
  const { ordered, undated } = orderReleases(releases);
  for (const r of undated) {
    problems.push({
      ocid: process.ocid,
      ...located(r, '/date'),
      reason: `the release has no date (or not a date-time), so it cannot be ordered among the ${releases.length} releases of this ocid; it was left out`,
    });
  }
  if (ordered.length === 0) return undefined;
  const merged = mergeReleases(ordered.map((r) => r.release));
  return {
    ocid: process.ocid,
    release: merged.compiled,
    releaseIds: ids(ordered),
    ...(firstDate ? { firstDate } : {}),
    locate: (p) => {
      const s = merged.sourceOf(p);
      return located(ordered[s.release]!, s.pointer);
    },
  };
}

/** A pushed record's validation errors as problems naming the ocid and OCDS paths; the reason keeps the hub's field name too. */
export function rejectionsOf(origin: Origin, errors: readonly RecordError[]): Problem[] {
  return errors.map((e) => ({
    ocid: origin.ocid,
    ...(origin.releaseIds.length === 1 ? { releaseId: origin.releaseIds[0]! } : {}),
    path: ocdsPathOf(origin, e.path) ?? '',
    reason: e.path ? `${e.code} (${e.path}): ${e.message}` : `${e.code}: ${e.message}`,
  }));
}
