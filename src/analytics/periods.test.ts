import { describe, expect, it } from 'vitest';
import { addMonths, periodsOf, previousShift, shiftDay } from './periods';
import { Granularity } from './statistics.measures';

describe('periods', () => {
  it('splits a range into calendar periods clipped to the range', () => {
    expect(periodsOf('2026-01-15', '2026-04-10', Granularity.MONTH)).toEqual([
      { start: '2026-01-15', end: '2026-01-31' },
      { start: '2026-02-01', end: '2026-02-28' },
      { start: '2026-03-01', end: '2026-03-31' },
      { start: '2026-04-01', end: '2026-04-10' },
    ]);
    expect(periodsOf('2025-11-01', '2026-03-31', Granularity.QUARTER).map((p) => p.start)).toEqual(['2025-11-01', '2026-01-01']);
  });

  it('compares whole months with the same months before, and other ranges by days', () => {
    expect(previousShift('2026-01-01', '2026-03-31')).toEqual({ months: 3 });
    expect(shiftDay('2026-01-01', { months: 3 }, -1)).toBe('2025-10-01');
    expect(previousShift('2026-01-10', '2026-01-19')).toEqual({ days: 10 });
    // The last day of a short month stays the last day.
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
  });
});
