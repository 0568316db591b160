// 开关与提示音: the flows' editor switches (e.g. the hotline announcement) flipped at once for new calls, and each
// prompt's audio — listened to in the browser, or replaced by an uploaded recording (WAV or MP3, converted on the server).

import { describeError, get, post, upload } from '../api.js';
import { field, h, notice, pageHeader, replaceChildren, table } from '../dom.js';
import { dateTime } from '../format.js';
import { ownStyle } from '../own-style.js';
import { showFailure } from './failure.js';

export async function render(view, { session }) {
  ownStyle('/css/editor-tools.css');
  let switches, prompts;
  try {
    [switches, prompts] = await Promise.all([get('/api/switches'), get('/api/prompts')]);
  } catch (error) {
    showFailure(view, error, '开关与提示音');
    return;
  }
  const editor = ['editor', 'admin'].includes(session?.role);
  const switchHolder = h('div', {});
  const status = h('div', { 'aria-live': 'polite' });
  const drawSwitches = () => replaceChildren(switchHolder, table([
    { title: '开关', value: s => h('code', {}, s.name) },
    { title: '流程', value: s => s.flow },
    { title: '说明', value: s => s.description || '—' },
    { title: '状态', value: s => h('span', { class: `chip ${s.on ? 'switch-on' : 'switch-off'}`, 'data-switch-state': s.name }, s.on ? '已开启' : '已关闭') },
    { title: '最近修改', value: s => s.changedBy ? `${s.changedBy}，${dateTime(s.changedAt)}` : '（流程默认值）' },
    { title: '操作', value: s => s.instant
      ? h('button', { type: 'button', disabled: !editor, 'data-switch': s.name, onclick: () => flip(s) }, s.on ? '关闭' : '开启')
      : h('small', { class: 'hint' }, '需经审核发布') },
  ], switches, { empty: '流程中没有声明开关（switches:）。' }));
  const flip = async s => {
    try {
      const changed = await post(`/api/switches/${encodeURIComponent(s.name)}`, { on: !s.on });
      switches = switches.map(x => x.name === changed.name ? changed : x);
      drawSwitches();
      replaceChildren(status, notice('ok', `开关 ${changed.name} 已${changed.on ? '开启' : '关闭'}，新来电立即生效。`));
    } catch (error) {
      replaceChildren(status, notice('error', describeError(error)));
    }
  };
  drawSwitches();
  replaceChildren(view, pageHeader('开关与提示音'), status,
    h('section', { class: 'card' }, h('h2', {}, '开关'), switchHolder),
    promptSection(prompts, editor, status));
}

function promptSection(prompts, editor, status) {
  const player = h('audio', { controls: true, preload: 'none', class: 'prompt-player' });
  const rows = table([
    { title: '提示音', value: p => h('code', {}, p.id) },
    { title: '文本', value: p => p.text },
    { title: '时长', value: p => `${p.seconds} 秒`, class: 'num' },
    { title: '来源', value: p => p.human ? h('span', { class: 'chip' }, '人工录音') : '语音合成' },
    { title: '试听', value: p => p.hasAudio ? h('button', { type: 'button', onclick: () => { player.src = `/api/prompts/${encodeURIComponent(p.id)}/audio?t=${Date.now()}`; player.play(); } }, '▶ 试听') : '—' },
  ], prompts);
  const chooser = h('select', { name: 'prompt-id' }, prompts.map(p => h('option', { value: p.id }, p.id)));
  const file = h('input', { type: 'file', name: 'prompt-file', accept: '.wav,.mp3,audio/wav,audio/mpeg' });
  const form = h('form', { class: 'filters', 'aria-label': '上传录音' },
    field('提示音', chooser), field('录音文件（WAV 或 MP3，任意采样率，≤ 20 MB，≤ 3 分钟）', file),
    h('button', { type: 'submit', class: 'primary', disabled: !editor }, '上传并替换'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!file.files?.length) return replaceChildren(status, notice('error', '请选择录音文件。'));
    try {
      const saved = await upload(`/api/prompts/${encodeURIComponent(chooser.value)}/audio`, file.files[0]);
      replaceChildren(status, notice('ok', `提示音 ${saved.id} 已替换（${saved.source}，${saved.seconds} 秒），已标记为人工录音。`));
    } catch (error) {
      replaceChildren(status, notice('error', error.status === 413 ? `文件过大：${error.message}` : describeError(error)));
    }
  });
  const rebuild = h('button', { type: 'button', disabled: !editor, onclick: async () => {
    rebuild.disabled = true;
    try {
      const report = await post('/api/prompts/build', {});
      replaceChildren(status, notice(report.failed.length ? 'error' : 'ok',
        `已重新合成 ${report.generated.length} 条（${report.generated.join('、') || '无'}），保留人工录音 ${report.keptHuman.length} 条，失败 ${report.failed.length} 条。`));
    } catch (error) {
      replaceChildren(status, notice('error', describeError(error)));
    } finally {
      rebuild.disabled = false;
    }
  } }, '重新合成文本有变化的提示音');
  return h('section', { class: 'card' }, h('h2', {}, '提示音'), form, h('p', {}, rebuild), player, rows);
}
