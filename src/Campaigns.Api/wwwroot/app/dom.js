// Building DOM without innerHTML: every string becomes a text node, so nothing a tenant stored (a template, a CSV cell,
// a list name) can ever run as markup in the page.

/**
 * h('button', { class: 'primary', onclick: save, disabled: busy }, 'Save')
 * Attributes: `class`, `on<event>` (a function), `dataset` (an object), booleans (true sets, false/null omits), the rest
 * set as strings. Children: strings, numbers, nodes, arrays of them; null/undefined/false are skipped.
 */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'value' && 'value' in element) {
      element.value = value;
    } else if (name === 'checked' || name === 'selected') {
      element[name] = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends children (strings, numbers, nodes, nested arrays; null/undefined/false skipped). */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces an element's children. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

let ids = 0;

/** A document-unique id, for label/aria-describedby pairs. */
export function uid(prefix = 'id') {
  ids += 1;
  return `${prefix}-${ids}`;
}
