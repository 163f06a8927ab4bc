// Hash routes (#/campaigns/42): the server serves one page and the API, nothing to configure for deep links.
// Each navigation aborts the previous page's AbortSignal, which stops its fetches and its polling.

const routes = [];
let current = null;

/** route('/campaigns/:id', render): render(main, { params, query, signal }) draws the page into <main>. */
export function route(pattern, render) {
  const names = [];
  const source = pattern.replace(/:([a-zA-Z]+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  });
  routes.push({ regex: new RegExp(`^${source}$`), names, render });
}

export function navigate(path) {
  if (location.hash === `#${path}`) {
    show();
  } else {
    location.hash = path;
  }
}

/** The path of the current route, e.g. '/campaigns/42'. */
export function currentPath() {
  const hash = location.hash.replace(/^#/, '');
  return hash.split('?')[0] || '/';
}

/**
 * Draws the current route. `started(main)` runs as soon as the page's first, synchronous part is drawn (before its
 * reads answer); `settled(main)` once it has finished drawing, unless the visitor has left it meanwhile.
 */
export async function show({ fallback = '/campaigns', notFound, started, settled } = {}) {
  const [path, search] = location.hash.replace(/^#/, '').split('?');
  const match = routes
    .map(candidate => ({ candidate, result: candidate.regex.exec(path || '/') }))
    .find(item => item.result);
  current?.abort();
  current = new AbortController();
  const main = document.getElementById('main');
  if (!match) {
    if (!path || path === '/') {
      navigate(fallback);
    } else {
      notFound?.(main);
    }
    return;
  }
  const params = Object.fromEntries(match.candidate.names.map((name, index) => [name, decodeURIComponent(match.result[index + 1])]));
  const query = new URLSearchParams(search ?? '');
  main.replaceChildren();
  const signal = current.signal;
  try {
    const rendering = match.candidate.render(main, { params, query, signal, path });
    started?.(main);
    await rendering;
  } catch (error) {
    if (error?.name !== 'AbortError') throw error;
  }
  if (!signal.aborted) settled?.(main);
}
