import type { Readable } from 'node:stream';
import { Accumulator } from './accumulator';
import type { Calculation, Warn } from './indicator';
import { isObject, type Json } from './json';
import { readLines } from './lines';
import { isCancelledContractingProcess, matchesProcurementMethodDetails, pipeSet } from './release';
import type { CardinalSettings } from './settings';
import { r003 } from './indicators/r003';
import { r018 } from './indicators/r018';
import { r024, r058 } from './indicators/r024-r058';
import { r025 } from './indicators/r025';
import { r028 } from './indicators/r028';
import { r030 } from './indicators/r030';
import { r035 } from './indicators/r035';
import { r036 } from './indicators/r036';
import { r038 } from './indicators/r038';
import { r048 } from './indicators/r048';
import { secondLowestBidRatio, tenderers } from './indicators/second-lowest-bid-ratio';

// cardinal-rs's `Indicators::run`, one release at a time in file order, in memory only.

export interface RunOptions {
  /** Gather the "Maps" (--map). */
  map?: boolean;
  /** Stop at the first line that is not a JSON value, instead of warning and going on as cardinal-rs does. */
  strict?: boolean;
  warn: Warn;
}

export class BadLineError extends Error {}

/** The calculations in cardinal-rs's order: the order decides which currency is "the first seen". */
function calculations(s: CardinalSettings, options: RunOptions): Calculation[] {
  const list: Calculation[] = [];
  if (options.map && (s.R025 || s.R038 || s.R048)) list.push(tenderers);
  if (s.R024 || s.R058) list.push(secondLowestBidRatio(s, options.warn));
  if (s.noPriceComparisonProcurementMethods !== undefined && s.priceComparisonProcurementMethods !== undefined) {
    options.warn('no_price_comparison_procurement_methods has no effect if price_comparison_procurement_methods is set.');
  }
  if (s.R003) list.push(r003(s.R003));
  if (s.R018) list.push(r018(s.R018));
  if (s.R024) list.push(r024(s.R024));
  if (s.R025) list.push(r025(s.R025));
  if (s.R028) list.push(r028(s));
  if (s.R030) list.push(r030);
  if (s.R035) list.push(r035(s.R035));
  if (s.R036) list.push(r036(s, options.warn));
  if (s.R038) list.push(r038(s.R038));
  if (s.R048) list.push(r048(s.R048));
  if (s.R058) list.push(r058(s.R058));
  return list;
}

// serde_json refuses an unpaired surrogate escape, which JSON.parse lets through.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const UNPAIRED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
function hasUnpairedSurrogate(value: Json): boolean {
  if (typeof value === 'string') return UNPAIRED.test(value);
  if (Array.isArray(value)) return value.some(hasUnpairedSurrogate);
  if (isObject(value)) return Object.entries(value).some(([k, v]) => UNPAIRED.test(k) || hasUnpairedSurrogate(v));
  return false;
}

function parseLine(text: string): Json {
  const value = JSON.parse(text) as Json;
  if (SURROGATE_ESCAPE.test(text) && hasUnpairedSurrogate(value)) throw new Error('unpaired surrogate in a \\u escape');
  return value;
}

export async function runIndicators(input: Readable, settings: CardinalSettings, options: RunOptions): Promise<Accumulator> {
  const list = calculations(settings, options);
  const exclude = pipeSet(settings.excludeProcurementMethodDetails);
  const acc = new Accumulator(options.map ?? false);
  acc.group('OCID');
  acc.group('Tenderer');
  for await (const line of readLines(input)) {
    if ('error' in line) {
      if (options.strict) throw new BadLineError(`line ${line.number}: ${line.error}`);
      options.warn(`Line ${line.number} caused an I/O error, skipping. [${line.error}]`);
      continue;
    }
    let value: Json;
    try {
      value = parseLine(line.text);
    } catch (error) {
      // Blank lines are skipped silently (Rust's ASCII whitespace: space, \t, \n, \f, \r).
      if (/^[ \t\n\f\r]*$/.test(line.text)) continue;
      if (options.strict) throw new BadLineError(`line ${line.number} is not valid JSON: ${(error as Error).message}`);
      options.warn(`Line ${line.number} is invalid JSON, skipping. [${(error as Error).message}]`);
      continue;
    }
    if (!isObject(value) || typeof value.ocid !== 'string' || !Object.hasOwn(value, 'ocid')) continue;
    if (isCancelledContractingProcess(value) || !matchesProcurementMethodDetails(value, new Set(), exclude)) continue;
    const release = { release: value, ocid: value.ocid, text: line.text };
    for (const calculation of list) calculation.fold?.(acc, release);
  }
  for (const calculation of list) calculation.finalize?.(acc);
  acc.removeGroupIfEmpty('OCID');
  acc.removeGroupIfEmpty('Tenderer');
  return acc;
}
