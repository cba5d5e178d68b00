import './style.css';
import { clear, h, loading } from './dom';
import { lang, locale, onLangChange, setLang, t, tv } from './i18n';
import { reference } from './reference';
import { currentPath, go, match, type Route } from './router';
import { currentUser, restore, signOut, type Me } from './session';
import { adminAuditView, adminKeysView } from './views/admin';
import { compareView } from './views/compare';
import { deliveriesView } from './views/deliveries';
import { feedsView } from './views/feeds';
import { lineView, linesView } from './views/lines';
import { lotsView, pickupsView } from './views/lots';
import { roundView } from './views/round';
import { roundsView } from './views/rounds';
import { signInView } from './views/signin';

const routes: Route[] = [
  { pattern: '/rounds', roles: ['planner'], view: roundsView },
  { pattern: '/rounds/:id', roles: ['planner'], view: roundView },
  { pattern: '/compare', roles: ['planner'], view: compareView },
  { pattern: '/feeds', roles: ['planner', 'buyer', 'base'], view: feedsView },
  { pattern: '/lines', roles: ['buyer'], view: linesView },
  { pattern: '/lines/:id', roles: ['buyer', 'planner'], view: lineView },
  { pattern: '/deliveries', roles: ['buyer'], view: deliveriesView },
  { pattern: '/lots', roles: ['base'], view: lotsView },
  { pattern: '/pickups', roles: ['base'], view: pickupsView },
  { pattern: '/keys', roles: ['admin'], view: adminKeysView },
  { pattern: '/audit', roles: ['admin', 'planner'], view: adminAuditView },
];

const nav: Record<Me['role'], Array<[string, Parameters<typeof t>[0]]>> = {
  planner: [['/rounds', 'navRounds'], ['/compare', 'navCompare'], ['/feeds', 'navFeeds'], ['/audit', 'navAudit']],
  buyer: [['/lines', 'navLines'], ['/deliveries', 'navDeliveries'], ['/feeds', 'navMyFeeds']],
  base: [['/lots', 'navLots'], ['/pickups', 'navPickups'], ['/feeds', 'navMyFeeds']],
  admin: [['/keys', 'navKeys'], ['/audit', 'navAudit']],
};

const app = document.getElementById('app')!;
let stop: (() => void) | void;

function header(me: Me | null): HTMLElement {
  const langButton = (value: 'zh' | 'en', label: string) =>
    h('button', { type: 'button', class: lang() === value ? 'lang active' : 'lang', 'data-testid': `lang-${value}`, 'aria-pressed': String(lang() === value), onclick: () => setLang(value) }, label);
  const path = currentPath();
  return h('header', { class: 'top' },
    h('div', { class: 'brand' }, h('strong', {}, t('appTitle')), h('span', { class: 'muted' }, t('appSubtitle'))),
    me ? h('nav', {}, ...nav[me.role].map(([href, key]) => h('a', { href: `#${href}`, class: path.startsWith(href) ? 'active' : null, 'data-testid': `nav-${href.slice(1)}` }, t(key)))) : null,
    h('div', { class: 'who' },
      me ? h('span', { 'data-testid': 'whoami' }, t('signedInAs', { role: tv('role', me.role) }),
        me.ownerId ? ` · ${(lang() === 'zh' ? me.ownerNameZh : me.ownerNameEn) ?? me.ownerId} (${me.ownerId})` : '') : null,
      h('span', { class: 'langs', role: 'group', 'aria-label': t('language') }, langButton('zh', '中文'), langButton('en', 'English')),
      me ? h('button', { type: 'button', 'data-testid': 'sign-out', onclick: () => { signOut(); reference.forget(); go('/'); render(); } }, t('signOut')) : null));
}

async function render(): Promise<void> {
  if (typeof stop === 'function') stop();
  stop = undefined;
  document.documentElement.lang = locale();
  document.title = `${t('appTitle')} · ${t('appSubtitle')}`;
  let me = currentUser();
  if (!me) {
    clear(app, loading());
    try {
      me = await restore();
    } catch {
      signOut();
      me = null;
    }
  }
  const main = h('main', {});
  clear(app, header(me), main);
  if (!me) {
    signInView(main);
    return;
  }
  const found = match(routes, currentPath());
  if (!found) {
    go(nav[me.role][0][0]);
    return;
  }
  if (!found.route.roles.includes(me.role)) {
    clear(main, h('p', { class: 'error', 'data-testid': 'not-found' }, t('notFoundPage')));
    return;
  }
  stop = await found.route.view(main, found.params);
}

window.addEventListener('hashchange', () => void render());
onLangChange(() => void render());
window.addEventListener('supplymatch:signed-in', () => void render());
void render();
