import { BUYER_COLOUR, draw } from './echarts';
import * as f from '../format';
import { t } from '../i18n';
import type { DeliveryRoute, Hub } from '../logisticsTypes';
import type { Buyer } from '../types';

const ROUTE_COLOURS = ['#1971c2', '#c92a2a', '#2b8a3e', '#d9822b', '#862e9c', '#0b7285', '#5c940d', '#a61e4d', '#364fc7', '#e8590c'];

/**
 * The routes of one distribution centre and day on longitude/latitude axes (no map tiles): the centre, the buyers visited,
 * and a polyline per route from the centre through its stops in order and back.
 */
export function drawRoutes(host: HTMLElement, routes: DeliveryRoute[], dc: Hub | undefined, buyers: Map<string, Buyer>, name: (id: string) => string): () => void {
  const at = (buyerId: string) => buyers.get(buyerId)?.location;
  const depot = dc ? [dc.location.lon, dc.location.lat] : null;
  const lines = routes.map((r, i) => {
    const stops = [...r.stops].sort((a, b) => a.sequence - b.sequence)
      .map((s) => at(s.buyerId)).filter((p) => p != null).map((p) => [p.lon, p.lat]);
    return {
      name: `${r.id}: ${f.km(r.distanceKm)}, ${f.kg(r.loadKg)}`,
      coords: depot ? [depot, ...stops, depot] : stops,
      lineStyle: { color: ROUTE_COLOURS[i % ROUTE_COLOURS.length], width: 2.5, opacity: 0.85 },
    };
  });
  const visited = [...new Set(routes.flatMap((r) => r.stops.map((s) => s.buyerId)))];
  const points = [...lines.flatMap((l) => l.coords), ...(depot ? [depot] : [])];
  const pad = (values: number[]) => {
    if (values.length === 0) return {};
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const margin = Math.max(0.02, (hi - lo) * 0.08);
    return { min: +(lo - margin).toFixed(3), max: +(hi + margin).toFixed(3) };
  };
  const xs = pad(points.map((p) => p[0]));
  const ys = pad(points.map((p) => p[1]));
  return draw(host, {
    grid: { left: 56, right: 16, top: 24, bottom: 36 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', name: t('longitude'), ...xs, splitLine: { lineStyle: { opacity: 0.3 } } },
    yAxis: { type: 'value', name: t('latitude'), ...ys, splitLine: { lineStyle: { opacity: 0.3 } } },
    series: [
      { name: t('routesTitle'), type: 'lines', coordinateSystem: 'cartesian2d', polyline: true, data: lines, tooltip: { formatter: (x: { name: string }) => x.name } },
      {
        name: t('buyers'), type: 'scatter', symbol: 'circle', symbolSize: 9, itemStyle: { color: BUYER_COLOUR },
        data: visited.filter((id) => at(id)).map((id) => ({ name: name(id), value: [at(id)!.lon, at(id)!.lat] })),
        tooltip: { formatter: (x: { name: string }) => `${t('buyer')}: ${x.name}` },
      },
      depot ? {
        name: t('distributionCentre'), type: 'scatter', symbol: 'rect', symbolSize: 16, itemStyle: { color: '#212529' },
        label: { show: true, position: 'right', formatter: name(dc!.id), fontSize: 12 },
        data: [{ name: name(dc!.id), value: depot }],
        tooltip: { formatter: (x: { name: string }) => `${t('distributionCentre')}: ${x.name}` },
      } : null,
    ].filter((s) => s != null),
  });
}
