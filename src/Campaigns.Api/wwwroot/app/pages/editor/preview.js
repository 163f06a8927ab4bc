// The live preview beside the template: after a pause in typing it asks POST /api/campaigns/preview for the list's
// first rows and the whole list's variation statistics. Each request has its own AbortController, and a newer request
// cancels the one before (so an old answer never overwrites a newer one).
import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { badge, number, problemBox, table } from '../../ui.js';

const debounceMs = 400;
const rows = 10;
const retryMs = 1500;

/**
 * The preview panel: { element, refresh() } where refresh() schedules a preview of what request() returns now
 * ({ contactListId, template?, media?, maxIdentical?, campaignId? } or a string saying what is missing).
 * onTemplateError(error | null) gets the answer's error (or null after a good answer) to show under the template.
 */
export function previewPanel({ request, onTemplateError, signal }) {
  const status = h('p', { class: 'small muted editor-preview-status', role: 'status' });
  const body = h('div', { class: 'editor-preview-body' });
  const element = h('section', { class: 'card editor-preview', 'aria-labelledby': 'editor-preview-heading' },
    h('h2', { id: 'editor-preview-heading' }, 'Live preview'),
    status,
    body);
  let timer = null;
  let inFlight = null;
  let generation = 0;

  signal?.addEventListener('abort', () => {
    clearTimeout(timer);
    inFlight?.abort();
  }, { once: true });

  async function run() {
    const wanted = request();
    inFlight?.abort();
    inFlight = null;
    if (typeof wanted === 'string') {
      status.textContent = '';
      replace(body, h('p', { class: 'muted' }, wanted));
      onTemplateError?.(null);
      return;
    }
    const controller = new AbortController();
    inFlight = controller;
    const mine = ++generation;
    status.textContent = 'Updating the preview…';
    element.setAttribute('aria-busy', 'true');
    try {
      const preview = await api('/api/campaigns/preview', {
        method: 'POST', json: { ...wanted, count: rows }, signal: controller.signal,
      });
      if (mine !== generation) return;
      onTemplateError?.(null);
      status.textContent = `Preview of the first ${number(preview.messages.length)} contacts; ${preview.variation.ruleHolds ? 'the variation rule holds' : 'the variation rule does not hold'}.`;
      replace(body, statistics(preview), messages(preview));
    } catch (error) {
      if (error?.name === 'AbortError' || mine !== generation) return;
      if (error?.status === 429) {
        // Too many previews of this tenant at once (another tab, a teammate): try again shortly.
        status.textContent = 'The server is busy with other previews; trying again…';
        clearTimeout(timer);
        timer = setTimeout(run, retryMs);
        return;
      }
      const templateShown = onTemplateError?.(error);
      status.textContent = templateShown ? 'The preview waits for the template to be fixed.' : 'The preview failed.';
      replace(body, templateShown
        ? h('p', { class: 'muted' }, 'Fix the problem shown under the message to see the preview.')
        : problemBox(error));
    } finally {
      if (mine === generation) {
        element.removeAttribute('aria-busy');
        inFlight = null;
      }
    }
  }

  return {
    element,
    refresh(now = false) {
      clearTimeout(timer);
      if (signal?.aborted) return;
      timer = setTimeout(run, now ? 0 : debounceMs);
    },
  };
}

function statistics(preview) {
  const { ruleHolds, statistics: stats, shortfall } = preview.variation;
  const coverage = preview.coverage;
  const items = [
    ['Recipients', number(stats.recipients)],
    ['Ready', number(stats.ready)],
    ['Skipped', number(stats.skipped)],
    ['Distinct texts', number(stats.distinctBodies)],
    ['Largest group (same text)', `${number(stats.largestShare)} of at most ${number(stats.maxIdentical)}`],
    ['Left without a text of their own', number(stats.overLimit)],
  ];
  const verdict = ruleHolds
    ? h('p', { class: 'editor-rule editor-rule-holds' },
      h('strong', null, '✓ The ≤ ', number(stats.maxIdentical), ' rule holds: '),
      `no text goes to more than ${number(stats.maxIdentical)} recipients.`)
    : h('div', { class: 'editor-rule editor-rule-fails' },
      h('p', null, h('strong', null, '✗ The ≤ ', number(stats.maxIdentical), ' rule does not hold: '),
        `${number(stats.overLimit)} recipients would get a text that already goes to ${number(stats.maxIdentical)} others, so preparing would fail.`),
      h('p', null, shortfall?.message
        ?? 'Add choices such as {Hi|Hello|Hey}, or a column such as {{ first_name }}, so that more distinct texts can be made.'));
  return h('div', { class: 'editor-stats' },
    h('h3', null, 'Variation over the whole list'),
    verdict,
    h('dl', { class: 'editor-stats-list' }, items.map(([term, value]) => [h('dt', null, term), h('dd', null, value)])),
    coverage?.sampled
      ? h('p', { class: 'small muted' }, `Counted over the first ${number(coverage.rowsExamined)} of ${number(coverage.listRows)} contacts (${coverage.stoppedBy === 'timeBudget' ? 'the preview ran out of time' : 'the list is longer than a preview plans'}).`)
      : null);
}

function messages(preview) {
  if (!preview.messages.length) return h('p', { class: 'muted' }, 'The list has no contacts to preview.');
  const variables = preview.variables.length
    ? h('p', { class: 'small muted' }, 'Columns used: ', preview.variables.map((variable, index) => [
      index ? ', ' : '', h('code', null, variable.name), variable.column !== variable.name ? ` (${variable.column})` : '']))
    : null;
  return h('div', null,
    h('h3', null, 'First contacts'),
    variables,
    table('Preview of the first contacts\' messages', ['Line', 'Phone', 'Message', 'Status'], preview.messages.map(message =>
      h('tr', null,
        h('td', { class: 'number' }, number(message.line)),
        h('td', { class: 'editor-phone' }, message.phone),
        h('td', { class: 'editor-text' }, message.text ?? h('span', { class: 'muted' }, '(no message)')),
        h('td', null, badge(message.status), message.skipReason ? h('p', { class: 'small' }, message.skipReason) : null)))));
}
