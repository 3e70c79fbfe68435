import { BarChart, GraphChart, LineChart, MapChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * Only the parts of ECharts the pages draw with (bars, lines, the map and the bidder graph
 * on a canvas): the whole library is three times the size, and every page load pays for it.
 */
echarts.use([BarChart, LineChart, MapChart, GraphChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, VisualMapComponent, GeoComponent, CanvasRenderer]);

export { echarts };
export type ECharts = echarts.ECharts;

const live = new Set<ECharts>();
let listening = false;
/** Every chart follows its own box: the window, a phone turned sideways, a print layout. */
const observer = new ResizeObserver((entries) => {
  for (const entry of entries) {
    // A chart whose page was just replaced is detached (0 × 0): a map laid out at no size throws.
    if (!entry.target.isConnected || entry.contentRect.width === 0 || entry.contentRect.height === 0) continue;
    echarts.getInstanceByDom(entry.target as HTMLElement)?.resize();
  }
});

/**
 * A chart in the element that follows the element's size: a chart drawn at one width stays
 * at that width when the window changes, unless told to resize.
 */
export function chartIn(el: HTMLElement, theme?: string): ECharts {
  const chart = echarts.init(el, theme);
  live.add(chart);
  observer.observe(el);
  if (!listening) {
    listening = true;
    // Printing lays the page out at paper width before the observer would report it.
    const resize = () => {
      for (const c of live) if (!c.isDisposed() && c.getDom().isConnected) c.resize();
    };
    window.addEventListener('beforeprint', resize);
    window.addEventListener('afterprint', resize);
  }
  return chart;
}

/** Charts of a page that was replaced: disposed, so they stop listening and free their canvas. */
export function disposeDetached() {
  for (const c of live) {
    if (!c.getDom().isConnected) {
      observer.unobserve(c.getDom());
      c.dispose();
      live.delete(c);
    }
  }
}
