// 挂失与锁定: card loss reports taken by the IVR, PIN lockouts and the alerts on caller numbers and sources that
// lock several IDs, all masked; an agent's unlock after an identity check (the ID typed, never shown back).

import { get, post } from '../api.js';
import { field, h, notice, pageHeader, replaceChildren, table } from '../dom.js';
import { dateTime } from '../format.js';
import { showFailure } from './failure.js';
import { pinAlertsSection } from '../pin-alerts.js';

// The router calls render(view, context); the unlock form calls it again with a notice to show.
export async function render(view, flash = null) {
  if (!(flash instanceof Node)) flash = null;
  let losses, lockouts, history, alerts;
  try {
    [losses, lockouts, history, alerts] = await Promise.all([
      get('/api/cards/loss-reports?limit=100'), get('/api/pins/lockouts'), get('/api/pins/lockouts/history'), get('/api/pin-alerts')]);
  } catch (error) {
    showFailure(view, error, '挂失与锁定');
    return;
  }
  const callLink = id => id ? h('a', { href: `/calls/${encodeURIComponent(id)}` }, '查看通话') : '—';
  const lockedUntil = l => l.untilUnlocked ? '人工解锁前' : dateTime(l.lockedUntil);
  replaceChildren(view, pageHeader('挂失与锁定'), flash,
    h('p', { class: 'fine-print' }, '身份证号、卡号与来电号码均已脱敏显示。'),
    pinAlertsSection(alerts, () => render(view, notice('ok', '告警已确认。'))),
    h('section', { class: 'card' }, h('h2', {}, '电话挂失记录'), table([
      { title: '时间', value: r => dateTime(r.at) },
      { title: '身份证号', value: r => h('span', { class: 'masked' }, r.subjectMasked) },
      { title: '结果', value: r => r.outcome },
      { title: '通话', value: r => callLink(r.callId) },
    ], losses.reports ?? [], { empty: '没有挂失记录。' })),
    h('section', { class: 'card' }, h('h2', {}, '已挂失的社保卡'), table([
      { title: '卡号', value: c => h('span', { class: 'masked' }, c.cardMasked) },
      { title: '挂失时间', value: c => dateTime(c.lostAt) },
      { title: '挂失编号', value: c => c.lossReference ?? '—' },
    ], losses.lostCards ?? [], { empty: '没有已挂失的卡。' })),
    h('section', { class: 'card' }, h('h2', {}, '当前密码锁定'), table([
      { title: '身份证号', value: l => h('span', { class: 'masked' }, l.subjectMasked) },
      { title: '锁定至', value: lockedUntil },
      { title: '状态', value: l => l.active ? h('span', { class: 'badge danger' }, '锁定中') : h('span', { class: 'badge' }, '已解除') },
    ], lockouts, { empty: '当前没有被锁定的密码。' }), unlockForm(view)),
    h('section', { class: 'card' }, h('h2', {}, '锁定历史'), table([
      { title: '时间', value: l => dateTime(l.at) },
      { title: '身份证号', value: l => h('span', { class: 'masked' }, l.subjectMasked) },
      { title: '结果', value: l => l.outcome },
      { title: '通话', value: l => callLink(l.callId) },
    ], history, { empty: '没有锁定记录。' })));
}

function unlockForm(view) {
  const id = h('input', { name: 'residentId', autocomplete: 'off', pattern: '[0-9]{17}[0-9Xx]', maxlength: 18, required: true });
  const status = h('div');
  const form = h('form', { class: 'filters', 'aria-label': '人工解锁' },
    field('身份证号', id, '核实来电人身份后输入完整的18位身份证号'), h('button', { type: 'submit', class: 'primary' }, '解除锁定'), status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const done = await post('/api/pins/unlock', { residentId: id.value.trim() });
      id.value = '';
      await render(view, notice('ok', `已解除 ${done.subjectMasked} 的密码锁定。`));
    } catch (error) {
      id.value = '';
      replaceChildren(status, notice('error', error.status === 404 ? '该身份证号当前没有被锁定。' : '解锁失败，请稍后再试。'));
    }
  });
  return h('div', {}, h('h3', {}, '人工解锁'), form);
}
