// The upload form of the lists page: POST /api/contact-lists (multipart: file, name, defaultRegion, phoneColumn) with a
// progress bar while the file goes, a "processing" state while the server reads and stores it, then the import's counts.
import { upload } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { announce, applyFieldErrors, field, percent, showProblem } from '../../ui.js';
import { importCounts } from './counts.js';

/** The upload card; onImported(list) is called with the new list (the index reloads its table). */
export function uploadForm({ signal, onImported }) {
  const columnsId = uid('columns');
  const columnChoices = h('datalist', { id: columnsId });
  const fields = {
    file: field({
      label: 'CSV file',
      hint: 'A header row naming the columns is required. Commas, semicolons, tabs or | as separators; UTF-8 or Excel\'s CSV.',
      input: h('input', { type: 'file', name: 'file', accept: '.csv,text/csv', required: true }),
    }),
    name: field({
      label: 'List name (optional)',
      hint: 'Leave empty to use the file name.',
      input: h('input', { type: 'text', name: 'name', maxlength: '200', autocomplete: 'off' }),
    }),
    defaultRegion: field({
      label: 'Default region (optional)',
      hint: 'Two letters (KE, NG, GB…): how numbers written without a country code are read. Empty: the server\'s default.',
      input: h('input', { type: 'text', name: 'defaultRegion', maxlength: '2', size: '4', autocomplete: 'off', spellcheck: 'false', class: 'region' }),
    }),
    phoneColumn: field({
      label: 'Phone column (optional)',
      hint: 'The header of the column with the numbers. Empty: found by name (phone, mobile, msisdn, whatsapp…).',
      input: h('input', { type: 'text', name: 'phoneColumn', list: columnsId, autocomplete: 'off', spellcheck: 'false' }),
    }),
  };
  const errors = h('div', { class: 'form-errors' });
  const progress = h('div', { class: 'upload-progress', hidden: true });
  const result = h('div', { class: 'upload-result' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Upload and import');
  const form = h('form', { class: 'card upload-form', novalidate: true, 'aria-labelledby': 'upload-heading' },
    h('h2', { id: 'upload-heading' }, 'Upload a list'),
    h('div', { class: 'upload-fields' }, Object.values(fields).map(item => item.element)),
    columnChoices,
    errors,
    h('div', { class: 'form-actions' }, submit),
    progress,
    result);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    applyFieldErrors(fields, null);
    showProblem(errors, null);
    replace(result);
    const file = fields.file.input.files?.[0];
    if (!file) {
      fields.file.setError('Choose a CSV file to upload.');
      fields.file.input.focus();
      return;
    }
    const data = new FormData();
    data.append('file', file, file.name);
    for (const name of ['name', 'defaultRegion', 'phoneColumn']) {
      const value = fields[name].input.value.trim();
      if (value) data.append(name, value);
    }
    submit.disabled = true;
    const bar = uploadBar(progress, file);
    announce(`Uploading ${file.name}.`);
    try {
      const list = await upload('/api/contact-lists', data, {
        signal,
        onProgress: (sent, total, serverWorking) => bar.update(sent, total, serverWorking),
      });
      bar.done(list);
      replace(result,
        h('div', { class: 'notice import-done', role: 'status' },
          h('p', null, h('strong', null, `Imported “${list.name}”.`), ' ', h('a', { href: `#/lists/${list.id}` }, 'Open the list')),
          importCounts(list),
          list.invalid + list.duplicates + list.suppressed > 0
            ? h('p', { class: 'small' }, 'Rows that were not imported are listed with their line numbers on the list\'s page.')
            : null));
      announce(`Imported ${list.imported} contacts: ${list.invalid} invalid, ${list.duplicates} duplicates, ${list.suppressed} suppressed.`);
      form.reset();
      onImported?.(list);
    } catch (error) {
      if (error?.name === 'AbortError') return;
      bar.failed();
      offerColumns(columnChoices, error);
      const rest = applyFieldErrors(fields, error);
      if (rest) showProblem(errors, rest);
      Object.values(fields).find(item => item.input.getAttribute('aria-invalid') === 'true')?.input.focus();
      announce(`The upload was refused: ${error.message}`);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** A refusal that names the file's columns (no phone column found, an unknown one named) offers them as choices. */
function offerColumns(datalist, error) {
  const columns = error?.problem?.columns;
  replace(datalist, Array.isArray(columns) ? columns.map(column => h('option', { value: column })) : []);
}

/** The progress area: a real byte count while the body goes, then an indeterminate bar while the server imports. */
function uploadBar(container, file) {
  const id = uid('upload');
  const label = h('label', { for: id }, `Uploading ${file.name}`);
  const bar = h('progress', { id, max: file.size || 1, value: 0 });
  const value = h('span', { class: 'progress-value' }, '0 %');
  const stage = h('p', { class: 'upload-stage muted small' }, 'Sending the file…');
  replace(container, h('div', { class: 'progress' }, label, bar, value), stage);
  container.hidden = false;
  let working = false;
  return {
    update(sent, total, serverWorking) {
      if (serverWorking) {
        if (working) return;
        working = true;
        bar.max = 1;
        bar.value = 1;
        value.textContent = '100 %';
        label.textContent = `Uploaded ${file.name}`;
        stage.textContent = 'Processing: reading the rows, checking the numbers and storing the contacts…';
        container.classList.add('processing');
        announce('Upload complete. Processing the file.');
        return;
      }
      const max = total || file.size || 1;
      bar.max = max;
      bar.value = Math.min(sent, max);
      value.textContent = percent(sent, max);
    },
    done(list) {
      container.classList.remove('processing');
      bar.max = 1;
      bar.value = 1;
      value.textContent = '100 %';
      stage.textContent = `Done: ${list.imported} contacts imported.`;
    },
    failed() {
      container.classList.remove('processing');
      stage.textContent = 'The import was refused: see the message above.';
    },
  };
}
