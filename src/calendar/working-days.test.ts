import { describe, expect, it } from 'vitest';
import { addWorkingDays, covers, isWorkingDay, penaltyTimeliness, workingDaysBetween } from './working-days';

describe('the Chinese working-day calendar', () => {
  it('rests on statutory holidays and works on adjusted weekend days (调休)', () => {
    expect(isWorkingDay('2024-10-01')).toBe(false); // National Day
    expect(isWorkingDay('2024-10-12')).toBe(true); // a Saturday made a working day
    expect(isWorkingDay('2025-01-26')).toBe(true); // a Sunday before Spring Festival
    expect(isWorkingDay('2025-01-29')).toBe(false); // Spring Festival
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-23')).toBe(false);
    expect(isWorkingDay('2025-03-08')).toBe(false); // an ordinary Saturday
  });

  it('counts 7 working days across the National Day week', () => {
    // Decided Monday 30 Sep 2024: 1-7 Oct off, Sat 12 Oct worked.
    expect(addWorkingDays('2024-09-30', 7)).toBe('2024-10-15');
  });

  it('counts 7 working days across Spring Festival 2025', () => {
    // Decided Friday 24 Jan: Sun 26 and Mon 27 worked, 28 Jan-4 Feb off, Sat 8 Feb worked.
    expect(addWorkingDays('2025-01-24', 7)).toBe('2025-02-10');
  });

  it("measures a penalty's publication against the deadline", () => {
    expect(penaltyTimeliness('2025-03-03', '2025-03-07')).toEqual({ deadline: '2025-03-12', workingDays: 4, daysLate: 0, calendarCovered: true });
    expect(penaltyTimeliness('2025-03-03', '2025-03-14')).toMatchObject({ workingDays: 9, daysLate: 2 });
    expect(penaltyTimeliness('2025-03-03', null)).toMatchObject({ workingDays: null, daysLate: null });
    expect(workingDaysBetween('2025-03-07', '2025-03-03')).toBe(0);
  });

  it('says when a date lies outside the years it ships', () => {
    expect(covers('2026-12-31')).toBe(true);
    expect(covers('2027-01-04')).toBe(false);
    expect(penaltyTimeliness('2023-12-29', '2024-01-03').calendarCovered).toBe(false);
  });
});
