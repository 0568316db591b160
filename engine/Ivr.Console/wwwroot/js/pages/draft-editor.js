// 编辑草稿: one draft — choose a file, edit it in CodeMirror (a pause in typing, or Ctrl+S, saves it and checks the whole
// draft, underlining each problem; the diagram of the edited flow beside it follows), run the replay gate, submit with a reason when a
// script breaks; reviewers see the diff, the check and the reason, then approve (publish) or send it back.

import { ApiError, describeError, get, post, request } from '../api.js';
import { field, h, notice, pageHeader, replaceChildren, table } from '../dom.js';
import { dateTime } from '../format.js';
import { parseUnifiedDiff, unifiedView } from '../diff.js';
import { createEditor } from '../yaml-editor.js';
import { showFailure } from './failure.js';
import { STATES } from './drafts.js';

/** How long typing pauses before the file is saved and checked. */
const TYPING_PAUSE_MS = 700;

export async function render(view, { session, params }) {
  const id = params.id;
  let detail, schema;
  try {
    [detail, schema] = await Promise.all([get(`/api/drafts/${id}`), get(`/api/drafts/${id}/files/flows/flow.schema.json`).catch(() => null)]);
  } catch (error) {
    showFailure(view, error, '编辑草稿');
    return;
  }
  const draft = detail.draft;
  const mayEdit = (session.role === 'editor' || session.role === 'admin') && (draft.state === 'open' || draft.state === 'rejected');
  const mayReview = (session.role === 'supervisor' || session.role === 'admin') && draft.state === 'submitted';
  // saved: the text as last read or saved; saving: the save under way (one at a time); again: save once more after it;
  // held: no saving while typing after a conflict, until the editor has merged and saves with Ctrl+S / 保存.
  const state = { path: detail.files.includes('flows/main.yaml') ? 'flows/main.yaml' : detail.files[0], revision: 0, diagnostics: [],
    saved: null, saving: null, again: false, held: false, timer: 0 };

  const chooser = h('select', { name: 'draft-file' }, detail.files.map(p => h('option', { value: p, selected: p === state.path }, p)));
  const saveButton = h('button', { type: 'button', class: 'primary', disabled: !mayEdit }, '保存');
  const saveStatus = h('span', { class: 'save-status', role: 'status' });
  const problems = h('div', { class: 'draft-diagnostics', 'aria-live': 'polite' });
  const diagram = h('div', { class: 'diagram draft-diagram', 'aria-live': 'polite' });
  const host = h('div', { class: 'code-editor', 'aria-label': '文件内容' });
  const editor = createEditor(host, { doc: '', schema: schema ? JSON.parse(schema.content) : null, onSave: () => save({ typed: false }), onChange: typed });

  /** Checked as you type: a pause in typing saves the file, and every save validates the whole draft. */
  function typed() {
    if (!mayEdit || editor.text() === state.saved) return;
    saveStatus.textContent = '有未保存的修改';
    clearTimeout(state.timer);
    if (!state.held) state.timer = setTimeout(() => save({ typed: true }), TYPING_PAUSE_MS);
  }

  async function open(path) {
    state.path = path;
    const file = await get(`/api/drafts/${id}/files/${path}`);
    state.revision = file.revision;
    state.saved = file.content;
    state.held = false;
    clearTimeout(state.timer);
    editor.setText(file.content);
    saveStatus.textContent = file.changed ? `草稿修订 ${file.revision}` : '与当前版本相同';
    await validate();
  }

  /** A problem's place: opens its file if another one is shown, then puts the cursor there and scrolls to it. */
  async function goTo(d) {
    if (d.path !== state.path) {
      chooser.value = d.path;
      await open(d.path);
    }
    editor.reveal(d.line, d.column);
  }

  async function save({ typed }) {
    clearTimeout(state.timer);
    if (!mayEdit || (typed && state.held)) return;
    if (state.saving) {
      state.again = true; // the text changed while a save was under way: save it after that one, with its revision
      return;
    }
    if (!typed) state.held = false;
    state.saving = saveNow().finally(() => {
      state.saving = null;
      if (state.again) {
        state.again = false;
        if (editor.text() !== state.saved) save({ typed: true });
      }
    });
    await state.saving;
  }

  async function saveNow() {
    const content = editor.text();
    saveStatus.textContent = '正在保存…';
    try {
      const saved = await request(`/api/drafts/${id}/files/${state.path}`, { method: 'PUT', body: { content, revision: state.revision } });
      state.revision = saved.revision;
      state.saved = content;
      saveStatus.textContent = editor.text() === content ? `已保存（修订 ${saved.revision}）` : '有未保存的修改';
      await validate();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && typeof error.body?.diff === 'string') {
        // The server's unified diff from the text saved meanwhile (-) to this editor's (+), 3 lines of context.
        state.held = true;
        saveStatus.textContent = '保存冲突：他人已保存此文件';
        replaceChildren(problems, notice('error', `其他编辑者已保存此文件（修订 ${error.body.revision}）。请对照下方差异合并后再保存。`),
          ...parseUnifiedDiff(error.body.diff).map(unifiedView));
        state.revision = error.body.revision;
      } else {
        saveStatus.textContent = describeError(error);
      }
    }
  }

  async function validate() {
    const started = performance.now();
    let result;
    try {
      result = (await post(`/api/drafts/${id}/check?replay=false`)).report;
    } catch (error) {
      replaceChildren(problems, notice('error', describeError(error)));
      return;
    }
    const mine = result.diagnostics.filter(d => d.path === state.path);
    editor.showDiagnostics(mine);
    problems.dataset.milliseconds = String(Math.round(performance.now() - started));
    replaceChildren(problems,
      h('p', { class: `validation ${result.valid ? 'valid' : 'invalid'}`, role: 'status' },
        result.valid ? '✔ 校验通过' : '✘ 校验未通过', `：${result.errors} 个错误，${result.warnings} 个警告`),
      table([
        { title: '级别', value: d => h('span', { class: `severity ${d.severity}` }, d.severity === 'error' ? '错误' : '警告') },
        { title: '位置', value: d => detail.files.includes(d.path)
          ? h('button', { type: 'button', class: 'link', title: '在编辑器中打开此处', onclick: () => goTo(d) }, h('code', {}, `${d.path}:${d.line}:${d.column}`))
          : h('code', {}, `${d.path}:${d.line}:${d.column}`) },
        { title: '说明', value: d => d.message },
      ], result.diagnostics, { empty: '没有诊断信息。' }));
    drawDiagram(result.valid);
  }

  function drawDiagram(valid) {
    const flow = /^flow:\s*([\w-]+)/m.exec(editor.text())?.[1];
    if (!state.path.startsWith('flows/') || !flow) return replaceChildren(diagram, h('p', { class: 'empty' }, '此文件没有流程图。'));
    if (!valid) return replaceChildren(diagram, h('p', { class: 'empty' }, '草稿有错误，修正后显示流程图。'));
    const image = h('img', { src: `/api/drafts/${id}/diagram/${encodeURIComponent(flow)}?format=svg&at=${Date.now()}`, alt: `草稿中流程 ${flow} 的结构图` });
    image.addEventListener('error', () => replaceChildren(diagram, h('p', { class: 'empty' }, '无法显示流程图（服务器可能未安装 Graphviz）。')));
    replaceChildren(diagram, image);
  }

  chooser.addEventListener('change', () => open(chooser.value));
  saveButton.addEventListener('click', () => save({ typed: false }));

  const tryIt = session.role === 'editor' || session.role === 'admin' ? h('a', { class: 'button', href: `/try-call?draft=${draft.id}` }, '试拨此草稿') : null;
  replaceChildren(view, pageHeader(`草稿 #${draft.id} ${draft.title}`, ...(tryIt ? [tryIt] : [])),
    h('section', { class: 'card' }, h('dl', { class: 'facts' },
      h('dt', {}, '状态'), h('dd', {}, h('span', { class: `chip draft-${draft.state}` }, STATES[draft.state] ?? draft.state)),
      h('dt', {}, '作者'), h('dd', {}, draft.author),
      h('dt', {}, '基础版本'), h('dd', {}, h('code', { class: 'version' }, draft.baseVersion.slice(0, 12))),
      h('dt', {}, '更新时间'), h('dd', {}, dateTime(draft.updatedAt)),
      draft.reviewComment ? [h('dt', {}, '审核意见'), h('dd', {}, `${draft.reviewer}：${draft.reviewComment}`)] : null,
      draft.publishedVersion ? [h('dt', {}, '发布版本'), h('dd', {}, h('code', { class: 'version' }, draft.publishedVersion.slice(0, 12)))] : null)),
    h('section', { class: 'card draft-workspace' },
      h('div', { class: 'filters' }, field('文件', chooser), saveButton, saveStatus),
      h('div', { class: 'draft-panes' }, host, diagram), problems),
    checkSection(id),
    mayEdit ? submitSection(id) : null,
    mayReview ? reviewSection(id, draft) : null);
  await open(state.path);
}

