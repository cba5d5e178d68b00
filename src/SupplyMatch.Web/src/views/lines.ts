import { api, ApiError } from '../api';
import { badge, clear, errorBox, field, formValues, h, input, link, loading, notice, optionalNumber, section, select, table } from '../dom';
import * as f from '../format';
import { t, tv } from '../i18n';
import { productName, reference } from '../reference';
import type { DemandLine, Product } from '../types';
import { pagedByStatus } from './pagedList';
import { rowErrorsTable, type RowError } from './rowErrors';

interface UploadReport {
  fileName: string;
  rowsRead: number;
  acceptedCount: number;
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  rejectedCount: number;
  accepted: Array<{ row: number; id: string; lineId: string; outcome: 'created' | 'updated' | 'unchanged' }>;
  rejected: RowError[];
}

/** What the accepted rows did: lines created, lines updated, rows identical to their line (a file sent again). */
const OUTCOMES: Array<[keyof UploadReport & `${string}Count`, Parameters<typeof t>[0]]> = [
  ['createdCount', 'rowsCreated'], ['updatedCount', 'rowsUpdated'], ['unchangedCount', 'rowsUnchanged'],
];

const GRADES = ['premium', 'first', 'second'];

export async function linesView(root: HTMLElement): Promise<void> {
  const message = h('div', {});
  const products = await reference.products();
  const list = pagedByStatus<DemandLine>('/demand-lines', 'lines', (lines) => linesTable(lines, products));
  clear(root, h('h1', {}, t('linesTitle')), message, addLineForm(products, message, list.refresh), uploadForm(list.refresh), section(t('linesTitle'), 'lines', list.element));
  await list.refresh();
}

function linesTable(lines: DemandLine[], products: Map<string, Product>): HTMLElement {
  return table<DemandLine>([
    { label: t('line'), cell: (l) => link(`#/lines/${encodeURIComponent(l.id)}`, l.id) },
    { label: t('product'), cell: (l) => productName(products, l.productCode) },
    { label: t('minGrade'), cell: (l) => tv('grade', l.minGrade) },
    { label: t('quantity'), numeric: true, cell: (l) => f.num(l.quantityKg) },
    { label: t('earliest'), cell: (l) => f.day(l.earliest) },
    { label: t('latest'), cell: (l) => f.day(l.latest) },
    { label: t('maxLanded'), numeric: true, cell: (l) => f.cnyPerKg(l.maxLandedCnyPerKg) },
    { label: t('minFreshness'), numeric: true, cell: (l) => f.percent(l.minFreshnessPercent, 0) },
    { label: t('status'), cell: (l) => badge(tv('lineStatus', l.status), l.status) },
  ], lines, 'lines-table');
}

function productOptions(products: Map<string, Product>): Array<[string, string]> {
  return [...products.values()].map((p): [string, string] => [p.code, `${productName(products, p.code)} (${p.code})`]);
}

function addLineForm(products: Map<string, Product>, message: HTMLElement, changed: () => Promise<void>): HTMLElement {
  const out = h('div', {});
  const form = h('form', { class: 'form-grid', 'data-testid': 'add-line' },
    field('product', select('productCode', productOptions(products))),
    field('minGrade', select('minGrade', GRADES.map((g): [string, string] => [g, tv('grade', g)]), 'first')),
    field('quantity', input('quantityKg', 'number', 1000, { min: 1, step: 1, required: true })),
    field('earliest', input('earliest', 'date', f.todayCst(2), { required: true })),
    field('latest', input('latest', 'date', f.todayCst(4), { required: true })),
    field('maxLanded', input('maxLandedCnyPerKg', 'number', '6.80', { min: 0.01, step: 0.01, required: true })),
    field('minFreshness', input('minFreshnessPercent', 'number', 60, { min: 0, max: 100, required: true })),
    field('priority', input('priority', 'number', 3, { min: 1, max: 5 })),
    field('partialAllowed', input('partialAllowed', 'checkbox', '', { checked: true })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'add-line-submit' }, t('save'))),
    out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(out);
    const v = formValues(form);
    try {
      const line = await api.post<DemandLine>('/demand-lines', {
        productCode: v.productCode, minGrade: v.minGrade, quantityKg: optionalNumber(v.quantityKg), earliest: v.earliest || null, latest: v.latest || null,
        maxLandedCnyPerKg: optionalNumber(v.maxLandedCnyPerKg), minFreshnessPercent: optionalNumber(v.minFreshnessPercent),
        partialAllowed: v.partialAllowed === 'true', priority: optionalNumber(v.priority),
      });
      clear(message, notice(t('lineSaved', { id: line.id })));
      await changed();
    } catch (error) {
      clear(out, errorBox(error));
    }
  });
  return h('details', { class: 'card' }, h('summary', {}, t('addLine')), form);
}

