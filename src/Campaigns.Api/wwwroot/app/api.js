// The page's one way to the server: the documented REST API, with the tenant's key in the `apikey` header. The key lives
// in sessionStorage (this tab only, gone when it closes): never in a URL, a cookie or a log.

const keyName = 'campaigns.apiKey';

export function apiKey() {
  return sessionStorage.getItem(keyName);
}

export function rememberKey(key) {
  sessionStorage.setItem(keyName, key);
}

export function forgetKey() {
  sessionStorage.removeItem(keyName);
}

/** A problem details answer (RFC 9457) as an Error: status, code, title, detail, field and errors (field → messages). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem ?? {};
    this.code = this.problem.code ?? null;
    this.field = this.problem.field ?? null;
    this.errors = this.problem.errors ?? {};
  }
}

const listeners = new Set();

/** Called with no argument when the server refuses the key (401): the page signs out. */
export function onUnauthorized(listener) {
  listeners.add(listener);
}

function headers(extra) {
  const result = new Headers(extra ?? {});
  const key = apiKey();
  if (key) result.set('apikey', key);
  return result;
}

async function fail(response) {
  let problem = null;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try { problem = await response.json(); } catch { problem = null; }
  }
  const error = new ApiError(response.status, problem);
  if (response.status === 401) listeners.forEach(listener => listener(error));
  throw error;
}

/**
 * api('/api/campaigns', { method: 'POST', json: {...}, signal }) → the parsed JSON answer (null for 204).
 * Options: method, json (sent as application/json), body (sent as is), contentType, signal. Throws ApiError.
 */
export async function api(path, options = {}) {
  const init = { method: options.method ?? 'GET', headers: headers(), signal: options.signal };
  if (options.json !== undefined) {
    init.headers.set('content-type', options.contentType ?? 'application/json');
    init.body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    init.body = options.body;
    if (options.contentType) init.headers.set('content-type', options.contentType);
  }
  const response = await fetch(path, init);
  if (!response.ok) await fail(response);
  if (response.status === 204) return null;
  const type = response.headers.get('content-type') ?? '';
  return type.includes('json') ? response.json() : response.text();
}

/**
 * A listing's path for one page: pagePath('/api/senders', { limit: 50, after: next, status: 'draft' }) →
 * '/api/senders?limit=50&after=…&status=draft'. Parameters that are null, undefined or '' are left out, and every value
 * is encoded (a cursor may hold '+').
 */
export function pagePath(path, parameters) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** A JSON Merge Patch (RFC 7396), as both PATCH endpoints take. */
export function patch(path, changes, signal) {
  return api(path, { method: 'PATCH', json: changes, contentType: 'application/merge-patch+json', signal });
}

/** Fetches a file with the key and saves it under `filename` (a link cannot carry the key: it never goes in a URL). */
export async function download(path, filename, signal) {
  const response = await fetch(path, { headers: headers(), signal });
  if (!response.ok) await fail(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Uploads a form (multipart) with progress: onProgress(sentBytes, totalBytes) while the body goes, then
 * onProgress(total, total, true) while the server works. Resolves with the JSON answer; rejects with ApiError, or an
 * AbortError when the signal aborts.
 */
export function upload(path, formData, { onProgress, signal } = {}) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    const key = apiKey();
    if (key) request.setRequestHeader('apikey', key);
    request.responseType = 'text';
    request.upload.onprogress = event => onProgress?.(event.loaded, event.lengthComputable ? event.total : null, false);
    request.upload.onload = () => onProgress?.(1, 1, true);
    request.onload = () => {
      let body = null;
      try { body = request.responseText ? JSON.parse(request.responseText) : null; } catch { body = null; }
      if (request.status >= 200 && request.status < 300) {
        resolve(body);
        return;
      }
      const error = new ApiError(request.status, body);
      if (request.status === 401) listeners.forEach(listener => listener(error));
      reject(error);
    };
    request.onerror = () => reject(new ApiError(0, { title: 'The server could not be reached.' }));
    request.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(formData);
  });
}