function replayView(report) {
  if (!report.replay) return notice(report.valid ? 'info' : 'error', report.valid ? '未运行回放。' : '草稿有错误，未运行回放。');
  const r = report.replay;
  return h('div', {},
    h('p', { class: `validation ${r.failed ? 'invalid' : 'valid'}`, role: 'status' },
      `回放脚本：${r.passed} 个通过，${r.failed} 个失败（${r.seconds.toFixed(1)} 秒）；覆盖节点 ${r.nodesCovered}/${r.nodes}，分支 ${r.edgesCovered}/${r.edges}`),
    table([
      { title: '脚本', value: s => h('code', {}, s.script) },
      { title: '结果', value: s => h('span', { class: `severity ${s.passed ? 'ok' : 'error'}` }, s.passed ? '通过' : '失败') },
      { title: '第一处差异', value: s => s.failure ?? '' },
    ], r.scripts.filter(s => !s.passed), { empty: '全部脚本通过。', caption: '失败的脚本' }),
    r.missedNodes.length || r.missedEdges.length
      ? h('p', { class: 'coverage-gaps' }, `没有脚本到达：${[...r.missedNodes, ...r.missedEdges].join('，')}`) : null);
}

function checkSection(id) {
  const output = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'button' }, '检查（校验＋回放全部脚本）');
  button.addEventListener('click', async () => {
    button.disabled = true;
    replaceChildren(output, h('p', { class: 'loading' }, '正在回放全部脚本…'));
    try {
      replaceChildren(output, replayView((await post(`/api/drafts/${id}/check`)).report));
    } catch (error) {
      replaceChildren(output, notice('error', describeError(error)));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card' }, h('h2', {}, '检查'), button, output);
}

function submitSection(id) {
  const reason = h('textarea', { name: 'submit-reason', rows: 2, placeholder: '若有回放脚本失败，请写明原因（审核人可见）' });
  const output = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'primary' }, '提交审核');
  button.addEventListener('click', async () => {
    try {
      await post(`/api/drafts/${id}/submit`, { reason: reason.value.trim() || null });
      location.reload();
    } catch (error) {
      const message = error.code === 'reason_required' ? '草稿导致回放脚本失败：请填写原因后再提交。'
        : error.code === 'invalid' ? '草稿校验未通过，请先修正错误。' : describeError(error);
      replaceChildren(output, notice('error', message));
    }
  });
  return h('section', { class: 'card' }, h('h2', {}, '提交审核'), field('原因（可选）', reason), button, output);
}

