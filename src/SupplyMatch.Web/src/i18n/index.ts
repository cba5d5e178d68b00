import { en, type Key } from './en';
import { zh } from './zh';

export type { Key } from './en';
export type Lang = 'zh' | 'en';

const LANG_STORE = 'supplymatch.lang';
const listeners: Array<() => void> = [];
let current: Lang = readStoredLang();

function readStoredLang(): Lang {
  const stored = localStorage.getItem(LANG_STORE);
  return stored === 'en' || stored === 'zh' ? stored : 'zh';
}

export function lang(): Lang {
  return current;
}

/** The BCP 47 locale used for numbers and dates. */
export function locale(): string {
  return current === 'zh' ? 'zh-CN' : 'en-GB';
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  localStorage.setItem(LANG_STORE, next);
  document.documentElement.lang = locale();
  listeners.forEach((l) => l());
}

export function onLangChange(listener: () => void): void {
  listeners.push(listener);
}

/** A label in the current language, with {name} placeholders filled in. */
export function t(key: Key, params?: Record<string, string | number>): string {
  const text: string = (current === 'zh' ? zh : en)[key] ?? en[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : text;
}

/** Whether a key built at run time (e.g. from a code the service sends) has a label. */
export function known(key: string): key is Key {
  return key in en;
}

/** A label for an enum-like value (e.g. status_solved), or the raw value when unknown. */
export function tv(prefix: string, value: string | null | undefined): string {
  if (value == null) return '';
  const key = `${prefix}_${value}` as Key;
  return key in en ? t(key) : value;
}

/** Picks the Chinese or the English of a pair of names. */
export function pick(zhText: string | null | undefined, enText: string | null | undefined): string {
  return (current === 'zh' ? zhText || enText : enText || zhText) ?? '';
}
