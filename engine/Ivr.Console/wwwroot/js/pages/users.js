// 用户与审计: accounts (create, change role, disable, reset password) and the access log of who
// looked at what, and this node's drain — admins only.

import { describeError, get, patch, post, query } from '../api.js';
import { field, h, notice, pageHeader, replaceChildren, table } from '../dom.js';
import { actionLabel, actionNames, dateTime, roleLabel, roleNames } from '../format.js';
import { formDialog } from '../dialog.js';
import { showFailure } from './failure.js';
import { nodeDrainSection } from './node-drain.js';
import { backupSection } from './backup-status.js';

export async function render(view, { session }) {
  let users;
  try {
    users = await get('/api/users');
  } catch (error) {
    showFailure(view, error, '用户与审计');
    return;
  }
  const status = h('div', { class: 'status-slot', 'aria-live': 'polite' });
  const usersBox = h('div');
  const say = (kind, text) => replaceChildren(status, notice(kind, text));

  const reload = async () => {
    try { users = await get('/api/users'); drawUsers(); } catch (error) { say('error', describeError(error)); }
  };

  const change = async (user, body, done) => {
    try {
      await patch(`/api/users/${encodeURIComponent(user.name)}`, body);
      say('ok', done);
      await reload();
    } catch (error) {
      say('error', describeError(error));
      await reload();
    }
  };

  const drawUsers = () => replaceChildren(usersBox, table([
    { title: '用户名', value: u => h('strong', {}, u.name) },
    { title: '角色', value: u => {
      const select = h('select', { 'aria-label': `${u.name} 的角色`, disabled: u.name === session.user },
        roleNames.map(r => h('option', { value: r, selected: r === u.role }, roleLabel(r))));
      select.addEventListener('change', () => change(u, { role: select.value }, `已将 ${u.name} 的角色改为${roleLabel(select.value)}。`));
      return select;
    } },
    { title: '状态', value: u => u.disabled ? h('span', { class: 'badge danger' }, '已停用') : h('span', { class: 'badge ok' }, '正常') },
    { title: '创建时间', value: u => dateTime(u.createdAt) },
    { title: '最近登录', value: u => dateTime(u.lastSignInAt) },
    { title: '操作', value: u => h('div', { class: 'row-actions' },
      u.name === session.user ? null : h('button', { type: 'button', onclick: () => change(u, { disabled: !u.disabled }, u.disabled ? `已启用 ${u.name}。` : `已停用 ${u.name}，其会话已结束。`) }, u.disabled ? '启用' : '停用'),
      h('button', { type: 'button', onclick: () => resetPassword(u) }, '重置密码')) },
  ], users));

  const resetPassword = async user => {
    const done = await formDialog({
      title: `重置 ${user.name} 的密码`, submitLabel: '保存',
      fields: [{ name: 'password', label: '新密码（至少 10 个字符）', control: h('input', { type: 'password', autocomplete: 'new-password', minlength: 10 }) }],
      action: values => patch(`/api/users/${encodeURIComponent(user.name)}`, { password: values.password }),
    });
    if (done) say('ok', `已重置 ${user.name} 的密码。`);
  };

  const name = h('input', { name: 'name', autocomplete: 'off', pattern: '[a-z0-9_.\\-]{2,32}', required: true });
  const role = h('select', { name: 'role' }, roleNames.map(r => h('option', { value: r }, roleLabel(r))));
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password', minlength: 10, required: true });
  const create = h('form', { class: 'filters', 'aria-label': '新建用户' },
    field('用户名', name, '小写字母、数字、_ . -，2–32 个字符'), field('角色', role), field('初始密码', password, '至少 10 个字符'),
    h('button', { type: 'submit', class: 'primary' }, '新建用户'));
  create.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await post('/api/users', { name: name.value.trim(), role: role.value, password: password.value });
      say('ok', `已创建用户 ${name.value.trim()}（${roleLabel(role.value)}）。`);
      name.value = ''; password.value = '';
      await reload();
    } catch (error) {
      password.value = '';
      say('error', describeError(error));
    }
  });

  drawUsers();
  replaceChildren(view, pageHeader('用户与审计'), status,
    h('section', { class: 'card' }, h('h2', {}, '用户'), usersBox, h('h3', {}, '新建用户'), create),
    accessLogSection(), backupSection(), nodeDrainSection());
}

function accessLogSection() {
  const user = h('input', { name: 'user', autocomplete: 'off' });
  const action = h('select', { name: 'action' }, h('option', { value: '' }, '全部'), actionNames.map(a => h('option', { value: a }, actionLabel(a))));
  const body = h('tbody');
  const more = h('button', { type: 'button', hidden: true }, '加载更多');
  const status = h('div', { class: 'status-slot', 'aria-live': 'polite' });
  let oldest = null;

  const load = async append => {
    try {
      const entries = await get(`/api/access-log${query({ limit: 100, before: append ? oldest : '', user: user.value.trim(), action: action.value })}`);
      if (!append) body.replaceChildren();
      for (const e of entries) {
        body.append(h('tr', { class: e.action === 'refused' ? 'refused' : null },
          h('td', {}, dateTime(e.at)), h('td', {}, e.user ?? '—'), h('td', {}, e.ip ?? ''),
          h('td', {}, actionLabel(e.action)), h('td', {}, h('code', {}, e.target ?? '')), h('td', {}, e.outcome ?? ''), h('td', {}, e.detail ?? '')));
      }
      if (entries.length) oldest = entries[entries.length - 1].id;
      more.hidden = entries.length < 100;
      replaceChildren(status, body.children.length ? null : h('p', { class: 'empty' }, '没有符合条件的记录。'));
    } catch (error) {
      replaceChildren(status, notice('error', describeError(error)));
    }
  };
  more.addEventListener('click', () => load(true));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': '访问日志筛选' },
    field('用户', user), field('操作', action), h('button', { type: 'submit', class: 'primary' }, '筛选'));
  form.addEventListener('submit', event => { event.preventDefault(); oldest = null; load(false); });
  load(false);
  return h('section', { class: 'card' }, h('h2', {}, '访问日志'),
    h('p', { class: 'fine-print' }, '登录、拒绝访问、收听录音、导出数据等操作均被记录。'), form, status,
    h('div', { class: 'table-scroll' }, h('table', { class: 'grid compact access-log' },
      h('thead', {}, h('tr', {}, ['时间', '用户', 'IP', '操作', '对象', '结果', '说明'].map(t => h('th', { scope: 'col' }, t)))), body)),
    more);
}
