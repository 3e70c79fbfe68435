import type { IniSection } from './ini';

// What cardinal-rs's `config` crate makes of a parsed INI file before it reads its settings:
// each section a table (a repeated section: its last occurrence), each key a string (a
// repeated key: its last value), and a section or top-level key named like `R003.x` a path,
// so that [R003.procurement_method_details] lands inside R003, merged with [R003].

export type ConfigNode = { kind: 'string'; value: string } | { kind: 'table'; entries: Map<string, ConfigNode> };

const PATH = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
type Table = ConfigNode & { kind: 'table' };
const table = (): Table => ({ kind: 'table', entries: new Map() });

/** The table at `key` of `parent`, made (over anything else there) if need be. */
function tableAt(parent: Table, key: string): Table {
  const child = parent.entries.get(key);
  if (child?.kind === 'table') return child;
  const made = table();
  parent.entries.set(key, made);
  return made;
}

function place(root: Table, path: string[], node: ConfigNode): void {
  let parent = root;
  for (const key of path.slice(0, -1)) parent = tableAt(parent, key);
  const last = path.at(-1)!;
  if (node.kind === 'string') {
    parent.entries.set(last, node);
    return;
  }
  const target = tableAt(parent, last);
  for (const [key, child] of node.entries) place(target, [key], child);
}

export function configTree(sections: IniSection[]): Table {
  const collected = new Map<string, ConfigNode>();
  for (const section of sections) {
    const entries = new Map<string, ConfigNode>(section.properties.map(([key, value]) => [key, { kind: 'string', value }]));
    if (section.name === null) for (const [key, node] of entries) collected.set(key, node);
    else collected.set(section.name, { kind: 'table', entries });
  }
  const root = table();
  // A key that is not a path (a space, an index) is set as it is, as the config crate does.
  for (const [key, node] of collected) place(root, PATH.test(key) ? key.split('.') : [key], node);
  return root;
}
