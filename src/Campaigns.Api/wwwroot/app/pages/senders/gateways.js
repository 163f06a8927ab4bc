// Registered gateways (Evolution servers with their global key): listed, and registered with a form. The key goes to
// the API once and is never shown back (the API never returns it).
import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { announce, dateTime, table } from '../../ui.js';
import { showSenderProblem } from './explain.js';
import { apiForm, textField } from './forms.js';

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
  const name = textField('Gateway name', 'name');
  const url = textField('Gateway URL', 'url', { type: 'url', hint: 'The Evolution API server\'s address, e.g. https://evolution.example.com' });
  const key = textField('Global API key', 'apiKey',
    { type: 'password', hint: 'Evolution\'s AUTHENTICATION_API_KEY. Stored encrypted; it is never shown again.' });
  const form = apiForm('gateway-form', { name, url, apiKey: key }, 'Register gateway', async () => {
    const gateway = await api('/api/gateways', {
      method: 'POST', json: { name: name.input.value.trim(), url: url.input.value.trim(), apiKey: key.input.value }, signal,
    });
    form.reset();
    announce(`Gateway ${gateway.name} is registered.`);
    await onRegistered?.(gateway);
  });
  return form;
}
