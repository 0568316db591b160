// The console's shell: finds out who is signed in, draws the nav for that role, routes between
// pages (history API; the server answers index.html for every extension-less path), and goes
// back to the sign-in form when the session ends.

import { del, get, onSessionLost, setCsrfToken, describeError } from './api.js';
import { h, notice, replaceChildren } from './dom.js';
import { roleLabel } from './format.js';
import { match, navFor } from './routes.js';
import { renderSignIn } from './pages/signin.js';
import { showBackupBanner } from './pages/backup-status.js';
import { watchEmergencies } from './emergency-banner.js';
import { showCalendarHorizon } from './calendar-banner.js';
import { watchPinAlerts } from './pin-alerts.js';

const view = document.getElementById('view');
const topBar = document.getElementById('top-bar');
const nav = document.getElementById('nav');
const who = document.getElementById('who');

let session = null;
let leavePage = null;
let renderCount = 0;

function setSession(value) {
  session = value;
  setCsrfToken(value?.csrfToken ?? null);
}

function stopPage() {
  if (typeof leavePage === 'function') leavePage();
  leavePage = null;
}

function showSignIn(message, returnTo) {
  stopPage();
  renderCount++;
  setSession(null);
  topBar.hidden = true;
  showBackupBanner(null);
  showCalendarHorizon(null);
  watchPinAlerts(topBar, null);
  document.title = '登录 · 12333 运维控制台';
  renderSignIn(view, {
    message,
    onSignedIn: signedIn => {
      setSession(signedIn);
      const target = returnTo && returnTo !== '/login' ? returnTo : home();
      history.replaceState(null, '', target);
      route();
    },
  });
}

function home() {
  return navFor(session?.role)[0]?.path ?? '/live';
}

function drawShell() {
  topBar.hidden = false;
  replaceChildren(nav, h('ul', {}, navFor(session.role).map(r =>
    h('li', {}, h('a', { href: r.path, 'data-nav': r.path }, r.title)))));
  replaceChildren(who,
    h('span', { class: 'user' }, session.user), h('span', { class: 'role' }, roleLabel(session.role)),
    h('button', { type: 'button', class: 'link', onclick: signOut }, '退出登录'));
  if (session.role === 'supervisor' || session.role === 'admin') watchEmergencies(topBar);
  watchPinAlerts(topBar, session);
  showCalendarHorizon(session);
}

async function signOut() {
  try { await del('/api/session', { quietAuth: true }); } catch { /* already gone: sign-in form either way */ }
  history.replaceState(null, '', '/login');
  showSignIn('您已退出登录。');
}

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path); else history.pushState(null, '', path);
  route();
}

async function route() {
  stopPage();
  const path = location.pathname;
  if (!session) return showSignIn(null, path);
  if (path === '/' || path === '/login' || path === '/index.html') return navigate(home(), { replace: true });
  drawShell();
  showBackupBanner(session.role);
  const found = match(path);
  for (const link of nav.querySelectorAll('a')) {
    const active = found && (path === link.dataset.nav || path.startsWith(`${link.dataset.nav}/`));
    if (active) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  if (!found) {
    replaceChildren(view, h('h1', {}, '页面不存在'), h('p', {}, h('a', { href: home() }, '返回首页')));
    return;
  }
  document.title = `${found.route.title} · 12333 运维控制台`;
  const mine = ++renderCount;
  // Each page draws into its own element: once the user moves on (or the session ends and the sign-in
  // form takes the view), whatever a slow request of the old page draws lands in a detached element.
  const pageRoot = h('div', { class: 'page' }, h('p', { class: 'loading' }, '正在加载…'));
  replaceChildren(view, pageRoot);
  try {
    const page = await found.route.load();
    if (mine !== renderCount) return;
    const leave = await page.render(pageRoot, { session, params: found.params, navigate });
    if (mine === renderCount) leavePage = leave; else if (typeof leave === 'function') leave();
  } catch (error) {
    if (mine === renderCount && session) replaceChildren(pageRoot, notice('error', describeError(error)));
  }
}

onSessionLost(() => {
  if (session) showSignIn('会话已过期，请重新登录。', location.pathname);
});

// Links inside the app change the page without a reload; downloads, new tabs and API links go to the browser.
document.addEventListener('click', event => {
  const link = event.target.closest?.('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || link.hasAttribute('download') || link.target) return;
  event.preventDefault();
  if (url.pathname + url.search !== location.pathname + location.search) navigate(url.pathname + url.search);
});
window.addEventListener('popstate', route);

async function start() {
  try {
    setSession(await get('/api/session', { quietAuth: true }));
  } catch {
    setSession(null);
  }
  route();
}

start();
