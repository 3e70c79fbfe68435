import { gql, type Session } from './api';
import type { Reference } from './filters';
import type { Lang } from './format';

/** Roles that may go from a figure on to the projects behind it (policy keys stop at aggregates). */
export const PROJECT_READERS = ['supervisor', 'admin'];

const name = (x: { name: string; nameEn: string }, lang: Lang) => (lang === 'zh' ? x.name : x.nameEn);
const join = (items: string[], lang: Lang) => items.join(lang === 'zh' ? '、' : ', ');

/** The regions the caller sees figures for: a supervisor's remit, else the whole region. */
export function remitRegions(session: Session, ref: Reference) {
  if (!session.regionCodes) return null;
  return session.regionCodes.map((code) => ref.regions.find((r) => r.code === code) ?? { code, name: code, nameEn: code, level: 'league', parentCode: null });
}

export function remitCategories(session: Session, ref: Reference) {
  if (!session.categoryCodes) return null;
  return ref.categories.filter((c) => session.categoryCodes!.includes(c.code));
}

/**
 * Words for the whole of what the caller may see, for the filter menus' "all" entries and
 * the scope banner: 全区 for a policy key, 本辖区（鄂尔多斯市） for a supervisor of one league.
 */
export function scopeWords(session: Session, ref: Reference, lang: Lang) {
  const regions = remitRegions(session, ref);
  const categories = remitCategories(session, ref);
  const zh = lang === 'zh';
  return {
    allRegions: regions
      ? zh
        ? `本辖区全部（${join(
            regions.map((r) => name(r, lang)),
            lang,
          )}）`
        : `All of your remit (${join(
            regions.map((r) => name(r, lang)),
            lang,
          )})`
      : zh
        ? '全区'
        : 'Whole region',
    allCategories: categories ? (zh ? `职责范围内全部类别（${categories.length} 类）` : `All categories in your remit (${categories.length})`) : zh ? '全部类别' : 'All categories',
    banner: [
      zh ? '数据范围：' : 'Scope: ',
      regions
        ? join(
            regions.map((r) => name(r, lang)),
            lang,
          )
        : zh
          ? '内蒙古自治区全区'
          : 'the whole autonomous region',
      categories
        ? zh
          ? ` · 类别：${join(
              categories.map((c) => name(c, lang)),
              lang,
            )}`
          : ` · categories: ${join(
              categories.map((c) => name(c, lang)),
              lang,
            )}`
        : '',
      regions || categories ? (zh ? '。本页所有数字仅含您监管范围内的数据。' : '. Every figure on these pages is within your remit only.') : '',
    ].join(''),
  };
}

/** The scope of the current filters in words (for exports): the chosen region, or the whole of the caller's. */
export function filterScope(session: Session, ref: Reference, lang: Lang, region: string, category: string): string {
  const words = scopeWords(session, ref, lang);
  const r = ref.regions.find((x) => x.code === region);
  const c = ref.categories.find((x) => x.code === category);
  return [r ? name(r, lang) : words.allRegions, c ? name(c, lang) : words.allCategories].join(' · ');
}

const CHINA_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
export const chinaTime = (iso: string) => CHINA_TIME.format(new Date(iso));

let asOfCache: { at: number; value: Promise<string | null> } | null = null;

/** When the statistics were last refreshed from the system of record (China Standard Time), cached for a minute. */
export function dataAsOf(): Promise<string | null> {
  if (asOfCache && Date.now() - asOfCache.at < 60_000) return asOfCache.value;
  const today = new Date().toISOString().slice(0, 10);
  const value = gql<{ statistics: { dataAsOf: string | null } }>('query($f: StatisticsFilter!) { statistics(input: { measures: [PROJECTS], filter: $f }) { dataAsOf } }', {
    f: { from: today, to: today },
  }).then((r) => (r.statistics.dataAsOf ? chinaTime(r.statistics.dataAsOf) : null));
  asOfCache = { at: Date.now(), value };
  value.catch(() => (asOfCache = null));
  return value;
}
