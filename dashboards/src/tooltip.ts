import type { TooltipComponentFormatterCallbackParams, TooltipComponentOption } from 'echarts';
import { h } from './dom';

/**
 * ECharts' default tooltip is an HTML string with inline style attributes: the CSP blocks
 * those, and it would be HTML built from data. This one is built as elements from text; the
 * series colour is set through CSSOM, which the CSP allows.
 */
export function textTooltip(display: (value: unknown, seriesIndex: number) => string = (v) => String(v ?? '—')): TooltipComponentOption {
  return {
    trigger: 'axis',
    formatter: (params: TooltipComponentFormatterCallbackParams) => {
      const items = Array.isArray(params) ? params : [params];
      const first = items[0] as { axisValueLabel?: string; name?: string } | undefined;
      const box = h('div', { class: 'tooltip' }, h('div', { class: 'tooltip-head' }, first?.axisValueLabel ?? first?.name ?? ''));
      for (const p of items) {
        const marker = h('span', { class: 'tooltip-marker' });
        if (typeof p.color === 'string') marker.style.backgroundColor = p.color;
        box.append(h('div', { class: 'tooltip-row' }, marker, `${p.seriesName ?? ''}: `, h('b', {}, display(p.value, p.seriesIndex ?? 0))));
      }
      return box;
    },
  };
}
