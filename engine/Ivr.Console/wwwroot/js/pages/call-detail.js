// 通话详情: one call, its timeline of events, and its replay script to download.

import { get, query } from '../api.js';
import { h, pageHeader, replaceChildren } from '../dom.js';
import { dateTime, dispositionLabel, duration, eventKindLabel, time } from '../format.js';
import { showFailure } from './failure.js';

export async function render(view, { params }) {
  let detail;
  try {
    // The query form carries any Call-ID, even '.', '..' and 'export.csv' (API.md).
    detail = await get(`/api/call${query({ id: params.id })}`);
  } catch (error) {
    showFailure(view, error, '通话详情');
    return;
  }
  const { call, events } = detail;
  const script = h('a', {
    class: 'button primary', href: `/api/call/script${query({ id: call.callId })}`, download: `call-${call.callId}.yaml`,
  }, '下载回放脚本');

  replaceChildren(view,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/calls' }, '← 返回通话记录')),
    pageHeader('通话详情', script),
    h('section', { class: 'card' },
      h('dl', { class: 'facts' },
        h('dt', {}, '通话编号'), h('dd', {}, h('code', {}, call.callId)),
        h('dt', {}, '来电号码'), h('dd', { class: 'masked' }, call.callerMasked),
        h('dt', {}, '被叫'), h('dd', {}, call.dialled),
        h('dt', {}, '开始'), h('dd', {}, dateTime(call.startedAt)),
        h('dt', {}, '结束'), h('dd', {}, dateTime(call.endedAt)),
        h('dt', {}, '时长'), h('dd', {}, duration(call.durationSeconds)),
        h('dt', {}, '结果'), h('dd', {}, h('span', { class: `disposition ${call.disposition ?? 'live'}` }, dispositionLabel(call.disposition))),
        h('dt', {}, '流程版本'), h('dd', {}, h('code', { class: 'version' }, call.flowVersion))),
      h('p', { class: 'fine-print' }, '下载回放脚本会记录在访问日志中；脚本中的身份证号、密码等敏感输入以占位符代替。')),
    h('section', { class: 'card' }, h('h2', {}, '通话时间线'),
      h('ol', { class: 'timeline' }, events.map(e => h('li', { class: `event ${e.kind}` },
        h('time', { datetime: e.at }, time(e.at)),
        h('span', { class: 'kind' }, eventKindLabel(e.kind)),
        e.node ? h('code', { class: 'node' }, e.node) : null,
        e.outcome ? h('span', { class: 'outcome' }, e.outcome) : null,
        e.detail ? h('span', { class: 'detail' }, e.detail) : null)))));
}
