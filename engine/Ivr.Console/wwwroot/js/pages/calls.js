// 通话记录: search recorded calls by time, number and disposition; each row opens the call's timeline.

import { get, query } from '../api.js';
import { field, h, notice, pageHeader, replaceChildren, table } from '../dom.js';
import { dateTime, dispositionLabel, dispositionNames, duration } from '../format.js';
import { showFailure } from './failure.js';

export async function render(view, { navigate }) {
  const params = new URLSearchParams(location.search);
  const from = h('input', { type: 'datetime-local', name: 'from', value: params.get('from') ?? '' });
  const to = h('input', { type: 'datetime-local', name: 'to', value: params.get('to') ?? '' });
  const number = h('input', { name: 'number', inputmode: 'numeric', pattern: '[0-9]{4,}', value: params.get('number') ?? '', placeholder: '完整号码或后 4 位以上' });
  const disposition = h('select', { name: 'disposition' }, h('option', { value: '' }, '全部'),
    dispositionNames.map(d => h('option', { value: d, selected: params.get('disposition') === d }, dispositionLabel(d))));
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const exportLink = h('a', { class: 'button', download: true, href: '/api/calls/export.csv' }, '导出 CSV');
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': '通话查询' },
    field('开始时间（北京时间）', from), field('结束时间（北京时间）', to), field('来电号码', number), field('通话结果', disposition),
    h('button', { type: 'submit', class: 'primary' }, '查询'));

  const filters = () => ({
    from: chinaLocalToIso(from.value), to: chinaLocalToIso(to.value), number: number.value.trim(), disposition: disposition.value, limit: 100,
  });

  const search = async () => {
    const digits = number.value.trim();
    if (digits && !/^\d{4,}$/.test(digits)) {
      replaceChildren(results, notice('error', '号码请填写完整号码或至少后 4 位数字。'));
      return;
    }
    replaceChildren(results, h('p', { class: 'loading' }, '正在查询…'));
    exportLink.href = `/api/calls/export.csv${query(filters())}`;
    try {
      const calls = await get(`/api/calls${query(filters())}`);
      replaceChildren(results,
        h('p', { class: 'count' }, calls.length >= 100 ? '显示最近 100 通，请缩小查询范围。' : `共 ${calls.length} 通`),
        table([
          { title: '开始时间', value: c => h('a', { href: `/calls/${encodeURIComponent(c.callId)}` }, dateTime(c.startedAt)) },
          { title: '来电号码', value: c => h('span', { class: 'masked' }, c.callerMasked) },
          { title: '被叫', value: c => c.dialled },
          { title: '时长', value: c => duration(c.durationSeconds), class: 'num' },
          { title: '结果', value: c => h('span', { class: `disposition ${c.disposition ?? 'live'}` }, dispositionLabel(c.disposition)) },
          { title: '经过的节点', value: c => h('span', { class: 'path' }, (c.path ?? []).join(' → ')) },
        ], calls, { empty: '没有符合条件的通话。' }));
    } catch (error) {
      showFailure(results, error, '通话记录');
    }
  };

  form.addEventListener('submit', event => {
    event.preventDefault();
    const shown = new URLSearchParams(Object.entries({ from: from.value, to: to.value, number: number.value.trim(), disposition: disposition.value }).filter(([, v]) => v));
    history.replaceState(null, '', `/calls${shown.size ? `?${shown}` : ''}`);
    search();
  });

  replaceChildren(view, pageHeader('通话记录', exportLink), form, results);
  await search();
}

/** A datetime-local value read as China time (UTC+8, no daylight saving) → ISO instant; '' stays ''. */
export function chinaLocalToIso(value) {
  if (!value) return '';
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  return new Date(`${withSeconds}+08:00`).toISOString();
}
