import { describe, expect, it } from 'vitest';
import { orgCodeOfUscc, validateOrgCode } from './org-code';
import { validateUscc } from './uscc';

describe('organisation code (GB 11714)', () => {
  // The GLOSSARY's real USCCs carry real organisation codes in characters 9–17.
  it.each(['9144030071526726XG', '91330100716105852F', '914403001922038216'])('the code inside the real USCC %s passes its own check', (uscc) => {
    expect(validateUscc(uscc).ok).toBe(true);
    expect(validateOrgCode(orgCodeOfUscc(uscc))).toEqual({ ok: true, code: orgCodeOfUscc(uscc) });
  });

  it('takes the hyphenated and full-width forms', () => {
    expect(validateOrgCode('71526726-X')).toEqual({ ok: true, code: '71526726X' });
    expect(validateOrgCode('７１５２６７２６－Ｘ')).toEqual({ ok: true, code: '71526726X' });
  });

  it('names the check character it expected', () => {
    expect(validateOrgCode('715267261')).toMatchObject({ ok: false, message: "organisation code check character is '1', expected 'X'" });
    expect(validateOrgCode('7152672')).toMatchObject({ ok: false });
  });
});
