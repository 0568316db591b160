// 可疑来电告警 (supervisors and admins): caller numbers and SIP sources whose PIN checks locked several IDs within
// the alert window (GET /api/pin-alerts), everything masked. A banner above every page while alerts are open (checked
// every 60 s), and the list the 挂失与锁定 page shows: open and acknowledged, each open one acknowledged with an
// optional comment (POST /api/pin-alerts/{id}/acknowledge).

import { get, post } from './api.js';
import { h, notice, replaceChildren, table } from './dom.js';
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
      const alerts = await get('/api/pin-alerts?state=open', { quietAuth: true });
      banner.hidden = alerts.length === 0;
      replaceChildren(banner, alerts.length === 0 ? null : h('div', { class: 'pin-alert' },
        h('strong', {}, `未处理的可疑来电告警 ${alerts.length} 条：`),
        alerts.slice(0, 3).map(a => h('span', { class: 'pin-alert-origin' }, `${originOf(a)} 锁定了 ${a.idsLocked} 个身份证号`)),
        h('a', { href: '/cards' }, '查看详情')));
    } catch {
      banner.hidden = true;
    }
  };
  timer = setInterval(check, 60000);
  check();
}

const PAGES = { pending: '待发送', paged: '已通知', given_up: '通知失败' };

const stateOf = a => a.state === 'open'
  ? h('span', { class: 'badge danger' }, '未处理')
  : h('span', { class: 'pin-alert-ack' }, h('span', { class: 'badge' }, '已确认'),
    ` ${a.acknowledgedBy} ${dateTime(a.acknowledgedAt)}`, a.comment ? h('span', { class: 'pin-alert-comment' }, `：${a.comment}`) : null);

/** An open alert's acknowledgement: an optional comment and a button; <onDone> runs once it is acknowledged. */
function acknowledgeForm(alert, onDone) {
  const comment = h('input', { name: 'comment', maxlength: 500, placeholder: '处理说明（可选，勿填写身份证号、卡号、电话号码）', 'aria-label': '处理说明' });
  const status = h('span');
  const form = h('form', { class: 'pin-alert-ack-form' }, comment, h('button', { type: 'submit' }, '确认'), status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await post(`/api/pin-alerts/${alert.id}/acknowledge`, { comment: comment.value.trim() });
      await onDone();
    } catch (error) {
      replaceChildren(status, notice('error', error.status === 409 ? '该告警已被他人确认。'
        : error.status === 400 ? '说明中不能含有6位以上的数字。' : '确认失败，请稍后再试。'));
    }
  });
  return form;
}

/** The list of the 挂失与锁定 page; <onChanged> re-renders the page after an acknowledgement. */
export function pinAlertsSection(alerts, onChanged = async () => {}) {
  ownStyle('/css/pin-alerts.css');
  const callLink = id => id ? h('a', { href: `/calls/${encodeURIComponent(id)}` }, '查看通话') : '—';
  return h('section', { class: 'card pin-alerts' }, h('h2', {}, '可疑来电告警'),
    h('p', { class: 'fine-print' }, '同一来电号码或来源地址在告警时段内导致多个身份证号的密码被锁定。号码与身份证号均已脱敏。告警确认前一直显示为未处理。'), table([
      { title: '来源', value: a => h('span', { class: 'masked' }, originOf(a)) },
      { title: '被锁定的身份证号数', value: a => String(a.idsLocked), class: 'num' },
      { title: '身份证号', value: a => h('span', { class: 'masked pin-alert-ids' }, a.idsMasked.join('、')) },
      { title: '首次锁定', value: a => dateTime(a.firstLockAt) },
      { title: '最近锁定', value: a => dateTime(a.lastLockAt) },
      { title: '通话', value: a => callLink(a.lastCallId) },
      { title: '通知', value: a => PAGES[a.pageState] ?? a.pageState },
      { title: '状态', value: a => a.state === 'open' ? h('div', {}, stateOf(a), acknowledgeForm(a, onChanged)) : stateOf(a) },
    ], alerts, { empty: '没有告警。', rowClass: a => a.state === 'open' ? 'alert-row open' : 'alert-row acknowledged' }));
}
