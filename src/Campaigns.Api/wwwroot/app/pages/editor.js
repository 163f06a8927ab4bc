// Campaign editor: create a draft (#/campaigns/new, ?list=<id> preselects the list) or change one
// (#/campaigns/:id/edit), with the live preview of real rows beside the template. Everything goes through the
// documented API: POST /api/campaigns, PATCH (merge patch) /api/campaigns/{id}, POST /api/campaigns/preview and
// POST /api/campaigns/{id}/prepare.
import { api, patch, ApiError, pagePath } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { announce, applyFieldErrors, badge, busy, field, number, pageHeading, problemBox, showProblem } from '../ui.js';
import { navigate } from '../router.js';
import { templateField, templateProblem } from './editor/template.js';
import { previewPanel } from './editor/preview.js';
import { sendWindowFields } from './editor/window.js';
import { mediaFields } from './editor/media.js';

const pageSize = 100;

export async function create(main, ctx) {
  main.append(pageHeading('New campaign'));
  await editor(main, ctx, null);
}

export async function edit(main, ctx) {
  const heading = pageHeading('Edit campaign');
  main.append(heading);
  let campaign;
  try {
    campaign = await api(`/api/campaigns/${encodeURIComponent(ctx.params.id)}`, { signal: ctx.signal });
  } catch (error) {
    if (error?.name === 'AbortError') throw error; // left meanwhile: <main> is the next page's now
    main.append(problemBox(error) ?? '', h('p', null, h('a', { href: '#/campaigns' }, 'Back to the campaigns')));
    return;
  }
  heading.querySelector('h1').textContent = `Edit campaign: ${campaign.name}`;
  if (campaign.status !== 'draft') {
    notDraft(main, ctx, campaign);
    return;
  }
  await editor(main, ctx, campaign);
}

/** A campaign that is not a draft cannot be changed: say so, and offer "back to draft" where the API allows it. */
function notDraft(main, ctx, campaign) {
  const errors = h('div');
  const canGoBack = campaign.status === 'ready' || campaign.status === 'preparing';
  const back = canGoBack
    ? h('button', {
      type: 'button',
      class: 'primary',
      onclick: () => busy(back, errors, async () => {
        await api(`/api/campaigns/${campaign.id}/draft`, { method: 'POST', signal: ctx.signal });
        announce('The campaign is a draft again.');
        navigate(`/campaigns/${campaign.id}/edit`);
      }),
    }, 'Back to draft')
    : null;
  main.append(h('div', { class: 'card' },
    h('p', null, 'This campaign is ', badge(campaign.status), ': only a draft can be changed.'),
    canGoBack
      ? h('p', null, campaign.status === 'ready'
        ? 'Taking it back to draft deletes its prepared messages; preparing it again renders them anew.'
        : 'Taking it back to draft stops its prepare; nothing of it is kept.')
      : null,
    errors,
    h('div', { class: 'form-actions' }, back, h('a', { href: `#/campaigns/${campaign.id}`, class: 'button' }, 'Open the campaign'))));
}

/** Pages through a listing (the API's cursors), at most `pages` pages. */
async function listAll(path, signal, pages = 5) {
  const items = [];
  let after = null;
  for (let page = 0; page < pages; page += 1) {
    const answer = await api(pagePath(path, { limit: pageSize, after }), { signal });
    items.push(...answer.items);
    after = answer.next;
    if (!after) return { items, more: false };
  }
  return { items, more: true };
}

/** A fieldset with an inline error (for groups of inputs: the senders). */
function group(legend, hint, ...content) {
  const errorId = uid('error');
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const element = h('fieldset', { class: 'editor-group', 'aria-describedby': errorId },
    h('legend', null, legend), hint ? h('p', { class: 'hint' }, hint) : null, content, error);
  return { element, setError(message) { error.textContent = message ?? ''; error.hidden = !message; } };
}

