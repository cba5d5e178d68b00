import { h, table } from '../dom';
import * as f from '../format';
import { pick, t } from '../i18n';

/** One problem with one row of an uploaded or pulled file, with its stable code and its reason in English and Chinese. */
export interface RowError {
  row: number;
  id?: string | null;
  column?: string | null;
  reason: string;
  /** Null for feed rows stored before codes were kept. */
  code?: string | null;
  reasonZh?: string | null;
}

/** The row-level error report shared by CSV uploads and feed runs: the reason in the page's language, the code under it. */
export function rowErrorsTable(errors: RowError[], testId = 'row-errors'): HTMLElement {
  return h('div', { class: 'row-errors' },
    h('h3', {}, `${t('rejectedRows')} (${f.num(new Set(errors.map((e) => e.row)).size)})`),
    table<RowError>([
      { label: t('row'), numeric: true, cell: (e) => h('span', { 'data-row': e.row }, f.num(e.row)) },
      { label: t('idLabel'), cell: (e) => e.id ?? '' },
      { label: t('column'), cell: (e) => e.column ?? '' },
      { label: t('reason'), wrap: true, cell: (e) => reasonCell(e) },
    ], errors, testId));
}

function reasonCell(e: RowError): HTMLElement {
  const shown = pick(e.reasonZh, e.reason);
  const other = pick(e.reason, e.reasonZh);
  return h('span', { class: 'stack' },
    // The other language's reason on hover, for a reader who reads it better.
    h('span', { 'data-testid': 'row-reason', title: other !== shown ? other : null }, shown),
    e.code ? h('small', { class: 'muted', 'data-testid': 'row-code' }, e.code) : null);
}
