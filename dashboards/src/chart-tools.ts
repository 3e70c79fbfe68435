import type * as echarts from 'echarts';
import { h } from './dom';
import type { Lang } from './format';

/**
 * Under a chart: CSV and PNG export, and (when `header` is given) the chart's data as a
 * table, so every chart can be read as numbers too.
 */
export function chartTools(
  root: HTMLElement,
  chart: echarts.ECharts,
  t: (k: string) => string,
  header: string[] | null,
  rows: Array<Array<string | number>>,
  name: string,
  opts: { tableId?: string; display?: (value: string | number, column: number) => string } = {},
) {
  const csvRows = header ? [header, ...rows] : rows;
  const show = opts.display ?? ((v: string | number) => String(v));
  const csv = h('button', { type: 'button', class: 'csv' }, t('csv'));
  const png = h('button', { type: 'button', class: 'png' }, t('png'));
  root.append(h('p', {}, csv, ' ', png));
  if (header) {
    const body = rows.map((r) => h('tr', {}, ...r.map((c, i) => (i === 0 ? h('th', {}, String(c)) : h('td', {}, show(c, i))))));
    root.append(h('table', { class: 'chart-table', id: opts.tableId }, h('thead', {}, h('tr', {}, ...header.map((x) => h('th', {}, x)))), h('tbody', {}, ...body)));
  }
  csv.addEventListener('click', () => download(new Blob([csvRows.map((r) => r.join(',')).join('\n')], { type: 'text/csv' }), `${name}.csv`));
  png.addEventListener('click', () => downloadUrl(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), `${name}.png`));
}

/** A period's first day as 2025年3月, 2025年第1季度 or 2025年 (or ISO-like in English). */
export function periodLabel(day: string, granularity: string, lang: Lang): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  if (granularity === 'YEAR') return lang === 'zh' ? `${y}年` : String(y);
  if (granularity === 'QUARTER') return lang === 'zh' ? `${y}年第${Math.ceil(m / 3)}季度` : `${y} Q${Math.ceil(m / 3)}`;
  return lang === 'zh' ? `${y}年${m}月` : day.slice(0, 7);
}

export function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  downloadUrl(url, name);
  URL.revokeObjectURL(url);
}

export function downloadUrl(url: string, name: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
}
