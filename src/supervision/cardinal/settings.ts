import { readFile } from 'node:fs/promises';
import { configTree } from './config-tree';
import { IniSyntaxError, parseIni } from './ini';
import { decode, SETTINGS, SettingsError, type Decoded } from './settings-schema';

// The settings of cardinal-rs's `indicators` command, read from the same INI file it reads
// (docs/cardinal.md lists them). An indicator runs if and only if its section is present,
// even empty: cardinal-rs with no settings file computes nothing.

export { SettingsError };

export interface CardinalSettings {
  currency?: string;
  noPriceComparisonProcurementMethods?: string;
  priceComparisonProcurementMethods?: string;
  infoCurrencyMismatches: boolean;
  excludeProcurementMethodDetails?: string;
  R003?: { threshold?: number; procurementMethods?: string; procurementMethodDetails?: Map<string, number> };
  R018?: { procurementMethods?: string };
  R024?: { threshold?: number };
  R025?: { percentile?: number; threshold?: number };
  R028?: object;
  R030?: object;
  R035?: { threshold?: number };
  R036?: object;
  R038?: { threshold?: number; minimumSubmittedBids?: number; minimumContractingProcesses?: number };
  R048?: { digits?: number; threshold?: number; minimumContractingProcesses?: number };
  R058?: { threshold?: number };
}

export const NO_SETTINGS: CardinalSettings = { infoCurrencyMismatches: false };

type Table = Map<string, Decoded>;
const section = (root: Table, name: string): Table | undefined => root.get(name) as Table | undefined;
const text = (t: Table | undefined, key: string) => t?.get(key) as string | undefined;
const number = (t: Table | undefined, key: string) => t?.get(key) as number | undefined;

export function settingsFromIni(ini: string): CardinalSettings {
  let sections;
  try {
    sections = parseIni(ini);
  } catch (error) {
    if (error instanceof IniSyntaxError) throw new SettingsError(error.message);
    throw error;
  }
  const root = decode(SETTINGS, configTree(sections), '') as Table;
  const has = (name: string) => root.has(name);
  const r003 = section(root, 'R003');
  const r025 = section(root, 'R025');
  const r038 = section(root, 'R038');
  const r048 = section(root, 'R048');
  return {
    currency: text(root, 'currency'),
    noPriceComparisonProcurementMethods: text(root, 'no_price_comparison_procurement_methods'),
    priceComparisonProcurementMethods: text(root, 'price_comparison_procurement_methods'),
    infoCurrencyMismatches: section(root, 'output')?.get('info_currency_mismatches') === true,
    excludeProcurementMethodDetails: text(section(root, 'exclusions'), 'procurement_method_details'),
    R003: r003 && {
      threshold: number(r003, 'threshold'),
      procurementMethods: text(r003, 'procurement_methods'),
      procurementMethodDetails: r003.get('procurement_method_details') as Map<string, number> | undefined,
    },
    R018: has('R018') ? { procurementMethods: text(section(root, 'R018'), 'procurement_methods') } : undefined,
    R024: has('R024') ? { threshold: number(section(root, 'R024'), 'threshold') } : undefined,
    R025: r025 && { percentile: number(r025, 'percentile'), threshold: number(r025, 'threshold') },
    R028: has('R028') ? {} : undefined,
    R030: has('R030') ? {} : undefined,
    R035: has('R035') ? { threshold: number(section(root, 'R035'), 'threshold') } : undefined,
    R036: has('R036') ? {} : undefined,
    R038: r038 && {
      threshold: number(r038, 'threshold'),
      minimumSubmittedBids: number(r038, 'minimum_submitted_bids'),
      minimumContractingProcesses: number(r038, 'minimum_contracting_processes'),
    },
    R048: r048 && { digits: number(r048, 'digits'), threshold: number(r048, 'threshold'), minimumContractingProcesses: number(r048, 'minimum_contracting_processes') },
    R058: has('R058') ? { threshold: number(section(root, 'R058'), 'threshold') } : undefined,
  };
}

/** Reads and checks a settings file; a SettingsError names the file and the key or line. */
export async function loadSettings(file: string): Promise<CardinalSettings> {
  let ini: string;
  try {
    // cardinal-rs refuses a settings file that is not UTF-8 rather than repair it.
    ini = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file));
  } catch (error) {
    throw new SettingsError(`cannot read the settings file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  try {
    return settingsFromIni(ini);
  } catch (error) {
    if (error instanceof SettingsError) throw new SettingsError(`settings file ${file}: ${error.message}`);
    throw error;
  }
}
