// The template field of the editor: a textarea with the list's columns offered for insertion at the caret, a short
// help on {a|b} choices, and the template's errors shown under it with a button that moves the caret to their place.
import { h, replace, uid } from '../../dom.js';
import { field } from '../../ui.js';

// Scriban's keywords, which the API never reads as variables (Campaigns.Domain TemplateVariableName.Reserved).
const reserved = new Set(['if', 'else', 'end', 'for', 'case', 'when', 'while', 'break', 'continue', 'func', 'import',
  'readonly', 'with', 'capture', 'ret', 'wrap', 'do', 'in', 'tablerow', 'null', 'true', 'false', 'this']);

function isIdentifier(name) {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) && !reserved.has(name);
}

/** The snake_case alias the API gives a header (`First Name`, `firstName` → `first_name`), or null without letters. */
export function alias(header) {
  const words = header.normalize('NFC')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (!words.length) return null;
  let name = words.join('_').toLowerCase();
  if (/^\p{N}/u.test(name)) name = `_${name}`;
  return reserved.has(name) ? `${name}_` : name;
}

/** The variables a list offers, in column order: the header where it is a name, else its alias; the phone column is `phone`. */
export function variablesOf(list) {
  if (!list) return [];
  const names = [];
  for (const column of list.columns ?? []) {
    const name = column === list.phoneColumn ? 'phone' : isIdentifier(column) ? column : alias(column);
    if (name && !names.some(item => item.name === name)) names.push({ name, column });
  }
  if (!names.some(item => item.name === 'phone')) names.unshift({ name: 'phone', column: list.phoneColumn ?? 'phone' });
  return names;
}

/** The offset in `text` of a 1-based line and column (clamped to the text). */
export function offsetOf(text, line, column) {
  const lines = text.split('\n');
  const lineIndex = Math.min(Math.max(line, 1), lines.length) - 1;
  let offset = 0;
  for (let i = 0; i < lineIndex; i += 1) offset += lines[i].length + 1;
  return offset + Math.min(Math.max(column - 1, 0), lines[lineIndex].length);
}

/**
 * The template field: { element, input, setError(message | null, place | null), setList(list), setLabel(text) }.
 * `place` is { line, column }: the error gets a "Go to" button that puts the caret there. onChange runs after each edit.
 */
export function templateField({ value, onChange }) {
  const textarea = h('textarea', { name: 'template', rows: '7', spellcheck: 'true', value: value ?? '' });
  const base = field({
    label: 'Message',
    input: textarea,
    hint: 'Write the text; insert the list\'s columns from the buttons below it. {Hi|Hello|Hey} picks one of the choices per recipient.',
  });
  const label = base.element.querySelector('label');
  const columnsId = uid('columns');
  const columns = h('div', { class: 'editor-columns', role: 'group', 'aria-labelledby': columnsId });
  const columnsArea = h('div', { class: 'editor-columns-area' },
    h('p', { class: 'small muted', id: columnsId }, 'Insert a column at the cursor:'), columns);
  let place = null;
  const goTo = h('button', { type: 'button', class: 'link editor-goto', hidden: true, onclick: () => moveCaret() });

  function moveCaret() {
    if (!place) return;
    const offset = offsetOf(textarea.value, place.line, place.column);
    textarea.focus();
    textarea.setSelectionRange(offset, offset);
  }

  function insert(name) {
    const text = `{{ ${name} }}`;
    const start = textarea.selectionStart ?? textarea.value.length;
    const end = textarea.selectionEnd ?? start;
    textarea.setRangeText(text, start, end, 'end');
    textarea.focus();
    onChange?.();
  }

  const help = h('details', { class: 'editor-help' },
    h('summary', null, 'How to vary the text (spintax)'),
    h('ul', null,
      h('li', null, h('code', null, '{Hi|Hello|Hey}'), ' sends one of the choices to each recipient.'),
      h('li', null, h('code', null, '{{ first_name }}'), ' inserts the recipient\'s value of that column; ',
        h('code', null, '{{ phone }}'), ' their number.'),
      h('li', null, h('code', null, '{{ pick ["Thanks", "Cheers"] }}'), ' picks a phrase, like a choice group.'),
      h('li', null, 'No text may go to more than the limit of recipients (10 by default): the preview says whether the list has enough variety.')));

  textarea.addEventListener('input', () => onChange?.());
  base.element.querySelector('.field-error').after(goTo);
  base.element.append(columnsArea, help);

  return {
    element: base.element,
    input: textarea,
    setError(message, at = null) {
      base.setError(message);
      place = message && at?.line ? { line: at.line, column: at.column ?? 1 } : null;
      goTo.hidden = !place;
      goTo.textContent = place ? `Go to line ${place.line}, column ${place.column} in the message` : '';
    },
    goToError: moveCaret,
    setList(list) {
      const variables = variablesOf(list);
      columnsArea.hidden = variables.length === 0;
      replace(columns, variables.map(variable => h('button', {
        type: 'button',
        class: 'editor-column',
        title: variable.column !== variable.name ? `The column "${variable.column}"` : null,
        onclick: () => insert(variable.name),
      }, h('span', { class: 'visually-hidden' }, 'Insert '), `{{ ${variable.name} }}`)));
    },
    setLabel(text) {
      label.textContent = text;
    },
  };
}

/** The first problem of a problem details answer that is about the template (or the caption), with its place if given. */
export function templateProblem(error, fieldName) {
  const problems = error?.problem?.problems ?? [];
  const found = problems.find(problem => problem.field === fieldName && problem.line)
    ?? problems.find(problem => problem.field === fieldName);
  if (found) return { message: found.message, line: found.line ?? null, column: found.column ?? null };
  const messages = error?.errors?.[fieldName];
  return messages ? { message: [].concat(messages).join(' '), line: null, column: null } : null;
}