function reviewSection(id, draft) {
  const comment = h('textarea', { name: 'review-comment', rows: 2, placeholder: '审核意见（退回时必填）' });
  const output = h('div', { 'aria-live': 'polite' });
  const diff = h('div', { class: 'diff-output' }, h('p', { class: 'loading' }, '正在加载差异…'));
  get(`/api/drafts/${id}/diff`, { accept: 'text/plain' })
    .then(text => replaceChildren(diff, parseUnifiedDiff(typeof text === 'string' ? text : '').map(unifiedView)))
    .catch(error => replaceChildren(diff, notice('error', describeError(error))));
  const decide = async (action, overwrite = false) => {
    try {
      await post(`/api/drafts/${id}/${action}`, { comment: comment.value.trim() || null, overwrite });
      location.reload();
    } catch (error) {
      if (error.code === 'newer_version') {
        const again = h('button', { type: 'button', class: 'danger' }, '已阅差异，覆盖发布');
        again.addEventListener('click', () => decide('approve', true));
        const body = await fetch(`/api/drafts/${id}/diff`).then(r => r.text()).catch(() => '');
        replaceChildren(output, notice('error', `当前服务的版本比草稿的基础版本新：${error.message}`), ...parseUnifiedDiff(body).map(unifiedView), again);
      } else {
        replaceChildren(output, notice('error', error.code === 'invalid' ? '草稿已不能通过校验，不能发布；请退回。' : describeError(error)));
      }
    }
  };
  const approve = h('button', { type: 'button', class: 'primary' }, '批准并发布');
  const reject = h('button', { type: 'button' }, '退回');
  approve.addEventListener('click', () => decide('approve'));
  reject.addEventListener('click', () => decide('reject'));
  return h('section', { class: 'card' }, h('h2', {}, '审核'),
    draft.submitReason ? notice('warning', `提交原因：${draft.submitReason}`) : null,
    draft.check ? replayView(draft.check) : null,
    h('h3', {}, '与当前版本的差异'), diff,
    field('审核意见', comment), h('div', { class: 'filters' }, approve, reject), output);
}
