// 传真: fax jobs with status, pages and attempts; a failed one can be retried at once.
// While the fax service is not installed the API says so, and the page says it plainly.

import { ApiError, describeError, get, post } from '../api.js';
import { h, notice, pageHeader, replaceChildren, table } from '../dom.js';
import { dateTime, statusLabel } from '../format.js';
import { showFailure } from './failure.js';

/** A job that failed, waits for its next attempt or is queued for later may be sent at once (API.md, 18:35). */
const RETRYABLE = new Set(['failed', 'retry_wait', 'queued']);

export async function render(view) {
  const status = h('div', { class: 'status-slot', 'aria-live': 'polite' });
  const list = h('div');

  const load = async () => {
    try {
      const jobs = await get('/api/faxes');
      replaceChildren(list, table([
        { title: '编号', value: j => `#${j.id}`, class: 'num' },
        { title: '传真号码', value: j => h('span', { class: 'masked' }, j.numberMasked ?? '—') },
        { title: '状态', value: j => h('span', { class: `status ${j.status}` }, statusLabel(j.status)) },
        { title: '页数', value: j => j.pages ?? '—', class: 'num' },
        { title: '尝试次数', value: j => j.attempts, class: 'num' },
        { title: '最近错误', value: j => j.lastError ?? '—' },
        { title: '创建', value: j => dateTime(j.createdAt) },
        { title: '更新', value: j => dateTime(j.updatedAt) },
        { title: '操作', value: j => RETRYABLE.has(j.status) ? h('button', { type: 'button', onclick: () => retry(j) }, '立即重发') : '' },
      ], jobs, { empty: '没有传真任务。' }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'fax_service_not_installed') {
        replaceChildren(list, h('section', { class: 'card not-installed' }, h('h2', {}, '传真服务尚未安装'),
          h('p', {}, '此服务器还没有启用传真发送功能，因此暂无传真任务可显示。安装后此页面会列出每个传真任务的状态、页数和重试次数。')));
        return;
      }
      showFailure(view, error, '传真');
    }
  };

  const retry = async job => {
    try {
      const answer = await post(`/api/faxes/${job.id}/retry`, {});
      replaceChildren(status, notice('ok', `传真 #${job.id} 已重新排队（${statusLabel(answer?.status ?? 'queued')}）。`));
      load();
    } catch (error) {
      replaceChildren(status, notice('error', describeError(error)));
    }
  };

  replaceChildren(view, pageHeader('传真'), status, list);
  await load();
}
