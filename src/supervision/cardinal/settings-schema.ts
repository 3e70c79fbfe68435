import type { ConfigNode } from './config-tree';

// cardinal-rs's Settings struct (src/indicators/mod.rs) as data: every section and key it
// accepts, with the type serde reads it as. Unknown keys are errors there
// (deny_unknown_fields), so they are here. The `prepare` command's sections are accepted and
// checked but mean nothing to the indicators.

export type Scalar = 'string' | 'bool' | 'i64' | 'usize' | 'f64';
export type Shape = Scalar | { struct: Record<string, Shape> } | { map: Shape; keys?: readonly string[] };
export type Decoded = string | boolean | number | Map<string, Decoded>;

const empty = { struct: {} };
const floatThreshold = { struct: { threshold: 'f64' } } as const;

export const SETTINGS: Shape = {
  struct: {
    output: { struct: { info_currency_mismatches: 'bool' } },
    codelists: { map: { map: 'string' }, keys: ['bid_status', 'award_status'] },
    defaults: { struct: { currency: 'string', item_classification_scheme: 'string', bid_status: 'string', award_status: 'string', party_roles: 'bool' } },
    redactions: { struct: { amount: 'string', organization_id: 'string' } },
    corrections: { struct: { award_status_by_contract_status: 'bool' } },
    modifications: {
      struct: { move_auctions: 'bool', prefix_buyer_or_procuring_entity_id: 'string', prefix_tenderer_or_supplier_id: 'string', split_procurement_method_details: 'string' },
    },
    currency: 'string',
    no_price_comparison_procurement_methods: 'string',
    price_comparison_procurement_methods: 'string',
    exclusions: { struct: { procurement_method_details: 'string' } },
    R003: { struct: { threshold: 'i64', procurement_methods: 'string', procurement_method_details: { map: 'i64' } } },
    R018: { struct: { procurement_methods: 'string' } },
    R024: floatThreshold,
    R025: { struct: { percentile: 'usize', threshold: 'f64' } },
    R028: empty,
    R030: empty,
    R035: { struct: { threshold: 'usize' } },
    R036: empty,
    R038: { struct: { threshold: 'f64', minimum_submitted_bids: 'usize', minimum_contracting_processes: 'usize' } },
    R048: { struct: { digits: 'usize', threshold: 'usize', minimum_contracting_processes: 'usize' } },
    R058: floatThreshold,
  },
};

export class SettingsError extends Error {}

const RUST_FLOAT = /^[+-]?(?:inf|infinity|nan|[0-9]+\.?[0-9]*(?:e[+-]?[0-9]+)?|\.[0-9]+(?:e[+-]?[0-9]+)?)$/i;
const EXPECTED: Record<Scalar, string> = { string: 'a string', bool: 'a boolean', i64: 'an integer', usize: 'a whole number 0 or more', f64: 'a floating point' };

/** The config crate's string conversions: "true", "on", "yes" are 1 and "false", "off", "no" are 0 for numbers too. */
function scalar(kind: Scalar, text: string): string | boolean | number | undefined {
  const lower = text.toLowerCase();
  if (kind === 'string') return text;
  if (kind === 'bool') return ['1', 'true', 'on', 'yes'].includes(lower) ? true : ['0', 'false', 'off', 'no'].includes(lower) ? false : undefined;
  if (['true', 'on', 'yes'].includes(lower)) return 1;
  if (['false', 'off', 'no'].includes(lower)) return 0;
  if (kind === 'f64') {
    if (!RUST_FLOAT.test(text)) return undefined;
    const bare = lower.replace(/^[+-]/, '');
    if (bare === 'nan') return NaN;
    if (bare === 'inf' || bare === 'infinity') return lower.startsWith('-') ? -Infinity : Infinity;
    return Number(text);
  }
  if (!(kind === 'i64' ? /^[+-]?[0-9]+$/ : /^\+?[0-9]+$/).test(text)) return undefined;
  const value = BigInt(text);
  const [min, max] = kind === 'i64' ? [-(2n ** 63n), 2n ** 63n - 1n] : [0n, 2n ** 64n - 1n];
  return value < min || value > max ? undefined : Number(value);
}

export function decode(shape: Shape, node: ConfigNode, path: string): Decoded {
  const where = path === '' ? 'the settings' : path;
  if (typeof shape === 'string') {
    if (node.kind !== 'string') throw new SettingsError(`${where}: expected ${EXPECTED[shape]}, found a section`);
    const value = scalar(shape, node.value);
    if (value === undefined) throw new SettingsError(`${where}: invalid value ${JSON.stringify(node.value)}, expected ${EXPECTED[shape]}`);
    return value;
  }
  if (node.kind !== 'table') throw new SettingsError(`${where}: invalid value ${JSON.stringify(node.value)}, expected a section`);
  const out = new Map<string, Decoded>();
  for (const [key, child] of node.entries) {
    const inner = 'struct' in shape ? shape.struct[key] : shape.keys && !shape.keys.includes(key) ? undefined : shape.map;
    if (inner === undefined) {
      const known = 'struct' in shape ? Object.keys(shape.struct) : (shape.keys ?? []);
      const expected = known.length === 0 ? 'this section takes no keys' : `expected one of ${known.join(', ')}`;
      throw new SettingsError(`${path === '' ? '' : `${path}.`}${key}: unknown key, ${expected}`);
    }
    out.set(key, decode(inner, child, path === '' ? key : `${path}.${key}`));
  }
  return out;
}
