// 流程: the serving flow version and its history (reviewers roll back to an earlier one: flow-rollback.js),
// validation of the files on disk, a diagram of each flow, and a colored diff between two versions.

import { ApiError, describeError, get, query } from '../api.js';
import { field, h, notice, pageHeader, replaceChildren, table } from '../dom.js';
import { dateTime } from '../format.js';
import { diffSummary, parseUnifiedDiff, sideBySideView, unifiedView } from '../diff.js';
import { showFailure } from './failure.js';
import { mayRollBack, rollbackColumn, rollbackNotice } from './flow-rollback.js';

export async function render(view, { session } = {}) {
  const show = async message => {
    let current, versions, validation;
    try {
      [current, versions, validation] = await Promise.all([get('/api/flows'), get('/api/flows/versions'), get('/api/flows/validation')]);
    } catch (error) {
      showFailure(view, error, '流程');
      return;
    }
    const rollback = mayRollBack(session) ? rollbackColumn(result => show(rollbackNotice(result))) : null;
    replaceChildren(view, pageHeader('流程'), message,
      currentSection(current, versions),
      validationSection(validation),
      diagramSection(current.flows, current.routes),
      historySection(versions, rollback),
      diffSection(versions));
  };
  await show(null);
}

function currentSection(current, versions) {
  const routes = Object.entries(current.routes ?? {});
  const loadedAt = current.loadedAt ?? versions.find(v => v.version === current.version)?.firstLoadedAt;
  return h('section', { class: 'card' },
    h('h2', {}, '当前版本'),
    h('dl', { class: 'facts' },
      h('dt', {}, '版本'), h('dd', {}, h('code', { class: 'version' }, current.version)),
      h('dt', {}, '启用时间'), h('dd', {}, dateTime(loadedAt)),
      h('dt', {}, '号码路由'), h('dd', {}, routes.length ? routes.map(([number, flow]) => h('span', { class: 'chip' }, `${number} → ${flow}`)) : '—')),
    table([
      { title: '流程', value: f => h('code', {}, f.name) },
      { title: '文件', value: f => f.path },
      { title: '说明', value: f => f.description || '—' },
      { title: '节点数', value: f => f.nodes, class: 'num' },
    ], current.flows ?? [], { caption: '流程列表' }));
}

function validationSection(validation) {
  const ok = validation.valid;
  return h('section', { class: 'card' },
    h('h2', {}, '校验结果（磁盘上的当前文件）'),
    h('p', { class: `validation ${ok ? 'valid' : 'invalid'}`, role: 'status' },
      ok ? '✔ 校验通过' : '✘ 校验未通过', `：${validation.errors} 个错误，${validation.warnings} 个警告`),
    table([
      { title: '级别', value: d => h('span', { class: `severity ${d.severity}` }, d.severity === 'error' ? '错误' : '警告') },
      { title: '位置', value: d => h('code', {}, `${d.path}:${d.line}:${d.column}`) },
      { title: '说明', value: d => d.message },
    ], validation.diagnostics ?? [], { empty: '没有诊断信息。' }));
}

function diagramSection(flows, routes) {
  // The flow that answers the hotline's own number first: that is the one people ask about.
  const first = routes?.['12333'] ?? Object.values(routes ?? {})[0];
  const chooser = h('select', { name: 'diagram-flow' },
    (flows ?? []).map(f => h('option', { value: f.name, selected: f.name === first }, f.description ? `${f.name}（${f.description}）` : f.name)));
  const holder = h('div', { class: 'diagram', 'aria-live': 'polite' });
  const show = () => {
    const name = chooser.value;
    if (!name) return replaceChildren(holder, h('p', { class: 'empty' }, '没有流程。'));
    // An <img> keeps the SVG inert (no scripts, no links), whatever labels the flow's authors wrote.
    const image = h('img', { src: `/api/flows/${encodeURIComponent(name)}/diagram?format=svg`, alt: `流程 ${name} 的结构图` });
    const drawing = h('p', { class: 'loading' }, '正在绘制流程图…');
    image.addEventListener('load', () => drawing.remove());
    image.addEventListener('error', async () => replaceChildren(holder, await diagramFailure(name)));
    replaceChildren(holder, drawing, image);
  };
  chooser.addEventListener('change', show);
  show();
  return h('section', { class: 'card' }, h('h2', {}, '流程图'), field('选择流程', chooser), holder);
}

