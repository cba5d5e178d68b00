import { allPages } from '../api';
import { drawRoutes } from '../charts/routes';
import { badge, clear, h, section, select, table } from '../dom';
import * as f from '../format';
import { pick, t, tv } from '../i18n';
import type { DeliveryRoute, LogisticsSummary, UnroutedDelivery } from '../logisticsTypes';
import { named } from '../reference';
import { placeName, type Places } from './logistics';

/**
 * City delivery routes by (distribution centre, day): the routes with their stops in order and ETA, drawn from coordinates.
 * A round that did not route its deliveries (routing null) or sent nothing through a centre says so instead of claiming
 * that every delivery is on a route.
 */
export async function routesSection(roundId: string, places: Places, disposers: Array<() => void>, summary: LogisticsSummary): Promise<HTMLElement> {
  const viaCentres = summary.kpis.kgViaDcs;
  if (viaCentres === 0 || summary.routing == null) {
    const note = viaCentres === 0 ? t('routesNoCentre') : t('routesNotPlanned', { kg: f.kg(viaCentres) });
    return section(t('routesTitle'), 'routes', h('p', { class: 'muted', 'data-testid': 'routes-none' }, note));
  }
  const [routes, unrouted] = await Promise.all([
    allPages<DeliveryRoute>(`/rounds/${roundId}/routes`),
    allPages<UnroutedDelivery>(`/rounds/${roundId}/routes/unrouted`),
  ]);
  const runs = [...new Set(routes.map((r) => `${r.dcId}|${r.day}`))].sort((a, b) => a.split('|')[1].localeCompare(b.split('|')[1]) || a.localeCompare(b));
  const unroutedPart = unroutedSection(unrouted, places);
  if (runs.length === 0) {
    return h('div', {}, section(t('routesTitle'), 'routes', h('p', { class: 'muted', 'data-testid': 'routes-none' }, t('routesNone'))), unroutedPart);
  }
  const picker = select('run', runs.map((key): [string, string] => {
    const [dc, day] = key.split('|');
    const count = routes.filter((r) => r.dcId === dc && r.day === day).length;
    return [key, `${placeName(places, dc)} · ${f.day(day)} (${f.num(count)})`];
  }), runs[0]);
  picker.setAttribute('data-testid', 'routes-run');
  const list = h('div', {});
  const chart = h('div', { class: 'chart chart-routes', 'data-testid': 'routes-map' });
  let dispose = () => {};
  const show = () => {
    const [dc, day] = picker.value.split('|');
    const shown = routes.filter((r) => r.dcId === dc && r.day === day);
    clear(list, routesTable(shown, places));
    dispose();
    dispose = drawRoutes(chart, shown, places.hubs.get(dc), places.buyers, (id) => placeName(places, id));
  };
  picker.addEventListener('change', show);
  disposers.push(() => dispose());
  const part = section(t('routesTitle'), 'routes',
    h('p', { class: 'muted' }, t('routesHint')),
    h('label', { class: 'inline' }, t('routeRun'), ' ', picker),
    list,
    h('p', { class: 'muted' }, t('routesMapHint')),
    chart);
  // The chart needs its host in the page to measure it.
  window.setTimeout(show, 0);
  clear(list, routesTable(routes.filter((r) => `${r.dcId}|${r.day}` === runs[0]), places));
  return h('div', {}, part, unroutedPart);
}

function routesTable(routes: DeliveryRoute[], places: Places): HTMLElement {
  return table<DeliveryRoute>([
    { label: t('route'), cell: (r) => h('span', { 'data-route': r.id }, r.id) },
    { label: t('vehicle'), wrap: true, cell: (r) => named(places.vehicles.get(r.vehicleTypeId), r.vehicleTypeId) },
    { label: t('departure'), cell: (r) => f.timeCst(r.departureUtc, r.day) },
    { label: t('stops'), wrap: true, cell: (r) => h('ol', { class: 'stops', 'data-testid': 'route-stops' },
      ...[...r.stops].sort((a, b) => a.sequence - b.sequence).map((s) => h('li', { 'data-buyer': s.buyerId, 'data-sequence': s.sequence },
        h('strong', {}, placeName(places, s.buyerId)), ` · ${t('eta')} ${f.timeCst(s.arrivalUtc, r.day)} · ${f.kg(s.kg)} · +${f.km(s.kmFromPrevious)}`))) },
    { label: t('returns'), cell: (r) => f.timeCst(r.returnUtc, r.day) },
    { label: t('distance'), numeric: true, cell: (r) => f.km(r.distanceKm) },
    { label: t('load'), numeric: true, cell: (r) => `${f.num(r.loadKg)} / ${f.kg(r.capacityKg)}` },
    { label: t('fill'), numeric: true, cell: (r) => f.percent(r.fillPercent) },
    { label: t('cost'), numeric: true, cell: (r) => f.cny(r.costCny, 0) },
  ], routes, 'routes-table');
}

function unroutedSection(unrouted: UnroutedDelivery[], places: Places): HTMLElement {
  if (unrouted.length === 0) return section(t('unroutedTitle'), 'unrouted', h('p', { class: 'muted' }, t('unroutedNone')));
  return section(t('unroutedTitle'), 'unrouted', table<UnroutedDelivery>([
    { label: t('distributionCentre'), cell: (u) => placeName(places, u.dcId) },
    { label: t('day'), cell: (u) => f.day(u.day) },
    { label: t('buyer'), wrap: true, cell: (u) => placeName(places, u.buyerId) },
    { label: t('kg'), numeric: true, cell: (u) => f.num(u.kg) },
    { label: t('line'), wrap: true, cell: (u) => u.lineIds.join(', ') },
    { label: t('reason'), cell: (u) => h('span', { 'data-reason': u.reason }, badge(tv('unrouted', u.reason), 'reason')) },
    { label: t('explanation'), wrap: true, cell: (u) => h('span', { 'data-message': '' }, pick(u.messageZh, u.message)) },
  ], unrouted, 'unrouted-table'));
}
