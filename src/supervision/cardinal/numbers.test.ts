import { describe, expect, it } from 'vitest';
import { mulAdd, roundMeta, rustFloat } from './float';
import { parseIni } from './ini';
import { parseRfc3339, wholeDaysBetween } from './rfc3339';
import { quantile } from './statistics';

describe('cardinal-rs arithmetic', () => {
  it('takes quantiles as statrs does (Hyndman–Fan type 8)', () => {
    expect(quantile([4, 1, 3, 2], 0.25)).toBeCloseTo(1.416667, 6); // type 7: 1.75
    expect(quantile([4, 1, 3, 2], 0.75)).toBeCloseTo(3.583333, 6); // type 7: 3.25
    expect(quantile([5], 0.25)).toBe(5);
    expect(quantile([], 0.25)).toBeNaN();
    expect(quantile([1, 2, 3], 1)).toBe(3);
    expect(quantile([1, 2, 3], 1.01)).toBeNaN();
  });

  it('rounds a×b+c once, as f64::mul_add', () => {
    expect(0.1 * 10 - 1).toBe(0);
    expect(mulAdd(0.1, 10, -1)).toBe(5.551115123125783e-17);
    expect(mulAdd(2, 3, 4)).toBe(10);
  });

  it('prints numbers as serde_json and rounds halves away from zero', () => {
    expect([1, 0, -0, 0.5, 1e-7, 0.0001, 1e16, 1.5e16, 123456789012345680000, 1e15].map(rustFloat)).toEqual([
      '1.0',
      '0.0',
      '-0.0',
      '0.5',
      '1e-7',
      '0.0001',
      '1e16',
      '1.5e16',
      '1.2345678901234568e20',
      '1000000000000000.0',
    ]);
    expect(rustFloat(NaN)).toBe('null');
    expect(roundMeta(-0.00005)).toBe(-0.0001);
  });

  it('counts whole days as chrono does', () => {
    const days = (a: string, b: string) => wholeDaysBetween(parseRfc3339(a)!, parseRfc3339(b)!);
    expect(days('2024-01-01T00:00:00Z', '2024-01-15T23:59:59Z')).toBe(14);
    expect(days('2024-01-15T00:00:00Z', '2024-01-01T00:00:01Z')).toBe(-13);
    expect(days('2024-01-01T00:00:00+08:00', '2023-12-31T16:00:00Z')).toBe(0);
    expect(days('2016-12-31T23:59:60Z', '2017-01-01T00:00:00Z')).toBe(0);
    expect(['2024-01-01', '2024-02-30T00:00:00Z', '2024-01-01T00:00:00', '2024-01-01T00:00:00+24:00', '2024-01-01T00:00:00Z '].map(parseRfc3339)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads INI as rust-ini does', () => {
    expect(parseIni('top = 1\n[R003]\nthreshold : "10"\n[R003.procurement_method_details]\na\\;b = 5\n')).toEqual([
      { name: null, properties: [['top', '1']] },
      { name: 'R003', properties: [['threshold', '10']] },
      { name: 'R003.procurement_method_details', properties: [['a;b', '5']] },
    ]);
    expect(() => parseIni('[R024]\nthreshold = 1 ; comment\n  ;x\n')).not.toThrow();
    expect(() => parseIni('[R024\n')).toThrow(/end of the file/);
  });
});
