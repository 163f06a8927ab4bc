// The counts of an import, as a definition list: what was read, what was kept, what was left out and why.
import { h } from '../../dom.js';
import { number } from '../../ui.js';

export function importCounts(list) {
  const item = (term, value, hint) => h('div', { class: 'count' },
    h('dt', null, term),
    h('dd', null, h('span', { class: 'count-value' }, number(value)), hint ? h('span', { class: 'count-hint muted small' }, hint) : null));
  return h('dl', { class: 'import-counts' },
    item('Rows', list.rows, 'read from the file'),
    item('Imported', list.imported, 'contacts kept'),
    item('Invalid', list.invalid, 'unusable numbers or rows'),
    item('Duplicates', list.duplicates, 'repeats of an earlier row'),
    item('Suppressed', list.suppressed, 'on the suppression list'));
}
