// How a page shows that it could not load: a refusal for a role that may not see it
// (the API's 403), otherwise the error in plain words.

import { describeError, isForbidden } from '../api.js';
import { h, notice, replaceChildren } from '../dom.js';

export function showFailure(container, error, title) {
  if (isForbidden(error)) {
    replaceChildren(container, h('section', { class: 'refusal', role: 'alert', 'aria-labelledby': 'refusal-title' },
      h('h1', { id: 'refusal-title' }, '无权访问'),
      h('p', {}, `您的账号没有查看“${title}”的权限，服务器已拒绝此请求并记录在访问日志中。`),
      h('p', {}, '如确需访问，请联系管理员调整角色。')));
    return;
  }
  replaceChildren(container, h('h1', {}, title), notice('error', describeError(error)));
}
