// Registering an instance that already exists on a gateway (its URL, its name and its own key), as the README's
// walkthrough does with curl. A sender that is not open yet goes on to its QR code.
import { api } from '../../api.js';
import { h } from '../../dom.js';
import { announce, busy, field, pageHeading } from '../../ui.js';
import { navigate } from '../../router.js';
import { showFormProblem } from './explain.js';

/** #/senders?add=existing */
export function registerExisting(main, ctx) {
  main.append(pageHeading('Register an existing instance'), h('p', null, h('a', { href: '#/senders' }, '← All senders')));
  const gatewayUrl = field({
    label: 'Gateway URL',
    hint: 'The Evolution API server the instance lives on, e.g. https://evolution.example.com',
    input: h('input', { type: 'url', name: 'gatewayUrl', required: true, autocomplete: 'off', spellcheck: 'false' }),
  });
  const instance = field({
    label: 'Instance name',
    input: h('input', { type: 'text', name: 'instance', required: true, autocomplete: 'off', spellcheck: 'false' }),
  });
  const key = field({
    label: 'Instance API key',
    hint: 'The instance\'s own token (not the gateway\'s global key). Stored encrypted; it is never shown again.',
    input: h('input', { type: 'password', name: 'instanceApiKey', required: true, autocomplete: 'off', spellcheck: 'false' }),
  });
  const name = field({
    label: 'Sender name',
    hint: 'How campaigns show this number, e.g. Sales line 1.',
    input: h('input', { type: 'text', name: 'name', required: true, autocomplete: 'off' }),
  });
  const activatedOn = field({
    label: 'In use since (optional)',
    hint: 'The day the number started sending. Empty: today, so its daily cap warms up from 20 over 30 days.',
    input: h('input', { type: 'date', name: 'activatedOn' }),
  });
  const profile = field({
    label: 'Pacing',
    input: h('select', { name: 'pacing' },
      h('option', { value: 'spread' }, 'Spread the day\'s budget over the open hours (recommended)'),
      h('option', { value: 'floor' }, 'Floor: only the least gap and jitter between sends')),
  });
  const errors = h('div', { class: 'form-errors' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Register sender');
  const form = h('form', { class: 'card narrow', novalidate: true },
    gatewayUrl.element, instance.element, key.element, name.element, activatedOn.element, profile.element, errors,
    h('div', { class: 'form-actions' }, submit));
  const fields = { gatewayUrl, instance, instanceApiKey: key, name, activatedOn, pacing: profile, 'pacing.profile': profile };
  form.addEventListener('submit', event => {
    event.preventDefault();
    busy(submit, null, async () => {
      try {
        const sender = await api('/api/senders', {
          method: 'POST',
          json: {
            name: name.input.value.trim(),
            gatewayUrl: gatewayUrl.input.value.trim(),
            instance: instance.input.value.trim(),
            instanceApiKey: key.input.value,
            activatedOn: activatedOn.input.value || null,
            pacing: { profile: profile.input.value },
          },
          signal: ctx.signal,
        });
        if (sender.state === 'open') {
          announce(`${sender.name} is registered and open${sender.phone ? ` with ${sender.phone}` : ''}.`);
          navigate('/senders');
        } else {
          announce(`${sender.name} is registered but ${sender.state}: scan its QR code to link it.`);
          navigate(`/senders?link=${sender.id}`);
        }
      } catch (error) {
        showFormProblem(form, fields, errors, error);
      }
    });
  });
  main.append(form);
}
