import { h } from './dom';
import { cell, isMoney, isRate, unitName, WAN, type Lang, type MoneyUnit } from './format';

/** A column of a figures table: a label, or a measure whose unit goes into the header. */
export interface Column {
  label: string;
  measure?: string;
  unit?: MoneyUnit;
}

export interface TableRow {
  /** What a click on the row drills to (a region or category code), if anything. */
  key?: string;
  cells: Array<string | number | null>;
}

/** A table as the page shows it and as CSV exports it: the same headers, the same figures. */
export interface FiguresTable {
  id: string;
  caption: string;
  columns: Column[];
  rows: TableRow[];
}

/** A column's header, with the unit of its amounts (成交金额（亿元）): the cells carry none. */
export function header(c: Column, lang: Lang): string {
  if (c.measure && isMoney(c.measure)) return lang === 'zh' ? `${c.label}（${unitName(c.unit ?? WAN, lang)}）` : `${c.label} (${unitName(c.unit ?? WAN, lang)})`;
  return c.label;
}

/** A cell as text: figures formatted in their column's unit, labels as they are. */
export function text(c: Column, v: string | number | null): string {
  if (c.measure && (typeof v === 'number' || v === null)) return cell(c.measure, v, c.unit ?? WAN);
  return v === null ? '—' : String(v);
}

/** The figure as a CSV cell: no thousands separators (Excel reads them as text), rates as 12.3%. */
export function csvValue(c: Column, v: string | number | null): string {
  if (v === null) return '';
  if (!c.measure || typeof v !== 'number') return String(v);
  if (isMoney(c.measure)) return (v / (c.unit ?? WAN).divisor).toFixed(2);
  if (isRate(c.measure)) return `${(v * 100).toFixed(1)}%`;
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/**
 * The table in a scrolling box (a phone shows it whole by scrolling sideways, not by
 * overflowing the page), with a caption and column headers for screen readers and print.
 */
export function figuresTable(t: FiguresTable, lang: Lang, opts: { sortable?: boolean } = {}): { box: HTMLElement; table: HTMLTableElement; body: HTMLTableSectionElement } {
  const body = h('tbody');
  const heads = t.columns.map((c, i) =>
    h('th', { scope: 'col', 'data-column': i, 'data-sort': opts.sortable ? (c.measure ?? 'label') : null, class: i === 0 ? 'text' : null }, header(c, lang)),
  );
  const table = h('table', { id: t.id }, h('caption', {}, t.caption), h('thead', {}, h('tr', {}, ...heads)), body);
  fillRows(body, t, lang);
  return { box: h('div', { class: 'table-wrap' }, table), table, body };
}

export function fillRows(body: HTMLTableSectionElement, t: FiguresTable, lang: Lang) {
  void lang;
  body.replaceChildren(
    ...t.rows.map((r) =>
      h(
        'tr',
        { 'data-key': r.key ?? null, tabindex: r.key ? 0 : null },
        ...r.cells.map((v, i) => {
          const c = t.columns[i]!;
          if (i === 0) return h('th', { scope: 'row', class: 'text' }, text(c, v));
          return h('td', { 'data-measure': c.measure ?? null, 'data-value': typeof v === 'number' ? v : null }, text(c, v));
        }),
      ),
    ),
  );
}
