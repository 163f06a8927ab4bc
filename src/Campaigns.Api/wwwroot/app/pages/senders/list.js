// The tenant's senders as cards: connection, today's budget, next send, pacing, warm-up, pause and restriction, each
// with its actions. Polled, so a sender's state changes (a webhook, dispatch pausing it) show without a reload.
import { api, pagePath } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { announce, badge, dateTime, number, poll, progressBar, relative } from '../../ui.js';
import { act, pauseText, showSenderProblem, stateText } from './explain.js';

const pageSize = 50;
const pollMs = 3000;

/** The senders' section: cards for the first page (more on request), refreshed every few seconds. */
export function sendersSection(signal) {
  const cards = new Map(); // sender id → card
  const cursors = [null]; // the `after` of every page shown
  const list = h('div', { class: 'sender-cards' });
  const errors = h('div', { class: 'form-errors' });
  const empty = h('p', { class: 'muted', hidden: true },
    'No senders yet. Link a new number, or register an instance that is already linked.');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Show more senders');
  let next = null;

  async function load() {
    const items = [];
    let last = null;
    for (const after of cursors) {
      const page = await api(pagePath('/api/senders', { limit: pageSize, after }), { signal });
      items.push(...page.items);
      last = page.next;
    }
    next = last;
    show(items);
    showSenderProblem(errors, null);
  }

  function show(items) {
    const seen = new Set();
    items.forEach((sender, index) => {
      seen.add(sender.id);
      let card = cards.get(sender.id);
      if (!card) {
        card = senderCard(sender, signal, () => remove(sender.id));
        cards.set(sender.id, card);
      } else {
        card.update(sender);
      }
      // The API's order; a card is moved only when out of place, since moving it would take the focus from its buttons.
      const here = list.children[index] ?? null;
      if (here !== card.element) list.insertBefore(card.element, here);
    });
    for (const id of [...cards.keys()]) {
      if (!seen.has(id)) remove(id);
    }
    empty.hidden = cards.size > 0;
    more.hidden = !next;
  }

  function remove(id) {
    cards.get(id)?.element.remove();
    cards.delete(id);
    empty.hidden = cards.size > 0;
  }

  more.addEventListener('click', () => act(more, errors, async () => {
    cursors.push(next);
    await load();
  }));
  poll(signal, load, pollMs, error => showSenderProblem(errors, error));

  return h('section', { class: 'senders-section', 'aria-labelledby': 'senders-heading' },
    h('h2', { id: 'senders-heading' }, 'Your senders'),
    errors, empty, list, more);
}

/** One sender's card: facts redrawn when they change, actions kept (so focus stays where it is). */
function senderCard(initial, signal, onDeleted) {
  let sender = initial;
  let drawn = null;
  const headingId = uid('sender');
  const heading = h('h3', { id: headingId });
  const subtitle = h('p', { class: 'muted small sender-instance' });
  const facts = h('dl', { class: 'sender-facts' });
  const errors = h('div', { class: 'form-errors' });
  const confirmBox = h('div', { class: 'sender-confirm', hidden: true });

  const check = h('button', { type: 'button' }, 'Check connection');
  const pause = h('button', { type: 'button' }, 'Pause');
  const resume = h('button', { type: 'button', class: 'primary' }, 'Resume');
  const link = h('a', { class: 'button' }, 'Show QR code');
  const clear = h('button', { type: 'button' }, 'Clear restriction');
  const remove = h('button', { type: 'button', class: 'danger' }, 'Delete');
  const actions = h('div', { class: 'actions sender-actions' }, check, pause, resume, link, clear, remove);

  const post = (button, path, done) => act(button, errors, async () => {
    const updated = await api(`/api/senders/${sender.id}/${path}`, { method: 'POST', signal });
    update(updated);
    done?.(updated);
  });

  check.addEventListener('click', () => post(check, 'check', s => announce(`${s.name}: ${s.state}. ${stateText(s.state)}`)));
  pause.addEventListener('click', () => post(pause, 'pause', s => {
    announce(`${s.name} is paused.`);
    resume.focus();
  }));
  resume.addEventListener('click', () => post(resume, 'resume', s => {
    announce(`${s.name} is resumed.`);
    pause.focus();
  }));
  clear.addEventListener('click', () => confirm(
    clear,
    `End ${sender.name}'s restriction now? First contacts will be sent again; if WhatsApp's lock is still on, they fail and may count against the number.`,
    'Yes, clear the restriction',
    () => post(clear, 'restriction/clear', s => { announce(`${s.name}'s restriction is cleared.`); check.focus(); })));
  remove.addEventListener('click', () => confirm(
    remove,
    `Delete ${sender.name}? It stops sending for good; its messages so far stay in the campaigns' records. The instance stays on the gateway.`,
    'Yes, delete it',
    () => act(remove, errors, async () => {
      await api(`/api/senders/${sender.id}`, { method: 'DELETE', signal });
      announce(`${sender.name} is deleted.`);
      onDeleted();
      document.querySelector('main h1')?.focus();
    })));

  /** An inline confirmation under the actions: nothing happens until the visitor says yes. */
  function confirm(trigger, question, yesLabel, action) {
    const yes = h('button', { type: 'button', class: 'danger' }, yesLabel);
    const no = h('button', { type: 'button' }, 'Cancel');
    const close = () => {
      confirmBox.hidden = true;
      replace(confirmBox);
      trigger.focus();
    };
    yes.addEventListener('click', async () => {
      // Once: a second click while the first runs would send the request again.
      yes.disabled = true;
      no.disabled = true;
      await action();
      confirmBox.hidden = true;
      replace(confirmBox);
      // A refusal (shown under the card) leaves the focus nowhere: back to the button that asked.
      if ((!document.activeElement || document.activeElement === document.body) && trigger.isConnected) trigger.focus();
    });
    no.addEventListener('click', close);
    replace(confirmBox, h('p', null, question), h('div', { class: 'actions' }, yes, no));
    confirmBox.hidden = false;
    yes.focus();
  }

  function update(next) {
    const before = sender;
    sender = next;
    const key = JSON.stringify(next);
    if (key === drawn) return;
    drawn = key;
    if (before.state !== next.state) announce(`${next.name}: the connection is now ${next.state}.`);
    draw();
  }

  function draw() {
    heading.textContent = sender.name;
    subtitle.textContent = `Instance ${sender.instance} on ${sender.gatewayUrl}`;
    replace(facts, ...factsOf(sender));
    pause.hidden = Boolean(sender.paused);
    resume.hidden = !sender.paused;
    link.hidden = sender.state === 'open';
    link.href = `#/senders?link=${encodeURIComponent(sender.id)}`;
    clear.hidden = !sender.restriction;
  }

  drawn = JSON.stringify(sender);
  draw();
  const element = h('article', { class: 'card sender-card', 'aria-labelledby': headingId, dataset: { senderId: sender.id } },
    heading, subtitle, facts, actions, confirmBox, errors);
  return { element, update };
}

