// Linking a new number: create an instance on a registered gateway (POST /api/senders with createInstance), show the
// QR code the API gives (renewed before it expires), and watch the sender turn `open` by polling, then show its phone.
import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { announce, badge, busy, field, pageHeading, poll } from '../../ui.js';
import { navigate } from '../../router.js';
import { gatewayForm, listGateways } from './gateways.js';
import { act, showSenderProblem, stateText } from './explain.js';
import { apiForm, senderNameField, textField } from './forms.js';

/** WhatsApp renews a linking code about every 20 s; the page asks for a fresh one on that rhythm. */
const qrLifetimeMs = 20_000;
const statePollMs = 2000;

function backLink() {
  return h('p', null, h('a', { href: '#/senders' }, '← All senders'));
}

/** #/senders?link=new: pick a gateway, name the instance and the sender, and create it. */
export async function linkNew(main, ctx) {
  main.append(pageHeading('Link a new number'), backLink());
  const body = h('div');
  main.append(body);
  let gateways;
  try {
    gateways = await listGateways(ctx.signal);
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    showSenderProblem(body, error); // not a blank page: what went wrong, from the API's problem details
    return;
  }
  if (gateways.length === 0) {
    replace(body,
      h('p', null, 'A new number is linked through a registered gateway (an Evolution API server and its global key). Register one first.'),
      h('div', { class: 'card narrow' }, gatewayForm(ctx.signal, () => {
        replace(main);
        return linkNew(main, ctx);
      })));
    return;
  }

  const gateway = field({
    label: 'Gateway',
    input: h('select', { name: 'gatewayId', required: true },
      gateways.map(g => h('option', { value: g.id }, `${g.name} (${g.url})`))),
  });
  const instance = textField('Instance name', 'instance', { hint: 'A new name on that gateway, e.g. sales-3 (letters, digits and dashes).' });
  const name = senderNameField('Sales line 3');
  const form = apiForm('card narrow', { gatewayId: gateway, instance, name }, 'Create and show the QR code', async () => {
    const sender = await api('/api/senders', {
      method: 'POST',
      json: { name: name.input.value.trim(), gatewayId: gateway.input.value, instance: instance.input.value.trim(), createInstance: true },
      signal: ctx.signal,
    });
    announce(`${sender.name} is created. Scan its QR code with the phone.`);
    navigate(`/senders?link=${sender.id}`);
  });
  replace(body, form);
}

