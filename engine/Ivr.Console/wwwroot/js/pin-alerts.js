// 可疑来电告警 (supervisors and admins): caller numbers and SIP sources whose PIN checks locked several IDs within
// 24 h (GET /api/pin-alerts), everything masked. A banner above every page, checked every 60 s, and the list the
// 挂失与锁定 page shows.

import { get } from './api.js';
import { h, replaceChildren, table } from './dom.js';
import { dateTime } from './format.js';
import { ownStyle } from './own-style.js';

const ROLES = new Set(['supervisor', 'admin']);
let timer = null;

export const originOf = a => a.kind === 'source' ? `来源地址 ${a.source}` : (a.callerMasked ? `来电号码 ${a.callerMasked}` : '隐藏号码');

export function watchPinAlerts(topBar, session) {
  ownStyle('/css/pin-alerts.css');
  let banner = document.getElementById('pin-alert-banner');
  if (!banner) {
    banner = h('div', { id: 'pin-alert-banner', role: 'status', hidden: true });
    topBar.after(banner);
  }
  clearInterval(timer);
  if (!session || !ROLES.has(session.role)) {
    banner.hidden = true;
    return;
  }
  const check = async () => {
    try {
      const alerts = await get('/api/pin-alerts', { quietAuth: true });
      banner.hidden = alerts.length === 0;
      replaceChildren(banner, alerts.length === 0 ? null : h('div', { class: 'pin-alert' },
        h('strong', {}, `可疑来电告警 ${alerts.length} 条：`),
        alerts.slice(0, 3).map(a => h('span', { class: 'pin-alert-origin' }, `${originOf(a)} 锁定了 ${a.idsLocked} 个身份证号`)),
        h('a', { href: '/cards' }, '查看详情')));
    } catch {
      banner.hidden = true;
    }
  };
  timer = setInterval(check, 60000);
  check();
}

/** The list of the 挂失与锁定 page. */
export function pinAlertsSection(alerts) {
  ownStyle('/css/pin-alerts.css');
  const callLink = id => id ? h('a', { href: `/calls/${encodeURIComponent(id)}` }, '查看通话') : '—';
  return h('section', { class: 'card pin-alerts' }, h('h2', {}, '可疑来电告警'),
    h('p', { class: 'fine-print' }, '同一来电号码或来源地址在24小时内导致多个身份证号的密码被锁定。号码与身份证号均已脱敏。'), table([
      { title: '来源', value: a => h('span', { class: 'masked' }, originOf(a)) },
      { title: '被锁定的身份证号数', value: a => String(a.idsLocked), class: 'num' },
      { title: '身份证号', value: a => h('span', { class: 'masked pin-alert-ids' }, a.idsMasked.join('、')) },
      { title: '首次锁定', value: a => dateTime(a.firstLockAt) },
      { title: '最近锁定', value: a => dateTime(a.lastLockAt) },
      { title: '通话', value: a => callLink(a.lastCallId) },
    ], alerts, { empty: '没有告警。', rowClass: () => 'alert-row' }));
}
