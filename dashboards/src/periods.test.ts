import { describe, expect, it } from 'vitest';
import { comparisonRanges, periodLabel, periodStarts } from './periods';

describe('periods on the pages', () => {
  it('compares a whole year with the year before, and a quarter with the quarter before and the same quarter a year earlier', () => {
    expect(comparisonRanges('2025-01-01', '2025-12-31')).toEqual({ previous: { from: '2024-01-01', to: '2024-12-31' }, yearAgo: { from: '2024-01-01', to: '2024-12-31' } });
    expect(comparisonRanges('2026-01-01', '2026-03-31')).toEqual({ previous: { from: '2025-10-01', to: '2025-12-31' }, yearAgo: { from: '2025-01-01', to: '2025-03-31' } });
  });

  it('shifts a range of days by its length, as the statistics API does, and a leap day to the 28th', () => {
    expect(comparisonRanges('2026-01-01', '2026-12-02')).toEqual({ previous: { from: '2025-01-30', to: '2025-12-31' }, yearAgo: { from: '2025-01-01', to: '2025-12-02' } });
    expect(comparisonRanges('2024-02-29', '2024-02-29')).toEqual({ previous: { from: '2024-02-28', to: '2024-02-28' }, yearAgo: { from: '2023-02-28', to: '2023-02-28' } });
  });

  it('lists every period of a range, so an empty month is drawn as one', () => {
    expect(periodStarts('2025-01-15', '2025-04-02', 'MONTH')).toEqual(['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01']);
    expect(periodStarts('2025-02-01', '2025-12-31', 'QUARTER')).toEqual(['2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01']);
    expect(periodStarts('2024-06-01', '2025-05-31', 'YEAR')).toEqual(['2024-01-01', '2025-01-01']);
    expect(periodLabel('2025-10-01', 'QUARTER', 'zh')).toBe('2025年第4季度');
  });
});
