/** JSON as parsed: what an OCDS file may hold, conforming or not. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export type JsonObject = { [key: string]: Json };

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Where something sits in the input file: a JSON Pointer (RFC 6901) into the file's JSON
 * document or, in a JSON Lines file, into the document on `line` (1-based).
 */
export interface Location {
  line?: number;
  pointer: string;
}

/** How a location is written in problems and origins: `/releases/0/awards/1/value/amount`, or `line 3: /awards/1` in JSON Lines. */
export const formatLocation = (at: Location): string => (at.line === undefined ? at.pointer : at.pointer === '' ? `line ${at.line}` : `line ${at.line}: ${at.pointer}`);

/**
 * One release as found in the file. `moved` lists what the 1.0 → 1.1 upgrade relocated
 * (new pointer prefix within the release → the prefix it had in the file), so a path in
 * the upgraded release still names the place the publisher wrote.
 */
export interface SourcedRelease {
  release: JsonObject;
  at: Location;
  moved?: ReadonlyArray<readonly [string, string]>;
}

/** One contracting process (one ocid): its releases in file order and any compiledRelease the file gave. */
export interface Process {
  ocid: string;
  releases: SourcedRelease[];
  compiledRelease?: SourcedRelease;
  /** Ids of the record's releases when they are only linked (url, date, tag) rather than embedded. */
  linkedReleaseIds?: string[];
}

/** Something in the file that could not be read or mapped, named by ocid, release id and OCDS path. */
export interface Problem {
  ocid?: string;
  releaseId?: string;
  /** Formatted as by formatLocation. */
  path: string;
  reason: string;
}

/** An OCDS id (string or integer in the schema) as the string every comparison uses: `19` and `"19"` are one id. */
export const idString = (value: unknown): string | undefined =>
  typeof value === 'string' ? (value.trim() === '' ? undefined : value.trim()) : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
