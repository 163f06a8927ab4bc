// Registering an instance that already exists on a gateway (its URL, its name and its own key), as the README's
// walkthrough does with curl. A sender that is not open yet goes on to its QR code.
import { api } from '../../api.js';
import { h } from '../../dom.js';
import { announce, field, pageHeading } from '../../ui.js';
import { navigate } from '../../router.js';
import { apiForm, senderNameField, textField } from './forms.js';

/** #/senders?add=existing */
export function registerExisting(main, ctx) {
  main.append(pageHeading('Register an existing instance'), h('p', null, h('a', { href: '#/senders' }, '← All senders')));
  const gatewayUrl = textField('Gateway URL', 'gatewayUrl',
    { type: 'url', hint: 'The Evolution API server the instance lives on, e.g. https://evolution.example.com' });
  const instance = textField('Instance name', 'instance');
  const key = textField('Instance API key', 'instanceApiKey', {
    type: 'password',
    hint: 'The instance\'s own token (not the gateway\'s global key). Stored encrypted; it is never shown again.',
  });
  const name = senderNameField('Sales line 1');
  const activatedOn = textField('In use since (optional)', 'activatedOn', {
    type: 'date', required: false,
    hint: 'The day the number started sending. Empty: today, so its daily cap warms up from 20 over 30 days.',
  });
  const profile = field({
    label: 'Pacing',
    input: h('select', { name: 'pacing' },
      h('option', { value: 'spread' }, 'Spread the day\'s budget over the open hours (recommended)'),
      h('option', { value: 'floor' }, 'Floor: only the least gap and jitter between sends')),
  });
  const fields = { gatewayUrl, instance, instanceApiKey: key, name, activatedOn, 'pacing.profile': profile };
  const form = apiForm('card narrow', fields, 'Register sender', async () => {
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
  });
  main.append(form);
}
