import { BarChart, GraphChart, LineChart, MapChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { track } from './chart-registry';

/**
 * Only the parts of ECharts the pages draw with (bars, lines, the map and the bidder graph
 * on a canvas): the whole library is three times the size, and every page load pays for it.
 */
echarts.use([BarChart, LineChart, MapChart, GraphChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, VisualMapComponent, GeoComponent, CanvasRenderer]);

export { echarts };
export type ECharts = echarts.ECharts;

/**
 * A chart in the element that follows the element's size: a chart drawn at one width stays
 * at that width when the window changes, unless told to resize.
 */
export function chartIn(el: HTMLElement, theme?: string): ECharts {
  const chart = echarts.init(el, theme);
  track(chart);
  return chart;
}
