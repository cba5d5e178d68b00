import { api, ApiError } from '../api';
import { badge, clear, errorBox, field, formValues, h, input, loading, notice, optionalNumber, section, select, table } from '../dom';
import * as f from '../format';
import { t, tv } from '../i18n';
import { ownName, productName, reference } from '../reference';
import type { Lot, Product } from '../types';
import { pickupScheduleSection } from './myLogistics';
import { pagedByStatus, type PagedList } from './pagedList';
import { shortId } from './rounds';

const GRADES = ['premium', 'first', 'second'];

export async function lotsView(root: HTMLElement): Promise<void> {
  const message = h('div', {});
  const products = await reference.products();
  const list: PagedList = pagedByStatus<Lot>('/lots', 'lots', (lots): HTMLElement => lotsTable(lots, products, message, () => list.refresh()));
  clear(root, h('h1', {}, t('lotsTitle')), message, postLotForm(products, message, list.refresh), section(t('lotsTitle'), 'lots', list.element));
  await list.refresh();
}

function lotsTable(lots: Lot[], products: Map<string, Product>, message: HTMLElement, changed: () => Promise<void>): HTMLElement {
  return table<Lot>([
    { label: t('lot'), cell: (l) => l.id },
    { label: t('product'), cell: (l) => productName(products, l.productCode) },
    { label: t('grade'), cell: (l) => tv('grade', l.grade) },
    { label: t('harvestDate'), cell: (l) => f.day(l.harvestDate) },
    { label: t('availableFrom'), cell: (l) => f.day(l.availableFrom) },
    { label: t('availableTo'), cell: (l) => f.day(l.availableTo) },
    { label: t('quantity'), numeric: true, cell: (l) => [f.num(l.quantityKg),
      l.firmKg == null ? null : h('div', { class: 'muted', 'data-firm-kg': l.firmKg }, t('firmOf', { kg: f.num(l.firmKg) }))] },
    { label: t('price'), numeric: true, cell: (l) => f.cnyPerKg(l.priceCnyPerKg) },
    { label: t('revision'), numeric: true, cell: (l) => f.num(l.revision) },
    { label: t('status'), cell: (l) => h('span', { 'data-testid': `lot-status-${l.id}` }, badge(tv('lineStatus', l.status), l.status)) },
    // A cancelled lot (its base's snapshot feed no longer lists it) is left out of rounds and cannot be revised.
    { label: t('reviseLot'), cell: (l) => (l.status === 'open' ? reviseForm(l, message, changed) : h('small', { class: 'muted' }, t('lotCancelledHint'))) },
  ], lots, 'lots-table');
}

/**
 * Quantity, firm quantity and price of an open lot. The firm quantity is part of the form because a forecast revised below
 * it is refused until the firm quantity comes down too. A refusal is shown under the form, where the base is looking.
 */
function reviseForm(lot: Lot, message: HTMLElement, changed: () => Promise<void>): HTMLElement {
  const qty = input('quantityKg', 'number', lot.quantityKg, { min: 1, step: 1, 'aria-label': t('quantity'), title: t('quantity'), class: 'narrow' });
  const firm = input('firmKg', 'number', lot.firmKg ?? '', { min: 0, step: 1, 'aria-label': t('firmKg'), title: t('firmKg'), placeholder: t('firmPlaceholder'), class: 'narrow' });
  const price = input('priceCnyPerKg', 'number', lot.priceCnyPerKg.toFixed(2), { min: 0.01, step: 0.01, 'aria-label': t('price'), title: t('price'), class: 'narrow' });
  const problem = h('div', { 'data-testid': `revise-error-${lot.id}` });
  const form = h('form', { class: 'inline', 'data-testid': `revise-${lot.id}` }, qty, firm, price, h('button', { type: 'submit' }, t('reviseLot')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(problem);
    try {
      const body: Record<string, number | null> = {};
      if (Number(qty.value) !== lot.quantityKg) body.quantityKg = optionalNumber(qty.value);
      if (firm.value !== String(lot.firmKg ?? '')) body.firmKg = firm.value === '' ? 0 : optionalNumber(firm.value);
      if (Number(price.value) !== lot.priceCnyPerKg) body.priceCnyPerKg = optionalNumber(price.value);
      const revised = await api.patch<Lot>(`/lots/${encodeURIComponent(lot.id)}`, body);
      clear(message, notice(t('revisionSaved', { id: revised.id, revision: revised.revision })));
      await changed();
    } catch (error) {
      clear(message);
      clear(problem, errorBox(error));
    }
  });
  return h('div', {}, form, problem);
}

