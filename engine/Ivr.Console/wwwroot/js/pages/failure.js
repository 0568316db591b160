// How a page shows that it could not load: a refusal for a role that may not see it
// (the API's 403), otherwise the error in plain words.

import { describeError, isForbidden } from '../api.js';
import { h, notice, replaceChildren } from '../dom.js';

/**
 * A refusal takes the whole page (no form, no half-drawn table hints at what is behind it);
 * any other error is shown where the failed part would have been.
 */
export function showFailure(container, error, title) {
  if (isForbidden(error)) {
    const page = container.closest?.('.page') ?? container;
    replaceChildren(page, h('section', { class: 'refusal', role: 'alert', 'aria-labelledby': 'refusal-title' },
      h('h1', { id: 'refusal-title' }, '无权访问'),
      h('p', {}, `您的账号没有查看“${title}”的权限，服务器已拒绝此请求并记录在访问日志中。`),
      h('p', {}, '如确需访问，请联系管理员调整角色。')));
    return;
  }
  replaceChildren(container, container.classList?.contains('page') ? h('h1', {}, title) : null, notice('error', describeError(error)));
}
