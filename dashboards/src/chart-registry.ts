/**
 * The charts on the page, kept without the charts library: main.ts disposes a replaced page's
 * charts through this, and importing ECharts there would make a first visit download and
 * compile the library before any of the page's own code ran (about half a second of a cold
 * load). charts.ts registers each chart it makes.
 */
export interface LiveChart {
  getDom(): HTMLElement;
  dispose(): void;
  isDisposed(): boolean;
  resize(): void;
}

const live = new Map<Element, LiveChart>();
let listening = false;

/** Every chart follows its own box: the window, a phone turned sideways, a print layout. */
const observer = new ResizeObserver((entries) => {
  for (const entry of entries) {
    // A chart whose page was just replaced is detached (0 × 0): a map laid out at no size throws.
    if (!entry.target.isConnected || entry.contentRect.width === 0 || entry.contentRect.height === 0) continue;
    live.get(entry.target)?.resize();
  }
});

/** Makes a chart follow its element's size (a chart drawn at one width stays at it unless told). */
export function track(chart: LiveChart): void {
  live.set(chart.getDom(), chart);
  observer.observe(chart.getDom());
  if (!listening) {
    listening = true;
    // Printing lays the page out at paper width before the observer would report it.
    const resize = () => {
      for (const c of live.values()) if (!c.isDisposed() && c.getDom().isConnected) c.resize();
    };
    window.addEventListener('beforeprint', resize);
    window.addEventListener('afterprint', resize);
  }
}

/** Charts of a page that was replaced: disposed, so they stop listening and free their canvas. */
export function disposeDetached(): void {
  for (const [dom, chart] of live) {
    if (!dom.isConnected) {
      observer.unobserve(dom);
      chart.dispose();
      live.delete(dom);
    }
  }
}
