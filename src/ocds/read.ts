import { child } from './json-pointer';
import { formatLocation, idString, isObject, type Json, type JsonObject, type Location, type Problem, type Process } from './ocds.types';

/**
 * Reads an OCDS file in whatever shape publishers send: a release package, a record
 * package, a single release or record, a JSON array of any of these, or JSON Lines of any
 * of these. Releases are grouped by ocid with where each came from. Nothing here throws:
 * what cannot be read becomes a problem naming its place in the file.
 */
export interface ReadResult {
  /** Nothing to import and nothing wrong: a 0-byte or blank file, `{}`, `[]`, a package with no releases or records. */
  empty: boolean;
  processes: Process[];
  problems: Problem[];
}

export function readOcds(text: string): ReadResult {
  const reader = new Reader();
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return reader.result();
  const whole = parse(body);
  if (whole.ok) {
    reader.item(whole.value, { pointer: '' });
  } else {
    const lines = body.split(/\r?\n/);
    const filled = lines.filter((l) => l.trim() !== '').length;
    if (filled <= 1) reader.problem({ pointer: '' }, `not valid JSON: ${whole.message}`);
    else {
      lines.forEach((line, i) => {
        if (line.trim() === '') return;
        const parsed = parse(line);
        if (parsed.ok) reader.item(parsed.value, { line: i + 1, pointer: '' });
        else reader.problem({ line: i + 1, pointer: '' }, `not valid JSON: ${parsed.message}`);
      });
    }
  }
  return reader.result();
}

function parse(text: string): { ok: true; value: Json } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

const at = (base: Location, ...segments: Array<string | number>): Location => ({ ...base, pointer: child(base.pointer, ...segments) });
const kind = (value: Json) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);
const RELEASE_FIELDS = ['ocid', 'tag', 'date', 'tender', 'awards', 'contracts', 'parties', 'buyer', 'planning'];

class Reader {
  private readonly byOcid = new Map<string, Process>();
  private readonly problems: Problem[] = [];

  result(): ReadResult {
    const processes = [...this.byOcid.values()];
    return { empty: processes.length === 0 && this.problems.length === 0, processes, problems: this.problems };
  }

  problem(where: Location, reason: string, ocid?: string, releaseId?: string) {
    this.problems.push({ ...(ocid ? { ocid } : {}), ...(releaseId ? { releaseId } : {}), path: formatLocation(where), reason });
  }

  /** A top-level document (or an element of a top-level array): a package, a record or a release. */
  item(value: Json, where: Location) {
    if (Array.isArray(value)) return value.forEach((v, i) => this.item(v, at(where, i)));
    if (!isObject(value)) return this.problem(where, `expected an OCDS release, record or package (a JSON object), found ${kind(value)}`);
    if (Object.keys(value).length === 0) return;
    if ('records' in value) return this.list(value.records, at(where, 'records'), (r, w) => this.record(r, w));
    if ('ocid' in value && ('releases' in value || 'compiledRelease' in value || 'versionedRelease' in value)) return this.record(value, where);
    if ('releases' in value) return this.list(value.releases, at(where, 'releases'), (r, w) => this.release(r, w));
    if (RELEASE_FIELDS.some((f) => f in value)) return this.release(value, where);
    this.problem(where, 'not an OCDS release, record, release package or record package: it has none of releases, records, ocid, tag, date');
  }

  private list(value: Json | undefined, where: Location, each: (item: Json, where: Location) => void) {
    if (!Array.isArray(value)) return this.problem(where, `must be an array, found ${kind(value ?? null)}`);
    value.forEach((v, i) => each(v, at(where, i)));
  }

  private process(ocid: string): Process {
    let p = this.byOcid.get(ocid);
    if (!p) this.byOcid.set(ocid, (p = { ocid, releases: [] }));
    return p;
  }

  /** A release; `recordOcid` fills a missing ocid from the record that holds it. */
  private release(value: Json, where: Location, recordOcid?: string) {
    if (!isObject(value)) return this.problem(where, `a release must be a JSON object, found ${kind(value)}`, recordOcid);
    const releaseId = idString(value.id);
    const ocid = idString(value.ocid) ?? recordOcid;
    if (!ocid)
      return this.problem(at(where, 'ocid'), value.ocid === undefined ? 'the release has no ocid' : `ocid must be a string, found ${kind(value.ocid)}`, undefined, releaseId);
    this.process(ocid).releases.push({ release: { ...value, ocid }, at: where });
  }

  private record(value: Json, where: Location) {
    if (!isObject(value)) return this.problem(where, `a record must be a JSON object, found ${kind(value)}`);
    const ocid = idString(value.ocid);
    if (!ocid) return this.problem(at(where, 'ocid'), value.ocid === undefined ? 'the record has no ocid' : `ocid must be a string, found ${kind(value.ocid)}`);
    const compiled = value.compiledRelease;
    const releases = Array.isArray(value.releases) ? value.releases : [];
    if (value.releases !== undefined && !Array.isArray(value.releases)) this.problem(at(where, 'releases'), `must be an array, found ${kind(value.releases)}`, ocid);
    // Linked releases (url, date, tag) carry no data; only an embedded release can be compiled.
    const linked = releases.filter((r) => isObject(r) && 'url' in r && !('ocid' in r) && !('id' in r));
    const p = this.process(ocid);
    releases.forEach((r, i) => {
      if (!linked.includes(r)) this.release(r, at(where, 'releases', i), ocid);
    });
    // Several records of one ocid (JSON Lines of record packages over time): the latest compiledRelease stands.
    const newer = (a: Json | undefined, b: Json | undefined) => !(typeof a === 'string' && typeof b === 'string' && Date.parse(a) < Date.parse(b));
    if (isObject(compiled) && newer(compiled.date, p.compiledRelease?.release.date)) {
      p.compiledRelease = { release: { ...compiled, ocid }, at: at(where, 'compiledRelease') };
      p.linkedReleaseIds = linked.map((r) => idString((r as JsonObject).id) ?? '').filter(Boolean);
    } else if (compiled !== undefined && !isObject(compiled)) {
      this.problem(at(where, 'compiledRelease'), `compiledRelease must be a JSON object, found ${kind(compiled)}`, ocid);
    }
    if (p.releases.length === 0 && !p.compiledRelease) {
      this.byOcid.delete(ocid);
      const reason =
        linked.length > 0
          ? `the record links ${linked.length} release(s) by url but embeds none and has no compiledRelease: fetch the releases and send them`
          : 'the record has neither a compiledRelease nor embedded releases (a versionedRelease alone is not read)';
      this.problem(where, reason, ocid);
    }
  }
}
