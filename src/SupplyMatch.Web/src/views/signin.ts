import { clear, errorBox, h } from '../dom';
import { t } from '../i18n';
import { signIn } from '../session';

export function signInView(root: HTMLElement): void {
  const key = h('input', { type: 'password', name: 'apiKey', autocomplete: 'off', required: true, 'data-testid': 'api-key', 'aria-label': t('apiKey') });
  const message = h('div', {});
  const form = h('form', { class: 'card signin', 'data-testid': 'signin-form' },
    h('h1', {}, t('signIn')),
    h('label', { class: 'field' }, h('span', {}, t('apiKey')), key, h('small', { class: 'muted' }, t('apiKeyHint'))),
    message,
    h('button', { type: 'submit', class: 'primary', 'data-testid': 'sign-in' }, t('signIn')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(message);
    try {
      await signIn(key.value.trim());
      window.dispatchEvent(new Event('supplymatch:signed-in'));
    } catch (error) {
      clear(message, errorBox(error));
    }
  });
  clear(root, form);
  key.focus();
}
