import { h } from '../dom';
import * as f from '../format';
import { t, type Key } from '../i18n';
import type { Kpis } from '../types';

function card(testId: string, label: Key, raw: number, value: string, detail: string): HTMLElement {
  return h('div', { class: 'kpi', 'data-testid': testId, 'data-value': String(raw) },
    h('div', { class: 'kpi-label' }, t(label)),
    h('div', { class: 'kpi-value', 'data-testid': `${testId}-value` }, value),
    h('div', { class: 'kpi-detail' }, detail));
}

/** The round's KPI cards (totals in whole yuan, rates to the fen); data-value holds the API's number as sent. */
export function kpiCards(k: Kpis): HTMLElement {
  return h('div', { class: 'kpis', 'data-testid': 'kpi-cards' },
    card('kpi-fill-rate', 'kpiFillRate', k.fillRateKg, f.fraction(k.fillRateKg), t('kpiAllocated', { allocated: f.kg(k.allocatedKg), demand: f.kg(k.demandKg) })),
    card('kpi-lines', 'kpiFillRateLines', k.fillRateLines, f.fraction(k.fillRateLines), t('kpiLinesDetail', { full: f.num(k.linesFullyMet), lines: f.num(k.lines) })),
    card('kpi-landed', 'kpiLandedPerKg', k.landedCnyPerKg, f.cnyPerKg(k.landedCnyPerKg), t('kpiLandedDetail', { total: f.cny(k.landedCostCny, 0) })),
    card('kpi-transport', 'kpiTransportCost', k.transportCostCny, f.cny(k.transportCostCny, 0),
      t('kpiTransportDetail', { perKg: f.cnyPerKg(k.allocatedKg > 0 ? k.transportCostCny / k.allocatedKg : 0) })),
    card('kpi-tonkm', 'kpiTonKm', k.tonKm, f.tonKm(k.tonKm), ''),
    card('kpi-poverty', 'kpiPoverty', k.povertyLinkedCny, f.cny(k.povertyLinkedCny, 0),
      t('kpiPovertyDetail', { kg: f.kg(k.povertyLinkedKg), share: f.percent(k.povertySharePercent), households: f.num(k.householdsReached) })));
}
