// 试拨 of a draft (/try-call?draft=N): the call runs on the draft's flow set, and 保存为回放脚本 writes it into that draft as
// replay/FLOW/NN-NAME.yaml (POST /api/try-calls/{id}/save-to-draft), so the draft's 检查 replays it with the other scripts.

import { post } from '../api.js';
import { h } from '../dom.js';
import { formDialog } from '../dialog.js';

/** The draft this page tries (?draft=N), or null for the serving version. */
export function draftOfPage() {
  const id = new URLSearchParams(location.search).get('draft');
  return /^\d+$/.test(id ?? '') ? id : null;
}

/** Where a try-call starts: on the draft, or on the serving version. */
export const startPath = draftId => draftId ? `/api/drafts/${draftId}/try-calls` : '/api/try-calls';

/** The button that saves the try-call callId() into draft draftId; show(element) draws what was saved. */
export function saveToDraftButton(draftId, callId, show) {
  const saveIntoDraft = async () => {
    const name = h('input', { required: true, maxlength: 40, pattern: '[a-z0-9][a-z0-9\\-]*', placeholder: '例如 pension-wrong-pin', autocomplete: 'off' });
    const saved = await formDialog({
      title: `保存为回放脚本（草稿 #${draftId}）`,
      submitLabel: '保存',
      fields: [{ name: 'name', label: '脚本名称（小写字母、数字和 -）', control: name }],
      action: values => post(`/api/try-calls/${encodeURIComponent(callId())}/save-to-draft`, { name: values.name }),
    });
    if (!saved) return;
    show(h('div', { class: 'notice ok', role: 'status' }, '已保存到草稿：', h('code', { class: 'saved-script' }, saved.path),
      '。', h('a', { href: `/drafts/${saved.draftId}` }, `回到草稿 #${saved.draftId}`), '，“检查”会回放它。'));
  };
  return h('button', { type: 'button', class: 'primary', disabled: true, onclick: saveIntoDraft }, '保存为回放脚本（存入草稿）');
}
