// The calendar horizon warning (GET /api/calendar/horizon), shown above every page to editors, supervisors
// and admins until flows/calendar.yaml lists the coming year's holidays.

import { get } from './api.js';
import { h, replaceChildren } from './dom.js';

const ROLES = new Set(['editor', 'supervisor', 'admin']);

export async function showCalendarHorizon(session) {
  let banner = document.getElementById('calendar-horizon');
  if (!banner) {
    banner = h('div', { id: 'calendar-horizon', class: 'notice warning horizon-banner', role: 'alert', hidden: true });
    document.getElementById('view').before(banner);
  }
  if (!session || !ROLES.has(session.role)) {
    banner.hidden = true;
    return;
  }
  try {
    const horizon = await get('/api/calendar/horizon', { quietAuth: true }); // a banner never sends anyone to sign in
    banner.hidden = horizon.missingYears.length === 0;
    replaceChildren(banner, horizon.missingYears.length
      ? [h('strong', {}, `节假日日历缺少 ${horizon.missingYears.join('、')} 年：`),
         '回访到期日按工作日计算，将只排除周末。请在草稿中编辑 flows/calendar.yaml，填入国务院公布的节假日与调休安排。',
         h('a', { href: '/drafts' }, '去编辑')]
      : []);
  } catch {
    banner.hidden = true;
  }
}
