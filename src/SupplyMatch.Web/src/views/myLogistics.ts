import { api, ApiError } from '../api';
import { h, section, table } from '../dom';
import * as f from '../format';
import { t, tv } from '../i18n';
import type { PlannedDelivery, PlannedPickup } from '../logisticsTypes';
import type { Product } from '../types';
import { named, productName, reference } from '../reference';

// A buyer's expected arrivals and a base's pickup schedule in a published round planned with logistics.
interface BuyerLogistics { roundId: string; publishedAt: string; buyerId: string; kg: number; deliveries: PlannedDelivery[] }
interface BaseLogistics { roundId: string; publishedAt: string; baseId: string; kg: number; pickups: PlannedPickup[] }

/** The published round's logistics part of the caller; null when the round was planned without logistics (409). */
async function mine<T>(what: 'deliveries' | 'pickups', roundId: string): Promise<T | null> {
  try {
    return await api.get<T>(`/my/logistics/${what}?roundId=${encodeURIComponent(roundId)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) return null;
    throw error;
  }
}

export async function arrivalsSection(roundId: string, products: Map<string, Product>): Promise<HTMLElement | null> {
  const plan = await mine<BuyerLogistics>('deliveries', roundId);
  if (plan == null) return null;
  const rows = [...plan.deliveries].sort((a, b) => a.deliveryDay.localeCompare(b.deliveryDay) || (a.etaUtc ?? '').localeCompare(b.etaUtc ?? '') || a.lineId.localeCompare(b.lineId));
  return section(t('expectedArrivals'), 'arrivals', h('p', { class: 'muted' }, t('arrivalsHint')), table<PlannedDelivery>([
    { label: t('deliveryDay'), cell: (d) => f.day(d.deliveryDay) },
    { label: t('line'), cell: (d) => d.lineId },
    { label: t('product'), cell: (d) => productName(products, d.productCode) },
    { label: t('kg'), numeric: true, cell: (d) => h('span', { 'data-kg': d.kg }, f.num(d.kg)) },
    { label: t('how'), wrap: true, cell: (d) => h('span', { 'data-leg': d.leg }, tv('leg', d.leg), legDetail(d)) },
    { label: t('route'), cell: (d) => (d.routeId ? `${d.routeId}${d.stopSequence ? ` #${d.stopSequence}` : ''}` : '') },
    { label: t('eta'), cell: (d) => h('span', { 'data-eta': d.etaUtc ?? '' }, d.etaUtc ? f.timeCst(d.etaUtc, d.deliveryDay) : '') },
  ], rows, 'arrivals-table'));
}

/** What of a delivery from a centre is on no route, and why: those kg have no planned arrival. */
function legDetail(d: PlannedDelivery): HTMLElement | null {
  if (d.unroutedKg == null || d.unroutedReason == null) return null;
  const reason = tv('unrouted', d.unroutedReason);
  if (d.leg === 'partlyRouted') {
    return h('span', { class: 'muted', 'data-unrouted-kg': d.unroutedKg }, ` · ${t('partlyRoutedDetail', { routed: f.kg(d.routedKg ?? 0), unrouted: f.kg(d.unroutedKg), reason })}`);
  }
  return d.leg === 'unrouted' ? h('span', { class: 'muted', 'data-unrouted-kg': d.unroutedKg }, ` · ${t('unroutedDetail', { reason })}`) : null;
}

/** buyerNames: names of the buyers the base sells to, for trucks that go straight to one (hubs and centres are named from the reference data). */
export async function pickupScheduleSection(roundId: string, products: Map<string, Product>, buyerNames: Map<string, string>): Promise<HTMLElement | null> {
  const [plan, hubs] = await Promise.all([mine<BaseLogistics>('pickups', roundId), reference.hubs()]);
  if (plan == null) return null;
  const rows = [...plan.pickups].sort((a, b) => a.departureUtc.localeCompare(b.departureUtc) || a.lotId.localeCompare(b.lotId));
  return section(t('pickupSchedule'), 'pickup-schedule', h('p', { class: 'muted' }, t('pickupsHint')), table<PlannedPickup>([
    { label: t('pickupDay'), cell: (p) => f.day(p.shipDay) },
    { label: t('collectedAt'), cell: (p) => h('span', { 'data-departure': p.departureUtc }, f.timeCst(p.departureUtc, p.shipDay)) },
    { label: t('lot'), cell: (p) => p.lotId },
    { label: t('product'), cell: (p) => productName(products, p.productCode) },
    { label: t('kg'), numeric: true, cell: (p) => h('span', { 'data-kg': p.kg }, f.num(p.kg)) },
    { label: t('how'), cell: (p) => tv('mode', p.mode) },
    { label: t('to'), wrap: true, cell: (p) => h('span', { 'data-to': p.toId }, hubs.has(p.toId) ? named(hubs.get(p.toId), p.toId) : buyerNames.get(p.toId) ?? p.toId) },
  ], rows, 'pickup-schedule-table'));
}
