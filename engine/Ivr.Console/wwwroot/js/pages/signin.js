// 登录: the sign-in form. Errors are said plainly; a rate-limited user is told how long to wait.

import { post, describeError, ApiError } from '../api.js';
import { h, field, notice, replaceChildren } from '../dom.js';

export function renderSignIn(view, { message, onSignedIn }) {
  const user = h('input', { id: 'signin-user', name: 'user', autocomplete: 'username', required: true, autocapitalize: 'off', spellcheck: 'false' });
  const password = h('input', { id: 'signin-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const status = h('div', { class: 'status-slot', 'aria-live': 'polite' }, message ? notice('info', message) : null);
  const submit = h('button', { type: 'submit', class: 'primary' }, '登录');

  const form = h('form', { class: 'signin-card', 'aria-labelledby': 'signin-title', novalidate: true },
    h('h1', { id: 'signin-title' }, '12333 运维控制台'),
    h('p', { class: 'subtitle' }, '请使用您的工作账号登录'),
    status,
    field('用户名', user),
    field('密码', password),
    submit,
    h('p', { class: 'fine-print' }, '所有查看录音、导出数据的操作都会被记录。'));

  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!user.value.trim() || !password.value) {
      replaceChildren(status, notice('error', '请输入用户名和密码。'));
      return;
    }
    submit.disabled = true;
    submit.textContent = '正在登录…';
    try {
      const session = await post('/api/session', { user: user.value.trim(), password: password.value });
      password.value = '';
      onSignedIn(session);
    } catch (error) {
      password.value = '';
      replaceChildren(status, notice('error', describeError(error instanceof ApiError && error.status === 401 ? new ApiError(401, 'invalid_credentials') : error)));
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = '登录';
    }
  });

  replaceChildren(view, h('div', { class: 'signin-page' }, form));
  user.focus();
}
