// 草稿与审核: the editors' drafts of the flow set — open one from the serving version, see who wrote what,
// and (supervisors) which drafts wait for review.

import { describeError, get, post } from '../api.js';
import { field, h, notice, pageHeader, replaceChildren, table } from '../dom.js';
import { dateTime } from '../format.js';
import { showFailure } from './failure.js';

export const STATES = { open: '编辑中', submitted: '待审核', rejected: '已退回', published: '已发布' };

export async function render(view, { session, navigate }) {
  let drafts;
  try {
    drafts = await get('/api/drafts');
  } catch (error) {
    showFailure(view, error, '草稿与审核');
    return;
  }
  const canEdit = session.role === 'editor' || session.role === 'admin';
  const title = h('input', { name: 'draft-title', placeholder: '例如：2027年节假日安排', maxlength: 200 });
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'filters', 'aria-label': '新建草稿' }, field('草稿名称', title),
    h('button', { type: 'submit', class: 'primary' }, '新建草稿'), status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const created = await post('/api/drafts', { title: title.value.trim() });
      navigate(`/drafts/${created.id}`);
    } catch (error) {
      replaceChildren(status, notice('error', describeError(error)));
    }
  });
  replaceChildren(view, pageHeader('草稿与审核'),
    canEdit ? h('section', { class: 'card' }, h('h2', {}, '从当前版本新建草稿'), form) : null,
    h('section', { class: 'card' }, h('h2', {}, '全部草稿'), table([
      { title: '草稿', value: d => h('a', { href: `/drafts/${d.id}` }, `#${d.id} ${d.title}`) },
      { title: '作者', value: d => d.author },
      { title: '状态', value: d => h('span', { class: `chip draft-${d.state}` }, STATES[d.state] ?? d.state) },
      { title: '修改的文件', value: d => d.changed.map(f => f.path).join('，') || '—' },
      { title: '基础版本', value: d => h('code', { class: 'version' }, d.baseVersion.slice(0, 12)) },
      { title: '更新时间', value: d => dateTime(d.updatedAt) },
    ], drafts, { empty: '还没有草稿。' })));
}
