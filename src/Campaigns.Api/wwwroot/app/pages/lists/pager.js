// A table that pages through a keyset listing of the API ({ items, next }: pass `next` back as `after`), one page in
// memory at a time. Going back re-reads the earlier page from the cursor that opened it, so memory stays one page.
import { h, replace } from '../../dom.js';
import { announce, showProblem, table } from '../../ui.js';

/**
 * keysetPager({ caption, headers, row, load, empty, noun, signal, className }) → { element, reload(), first() }.
 * load(after, signal) → { items, next } (after is null for the first page); row(item) → a <tr>; headers are strings, or
 * { text, class } (class 'number' right-aligns a column of figures); noun names the items in announcements ("contacts").
 */
export function keysetPager({ caption, headers, row, load, empty, noun, signal, className }) {
  const cursors = [null]; // cursors[i] opens page i
  let index = 0;
  let next = null;
  const body = h('div', { class: 'pager-body' });
  const errors = h('div');
  const status = h('p', { class: 'pager-status muted small' });
  // A turn in progress ignores more clicks; the buttons are not disabled meanwhile, since a disabled button loses the
  // keyboard focus it has.
  let turning = false;
  const turn = async target => {
    if (turning) return;
    turning = true;
    try { await go(target); } finally { turning = false; }
  };
  const previous = h('button', { type: 'button', onclick: () => turn(index - 1) }, 'Previous page');
  const following = h('button', { type: 'button', onclick: () => turn(index + 1) }, 'Next page');
  const nav = h('nav', { class: 'pager-nav', 'aria-label': `${caption}: pages` }, previous, status, following);
  const element = h('div', { class: className ? `pager ${className}` : 'pager' }, errors, body, nav);

  async function go(target, { quiet = false } = {}) {
    if (target > index && next === null) return;
    if (target > index) cursors[target] = next;
    element.setAttribute('aria-busy', 'true');
    try {
      const page = await load(cursors[target], signal);
      showProblem(errors, null);
      if (page.items.length === 0 && target === index && index > 0) {
        // the page shown was emptied (its items removed): show the one before
        await go(index - 1, { quiet });
        return;
      }
      if (page.items.length === 0 && target > index) {
        // the last page was exactly full: the cursor led to nothing more; stay where we were
        next = null;
        following.disabled = true;
        previous.disabled = index === 0;
        status.textContent = `Page ${index + 1}, the last.`;
        if (!quiet) announce(`No more ${noun}.`);
        return;
      }
      index = target;
      next = page.next ?? null;
      replace(body, page.items.length
        ? pageTable(caption, headers, page.items.map(row))
        : h('p', { class: 'muted' }, empty));
      status.textContent = page.items.length
        ? `Page ${index + 1}${next === null ? ', the last' : ''}: ${page.items.length} ${noun}.`
        : '';
      previous.disabled = index === 0;
      following.disabled = next === null;
      nav.hidden = index === 0 && next === null;
      if (!quiet) announce(`Page ${index + 1} of the ${noun}.`);
    } catch (error) {
      showProblem(errors, error);
      previous.disabled = index === 0;
      following.disabled = next === null;
    } finally {
      element.removeAttribute('aria-busy');
      keepFocus();
    }
  }

  /** The page button that had the focus and is now disabled (first or last page) hands it on, so it is not lost. */
  function keepFocus() {
    const focused = document.activeElement;
    if (focused !== previous && focused !== following) return;
    if (!focused.disabled && !nav.hidden) return;
    const other = focused === previous ? following : previous;
    if (!other.disabled && !nav.hidden) other.focus();
    else body.querySelector('.table-wrap')?.focus();
  }

  return {
    element,
    /** Re-reads the page on show (after a change). */
    reload: () => go(index, { quiet: true }),
    /** Shows the first page. */
    first: () => go(0, { quiet: true }),
  };
}

/** ui.js table() with a class on the headers that ask for one (right-aligned figures). */
function pageTable(caption, headers, rows) {
  const element = table(caption, headers.map(header => (typeof header === 'string' ? header : header.text)), rows);
  const cells = element.querySelectorAll('thead th');
  headers.forEach((header, index) => { if (header.class) cells[index].className = header.class; });
  return element;
}
