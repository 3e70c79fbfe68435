/**
 * A decimal amount from ClickHouse ("1234.5", "17300876100") as yuan with exactly two
 * decimals ("1234.50"): ClickHouse drops trailing zeros, the API always shows fen.
 */
export function toYuan(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '0.00';
  const text = String(value);
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`not a decimal amount: ${text}`);
  const [whole, frac = ''] = text.split('.');
  return `${whole}.${(frac + '00').slice(0, 2)}`;
}
