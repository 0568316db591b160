// 本节点: whether this node is draining, and the admin's button that drains it (what SIGTERM and
// `ivr drain` do): new calls get 503 and go to the other nodes, calls in progress end, then the
// server stops. Shown on the admin page; the API refuses everyone else, and logs every request.

import { describeError, get, post } from '../api.js';
import { h, notice, replaceChildren } from '../dom.js';

export function nodeDrainSection() {
  const status = h('div', { class: 'status-slot', 'aria-live': 'polite' });
  const state = h('p', {}, '正在读取本节点状态…');
  const button = h('button', { type: 'button', class: 'danger' }, '排空本节点');

  const show = draining => {
    replaceChildren(state, draining
      ? h('span', { class: 'badge danger' }, '正在排空：不再接新呼叫，进行中的通话结束后服务停止')
      : h('span', { class: 'badge ok' }, '正常服务'));
    button.disabled = draining;
  };

  button.addEventListener('click', async () => {
    if (!window.confirm('排空本节点？新呼叫将转往其他节点，进行中的通话结束后本节点的服务将停止。')) return;
    try {
      await post('/api/server/drain');
      show(true);
      replaceChildren(status, notice('ok', '已开始排空本节点。'));
    } catch (error) {
      replaceChildren(status, notice('error', describeError(error)));
    }
  });

  get('/api/server').then(s => show(s.draining), error => {
    button.disabled = true;
    replaceChildren(state, describeError(error));
  });
  return h('section', { class: 'card' }, h('h2', {}, '本节点'), status, state, button);
}
