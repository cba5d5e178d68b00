// ECharts, tree-shaken to what the dashboard draws, rendered as SVG (crisp text, readable by screen readers and tests).
import { LinesChart, SankeyChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([SankeyChart, ScatterChart, LinesChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export const PROVINCE_COLOURS: Record<string, string> = {
  yunnan: '#d9822b',
  guizhou: '#2b8a3e',
  sichuan: '#c92a2a',
  guangxi: '#1971c2',
};
export const BUYER_COLOUR = '#6741d9';

/** Draws an option into a host element; the returned function disposes of the chart. */
export function draw(host: HTMLElement, option: echarts.EChartsCoreOption): () => void {
  const chart = echarts.init(host, undefined, { renderer: 'svg' });
  // No animation: the chart is complete as soon as it is drawn (screenshots, slow machines).
  chart.setOption({ animation: false, ...option });
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    chart.dispose();
  };
}
