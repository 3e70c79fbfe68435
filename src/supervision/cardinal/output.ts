import { GROUPS, MAP_NAMES, type Accumulator } from './accumulator';
import { roundMeta, rustFloat } from './float';

// The JSON text cardinal-rs's `indicators` command prints: compact, keys in its order, every
// number as serde_json writes an f64 (1.0, not 1), the "Meta" figures to four decimals.

const key = (k: string): string => JSON.stringify(k);
const object = (entries: string[]): string => `{${entries.join(',')}}`;

export interface OutputOptions {
  meta: boolean;
  map: boolean;
}

export function renderResults(acc: Accumulator, options: OutputOptions): string {
  const parts = acc.results.map(
    ([group, ids]) => `${key(group)}:${object([...ids].map(([id, values]) => `${key(id)}:${object([...values].map(([code, v]) => `${key(code)}:${rustFloat(v)}`))}`))}`,
  );
  if (options.meta) {
    parts.push(`"Meta":${object([...acc.meta].map(([code, values]) => `${key(code)}:${object([...values].map(([k, v]) => `${key(k)}:${rustFloat(roundMeta(v))}`))}`))}`);
  }
  if (options.map) {
    const maps = MAP_NAMES.map((name) => {
      const entries = [...acc.maps.get(name)!].map(([ocid, v]) => `${key(ocid)}:${typeof v === 'string' ? key(v) : `[${[...v].map(key).join(',')}]`}`);
      return `${key(name)}:${object(entries)}`;
    });
    parts.push(`"Maps":${object(maps)}`);
  }
  return object(parts);
}

/** --count: the number of results per group, as cardinal-rs prints them to stderr. */
export const countLines = (acc: Accumulator): string[] => acc.results.filter(([g]) => GROUPS.includes(g)).map(([group, ids]) => `${group}: ${ids.size}`);
