// The media of a message, as the API takes it (media: { type, url | base64 + mimeType, fileName, caption }): a file
// given by its URL (the gateway fetches it) or chosen here (sent as base64). The caption is the editor's template.
import { h, uid } from '../../dom.js';
import { field } from '../../ui.js';

/** Reads a file as base64 without the data: prefix. */
function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * The media fields: { element, fields (by API name, for applyFieldErrors), isMedia(), type(), value() → media or
 * undefined (unchanged stored file), onKindChange }. A stored media's base64 is not returned by the API: unless
 * another file is chosen, the stored one is kept (value() answers undefined, and the save leaves media out).
 */
export function mediaFields(media, onChange) {
  const name = uid('kind');
  const textRadio = h('input', { type: 'radio', name, value: 'text', id: uid('kind'), checked: !media });
  const mediaRadio = h('input', { type: 'radio', name, value: 'media', id: uid('kind'), checked: Boolean(media) });
  const type = field({
    label: 'Media type',
    input: h('select', { name: 'mediaType' },
      ['image', 'video', 'document', 'audio'].map(value => h('option', { value, selected: media?.type === value }, value))),
  });
  const sourceName = uid('source');
  const urlRadio = h('input', { type: 'radio', name: sourceName, value: 'url', id: uid('source'), checked: media?.source !== 'base64' });
  const fileRadio = h('input', { type: 'radio', name: sourceName, value: 'file', id: uid('source'), checked: media?.source === 'base64' });
  const url = field({
    label: 'File URL',
    hint: 'http or https; the gateway fetches the file from there.',
    input: h('input', { type: 'url', name: 'mediaUrl', value: media?.url ?? '', inputmode: 'url' }),
  });
  const file = field({
    label: 'File',
    hint: media?.source === 'base64' ? 'A file is stored with this draft; choose another to replace it.' : 'Sent inside the campaign as base64.',
    input: h('input', { type: 'file', name: 'mediaFile' }),
  });
  const mimeType = field({
    label: 'MIME type',
    hint: 'E.g. image/jpeg; required with a chosen file (filled from the file).',
    input: h('input', { type: 'text', name: 'mimeType', value: media?.mimeType ?? '', autocomplete: 'off' }),
  });
  const fileName = field({
    label: 'File name the recipient sees',
    hint: 'Required for a document.',
    input: h('input', { type: 'text', name: 'fileName', value: media?.fileName ?? '', autocomplete: 'off' }),
  });
  let chosen = null;
  let changed = !media || media.source !== 'base64';

  const errorId = uid('error');
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const details = h('div', { class: 'editor-media-details' },
    type.element,
    h('fieldset', { class: 'editor-inline' },
      h('legend', null, 'Where the file comes from'),
      h('span', null, urlRadio, h('label', { for: urlRadio.id }, 'A URL')),
      h('span', null, fileRadio, h('label', { for: fileRadio.id }, 'A file from this computer'))),
    url.element, file.element, mimeType.element, fileName.element, error);
  const element = h('fieldset', { class: 'editor-group', 'aria-describedby': errorId },
    h('legend', null, 'Message kind'),
    h('div', { class: 'editor-inline' },
      h('span', null, textRadio, h('label', { for: textRadio.id }, 'Text')),
      h('span', null, mediaRadio, h('label', { for: mediaRadio.id }, 'Media with a caption'))),
    details);

  const listeners = [];
  function sync() {
    details.hidden = !mediaRadio.checked;
    url.element.hidden = !urlRadio.checked;
    file.element.hidden = urlRadio.checked;
    listeners.forEach(listener => listener());
  }
  [textRadio, mediaRadio, urlRadio, fileRadio].forEach(input => input.addEventListener('change', () => { changed = true; sync(); onChange?.(); }));
  [type.input, url.input, mimeType.input, fileName.input].forEach(input => input.addEventListener('change', () => { changed = true; onChange?.(); }));
  file.input.addEventListener('change', async () => {
    const picked = file.input.files?.[0];
    if (!picked) return;
    changed = true;
    chosen = { base64: await readBase64(picked) };
    if (!mimeType.input.value && picked.type) mimeType.input.value = picked.type;
    if (!fileName.input.value) fileName.input.value = picked.name;
    onChange?.();
  });
  sync();

  return {
    element,
    fields: {
      media: { setError(message) { error.textContent = message ?? ''; error.hidden = !message; } },
      'media.type': type,
      'media.url': url,
      'media.base64': file,
      'media.mimeType': mimeType,
      'media.fileName': fileName,
    },
    isMedia: () => mediaRadio.checked,
    type: () => type.input.value,
    onKindChange(listener) { listeners.push(listener); listener(); },
    /** The media to send (without its caption), null for a text message, undefined when the stored one is kept. */
    value() {
      if (!mediaRadio.checked) return null;
      if (!changed) return undefined;
      const common = { type: type.input.value, mimeType: mimeType.input.value.trim() || null, fileName: fileName.input.value.trim() || null };
      return urlRadio.checked
        ? { ...common, url: url.input.value.trim() || null }
        : { ...common, base64: chosen?.base64 ?? null };
    },
  };
}
