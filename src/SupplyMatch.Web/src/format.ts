import { locale, t } from './i18n';

// Numbers, money and dates in the chosen language. Timestamps are shown in China Standard Time.
export const CST = 'Asia/Shanghai';

const cache = new Map<string, Intl.NumberFormat>();

function nf(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale() + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(), options);
    cache.set(key, f);
  }
  return f;
}

export function num(value: number, digits = 0): string {
  return nf({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function kg(value: number): string {
  return `${num(value)} ${t('unitKg')}`;
}

export function cny(value: number, digits = 2): string {
  return nf({ style: 'currency', currency: 'CNY', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function cnyPerKg(value: number): string {
  return `${cny(value)}${t('unitPerKg')}`;
}

/** A fraction 0..1 as a percentage. */
export function fraction(value: number, digits = 1): string {
  return nf({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A percentage 0..100. */
export function percent(value: number, digits = 1): string {
  return fraction(value / 100, digits);
}

export function tonKm(value: number): string {
  return `${num(value)} ${t('unitTonKm')}`;
}

/** A CST calendar day (yyyy-MM-dd) as the language writes dates. */
export function day(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** A UTC instant shown in China Standard Time. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const text = new Intl.DateTimeFormat(locale(), {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: CST,
  }).format(new Date(iso));
  return `${text} ${locale() === 'zh-CN' ? '北京时间' : 'CST'}`;
}

/** Today's calendar day in China Standard Time, yyyy-MM-dd. */
export function todayCst(offsetDays = 0): string {
  const now = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: CST, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : text;
}

export function km(value: number): string {
  return `${num(value)} ${t('unitKm')}`;
}

/** kg of CO2 as tonnes to one decimal. */
export function co2(kgCo2: number): string {
  return `${num(kgCo2 / 1000, 1)} ${t('unitTonnesCo2')}`;
}

/** A UTC instant as the clock time in China Standard Time, with the CST day (month and day) when it is not the given day. */
export function timeCst(iso: string, sameDay?: string): string {
  const date = new Date(iso);
  const clock = new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: CST }).format(date);
  const cstDay = new Intl.DateTimeFormat('en-CA', { timeZone: CST, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  const zone = locale() === 'zh-CN' ? '北京时间' : 'CST';
  if (sameDay && cstDay === sameDay) return `${clock} ${zone}`;
  const short = new Intl.DateTimeFormat(locale(), { month: 'short', day: 'numeric', timeZone: CST }).format(date);
  return `${short} ${clock} ${zone}`;
}
