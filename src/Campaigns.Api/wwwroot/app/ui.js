// Small pieces every page uses: problem messages, inline field errors, progress, formatting, polling.
import { h, replace, uid } from './dom.js';
import { ApiError } from './api.js';

/** Tells screen readers (and tests) what just happened, without moving focus. */
export function announce(message) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  setTimeout(() => { announcer.textContent = message; }, 50);
}

/** The page's heading: focused after navigation so keyboard and screen-reader users start at the top. */
export function pageHeading(text, ...actions) {
  const heading = h('h1', { tabindex: '-1' }, text);
  return h('div', { class: 'page-heading' }, heading, actions.length ? h('div', { class: 'actions' }, actions) : null);
}

/** Moves focus to the page's heading (after a route change). */
export function focusHeading(root) {
  root.querySelector('h1')?.focus({ preventScroll: false });
}

/**
 * An alert box for an error: a problem's title and detail, its code, and every field error (field: message).
 * Returns null for an AbortError (a page left behind).
 */
export function problemBox(error) {
  if (error?.name === 'AbortError') return null;
  const problem = error instanceof ApiError ? error.problem : { detail: String(error?.message ?? error) };
  const fieldErrors = Object.entries(problem.errors ?? {}).flatMap(([field, messages]) =>
    (Array.isArray(messages) ? messages : [messages]).map(message => h('li', null, h('code', null, field), ': ', message)));
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', null, problem.title ?? 'Something went wrong'),
    problem.detail && problem.detail !== problem.title ? h('p', null, problem.detail) : null,
    fieldErrors.length ? h('ul', null, fieldErrors) : null,
    problem.code ? h('p', { class: 'muted small' }, 'Code: ', h('code', null, problem.code)) : null);
}

/** Shows an error in a container (replacing what was there), or clears it when error is null. */
export function showProblem(container, error) {
  if (!error) {
    replace(container);
    return;
  }
  const box = problemBox(error);
  if (box) replace(container, box);
}

/**
 * A labelled form field with a place for its inline error: { label, name, input, hint }.
 * Returns { element, input, setError(message|null) }; the input gets aria-describedby and aria-invalid.
 */
export function field({ label, input, hint }) {
  const id = input.id || uid('field');
  input.id = id;
  const hintId = hint ? uid('hint') : null;
  const errorId = uid('error');
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  input.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  const element = h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    input,
    error);
  return {
    element,
    input,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
      if (message) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
    },
  };
}

/**
 * Puts a problem's field errors next to the fields (a map from the API's field name, e.g. "template" or
 * "sendWindow.start", to a field from field()); returns the errors no field took, for a box above the form.
 */
export function applyFieldErrors(fields, error) {
  Object.values(fields).forEach(item => item.setError(null));
  if (!(error instanceof ApiError)) return error;
  let placed = 0;
  for (const [name, messages] of Object.entries(error.errors ?? {})) {
    const target = fields[name] ?? fields[name.split('.')[0]] ?? fields[name.split('[')[0]];
    if (!target) continue;
    target.setError((Array.isArray(messages) ? messages : [messages]).join(' '));
    placed += 1;
  }
  return placed > 0 && placed === Object.keys(error.errors ?? {}).length ? null : error;
}

/** A labelled progress bar (native <progress>, so assistive technology reads its value). */
export function progressBar(value, max, label) {
  const id = uid('progress');
  return h('div', { class: 'progress' },
    h('label', { for: id }, label),
    h('progress', { id, value: Math.min(value, max), max: Math.max(max, 1) }, `${percent(value, max)}`),
    h('span', { class: 'progress-value' }, percent(value, max)));
}

export function percent(value, total) {
  if (!total) return '0 %';
  return `${Math.floor((100 * value) / total)} %`;
}

const numberFormat = new Intl.NumberFormat();
export function number(value) {
  return value === null || value === undefined ? '—' : numberFormat.format(value);
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export function dateTime(value) {
  return value ? dateTimeFormat.format(new Date(value)) : '—';
}

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
/** "in 5 minutes", "3 hours ago"; a <time> element with the exact moment as its title. */
export function relative(value) {
  if (!value) return h('span', null, '—');
  const seconds = Math.round((new Date(value) - Date.now()) / 1000);
  const units = [['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];
  const [unit, size] = units.find(([, s]) => Math.abs(seconds) >= s) ?? ['second', 1];
  return h('time', { datetime: value, title: dateTime(value) }, relativeFormat.format(Math.round(seconds / size), unit));
}

/** A status word as a badge (its class styles it; the text is the status itself). */
export function badge(status) {
  return h('span', { class: `badge badge-${String(status).replace(/[^a-z_]/gi, '')}` }, String(status));
}

/** A table in a horizontally scrolling, labelled region (tables stay readable on a phone). */
export function table(caption, headers, rows) {
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' },
    h('table', null,
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', null, h('tr', null, headers.map(header => h('th', { scope: 'col' }, header)))),
      h('tbody', null, rows)));
}

/**
 * Calls tick() now and every intervalMs until the signal aborts; skips ticks while the tab is hidden and catches up
 * when it shows again. A tick's error goes to onError (a poll keeps going).
 */
export function poll(signal, tick, intervalMs, onError) {
  let timer = null;
  let running = false;
  const run = async () => {
    if (signal.aborted || running) return;
    if (document.hidden) { schedule(); return; }
    running = true;
    try { await tick(); } catch (error) { if (error?.name !== 'AbortError') onError?.(error); } finally { running = false; }
    schedule();
  };
  const schedule = () => {
    if (!signal.aborted) timer = setTimeout(run, intervalMs);
  };
  const visible = () => { if (!document.hidden) { clearTimeout(timer); run(); } };
  document.addEventListener('visibilitychange', visible);
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', visible);
  }, { once: true });
  run();
}

const focusable = 'a[href], button, input, select, textarea, summary, [tabindex]';

/**
 * Redraws a part of the page (a poll's new figures) and gives the keyboard focus back if the redraw took it: to the
 * element at the same place among the part's focusable elements (its link, its button, its scrolling table).
 */
export function keepFocus(container, redraw) {
  const active = document.activeElement;
  if (!active || active === document.body || !container.contains(active)) {
    redraw();
    return;
  }
  const place = [...container.querySelectorAll(focusable)].indexOf(active);
  redraw();
  if (active.isConnected || place < 0) return;
  const items = [...container.querySelectorAll(focusable)];
  items[Math.min(place, items.length - 1)]?.focus({ preventScroll: true });
}

/** Runs an action from a button: disables it meanwhile, and shows its error in `errors` (a container). */
export async function busy(button, errors, action) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  if (errors) showProblem(errors, null);
  try {
    return await action();
  } catch (error) {
    if (errors) showProblem(errors, error); else throw error;
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}
