import { api } from '../api';
import { badge, clear, errorBox, field, fieldText, formValues, h, input, link, loading, optionalNumber, section, select, table } from '../dom';
import * as f from '../format';
import { t, tv } from '../i18n';
import { go } from '../router';
import { isTerminal, type Round } from '../types';

const PROVINCES = ['yunnan', 'guizhou', 'sichuan', 'guangxi'];

export function statusBadge(status: string): HTMLElement {
  return badge(tv('status', status), status);
}

export function shortId(id: string): string {
  return id.slice(-8);
}

export async function roundsView(root: HTMLElement): Promise<() => void> {
  const list = h('div', {}, loading());
  clear(root, h('div', { class: 'page-head' }, h('h1', {}, t('roundsTitle'))), createForm(), section(t('roundsTitle'), 'rounds', list));
  let timer = 0;
  const refresh = async () => {
    try {
      const rounds = await api.get<Round[]>('/rounds?limit=50');
      clear(list, rounds.length === 0 ? h('p', { class: 'muted' }, t('noRounds')) : roundsTable(rounds));
      if (rounds.some((r) => !isTerminal(r.status))) timer = window.setTimeout(refresh, 1500);
    } catch (error) {
      clear(list, errorBox(error));
    }
  };
  await refresh();
  return () => window.clearTimeout(timer);
}

function roundsTable(rounds: Round[]): HTMLElement {
  return table<Round>([
    { label: t('roundTitle', { id: '' }).trim(), cell: (r) => link(`#/rounds/${r.id}`, shortId(r.id), `round-link-${r.id}`) },
    { label: t('status'), cell: (r) => statusBadge(r.status) },
    { label: t('horizon'), cell: (r) => `${f.day(r.horizonFrom)} – ${f.day(r.horizonTo)}` },
    { label: t('inputs'), cell: (r) => t('inputsValue', { lines: f.num(r.lines), lots: f.num(r.lots) }) },
    { label: t('kpiAtGlance'), numeric: true, cell: (r) => (r.kpis ? f.fraction(r.kpis.fillRateKg) : '') },
    { label: t('kpiLandedPerKg'), numeric: true, cell: (r) => (r.kpis ? f.cnyPerKg(r.kpis.landedCnyPerKg) : '') },
    { label: t('kpi_povertySharePercent'), numeric: true, cell: (r) => (r.kpis ? f.percent(r.kpis.povertySharePercent) : '') },
    { label: t('created'), cell: (r) => f.dateTime(r.createdAt) },
  ], rounds, 'rounds-table');
}

function createForm(): HTMLElement {
  const message = h('div', {});
  const policy = PROVINCES.map((p) =>
    fieldText(t('minPurchaseProvince', { province: tv('province', p) }), input(`province_${p}`, 'number', '', { min: 0, step: 1000 })));
  const form = h('form', { class: 'form-grid', 'data-testid': 'create-round' },
    field('horizonFrom', input('horizonFrom', 'date', f.todayCst(1), { required: true })),
    field('horizonTo', input('horizonTo', 'date', f.todayCst(7), { required: true })),
    field('cutoff', input('cutoff', 'datetime-local', ''), t('cutoffHint')),
    field('earliestShipDay', input('earliestShipDay', 'date', ''), t('earliestShipDayHint')),
    field('solver', select('solver', ['auto', 'flow', 'lp'].map((s) => [s, tv('solver', s)]), 'auto')),
    field('timeLimit', input('timeLimitSeconds', 'number', 60, { min: 0.1, max: 3600, step: 'any' })),
    field('workers', input('workers', 'number', 2, { min: 1, max: 16 })),
    field('povertyBonus', input('povertyBonusCnyPerKg', 'number', '0.10', { min: 0, max: 10, step: 0.01 })),
    field('unmetPenaltyStep', input('unmetPenaltyStepCnyPerKg', 'number', '1.00', { min: 0, max: 100, step: 0.01 })),
    field('roadFactor', input('roadFactor', 'number', 1.3, { min: 1, max: 3, step: 0.01 })),
    field('loadFactor', input('loadFactor', 'number', 0.85, { min: 0.1, max: 1, step: 0.01 })),
    field('dispatchHour', input('dispatchHour', 'number', 16, { min: 0, max: 23 })),
    field('handlingHours', input('handlingHours', 'number', 2, { min: 0, max: 48, step: 0.5 })),
    field('minPovertyShare', input('minPovertySharePercent', 'number', '', { min: 0, max: 100 })),
    ...policy,
    h('label', { class: 'field checkbox' }, h('span', {}, t('planLogistics')), input('logisticsEnabled', 'checkbox', '', { 'data-testid': 'plan-logistics' })),
    field('logisticsTimeLimit', input('logisticsTimeLimitSeconds', 'number', 20, { min: 1, max: 3600, step: 'any' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'create-round-submit' }, t('createRound'))),
    message);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(message);
    try {
      const round = await api.post<Round>('/rounds', roundBody(formValues(form)));
      go(`/rounds/${round.id}`);
    } catch (error) {
      clear(message, errorBox(error));
    }
  });
  return h('details', { class: 'card', 'data-testid': 'new-round' }, h('summary', {}, t('newRound')), form);
}

function roundBody(v: Record<string, string>): unknown {
  const targets = Object.fromEntries(PROVINCES.filter((p) => v[`province_${p}`]).map((p) => [p, Number(v[`province_${p}`])]));
  const share = optionalNumber(v.minPovertySharePercent);
  const anyPolicy = share != null || Object.keys(targets).length > 0;
  return {
    horizonFrom: v.horizonFrom || null,
    horizonTo: v.horizonTo || null,
    // datetime-local is read as China Standard Time.
    cutoff: v.cutoff ? `${v.cutoff}:00+08:00` : null,
    earliestShipDay: v.earliestShipDay || null,
    settings: {
      solver: v.solver,
      timeLimitSeconds: optionalNumber(v.timeLimitSeconds) ?? 60,
      workers: optionalNumber(v.workers) ?? 2,
      povertyBonusCnyPerKg: optionalNumber(v.povertyBonusCnyPerKg) ?? 0.1,
      unmetPenaltyStepCnyPerKg: optionalNumber(v.unmetPenaltyStepCnyPerKg) ?? 1,
      roadFactor: optionalNumber(v.roadFactor) ?? 1.3,
      loadFactor: optionalNumber(v.loadFactor) ?? 0.85,
      dispatchHour: optionalNumber(v.dispatchHour) ?? 16,
      handlingHours: optionalNumber(v.handlingHours) ?? 2,
      policy: anyPolicy ? { minPurchaseCnyByProvince: targets, minPovertySharePercent: share } : null,
    },
    logistics: v.logisticsEnabled === 'true' ? { enabled: true, timeLimitSeconds: optionalNumber(v.logisticsTimeLimitSeconds) ?? 20 } : null,
  };
}
