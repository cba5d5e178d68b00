import { allPages, api, ApiError } from '../api';
import { drawFlowMap, drawSankey, provinceCityFlows } from '../charts/flows';
import { clear, errorBox, h, loading, notice, section } from '../dom';
import * as f from '../format';
import { t, tv } from '../i18n';
import { roundReference } from '../reference';
import { hasResults, isTerminal, type Allocation, type Kpis, type Round, type UnmetLine } from '../types';
import { kpiCards } from './kpis';
import { statusBadge, shortId } from './rounds';
import { logisticsSection } from './logistics';
import { flowsTable, shadowSection, unmetSection } from './roundSections';

export async function roundView(root: HTMLElement, params: Record<string, string>): Promise<() => void> {
  const id = params.id;
  const head = h('div', {});
  const body = h('div', {});
  clear(root, head, body);
  const disposers: Array<() => void> = [];
  let timer = 0;
  let stopped = false;

  const poll = async (): Promise<void> => {
    let round: Round;
    try {
      round = await api.get<Round>(`/rounds/${encodeURIComponent(id)}`);
    } catch (error) {
      clear(head, errorBox(error));
      return;
    }
    if (stopped) return;
    clear(head, roundHead(round, () => void poll()));
    if (!isTerminal(round.status)) {
      clear(body, notice(t('watching'), 'watching'));
      timer = window.setTimeout(poll, 1000);
    } else if (hasResults(round.status) && !body.dataset.loaded) {
      body.dataset.loaded = 'true';
      // The results render into their own box: a later poll (the round withdrawn meanwhile) replaces it in the page,
      // and results still loading then fill the detached box instead of covering what the page says now.
      const view = h('div', {}, loading());
      clear(body, view);
      await results(view, round, disposers);
    } else if (round.status === 'failed') {
      clear(body, h('div', { class: 'error', 'data-testid': 'round-failed' }, t('roundFailed', { error: round.error ?? '' })));
    } else if (round.status === 'cancelled') {
      // A round withdrawn after it was solved keeps its solver statistics; one stopped earlier has none.
      clear(body, notice(t(round.statistics ? 'roundWithdrawn' : 'roundCancelled'), 'round-cancelled'));
    }
  };
  await poll();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
    disposers.forEach((d) => d());
  };
}

function roundHead(round: Round, changed: () => void): HTMLElement {
  const message = h('div', {});
  const act = (path: string, confirmText: string) => async () => {
    if (!window.confirm(confirmText)) return;
    try {
      await api.post(`/rounds/${round.id}/${path}`);
      changed();
    } catch (error) {
      clear(message, errorBox(error));
    }
  };
  const s = round.statistics;
  return h('div', { class: 'card', 'data-testid': 'round-head', 'data-status': round.status },
    h('div', { class: 'page-head' },
      h('h1', {}, t('roundTitle', { id: shortId(round.id) }), ' ', statusBadge(round.status)),
      h('div', { class: 'actions' },
        round.status === 'solved' ? h('button', { type: 'button', class: 'primary', 'data-testid': 'publish', onclick: act('publish', t('confirmPublish')) }, t('publish')) : null,
        !isTerminal(round.status) ? h('button', { type: 'button', 'data-testid': 'cancel-round', onclick: act('cancel', t('confirmCancel')) }, t('cancelRound')) : null,
        round.status === 'solved' ? h('button', { type: 'button', 'data-testid': 'withdraw-round', onclick: act('cancel', t('confirmWithdraw')) }, t('withdrawRound')) : null)),
    h('dl', { class: 'facts' },
      h('dt', {}, t('horizon')), h('dd', {}, `${f.day(round.horizonFrom)} – ${f.day(round.horizonTo)}`),
      h('dt', {}, t('cutoff')), h('dd', {}, f.dateTime(round.cutoff)),
      h('dt', {}, t('earliestShipDay')), h('dd', { 'data-testid': 'earliest-ship-day', 'data-day': round.earliestShipDay ?? '' }, round.earliestShipDay ? f.day(round.earliestShipDay) : t('anyShipDay')),
      h('dt', {}, t('inputs')), h('dd', {}, t('inputsValue', { lines: f.num(round.lines), lots: f.num(round.lots) })),
      h('dt', {}, t('created')), h('dd', {}, f.dateTime(round.createdAt)),
      round.startedAt ? [h('dt', {}, t('started')), h('dd', {}, f.dateTime(round.startedAt))] : null,
      round.finishedAt ? [h('dt', {}, t('finished')), h('dd', {}, f.dateTime(round.finishedAt))] : null,
      round.publishedAt ? [h('dt', {}, t('published')), h('dd', {}, f.dateTime(round.publishedAt))] : null,
      h('dt', {}, t('attempts')), h('dd', {}, f.num(round.attempts)),
      s ? [h('dt', {}, t('solverStats')), h('dd', { 'data-testid': 'solver-stats' },
        `${tv('solver', s.solver)} · ${tv('solveStatus', s.status)} · ${t('objective')} ${f.cny(s.objectiveCny)} · ${t('gap')} ${f.percent(s.gapPercent, 2)} · `,
        t('modelSize', { variables: f.num(s.variables), constraints: f.num(s.constraints), arcs: f.num(s.arcs) }))] : null),
    message);
}

async function results(body: HTMLElement, round: Round, disposers: Array<() => void>): Promise<void> {
  try {
    // Named and placed with the reference data the round planned with (its snapshot), not today's.
    const [kpiView, allocations, unmet, shadow, { bases, buyers, cities, products }] = await Promise.all([
      api.get<{ kpis: Kpis }>(`/rounds/${round.id}/kpis`),
      allPages<Allocation>(`/rounds/${round.id}/allocations`),
      allPages<UnmetLine>(`/rounds/${round.id}/unmet`),
      api.get<{ lots: Array<{ lotId: string; cnyPerKg: number }> }>(`/rounds/${round.id}/shadow-prices`),
      roundReference(round.id),
    ]);
    const flows = provinceCityFlows(allocations, bases, buyers);
    const sankey = h('div', { class: 'chart', 'data-testid': 'sankey' });
    const map = h('div', { class: 'chart chart-map', 'data-testid': 'flow-map' });
    clear(body,
      kpiCards(kpiView.kpis),
      section(t('flowsTitle'), 'flows', sankey, h('details', { class: 'data' }, h('summary', {}, t('flowsTable')), flowsTable(flows, cities))),
      section(t('mapTitle'), 'map', h('p', { class: 'muted' }, t('mapHint')), map),
      unmetSection(unmet, kpiView.kpis, buyers, products),
      shadowSection(shadow.lots, allocations, bases, products),
      await logisticsOrError(round.id, disposers),
      allocations.length > 0 ? null : notice(t('nothingHere')));
    disposers.push(drawSankey(sankey, flows, cities), drawFlowMap(map, allocations, bases, buyers, cities));
  } catch (error) {
    clear(body, errorBox(error instanceof ApiError ? error : new ApiError({ status: 0, code: 'client_error', detail: String(error) })));
  }
}

/** The logistics part of a round; a failure there shows in its place and leaves the rest of the round readable. */
async function logisticsOrError(roundId: string, disposers: Array<() => void>): Promise<HTMLElement> {
  try {
    return await logisticsSection(roundId, disposers);
  } catch (error) {
    return section(t('logisticsTitle'), 'logistics', errorBox(error));
  }
}
