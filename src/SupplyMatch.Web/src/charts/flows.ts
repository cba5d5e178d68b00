import { BUYER_COLOUR, draw, PROVINCE_COLOURS } from './echarts';
import * as f from '../format';
import { t, tv } from '../i18n';
import { named } from '../reference';
import type { Allocation, Base, Buyer, City } from '../types';

export interface Flow {
  province: string;
  cityId: string;
  kg: number;
}

/** kg per (partner province of the lot's base, GBA city of the line's buyer), largest first. */
export function provinceCityFlows(allocations: Allocation[], bases: Map<string, Base>, buyers: Map<string, Buyer>): Flow[] {
  const sums = new Map<string, Flow>();
  for (const a of allocations) {
    const province = bases.get(a.baseId)?.province ?? '?';
    const cityId = buyers.get(a.buyerId)?.cityId ?? '?';
    const key = `${province}|${cityId}`;
    const flow = sums.get(key) ?? { province, cityId, kg: 0 };
    flow.kg += a.kg;
    sums.set(key, flow);
  }
  return [...sums.values()].sort((x, y) => y.kg - x.kg || x.province.localeCompare(y.province) || x.cityId.localeCompare(y.cityId));
}

export function drawSankey(host: HTMLElement, flows: Flow[], cities: Map<string, City>): () => void {
  const cityName = (id: string) => named(cities.get(id), id);
  const provinces = [...new Set(flows.map((x) => x.province))];
  const cityIds = [...new Set(flows.map((x) => x.cityId))];
  return draw(host, {
    tooltip: { trigger: 'item', valueFormatter: (v: unknown) => f.kg(Number(v)) },
    series: [{
      type: 'sankey',
      left: 8, right: 120, top: 8, bottom: 8,
      nodeGap: 10,
      emphasis: { focus: 'adjacency' },
      label: { fontSize: 13 },
      lineStyle: { color: 'source', opacity: 0.45, curveness: 0.5 },
      data: [
        ...provinces.map((p) => ({ name: tv('province', p), itemStyle: { color: PROVINCE_COLOURS[p] ?? '#868e96' } })),
        ...cityIds.map((c) => ({ name: cityName(c), itemStyle: { color: BUYER_COLOUR } })),
      ],
      links: flows.map((x) => ({ source: tv('province', x.province), target: cityName(x.cityId), value: x.kg })),
    }],
  });
}

/** Bases and buyers placed by longitude and latitude, with a line per (base, city) whose width grows with kg. */
export function drawFlowMap(host: HTMLElement, allocations: Allocation[], bases: Map<string, Base>, buyers: Map<string, Buyer>, cities: Map<string, City>): () => void {
  const pairs = new Map<string, { base: Base; city: City; kg: number }>();
  for (const a of allocations) {
    const base = bases.get(a.baseId);
    const city = cities.get(buyers.get(a.buyerId)?.cityId ?? '');
    if (!base || !city) continue;
    const key = `${base.id}|${city.id}`;
    const pair = pairs.get(key) ?? { base, city, kg: 0 };
    pair.kg += a.kg;
    pairs.set(key, pair);
  }
  const max = Math.max(1, ...[...pairs.values()].map((p) => p.kg));
  const provinces = Object.keys(PROVINCE_COLOURS);
  const baseSeries = provinces.map((p) => ({
    name: tv('province', p),
    type: 'scatter',
    symbolSize: 9,
    itemStyle: { color: PROVINCE_COLOURS[p] },
    data: [...bases.values()].filter((b) => b.province === p).map((b) => ({ name: named(b, b.id), value: [b.location.lon, b.location.lat] })),
    tooltip: { formatter: (x: { name: string }) => `${t('base')}: ${x.name}` },
  }));
  return draw(host, {
    grid: { left: 48, right: 16, top: 40, bottom: 36 },
    legend: { top: 0 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', name: t('longitude'), min: 97, max: 116, splitLine: { lineStyle: { opacity: 0.3 } } },
    yAxis: { type: 'value', name: t('latitude'), min: 21, max: 33, splitLine: { lineStyle: { opacity: 0.3 } } },
    series: [
      {
        name: t('allocationsTitle'),
        type: 'lines',
        coordinateSystem: 'cartesian2d',
        silent: false,
        lineStyle: { opacity: 0.35, curveness: 0.15 },
        data: [...pairs.values()].map((p) => ({
          coords: [[p.base.location.lon, p.base.location.lat], [p.city.location.lon, p.city.location.lat]],
          lineStyle: { width: 0.5 + (6 * p.kg) / max, color: PROVINCE_COLOURS[p.base.province] ?? '#868e96' },
          name: `${named(p.base, p.base.id)} → ${named(p.city, p.city.id)}: ${f.kg(p.kg)}`,
        })),
        tooltip: { formatter: (x: { name: string }) => x.name },
      },
      ...baseSeries,
      {
        name: t('buyers'),
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 8,
        itemStyle: { color: BUYER_COLOUR },
        data: [...buyers.values()].map((b) => ({ name: named(b, b.id), value: [b.location.lon, b.location.lat] })),
        tooltip: { formatter: (x: { name: string }) => `${t('buyer')}: ${x.name}` },
      },
    ],
  });
}
