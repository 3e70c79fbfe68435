import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DECIMAL = /^-?\d{1,16}(\.\d{1,2})?$/;

/**
 * Money in yuan as an exact decimal string ("1234567.89"). Never a float: a float cannot
 * hold 0.1 yuan exactly, and budgets and awards are summed and compared to the fen.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal amount in yuan (元), as a string with up to 2 decimal places, e.g. "1234567.89".',
  serialize(value) {
    if (typeof value === 'string') return value;
    throw new GraphQLError('Decimal values are kept as strings end to end');
  },
  parseValue(value) {
    if (typeof value === 'string' && DECIMAL.test(value)) return value;
    throw new GraphQLError(`Decimal must be a string like "1234.56", got ${JSON.stringify(value)}`);
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && DECIMAL.test(ast.value)) return ast.value;
    throw new GraphQLError('Decimal must be a string like "1234.56"');
  },
});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date, so 2025-02-30 is refused rather than rolled over to March. */
export function isRealDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar day (YYYY-MM-DD) with no time or zone: decision dates, validity periods. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD (China Standard Time when compared with instants).',
  serialize(value) {
    if (typeof value === 'string' && isRealDate(value)) return value;
    throw new GraphQLError(`Not a calendar date: ${JSON.stringify(value)}`);
  },
  parseValue(value) {
    if (typeof value === 'string' && isRealDate(value)) return value;
    throw new GraphQLError(`Date must be a real date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && isRealDate(ast.value)) return ast.value;
    throw new GraphQLError(`Date must be a real date as YYYY-MM-DD${ast.kind === Kind.STRING ? `, got "${ast.value}"` : ''}`);
  },
});

/** The instant a China Standard Time calendar day starts (the region's trading day). */
export function startOfChinaDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}
