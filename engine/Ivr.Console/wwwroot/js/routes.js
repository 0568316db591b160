// Every page of the console: path, nav title, the roles that see it in the nav, and its module.
// Hiding a nav item is only a convenience: the API decides, and a page opened by URL by a role
// that may not see it shows the API's 403 as a refusal.

export const routes = [
  { path: '/live', title: '实时通话', roles: ['agent', 'supervisor', 'admin'], load: () => import('./pages/live.js') },
  { path: '/stats', title: '统计', roles: ['supervisor', 'editor', 'admin'], load: () => import('./pages/stats.js') },
  { path: '/flows', title: '流程', roles: ['supervisor', 'editor', 'admin'], load: () => import('./pages/flows.js') },
  { path: '/drafts', title: '草稿与审核', roles: ['supervisor', 'editor', 'admin'], load: () => import('./pages/drafts.js') },
  { path: '/drafts/:id', title: '编辑草稿', roles: [], load: () => import('./pages/draft-editor.js') },
  { path: '/try-call', title: '试拨', roles: ['editor', 'admin'], load: () => import('./pages/try-call.js') },
  { path: '/switches', title: '开关与提示音', roles: ['supervisor', 'editor', 'admin'], load: () => import('./pages/switches.js') },
  { path: '/calls', title: '通话记录', roles: ['supervisor', 'admin'], load: () => import('./pages/calls.js') },
  { path: '/calls/:id', title: '通话详情', roles: [], load: () => import('./pages/call-detail.js') },
  { path: '/messages', title: '留言与回访', roles: ['agent', 'supervisor', 'admin'], load: () => import('./pages/messages.js') },
  { path: '/callbacks', title: '回拨', roles: ['agent', 'supervisor', 'admin'], load: () => import('./pages/callbacks.js') },
  { path: '/faxes', title: '传真', roles: ['supervisor', 'admin'], load: () => import('./pages/faxes.js') },
  { path: '/cards', title: '挂失与锁定', roles: ['supervisor', 'admin'], load: () => import('./pages/cards.js') },
  { path: '/users', title: '用户与审计', roles: ['admin'], load: () => import('./pages/users.js') },
];

/** The route whose pattern matches a path, with its :parameters; null when none does. */
export function match(pathname) {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params = {};
    if (pattern.every((segment, i) => segment.startsWith(':') ? (params[segment.slice(1)] = decodeURIComponent(parts[i]), true) : segment === parts[i])) {
      return { route, params };
    }
  }
  return null;
}

/** The nav entries a role sees. */
export const navFor = role => routes.filter(r => r.roles.includes(role));
