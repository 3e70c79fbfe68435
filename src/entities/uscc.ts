/**
 * Unified Social Credit Code (统一社会信用代码), GB 32100-2015: 18 characters from a
 * 31-character alphabet; the 18th is a check character computed from the first 17.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem =
  { kind: 'empty' } | { kind: 'length'; length: number } | { kind: 'character'; position: number; character: string } | { kind: 'check'; expected: string; actual: string };

export type UsccResult = { ok: true; code: string } | { ok: false; code: string; problem: UsccProblem; message: string };

/**
 * Trims, folds full-width characters (ＡＢＣ１２３, common in documents typed with a Chinese
 * input method) to half-width, drops inner spaces and upper-cases.
 */
export function normaliseUscc(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase();
}

/** The check character for the first 17 characters, which must already be valid. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function validateUscc(input: string): UsccResult {
  const code = normaliseUscc(input);
  const fail = (problem: UsccProblem, message: string): UsccResult => ({ ok: false, code, problem, message });
  if (code.length === 0) return fail({ kind: 'empty' }, 'USCC is empty');
  if (code.length !== 18) {
    return fail({ kind: 'length', length: code.length }, `USCC must be 18 characters, got ${code.length}`);
  }
  for (let i = 0; i < 18; i++) {
    const character = code[i]!;
    if (!ALPHABET.includes(character)) {
      const hint = 'IOSVZ'.includes(character) ? ' (I, O, S, V and Z are never used)' : '';
      return fail({ kind: 'character', position: i + 1, character }, `USCC has an invalid character '${character}' at position ${i + 1}${hint}`);
    }
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  const actual = code[17]!;
  if (expected !== actual) {
    return fail({ kind: 'check', expected, actual }, `USCC check character is '${actual}', expected '${expected}'`);
  }
  return { ok: true, code };
}

export { ALPHABET as USCC_ALPHABET };
