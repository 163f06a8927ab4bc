// A confirmation in a native modal <dialog>: focus moves into it and stays there, Escape answers "no".
import { h } from '../../dom.js';

/** Resolves true when the visitor confirms, false when they keep things as they are (button or Escape). */
export function confirmDialog({ title, text, confirm, keep }) {
  return new Promise(resolve => {
    const titleId = `confirm-${Date.now()}`;
    const dialog = h('dialog', { class: 'confirm-dialog', 'aria-labelledby': titleId },
      h('h2', { id: titleId }, title),
      h('p', null, text),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'danger', onclick: () => dialog.close('yes') }, confirm),
        h('button', { type: 'button', autofocus: true, onclick: () => dialog.close('no') }, keep)));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'yes');
    }, { once: true });
    document.body.append(dialog);
    dialog.showModal();
  });
}
