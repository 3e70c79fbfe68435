import type { CardinalSettings } from '../settings';
import type { Calculation } from '../indicator';
import { asObject, get } from '../json';
import { matchesProcurementMethod, pipeSet } from '../release';

const KEY = /"numberOfTenderers"(\s*:\s*)(-?[0-9][0-9.eE+-]*)/g;

/**
 * cardinal-rs reads numberOfTenderers as an unsigned integer (`as_u64`), so 1 counts and
 * 1.0 or 1e0 do not, though both parse to the number 1. When the line writes the key with
 * another number text, the line is parsed again with those texts set aside.
 */
function writtenAsOne(text: string): boolean {
  let other = false;
  for (const match of text.matchAll(KEY)) if (match[2] !== '1') other = true;
  if (!other) return true;
  const plain = JSON.parse(text.replace(KEY, (whole, colon: string, number: string) => (number === '1' ? whole : `"numberOfTenderers"${colon}null`))) as unknown;
  return (plain as { tender?: { numberOfTenderers?: unknown } }).tender?.numberOfTenderers === 1;
}

/** R018 Single bid received: tender/numberOfTenderers is 1, for the open and selective methods unless set otherwise. */
export function r018(settings: NonNullable<CardinalSettings['R018']>): Calculation {
  const methods = pipeSet(settings.procurementMethods ?? 'open|selective');
  return {
    fold(acc, { release, ocid, text }) {
      const tender = asObject(get(release, 'tender'));
      if (tender && matchesProcurementMethod(tender, methods) && get(tender, 'numberOfTenderers') === 1 && writtenAsOne(text)) acc.setResult('OCID', ocid, 'R018', 1);
    },
  };
}
