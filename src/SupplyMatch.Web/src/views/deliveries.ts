import { api, ApiError } from '../api';
import { clear, errorBox, h, loading, notice, section, table } from '../dom';
import * as f from '../format';
import { lang, t, tv } from '../i18n';
import { ownName, productName, reference } from '../reference';
import { arrivalsSection } from './myLogistics';
import { shortId } from './rounds';

/** baseNameZh/En: the base's names (null when it is not in the reference data). */
interface Delivery { lineId: string; lotId: string; baseId: string; baseNameZh: string | null; baseNameEn: string | null; productCode: string; kg: number; shipDay: string; deliveryDay: string; landedCnyPerKg: number; amountCny: number }
/** A line of the buyer's that the binding plan leaves (partly) unmet. */
interface MyUnmetLine { lineId: string; productCode: string; requestedKg: number; allocatedKg: number; unmetKg: number; reason: string; explanation: { message: string; messageZh: string } }
/** basis: 'logistics' when the round planned whole trucks (its logistics plan binds), else 'allocation'. */
interface BuyerPlan { roundId: string; publishedAt: string; basis: 'logistics' | 'allocation'; deliveries: Delivery[]; unmet: MyUnmetLine[] }

/** A buyer's allocations in the latest published round, by delivery day, and what stays unmet with the reason. */
export async function deliveriesView(root: HTMLElement): Promise<void> {
  clear(root, h('h1', {}, t('deliveriesTitle')), loading());
  try {
    const [plan, products] = await Promise.all([api.get<BuyerPlan>('/my/deliveries'), reference.products()]);
    const deliveries = [...plan.deliveries].sort((a, b) => a.deliveryDay.localeCompare(b.deliveryDay) || a.lineId.localeCompare(b.lineId));
    const totalKg = deliveries.reduce((s, d) => s + d.kg, 0);
    const totalCny = deliveries.reduce((s, d) => s + d.amountCny, 0);
    const arrivals = await arrivalsSection(plan.roundId, products);
    clear(root, h('h1', {}, t('deliveriesTitle')),
      h('p', { class: 'muted', 'data-testid': 'plan-basis', 'data-basis': plan.basis }, `${t('fromRound', { id: shortId(plan.roundId), at: f.dateTime(plan.publishedAt) })} · ${tv('planBasis', plan.basis)}`),
      h('div', { class: 'kpis' },
        h('div', { class: 'kpi', 'data-testid': 'delivered-kg', 'data-value': totalKg }, h('div', { class: 'kpi-label' }, t('deliveredKg')), h('div', { class: 'kpi-value' }, f.kg(totalKg))),
        h('div', { class: 'kpi' }, h('div', { class: 'kpi-label' }, t('amount')), h('div', { class: 'kpi-value' }, f.cny(totalCny)))),
      section(t('deliveriesTitle'), 'deliveries', table<Delivery>([
        { label: t('deliveryDay'), cell: (d) => f.day(d.deliveryDay) },
        { label: t('line'), cell: (d) => d.lineId },
        { label: t('product'), cell: (d) => productName(products, d.productCode) },
        { label: t('kg'), numeric: true, cell: (d) => f.num(d.kg) },
        { label: t('base'), wrap: true, cell: (d) => h('span', { 'data-base': d.baseId, title: d.baseId }, ownName(d.baseNameZh, d.baseNameEn, d.baseId)) },
        { label: t('shipDay'), cell: (d) => f.day(d.shipDay) },
        { label: t('landed'), numeric: true, cell: (d) => f.cnyPerKg(d.landedCnyPerKg) },
        { label: t('amount'), numeric: true, cell: (d) => f.cny(d.amountCny) },
      ], deliveries, 'deliveries-table')),
      arrivals,
      plan.unmet.length === 0 ? null : section(t('stillUnmet'), 'my-unmet', table<MyUnmetLine>([
        { label: t('line'), cell: (u) => u.lineId },
        { label: t('product'), cell: (u) => productName(products, u.productCode) },
        { label: t('unmet'), numeric: true, cell: (u) => f.kg(u.unmetKg) },
        { label: t('reason'), cell: (u) => tv('reason', u.reason) },
        { label: t('explanation'), wrap: true, cell: (u) => (lang() === 'zh' ? u.explanation.messageZh : u.explanation.message) },
      ], plan.unmet, 'my-unmet-table')));
  } catch (error) {
    const none = error instanceof ApiError && error.code === 'no_published_round';
    clear(root, h('h1', {}, t('deliveriesTitle')), none ? notice(t('noPublished'), 'no-published') : errorBox(error));
  }
}
