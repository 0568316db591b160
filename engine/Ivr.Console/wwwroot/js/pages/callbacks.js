// 回拨: caller numbers whose calls were missed (hung up waiting for an agent, during a transfer, or in
// the IVR before being served), one row per number, masked; whoever calls back marks it with an outcome class
// (and a note): 未接通 and 另约时间 keep the number on the list, due the next working day; the others close it.
// Supervisors also see which rows are overdue and keep the list of flagged numbers (来电标记).

import { del, get, post } from '../api.js';
import { h, pageHeader, replaceChildren, table } from '../dom.js';
import { dateTime } from '../format.js';
import { formDialog } from '../dialog.js';
import { showFailure } from './failure.js';
import { dueEstimateChip } from '../due-estimate.js';

const REASONS = { harassment: '骚扰', abuse: '辱骂工作人员', impersonation: '冒用他人身份', other: '其他' };
const OUTCOMES = { resolved: '已解决', no_answer: '未接通', rescheduled: '另约时间', invalid_number: '号码无效', other: '其他' };

export async function render(view, { session }) {
  const supervising = session.role === 'supervisor' || session.role === 'admin';
  const scope = h('select', { id: 'missed-scope', name: 'overdue' }, h('option', { value: '' }, '全部'),
    supervising ? h('option', { value: 'only' }, '仅逾期') : null);
  const outcomeFilter = h('select', { id: 'missed-outcome', name: 'outcome' }, h('option', { value: '' }, '待回拨'),
    h('option', { value: 'none' }, '尚未回拨'), Object.entries(OUTCOMES).map(([value, text]) => h('option', { value }, `上次：${text}`)));
  const missedBox = h('div', { 'aria-live': 'polite' });
  const flagsBox = h('div', { 'aria-live': 'polite' });

  const load = async () => {
    try {
      const query = new URLSearchParams();
      if (scope.value) query.set('overdue', scope.value);
      if (outcomeFilter.value) query.set('outcome', outcomeFilter.value);
      const search = query.toString();
      replaceChildren(missedBox, missedTable(await get(`/api/missed${search ? `?${search}` : ''}`)));
      if (supervising) replaceChildren(flagsBox, flagTable(await get('/api/flags')));
    } catch (error) {
      showFailure(view, error, '回拨');
    }
  };

  const calledBack = async row => {
    const outcome = h('select', { required: true }, h('option', { value: '' }, '请选择'),
      Object.entries(OUTCOMES).map(([value, text]) => h('option', { value }, text)));
    const note = h('textarea', { rows: 3, maxlength: 500, placeholder: '例如：已回电，问题已解答' });
    const done = await formDialog({
      title: `回拨 ${row.callerMasked}`, submitLabel: '保存',
      fields: [{ name: 'outcome', label: '回拨结果', control: outcome }, { name: 'note', label: '备注（可不填）', control: note }],
      action: values => {
        if (!values.outcome) throw new Error('请选择回拨结果。');
        return post(`/api/missed/${encodeURIComponent(row.id)}/called-back`, { outcome: values.outcome, note: values.note || null });
      },
    });
    if (done) load();
  };

  const missedTable = rows => table([
    { title: '来电号码', value: r => h('span', { class: 'masked' }, r.callerMasked) },
    { title: '未接次数', value: r => r.missedCalls, class: 'num' },
    { title: '最近来电', value: r => dateTime(r.lastMissedAt) },
    { title: '回拨期限', value: r => !r.open ? h('span', { class: 'badge' }, '已处理') : h('span', { class: r.overdue ? 'due overdue' : 'due' }, r.dueDate, ' ',
      r.overdue ? h('strong', { class: 'badge danger' }, '已逾期') : h('span', { class: 'badge' }, `剩 ${r.workingDaysLeft} 个工作日`), ' ', dueEstimateChip(r)) },
    { title: '上次回拨', value: lastMark },
    { title: '通话', value: r => supervising ? h('a', { href: `/calls/${encodeURIComponent(r.id)}` }, '查看通话') : '—' },
    { title: '处理', value: r => r.open ? h('button', { type: 'button', onclick: () => calledBack(r) }, '标记已回拨') : '—' },
  ], rows, { empty: '没有待回拨的来电。', rowClass: r => r.overdue ? 'overdue' : null });

  const lastMark = r => !r.lastOutcome ? '—' : h('span', { class: 'callback-mark' },
    h('strong', { class: `outcome ${r.lastOutcome}` }, OUTCOMES[r.lastOutcome] ?? r.lastOutcome),
    r.attempts > 1 ? ` 第${r.attempts}次` : '', ` ${r.lastMarkedBy} ${dateTime(r.lastMarkedAt)}`,
    r.lastNote ? h('span', { class: 'fine-print note' }, r.lastNote) : null);

  const addFlag = async () => {
    const number = h('input', { inputmode: 'numeric', autocomplete: 'off', required: true, placeholder: '例如 13012345273' });
    const reasonClass = h('select', {}, Object.entries(REASONS).map(([value, text]) => h('option', { value }, text)));
    const reason = h('textarea', { rows: 2, maxlength: 200, required: true });
    const expires = h('input', { type: 'date' });
    const done = await formDialog({
      title: '标记来电号码', submitLabel: '标记',
      fields: [{ name: 'number', label: '来电号码', control: number }, { name: 'reasonClass', label: '类别', control: reasonClass },
        { name: 'reason', label: '原因', control: reason }, { name: 'expires', label: '到期日（可不填）', control: expires }],
      action: values => post('/api/flags', {
        number: values.number, reasonClass: values.reasonClass, reason: values.reason,
        expiresAt: values.expires ? `${values.expires}T00:00:00+08:00` : null,
      }),
    });
    if (done) load();
  };

  const lift = async flag => {
    if (!confirm(`取消对 ${flag.callerMasked} 的标记？`)) return;
    try { await del(`/api/flags/${flag.id}`); } catch (error) { showFailure(view, error, '来电标记'); }
    load();
  };

  const flagTable = flags => table([
    { title: '来电号码', value: f => h('span', { class: 'masked' }, f.callerMasked) },
    { title: '类别', value: f => REASONS[f.reasonClass] ?? f.reasonClass },
    { title: '原因', value: f => f.reason },
    { title: '标记人', value: f => `${f.flaggedBy} ${dateTime(f.flaggedAt)}` },
    { title: '到期', value: f => f.expiresAt ? dateTime(f.expiresAt) : '长期' },
    { title: '处理', value: f => h('button', { type: 'button', onclick: () => lift(f) }, '取消标记') },
  ], flags, { empty: '没有被标记的号码。' });

  scope.addEventListener('change', load);
  outcomeFilter.addEventListener('change', load);
  replaceChildren(view,
    pageHeader('回拨', h('label', { for: 'missed-scope' }, '显示'), scope, h('label', { for: 'missed-outcome' }, '筛选'), outcomeFilter),
    h('p', { class: 'fine-print' }, '未接来电：在等待人工、转接中或在自助服务中未办理完成就挂断的来电；此后已办理完成或已回拨（已解决、号码无效、其他）的号码不再列出。回拨期限为首次未接后的下一个工作日；未接通或另约时间的，为该次回拨后的下一个工作日。'),
    h('section', { class: 'card' }, h('h2', {}, '未接来电'), missedBox),
    supervising ? h('section', { class: 'card' }, h('h2', {}, '来电标记'),
      h('p', { class: 'fine-print' }, '被标记的号码来电时先听到"这里是录音电话，您的来电已显示"，只能使用自助服务和投诉。'),
      h('div', { class: 'row-actions' }, h('button', { type: 'button', class: 'primary', onclick: addFlag }, '标记号码')), flagsBox) : null);
  await load();
}
