import { describe, expect, it } from 'vitest';
import { idNumberCheckCharacter, isValidIdNumber, maskIdNumber } from './id-number';

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
});
