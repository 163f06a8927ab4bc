// The senders' form fields: one shape for every typed input (labelled, hinted, no autofill or spell-check of names,
// URLs and keys), and the sender's name field both registration forms ask for.
import { h } from '../../dom.js';
import { busy, field } from '../../ui.js';
import { showFormProblem } from './explain.js';

/** A labelled input: textField('Gateway URL', 'url', { type: 'url', hint }); required unless told otherwise. */
export function textField(label, name, { type = 'text', hint = null, required = true } = {}) {
  const attributes = { type, name, required, autocomplete: 'off' };
  if (type !== 'date') attributes.spellcheck = 'false';
  return field({ label, hint, input: h('input', attributes) });
}

/** The sender's name, as campaigns show it. */
export function senderNameField(example) {
  return textField('Sender name', 'name', { hint: `How campaigns show this number, e.g. ${example}.` });
}

/**
 * A form of fields (by the API's field names, in order) and one submit button that runs `send()`: the button is
 * disabled meanwhile, and the API's problem goes to the fields (inline) and the form's alert box.
 */
export function apiForm(className, fields, submitLabel, send) {
  const errors = h('div', { class: 'form-errors' });
  const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const elements = [...new Set(Object.values(fields))].map(item => item.element);
  const form = h('form', { class: className, novalidate: true }, elements, errors, h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', event => {
    event.preventDefault();
    busy(submit, null, async () => {
      try {
        await send(form);
        showFormProblem(form, fields, errors, null);
      } catch (error) {
        showFormProblem(form, fields, errors, error);
      }
    });
  });
  return form;
}
