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

/** Reads a rejected row from whichever field names a report uses (row/rowNumber, column/field, reason/message). */
export function toRowError(raw: Record<string, unknown>): RowError[] {
  const row = Number(raw.row ?? raw.rowNumber ?? raw.line ?? 0);
  const id = (raw.id ?? raw.externalId ?? null) as string | null;
  const nested = raw.errors;
  if (Array.isArray(nested)) {
    return nested.map((e: Record<string, unknown>) => ({ row, id, column: (e.column ?? e.field ?? null) as string | null, reason: String(e.reason ?? e.message ?? '') }));
  }
  return [{ row, id, column: (raw.column ?? raw.field ?? null) as string | null, reason: String(raw.reason ?? raw.message ?? '') }];
}
