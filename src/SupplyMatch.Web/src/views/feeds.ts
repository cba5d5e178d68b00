import { api, ApiError } from '../api';
import { badge, clear, errorBox, h, loading, section, table } from '../dom';
import * as f from '../format';
import { t, tv } from '../i18n';
import { rowErrorsTable, toRowError } from './rowErrors';

// The feed registry (GET /api/v1/feeds, /feeds/{id}/runs, /feeds/{id}/runs/{runId}/rejected) is read defensively:
// field names vary between list and detail shapes, and a service without feeds answers 404, shown as "no feeds yet".
type Json = Record<string, unknown>;

const items = (data: unknown): Json[] => (Array.isArray(data) ? data : ((data as { items?: Json[] } | null)?.items ?? [])) as Json[];
const text = (v: unknown) => (v == null ? '' : String(v));
const count = (v: unknown) => (typeof v === 'number' ? f.num(v) : '');

async function optional(path: string): Promise<unknown | null> {
  try {
    return await api.get<unknown>(path);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return null;
    throw error;
  }
}

export async function feedsView(root: HTMLElement): Promise<void> {
  clear(root, h('h1', {}, t('feedsTitle')), loading());
  try {
    const feeds = items(await optional('/feeds'));
    if (feeds.length === 0) {
      clear(root, h('h1', {}, t('feedsTitle')), h('p', { class: 'card muted', 'data-testid': 'feeds-none' }, t('feedsNone')));
      return;
    }
    const runs = h('div', {});
    clear(root, h('h1', {}, t('feedsTitle')), section(t('feedsTitle'), 'feeds', table<Json>([
      { label: 'id', cell: (x) => h('button', { type: 'button', class: 'linklike', onclick: () => void showRuns(runs, text(x.id)) }, text(x.id)) },
      { label: t('owner'), cell: (x) => text(x.ownerId ?? x.buyerId ?? x.baseId) },
      { label: t('feedKind'), cell: (x) => tv('feedKind', text(x.kind)) },
      { label: t('feedUrl'), cell: (x) => text(x.url) },
      { label: t('feedSchedule'), cell: (x) => text(x.cron ?? x.schedule) },
      { label: t('feedMode'), cell: (x) => text(x.mode) },
      { label: t('feedEnabled'), cell: (x) => (x.enabled === false ? t('no') : t('yes')) },
      { label: t('lastRun'), cell: (x) => runStatus((x.lastRun ?? null) as Json | null) },
    ], feeds, 'feeds-table')), runs);
  } catch (error) {
    clear(root, h('h1', {}, t('feedsTitle')), errorBox(error));
  }
}

function runStatus(run: Json | null): HTMLElement | string {
  if (!run) return '';
  return h('span', {}, badge(text(run.status ?? run.outcome), text(run.status ?? run.outcome)), ' ', f.dateTime(text(run.finishedAt ?? run.startedAt)));
}

async function showRuns(holder: HTMLElement, feedId: string): Promise<void> {
  clear(holder, loading());
  try {
    const runs = items(await optional(`/feeds/${encodeURIComponent(feedId)}/runs`)).slice(0, 20);
    const rejected = h('div', {});
    clear(holder, section(`${t('runsTitle')} · ${feedId}`, 'feed-runs', runs.length === 0 ? h('p', { class: 'muted' }, t('runsNone')) : table<Json>([
      { label: t('runStarted'), cell: (r) => f.dateTime(text(r.startedAt)) },
      { label: t('runFinished'), cell: (r) => f.dateTime(text(r.finishedAt)) },
      { label: t('status'), cell: (r) => text(r.status ?? r.outcome) },
      { label: t('httpStatus'), cell: (r) => text(r.httpStatus) },
      { label: t('rowsRead'), numeric: true, cell: (r) => count(r.rowsRead ?? r.read) },
      { label: t('rowsCreated'), numeric: true, cell: (r) => count(r.rowsCreated ?? r.created) },
      { label: t('rowsUpdated'), numeric: true, cell: (r) => count(r.rowsUpdated ?? r.updated) },
      { label: t('rowsUnchanged'), numeric: true, cell: (r) => count(r.rowsUnchanged ?? r.unchanged) },
      { label: t('rowsCancelled'), numeric: true, cell: (r) => count(r.rowsCancelled ?? r.cancelled) },
      { label: t('rowsRejected'), numeric: true, cell: (r) => count(r.rowsRejected ?? r.rejected) },
      { label: '', cell: (r) => h('button', { type: 'button', onclick: () => void showRejected(rejected, feedId, r) }, t('showRejected')) },
    ], runs, 'feed-runs-table')), rejected);
  } catch (error) {
    clear(holder, errorBox(error));
  }
}

async function showRejected(holder: HTMLElement, feedId: string, run: Json): Promise<void> {
  clear(holder, loading());
  try {
    const inline = Array.isArray(run.rejectedRows) ? (run.rejectedRows as Json[]) : null;
    const rows = inline ?? items(await optional(`/feeds/${encodeURIComponent(feedId)}/runs/${encodeURIComponent(text(run.id))}/rejected`));
    clear(holder, rows.length === 0 ? h('p', { class: 'muted' }, t('nothingHere')) : rowErrorsTable(rows.flatMap(toRowError), 'feed-rejected'));
  } catch (error) {
    clear(holder, errorBox(error));
  }
}
