import { api } from '../api';
import { clear, errorBox, h, loading, section, select, table } from '../dom';
import * as f from '../format';
import { t, type Key } from '../i18n';
import { go, query } from '../router';
import { hasResults, type Round } from '../types';
import { shortId } from './rounds';

/** base, other and delta are null where a round does not have the figure (its deliveries were not routed). */
interface KpiDelta { kpi: string; base: number | null; other: number | null; delta: number | null }
interface AllocationDelta { lotId: string; lineId: string; baseKg: number; otherKg: number; deltaKg: number }
interface Comparison {
  kpis: KpiDelta[]; changedAllocationCount: number; changedAllocations: AllocationDelta[];
  logisticsKpis: KpiDelta[] | null;   // null unless both rounds have a logistics plan
}

function formatKpi(kpi: string, value: number | null, delta = false): string {
  if (value === null) return t('notPlanned');
  const text = (() => {
    if (kpi.startsWith('fillRate')) return delta ? `${f.num(value * 100, 1)} ${t('unitPoints')}` : f.fraction(value);
    if (kpi === 'averageFillPercent') return delta ? `${f.num(value, 1)} ${t('unitPoints')}` : f.percent(value);
    if (kpi === 'povertySharePercent') return delta ? `${f.num(value, 1)} ${t('unitPoints')}` : f.percent(value);
    if (kpi === 'landedCnyPerKg') return f.cnyPerKg(value);
    if (kpi.endsWith('Cny')) return f.cny(value);
    if (kpi === 'tonKm') return f.tonKm(value);
    if (kpi.endsWith('Km')) return f.km(value);
    if (kpi.endsWith('Kg')) return f.kg(value);
    return f.num(value);
  })();
  return delta ? f.signed(text, value) : text;
}

export async function compareView(root: HTMLElement): Promise<void> {
  clear(root, h('h1', {}, t('compareTitle')), loading());
  let rounds: Round[];
  try {
    rounds = (await api.get<Round[]>('/rounds?limit=100')).filter((r) => hasResults(r.status));
  } catch (error) {
    clear(root, h('h1', {}, t('compareTitle')), errorBox(error));
    return;
  }
  if (rounds.length < 2) {
    clear(root, h('h1', {}, t('compareTitle')), h('p', { class: 'muted', 'data-testid': 'compare-need-two' }, t('compareNeedTwo')));
    return;
  }
  const q = query();
  const options = rounds.map((r): [string, string] => [r.id, `${shortId(r.id)} · ${f.day(r.horizonFrom)} – ${f.day(r.horizonTo)} · ${f.dateTime(r.createdAt)}`]);
  const baseSelect = select('base', options, q.get('base') ?? rounds[1].id);
  const otherSelect = select('other', options, q.get('other') ?? rounds[0].id);
  const out = h('div', {});
  const form = h('form', { class: 'form-grid wide-selects', 'data-testid': 'compare-form' },
    h('label', { class: 'field' }, h('span', {}, t('baseRound')), baseSelect),
    h('label', { class: 'field' }, h('span', {}, t('otherRound')), otherSelect),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'compare-submit' }, t('compareButton'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go(`/compare?base=${baseSelect.value}&other=${otherSelect.value}`);
  });
  clear(root, h('h1', {}, t('compareTitle')), h('div', { class: 'card' }, form), out);
  if (!q.get('base') || !q.get('other')) return;
  clear(out, loading());
  try {
    const c = await api.get<Comparison>(`/rounds/compare?base=${encodeURIComponent(q.get('base')!)}&other=${encodeURIComponent(q.get('other')!)}&limit=200`);
    const deltas = (rows: KpiDelta[], testId: string) => table<KpiDelta>([
      { label: t('kpi'), cell: (d) => t(`kpi_${d.kpi}` as Key) },
      { label: t('baseRound'), numeric: true, cell: (d) => formatKpi(d.kpi, d.base) },
      { label: t('otherRound'), numeric: true, cell: (d) => formatKpi(d.kpi, d.other) },
      { label: t('delta'), numeric: true, cell: (d) => h('span', { class: d.delta === 0 || d.delta === null ? 'muted' : 'delta' }, formatKpi(d.kpi, d.delta, true)) },
    ], rows, testId);
    clear(out,
      section(t('kpi'), 'kpi-deltas', deltas(c.kpis, 'kpi-delta-table')),
      ...(c.logisticsKpis ? [section(t('logisticsKpiDeltas'), 'logistics-kpi-deltas', deltas(c.logisticsKpis, 'logistics-kpi-delta-table'))] : []),
      section(t('changedAllocations', { count: f.num(c.changedAllocationCount) }), 'changed', c.changedAllocations.length === 0
        ? h('p', { class: 'muted' }, t('noChanges'))
        : table<AllocationDelta>([
          { label: t('lot'), cell: (d) => d.lotId },
          { label: t('line'), cell: (d) => d.lineId },
          { label: t('baseRound'), numeric: true, cell: (d) => f.kg(d.baseKg) },
          { label: t('otherRound'), numeric: true, cell: (d) => f.kg(d.otherKg) },
          { label: t('delta'), numeric: true, cell: (d) => f.signed(f.kg(d.deltaKg), d.deltaKg) },
        ], c.changedAllocations, 'changed-table')));
  } catch (error) {
    clear(out, errorBox(error));
  }
}
