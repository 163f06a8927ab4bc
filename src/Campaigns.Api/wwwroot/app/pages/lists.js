// Contact lists: the tenant's lists with their import counts and an upload form (#/lists), and one list (#/lists/:id):
// its counts and columns, the line-numbered report of the rows not imported, its contacts page by page, delete.
import { api, download, pagePath } from '../api.js';
import { h, replace } from '../dom.js';
import { announce, dateTime, number, pageHeading, problemBox, showProblem } from '../ui.js';
import { navigate } from '../router.js';
import { importCounts } from './lists/counts.js';
import { keysetPager } from './lists/pager.js';
import { uploadForm } from './lists/upload.js';

const pageSize = 50;
// A list's page holds its report and its contacts: smaller pages keep both in view.
const detailPageSize = 25;

const numberCell = value => h('td', { class: 'number' }, number(value));
const numberHeader = text => ({ text, class: 'number' });

export async function index(main, { signal }) {
  main.append(pageHeading('Contact lists'));
  const lists = keysetPager({
    caption: 'Contact lists',
    noun: 'lists',
    empty: 'No lists yet: upload a CSV file above.',
    signal,
    headers: ['Name', 'File', numberHeader('Rows'), numberHeader('Imported'), numberHeader('Invalid'),
      numberHeader('Duplicates'), numberHeader('Suppressed'), 'Created'],
    load: (after, s) => api(pagePath('/api/contact-lists', { limit: pageSize, after }), { signal: s }),
    row: list => h('tr', null,
      h('th', { scope: 'row' }, h('a', { href: `#/lists/${list.id}` }, list.name)),
      h('td', null, list.fileName ?? '—'),
      numberCell(list.rows), numberCell(list.imported), numberCell(list.invalid),
      numberCell(list.duplicates), numberCell(list.suppressed),
      h('td', { class: 'nowrap' }, dateTime(list.createdAt))),
  });
  main.append(
    uploadForm({ signal, onImported: () => lists.first() }),
    h('section', null, h('h2', { id: 'lists-heading' }, 'Your lists'), lists.element));
  await lists.first();
}

export async function detail(main, { params, signal }) {
  let list;
  try {
    list = await api(`/api/contact-lists/${encodeURIComponent(params.id)}`, { signal });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    main.append(pageHeading('Contact list'), problemBox(error), h('p', null, h('a', { href: '#/lists' }, 'Back to the contact lists')));
    return;
  }

  const actionErrors = h('div', { class: 'action-errors' });
  const remove = h('button', { type: 'button', class: 'danger' }, 'Delete list');
  remove.addEventListener('click', () => deleteList(list, remove, actionErrors, signal));
  main.append(
    h('p', { class: 'breadcrumb small' }, h('a', { href: '#/lists' }, 'Contact lists')),
    pageHeading(list.name,
      h('a', { class: 'button primary', href: `#/campaigns/new?list=${encodeURIComponent(list.id)}` }, 'New campaign from this list'),
      remove),
    actionErrors,
    h('section', { class: 'card import-card' },
      h('h2', { id: 'import-heading' }, 'Import'),
      importCounts(list),
      h('p', { class: 'muted small list-meta' },
        list.fileName ? `From ${list.fileName}, ` : '', `uploaded ${dateTime(list.createdAt)}; `,
        `numbers without a country code read as ${list.defaultRegion}.`)),
    h('section', null,
      h('h2', { id: 'columns-heading' }, 'Columns'),
      h('ul', { class: 'columns' }, list.columns.map(column => h('li', null,
        h('code', null, column), column === list.phoneColumn ? h('span', { class: 'small' }, ' (phone numbers)') : null)))));

  const pending = [];
  const unused = list.invalid + list.duplicates + list.suppressed;
  if (unused > 0) {
    const report = keysetPager({
      caption: 'Rows not imported',
      noun: 'rows',
      empty: 'No rows were left out.',
      signal,
      headers: [numberHeader('Line'), 'Phone cell', 'Reason'],
      load: (after, s) => api(pagePath(`/api/contact-lists/${list.id}/error-rows`, { limit: detailPageSize, after }), { signal: s }),
      row: error => h('tr', null,
        h('td', { class: 'number' }, String(error.line)),
        h('td', null, error.value === null || error.value === '' ? h('span', { class: 'muted' }, '(empty)') : h('code', null, error.value)),
        h('td', null, error.reason)),
    });
    const reportErrors = h('div');
    const save = h('button', { type: 'button' }, 'Download the report (CSV)');
    save.addEventListener('click', async () => {
      save.disabled = true;
      showProblem(reportErrors, null);
      try {
        await download(`/api/contact-lists/${list.id}/errors`, `${fileStem(list)}-errors.csv`, signal);
        announce('The report was downloaded.');
      } catch (error) {
        showProblem(reportErrors, error);
      } finally {
        save.disabled = false;
      }
    });
    main.append(h('section', null,
      h('div', { class: 'section-heading' }, h('h2', { id: 'report-heading' }, `Rows not imported (${number(unused)})`), save),
      h('p', { class: 'muted small' }, 'Line numbers are the lines of the file as an editor shows them (the header is line 1).'),
      reportErrors,
      report.element));
    pending.push(report.first());
  }

  const columns = list.columns.filter(column => column !== list.phoneColumn);
  const contacts = keysetPager({
    caption: 'Contacts',
    noun: 'contacts',
    className: 'contacts',
    empty: 'This list has no contacts.',
    signal,
    headers: [numberHeader('Line'), 'Phone', ...columns],
    load: (after, s) => api(pagePath(`/api/contact-lists/${list.id}/contacts`, { limit: detailPageSize, after }), { signal: s }),
    row: contact => h('tr', null,
      h('td', { class: 'number' }, String(contact.line)),
      h('th', { scope: 'row', class: 'nowrap' }, contact.phone),
      columns.map(column => h('td', null, contact.fields[column] ?? ''))),
  });
  main.append(h('section', null,
    h('h2', { id: 'contacts-heading' }, `Contacts (${number(list.imported)})`),
    contacts.element));
  pending.push(contacts.first());
  await Promise.all(pending);
}

function fileStem(list) {
  return (list.fileName ?? list.name).replace(/\.csv$/i, '').replace(/[^\w.-]+/g, '-') || 'list';
}

async function deleteList(list, button, errors, signal) {
  if (!window.confirm(`Delete the list “${list.name}” and its ${list.imported} contacts? This cannot be undone.`)) return;
  button.disabled = true;
  showProblem(errors, null);
  try {
    await api(`/api/contact-lists/${list.id}`, { method: 'DELETE', signal });
    announce(`The list “${list.name}” was deleted.`);
    navigate('/lists');
  } catch (error) {
    if (error?.name === 'AbortError') return;
    const box = problemBox(error);
    const users = error.problem?.campaigns;
    if (box && Array.isArray(users) && users.length) {
      box.append(h('p', null, 'Campaigns using it:'), h('ul', null, users.map(campaign => h('li', null,
        h('a', { href: `#/campaigns/${campaign.id}` }, campaign.name), ` (${campaign.status})`))));
    }
    if (box) replace(errors, box);
    button.disabled = false;
    button.focus();
  }
}
