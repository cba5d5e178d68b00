import type { Flow } from '../charts/flows';
import { badge, clear, h, section, select, table, type Child } from '../dom';
import * as f from '../format';
import { lang, t, tv } from '../i18n';
import { named, productName } from '../reference';
import type { Allocation, Base, Buyer, City, Kpis, Product, UnmetLine } from '../types';

export function flowsTable(flows: Flow[], cities: Map<string, City>): HTMLElement {
  const total = flows.reduce((s, x) => s + x.kg, 0);
  const el = table<Flow>([
    { label: t('province'), cell: (x) => tv('province', x.province) },
    { label: t('city'), cell: (x) => named(cities.get(x.cityId), x.cityId) },
    { label: t('kg'), numeric: true, cell: (x) => h('span', { 'data-kg': x.kg, 'data-province': x.province, 'data-city': x.cityId }, f.num(x.kg)) },
  ], flows, 'flows-table');
  el.append(h('tfoot', {}, h('tr', {}, h('th', {}, t('total')), h('th', {}), h('th', { class: 'num', 'data-testid': 'flows-total', 'data-kg': total }, f.num(total)))));
  return el;
}

const PAGE = 50;

export function unmetSection(unmet: UnmetLine[], kpis: Kpis, buyers: Map<string, Buyer>, products: Map<string, Product>): HTMLElement {
  if (unmet.length === 0) return section(t('unmetTitle'), 'unmet', h('p', { class: 'muted' }, t('unmetNone')));
  const holder = h('div', {});
  const options: Array<[string, string]> = [['', t('all')], ...kpis.unmetByReason.map((r): [string, string] =>
    [r.reason, `${tv('reason', r.reason)} (${t('unmetByReason', { lines: f.num(r.lines), kg: f.kg(r.kg) })})`])];
  const filter = select('reason', options, '');
  filter.setAttribute('data-testid', 'unmet-filter');
  let shown = PAGE;
  const show = () => {
    const rows = filter.value ? unmet.filter((u) => u.reason === filter.value) : unmet;
    clear(holder, table<UnmetLine>([
      { label: t('line'), cell: (u) => u.lineId },
      { label: t('buyer'), wrap: true, cell: (u) => named(buyers.get(u.buyerId), u.buyerId) },
      { label: t('product'), cell: (u) => productName(products, u.productCode) },
      { label: t('requested'), numeric: true, cell: (u) => f.num(u.requestedKg) },
      { label: t('allocated'), numeric: true, cell: (u) => f.num(u.allocatedKg) },
      { label: t('unmet'), numeric: true, cell: (u) => f.num(u.unmetKg) },
      { label: t('reason'), cell: (u) => h('span', { 'data-reason': u.reason }, badge(tv('reason', u.reason), 'reason')) },
      { label: t('explanation'), wrap: true, cell: (u) => (lang() === 'zh' ? u.explanation.messageZh : u.explanation.message) },
    ], rows.slice(0, shown), 'unmet-table'),
    h('p', { class: 'muted', 'data-testid': 'unmet-count' }, t('showingOf', { shown: f.num(Math.min(shown, rows.length)), total: f.num(rows.length) }), ' ',
      rows.length > shown ? h('button', { type: 'button', 'data-testid': 'unmet-more', onclick: () => { shown += PAGE; show(); } }, t('moreLines')) : null));
  };
  filter.addEventListener('change', () => {
    shown = PAGE;
    show();
  });
  show();
  return section(t('unmetTitle'), 'unmet', h('label', { class: 'inline' }, t('filterReason'), ' ', filter), holder);
}

export function shadowSection(lots: Array<{ lotId: string; cnyPerKg: number }>, allocations: Allocation[], bases: Map<string, Base>, products: Map<string, Product>): HTMLElement {
  const lotInfo = new Map(allocations.map((a) => [a.lotId, a]));
  const scarce = lots.filter((l) => l.cnyPerKg > 0).sort((a, b) => b.cnyPerKg - a.cnyPerKg || a.lotId.localeCompare(b.lotId)).slice(0, 15);
  const body: Child = scarce.length === 0 ? h('p', { class: 'muted' }, t('shadowNone')) : table([
    { label: t('lot'), cell: (l: { lotId: string }) => l.lotId },
    { label: t('base'), cell: (l) => { const a = lotInfo.get(l.lotId); return a ? named(bases.get(a.baseId), a.baseId) : ''; } },
    { label: t('product'), cell: (l) => { const a = lotInfo.get(l.lotId); return a ? productName(products, a.productCode) : ''; } },
    { label: t('shadowPrice'), numeric: true, cell: (l: { cnyPerKg: number }) => f.cnyPerKg(l.cnyPerKg) },
  ], scarce, 'shadow-table');
  return section(t('shadowTitle'), 'shadow', h('p', { class: 'muted' }, t('shadowHint')), body);
}
