import { normaliseUscc } from './uscc';

/**
 * The older national organisation code (组织机构代码, GB 11714-1997): eight digits or
 * capital letters, then a check character. Before 2015 it named every organisation; it
 * lives on as characters 9–17 of the organisation's USCC (GB 32100-2015), which is how a
 * party first known by it becomes one with the party that later shows its USCC.
 */
const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

const valueOf = (c: string) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);

export function orgCodeCheckCharacter(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += valueOf(first8[i]!) * WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export type OrgCodeResult = { ok: true; code: string } | { ok: false; code: string; message: string };

/** Validates an organisation code, written with or without its hyphen (`12345678-9`). */
export function validateOrgCode(input: string): OrgCodeResult {
  const code = normaliseUscc(input).replace(/-/g, '');
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code))
    return { ok: false, code, message: `an organisation code (GB 11714) is 8 digits or capital letters and a check character, e.g. 71526726-X: '${input}'` };
  const expected = orgCodeCheckCharacter(code.slice(0, 8));
  if (code[8] !== expected) return { ok: false, code, message: `organisation code check character is '${code[8]}', expected '${expected}'` };
  return { ok: true, code };
}

/** The organisation code inside a USCC (characters 9–17). */
export const orgCodeOfUscc = (uscc: string) => uscc.slice(8, 17);
