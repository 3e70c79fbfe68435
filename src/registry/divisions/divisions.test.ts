import { describe, expect, it } from 'vitest';
import { HUB_LEAGUES, REGIONS } from '../reference-data';
import { RegionTree, regionPaths } from '../region-tree';
import { currentRegionCode } from './divisions';
import { deriveSuccessors, type CodeHistory } from './successor-rules';

const paths = regionPaths(REGIONS);
const tree = new RegionTree(REGIONS.map((r) => ({ ...r, isLocalCode: r.isLocalCode ?? false, path: paths.get(r.code)! })));
const countiesOf = (league: string) => tree.children(league).filter((r) => r.level === 'county');

describe('the national divisions', () => {
  it('has every province, prefecture and county of China, each code once, each parent known', () => {
    const count = (level: string) => REGIONS.filter((r) => r.level === level).length;
    expect([count('region'), count('league'), count('county')]).toEqual([34, 342, 2851]);
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(REGIONS.length);
    expect(REGIONS.filter((r) => !/^\d{6}$/.test(r.code))).toEqual([]);
    expect(REGIONS.filter((r) => r.parentCode !== null && !tree.has(r.parentCode))).toEqual([]);
  });

  it('knows codes of other provinces, with the path a USCC or an ID number points into', () => {
    expect(tree.get('110101')).toMatchObject({ name: '东城区', level: 'county', path: '110000/110100/110101' });
    expect(tree.get('110100')).toMatchObject({ name: '北京市市辖区', level: 'league' });
    expect(tree.get('440305')).toMatchObject({ name: '南山区', path: '440000/440300/440305' });
    expect(tree.get('440300')?.name).toBe('深圳市');
    expect(tree.get('500235')).toMatchObject({ name: '云阳县', parentCode: '500200' });
    expect(tree.get('810000')).toMatchObject({ name: '香港特别行政区', level: 'region' });
  });
});

describe("Inner Mongolia's divisions", () => {
  it('has 103 county-level divisions, counted per league and city', () => {
    const perLeague = Object.fromEntries(HUB_LEAGUES.map((l) => [l.name, countiesOf(l.code).length]));
    expect(perLeague).toEqual({
      呼和浩特市: 9,
      包头市: 9,
      乌海市: 3,
      赤峰市: 12,
      通辽市: 8,
      鄂尔多斯市: 9,
      呼伦贝尔市: 14,
      巴彦淖尔市: 7,
      乌兰察布市: 11,
      兴安盟: 6,
      锡林郭勒盟: 12,
      阿拉善盟: 3,
    });
    expect(tree.subtree(['150000']).filter((c) => tree.get(c)!.level === 'county')).toHaveLength(103);
  });

  it('names known banners and districts under their league', () => {
    expect(tree.get('152921')).toMatchObject({ name: '阿拉善左旗', nameEn: 'Alxa Left Banner', parentCode: '152900' });
    expect(tree.get('150802')).toMatchObject({ name: '临河区', parentCode: '150800' });
    expect(tree.get('150603')).toMatchObject({ name: '康巴什区', parentCode: '150600' });
    expect(tree.get('152200')).toMatchObject({ name: '兴安盟', nameEn: 'Hinggan League' });
  });

  it('has the NBS development zones and the local codes its platforms use', () => {
    const zones = tree
      .subtree(['150000'])
      .filter((c) => tree.get(c)!.level === 'zone')
      .sort();
    expect(zones).toEqual(['150172', '150271', '150571', '152571', '152971', '152972', '152973']);
    expect(zones.filter((c) => tree.get(c)!.isLocalCode)).toEqual(['152972', '152973']);
  });
});

describe('renamed and merged codes', () => {
  it("map to today's code: the leagues that became cities, their seats, and a national merger", () => {
    const old = ['152300', '152700', '152100', '152600', '152800', '152400', '152301', '152701', '152101', '152601', '152801', '371200', '371202', '110103', '120107'];
    expect(old.map(currentRegionCode)).toEqual([
      '150500',
      '150600',
      '150700',
      '150900',
      '150800',
      '150400',
      '150502',
      '150602',
      '150702',
      '150902',
      '150802',
      '370100',
      '370116',
      '110101',
      '120116',
    ]);
  });

  it('leave current codes alone, and never map a split', () => {
    expect(REGIONS.filter((r) => currentRegionCode(r.code) !== r.code)).toEqual([]);
    // 152401 赤峰市 (county-level) became two districts in 1983.
    expect(currentRegionCode('152401')).toBe('152401');
  });

  it('follow a chain of changes, and give a prefecture the one prefecture its counties went to', () => {
    const row = (code: string, level: CodeHistory['level'], ended: number, successors: string): CodeHistory => ({ code, name: code, level, inUse: false, ended, successors });
    const history = [
      row('990100', 'prefecture', 2000, ''),
      row('990101', 'county', 2000, '980102'),
      row('990102', 'county', 2000, '980103[1995];980101'),
      row('980102', 'county', 2010, '980101'),
      row('990200', 'prefecture', 2000, ''),
      row('990201', 'county', 2000, '980101'),
      row('990202', 'county', 2000, '970101'),
      row('990203', 'county', 2000, '980101;970101'),
    ];
    const current = new Set(['980100', '980101', '980103', '970100', '970101']);
    expect(deriveSuccessors(history, current)).toEqual({ '980102': '980101', '990100': '980100', '990101': '980101', '990102': '980101', '990201': '980101', '990202': '970101' });
  });
});
