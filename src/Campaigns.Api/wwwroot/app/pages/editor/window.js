// The send window of the editor: the hours of a day (1 to 8 ranges), the days, and the time zone (each recipient's
// own by default), in the shape the API takes (sendWindow: { ranges, days, timeZone }).
import { h, uid } from '../../dom.js';

const days = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'], ['sat', 'Saturday'], ['sun', 'Sunday']];
const maxRanges = 8;

function zones() {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

/** The send window fields: { element, value() → sendWindow, setError(message | null) }. */
export function sendWindowFields(window) {
  const ranges = h('ol', { class: 'editor-ranges' });
  const addRange = h('button', { type: 'button', onclick: () => { add('09:00', '17:00'); renumber(); ranges.lastElementChild?.querySelector('input')?.focus(); } }, 'Add a range');

  function add(start, end) {
    const startInput = h('input', { type: 'time', name: 'range-start', value: start, required: true });
    const endInput = h('input', { type: 'time', name: 'range-end', value: end, required: true });
    const startLabel = h('label', null);
    const endLabel = h('label', null);
    const remove = h('button', { type: 'button', class: 'link', onclick: () => { item.remove(); renumber(); addRange.focus(); } });
    const item = h('li', { class: 'editor-range' },
      h('span', { class: 'editor-range-part' }, startLabel, startInput),
      h('span', { class: 'editor-range-part' }, endLabel, endInput),
      remove);
    ranges.append(item);
  }

  function renumber() {
    const items = [...ranges.children];
    items.forEach((item, index) => {
      const [startLabel, endLabel] = item.querySelectorAll('label');
      const [startInput, endInput] = item.querySelectorAll('input');
      startInput.id ||= uid('range-start');
      endInput.id ||= uid('range-end');
      startLabel.htmlFor = startInput.id;
      endLabel.htmlFor = endInput.id;
      startLabel.textContent = items.length > 1 ? `From (range ${index + 1})` : 'From';
      endLabel.textContent = items.length > 1 ? `Until (range ${index + 1})` : 'Until';
      const remove = item.querySelector('button');
      remove.textContent = `Remove range ${index + 1}`;
      remove.hidden = items.length === 1;
    });
    addRange.hidden = items.length >= maxRanges;
  }

  for (const range of window?.ranges?.length ? window.ranges : [{ start: '08:00', end: '20:00' }]) add(range.start, range.end);
  renumber();

  const chosenDays = new Set(window?.days ?? days.map(([day]) => day));
  const dayBoxes = days.map(([day, name]) => {
    const input = h('input', { type: 'checkbox', name: 'days', value: day, checked: chosenDays.has(day), id: uid('day') });
    return h('span', { class: 'editor-day' }, input, h('label', { for: input.id }, name));
  });

  const zone = window?.timeZone ?? 'recipient';
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zoneSelect = h('select', { name: 'timeZone', id: uid('zone') },
    h('option', { value: 'recipient', selected: zone === 'recipient' }, 'Each recipient\'s own time zone'),
    own ? h('option', { value: own, selected: zone === own }, `${own} (this browser's)`) : null,
    zones().filter(name => name !== own).map(name => h('option', { value: name, selected: zone === name }, name)));
  if (zone !== 'recipient' && ![...zoneSelect.options].some(option => option.value === zone)) {
    zoneSelect.append(h('option', { value: zone, selected: true }, zone));
  }

  const errorId = uid('error');
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const daysLegend = uid('days');
  const element = h('fieldset', { class: 'editor-group', 'aria-describedby': errorId },
    h('legend', null, 'Send window'),
    h('p', { class: 'hint' }, 'Messages go out only inside these hours, on these days. A range whose end is before its start runs through midnight.'),
    ranges,
    addRange,
    h('p', { class: 'editor-subhead', id: daysLegend }, 'Days'),
    h('div', { class: 'editor-days', role: 'group', 'aria-labelledby': daysLegend }, dayBoxes),
    h('div', { class: 'field' }, h('label', { for: zoneSelect.id }, 'Time zone'), zoneSelect),
    error);

  return {
    element,
    value() {
      return {
        ranges: [...ranges.children].map(item => {
          const [start, end] = item.querySelectorAll('input');
          return { start: start.value || null, end: end.value || null };
        }),
        days: dayBoxes.map(box => box.querySelector('input')).filter(input => input.checked).map(input => input.value),
        timeZone: zoneSelect.value,
      };
    },
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
    },
    focus() {
      ranges.querySelector('input')?.focus();
    },
  };
}
