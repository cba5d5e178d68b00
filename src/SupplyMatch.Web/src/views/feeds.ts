import { api } from '../api';
import { badge, clear, errorBox, h, loading, section, table } from '../dom';
import * as f from '../format';
import { t, tv } from '../i18n';
import { currentUser } from '../session';
import type { FeedRun, FeedView } from '../types';
import { FeedRunsPanel } from './feedRuns';

// The feeds screen: GET /api/v1/feeds (each feed with its latest run) and, per feed, the run history with its rejected
// rows (feedRuns.ts). Planners see every feed and may pull one now (POST /feeds/{id}/pull); a buyer or base sees the feeds
// that pull its own file, read-only, so that it learns of a failed pull or a rejected row from the screen.
const POLL_MS = 1000;
const PULL_TIMEOUT_MS = 90_000;

const path = (feedId: string) => `/feeds/${encodeURIComponent(feedId)}`;

export function runBadge(run: FeedRun): HTMLElement {
  return badge(tv('runStatus', run.status), run.status);
}

export async function feedsView(root: HTMLElement): Promise<() => void> {
  const page = { stopped: false };
  const runs = new FeedRunsPanel();
  const owner = currentUser()?.role !== 'planner';
  const title = t(owner ? 'myFeedsTitle' : 'feedsTitle');
  const head = () => [h('h1', {}, title), owner ? h('p', { class: 'muted', 'data-testid': 'my-feeds-hint' }, t('myFeedsHint')) : null];
  clear(root, ...head(), loading());
  try {
    const feeds = await api.get<FeedView[]>('/feeds');
    if (feeds.length === 0) {
      clear(root, ...head(), h('p', { class: 'card muted', 'data-testid': 'feeds-none' }, t(owner ? 'myFeedsNone' : 'feedsNone')));
    } else {
      clear(root, ...head(), section(title, 'feeds', feedsTable(feeds, runs, page)), runs.element);
    }
  } catch (error) {
    clear(root, ...head(), errorBox(error));
  }
  return () => {
    page.stopped = true;
  };
}

function feedsTable(feeds: FeedView[], runs: FeedRunsPanel, page: { stopped: boolean }): HTMLElement {
  const planner = currentUser()?.role === 'planner';
  return table<FeedView>([
    { label: t('idLabel'), cell: (x) => h('button', { type: 'button', class: 'linklike', 'data-testid': `feed-${x.id}`, onclick: () => void runs.show(x.id) }, x.id) },
    { label: t('owner'), cell: (x) => x.ownerId },
    { label: `${t('feedKind')} · ${t('feedFormat')}`, cell: (x) => [tv('feedKind', x.kind), h('br'), h('small', { class: 'muted' }, x.format.toUpperCase())] },
    { label: t('feedUrl'), wrap: true, cell: (x) => h('span', { class: 'url' }, x.url) },
    { label: `${t('feedSchedule')} · ${t('feedMode')}`, cell: (x) => [h('code', {}, x.cron), h('br'), h('small', { class: 'muted' }, tv('feedMode', x.mode))] },
    { label: t('feedEnabled'), cell: (x) => (x.enabled ? t('yes') : t('no')) },
    { label: t('lastRun'), cell: (x) => lastRunCell(x.id, x.lastRun) },
    { label: '', cell: (x) => (planner ? pullCell(x, runs, page) : null) },
  ], feeds, 'feeds-table');
}

function lastRunCell(feedId: string, run: FeedRun | null): HTMLElement {
  const cell = h('span', { 'data-testid': `last-run-${feedId}` });
  showLastRun(cell, run);
  return cell;
}

function showLastRun(cell: HTMLElement, run: FeedRun | null): void {
  clear(cell, run ? [runBadge(run), h('br'), h('small', { class: 'muted' }, f.dateTime(run.finishedAt ?? run.startedAt))]
    : h('span', { class: 'muted' }, t('runsNone')));
}

function pullCell(feed: FeedView, runs: FeedRunsPanel, page: { stopped: boolean }): HTMLElement {
  const status = h('small', { class: 'muted pull-status', role: 'status', 'data-testid': `pull-status-${feed.id}` });
  const button: HTMLButtonElement = h('button', {
    type: 'button', 'data-testid': `pull-${feed.id}`,
    onclick: () => void pull(feed.id, button, status, runs, page),
  }, t('pullNow'));
  return h('span', { class: 'stack' }, button, status);
}

/** Queues a pull, then polls the runs until a new run has finished (or the timeout passes) and shows it. */
async function pull(feedId: string, button: HTMLButtonElement, status: HTMLElement, runs: FeedRunsPanel, page: { stopped: boolean }): Promise<void> {
  button.disabled = true;
  clear(status, t('pullWaiting'));
  try {
    const before = (await latestRun(feedId))?.id ?? null;
    await api.post(`${path(feedId)}/pull`);
    const deadline = Date.now() + PULL_TIMEOUT_MS;
    for (;;) {
      await new Promise((resolve) => window.setTimeout(resolve, POLL_MS));
      if (page.stopped || !status.isConnected) return;
      const latest = await latestRun(feedId);
      if (latest && latest.id !== before && latest.status !== 'running') {
        clear(status, t('pullDone', { status: tv('runStatus', latest.status) }));
        const cell = document.querySelector<HTMLElement>(`[data-testid="last-run-${CSS.escape(feedId)}"]`);
        if (cell) showLastRun(cell, latest);
        await runs.show(feedId);
        return;
      }
      if (Date.now() > deadline) {
        clear(status, t('pullTimedOut', { seconds: PULL_TIMEOUT_MS / 1000 }));
        return;
      }
    }
  } catch (error) {
    clear(status, errorBox(error));
  } finally {
    button.disabled = false;
  }
}

async function latestRun(feedId: string): Promise<FeedRun | undefined> {
  return (await api.get<FeedRun[]>(`${path(feedId)}/runs?limit=1`))[0];
}
