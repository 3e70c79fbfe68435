import { describe, expect, it } from 'vitest';
import { REGIONS } from './reference-data';
import { RegionTree, regionPaths } from './region-tree';

const paths = regionPaths(REGIONS);
const tree = new RegionTree(REGIONS.map((r) => ({ ...r, isLocalCode: r.isLocalCode ?? false, path: paths.get(r.code)! })));

describe('region tree', () => {
  it('ships the autonomous region, its 12 leagues and cities, and Alxa in detail', () => {
    expect(tree.children('150000')).toHaveLength(12);
    expect(tree.children('152900').map((r) => r.code)).toEqual(['152921', '152922', '152923', '152971', '152972']);
  });

  it("includes a league's banners and zones, and zones within zones, in its subtree", () => {
    expect(tree.subtree(['152900']).sort()).toEqual(['152900', '152921', '152922', '152923', '152971', '152972', '152973']);
    expect(paths.get('152973')).toBe('150000/152900/152971/152973');
  });

  it('answers whether a region lies within a remit', () => {
    expect(tree.within('152973', ['152971'])).toBe(true);
    expect(tree.within('152922', ['152971'])).toBe(false);
    expect(tree.within('999999', ['150000'])).toBe(false);
  });
});