/** `<input type="datetime-local">` value of an ISO instant, in this browser's zone. */
function localInput(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = value => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

async function editor(main, ctx, campaign) {
  const { signal } = ctx;
  const loading = h('p', { class: 'muted' }, 'Loading your lists and senders…');
  main.append(loading);
  let lists;
  let senders;
  try {
    [lists, senders] = await Promise.all([listAll('/api/contact-lists', signal), listAll('/api/senders', signal)]);
  } catch (error) {
    replace(loading, problemBox(error) ?? '');
    return;
  }
  loading.remove();

  let campaignId = campaign?.id ?? null;
  const listsById = new Map(lists.items.map(list => [list.id, list]));
  const wantedList = campaign?.contactListId ?? ctx.query.get('list');

  // Name and list.
  const name = field({
    label: 'Name',
    hint: 'For you and your team; recipients never see it.',
    input: h('input', { type: 'text', name: 'name', required: true, maxlength: '200', autocomplete: 'off', value: campaign?.name ?? '' }),
  });
  const listSelect = h('select', { name: 'contactListId', required: true },
    h('option', { value: '' }, lists.items.length ? 'Choose a list…' : 'No lists yet'),
    lists.items.map(list => h('option', { value: list.id, selected: list.id === wantedList },
      `${list.name} (${number(list.imported)} contacts)`)));
  if (wantedList && !listsById.has(wantedList)) {
    listSelect.append(h('option', { value: wantedList, selected: true }, 'A list not among the first pages'));
  }
  const list = field({
    label: 'Contact list',
    hint: lists.more ? 'Your newest lists are offered.' : null,
    input: listSelect,
  });
  list.element.append(h('p', { class: 'small' }, h('a', { href: '#/lists' }, 'Upload a new list')));

  // Message: kind, media and the template (the caption of a media message).
  const preview = previewPanel({
    signal,
    request: previewRequest,
    onTemplateError: showTemplateError,
  });
  const template = templateField({ value: campaign?.template ?? campaign?.media?.caption ?? '', onChange: () => preview.refresh() });
  const media = mediaFields(campaign?.media ?? null, () => preview.refresh());
  media.onKindChange(() => {
    template.setLabel(media.isMedia() ? 'Caption' : 'Message');
    template.element.hidden = media.isMedia() && media.type() === 'audio';
  });
  media.fields['media.type'].input.addEventListener('change', () => {
    template.element.hidden = media.isMedia() && media.type() === 'audio';
  });

  function templateText() {
    return template.input.value;
  }

  function previewRequest() {
    const listId = listSelect.value;
    if (!listId) return 'Choose a contact list to see its first messages here.';
    const text = templateText();
    const body = { contactListId: listId, maxIdentical: Number(maxIdentical.input.value) || null, campaignId };
    if (media.isMedia()) {
      const value = media.value();
      if (value === undefined) return 'The stored file is not sent back by the API: choose it again to preview the message.';
      return { ...body, media: { ...value, caption: media.type() === 'audio' ? null : (text || null) } };
    }
    if (!text.trim()) return 'Write the message to see it for the first contacts here.';
    return { ...body, template: text };
  }

  /** Shows a preview's or a save's template error under the template; true when it was one. */
  function showTemplateError(error) {
    if (!error) {
      template.setError(null);
      return false;
    }
    const found = templateProblem(error, media.isMedia() ? 'media.caption' : 'template');
    if (!found) return false;
    template.setError(found.message, found);
    return true;
  }

  // Senders.
  const chosenSenders = new Set(campaign?.senderIds ?? []);
  const senderBoxes = senders.items.map(sender => {
    const input = h('input', { type: 'checkbox', name: 'senderIds', value: sender.id, id: uid('sender'), checked: chosenSenders.has(sender.id) });
    return h('li', { class: 'editor-sender' },
      input,
      h('label', { for: input.id }, sender.name, sender.phone ? ` (${sender.phone})` : ''),
      ' ', badge(sender.state),
      h('span', { class: 'small muted' }, ` ${number(sender.sentToday)} / ${number(sender.capToday)} sent today`,
        sender.paused ? `; paused: ${sender.paused.reason}` : ''));
  });
  const sendersGroup = group('Senders',
    senders.items.length ? 'The numbers to send from; you can leave them out while drafting.' : null,
    senders.items.length
      ? h('ul', { class: 'editor-senders' }, senderBoxes)
      : h('p', null, 'No senders yet. ', h('a', { href: '#/senders' }, 'Link a number on the Senders page.')));

  // Timing and options.
  const sendWindow = sendWindowFields(campaign?.sendWindow ?? null);
  const startAt = field({
    label: 'Start at',
    hint: `In this browser's time zone (${Intl.DateTimeFormat().resolvedOptions().timeZone}). Leave empty to send as soon as it is started.`,
    input: h('input', { type: 'datetime-local', name: 'startAt', value: localInput(campaign?.startAt) }),
  });
  const maxIdentical = field({
    label: 'Most recipients of one identical text',
    hint: 'The variation rule: 10 unless you have a reason.',
    input: h('input', { type: 'number', name: 'maxIdentical', min: '1', step: '1', inputmode: 'numeric', value: String(campaign?.maxIdentical ?? 10) }),
  });
  maxIdentical.input.addEventListener('input', () => preview.refresh());
  const stopOnReplyInput = h('input', { type: 'checkbox', name: 'stopOnReply', id: uid('stop'), checked: campaign?.stopOnReply ?? false });
  const stopOnReplyError = h('p', { class: 'field-error', hidden: true });
  const stopOnReply = h('div', { class: 'field editor-check' },
    h('span', null, stopOnReplyInput, h('label', { for: stopOnReplyInput.id }, 'Stop on reply')),
    h('p', { class: 'hint' }, 'When a number replies, skip this campaign\'s message to it if not yet sent.'),
    stopOnReplyError);

  const fields = {
    name, contactListId: list, template, 'media.caption': template, ...media.fields,
    senderIds: sendersGroup, sendWindow, startAt, maxIdentical,
    stopOnReply: { setError(message) { stopOnReplyError.textContent = message ?? ''; stopOnReplyError.hidden = !message; } },
  };

  const formErrors = h('div', { class: 'form-errors' });
  const saved = h('p', { class: 'notice', role: 'status', hidden: true });
  const saveDraft = h('button', { type: 'submit', class: 'primary' }, 'Save draft');
  const savePrepare = h('button', { type: 'button' }, 'Save and prepare');
  const form = h('form', { class: 'card editor-form', novalidate: true, 'aria-label': 'Campaign' },
    name.element, list.element,
    h('h2', null, 'Message'),
    media.element, template.element,
    h('h2', null, 'Sending'),
    sendersGroup.element, sendWindow.element, startAt.element, maxIdentical.element, stopOnReply,
    formErrors, saved,
    h('div', { class: 'form-actions' }, saveDraft, savePrepare,
      h('a', { class: 'button', href: campaignId ? `#/campaigns/${campaignId}` : '#/campaigns' }, 'Cancel')));

  main.append(h('div', { class: 'editor-layout' }, form, preview.element));

  listSelect.addEventListener('change', () => {
    template.setList(listsById.get(listSelect.value) ?? null);
    preview.refresh(true);
  });
  template.setList(listsById.get(listSelect.value) ?? null);
  preview.refresh(true);

  /** The campaign as the API takes it (create) or the merge patch (edit: every field, the kept media left out). */
  function body() {
    const value = media.value();
    const text = templateText();
    const request = {
      name: name.input.value,
      contactListId: listSelect.value || null,
      senderIds: senderBoxes.map(item => item.querySelector('input')).filter(input => input.checked).map(input => input.value),
      sendWindow: sendWindow.value(),
      startAt: startAt.input.value ? new Date(startAt.input.value).toISOString() : null,
      maxIdentical: maxIdentical.input.value === '' ? null : Number(maxIdentical.input.value),
      stopOnReply: stopOnReplyInput.checked,
    };
    if (!media.isMedia()) {
      request.template = text;
      request.media = null;
    } else {
      request.template = null;
      if (value !== undefined) request.media = { ...value, caption: media.type() === 'audio' ? null : (text || null) };
    }
    if (!campaignId) {
      if (request.media === null) delete request.media;
      if (request.template === null) delete request.template;
    }
    return request;
  }

  async function save() {
    saved.hidden = true;
    if (media.isMedia() && media.value() === undefined && (templateText() || null) !== (campaign?.media?.caption ?? null)) {
      const error = 'The caption is stored with the file, which the API does not send back: choose the file again to change the caption.';
      media.fields['media.base64'].setError(error);
      throw new ApiError(400, { title: 'Choose the file again', detail: error });
    }
    try {
      const answer = campaignId
        ? await patch(`/api/campaigns/${campaignId}`, body(), signal)
        : await api('/api/campaigns', { method: 'POST', json: body(), signal });
      applyFieldErrors(fields, null);
      campaign = answer;
      if (!campaignId) {
        campaignId = answer.id;
        // The page is now the draft's: a second save changes it rather than creating another one.
        history.replaceState(null, '', `#/campaigns/${campaignId}/edit`);
      }
      main.querySelector('h1').textContent = `Edit campaign: ${answer.name}`;
      return answer;
    } catch (error) {
      const leftover = applyFieldErrors(fields, error);
      showTemplateError(error);
      const invalid = form.querySelector('[aria-invalid="true"]');
      if (leftover) throw leftover;
      invalid?.focus();
      announce('The campaign was not saved: see the errors under the fields.');
      return null;
    }
  }

  // One save at a time, whichever button (or Enter in a field) asks: before the first answer there is no draft's id
  // yet, so a second save would create a second campaign.
  let saving = false;
  async function once(button, work) {
    if (saving) return;
    saving = true;
    saveDraft.disabled = true;
    savePrepare.disabled = true;
    try {
      await busy(button, formErrors, work);
    } finally {
      saving = false;
      saveDraft.disabled = false;
      savePrepare.disabled = false;
    }
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    once(saveDraft, async () => {
      const answer = await save();
      if (!answer) return;
      saved.textContent = `Draft saved at ${new Date(answer.updatedAt).toLocaleTimeString()}.`;
      saved.hidden = false;
      announce('Draft saved.');
    });
  });
  savePrepare.addEventListener('click', () => once(savePrepare, async () => {
    const answer = await save();
    if (!answer) return;
    await api(`/api/campaigns/${answer.id}/prepare`, { method: 'POST', signal });
    announce('Saved; preparing the campaign.');
    navigate(`/campaigns/${answer.id}`);
  }));
  showProblem(formErrors, null);
}
