// 回滚到此版本 on the 流程 page's history: a reviewer (supervisor, admin) serves an earlier version again with
// POST /api/flows/rollback, after writing the reason the access log keeps; the page then says what serves now.

import { post } from '../api.js';
import { h, notice } from '../dom.js';
import { formDialog } from '../dialog.js';

/** Only reviewers roll back; the API refuses everyone else anyway. */
export const mayRollBack = session => session?.role === 'supervisor' || session?.role === 'admin';

/** The history table's column: a button on every version but the one serving; onRolledBack(result) once it serves. */
export function rollbackColumn(onRolledBack) {
  return {
    title: '操作',
    value: v => v.current ? '' : h('button', { type: 'button', class: 'rollback', onclick: () => rollBack(v.version, onRolledBack) }, '回滚到此版本'),
  };
}

async function rollBack(version, onRolledBack) {
  const reason = h('textarea', { rows: 3, maxlength: 500, required: true, placeholder: '例如：新版菜单提示有误，先恢复上一版' });
  const result = await formDialog({
    title: `回滚到版本 ${short(version)}`,
    submitLabel: '回滚',
    fields: [{ name: 'reason', label: '回滚原因（必填，记入访问日志）', control: reason }],
    action: values => {
      if (!values.reason) throw new Error('请填写回滚原因。');
      return post('/api/flows/rollback', { version, reason: values.reason });
    },
  });
  if (result) onRolledBack(result);
}

/** What the page shows after a rollback: the version serving now, the one before, how long publishing took. */
export function rollbackNotice(result) {
  const served = result.version === result.requested ? '' : `（内容与 ${short(result.requested)} 相同，版本号为 ${short(result.version)}）`;
  return notice('ok', `已回滚到版本 ${short(result.requested)}${served}，新来电立即使用该版本；通话中的来电保持原版本。` +
    `原版本 ${short(result.previous ?? '—')}，发布用时 ${Math.round(result.publishMilliseconds)} 毫秒。`);
}

const short = version => (version ?? '').slice(0, 12);
