import { z } from 'zod';
import { isValidIdNumber } from '../../entities/id-number';
import { validateUscc } from '../../entities/uscc';
import { isRealDate } from '../../graphql/scalars';

/**
 * Field types shared by the push record schemas. Each failure carries one of the push
 * protocol's error codes (docs/push-protocol.md) in `params.code`.
 */
const fail = (ctx: z.RefinementCtx, code: string, message: string) => ctx.addIssue({ code: 'custom', message, params: { code } });

/** The sender's own id of a record: stable across versions, unique per record type. */
export const recordId = z.string().trim().min(1).max(200);

const EARLIEST = Date.UTC(1000, 0, 1);
const LATEST = Date.UTC(10000, 0, 1);

/** When the sender last changed the record; an older version never replaces a newer one. */
export const versionTimestamp = z.string().superRefine((value, ctx) => {
  const ms = Date.parse(value);
  // Within years 1000-9999 in UTC too: 9999-12-31T23:00-14:00 is year 10000, which neither ISO text nor the store takes.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || !isRealDate(value.slice(0, 10)) || !(ms >= EARLIEST && ms < LATEST)) {
    fail(ctx, 'INVALID_DATE', `not an ISO 8601 date-time with a time zone, e.g. 2025-06-01T09:30:00+08:00: '${value}'`);
  }
});

export const instant = versionTimestamp;

export const calendarDate = z.string().superRefine((value, ctx) => {
  if (!isRealDate(value)) fail(ctx, 'INVALID_DATE', `not a real date as YYYY-MM-DD: '${value}'`);
});

/**
 * Yuan as an exact decimal: a string ("1234.50") or a JSON number with at most two decimal
 * places. Normalised to a string with two decimals so nothing downstream sees a float.
 */
export const amount = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = /^(\d{1,16})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m || (typeof value === 'number' && !Number.isFinite(value))) {
    fail(ctx, 'INVALID_AMOUNT', `not a non-negative amount in yuan with at most 2 decimals: ${JSON.stringify(value)}`);
    return z.NEVER;
  }
  return `${m[1]!.replace(/^0+(?=\d)/, '')}.${(m[2] ?? '').padEnd(2, '0')}`;
});

export const uscc = z.string().transform((value, ctx) => {
  const checked = validateUscc(value);
  if (!checked.ok) {
    fail(ctx, 'INVALID_USCC', checked.message);
    return z.NEVER;
  }
  return checked.code;
});

export const idNumber = z.string().transform((value, ctx) => {
  const v = value.trim().toUpperCase();
  if (!isValidIdNumber(v)) {
    fail(ctx, 'INVALID_ID_NUMBER', 'not a valid 18-character resident ID number (check character mismatch or wrong format)');
    return z.NEVER;
  }
  return v;
});

/** Where an enumeration's codes and labels sit in its JSON Schema: `enum` lists every value accepted. */
export const ENUM_LABELS = 'x-enum-labels';
export type EnumerationMeta = { enum: string[]; [ENUM_LABELS]: Record<string, string[]> };

/**
 * An enumeration that also accepts the standard Chinese labels platforms use, e.g.
 * procurementMethod "公开招标" for open_tender. The codes are the enumeration's own tuple
 * (the one the database column and the GraphQL enum take); the labels must name every
 * code and no other, which the compiler checks.
 */
export function labelled<const T extends string>(codes: readonly T[], labels: { readonly [K in NoInfer<T>]: readonly string[] }) {
  const byLabel = new Map<string, T>();
  for (const code of codes) {
    byLabel.set(code, code);
    for (const label of labels[code]) byLabel.set(label, code);
  }
  // The JSON Schema served at /schemas/v1 and the docs' table of enumerations read this.
  const meta: EnumerationMeta = { enum: [...byLabel.keys()], [ENUM_LABELS]: Object.fromEntries(codes.map((c) => [c, [...labels[c]]])) };
  return z
    .string()
    .meta(meta)
    .transform((value, ctx) => {
      const code = byLabel.get(value.trim());
      if (!code) {
        fail(ctx, 'UNKNOWN_ENUM', `unknown value '${value}'; one of ${codes.map((c) => `${c} (${labels[c].join('/')})`).join(', ')}`);
        return z.NEVER;
      }
      return code;
    });
}

export const text = (max = 2000) => z.string().trim().min(1).max(max);
export const optionalText = (max = 2000) => z.string().trim().max(max).nullish();

/** A region code; whether it exists and is in the sender's remit is checked against the registry. */
export const regionCode = z.string().regex(/^\d{6}$/, 'a 6-digit region code');

/**
 * A market entity named on a record: an organisation by USCC or a natural person by ID
 * number, with the name the sender knows it by. The hub keeps one entity per code.
 */
export const party = z
  .strictObject({
    uscc: uscc.optional(),
    idNumber: idNumber.optional(),
    name: text(300),
    region: regionCode.optional(),
  })
  .superRefine((p, ctx) => {
    if ((p.uscc === undefined) === (p.idNumber === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of uscc (organisation) or idNumber (natural person)', params: { code: 'REQUIRED' }, path: ['uscc'] });
    }
  });
export type Party = z.output<typeof party>;

/** Common head of every record: its type, the sender's id for it, its version. */
export const envelope = <T extends string>(type: T) => ({
  type: z.literal(type),
  id: recordId,
  version: versionTimestamp,
});
