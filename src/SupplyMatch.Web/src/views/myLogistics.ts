import { api, ApiError } from '../api';
import { h, section, table } from '../dom';
import * as f from '../format';
import { t, tv } from '../i18n';
import type { Page, PlannedDelivery, PlannedPickup } from '../logisticsTypes';
import type { Product } from '../types';
import { productName } from '../reference';

// A buyer's expected arrivals and a base's pickup schedule in a published round planned with logistics.
export const MY_ARRIVALS = '/my/deliveries/logistics';
export const MY_PICKUP_SCHEDULE = '/my/pickups/logistics';

/** Items of a list the service may send bare or as a page; null when the round has no logistics plan (404/409). */
async function itemsOrNone<T>(path: string): Promise<T[] | null> {
  try {
    const answer = await api.get<T[] | Page<T>>(path);
    return Array.isArray(answer) ? answer : answer.items;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 409)) return null;
    throw error;
  }
}

const withRound = (path: string, roundId: string) => `${path}?roundId=${encodeURIComponent(roundId)}&limit=1000`;

export async function arrivalsSection(roundId: string, products: Map<string, Product>): Promise<HTMLElement | null> {
  const items = await itemsOrNone<PlannedDelivery>(withRound(MY_ARRIVALS, roundId));
  if (items == null) return null;
  const rows = [...items].sort((a, b) => a.deliveryDay.localeCompare(b.deliveryDay) || (a.etaUtc ?? '').localeCompare(b.etaUtc ?? '') || a.lineId.localeCompare(b.lineId));
  return section(t('expectedArrivals'), 'arrivals', h('p', { class: 'muted' }, t('arrivalsHint')), table<PlannedDelivery>([
    { label: t('deliveryDay'), cell: (d) => f.day(d.deliveryDay) },
    { label: t('line'), cell: (d) => d.lineId },
    { label: t('product'), cell: (d) => productName(products, d.productCode) },
    { label: t('kg'), numeric: true, cell: (d) => f.num(d.kg) },
    { label: t('how'), cell: (d) => h('span', { 'data-leg': d.leg }, tv('leg', d.leg)) },
    { label: t('route'), cell: (d) => (d.routeId ? `${d.routeId}${d.stopSequence ? ` #${d.stopSequence}` : ''}` : '') },
    { label: t('eta'), cell: (d) => h('span', { 'data-eta': d.etaUtc ?? '' }, d.etaUtc ? f.timeCst(d.etaUtc, d.deliveryDay) : '') },
  ], rows, 'arrivals-table'));
}

export async function pickupScheduleSection(roundId: string, products: Map<string, Product>): Promise<HTMLElement | null> {
  const items = await itemsOrNone<PlannedPickup>(withRound(MY_PICKUP_SCHEDULE, roundId));
  if (items == null) return null;
  const rows = [...items].sort((a, b) => a.departureUtc.localeCompare(b.departureUtc) || a.lotId.localeCompare(b.lotId));
  return section(t('pickupSchedule'), 'pickup-schedule', h('p', { class: 'muted' }, t('pickupsHint')), table<PlannedPickup>([
    { label: t('pickupDay'), cell: (p) => f.day(p.shipDay) },
    { label: t('collectedAt'), cell: (p) => h('span', { 'data-departure': p.departureUtc }, f.timeCst(p.departureUtc, p.shipDay)) },
    { label: t('lot'), cell: (p) => p.lotId },
    { label: t('product'), cell: (p) => productName(products, p.productCode) },
    { label: t('kg'), numeric: true, cell: (p) => f.num(p.kg) },
    { label: t('how'), cell: (p) => tv('mode', p.mode) },
    { label: t('to'), cell: (p) => p.toId },
  ], rows, 'pickup-schedule-table'));
}
