import { MAX_PROJECT_ITEMS, projectItem } from '../ingestion/records/trading-records';
import { child } from './json-pointer';
import type { MapContext, RecordOut } from './map-context';
import { idString, isObject, type Json } from './ocds.types';

type ItemField = 'id' | 'description' | 'scheme' | 'code' | 'label' | 'quantity' | 'unit' | 'lotCode';

/** A value as given, a text trimmed (and cut to `max` characters); blank or null is left out. Anything else goes on to be judged. */
const given = (v: Json | undefined, max?: number): Json | undefined => {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'string') return v;
  const t = v.trim();
  return t === '' ? undefined : max === undefined ? t : t.slice(0, max);
};
/** An id or code: OCDS allows integers (`19` and `"19"` are one code). */
const code = (v: Json | undefined) => idString(v) ?? given(v);
/** Publishers write quantities as strings ("10", "2.5") as often as numbers. */
const quantity = (v: Json | undefined) => (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v.trim()) : given(v));
/** A unit's name, else its id (UN/CEFACT `H87` says less than 件); a unit given as a bare text is its name. */
function unitOf(unit: Json | undefined, at: string): [Json | undefined, string] {
  if (!isObject(unit)) return [given(unit), `${at}/unit`];
  const name = given(unit.name);
  return name !== undefined ? [name, `${at}/unit/name`] : [code(unit.id), `${at}/unit/id`];
}
const shown = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

/**
 * tender.items → the project's `items`. An item is what the project buys, not the project:
 * a value of it the hub cannot keep (a quantity that is no number or below 0, a text over
 * its length, a classification id without its scheme) is left out and reported as a
 * problem at its place, and the project is stored with the rest. The OCDS schema allows
 * most of these, so a conforming file must not lose its project to them.
 */
export function mapItems(ctx: MapContext, out: RecordOut, tender: Json | undefined) {
  const listed = ctx.list(tender, 'items', '/tender');
  if (listed.length > MAX_PROJECT_ITEMS) {
    ctx.problem(
      child('/tender/items', MAX_PROJECT_ITEMS),
      `the hub keeps the first ${MAX_PROJECT_ITEMS} items of a project; ${listed.length - MAX_PROJECT_ITEMS} more were left out`,
    );
  }
  const items: Array<Partial<Record<ItemField, Json>>> = [];
  const places: Array<Partial<Record<ItemField | '', string>>> = [];
  for (const [item, at] of listed.slice(0, MAX_PROJECT_ITEMS)) {
    const classification = isObject(item.classification) ? item.classification : {};
    if (item.classification !== undefined && item.classification !== null && !isObject(item.classification)) {
      ctx.problem(`${at}/classification`, `must be an object with scheme and id, found ${shown(item.classification)}; the item is kept without it`);
    }
    const [unit, unitAt] = unitOf(item.unit, at);
    const read: Array<[ItemField, Json | undefined, string]> = [
      ['id', code(item.id), `${at}/id`],
      ['description', given(item.description, 1000), `${at}/description`],
      ['scheme', given(classification.scheme), `${at}/classification/scheme`],
      ['code', code(classification.id), `${at}/classification/id`],
      ['label', given(classification.description, 500), `${at}/classification/description`],
      ['quantity', quantity(item.quantity), `${at}/quantity`],
      ['unit', unit, unitAt],
      ['lotCode', code(item.relatedLot), `${at}/relatedLot`],
    ];
    const fields: Partial<Record<ItemField, Json>> = {};
    const place: Partial<Record<ItemField | '', string>> = { '': at };
    for (const [field, value, pointer] of read) {
      place[field] = pointer;
      if (value !== undefined) fields[field] = value;
    }
    if (fields.code !== undefined && fields.scheme === undefined) {
      ctx.problem(place.code!, `a classification id without a scheme means nothing (which list is ${shown(fields.code)} in?); the item is kept without it`);
      delete fields.code;
    }
    const checked = projectItem.safeParse(fields);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const field = issue.path[0] as ItemField;
        ctx.problem(place[field]!, `${issue.message}: ${shown(fields[field])}; the item is kept without it`);
        delete fields[field];
      }
    }
    // An item with nothing the hub keeps (only delivery addresses, say) adds nothing.
    if (Object.keys(fields).length === 0) continue;
    items.push(fields);
    places.push(place);
  }
  if (items.length === 0) return;
  out.set('items', items, '/tender/items');
  places.forEach((place, i) => {
    for (const [field, pointer] of Object.entries(place)) out.from(field === '' ? `items.${i}` : `items.${i}.${field}`, pointer);
  });
}
