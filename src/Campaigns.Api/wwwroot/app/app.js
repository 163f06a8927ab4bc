// The page's entry: sign-in state, the header, and the routes. Each area's pages live in pages/<area>.js.
import { api, apiKey, forgetKey, onUnauthorized } from './api.js';
import { route, show, navigate, currentPath } from './router.js';
import { h, replace } from './dom.js';
import { focusHeading, pageHeading } from './ui.js';
import * as signIn from './pages/signin.js';
import * as lists from './pages/lists.js';
import * as suppressions from './pages/suppressions.js';
import * as editor from './pages/editor.js';
import * as senders from './pages/senders.js';
import * as campaigns from './pages/campaigns.js';
import * as keys from './pages/keys.js';

route('/signin', signIn.page);
route('/campaigns', campaigns.index);
route('/campaigns/new', editor.create);
route('/campaigns/:id/edit', editor.edit);
route('/campaigns/:id', campaigns.detail);
route('/lists', lists.index);
route('/lists/:id', lists.detail);
route('/suppressions', suppressions.index);
route('/senders', senders.index);
route('/keys', keys.index);

const header = document.querySelector('.site-header');

async function showHeader() {
  header.hidden = false;
  const name = document.getElementById('tenant-name');
  if (!name.textContent) {
    try {
      const tenant = await api('/api/tenant');
      name.textContent = tenant.name;
    } catch {
      // a 401 signs out (below); anything else leaves the name empty
    }
  }
}

function markCurrentNav() {
  const area = currentPath().split('/')[1];
  header.querySelectorAll('[data-nav]').forEach(link => {
    if (link.dataset.nav === area) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  });
}

function signOut(message) {
  forgetKey();
  document.getElementById('tenant-name').textContent = '';
  header.hidden = true;
  signIn.setMessage(message ?? null);
  navigate('/signin');
}

async function render() {
  if (!apiKey() && currentPath() !== '/signin') {
    signIn.setReturnTo(currentPath());
    navigate('/signin');
    return;
  }
  if (apiKey()) {
    if (currentPath() === '/signin') {
      navigate('/campaigns');
      return;
    }
    await showHeader();
  } else {
    header.hidden = true;
  }
  markCurrentNav();
  // The focus goes to the new page's heading as soon as it is drawn, not after its reads, so that a keyboard user who
  // tabs on meanwhile is not pulled back; a page that draws its heading only after its reads gets it then, unless the
  // visitor is already inside it.
  await show({
    notFound: main => {
      replace(main, pageHeading('Not found'), h('p', null, 'There is no such page. ', h('a', { href: '#/campaigns' }, 'Go to the campaigns.')));
      focusHeading(main);
    },
    started: main => focusHeading(main),
    settled: main => {
      if (!main.contains(document.activeElement)) focusHeading(main);
    },
  });
}

// A key refused while signed in (revoked meanwhile): sign out. The sign-in form handles its own refusals.
onUnauthorized(() => {
  if (currentPath() !== '/signin') signOut('Your API key was not accepted (revoked, or mistyped). Sign in again.');
});
document.getElementById('sign-out').addEventListener('click', () => signOut('You are signed out.'));
window.addEventListener('hashchange', render);
render();
