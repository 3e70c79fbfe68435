import type { CardinalSettings } from '../settings';
import type { Calculation } from '../indicator';
import { asObject, asString, get } from '../json';
import { matchesProcurementMethod, pipeSet } from '../release';
import { parseRfc3339, wholeDaysBetween } from '../rfc3339';

/** R003 Short submission period: the tender period, in whole days, is shorter than the threshold for its procurement method details. */
export function r003(settings: NonNullable<CardinalSettings['R003']>): Calculation {
  const threshold = settings.threshold ?? 15;
  const methods = pipeSet(settings.procurementMethods);
  const byDetails = settings.procurementMethodDetails ?? new Map<string, number>();
  return {
    fold(acc, { release, ocid }) {
      const tender = asObject(get(release, 'tender'));
      if (!tender || !matchesProcurementMethod(tender, methods)) return;
      const period = asObject(get(tender, 'tenderPeriod'));
      const start = asString(get(period, 'startDate'));
      const end = asString(get(period, 'endDate'));
      const startInstant = start === undefined ? undefined : parseRfc3339(start);
      const endInstant = end === undefined ? undefined : parseRfc3339(end);
      if (!startInstant || !endInstant) return;
      const details = asString(get(tender, 'procurementMethodDetails'));
      const limit = details !== undefined && byDetails.has(details) ? byDetails.get(details)! : threshold;
      if (wholeDaysBetween(startInstant, endInstant) < limit) acc.setResult('OCID', ocid, 'R003', 1);
    },
  };
}