async function diagramFailure(name) {
  try {
    const mermaid = await get(`/api/flows/${encodeURIComponent(name)}/diagram${query({ format: 'mermaid' })}`, { accept: 'text/plain' });
    return h('div', {}, notice('info', '无法显示图形（服务器可能未安装 Graphviz），以下为 Mermaid 文本：'), h('pre', { class: 'source' }, mermaid));
  } catch (error) {
    return notice('error', describeError(error));
  }
}

function historySection(versions, rollback) {
  return h('section', { class: 'card' },
    h('h2', {}, '历史版本'),
    table([
      { title: '版本', value: v => h('code', { class: 'version' }, v.version.slice(0, 12)) },
      { title: '首次加载', value: v => dateTime(v.firstLoadedAt) },
      { title: '最近加载', value: v => dateTime(v.lastLoadedAt) },
      { title: '文件数', value: v => v.files, class: 'num' },
      { title: '状态', value: v => v.current ? h('span', { class: 'chip current' }, '当前') : '' },
      rollback,
    ].filter(Boolean), versions, { empty: '服务器尚未记录任何版本。' }));
}

function diffSection(versions) {
  const option = (v, selected) => h('option', { value: v.version, selected }, `${v.version.slice(0, 12)}（${dateTime(v.firstLoadedAt)}）`);
  const from = h('select', { name: 'diff-from' }, versions.map((v, i) => option(v, i === 1)));
  const to = h('select', { name: 'diff-to' }, versions.map((v, i) => option(v, i === 0)));
  const path = h('input', { name: 'diff-path', placeholder: '全部文件，例如 main.yaml' });
  const layout = h('select', { name: 'diff-layout' }, h('option', { value: 'split' }, '左右对照'), h('option', { value: 'unified' }, '合并显示'));
  const output = h('div', { class: 'diff-output', 'aria-live': 'polite' });
  const form = h('form', { class: 'filters', 'aria-label': '版本对比' },
    field('旧版本', from), field('新版本', to), field('文件（可选）', path), field('显示方式', layout),
    h('button', { type: 'submit', class: 'primary', disabled: versions.length < 2 }, '对比'));

  let files = null;
  const draw = () => {
    if (!files) return;
    const { added, removed } = diffSummary(files);
    replaceChildren(output, files.length
      ? [h('p', { class: 'diff-summary' }, `${files.length} 个文件有变化：`, h('span', { class: 'added-count' }, `+${added}`), ' ', h('span', { class: 'removed-count' }, `−${removed}`)),
         files.map(f => layout.value === 'unified' ? unifiedView(f) : sideBySideView(f))]
      : h('p', { class: 'empty' }, '两个版本内容相同。'));
  };
  layout.addEventListener('change', draw);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    replaceChildren(output, h('p', { class: 'loading' }, '正在对比…'));
    try {
      const text = await get(`/api/flows/diff${query({ from: from.value, to: to.value, path: path.value.trim() })}`, { accept: 'text/plain' });
      files = parseUnifiedDiff(typeof text === 'string' ? text : '');
      draw();
    } catch (error) {
      files = null;
      replaceChildren(output, notice('error', error instanceof ApiError ? describeError(error) : String(error)));
    }
  });
  return h('section', { class: 'card' }, h('h2', {}, '版本对比'),
    versions.length < 2 ? h('p', { class: 'empty' }, '至少需要两个版本才能对比。') : null, form, output);
}
