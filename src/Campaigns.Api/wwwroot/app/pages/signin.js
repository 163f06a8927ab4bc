// Sign in with the tenant's API key: checked against GET /api/tenant, then kept in sessionStorage for this tab.
import { api, rememberKey, forgetKey } from '../api.js';
import { h } from '../dom.js';
import { field, pageHeading, showProblem } from '../ui.js';
import { navigate } from '../router.js';

let message = null;
let returnTo = null;

/** A message shown above the form on the next visit (e.g. "You are signed out."). */
export function setMessage(text) {
  message = text;
}

/** Where to go after signing in (the page that sent the visitor here). */
export function setReturnTo(path) {
  returnTo = path && path !== '/' && path !== '/signin' ? path : null;
}

export function page(main) {
  const key = field({
    label: 'API key',
    hint: 'Your team\'s key (scripts/tenant create prints it). It is kept only in this browser tab until you sign out or close it.',
    input: h('input', { type: 'password', name: 'apikey', autocomplete: 'current-password', required: true, spellcheck: 'false' }),
  });
  const errors = h('div', { class: 'form-errors' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'card narrow', novalidate: true }, key.element, errors, h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const value = key.input.value.trim();
    if (!value) {
      key.setError('Enter your API key.');
      key.input.focus();
      return;
    }
    key.setError(null);
    submit.disabled = true;
    rememberKey(value);
    try {
      const tenant = await api('/api/tenant');
      document.getElementById('tenant-name').textContent = tenant.name;
      message = null;
      const target = returnTo ?? '/campaigns';
      returnTo = null;
      navigate(target);
    } catch (error) {
      forgetKey();
      if (error.status === 401) {
        key.setError('This key was not accepted. Check it and try again.');
        key.input.focus();
      } else {
        showProblem(errors, error);
      }
    } finally {
      submit.disabled = false;
    }
  });
  main.append(
    h('div', { class: 'signin' },
      pageHeading('Sign in to Campaigns'),
      message ? h('p', { class: 'notice', role: 'status' }, message) : null,
      form));
}
