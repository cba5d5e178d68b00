import { api, download } from '../api';
import { badge, clear, errorBox, h, loading, section, table } from '../dom';
import * as f from '../format';
import { known, t, tv } from '../i18n';
import type { FeedRejection, FeedRun, FeedRunCounts } from '../types';
import { rowErrorsTable } from './rowErrors';

// The run history of one feed (GET /feeds/{id}/runs) and the rejected rows of a run: shown from
// GET /feeds/{id}/runs/{runId}/rejections, downloadable as CSV from /rejected-rows.
const COUNTS: Array<[keyof FeedRunCounts, Parameters<typeof t>[0]]> = [
  ['read', 'rowsRead'], ['created', 'rowsCreated'], ['updated', 'rowsUpdated'], ['unchanged', 'rowsUnchanged'],
  ['cancelled', 'rowsCancelled'], ['kept', 'rowsKept'], ['rejected', 'rowsRejected'],
];

const runPath = (feedId: string, runId: string) => `/feeds/${encodeURIComponent(feedId)}/runs/${encodeURIComponent(runId)}`;

export class FeedRunsPanel {
  readonly element = h('div', {});
  private shown = 0;

  /** Shows the last runs of a feed; a later call wins over an earlier one still loading. */
  async show(feedId: string): Promise<void> {
    const ticket = ++this.shown;
    clear(this.element, loading());
    try {
      const runs = await api.get<FeedRun[]>(`/feeds/${encodeURIComponent(feedId)}/runs?limit=20`);
      if (ticket !== this.shown) return;
      const rejected = h('div', {});
      clear(this.element, section(`${t('runsTitle')} · ${feedId}`, 'feed-runs',
        h('p', {}, h('button', { type: 'button', 'data-testid': 'refresh-runs', onclick: () => void this.show(feedId) }, t('refresh'))),
        runs.length === 0 ? h('p', { class: 'muted' }, t('runsNone')) : runsTable(feedId, runs, rejected)), rejected);
    } catch (error) {
      if (ticket === this.shown) clear(this.element, errorBox(error));
    }
  }
}

function runsTable(feedId: string, runs: FeedRun[], rejected: HTMLElement): HTMLElement {
  return table<FeedRun>([
    { label: t('runStarted'), cell: (r) => [h('span', { 'data-run': r.id }, f.dateTime(r.startedAt)), h('br'),
      h('small', { class: 'muted' }, r.finishedAt ? `→ ${f.dateTime(r.finishedAt)} · ` : '', tv('feedTrigger', r.trigger))] },
    { label: t('status'), wrap: true, cell: (r) => [h('span', { 'data-status': r.status }, badge(tv('runStatus', r.status), r.status)), h('br'),
      h('small', { class: 'muted' }, r.httpStatus == null ? '' : `HTTP ${r.httpStatus} · `, t('runAttempts', { count: f.num(r.attempts) })),
      r.error ? h('div', { class: 'run-error', 'data-testid': 'run-error', 'data-code': r.errorCode, title: r.error }, runError(r)) : null] },
    ...COUNTS.map(([name, label]) => ({
      label: t(label), numeric: true,
      cell: (r: FeedRun) => h('span', { 'data-count': name, title: name === 'kept' ? t('rowsKeptHint') : null }, f.num(r.counts[name])),
    })),
    { label: '', cell: (r) => (r.counts.rejected > 0 ? rejectedActions(feedId, r, rejected) : null) },
  ], runs, 'feed-runs-table');
}

/**
 * A run's error in the page's language, from its code and specifics. A run stored before codes were kept (or with a code
 * this page does not know yet) shows the English text the service stored.
 */
export function runError(run: FeedRun): string {
  const key = `feedError_${run.errorCode ?? ''}`;
  if (!run.errorCode || !known(key)) return run.error ?? '';
  const p = run.errorParams ?? {};
  return t(key, {
    ...p,
    limit: p.limit ? f.num(Number(p.limit)) : '',
    reasonNote: p.reason ? ` ${p.reason}` : '',
    attemptsNote: p.attempts ? t('feedErrorAttempts', { attempts: p.attempts }) : '',
    cause: requestCause(p),
  });
}

/** Why a request failed, from its cause code; a cause this page does not know (or none) shows the network's own text. */
function requestCause(p: Record<string, string>): string {
  const key = `feedCause_${p.cause ?? ''}`;
  return t(p.cause && known(key) ? key : 'feedCause_other', { detail: p.detail ?? '' });
}

function rejectedActions(feedId: string, run: FeedRun, holder: HTMLElement): HTMLElement {
  return h('span', { class: 'stack' },
    h('button', { type: 'button', 'data-testid': `show-rejected-${run.id}`, onclick: () => void showRejected(holder, feedId, run) }, t('showRejected')),
    csvLink(feedId, run, holder, `download-rejected-${run.id}`));
}

/** A link to the CSV report: fetched with the API key (a plain link could not send it) and saved as a file. */
function csvLink(feedId: string, run: FeedRun, holder: HTMLElement, testId: string): HTMLAnchorElement {
  const file = `feed-${feedId}-run-${run.id}-rejected.csv`;
  return h('a', {
    href: `/api/v1${runPath(feedId, run.id)}/rejected-rows`, download: file, 'data-testid': testId,
    onclick: (e: Event) => {
      e.preventDefault();
      download(`${runPath(feedId, run.id)}/rejected-rows`, file).catch((error: unknown) => clear(holder, errorBox(error)));
    },
  }, t('downloadCsv'));
}

async function showRejected(holder: HTMLElement, feedId: string, run: FeedRun): Promise<void> {
  clear(holder, loading());
  try {
    const rows = await api.get<FeedRejection[]>(`${runPath(feedId, run.id)}/rejections`);
    clear(holder, section(`${t('rejectedRows')} · ${f.dateTime(run.startedAt)}`, 'feed-rejected-rows',
      h('p', {}, csvLink(feedId, run, holder, 'download-rejected')),
      rows.length === 0 ? h('p', { class: 'muted' }, t('nothingHere'))
        : rowErrorsTable(rows.map((r) => ({ row: r.row, id: r.externalId, column: r.column, reason: r.message, code: r.code, reasonZh: r.reasonZh })), 'feed-rejected')));
  } catch (error) {
    clear(holder, errorBox(error));
  }
}
