/**
 * Resident ID numbers (公民身份号码, GB 11643-1999) of natural persons: experts and
 * individual market entities. They are personal data: stored for matching records across
 * sources, and only ever shown masked.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export function isValidIdNumber(value: string): boolean {
  const v = value.trim().toUpperCase();
  return /^\d{17}[\dX]$/.test(v) && idNumberCheckCharacter(v.slice(0, 17)) === v[17];
}

/**
 * Keeps the first four characters (the province and city of registration) and the last
 * four, e.g. 1529**********123X, so a person can recognise their own record and nobody
 * can reconstruct the number. Anything too short to mask safely is hidden entirely.
 */
export function maskIdNumber(value: string | null | undefined): string | null {
  if (value == null) return null;
  const v = value.trim();
  if (v.length < 12) return '*'.repeat(v.length);
  return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}
