import { describe, expect, it } from 'vitest';
import { normaliseUscc, usccCheckCharacter, validateUscc } from './uscc';

describe('USCC validation (GB 32100-2015)', () => {
  it.each(['9144030071526726XG', '91330100716105852F', '914403001922038216'])('accepts the real code %s', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true, code });
  });

  it('normalises full-width characters, spaces and case before checking', () => {
    expect(normaliseUscc('  ９１４４０３００７１５２６７２６ｘｇ ')).toBe('9144030071526726XG');
    expect(validateUscc('9144 0300 7152 6726 xg')).toEqual({ ok: true, code: '9144030071526726XG' });
  });

  it('names the expected check character', () => {
    const result = validateUscc('9144030071526726XA');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toEqual({ kind: 'check', expected: 'G', actual: 'A' });
      expect(result.message).toBe("USCC check character is 'A', expected 'G'");
    }
  });

  it('reports the length', () => {
    const result = validateUscc('91440300715267');
    expect(result.ok || result.problem).toEqual({ kind: 'length', length: 14 });
    expect(result.ok || result.message).toContain('18 characters, got 14');
  });

  it('names the position of a character outside the alphabet', () => {
    const result = validateUscc('91440300715267I6XG');
    expect(result.ok || result.problem).toEqual({ kind: 'character', position: 15, character: 'I' });
    expect(result.ok || result.message).toContain('position 15');
  });

  it('rejects an empty code', () => {
    expect(validateUscc('   ').ok).toBe(false);
  });

  it('computes the check character the glossary describes', () => {
    expect(usccCheckCharacter('91330100716105852')).toBe('F');
    expect(usccCheckCharacter('91440300192203821')).toBe('6');
  });
});
