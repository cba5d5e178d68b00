import { api } from '../api';
import { clear, errorBox, h, loading, select } from '../dom';
import * as f from '../format';
import { t, tv } from '../i18n';

/** Items loaded per request: a buyer or base may hold thousands of lines or lots (a snapshot feed's cancelled ones). */
export const PAGE_SIZE = 100;

export interface PagedList {
  /** The filter, the table of the pages loaded so far and the button that loads the next page. */
  element: HTMLElement;
  /** Loads the first page again (after a change), keeping the chosen status. */
  refresh: () => Promise<void>;
}

/**
 * A list paged by id (`after` = a page's `nextAfter`) with a status filter, open by default: the open items are the ones
 * to act on, and a long-running snapshot feed leaves many cancelled ones behind. Pages are loaded on request, never all.
 */
export function pagedByStatus<T>(path: string, testId: string, render: (items: T[]) => HTMLElement): PagedList {
  const filter = select('status', [['open', tv('lineStatus', 'open')], ['cancelled', tv('lineStatus', 'cancelled')], ['', t('all')]], 'open');
  filter.setAttribute('data-testid', `${testId}-status`);
  const holder = h('div', {}, loading());
  let items: T[] = [];
  let next: string | null = null;
  let generation = 0;

  const load = async (after: string | null) => {
    const mine = ++generation;
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (filter.value) query.set('status', filter.value);
    if (after) query.set('after', after);
    try {
      const page = await api.get<{ items: T[]; nextAfter: string | null }>(`${path}?${query.toString()}`);
      if (mine !== generation) return;
      items = after ? [...items, ...page.items] : page.items;
      next = page.items.length === 0 ? null : page.nextAfter;
      show();
    } catch (error) {
      if (mine === generation) clear(holder, errorBox(error));
    }
  };

  const show = () => {
    const more = next === null ? null : h('button', { type: 'button', 'data-testid': `${testId}-more`, onclick: () => void load(next) }, t('moreLines'));
    clear(holder,
      items.length === 0 ? h('p', { class: 'muted', 'data-testid': `${testId}-empty` }, t('nothingHere')) : render(items),
      h('p', { class: 'muted', 'data-testid': `${testId}-count`, 'data-shown': items.length }, t('showingLoaded', { shown: f.num(items.length) }), ' ', more));
  };

  filter.addEventListener('change', () => {
    items = [];
    next = null;
    clear(holder, loading());
    void load(null);
  });

  const element = h('div', {}, h('label', { class: 'inline' }, t('status'), ' ', filter), holder);
  return { element, refresh: () => load(null) };
}
