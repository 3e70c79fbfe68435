import data from './china-holidays.json' with { type: 'json' };

/**
 * Working days in mainland China: Monday to Friday, less the statutory holidays, plus the
 * weekend days made working days (调休). Kept as data (china-holidays.json), one list per
 * year as the State Council publishes it. Outside the years shipped, only weekends rest:
 * `covers()` says when that approximation is in use.
 */
const holidays = new Set<string>();
const adjusted = new Set<string>();
for (const [year, days] of Object.entries(data.holidays)) for (const d of days) holidays.add(`${year}-${d}`);
for (const [year, days] of Object.entries(data.adjustedWorkingDays)) for (const d of days) adjusted.add(`${year}-${d}`);

const DAY = 86_400_000;
const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

export function covers(day: string): boolean {
  return data.years.includes(Number(day.slice(0, 4)));
}

export function isWorkingDay(day: string): boolean {
  if (adjusted.has(day)) return true;
  if (holidays.has(day)) return false;
  const weekday = toDate(day).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The `n`th working day after `day` (the day itself not counted). */
export function addWorkingDays(day: string, n: number): string {
  let date = toDate(day);
  for (let left = n; left > 0;) {
    date = new Date(date.getTime() + DAY);
    if (isWorkingDay(toDay(date))) left--;
  }
  return toDay(date);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let t = toDate(from).getTime() + DAY, end = toDate(to).getTime(); t <= end; t += DAY) if (isWorkingDay(toDay(new Date(t)))) count++;
  return count;
}

/** Penalties must be made public within 7 working days of the decision (seed 004 Art. 24). */
export const PENALTY_PUBLICATION_WORKING_DAYS = 7;

export interface PublicationTimeliness {
  deadline: string;
  /** Working days from decision to publication; null while unpublished. */
  workingDays: number | null;
  /** Working days past the deadline (0 when on time); null while unpublished. */
  daysLate: number | null;
  /** False when a date falls outside the years the holiday data covers. */
  calendarCovered: boolean;
}

export function penaltyTimeliness(decidedOn: string, publishedOn: string | null): PublicationTimeliness {
  const deadline = addWorkingDays(decidedOn, PENALTY_PUBLICATION_WORKING_DAYS);
  const workingDays = publishedOn === null ? null : workingDaysBetween(decidedOn, publishedOn);
  return {
    deadline,
    workingDays,
    daysLate: workingDays === null ? null : Math.max(0, workingDays - PENALTY_PUBLICATION_WORKING_DAYS),
    calendarCovered: covers(decidedOn) && covers(deadline) && (publishedOn === null || covers(publishedOn)),
  };
}
