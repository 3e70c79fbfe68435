import { child, segmentsOf } from './json-pointer';
import { idString, isObject, type Json, type JsonObject } from './ocds.types';

/**
 * The OCDS 1.1 merge routine for a compiled release
 * (https://standard.open-contracting.org/1.1/en/schema/merging/, reference implementation
 * open-contracting/ocds-merge): releases in date order, objects merged field by field, a
 * `null` removes a field, an omitted field keeps its earlier value, arrays of objects
 * merged by `id`, other arrays replaced whole; each release's `id`, `date` and `tag` are
 * dropped and the compiled release gets its own.
 *
 * Two deliberate differences from ocds-merge: ids are compared as strings, so `19` and
 * `"19"` are one award (the reference keeps them apart, but publishers switch types between
 * releases and one award must not become two); and a `null` object removes the whole object
 * as the specification says (the reference keeps its earlier fields).
 *
 * Alongside the compiled release it keeps, for every value, which release supplied it and
 * where, so an error can name the publisher's own release.
 */
export interface Supplied {
  /** Index into the releases as given to mergeReleases. */
  release: number;
  /** Where in that release the value was. */
  pointer: string;
}

export interface Merged {
  compiled: JsonObject;
  /** The release and place that supplied the value at a pointer of the compiled release (its nearest merged ancestor's when it was not merged on its own). */
  sourceOf(pointer: string): Supplied;
}

/** Fields of release-schema.json 1.1.5 (with the bids extension) that set `wholeListMerge` or hold objects without an `id`; merge.test.ts derives the list from the schema. */
const WHOLE_LIST_FIELDS = new Set(['additionalIdentifiers', 'additionalClassifications']);
export const isWholeListMerge = (rulePath: readonly string[]): boolean => {
  const [last, parent] = [rulePath.at(-1), rulePath.at(-2)];
  return WHOLE_LIST_FIELDS.has(last ?? '') || (last === 'changes' && (parent === 'amendments' || parent === 'amendment'));
};

/** Fields that describe one release, not the process: discarded when merging ("omitWhenMerged"). */
const OMIT_WHEN_MERGED = new Set(['id', 'date', 'tag']);

/** Merges releases that are already in date order (see orderReleases) into a compiled release. */
export function mergeReleases(releases: readonly JsonObject[]): Merged {
  const supplied = new Map<string, Supplied>();
  const compiled: JsonObject = {};
  const mergeObject = (out: JsonObject, input: JsonObject, rulePath: string[], outAt: string, inAt: string, release: number) => {
    for (const [key, value] of Object.entries(input)) {
      if (rulePath.length === 0 && OMIT_WHEN_MERGED.has(key)) continue;
      const path = [...rulePath, key];
      const [o, i] = [child(outAt, key), child(inAt, key)];
      if (value === null) {
        delete out[key];
      } else if (isObject(value)) {
        const target = isObject(out[key]) ? out[key] : {};
        mergeObject(target, value, path, o, i, release);
        if (Object.keys(target).length > 0) {
          out[key] = target;
          supplied.set(o, { release, pointer: i });
        }
      } else if (Array.isArray(value) && !isWholeListMerge(path) && value.every(isObject)) {
        // Identifier merge; an empty array changes nothing, unless it empties a list of literals.
        if (value.length === 0) {
          if (Array.isArray(out[key]) && !(out[key] as Json[]).every(isObject)) setLiteral(out, key, [], o, i, release);
          continue;
        }
        const target = Array.isArray(out[key]) && (out[key] as Json[]).every(isObject) ? (out[key] as JsonObject[]) : [];
        value.forEach((item, j) => {
          const id = idString(item.id);
          // Objects without an id are never matched: each is kept (ocds-merge "no-top-level-id").
          let index = id === undefined ? -1 : target.findIndex((t) => idString(t.id) === id);
          const into = index >= 0 ? target[index]! : {};
          if (index < 0) index = target.length;
          mergeObject(into, item, path, child(o, index), child(i, j), release);
          if (Object.keys(into).length > 0 && index === target.length) target.push(into);
          if (Object.keys(into).length > 0) supplied.set(child(o, index), { release, pointer: child(i, j) });
        });
        if (target.length > 0) out[key] = target;
      } else {
        setLiteral(out, key, value, o, i, release);
      }
    }
  };
  const setLiteral = (out: JsonObject, key: string, value: Json, o: string, i: string, release: number) => {
    out[key] = structuredClone(value);
    supplied.set(o, { release, pointer: i });
  };
  releases.forEach((release, index) => mergeObject(compiled, release, [], '', '', index));
  const last = releases.at(-1);
  const date = last?.date;
  const head: JsonObject = { tag: ['compiled'], ...(last ? { id: `${String(last.ocid)}-${String(date)}` } : {}), ...(date !== undefined ? { date } : {}) };
  if (last) {
    supplied.set('/date', { release: releases.length - 1, pointer: '/date' });
    supplied.set('/ocid', { release: releases.length - 1, pointer: '/ocid' });
  }
  return { compiled: { ...head, ...compiled }, sourceOf: (p) => nearest(supplied, p, releases.length - 1) };
}

function nearest(supplied: Map<string, Supplied>, p: string, latest: number): Supplied {
  const segments = segmentsOf(p);
  for (let n = segments.length; n >= 0; n--) {
    const found = supplied.get(child('', ...segments.slice(0, n)));
    if (found) return { release: found.release, pointer: child(found.pointer, ...segments.slice(n)) };
  }
  return { release: latest, pointer: p };
}

/**
 * Puts releases in date order for merging; a release without a usable date cannot be
 * placed among others and is left out (a lone release needs none).
 */
export function orderReleases<T extends { release: JsonObject }>(releases: readonly T[]): { ordered: T[]; undated: T[] } {
  const time = (r: T) => (typeof r.release.date === 'string' ? Date.parse(r.release.date) : NaN);
  if (releases.length === 1) return { ordered: [...releases], undated: [] };
  const undated = releases.filter((r) => Number.isNaN(time(r)));
  const ordered = releases.filter((r) => !Number.isNaN(time(r))).sort((a, b) => time(a) - time(b));
  return { ordered, undated };
}
