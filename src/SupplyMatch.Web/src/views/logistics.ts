import { api, ApiError } from '../api';
import { clear, errorBox, h, loading, notice, section, table } from '../dom';
import * as f from '../format';
import { t, tv, type Key } from '../i18n';
import type { Hub, LogisticsSummary, Page, Shipment, VehicleType } from '../logisticsTypes';
import { named, productName, roundReference } from '../reference';
import type { Base, Buyer, City, Product } from '../types';
import { routesSection } from './logisticsRoutes';

/** Reference data the logistics screens name things with. */
export interface Places {
  bases: Map<string, Base>;
  buyers: Map<string, Buyer>;
  cities: Map<string, City>;
  hubs: Map<string, Hub>;
  products: Map<string, Product>;
  vehicles: Map<string, VehicleType>;
}

/** The places of a round as its snapshot holds them (a hub, base or buyer edited since keeps the name the round planned with). */
export async function loadPlaces(roundId: string): Promise<Places> {
  const r = await roundReference(roundId);
  return { bases: r.bases, buyers: r.buyers, cities: r.cities, hubs: r.hubs, products: r.products, vehicles: r.vehicleTypes };
}

/** A lane end (base, origin hub, distribution centre, buyer or city) by its Chinese or English name. */
export function placeName(p: Places, id: string): string {
  const item = p.bases.get(id) ?? p.hubs.get(id) ?? p.buyers.get(id) ?? p.cities.get(id);
  return named(item, id);
}

const SHIPMENTS_PAGE = 25;

/**
 * The logistics of a solved round: KPI cards, line-haul shipments (paged by the service), city delivery routes and the
 * deliveries no route could carry. A round planned without logistics (409) shows a note instead.
 */
export async function logisticsSection(roundId: string, disposers: Array<() => void>): Promise<HTMLElement> {
  let summary: LogisticsSummary;
  try {
    summary = await api.get<LogisticsSummary>(`/rounds/${roundId}/logistics`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      return section(t('logisticsTitle'), 'logistics', notice(t('logisticsNone'), 'logistics-none'));
    }
    throw error;
  }
  const places = await loadPlaces(roundId);
  const shipments = h('div', { 'data-testid': 'shipments' }, loading());
  void showShipments(shipments, roundId, places, 0);
  return h('div', { 'data-testid': 'logistics' },
    section(t('logisticsTitle'), 'logistics-kpis', logisticsCards(summary)),
    section(t('shipmentsTitle'), 'shipments-section', shipments),
    await routesSection(roundId, places, disposers, summary));
}

function card(testId: string, label: Key, raw: number, value: string, detail: string): HTMLElement {
  return h('div', { class: 'kpi', 'data-testid': testId, 'data-value': String(raw) },
    h('div', { class: 'kpi-label' }, t(label)),
    h('div', { class: 'kpi-value', 'data-testid': `${testId}-value` }, value),
    h('div', { class: 'kpi-detail' }, detail));
}

/** data-value holds the API's number as sent; the card shows it rounded for the language. */
export function logisticsCards(s: LogisticsSummary): HTMLElement {
  const k = s.kpis;
  const r = s.routing;
  const st = s.statistics;
  return h('div', { class: 'kpis', 'data-testid': 'logistics-cards' },
    card('lkpi-trucks', 'kpiTrucks', k.trucks, f.num(k.trucks), t('kpiTrucksDetail', { reefers: f.num(k.refrigeratedTrucks), tonKm: f.tonKm(k.tonKm) })),
    card('lkpi-fill', 'kpiAverageFill', k.averageFillPercent, f.percent(k.averageFillPercent),
      t('kpiAverageFillDetail', { kg: f.kg(k.kgViaOriginHubs), dcKg: f.kg(k.kgViaDcs) })),
    card('lkpi-km', 'kpiTruckKm', k.truckKm, f.km(k.truckKm), r ? t('kpiTruckKmDetail', { routeKm: f.km(r.km) }) : ''),
    card('lkpi-cost-per-kg', 'kpiCostPerKg', k.costPerKgCny, f.cnyPerKg(k.costPerKgCny), t('kpiCostPerKgDetail', { total: f.cny(k.transportCostCny, 0) })),
    card('lkpi-co2', 'kpiCo2', k.co2Kg, f.co2(k.co2Kg), t('kpiCo2Detail', { perTonne: f.num(k.co2KgPerTonne, 1), lineHaul: f.co2(k.lineHaulCo2Kg) })),
    card('lkpi-gap', 'kpiGap', st.gapPercent, f.percent(st.gapPercent, 2),
      `${t('kpiGapDetail', { objective: f.cny(st.objectiveCny, 0), bound: f.cny(st.bestBoundCny, 0) })} · ${t('solverStatus', { solver: st.solver, status: tv('solveStatus', st.status) })}`),
    r ? card('lkpi-routes', 'kpiRoutes', r.routes, f.num(r.routes),
      t('kpiRoutesDetail', { stops: f.num(r.stops), fill: f.percent(r.averageFillPercent), cost: f.cny(r.costCny, 0) })) : null);
}

async function showShipments(holder: HTMLElement, roundId: string, places: Places, offset: number): Promise<void> {
  let page: Page<Shipment>;
  try {
    page = await api.get<Page<Shipment>>(`/rounds/${roundId}/shipments?offset=${offset}&limit=${SHIPMENTS_PAGE}`);
  } catch (error) {
    clear(holder, errorBox(error));
    return;
  }
  const move = (to: number) => () => void showShipments(holder, roundId, places, to);
  const last = offset + page.items.length;
  clear(holder,
    table<Shipment>([
      { label: t('vehicle'), wrap: true, cell: (s) => named(places.vehicles.get(s.vehicleTypeId), s.vehicleTypeId) },
      { label: t('lane'), wrap: true, cell: (s) => h('span', { 'data-origin': s.originId, 'data-destination': s.destinationId }, `${placeName(places, s.originId)} → ${placeName(places, s.destinationId)}`) },
      { label: t('shipDay'), cell: (s) => f.day(s.shipDay) },
      { label: t('departure'), cell: (s) => f.timeCst(s.departureUtc, s.shipDay) },
      { label: t('arrival'), cell: (s) => f.timeCst(s.arrivalUtc, s.shipDay) },
      { label: t('distance'), numeric: true, cell: (s) => f.km(s.distanceKm) },
      { label: t('load'), numeric: true, cell: (s) => h('span', { title: s.byProduct.map((p) => `${productName(places.products, p.productCode)} ${f.kg(p.kg)}`).join('\n') }, `${f.num(s.loadKg)} / ${f.kg(s.capacityKg)}`) },
      { label: t('fill'), numeric: true, cell: (s) => f.percent(s.fillPercent) },
      { label: t('cost'), numeric: true, cell: (s) => f.cny(s.costCny, 0) },
    ], page.items, 'shipments-table'),
    h('p', { class: 'muted pager', 'data-testid': 'shipments-count', 'data-total': page.total },
      t('shipmentsCount', { from: f.num(page.items.length > 0 ? offset + 1 : 0), to: f.num(last), total: f.num(page.total) }), ' ',
      offset > 0 ? h('button', { type: 'button', 'data-testid': 'shipments-previous', onclick: move(Math.max(0, offset - SHIPMENTS_PAGE)) }, t('previous')) : null, ' ',
      last < page.total ? h('button', { type: 'button', 'data-testid': 'shipments-next', onclick: move(last) }, t('next')) : null));
}