function postLotForm(products: Map<string, Product>, message: HTMLElement, changed: () => Promise<void>): HTMLElement {
  const out = h('div', {});
  const form = h('form', { class: 'form-grid', 'data-testid': 'post-lot' },
    field('product', select('productCode', [...products.values()].map((p): [string, string] => [p.code, `${productName(products, p.code)} (${p.code})`]))),
    field('grade', select('grade', GRADES.map((g): [string, string] => [g, tv('grade', g)]), 'first')),
    field('harvestDate', input('harvestDate', 'date', f.todayCst(1), { required: true })),
    field('availableFrom', input('availableFrom', 'date', f.todayCst(1), { required: true })),
    field('availableTo', input('availableTo', 'date', f.todayCst(3), { required: true })),
    field('quantity', input('quantityKg', 'number', 5000, { min: 1, step: 1, required: true })),
    field('firmKg', input('firmKg', 'number', '', { min: 0, step: 1 })),
    field('price', input('priceCnyPerKg', 'number', '3.20', { min: 0.01, step: 0.01, required: true })),
    field('minOrder', input('minOrderKg', 'number', 0, { min: 0, step: 1 })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'post-lot-submit' }, t('save'))),
    out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(out);
    const v = formValues(form);
    try {
      const lot = await api.post<Lot>('/lots', {
        productCode: v.productCode, grade: v.grade, harvestDate: v.harvestDate || null, availableFrom: v.availableFrom || null, availableTo: v.availableTo || null,
        quantityKg: optionalNumber(v.quantityKg), firmKg: optionalNumber(v.firmKg), priceCnyPerKg: optionalNumber(v.priceCnyPerKg), minOrderKg: optionalNumber(v.minOrderKg),
      });
      clear(message, notice(t('lotSaved', { id: lot.id })));
      await changed();
    } catch (error) {
      clear(out, errorBox(error));
    }
  });
  return h('details', { class: 'card' }, h('summary', {}, t('postLot')), form);
}

/** buyerNameZh/En: the buyer's names (null when it is not in the reference data). */
interface Pickup { lotId: string; lineId: string; buyerId: string; buyerNameZh: string | null; buyerNameEn: string | null; productCode: string; kg: number; shipDay: string; exFarmCnyPerKg: number; salesCny: number }
interface BasePlan { roundId: string; publishedAt: string; basis: 'logistics' | 'allocation'; soldKg: number; salesCny: number; pickups: Pickup[] }

export async function pickupsView(root: HTMLElement): Promise<void> {
  clear(root, h('h1', {}, t('pickupsTitle')), loading());
  try {
    const [plan, products] = await Promise.all([api.get<BasePlan>('/my/pickups'), reference.products()]);
    const pickups = [...plan.pickups].sort((a, b) => a.shipDay.localeCompare(b.shipDay) || a.lotId.localeCompare(b.lotId));
    // A truck straight to a buyer goes to a buyer of these sales: the schedule names it as the sales do.
    const buyerNames = new Map(plan.pickups.map((p) => [p.buyerId, ownName(p.buyerNameZh, p.buyerNameEn, p.buyerId)]));
    const schedule = await pickupScheduleSection(plan.roundId, products, buyerNames);
    clear(root, h('h1', {}, t('pickupsTitle')),
      h('p', { class: 'muted', 'data-testid': 'plan-basis', 'data-basis': plan.basis }, `${t('fromRound', { id: shortId(plan.roundId), at: f.dateTime(plan.publishedAt) })} · ${tv('planBasis', plan.basis)}`),
      h('div', { class: 'kpis' },
        h('div', { class: 'kpi', 'data-testid': 'sold-kg', 'data-value': plan.soldKg }, h('div', { class: 'kpi-label' }, t('soldKg')), h('div', { class: 'kpi-value' }, f.kg(plan.soldKg))),
        h('div', { class: 'kpi', 'data-testid': 'sales-cny', 'data-value': plan.salesCny }, h('div', { class: 'kpi-label' }, t('sales')), h('div', { class: 'kpi-value' }, f.cny(plan.salesCny)))),
      section(t('pickupsTitle'), 'pickups', table<Pickup>([
        { label: t('pickupDay'), cell: (p) => f.day(p.shipDay) },
        { label: t('lot'), cell: (p) => p.lotId },
        { label: t('product'), cell: (p) => productName(products, p.productCode) },
        { label: t('kg'), numeric: true, cell: (p) => f.num(p.kg) },
        { label: t('buyer'), wrap: true, cell: (p) => h('span', { 'data-buyer': p.buyerId, title: p.buyerId }, ownName(p.buyerNameZh, p.buyerNameEn, p.buyerId)) },
        { label: t('exFarm'), numeric: true, cell: (p) => f.cnyPerKg(p.exFarmCnyPerKg) },
        { label: t('sales'), numeric: true, cell: (p) => f.cny(p.salesCny) },
      ], pickups, 'pickups-table')),
      schedule);
  } catch (error) {
    const none = error instanceof ApiError && error.code === 'no_published_round';
    clear(root, h('h1', {}, t('pickupsTitle')), none ? notice(t('noPublished'), 'no-published') : errorBox(error));
  }
}
