import type { RegionLevel } from './registry.enums';

export interface RegionNode {
  code: string;
  name: string;
  nameEn: string;
  level: RegionLevel;
  parentCode: string | null;
  path: string;
  isLocalCode: boolean;
}

/**
 * The region tree in memory. It has some 3,400 rows (every county of China) and changes
 * only with a release, so subtree questions ("is 152971 inside 152900?") never cost a query.
 */
export class RegionTree {
  private readonly byCode = new Map<string, RegionNode>();
  private readonly childrenOf = new Map<string, RegionNode[]>();

  constructor(nodes: RegionNode[]) {
    for (const node of [...nodes].sort((a, b) => a.code.localeCompare(b.code))) {
      this.byCode.set(node.code, node);
      if (node.parentCode) {
        const siblings = this.childrenOf.get(node.parentCode) ?? [];
        siblings.push(node);
        this.childrenOf.set(node.parentCode, siblings);
      }
    }
  }

  get(code: string): RegionNode | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  all(): RegionNode[] {
    return [...this.byCode.values()];
  }

  roots(): RegionNode[] {
    return this.all().filter((n) => n.parentCode === null || !this.byCode.has(n.parentCode));
  }

  children(code: string): RegionNode[] {
    return this.childrenOf.get(code) ?? [];
  }

  /** The codes of the regions under and including each of `codes`. */
  subtree(codes: Iterable<string>): string[] {
    const out = new Set<string>();
    const stack = [...codes];
    while (stack.length > 0) {
      const code = stack.pop()!;
      if (out.has(code) || !this.byCode.has(code)) continue;
      out.add(code);
      for (const child of this.children(code)) stack.push(child.code);
    }
    return [...out];
  }

  /** True when `code` lies in the subtree of any of `roots`. */
  within(code: string, roots: Iterable<string>): boolean {
    const node = this.byCode.get(code);
    if (!node) return false;
    const ancestors = new Set(node.path.split('/'));
    for (const root of roots) if (ancestors.has(root)) return true;
    return false;
  }
}

/** The slash-separated path of every region from its root; parents must be in `regions`. */
export function regionPaths<T extends { code: string; parentCode: string | null }>(regions: T[]): Map<string, string> {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const paths = new Map<string, string>();
  const pathOf = (code: string, seen: Set<string>): string => {
    const known = paths.get(code);
    if (known) return known;
    if (seen.has(code)) throw new Error(`Region tree has a cycle at ${code}`);
    seen.add(code);
    const region = byCode.get(code);
    if (!region) throw new Error(`Unknown parent region ${code}`);
    const path = region.parentCode ? `${pathOf(region.parentCode, seen)}/${code}` : code;
    paths.set(code, path);
    return path;
  };
  for (const r of regions) pathOf(r.code, new Set());
  return paths;
}
