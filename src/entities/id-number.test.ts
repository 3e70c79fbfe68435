import { describe, expect, it } from 'vitest';
import { idNumberCheckCharacter, idNumbersIn, isIdNumber, isValidIdNumber, maskIdNumber, maskIdNumbersIn, maskLookupArgument } from './id-number';
import { usccCheckCharacter } from './uscc';

const id = (first17: string) => first17 + idNumberCheckCharacter(first17);
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('ID numbers', () => {
  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('15292119800101123X')).toBe('1529**********123X');
  });

  it('hides short values completely rather than revealing most of them', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskIdNumber(null)).toBeNull();
  });

  it('checks the GB 11643 check character', () => {
    const first17 = '15292119800101123';
    const valid = first17 + idNumberCheckCharacter(first17);
    expect(isValidIdNumber(valid)).toBe(true);
    expect(isValidIdNumber(first17 + (valid.endsWith('0') ? '1' : '0'))).toBe(false);
    expect(isValidIdNumber('abc')).toBe(false);
  });

  it('recognises an ID number by check character, region digit and a birth date that exists', () => {
    expect(isIdNumber(id('15292119800101123'))).toBe(true);
    expect(isIdNumber(fullWidth(id('15292119800101123')))).toBe(true);
    expect(isIdNumber(id('15292119800230123')), '30 February').toBe(false);
    expect(isIdNumber(id('15292118991231123')), 'before 1900').toBe(false);
    expect(isIdNumber(id('15292121000101123')), 'in the future').toBe(false);
    expect(isIdNumber(id('05292119800101123')), 'no region begins with 0').toBe(false);
  });

  it('masks every ID number inside any text, and nothing else', () => {
    const a = id('15292119800101123');
    const b = id('15010219951231456');
    const text = `{"name":"张三 ${a}","address":"身份证${fullWidth(b)}号","n":"1${a}","uscc":"91152900MA0N0E7A1T"}`;
    const masked = maskIdNumbersIn(text);
    expect(masked).toBe(`{"name":"张三 ${maskIdNumber(a)}","address":"身份证${maskIdNumber(b)}号","n":"1${a}","uscc":"91152900MA0N0E7A1T"}`);
    expect(idNumbersIn(text)).toEqual([a, fullWidth(b)]);
    expect(idNumbersIn(masked)).toEqual([]);
  });

  it('masks ASCII digits that end in a full-width check character X', () => {
    const seq = Array.from({ length: 1000 }, (_, n) => `15292119800101${String(n).padStart(3, '0')}`).find((f) => idNumberCheckCharacter(f) === 'X')!;
    const text = `身份证${seq}Ｘ号`;
    expect(maskIdNumbersIn(text)).toBe(`身份证${maskIdNumber(`${seq}X`)}号`);
    expect(idNumbersIn(text)).toEqual([`${seq}Ｘ`]);
  });

  it('masks a mistyped or full-width ID number in a lookup argument, but not a valid USCC', () => {
    const a = id('15292119800101123');
    const mistyped = a.slice(0, 17) + (a.endsWith('0') ? '1' : '0');
    expect(maskLookupArgument(mistyped)).toBe(maskIdNumber(mistyped));
    expect(maskLookupArgument(fullWidth(mistyped))).toBe(maskIdNumber(mistyped));
    expect(maskLookupArgument(`${a.slice(0, 6)} ${a.slice(6, 14)} ${a.slice(14)}`)).toBe(maskIdNumber(a));
    expect(maskLookupArgument(`找 ${mistyped.toLowerCase()} 的人`)).toBe(`找 ${maskIdNumber(mistyped)} 的人`);
    const uscc = '91440300' + '715267261';
    expect(maskLookupArgument(uscc + usccCheckCharacter(uscc))).toBe(uscc + usccCheckCharacter(uscc));
    expect(maskLookupArgument('a\u0000b\uD800c')).toBe('a\uFFFDb\uFFFDc');
    expect(maskLookupArgument('x'.repeat(300))).toHaveLength(200);
  });
});
