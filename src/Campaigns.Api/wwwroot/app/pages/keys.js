// API keys (#/keys): the tenant's keys with their last use; make a named key (shown this once, with a copy button);
// revoke one after a confirmation. The server refuses to revoke the tenant's last active key (409): the page shows why.
import { api, pagePath } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { announce, applyFieldErrors, badge, dateTime, field, pageHeading, relative, showProblem } from '../ui.js';
import { keysetPager } from './lists/pager.js';
import { confirmDialog } from './campaigns/confirm.js';

const pageSize = 50;

export async function index(main, { signal }) {
  main.append(pageHeading('API keys'),
    h('p', { class: 'muted' },
      'Your programs send a key in the ', h('code', null, 'apikey'), ' header. Give each program its own key, so that you can ',
      'see when each was last used and revoke one without stopping the others. Revoking a key also ends every token made from it.'));

  const listErrors = h('div');
  const table = keysetPager({
    caption: 'API keys',
    noun: 'keys',
    empty: 'No keys.',
    signal,
    headers: ['Name', 'Starts with', 'Created', 'Last used', 'Status', 'Actions'],
    load: (after, s) => api(pagePath('/api/keys', { limit: pageSize, after }), { signal: s }),
    row: key => h('tr', null,
      h('th', { scope: 'row' }, key.name, key.current ? h('span', { class: 'muted small' }, ' (this page is signed in with it)') : null),
      h('td', { class: 'nowrap' }, h('code', null, `${key.prefix}…`)),
      h('td', { class: 'nowrap' }, dateTime(key.createdAt)),
      h('td', { class: 'nowrap' }, key.lastUsedAt ? relative(key.lastUsedAt) : h('span', { class: 'muted' }, 'Never')),
      h('td', { class: 'nowrap' }, key.revokedAt ? [badge('revoked'), ' ', dateTime(key.revokedAt)] : badge('active')),
      h('td', null, key.revokedAt
        ? null
        : revokeButton(key, listErrors, signal, () => table.reload(), () => table.element.querySelector('.table-wrap')))),
  });
  main.append(
    createForm({ signal, onCreated: () => table.first() }),
    h('section', { 'aria-labelledby': 'keys-heading' },
      h('h2', { id: 'keys-heading' }, 'Your keys'),
      listErrors,
      table.element));
  await table.first();
}

function createForm({ signal, onCreated }) {
  const name = field({
    label: 'Name',
    hint: 'What the key is for, e.g. "Shop backend" or "Branch 12": up to 100 characters.',
    input: h('input', { type: 'text', name: 'name', maxlength: '100', autocomplete: 'off', required: true }),
  });
  const errors = h('div', { class: 'form-errors' });
  const result = h('div', { class: 'created-key' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create key');
  const form = h('form', { class: 'card key-form', novalidate: true, 'aria-labelledby': 'create-key-heading' },
    h('h2', { id: 'create-key-heading' }, 'Create a key'),
    name.element, errors,
    h('div', { class: 'form-actions' }, submit),
    result);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    name.setError(null);
    showProblem(errors, null);
    replace(result);
    if (!name.input.value.trim()) {
      name.setError('Give the key a name.');
      name.input.focus();
      return;
    }
    submit.disabled = true;
    try {
      const created = await api('/api/keys', { method: 'POST', json: { name: name.input.value }, signal });
      name.input.value = '';
      const shown = revealKey(created, () => {
        replace(result);
        name.input.focus();
      });
      replace(result, shown.element);
      shown.input.focus();
      shown.input.select();
      announce(`Key "${created.name}" created. Copy it now: you will not see it again.`);
      onCreated();
    } catch (error) {
      if (error?.name === 'AbortError') return;
      const rest = applyFieldErrors({ name }, error);
      if (rest) showProblem(errors, rest); else name.input.focus();
      announce(`The key was not created: ${error.message}`);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** The new key, this once: a read-only field to select, a copy button, the warning, and a button that hides it. */
function revealKey(created, onDone) {
  const id = uid('new-key');
  const warningId = uid('key-warning');
  const input = h('input', {
    type: 'text', id, readonly: true, value: created.key, class: 'key-value', spellcheck: 'false', autocomplete: 'off',
    'aria-describedby': warningId,
  });
  const copied = h('p', { class: 'small copy-status', role: 'status' });
  const copy = h('button', { type: 'button', class: 'primary' }, 'Copy key');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      copied.textContent = 'Copied to the clipboard.';
    } catch {
      input.focus();
      input.select();
      copied.textContent = 'The browser did not let the page copy: the key is selected, copy it with Ctrl+C (⌘C on a Mac).';
    }
  });
  const done = h('button', { type: 'button', onclick: onDone }, 'I have copied it');
  const element = h('div', { class: 'notice key-reveal' },
    h('p', { id: warningId }, h('strong', null, 'Copy this key now: you will not see it again.'),
      ' Only its first characters are kept, to tell it apart in the list. If you lose it, revoke it and create another.'),
    h('label', { for: id }, `New key "${created.name}"`),
    h('div', { class: 'key-row' }, input, copy, done),
    copied);
  return { element, input };
}

/** The Revoke button of an active key: confirmed in a dialog; a refusal (the last active key) shows above the table. */
function revokeButton(key, errors, signal, reload, focusAfter) {
  const button = h('button', { type: 'button', class: 'danger small-button', 'aria-label': `Revoke ${key.name}` }, 'Revoke');
  button.addEventListener('click', async () => {
    const yes = await confirmDialog({
      title: `Revoke the key "${key.name}"?`,
      text: 'Programs that use it are refused from now on, and every token made from it stops working. This cannot be undone.'
        + (key.current ? ' This page is signed in with this key: you will be signed out.' : ''),
      confirm: 'Revoke key',
      keep: 'Keep it',
    });
    if (!yes) {
      button.focus();
      return;
    }
    button.disabled = true;
    showProblem(errors, null);
    try {
      await api(`/api/keys/${encodeURIComponent(key.id)}`, { method: 'DELETE', signal });
      announce(`The key "${key.name}" was revoked.`);
      await reload(); // with the page's own key revoked, this read is refused and the page signs out
      if (!button.isConnected) (focusAfter() ?? document.querySelector('main h1'))?.focus();
    } catch (error) {
      if (error?.name === 'AbortError') return;
      showProblem(errors, error);
      announce(`The key "${key.name}" was not revoked: ${error.message}`);
      button.disabled = false;
      button.focus();
    }
  });
  return button;
}
