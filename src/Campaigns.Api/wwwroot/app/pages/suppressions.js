// Suppressions (#/suppressions): the numbers that are never sent to, page by page with why each is there (an opt-out
// reply, with its text, or added by hand) and since when; add numbers; take one off the list.
import { api, ApiError, pagePath } from '../api.js';
import { h, replace } from '../dom.js';
import { announce, dateTime, field, pageHeading, problemBox, showProblem } from '../ui.js';
import { keysetPager } from './lists/pager.js';

const pageSize = 50;

const reasons = {
  opt_out: 'Opt-out reply',
  manual: 'Added by hand',
};

/** The reason's words; a code this page does not know is shown as it is. */
export function reasonText(reason) {
  return reasons[reason] ?? reason;
}

/** "0712 345 678, +44 7911 123456\n0722…" → the entries, in order (lines, commas or semicolons between them). */
export function entries(text) {
  return text.split(/[\n\r,;]+/).map(entry => entry.trim()).filter(Boolean);
}

export async function index(main, { signal }) {
  main.append(pageHeading('Suppressions'),
    h('p', { class: 'muted' }, 'Numbers on this list are never sent a campaign message: their pending messages are skipped in every campaign.'));

  const table = keysetPager({
    caption: 'Suppressed numbers',
    noun: 'numbers',
    empty: 'No numbers are suppressed.',
    signal,
    headers: ['Phone', 'Reason', 'Detail', 'Since', 'Actions'],
    load: (after, s) => api(pagePath('/api/suppressions', { limit: pageSize, after }), { signal: s }),
    row: suppression => h('tr', null,
      h('th', { scope: 'row', class: 'nowrap' }, suppression.phone),
      h('td', null, h('span', { class: `reason reason-${String(suppression.reason).replace(/[^a-z_]/gi, '')}` }, reasonText(suppression.reason))),
      h('td', null, suppression.detail
        ? (suppression.reason === 'opt_out' ? h('q', { class: 'reply' }, suppression.detail) : suppression.detail)
        : h('span', { class: 'muted' }, '—')),
      h('td', { class: 'nowrap' }, dateTime(suppression.createdAt)),
      h('td', null, removeButton(suppression, listErrors, signal, () => table.reload(), () => table.element.querySelector('.table-wrap')))),
  });
  const listErrors = h('div');
  main.append(
    addForm({ signal, onAdded: () => table.first() }),
    h('section', null,
      h('h2', { id: 'suppressed-heading' }, 'Suppressed numbers'),
      listErrors,
      table.element));
  await table.first();
}

function addForm({ signal, onAdded }) {
  const numbers = field({
    label: 'Numbers to suppress',
    hint: 'One per line, or separated by commas. All are checked first: if one cannot be read, none is added.',
    input: h('textarea', { name: 'numbers', rows: '4', spellcheck: 'false', autocomplete: 'off', required: true }),
  });
  const region = field({
    label: 'Default region (optional)',
    hint: 'Two letters (KE, NG, GB…) for numbers written without a country code. Empty: the server\'s default.',
    input: h('input', { type: 'text', name: 'defaultRegion', maxlength: '2', size: '4', autocomplete: 'off', spellcheck: 'false', class: 'region' }),
  });
  const errors = h('div', { class: 'form-errors' });
  const result = h('div', { class: 'add-result' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Suppress numbers');
  const form = h('form', { class: 'card suppress-form', novalidate: true, 'aria-labelledby': 'add-heading' },
    h('h2', { id: 'add-heading' }, 'Add numbers'),
    numbers.element, region.element, errors,
    h('div', { class: 'form-actions' }, submit),
    result);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    numbers.setError(null);
    region.setError(null);
    showProblem(errors, null);
    replace(result);
    const list = entries(numbers.input.value);
    if (list.length === 0) {
      numbers.setError('Write at least one number.');
      numbers.input.focus();
      return;
    }
    const code = region.input.value.trim();
    submit.disabled = true;
    try {
      const added = await api(`/api/suppressions${code ? `?defaultRegion=${encodeURIComponent(code)}` : ''}`, { method: 'POST', json: list, signal });
      const already = added.received - added.added;
      const text = `Received ${added.received} ${added.received === 1 ? 'number' : 'numbers'}; ${added.added} added`
        + (already > 0 ? `, ${already} already on the list.` : '.');
      replace(result, h('p', { class: 'notice', role: 'status' }, text));
      announce(text);
      numbers.input.value = '';
      onAdded();
    } catch (error) {
      if (error?.name === 'AbortError') return;
      showAddProblem(error, list, { numbers, region, errors });
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** Puts a refusal where it belongs: bad numbers under the textarea (each named), a bad region under its field. */
function showAddProblem(error, list, { numbers, region, errors }) {
  const invalid = error instanceof ApiError ? error.problem.invalid : null;
  if (Array.isArray(invalid) && invalid.length) {
    numbers.setError(error.problem.detail ?? 'Some numbers could not be read.');
    const box = problemBox(error);
    box.append(h('ul', { class: 'bad-entries' }, invalid.map(item => h('li', null,
      h('code', null, item.value ?? list[item.position - 1] ?? ''), ` (entry ${item.position}): ${item.reason}`))));
    replace(errors, box);
    numbers.input.focus();
  } else if (error instanceof ApiError && error.field === 'defaultRegion') {
    region.setError(error.problem.detail ?? error.message);
    region.input.focus();
  } else if (error instanceof ApiError && error.field === 'body') {
    numbers.setError(error.problem.detail ?? error.message);
    numbers.input.focus();
  } else {
    showProblem(errors, error);
  }
  announce(`The numbers were not added: ${error.message}`);
}

/** The Remove button of a row; once its row is gone the focus goes to the table (from focusAfter()), not nowhere. */
function removeButton(suppression, errors, signal, reload, focusAfter) {
  const button = h('button', { type: 'button', class: 'danger small-button', 'aria-label': `Remove ${suppression.phone}` }, 'Remove');
  button.addEventListener('click', async () => {
    if (!window.confirm(`Take ${suppression.phone} off the suppression list? Campaigns may send to it again.`)) return;
    button.disabled = true;
    showProblem(errors, null);
    try {
      await api(`/api/suppressions/${encodeURIComponent(suppression.phone)}`, { method: 'DELETE', signal });
      announce(`${suppression.phone} was taken off the suppression list.`);
      await reload();
      if (!button.isConnected) (focusAfter() ?? document.querySelector('main h1'))?.focus();
    } catch (error) {
      if (error?.name === 'AbortError') return;
      showProblem(errors, error);
      button.disabled = false;
    }
  });
  return button;
}
