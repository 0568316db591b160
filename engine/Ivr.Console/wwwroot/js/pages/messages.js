// 留言与回访: voice messages and follow-ups, earliest due first, overdue ones highlighted;
// recordings play in the browser; supervisors assign, whoever holds one marks it done.

import { get, post } from '../api.js';
import { h, pageHeader, replaceChildren, table } from '../dom.js';
import { dateTime, roleLabel, statusLabel } from '../format.js';
import { formDialog } from '../dialog.js';
import { showFailure } from './failure.js';
import { dueEstimateChip } from '../due-estimate.js';

export async function render(view, { session }) {
  const mayAssign = session.role === 'supervisor' || session.role === 'admin';
  const scope = h('select', { id: 'message-scope', name: 'status' }, h('option', { value: 'open' }, '未完成'), h('option', { value: 'all' }, '全部'));
  const messagesBox = h('div', { 'aria-live': 'polite' });
  const followUpsBox = h('div', { 'aria-live': 'polite' });
  const people = mayAssign ? await knownUsers(session) : [];

  const load = async () => {
    try {
      const [messages, followUps] = await Promise.all([get(`/api/messages?status=${scope.value}`), get(`/api/follow-ups?status=${scope.value}`)]);
      replaceChildren(messagesBox, messageTable(messages));
      replaceChildren(followUpsBox, followUpTable(followUps));
    } catch (error) {
      showFailure(view, error, '留言与回访');
    }
  };

  const assignButton = (kind, item) => mayAssign && item.status !== 'called_back' && item.status !== 'done'
    ? h('button', { type: 'button', onclick: () => assign(kind, item) }, item.assignedTo ? '改派' : '分配') : null;

  const assign = async (kind, item) => {
    const user = people.length
      ? h('select', {}, people.map(p => h('option', { value: p.name, selected: p.name === item.assignedTo }, `${p.name}（${p.roleText}）`)))
      : h('input', { value: item.assignedTo ?? '', autocomplete: 'off', required: true });
    const done = await formDialog({
      title: `分配${kind === 'messages' ? '留言' : '回访'} #${item.id}`, submitLabel: '分配',
      fields: [{ name: 'user', label: '分配给（用户名）', control: user }],
      action: values => post(`/api/${kind}/${item.id}/assign`, { user: values.user }),
    });
    if (done) load();
  };

  const finish = async (kind, item) => {
    const outcome = h('textarea', { rows: 3, maxlength: 500, required: true, placeholder: '例如：已回电，问题已解决' });
    const done = await formDialog({
      title: kind === 'messages' ? `留言 #${item.id} 已回电` : `回访 #${item.id} 已完成`, submitLabel: '保存',
      fields: [{ name: 'outcome', label: '处理结果', control: outcome }],
      action: values => {
        if (!values.outcome) throw new Error('请填写处理结果。');
        return post(kind === 'messages' ? `/api/messages/${item.id}/called-back` : `/api/follow-ups/${item.id}/done`, { outcome: values.outcome });
      },
    });
    if (done) load();
  };

  const markEmergency = async item => {
    if (!confirm(`将留言 #${item.id} 标记为紧急？将立即通知值班班长。`)) return;
    try { await post(`/api/messages/${item.id}/emergency`); } catch (error) { showFailure(view, error, '留言与回访'); }
    load();
  };

  const due = item => h('span', { class: item.overdue ? 'due overdue' : 'due' },
    item.dueDate, ' ', item.overdue ? h('strong', { class: 'badge danger' }, '已逾期')
      : item.workingDaysLeft !== null && item.workingDaysLeft !== undefined && !isClosed(item) ? h('span', { class: 'badge' }, `剩 ${item.workingDaysLeft} 个工作日`) : null,
    ' ', dueEstimateChip(item));

  const messageTable = messages => table([
    { title: '编号', value: m => `#${m.id}`, class: 'num' },
    { title: '回电号码', value: m => h('span', { class: 'masked' }, m.callbackMasked) },
    { title: '原因', value: m => h('span', {}, m.emergency ? h('strong', { class: 'badge danger' }, '紧急') : null,
      m.complaint ? h('span', { class: 'badge danger' }, '投诉') : null, ' ', m.reason) },
    { title: '留言时间', value: m => dateTime(m.createdAt) },
    { title: '办结期限', value: due },
    { title: '状态', value: m => h('span', { class: `status ${m.status}` }, statusLabel(m.status)) },
    { title: '负责人', value: m => m.assignedTo ?? '—' },
    { title: '录音', value: m => m.hasRecording === false
      ? h('span', { class: 'badge danger' }, '录音文件缺失')
      : h('div', { class: 'recording' },
        h('audio', { controls: true, preload: 'none', src: `/api/messages/${m.id}/audio`, 'aria-label': `留言 #${m.id} 录音` }),
        m.incomplete ? h('span', { class: 'badge danger', title: '录音时服务中断，只保存了中断前的部分' }, '未完成') : null) },
    { title: '处理', value: m => isClosed(m)
      ? h('span', { class: 'outcome' }, `${m.outcome ?? ''}（${m.calledBackBy ?? ''} ${dateTime(m.calledBackAt)}）`)
      : h('div', { class: 'row-actions' }, assignButton('messages', m), h('button', { type: 'button', onclick: () => finish('messages', m) }, '标记已回电'),
        mayAssign && !m.emergency ? h('button', { type: 'button', class: 'danger', onclick: () => markEmergency(m) }, '标记紧急') : null) },
  ], messages, { empty: '没有待处理的留言。', rowClass: m => m.overdue ? 'overdue' : null });

  const followUpTable = followUps => table([
    { title: '编号', value: f => `#${f.id}`, class: 'num' },
    { title: '原因', value: f => f.reason },
    { title: '通话', value: f => mayAssign ? h('a', { href: `/calls/${encodeURIComponent(f.callId)}` }, '查看通话') : '—' },
    { title: '创建时间', value: f => dateTime(f.createdAt) },
    { title: '办结期限', value: due },
    { title: '状态', value: f => h('span', { class: `status ${f.status}` }, statusLabel(f.status)) },
    { title: '负责人', value: f => f.assignedTo ?? '—' },
    { title: '处理', value: f => isClosed(f)
      ? h('span', { class: 'outcome' }, `${f.outcome ?? ''}（${f.doneBy ?? f.calledBackBy ?? ''} ${dateTime(f.doneAt ?? f.calledBackAt)}）`)
      : h('div', { class: 'row-actions' }, assignButton('follow-ups', f), h('button', { type: 'button', onclick: () => finish('follow-ups', f) }, '标记已回访')) },
  ], followUps, { empty: '没有待处理的回访。', rowClass: f => f.overdue ? 'overdue' : null });

  scope.addEventListener('change', load);
  replaceChildren(view,
    pageHeader('留言与回访', h('label', { for: 'message-scope' }, '显示'), scope),
    h('p', { class: 'fine-print' }, '办结期限为留言后 5 个工作日；收听录音会记录在访问日志中。'),
    h('section', { class: 'card' }, h('h2', {}, '语音留言'), messagesBox),
    h('section', { class: 'card' }, h('h2', {}, '回访（不满意评价）'), followUpsBox));
  await load();
}

const isClosed = item => item.status === 'called_back' || item.status === 'done';

/** Admins can list users for the assign dialog; supervisors type the name (the API checks it). */
async function knownUsers(session) {
  if (session.role !== 'admin') return [];
  try {
    return (await get('/api/users')).filter(u => !u.disabled).map(u => ({ name: u.name, roleText: roleLabel(u.role) }));
  } catch {
    return [];
  }
}
