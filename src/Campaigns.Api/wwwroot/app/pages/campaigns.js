// Campaigns: the tenant's campaigns with the /api/stats summary (index), and one campaign's page (detail, in
// campaigns/detail.js). Everything goes through the documented REST API.
import { api, pagePath } from '../api.js';
import { h, replace } from '../dom.js';
import { announce, badge, dateTime, keepFocus, number, pageHeading, percent, poll, problemBox, progressBar, showProblem, table } from '../ui.js';
import { handled, isActive, messageTotal, statusesForFilter } from './campaigns/counts.js';

export { detail } from './campaigns/detail.js';

const pageSize = 20;

export async function index(main, ctx) {
  const { signal } = ctx;
  let filter = ctx.query.get('status') ?? '';
  const problems = h('div', { class: 'campaigns-problems' });
  const stats = h('section', { class: 'card campaigns-stats', 'aria-labelledby': 'campaigns-stats-heading' },
    h('h2', { id: 'campaigns-stats-heading' }, 'All campaigns'), h('p', { class: 'muted' }, 'Loading the statistics…'));
  // The filter redraws the listing in place (the address follows): navigating would move the focus to the heading
  // at every arrow key in the list of statuses.
  const select = h('select', { id: 'campaigns-status', onchange: () => applyFilter() },
    h('option', { value: '' }, 'Every status'),
    statusesForFilter.map(status => h('option', { value: status, selected: status === filter }, status)));
  const rows = h('tbody');
  const listing = h('div', { class: 'table-wrap', role: 'region', 'aria-label': 'Campaigns', tabindex: '0' },
    h('table', { class: 'campaigns-table' },
      h('caption', { class: 'visually-hidden' }, 'Campaigns, newest first'),
      h('thead', null, h('tr', null,
        ['Campaign', 'Status', 'Progress', 'Sent', 'Delivered', 'Read', 'Failed', 'Replied', 'Created', 'Started']
          .map((name, i) => h('th', { scope: 'col', class: i >= 3 && i <= 7 ? 'number' : null }, name)))),
      rows));
  const emptyText = () => [filter ? `No campaign is ${filter}.` : 'No campaign yet. ',
    filter ? null : h('a', { href: '#/campaigns/new' }, 'Write the first one.')];
  const empty = h('p', { class: 'muted', hidden: true }, emptyText());
  const more = h('button', { type: 'button' }, 'Show more campaigns');
  const moreBox = h('div', { hidden: true }, more); // a button's display (app.css) would override its own hidden
  main.append(h('div', { class: 'campaigns-page' },
    pageHeading('Campaigns', h('a', { class: 'button primary', href: '#/campaigns/new' }, 'New campaign')),
    problems,
    stats,
    h('div', { class: 'campaigns-filter field' }, h('label', { for: 'campaigns-status' }, 'Show'), select),
    listing, empty, moreBox));

  // Rows of running (or paused) campaigns are refreshed by the poll below; the others are read once.
  const shown = new Map();
  let next = null;
  let view = 0; // bumped by the filter: a page read for an earlier filter is dropped

  const loadPage = async after => {
    const mine = view;
    const page = await api(pagePath('/api/campaigns', { limit: pageSize, status: filter, after }), { signal });
    if (mine !== view) return;
    for (const campaign of page.items) {
      const row = { campaign, element: h('tr') };
      shown.set(campaign.id, row);
      renderRow(row, null);
      rows.append(row.element);
    }
    next = page.next;
    moreBox.hidden = !next;
    empty.hidden = shown.size > 0;
    listing.hidden = shown.size === 0;
    // Counts are only on a campaign read by its id: read the page's campaigns that have messages, a few at a time.
    await readDetails(page.items.filter(c => !['draft', 'preparing'].includes(c.status)).map(c => shown.get(c.id)), signal);
  };

  async function applyFilter() {
    filter = select.value;
    history.replaceState(null, '', filter ? `#/campaigns?status=${encodeURIComponent(filter)}` : '#/campaigns');
    view += 1;
    shown.clear();
    replace(rows);
    next = null;
    moreBox.hidden = true;
    replace(empty, emptyText());
    showProblem(problems, null);
    try {
      const mine = view;
      await loadPage(null);
      if (mine === view) announce(shown.size ? `${shown.size}${next ? ' or more' : ''} campaigns shown.` : empty.textContent);
    } catch (error) {
      showProblem(problems, error);
    }
  }

  more.addEventListener('click', async () => {
    more.disabled = true;
    try { await loadPage(next); } catch (error) { showProblem(problems, error); } finally { more.disabled = false; }
  });

  const loadStats = async () => renderStats(stats, await api('/api/stats', { signal }));
  try {
    await Promise.all([loadPage(null), loadStats().catch(error => replace(stats, h('h2', null, 'All campaigns'), problemBox(error)))]);
  } catch (error) {
    showProblem(problems, error);
    return;
  }

  let ticks = 0;
  poll(signal, async () => {
    ticks += 1;
    if (ticks === 1) return; // the first tick is the load above
    const active = [...shown.values()].filter(row => isActive(row.campaign.status));
    if (active.length === 0) return;
    await Promise.all([readDetails(active, signal), loadStats()]);
  }, 10_000, error => showProblem(problems, error));
}

async function readDetails(rows, signal) {
  const queue = [...rows];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      row.campaign = await api(`/api/campaigns/${row.campaign.id}`, { signal });
      renderRow(row, row.campaign.counts);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}

function renderRow(row, counts) {
  const { campaign } = row;
  let progress;
  if (campaign.status === 'preparing') {
    progress = progressBar(campaign.progress.rendered, campaign.progress.total, `Prepared of ${campaign.name}`);
  } else if (counts) {
    const total = messageTotal(counts);
    progress = h('span', null, percent(handled(counts), total), h('span', { class: 'muted small' }, ` of ${number(total)}`));
  } else {
    progress = h('span', { class: 'muted' }, campaign.status === 'draft' ? 'not prepared' : '…');
  }
  const cell = value => h('td', { class: 'number' }, counts ? number(value) : '—');
  keepFocus(row.element, () => replace(row.element,
    h('th', { scope: 'row' }, h('a', { href: `#/campaigns/${campaign.id}` }, campaign.name)),
    h('td', null, badge(campaign.status)),
    h('td', { class: 'campaigns-progress' }, progress),
    cell(counts && counts.sent + counts.delivered + counts.read),
    cell(counts && counts.delivered + counts.read),
    cell(counts?.read),
    cell(counts?.failed),
    cell(counts?.replied),
    h('td', null, dateTime(campaign.createdAt)),
    h('td', null, dateTime(campaign.startedAt))));
}

function renderStats(container, stats) {
  const rate = value => (value === null || value === undefined ? '—' : percent(Math.round(value * 1000), 1000));
  const tile = (label, value) => h('div', { class: 'stat' }, h('dt', null, label), h('dd', null, value));
  replace(container,
    h('h2', { id: 'campaigns-stats-heading' }, 'All campaigns'),
    h('dl', { class: 'stat-grid' },
      tile('Sent today (UTC)', number(stats.messagesToday)),
      tile('Sent in all', number(stats.totalSent)),
      tile('Delivery rate', rate(stats.deliveryRate)),
      tile('Read rate', rate(stats.readRate)),
      tile('Replies', number(stats.byStatus.replied)),
      tile('Failed', number(stats.byStatus.failed))));
}