/** #/senders?link=<id>: the QR code to scan, renewed as it expires, until the sender is open; then its phone. */
export async function linkQr(main, ctx, id) {
  const heading = pageHeading('Link a phone');
  main.append(heading, backLink());
  const errors = h('div', { class: 'form-errors' });
  main.append(errors);
  let sender;
  try {
    sender = await api(`/api/senders/${encodeURIComponent(id)}`, { signal: ctx.signal });
  } catch (error) {
    showSenderProblem(errors, error);
    return;
  }
  heading.querySelector('h1').textContent = `Link ${sender.name}'s phone`;

  // Polling and the QR's renewal stop when the visitor leaves, cancels, or the phone is linked.
  const linking = new AbortController();
  ctx.signal.addEventListener('abort', () => linking.abort(), { once: true });

  const status = h('p', { class: 'link-status' });
  const image = h('img', { class: 'qr-image', alt: `QR code to link ${sender.name}'s WhatsApp`, width: 264, height: 264, hidden: true });
  const waiting = h('p', { class: 'muted qr-waiting' }, 'Asking the gateway for a QR code…');
  const expiry = h('p', { class: 'small qr-expiry', 'aria-live': 'off' });
  const pairing = h('p', { class: 'pairing', hidden: true });
  const renew = h('button', { type: 'button' }, 'Get a new code');
  const qrBox = h('figure', { class: 'qr card' }, waiting, image, h('figcaption', null, expiry, pairing), renew);
  const instructions = h('ol', { class: 'link-steps' },
    h('li', null, 'Open WhatsApp on the phone whose number this sender will use.'),
    h('li', null, 'Tap ', h('strong', null, 'Settings'), ' (iPhone) or the ', h('strong', null, '⋮ menu'), ' (Android), then ', h('strong', null, 'Linked devices'), '.'),
    h('li', null, 'Tap ', h('strong', null, 'Link a device'), ' and point the phone at the QR code on this page.'),
    h('li', null, 'Keep this page open: it shows the phone\'s number as soon as the link is made.'));
  const linkingView = h('div', { class: 'link-layout' },
    h('section', { 'aria-labelledby': 'link-steps-heading' }, h('h2', { id: 'link-steps-heading' }, 'Scan the code'), instructions),
    qrBox);
  const linked = h('section', { class: 'card linked', hidden: true, 'aria-labelledby': 'linked-heading' });
  const cancelBox = h('div', { class: 'sender-confirm', hidden: true });
  const cancel = h('button', { type: 'button' }, 'Cancel linking');
  const actions = h('div', { class: 'actions link-actions' }, cancel);
  main.append(h('div', { class: 'link-view' }, status, linkingView, linked, actions, cancelBox));

  let shownAt = null;
  let expiresAt = null;
  let fetching = false;
  let done = false;

  function showStatus(current) {
    replace(status, 'Connection: ', badge(current.state), ' ', stateText(current.state),
      current.stateReason ? h('span', { class: 'muted small block' }, current.stateReason) : null);
  }

  async function renewQr() {
    if (fetching || done) return;
    fetching = true;
    try {
      const qr = await api(`/api/senders/${encodeURIComponent(id)}/qr`, { signal: linking.signal });
      showSenderProblem(errors, null);
      if (qr.qrCode) {
        image.src = qr.qrCode;
        image.hidden = false;
        waiting.hidden = true;
        shownAt = Date.now();
        expiresAt = shownAt + qrLifetimeMs;
        pairing.hidden = !qr.pairingCode;
        pairing.textContent = qr.pairingCode ? `Or link with the phone number: enter ${qr.pairingCode} on the phone.` : '';
      } else if (qr.state === 'open') {
        await check(); // no code any more: the phone is linked already
      } else {
        image.hidden = true;
        waiting.hidden = false;
        waiting.textContent = `The gateway gives no QR code while the sender is ${qr.state}. ${stateText(qr.state)}`;
        expiresAt = Date.now() + qrLifetimeMs;
      }
    } catch (error) {
      if (error?.name === 'AbortError') return;
      showSenderProblem(errors, error);
      expiresAt = Date.now() + qrLifetimeMs; // try again later; the button asks at once
    } finally {
      fetching = false;
    }
  }

  function countdown() {
    if (done || linking.signal.aborted) return;
    if (expiresAt !== null) {
      const left = Math.max(0, Math.ceil((expiresAt - Date.now()) / 1000));
      expiry.textContent = shownAt
        ? `Code shown at ${new Date(shownAt).toLocaleTimeString()}; a new one in ${left} s.`
        : `Trying again in ${left} s.`;
      if (left === 0) renewQr();
    }
    setTimeout(countdown, 1000);
  }

  /** Once open without a number, asks the gateway (POST …/check) which phone is linked. */
  async function check() {
    const current = await api(`/api/senders/${encodeURIComponent(id)}/check`, { method: 'POST', signal: linking.signal });
    observe(current);
  }

  function observe(current) {
    sender = current;
    showStatus(current);
    if (current.state !== 'open' || done) return;
    linkingView.hidden = true;
    if (!current.phone) {
      replace(linked, h('h2', { id: 'linked-heading' }, 'Linked'), h('p', null, 'The phone is linked; asking the gateway for its number…'));
      linked.hidden = false;
      return;
    }
    done = true;
    linking.abort();
    replace(linked,
      h('h2', { id: 'linked-heading' }, 'Linked'),
      h('p', null, `${current.name} is linked to `, h('strong', { class: 'linked-phone' }, current.phone), ' and connected (open). It can send now.'),
      h('p', null, h('a', { href: '#/senders', class: 'button primary' }, 'Back to senders')));
    linked.hidden = false;
    cancel.hidden = true;
    cancelBox.hidden = true;
    announce(`Linked: ${current.name} is open with ${current.phone}.`);
  }

  renew.addEventListener('click', () => busy(renew, null, async () => {
    expiresAt = null;
    await renewQr();
  }));

  cancel.addEventListener('click', () => {
    const keep = h('button', { type: 'button' }, 'Keep the sender, link it later');
    const remove = h('button', { type: 'button', class: 'danger' }, 'Delete the sender');
    const back = h('button', { type: 'button', class: 'link' }, 'Go on linking');
    const cancelErrors = h('div', { class: 'form-errors' });
    keep.addEventListener('click', () => {
      linking.abort();
      navigate('/senders');
    });
    remove.addEventListener('click', () => act(remove, cancelErrors, async () => {
      await api(`/api/senders/${encodeURIComponent(id)}`, { method: 'DELETE', signal: ctx.signal });
      linking.abort();
      announce(`${sender.name} is deleted.`);
      navigate('/senders');
    }));
    back.addEventListener('click', () => {
      cancelBox.hidden = true;
      replace(cancelBox);
      cancel.focus();
    });
    replace(cancelBox,
      h('p', null, `Stop linking ${sender.name}? The sender stays (not linked, it cannot send) unless you delete it; deleting it does not remove the instance from the gateway.`),
      h('div', { class: 'actions' }, keep, remove, back),
      cancelErrors);
    cancelBox.hidden = false;
    keep.focus();
  });

  showStatus(sender);
  if (sender.state === 'open' && sender.phone) {
    observe(sender);
    return;
  }
  countdown();
  await renewQr();
  let checking = false;
  poll(linking.signal, async () => {
    const current = await api(`/api/senders/${encodeURIComponent(id)}`, { signal: linking.signal });
    observe(current);
    if (current.state === 'open' && !current.phone && !checking) {
      checking = true;
      try { await check(); } finally { checking = false; }
    }
  }, statePollMs, error => showSenderProblem(errors, error));
}
