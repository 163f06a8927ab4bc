// Registered gateways (Evolution servers with their global key): listed, and registered with a form. The key goes to
// the API once and is never shown back (the API never returns it).
import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { announce, busy, dateTime, field, table } from '../../ui.js';
import { showFormProblem, showSenderProblem } from './explain.js';

/** The tenant's gateways (the API answers them all: a tenant has a handful). */
export function listGateways(signal) {
  return api('/api/gateways', { signal });
}

/** The gateways' section: a table and a form to register one. */
export function gatewaysSection(signal) {
  const holder = h('div');
  const errors = h('div', { class: 'form-errors' });

  async function refresh() {
    try {
      const gateways = await listGateways(signal);
      replace(holder, gateways.length
        ? table('Registered gateways', ['Name', 'URL', 'Registered'],
          gateways.map(g => h('tr', null, h('td', null, g.name), h('td', null, h('code', null, g.url)), h('td', null, dateTime(g.createdAt)))))
        : h('p', { class: 'muted' }, 'No gateway registered yet. Register one to link new numbers through it.'));
    } catch (error) {
      showSenderProblem(errors, error);
    }
  }

  refresh();
  return h('section', { class: 'gateways-section', 'aria-labelledby': 'gateways-heading' },
    h('h2', { id: 'gateways-heading' }, 'Gateways'),
    h('p', { class: 'muted' }, 'Evolution API servers registered with their global key, through which new numbers are linked. Keys are never shown again.'),
    errors, holder,
    h('details', { class: 'card gateway-register' },
      h('summary', null, 'Register a gateway'),
      gatewayForm(signal, async () => {
        await refresh();
      })));
}

/** The form that registers a gateway: name, URL and global key. onRegistered(gateway) after a success. */
export function gatewayForm(signal, onRegistered) {
  const name = field({ label: 'Gateway name', input: h('input', { type: 'text', name: 'name', required: true, autocomplete: 'off' }) });
  const url = field({
    label: 'Gateway URL',
    hint: 'The Evolution API server\'s address, e.g. https://evolution.example.com',
    input: h('input', { type: 'url', name: 'url', required: true, autocomplete: 'off', spellcheck: 'false' }),
  });
  const key = field({
    label: 'Global API key',
    hint: 'Evolution\'s AUTHENTICATION_API_KEY. Stored encrypted; it is never shown again.',
    input: h('input', { type: 'password', name: 'apiKey', required: true, autocomplete: 'off', spellcheck: 'false' }),
  });
  const errors = h('div', { class: 'form-errors' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Register gateway');
  const form = h('form', { class: 'gateway-form', novalidate: true }, name.element, url.element, key.element, errors,
    h('div', { class: 'form-actions' }, submit));
  const fields = { name, url, apiKey: key };
  form.addEventListener('submit', event => {
    event.preventDefault();
    busy(submit, null, async () => {
      showSenderProblem(errors, null);
      try {
        const gateway = await api('/api/gateways', {
          method: 'POST', json: { name: name.input.value.trim(), url: url.input.value.trim(), apiKey: key.input.value }, signal,
        });
        showFormProblem(form, fields, errors, null);
        form.reset();
        announce(`Gateway ${gateway.name} is registered.`);
        await onRegistered?.(gateway);
      } catch (error) {
        showFormProblem(form, fields, errors, error);
      }
    });
  });
  return form;
}
