import { z } from 'zod';
import { idNumberProblem, isIdNumber, isValidIdNumber } from '../../entities/id-number';
import { normaliseIdentifiers, SCHEME_PATTERN, type SchemeIdentifier } from '../../entities/party-identity';
import { validateUscc } from '../../entities/uscc';
import { isCurrencyCode } from '../../registry/currencies';
import { isRealDate } from '../../graphql/scalars';
import { currentRegionCode } from '../../registry/divisions/divisions';

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
 * An amount as an exact decimal, in the record's currency (yuan unless it names another): a
 * string ("1234.50") or a JSON number with at most two decimal places. Normalised to a
 * string with two decimals so nothing downstream sees a float.
 */
export const amount = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = /^(\d{1,16})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m || (typeof value === 'number' && !Number.isFinite(value))) {
    fail(ctx, 'INVALID_AMOUNT', `not a non-negative amount with at most 2 decimals: ${JSON.stringify(value)}`);
    return z.NEVER;
  }
  return `${m[1]!.replace(/^0+(?=\d)/, '')}.${(m[2] ?? '').padEnd(2, '0')}`;
});

/**
 * The ISO 4217 currency of every amount on a record; CNY when left out. Nothing sums
 * pounds as yuan: statistics convert by the exchange_rates table or leave the amount out.
 */
export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    if (!isCurrencyCode(value)) fail(ctx, 'UNKNOWN_CURRENCY', `not an ISO 4217 currency code such as CNY, USD or GBP: '${value}'`);
  });

export const uscc = z.string().transform((value, ctx) => {
  const checked = validateUscc(value);
  if (!checked.ok) {
    // A natural person's number sent as a USCC: say so, rather than how it fails as a USCC.
    if (isIdNumber(checked.code)) fail(ctx, 'INVALID_USCC', 'this is a resident ID number, not a USCC: name a natural person by idNumber');
    else fail(ctx, 'INVALID_USCC', checked.message);
    return z.NEVER;
  }
  return checked.code;
});

export const idNumber = z.string().transform((value, ctx) => {
  const v = value.trim().toUpperCase();
  if (!isValidIdNumber(v)) {
    fail(ctx, 'INVALID_ID_NUMBER', idNumberProblem(v));
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

/**
 * A region code, kept as today's code when it names one that was renamed or merged (152801
 * → 150802); whether it exists and is in the sender's remit is checked against the registry.
 */
export const regionCode = z
  .string()
  .regex(/^\d{6}$/, 'a 6-digit region code')
  .transform(currentRegionCode);

/** An identifier in a registration scheme, org-id.guide style (`GB-COH`, `HK-CR`, `CN-OC`); OCDS's `identifier`. */
export const schemeIdentifier = z.strictObject({
  scheme: z.string().trim().toUpperCase().regex(SCHEME_PATTERN, 'an org-id.guide scheme such as GB-COH or CN-OC (two letters, a hyphen, the register)'),
  // OCDS publishers send ids as numbers too (`19` and `"19"` are one id).
  id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().trim().min(1).max(100)),
});

/**
 * A market entity named on a record, with the name the sender knows it by: an
 * organisation by USCC, a natural person by ID number, an organisation by another
 * registration (the older organisation code, a Hong Kong, Macao, Taiwan or foreign
 * register: `identifier`), or by its name alone. See src/entities/party-identity.ts for
 * how the hub keeps one entity per identifier and joins a party that shows its USCC later.
 */
export const party = z
  .strictObject({
    uscc: uscc.optional(),
    idNumber: idNumber.optional(),
    orgCode: z.string().optional(),
    identifier: schemeIdentifier.optional(),
    additionalIdentifiers: z.array(schemeIdentifier).max(10).optional(),
    name: text(300),
    region: regionCode.optional(),
  })
  .transform((p, ctx): NormalisedParty => {
    const { uscc: givenUscc, orgCode, identifier: givenIdentifier, additionalIdentifiers, idNumber: person, ...rest } = p;
    if (person !== undefined) {
      if (givenUscc !== undefined || orgCode !== undefined || givenIdentifier || additionalIdentifiers?.length) {
        ctx.addIssue({
          code: 'custom',
          message: 'a natural person (idNumber) has no other identifier; an organisation gives uscc, orgCode or identifier',
          params: { code: 'CONFLICT' },
          path: ['idNumber'],
        });
        return z.NEVER;
      }
      return { ...rest, idNumber: person, aliases: [] };
    }
    const sorted = normaliseIdentifiers({ uscc: givenUscc, orgCode, identifier: givenIdentifier, additionalIdentifiers });
    if (!sorted.ok) {
      ctx.addIssue({ code: 'custom', message: sorted.message, params: { code: sorted.code }, path: sorted.path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)) });
      return z.NEVER;
    }
    return { ...rest, uscc: sorted.uscc, identifier: sorted.identifier, aliases: sorted.aliases };
  });
/** A party as the pipeline sees it: at most one of uscc, idNumber and identifier (none: known by name), and the aliases beside it. */
export interface NormalisedParty {
  name: string;
  region?: string;
  uscc?: string;
  idNumber?: string;
  identifier?: SchemeIdentifier;
  aliases: SchemeIdentifier[];
}
export type Party = z.output<typeof party>;

/** Common head of every record: its type, the sender's id for it, its version. */
export const envelope = <T extends string>(type: T) => ({
  type: z.literal(type),
  id: recordId,
  version: versionTimestamp,
});
