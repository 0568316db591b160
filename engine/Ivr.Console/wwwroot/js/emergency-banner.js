// The emergency banner (supervisors and admins): voice messages marked 紧急 and not yet called back, checked
// every 30 s, shown above every page until someone calls back.

import { get } from './api.js';
import { h, replaceChildren } from './dom.js';

let timer = null;

export function watchEmergencies(topBar) {
  let banner = document.getElementById('emergency-banner');
  if (!banner) {
    banner = h('div', { id: 'emergency-banner', role: 'alert', hidden: true });
    topBar.after(banner);
  }
  const check = async () => {
    try {
      const open = await get('/api/emergencies', { quietAuth: true });
      banner.hidden = open.length === 0;
      replaceChildren(banner, open.length === 0 ? null : h('div', { class: 'emergency' },
        h('strong', {}, `紧急留言 ${open.length} 条待处理：`),
        open.map(e => h('a', { href: '/messages', class: 'emergency-link' }, `#${e.id}`)), ' 请立即处理。'));
    } catch {
      banner.hidden = true;
    }
  };
  clearInterval(timer);
  timer = setInterval(check, 30000);
  check();
}
