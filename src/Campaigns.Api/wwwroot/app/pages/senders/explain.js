// Plain-language words for what the senders API reports: connection states, pause reasons, and the problems the
// senders' calls answer. Kept apart from the views so every view says the same thing.
import { h, replace } from '../../dom.js';
import { ApiError } from '../../api.js';
import { applyFieldErrors, busy, problemBox } from '../../ui.js';

const states = {
  open: 'Connected: it can send.',
  connecting: 'Waiting for its QR code to be scanned, or reconnecting.',
  close: 'Disconnected: the phone logged out, went offline or was banned. Link it again with a QR code.',
  unauthorized: 'The gateway refuses its instance key. Register the gateway\'s global key (it repairs the key) or register the instance again.',
  unreachable: 'The gateway could not be reached. Check that it is running, then check the connection again.',
  unknown: 'Not known yet: check the connection.',
};

/** What a connection state means, e.g. "Connected: it can send." */
export function stateText(state) {
  return states[state] ?? `The gateway reports "${state}".`;
}

const pauses = {
  'paused by its user': 'Paused by a person (on this page or through the API). Resume it to send again.',
  manual: 'Paused by a person (on this page or through the API). Resume it to send again.',
  close: 'Its WhatsApp connection closed (logged out, phone offline, or banned). It resumes by itself when the connection opens again; link it again if it was logged out.',
  connecting: 'Its connection dropped and is reconnecting. It resumes by itself when the connection opens again.',
  refused: 'The gateway refused the connection. It resumes by itself when the connection opens again.',
  unknown: 'The gateway could not say whether it is connected. It resumes by itself when the connection opens.',
  unauthorized: 'The gateway refused its instance key (401/403). Register the gateway\'s global key so the key can be repaired, or give the instance\'s current key; then resume it.',
  instance_not_found: 'The gateway no longer has this instance. Register it again, or delete this sender.',
  key_unreadable: 'Its stored instance key can no longer be decrypted (the key ring changed). Give the instance key again, then resume it.',
  rate_limited: 'The gateway kept answering "too many requests". Resume it when the gateway is calm again.',
  gateway_failures: 'The gateway failed several sends in a row. Check the gateway, then resume it.',
  'health:failure_share': 'The health guard paused it: too many of its recent sends failed. Check the number and the gateway before resuming.',
  'health:not_on_whatsapp': 'The health guard paused it: many recent recipients are not on WhatsApp, a sign WhatsApp may ban the number. Check the list before resuming.',
  'health:gateway_errors': 'The health guard paused it: a burst of gateway errors. Check the gateway before resuming.',
  'health:flapping': 'The health guard paused it: its connection keeps dropping. Check the phone and its network before resuming.',
};

/** Why a sender is paused, in plain words (the API's reason is shown beside it). */
export function pauseText(reason) {
  if (!reason) return '';
  if (pauses[reason]) return pauses[reason];
  if (reason.startsWith('instance_in_use')) return 'Another sender already drives this gateway instance: one instance is one sender. Delete one of them.';
  if (reason.startsWith('health:')) return 'The health guard paused it: its recent sends looked like trouble. Check it before resuming.';
  return 'Dispatch paused it. Check the connection, then resume it.';
}

const problems = {
  'gateway.timeout': 'The gateway did not answer in time. Check that it is running and reachable from the server, then try again.',
  'sender.instance_in_use': 'This instance is already registered as a sender (here or by another team). Pick another instance name.',
  'sender.number_in_use': 'The phone linked to this instance is already a sender\'s. One number can be one sender only: delete the other sender first, or link another phone.',
  'sender.not_open': 'Link or reconnect the phone first (Show QR code, or Check connection), then resume.',
  'sender.unreachable': 'The gateway could not be reached: check its URL and that it is running.',
  'sender.key_refused': 'The gateway refused the key: check it and try again.',
  'gateway.key_refused': 'The gateway refused the global key: check it (Evolution\'s AUTHENTICATION_API_KEY).',
  'gateway.unreachable': 'The gateway could not be reached: check its URL and that it is running.',
};

/** A sentence saying what to do about a problem the senders' calls answer, or null. */
export function problemHint(error) {
  return problems[error?.code] ?? null;
}

/** Shows an error (problem details) with a plain-language hint for the senders' common problems; clears on null. */
export function showSenderProblem(container, error) {
  if (!error) {
    replace(container);
    return;
  }
  const box = problemBox(error);
  if (!box) return;
  const hint = problemHint(error);
  if (hint) box.append(h('p', { class: 'problem-hint' }, hint));
  replace(container, box);
}

/**
 * A form's error: field errors inline (aria-invalid). Anything no field took goes in the form's alert box; a conflict
 * or timeout whose message is already at its field gets a short box (title, what to do, code) rather than the same
 * message twice. Focus moves to the first invalid field.
 */
export function showFormProblem(form, fields, container, error) {
  const rest = applyFieldErrors(fields, error);
  if (rest) {
    showSenderProblem(container, rest);
  } else if (error instanceof ApiError && error.status !== 400) {
    replace(container, h('div', { class: 'problem', role: 'alert' },
      h('strong', null, error.problem.title ?? 'Something went wrong'),
      h('p', { class: 'problem-hint' }, problemHint(error) ?? 'See the message at the field.'),
      error.code ? h('p', { class: 'muted small' }, 'Code: ', h('code', null, error.code)) : null));
  } else {
    replace(container);
  }
  form.querySelector('[aria-invalid="true"]')?.focus();
}

/** Runs a button's action (disabled meanwhile); its error goes to `container` with the senders' hints. */
export function act(button, container, action) {
  showSenderProblem(container, null);
  return busy(button, null, action).catch(error => showSenderProblem(container, error));
}
