import { h, table } from '../dom';
import * as f from '../format';
import { t } from '../i18n';

/** One problem with one row of an uploaded or pulled file. */
export interface RowError {
  row: number;
  id?: string | null;
  column?: string | null;
  reason: string;
}

/** The row-level error report shared by CSV uploads and feed runs. */
export function rowErrorsTable(errors: RowError[], testId = 'row-errors'): HTMLElement {
  return h('div', { class: 'row-errors' },
    h('h3', {}, `${t('rejectedRows')} (${f.num(new Set(errors.map((e) => e.row)).size)})`),
    table<RowError>([
      { label: t('row'), numeric: true, cell: (e) => h('span', { 'data-row': e.row }, f.num(e.row)) },
      { label: 'id', cell: (e) => e.id ?? '' },
      { label: t('column'), cell: (e) => e.column ?? '' },
      { label: t('reason'), wrap: true, cell: (e) => e.reason },
    ], errors, testId));
}
