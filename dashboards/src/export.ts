import type { ECharts } from './charts';
import { h } from './dom';
import type { Lang } from './format';
import { csvValue, header, type FiguresTable } from './table';

/** What every export says about itself, so a figure pasted into a report keeps its context. */
export interface ExportMeta {
  lang: Lang;
  /** The page's title (总览, 分地区, …). */
  page: string;
  /** 2025-01-01 至 2025-12-31, with the granularity when it matters. */
  period: string;
  /** Whose figures: 全区, a league, or a supervisor's remit. */
  scope: string;
  /** 数据更新于 …, or null before the first sync. */
  asOf: string | null;
}

export const SOURCE: Record<Lang, string> = { zh: '内蒙古自治区公共资源交易数据共享中心', en: 'Inner Mongolia public resource trading data-sharing hub' };
const LABELS: Record<Lang, { period: string; scope: string; source: string; asOf: string; unit: string }> = {
  zh: { period: '统计期间', scope: '范围', source: '数据来源', asOf: '数据更新于', unit: '单位' },
  en: { period: 'Period', scope: 'Scope', source: 'Source', asOf: 'Data as of', unit: 'Unit' },
};

/** One line naming period, scope, source and freshness, as charts and CSV files carry it. */
export function context(meta: ExportMeta): string {
  const l = LABELS[meta.lang];
  const sep = meta.lang === 'zh' ? '：' : ': ';
  return [`${l.period}${sep}${meta.period}`, `${l.scope}${sep}${meta.scope}`, `${l.source}${sep}${SOURCE[meta.lang]}`, meta.asOf ? `${l.asOf}${sep}${meta.asOf}` : null]
    .filter(Boolean)
    .join(meta.lang === 'zh' ? '；' : '; ');
}

const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/**
 * CSV that Excel opens right: UTF-8 with a byte-order mark (without it Excel reads Chinese
 * as GBK and garbles the headers), CRLF lines, a title and context line, then each table
 * under its caption with Chinese headers, names rather than codes, figures in the header's unit.
 */
export function csv(tables: FiguresTable[], meta: ExportMeta): string {
  const lines: string[] = [quote(meta.page), quote(context(meta))];
  for (const t of tables) {
    lines.push('', quote(t.caption), t.columns.map((c) => quote(header(c, meta.lang))).join(','));
    for (const r of t.rows) lines.push(r.cells.map((v, i) => quote(csvValue(t.columns[i]!, v))).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * The chart as a PNG that stands on its own: title, unit and context above it, drawn onto
 * one canvas with the chart's own rendering at twice the pixels.
 */
export function chartPng(chart: ECharts, title: string, unit: string | null, meta: ExportMeta): string {
  const ratio = 2;
  const drawn = chart.renderToCanvas({ pixelRatio: ratio, backgroundColor: '#fff' });
  const head = 84 * ratio;
  const canvas = document.createElement('canvas');
  canvas.width = drawn.width;
  canvas.height = drawn.height + head;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#111827';
  g.font = `600 ${18 * ratio}px system-ui, "Noto Sans CJK SC", sans-serif`;
  g.fillText(title, 16 * ratio, 28 * ratio);
  g.fillStyle = '#4b5563';
  g.font = `${12 * ratio}px system-ui, "Noto Sans CJK SC", sans-serif`;
  const l = LABELS[meta.lang];
  g.fillText(unit ? `${l.unit}${meta.lang === 'zh' ? '：' : ': '}${unit}` : meta.page, 16 * ratio, 52 * ratio);
  g.fillText(context(meta), 16 * ratio, 72 * ratio, canvas.width - 32 * ratio);
  g.drawImage(drawn, 0, head);
  return canvas.toDataURL('image/png');
}

export function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  downloadUrl(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function downloadUrl(url: string, name: string) {
  const a = h('a', { href: url, download: name });
  a.click();
}

export const saveCsv = (tables: FiguresTable[], meta: ExportMeta, name: string) => download(new Blob([csv(tables, meta)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