function uploadForm(changed: () => Promise<void>): HTMLElement {
  const out = h('div', { 'data-testid': 'upload-result' });
  const file = input('file', 'file', '', { accept: '.csv,text/csv', required: true, 'data-testid': 'upload-file' });
  const form = h('form', { class: 'form-grid', 'data-testid': 'upload-form' },
    h('p', { class: 'muted wide' }, t('uploadHint')),
    field('chooseFile', file),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'upload-submit' }, t('upload'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return;
    clear(out, loading());
    try {
      const report = await api.upload<UploadReport>('/demand-lines/upload', chosen);
      clear(out,
        notice(t('uploadResult', { accepted: f.num(report.acceptedCount), rejected: f.num(report.rejectedCount) }), 'upload-summary'),
        uploadCounts(report),
        report.rejected.length > 0 ? rowErrorsTable(report.rejected, 'upload-errors') : null);
      await changed();
    } catch (error) {
      const fileErrors = error instanceof ApiError && Array.isArray(error.problem.fileErrors) ? (error.problem.fileErrors as RowError[]) : [];
      clear(out, errorBox(error), fileErrors.length > 0 ? rowErrorsTable(fileErrors, 'upload-errors') : null);
    }
  });
  return section(t('uploadTitle'), 'upload', form, out);
}

function uploadCounts(report: UploadReport): HTMLElement {
  return h('dl', { class: 'facts', 'data-testid': 'upload-counts' },
    ...OUTCOMES.flatMap(([count, label]) => [h('dt', {}, t(label)), h('dd', { 'data-count': count }, f.num(report[count]))]));
}

export async function lineView(root: HTMLElement, params: Record<string, string>, done?: HTMLElement): Promise<void> {
  clear(root, loading());
  const message = h('div', {}, done ?? null);
  try {
    const [line, products] = await Promise.all([api.get<DemandLine>(`/demand-lines/${encodeURIComponent(params.id)}`), reference.products()]);
    const cancel = async () => {
      try {
        await api.del(`/demand-lines/${encodeURIComponent(line.id)}`);
        // Shown again as stored: cancelled, without the button.
        await lineView(root, params, notice(t('lineCancelledOk', { id: line.id })));
      } catch (error) {
        clear(message, errorBox(error));
      }
    };
    const rows: Array<[string, string]> = [
      [t('product'), productName(products, line.productCode)], [t('minGrade'), tv('grade', line.minGrade)], [t('quantity'), f.kg(line.quantityKg)],
      [t('earliest'), f.day(line.earliest)], [t('latest'), f.day(line.latest)], [t('maxLanded'), f.cnyPerKg(line.maxLandedCnyPerKg)],
      [t('minFreshness'), f.percent(line.minFreshnessPercent, 0)], [t('partialAllowed'), line.partialAllowed ? t('yes') : t('no')],
      [t('priority'), String(line.priority)], [t('status'), tv('lineStatus', line.status)], [t('version'), String(line.version)],
      [t('created'), f.dateTime(line.createdAt)],
    ];
    clear(root, h('div', { class: 'card', 'data-testid': 'line-detail' },
      h('div', { class: 'page-head' }, h('h1', {}, `${t('lineDetail')} ${line.id}`), link('#/lines', t('back'))),
      h('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      line.status === 'open' ? h('button', { type: 'button', 'data-testid': 'cancel-line', onclick: () => void cancel() }, t('cancelLine')) : null,
      message));
  } catch (error) {
    clear(root, h('div', { class: 'card', 'data-testid': 'line-detail' }, h('h1', {}, t('lineDetail')), errorBox(error), link('#/lines', t('back'))));
  }
}
