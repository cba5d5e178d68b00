import { api } from '../api';
import { badge, clear, errorBox, field, formValues, h, input, loading, notice, section, select, table } from '../dom';
import * as f from '../format';
import { t, tv } from '../i18n';

interface KeyInfo { id: string; role: string; ownerId: string | null; name: string; createdAt: string; revokedAt: string | null }
interface AuditEntry { id: number; at: string; actorKeyId: string; actorRole: string; actorOwnerId: string | null; action: string; entity: string; entityId: string }

export async function adminKeysView(root: HTMLElement): Promise<void> {
  const list = h('div', {}, loading());
  const message = h('div', {});
  const refresh = async () => {
    try {
      const keys = await api.get<KeyInfo[]>('/api-keys');
      clear(list, table<KeyInfo>([
        { label: t('keyName'), cell: (k) => k.name },
        { label: t('keyRole'), cell: (k) => tv('role', k.role) },
        { label: t('owner'), cell: (k) => k.ownerId ?? '' },
        { label: t('created'), cell: (k) => f.dateTime(k.createdAt) },
        { label: t('status'), cell: (k) => (k.revokedAt ? badge(t('revoked'), 'cancelled') : h('button', { type: 'button', onclick: () => void revoke(k.id) }, t('revoke'))) },
      ], keys, 'keys-table'));
    } catch (error) {
      clear(list, errorBox(error));
    }
  };
  const revoke = async (id: string) => {
    try {
      await api.del(`/api-keys/${id}`);
      await refresh();
    } catch (error) {
      clear(message, errorBox(error));
    }
  };
  const form = h('form', { class: 'form-grid', 'data-testid': 'issue-key' },
    field('keyRole', select('role', ['buyer', 'base', 'planner', 'admin'].map((r): [string, string] => [r, tv('role', r)]))),
    field('keyOwner', input('ownerId', 'text', '')),
    field('keyName', input('name', 'text', '', { required: true })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('issueKey'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    try {
      const issued = await api.post<{ key: string }>('/api-keys', { role: v.role, ownerId: v.ownerId || null, name: v.name });
      clear(message, notice(t('keyIssued', { key: issued.key }), 'key-issued'));
      await refresh();
    } catch (error) {
      clear(message, errorBox(error));
    }
  });
  clear(root, h('h1', {}, t('keysTitle')), message, h('details', { class: 'card' }, h('summary', {}, t('issueKey')), form), section(t('keysTitle'), 'keys', list));
  await refresh();
}

export async function adminAuditView(root: HTMLElement): Promise<void> {
  clear(root, h('h1', {}, t('auditTitle')), loading());
  try {
    const entries = await api.get<AuditEntry[]>('/audit?limit=200');
    clear(root, h('h1', {}, t('auditTitle')), section(t('auditTitle'), 'audit', table<AuditEntry>([
      { label: t('at'), cell: (a) => f.dateTime(a.at) },
      { label: t('actor'), cell: (a) => `${tv('role', a.actorRole)}${a.actorOwnerId ? ` (${a.actorOwnerId})` : ''}` },
      { label: t('action'), cell: (a) => a.action },
      { label: t('entity'), cell: (a) => `${a.entity} ${a.entityId}` },
    ], entries, 'audit-table')));
  } catch (error) {
    clear(root, h('h1', {}, t('auditTitle')), errorBox(error));
  }
}
