import { errorMessage, violationLines } from './errors';
import { t, type Key } from './i18n';

// A small DOM toolkit: elements are built with h(); text always goes in as text, never as HTML.
export type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) {
      append(el, child);
      continue;
    }
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

export interface Column<T> {
  label: string;
  cell: (row: T) => Child;
  numeric?: boolean;
  /** Long text (explanations, hints) that may wrap; other cells stay on one line. */
  wrap?: boolean;
}

export function table<T>(columns: Column<T>[], rows: T[], testId?: string): HTMLTableElement {
  return h('table', { class: 'grid', 'data-testid': testId },
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { class: c.numeric ? 'num' : null }, c.label)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...columns.map((c) => h('td', { class: c.numeric ? 'num' : c.wrap ? 'wrap' : null }, c.cell(r)))))));
}

export function section(title: string, testId: string | null, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card', 'data-testid': testId }, h('h2', {}, title), ...children);
}

/** An error from the API shown in words the user can act on, with the fields to correct. */
export function errorBox(error: unknown): HTMLElement {
  const lines = violationLines(error);
  return h('div', { class: 'error', role: 'alert', 'data-testid': 'error' },
    h('p', {}, errorMessage(error)),
    lines.length > 0 ? h('ul', {}, ...lines.map((l) => h('li', {}, l))) : null);
}

export function notice(text: string, testId = 'notice'): HTMLElement {
  return h('div', { class: 'notice', role: 'status', 'data-testid': testId }, text);
}

export function loading(): HTMLElement {
  return h('p', { class: 'muted' }, t('loading'));
}

export function field(label: Key, input: HTMLElement, hint?: string): HTMLElement {
  return fieldText(t(label), input, hint);
}

export function fieldText(label: string, input: HTMLElement, hint?: string): HTMLElement {
  return h('label', { class: 'field' }, h('span', {}, label), input, hint ? h('small', { class: 'muted' }, hint) : null);
}

export function input(name: string, type: string, value: string | number = '', extra: Attrs = {}): HTMLInputElement {
  return h('input', { name, type, value: String(value), ...extra });
}

export function select(name: string, options: Array<[string, string]>, value?: string): HTMLSelectElement {
  const el = h('select', { name }, ...options.map(([v, label]) => h('option', { value: v }, label)));
  if (value !== undefined) el.value = value;
  return el;
}

export function badge(text: string, kind: string): HTMLElement {
  return h('span', { class: `badge badge-${kind}` }, text);
}

export function link(href: string, text: Child, testId?: string): HTMLAnchorElement {
  return h('a', { href, 'data-testid': testId }, text);
}

/** Reads a form's named inputs as strings (checkboxes as "true"/"false"). */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const el of Array.from(form.elements)) {
    if (el instanceof HTMLInputElement && el.name) values[el.name] = el.type === 'checkbox' ? String(el.checked) : el.value.trim();
    else if (el instanceof HTMLSelectElement && el.name) values[el.name] = el.value;
  }
  return values;
}

export const optionalNumber = (text: string | undefined): number | null => (text == null || text === '' ? null : Number(text));