function fact(term, ...description) {
  return [h('dt', null, term), h('dd', null, description)];
}

/** The facts of a sender, as dt/dd pairs. */
export function factsOf(sender) {
  const items = [];
  items.push(fact('Phone', sender.phone ?? h('span', { class: 'muted' }, 'Not linked yet')));
  items.push(fact('Connection',
    h('span', { class: 'sender-state' }, badge(sender.state), ' ', stateText(sender.state)),
    sender.stateReason ? h('span', { class: 'muted small block' }, sender.stateReason) : null,
    h('span', { class: 'muted small block' }, 'Since ', relative(sender.stateChangedAt))));
  items.push(fact('Sent today',
    progressBar(sender.sentToday, sender.capToday, `${number(sender.sentToday)} of ${number(sender.capToday)}`)));
  items.push(fact('Next send', sender.nextSendAt ? relative(sender.nextSendAt) : h('span', { class: 'muted' }, 'Nothing planned')));
  const pacing = sender.pacing;
  const caps = [pacing.maxPerMinute ? `at most ${number(pacing.maxPerMinute)} a minute` : null,
    pacing.maxPerHour ? `at most ${number(pacing.maxPerHour)} an hour` : null].filter(Boolean);
  items.push(fact('Pacing',
    pacing.profile === 'floor' ? 'Floor: the least gap and jitter only' : 'Spread: the day\'s budget spread over the open hours',
    h('span', { class: 'muted small block' },
      `${number(sender.dailyCapMin)}–${number(sender.dailyCapMax)} a day, at least ${seconds(sender.minIntervalMs)} between sends `
      + `plus ${seconds(sender.jitterMinMs)}–${seconds(sender.jitterMaxMs)}`
      + (caps.length ? `, ${caps.join(', ')}` : '')
      + (sender.typing ? ', typing shown' : ''))));
  const warming = sender.capToday < sender.dailyCapMin;
  items.push(fact('Warm-up',
    warming ? `Warming up: today's cap is ${number(sender.capToday)}, below its usual ${number(sender.dailyCapMin)}` : 'Full daily cap',
    h('span', { class: 'muted small block' },
      `Active since ${sender.activatedOn}`,
      sender.warmUpFrom ? `; warm-up restarted on ${sender.warmUpFrom}` : '',
      sender.idle ? '; idle (no send for a week)' : '')));
  if (sender.paused) {
    items.push(fact('Paused',
      h('strong', null, 'Paused'), ` (${sender.paused.reason}) since ${dateTime(sender.paused.at)}. `,
      h('span', { class: 'block' }, pauseText(sender.paused.reason))));
  }
  if (sender.restriction) {
    items.push(fact('Restriction',
      h('strong', null, sender.restriction.kind === 'reachout_timelock' ? 'Reach-out timelock' : sender.restriction.kind),
      ` until ${dateTime(sender.restriction.until)}: first contacts wait (or go to the campaign's other senders); people it already wrote to still get messages.`));
  }
  if (sender.consecutiveFailures > 0) {
    items.push(fact('Failures', `${number(sender.consecutiveFailures)} sends failed in a row`));
  }
  return items;
}

function seconds(ms) {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
