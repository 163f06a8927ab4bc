// One campaign's page: status and actions, prepare progress, sending progress and counts, the chart, per-sender
// progress, waiting reasons and events, test sends, report downloads. It reads the campaign again every 2 s while
// something is happening (preparing, scheduled, running), every 10 s otherwise, and redraws only what changed.
import { api, download } from '../../api.js';
import { h, replace } from '../../dom.js';
import { navigate } from '../../router.js';
import {
  announce, badge, busy, dateTime, field, applyFieldErrors, keepFocus, number, pageHeading, percent, poll, problemBox, progressBar,
  relative, showProblem, table,
} from '../../ui.js';
import { timelineChart } from './chart.js';
import { confirmDialog } from './confirm.js';
import { handled, isActive, messageStatuses, messageTotal } from './counts.js';

const fastMs = 2000;
const slowEvery = 5; // ticks: every 10 s when nothing is happening
const timelineEveryMs = 2000;
const largeCampaign = 10_000;

export async function detail(main, ctx) {
  const { signal } = ctx;
  const id = ctx.params.id;
  let campaign;
  try {
    campaign = await api(`/api/campaigns/${encodeURIComponent(id)}`, { signal });
  } catch (error) {
    if (error?.name === 'AbortError') throw error; // left meanwhile: <main> is the next page's now
    main.append(pageHeading('Campaign'), problemBox(error), h('p', null, h('a', { href: '#/campaigns' }, 'Back to the campaigns')));
    return;
  }

  const actions = h('div', { class: 'actions campaign-actions' });
  const problems = h('div', { class: 'campaign-problems' });
  const summary = h('section', { class: 'card campaign-summary', 'aria-label': 'Status' });
  const preparing = h('div');
  const progress = h('section', { class: 'card', 'aria-labelledby': 'campaign-progress-heading' });
  const chart = timelineChart(signal);
  const chartSection = h('section', { class: 'card', 'aria-labelledby': 'campaign-chart-heading' },
    h('h2', { id: 'campaign-chart-heading' }, 'Over time'), chart.element);
  const senders = h('section', { class: 'card', 'aria-labelledby': 'campaign-senders-heading' });
  const events = h('section', { class: 'card', 'aria-labelledby': 'campaign-events-heading' });
  const tests = testSection(id, signal);
  const reports = reportSection(campaign, signal);

  main.append(h('div', { class: 'campaigns-page' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/campaigns' }, '← All campaigns')),
    pageHeading(campaign.name, actions),
    problems, summary, preparing, progress, chartSection, senders, tests.element, reports.element, events));

  const drawn = {};
  const parts = { actions, summary, preparing, progress, senders, events };
  /** Redraws a part only when its data changed, so focus and scroll in the other parts stay put. */
  const draw = (name, data, render) => {
    const key = JSON.stringify(data);
    if (drawn[name] === key) return;
    drawn[name] = key;
    keepFocus(parts[name], render);
  };

  // The timeline is read again when the counts moved, at most every 2 s (every 10 s for a large campaign: each read
  // passes over all its messages); at once when the first message went out.
  let lastTimeline = 0;
  let timelineKey = null;
  const refreshTimeline = async force => {
    const c = campaign.counts;
    const key = c ? [c.sent, c.delivered, c.read, c.failed, c.replied, campaign.status].join() : campaign.status;
    const every = c && messageTotal(c) > largeCampaign ? timelineEveryMs * 5 : timelineEveryMs;
    const first = !chart.hasPoints() && c && c.sent + c.delivered + c.read + c.failed > 0;
    if (!force && !first && (key === timelineKey || Date.now() - lastTimeline < every)) return;
    timelineKey = key;
    lastTimeline = Date.now();
    chart.update(await api(`/api/campaigns/${encodeURIComponent(id)}/timeline`, { signal }));
  };

  const render = () => {
    draw('actions', [campaign.status], () => renderActions(actions, campaign, { act, problems, signal }));
    draw('summary', [campaign.status, campaign.startAt, campaign.startedAt, campaign.completedAt, campaign.estimatedFinishAt, campaign.waiting],
      () => renderSummary(summary, campaign));
    draw('preparing', [campaign.status, campaign.progress, campaign.prepareError], () => renderPreparing(preparing, campaign));
    draw('progress', [campaign.counts, campaign.precheck], () => renderProgress(progress, campaign));
    draw('senders', campaign.senders, () => renderSenders(senders, campaign));
    draw('events', campaign.events, () => renderEvents(events, campaign));
    reports.update(campaign);
    chartSection.hidden = ['draft', 'preparing'].includes(campaign.status);
  };

  const refresh = async () => {
    const previous = campaign.status;
    campaign = await api(`/api/campaigns/${encodeURIComponent(id)}`, { signal });
    if (campaign.status !== previous) announce(`The campaign is now ${campaign.status}.`);
    render();
    if (!chartSection.hidden) await refreshTimeline(campaign.status !== previous);
  };

  /**
   * Runs an action's request from a button; on success announces it and shows the campaign as it is now (focus goes
   * to the first action of the new status); a refusal is shown above, by `explain` when given.
   */
  async function act(button, request, done, explain) {
    showProblem(problems, null);
    try {
      await busy(button, null, request);
    } catch (error) {
      const box = (explain ?? problemBox)(error);
      if (box) replace(problems, box);
      return;
    }
    announce(done);
    try {
      await refresh();
    } catch (error) {
      showProblem(problems, error);
    }
    if (!document.activeElement || document.activeElement === document.body || !document.activeElement.isConnected) {
      actions.querySelector('button, a')?.focus();
    }
  }

  render();
  if (!chartSection.hidden) refreshTimeline(true).catch(error => showProblem(problems, error));
  tests.load().catch(error => showProblem(problems, error));

  let ticks = 0;
  poll(signal, async () => {
    ticks += 1;
    if (ticks === 1) return; // drawn above
    if (tests.running()) await tests.load();
    if (!isActive(campaign.status) && ticks % slowEvery !== 0) return;
    await refresh();
  }, fastMs, error => showProblem(problems, error));
}

function renderSummary(container, campaign) {
  const facts = [
    ['Status', badge(campaign.status)],
    ['Created', dateTime(campaign.createdAt)],
    campaign.startAt ? ['Starts', dateTime(campaign.startAt)] : null,
    campaign.startedAt ? ['Started', dateTime(campaign.startedAt)] : null,
    campaign.completedAt ? [campaign.status === 'cancelled' ? 'Cancelled' : 'Completed', dateTime(campaign.completedAt)] : null,
    ['Projected finish', campaign.estimatedFinishAt
      ? h('span', null, relative(campaign.estimatedFinishAt), h('span', { class: 'muted small' }, ` (${dateTime(campaign.estimatedFinishAt)})`))
      : h('span', { class: 'muted' }, ['running', 'paused', 'scheduled', 'ready'].includes(campaign.status) ? 'not known yet' : '—')],
  ].filter(Boolean);
  replace(container,
    h('dl', { class: 'facts' }, facts.map(([label, value]) => h('div', null, h('dt', null, label), h('dd', null, value)))),
    campaign.waiting ? h('p', { class: 'notice campaign-waiting' },
      h('strong', null, 'Waiting: '),
      waitingText(campaign.waiting), ' ', h('a', { href: '#/senders' }, 'See the senders.')) : null);
}

function waitingText(reason) {
  if (reason === 'no_usable_sender') {
    return 'none of its senders can send now (paused, not connected, or held back by a reach-out limit).';
  }
  return reason;
}

function renderPreparing(container, campaign) {
  if (campaign.status === 'preparing') {
    replace(container, h('section', { class: 'card', 'aria-label': 'Preparing' },
      h('h2', null, 'Preparing the messages'),
      progressBar(campaign.progress.rendered, campaign.progress.total, 'Messages prepared'),
      h('p', { class: 'muted small' }, `${number(campaign.progress.rendered)} of ${number(campaign.progress.total)} contacts`)));
  } else if (campaign.status === 'draft' && campaign.prepareError) {
    const error = campaign.prepareError;
    replace(container, h('div', { class: 'problem', role: 'alert' },
      h('strong', null, 'The last prepare sent the campaign back to draft'),
      h('p', null, error.message),
      error.line ? h('p', null, `Template line ${error.line}, column ${error.column}${error.contactLine ? `, with the contact on line ${error.contactLine}` : ''}.`) : null,
      error.neededBodies ? h('p', null, `${number(error.recipients)} recipients need ${number(error.neededBodies)} different texts; the template can make ${number(error.possibleBodies)}.`) : null,
      h('p', { class: 'muted small' }, 'Code: ', h('code', null, error.code))));
  } else {
    replace(container);
  }
}

function renderProgress(container, campaign) {
  const counts = campaign.counts;
  if (!counts) { replace(container); return; }
  const total = messageTotal(counts);
  const done = handled(counts);
  const tiles = messageStatuses
    .filter(([key]) => counts[key] > 0 || ['pending', 'queued', 'sent', 'delivered', 'read', 'failed'].includes(key))
    .map(([key, label, hint]) => h('div', { class: `count count-${key}` },
      h('dt', { title: hint }, label, h('span', { class: 'visually-hidden' }, ` (${hint})`)),
      h('dd', { dataset: { status: key } }, number(counts[key]))));
  tiles.push(h('div', { class: 'count count-replied' }, h('dt', null, 'Replied'), h('dd', { dataset: { status: 'replied' } }, number(counts.replied))));
  const precheck = campaign.precheck;
  replace(container,
    h('h2', { id: 'campaign-progress-heading' }, 'Progress'),
    progressBar(done, total, 'Messages handled'),
    h('p', { class: 'muted small' }, `${number(done)} of ${number(total)} messages handled (sent, failed, skipped or cancelled): ${percent(done, total)}.`),
    h('p', { class: 'campaign-totals' },
      `Sent in all: ${number(counts.sent + counts.delivered + counts.read)} · delivered: ${number(counts.delivered + counts.read)} · read: ${number(counts.read)} · replied: ${number(counts.replied)}`),
    h('dl', { class: 'count-grid', 'aria-label': 'Messages per status' }, tiles),
    precheck && (precheck.unchecked > 0 || precheck.notOnWhatsApp > 0)
      ? h('p', { class: 'small' }, `Numbers checked on WhatsApp: ${number(precheck.unchecked)} still to check; ${number(precheck.notOnWhatsApp)} not on WhatsApp (skipped).`)
      : null);
}

function renderSenders(container, campaign) {
  const list = campaign.senders ?? [];
  replace(container,
    h('h2', { id: 'campaign-senders-heading' }, 'Senders'),
    list.length === 0
      ? h('p', { class: 'muted' }, 'No sender is set for this campaign.')
      : table('Progress per sender', ['Sender', 'Queued', 'Sent today / cap', 'Next send', 'Paused'], list.map(sender => h('tr', null,
        h('th', { scope: 'row' }, sender.name),
        h('td', { class: 'number' }, number(sender.queued)),
        h('td', { class: 'number' }, `${number(sender.sentToday)} / ${number(sender.capToday)}`),
        h('td', null, sender.nextSendAt ? relative(sender.nextSendAt) : '—'),
        h('td', null, sender.pausedReason ?? 'no')))));
}

const eventNames = {
  failover: 'Messages moved to other senders',
  waiting_for_sender: 'Waiting for a sender',
  sender_restricted: 'A sender was restricted',
};

function renderEvents(container, campaign) {
  const list = campaign.events ?? [];
  const names = new Map((campaign.senders ?? []).map(sender => [sender.senderId, sender.name]));
  const describe = detail => Object.entries(detail ?? {}).map(([key, value]) => {
    const show = item => names.get(item) ?? (typeof item === 'object' ? JSON.stringify(item) : String(item));
    return `${key}: ${Array.isArray(value) ? value.map(show).join(', ') : show(value)}`;
  }).join('; ');
  replace(container,
    h('h2', { id: 'campaign-events-heading' }, 'Events'),
    list.length === 0
      ? h('p', { class: 'muted' }, 'Nothing out of the ordinary has happened.')
      : table('Events, newest first', ['When', 'What', 'Details'], list.map(event => h('tr', null,
        h('td', null, dateTime(event.at)),
        h('th', { scope: 'row' }, eventNames[event.kind] ?? event.kind),
        h('td', { class: 'small' }, describe(event.detail))))));
}

function renderActions(container, campaign, { act, problems, signal }) {
  const id = encodeURIComponent(campaign.id);
  const post = path => () => api(`/api/campaigns/${id}/${path}`, { method: 'POST', signal });
  const button = (label, onclick, className) => {
    const element = h('button', { type: 'button', class: className ?? null });
    element.textContent = label;
    element.addEventListener('click', () => onclick(element));
    return element;
  };
  const items = [];
  switch (campaign.status) {
    case 'draft':
      items.push(h('a', { class: 'button', href: `#/campaigns/${id}/edit` }, 'Edit'));
      items.push(button('Prepare', b => act(b, post('prepare'), 'Preparing the messages.'), 'primary'));
      break;
    case 'preparing':
      items.push(button('Stop preparing', b => act(b, post('draft'), 'Back to draft.')));
      break;
    case 'ready':
      items.push(button('Start', b => start(b), 'primary'));
      items.push(button('Back to draft to edit', b => busy(b, problems, async () => {
        await post('draft')();
        announce('Back to draft.');
        navigate(`/campaigns/${id}/edit`);
      })));
      break;
    case 'scheduled':
    case 'running':
      items.push(button('Pause', b => act(b, post('pause'), 'Paused.')));
      items.push(button('Cancel campaign', b => cancel(b), 'danger'));
      break;
    case 'paused':
      items.push(button('Resume', b => act(b, post('resume'), 'Resumed.'), 'primary'));
      items.push(button('Cancel campaign', b => cancel(b), 'danger'));
      break;
    case 'completed':
    case 'cancelled':
      items.push(button('Retry the unreached', b => busy(b, problems, async () => {
        const retry = await api(`/api/campaigns/${id}/retry`, { method: 'POST', signal });
        announce(`A new draft was made for ${retry.recipients} recipients not reached.`);
        navigate(`/campaigns/${encodeURIComponent(retry.campaignId)}`);
      })));
      break;
    default:
      break;
  }
  replace(container, items);

  /** Start; a 409 that names the senders that cannot send lists each by name with why. */
  async function start(element) {
    await act(element, post('start'), 'Started.', error => {
      const box = problemBox(error);
      const refused = error?.problem?.senders;
      if (box && Array.isArray(refused)) {
        const names = new Map((campaign.senders ?? []).map(sender => [sender.senderId, sender.name]));
        box.append(h('ul', { class: 'refused-senders' }, refused.map(sender =>
          h('li', null, h('strong', null, names.get(sender.id) ?? sender.id), `: ${sender.reason}`))));
      }
      return box;
    });
  }

  async function cancel(element) {
    const yes = await confirmDialog({
      title: 'Cancel this campaign?',
      text: 'Its messages not sent yet are cancelled and will never be sent. This cannot be undone.',
      confirm: 'Cancel campaign',
      keep: 'Keep it',
    });
    if (yes) await act(element, post('cancel'), 'Cancelled.');
    else element.focus();
  }
}

/** Test sends: one number typed by the visitor, and the last tests with how their messages fared. */
function testSection(campaignId, signal) {
  const id = encodeURIComponent(campaignId);
  const input = h('input', { type: 'tel', name: 'numbers', autocomplete: 'off', inputmode: 'tel' });
  const phone = field({ label: 'Phone number', input, hint: 'In international form, e.g. +447700900123. It gets this campaign\'s message now, from one of its senders.' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Send test');
  const problems = h('div');
  const results = h('div');
  let latest = [];
  const form = h('form', { class: 'test-form', novalidate: true }, phone.element, h('div', { class: 'form-actions' }, submit), problems);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    await busy(submit, null, async () => {
      showProblem(problems, null);
      try {
        await api(`/api/campaigns/${id}/test`, { method: 'POST', json: { numbers: [input.value.trim()] }, signal });
        phone.setError(null);
        announce(`Test message sent to ${input.value.trim()}.`);
        await load();
      } catch (error) {
        const left = applyFieldErrors({ numbers: phone, 'numbers[0]': phone }, error);
        if (left) showProblem(problems, left);
        if (!left) input.focus();
      }
    });
  });
  const element = h('section', { class: 'card', 'aria-labelledby': 'campaign-tests-heading' },
    h('h2', { id: 'campaign-tests-heading' }, 'Test send'), form, results);

  async function load() {
    latest = await api(`/api/campaigns/${id}/tests`, { signal });
    const rows = latest.flatMap(test => test.messages.map(message => h('tr', null,
      h('td', null, dateTime(test.createdAt)),
      h('th', { scope: 'row' }, message.phone),
      h('td', null, badge(message.status)),
      h('td', { class: 'small' }, message.error?.message ?? message.skipReason ?? ''))));
    replace(results, rows.length ? table('Test sends, newest first', ['When', 'Number', 'Status', 'Why'], rows) : null);
  }

  return { element, load, running: () => latest.some(test => test.status === 'running') };
}

/** The report downloads (every recipient, or only those not reached), once the campaign has messages. */
function reportSection(initial, signal) {
  const id = encodeURIComponent(initial.id);
  const problems = h('div');
  const all = h('button', { type: 'button' }, 'Download the report (CSV)');
  const unreached = h('button', { type: 'button' }, 'Download the recipients not reached (CSV)');
  all.addEventListener('click', () => busy(all, problems, async () => {
    await download(`/api/campaigns/${id}/report.csv`, `campaign-${initial.id}.csv`, signal);
    announce('The report is downloaded.');
  }));
  unreached.addEventListener('click', () => busy(unreached, problems, async () => {
    await download(`/api/campaigns/${id}/report.csv?status=unreached`, `campaign-${initial.id}-unreached.csv`, signal);
    announce('The list of recipients not reached is downloaded.');
  }));
  const element = h('section', { class: 'card', 'aria-labelledby': 'campaign-report-heading' },
    h('h2', { id: 'campaign-report-heading' }, 'Report'),
    h('p', { class: 'muted small' }, 'One line per recipient: the list\'s columns, status, sent / delivered / read / replied times and errors.'),
    h('div', { class: 'actions' }, all, unreached), problems);
  return {
    element,
    update(campaign) { element.hidden = ['draft', 'preparing'].includes(campaign.status); },
  };
}
