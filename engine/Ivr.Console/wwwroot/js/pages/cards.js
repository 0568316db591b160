// 挂失与锁定: card loss reports taken by the IVR and PIN lockouts, all masked.

import { get } from '../api.js';
import { h, pageHeader, replaceChildren, table } from '../dom.js';
import { dateTime } from '../format.js';
import { showFailure } from './failure.js';

export async function render(view) {
  let losses, lockouts, history;
  try {
    [losses, lockouts, history] = await Promise.all([
      get('/api/cards/loss-reports?limit=100'), get('/api/pins/lockouts'), get('/api/pins/lockouts/history')]);
  } catch (error) {
    showFailure(view, error, '挂失与锁定');
    return;
  }
  const callLink = id => id ? h('a', { href: `/calls/${encodeURIComponent(id)}` }, '查看通话') : '—';
  replaceChildren(view, pageHeader('挂失与锁定'),
    h('p', { class: 'fine-print' }, '身份证号与卡号均已脱敏显示。'),
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
      { title: '锁定至', value: l => dateTime(l.lockedUntil) },
      { title: '状态', value: l => l.active ? h('span', { class: 'badge danger' }, '锁定中') : h('span', { class: 'badge' }, '已解除') },
    ], lockouts, { empty: '当前没有被锁定的密码。' })),
    h('section', { class: 'card' }, h('h2', {}, '锁定历史'), table([
      { title: '时间', value: l => dateTime(l.at) },
      { title: '身份证号', value: l => h('span', { class: 'masked' }, l.subjectMasked) },
      { title: '结果', value: l => l.outcome },
      { title: '通话', value: l => callLink(l.callId) },
    ], history, { empty: '没有锁定记录。' })));
}
