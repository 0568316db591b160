// 统计: the hotline's figures for a date range and flow version — totals, calls per hour and per
// day, dispositions, survey scores, and per menu where callers give up.

import { get, query } from '../api.js';
import { field, h, pageHeader, replaceChildren } from '../dom.js';
import { barChart, columnChart } from '../charts.js';
import { addDays, chinaToday, dispositionLabel, percent, surveyLabel } from '../format.js';
import { showFailure } from './failure.js';
import { fillNodes, nodeRange, nodeSelect } from './stats-node-filter.js';

export async function render(view) {
  const today = chinaToday();
  const from = h('input', { type: 'date', name: 'from', value: addDays(today, -6), max: today });
  const to = h('input', { type: 'date', name: 'to', value: today, max: today });
  const version = h('select', { name: 'flowVersion' }, h('option', { value: '' }, '全部版本'));
  const node = nodeSelect();
  const body = h('div', { class: 'stats-body', 'aria-live': 'polite' });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': '统计筛选' },
    field('开始日期', from), field('结束日期', to), field('流程版本', version), field('节点', node),
    h('button', { type: 'submit', class: 'primary' }, '查询'));

  const load = async () => {
    replaceChildren(body, h('p', { class: 'loading' }, '正在统计…'));
    try {
      const stats = await get(`/api/stats${query({ from: from.value, to: to.value, flowVersion: version.value, node: node.value })}`);
      fillVersions(version, stats.flowVersions ?? []);
      await fillNodes(node);
      replaceChildren(body, ...sections(stats));
    } catch (error) {
      showFailure(body, error, '统计');
    }
  };
  form.addEventListener('submit', event => { event.preventDefault(); load(); });

  replaceChildren(view, pageHeader('统计'), form, body);
  await load();
}

function fillVersions(select, versions) {
  const chosen = select.value;
  replaceChildren(select, h('option', { value: '' }, '全部版本'),
    versions.map(v => h('option', { value: v, selected: v === chosen }, v.slice(0, 12))));
}

function sections(stats) {
  const t = stats.totals;
  const survey = t.survey ?? { responses: 0, scores: {} };
  return [
    h('p', { class: 'range' }, `统计范围：${stats.from} 至 ${stats.to}${stats.flowVersion ? `，流程版本 ${stats.flowVersion.slice(0, 12)}` : ''}${nodeRange(stats)}`),
    h('section', { class: 'kpis', 'aria-label': '总体指标' },
      kpi('来电总数', t.calls),
      kpi('自助完成率', percent(t.containmentRate), `${t.contained} / ${t.ended} 通已结束的通话`),
      kpi('转人工', t.transferred),
      kpi('IVR 内挂机', t.hungUpInIvr),
      kpi('输入失败', t.inputFailed),
      kpi('语音留言', t.voiceMessages),
      kpi('传真', t.faxes ?? '—', t.faxes === null ? '传真服务未安装' : null),
      kpi('满意度', survey.responses ? `${survey.average?.toFixed(2)}` : '—', survey.responses ? `${survey.responses} 份评价（1 = 满意）` : '暂无评价')),
    chartCard('每小时来电（北京时间）', columnChart((stats.byHour ?? []).map(x => ({ label: `${x.hour}时`, value: x.calls })), { title: '每小时来电' })),
    chartCard('每日来电', columnChart((stats.byDay ?? []).map(x => ({ label: x.day.slice(5), value: x.calls })), { title: '每日来电' }),
      dayTable(stats.byDay ?? [])),
    h('div', { class: 'two-columns' },
      chartCard('通话结果', barChart((stats.dispositions ?? []).map(d => ({ label: dispositionLabel(d.disposition), value: d.calls, tone: d.disposition })),
        { title: '通话结果', width: 460, labelWidth: 110, note: item => share(item.value, t.calls) })),
      chartCard('满意度评价', barChart(['1', '2', '3'].map(score => ({ label: surveyLabel(score), value: survey.scores?.[score] ?? 0, tone: `survey-${score}` })),
        { title: '满意度评价', width: 460, labelWidth: 110, note: item => share(item.value, survey.responses) }))),
    funnelSection(stats.funnel ?? []),
    chartCard('挂机前最后所在节点（前 20）', (stats.dropOff ?? []).length
      ? barChart(stats.dropOff.map(d => ({ label: d.node, value: d.abandoned, tone: 'abandoned' })), { title: '挂机前最后所在节点', labelWidth: 220 })
      : h('p', { class: 'empty' }, '这段时间没有来电者在 IVR 内挂机。')),
  ];
}

function kpi(label, value, note) {
  return h('div', { class: 'kpi' }, h('div', { class: 'kpi-label' }, label), h('div', { class: 'kpi-value' }, value ?? '—'),
    note ? h('div', { class: 'kpi-note' }, note) : null);
}

function chartCard(title, chart, ...extra) {
  return h('section', { class: 'card chart-card' }, h('h2', {}, title), h('div', { class: 'chart-scroll' }, chart), extra);
}

function dayTable(days) {
  if (!days.length) return null;
  return h('details', {}, h('summary', {}, '按日明细'),
    h('table', { class: 'grid compact' },
      h('thead', {}, h('tr', {}, ['日期', '来电', '自助完成', '转人工'].map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, days.map(d => h('tr', {}, h('td', {}, d.day), h('td', {}, d.calls), h('td', {}, d.contained), h('td', {}, d.transferred))))));
}

/** One chart per menu: how many entered, where they went next, and how many hung up there. */
function funnelSection(funnel) {
  const menus = funnel.filter(m => m.entered > 0);
  return h('section', { class: 'card funnel' },
    h('h2', {}, '菜单流失漏斗：来电者在哪里放弃'),
    menus.length ? menus.map(menu => {
      const items = [
        { label: '进入菜单', value: menu.entered, tone: 'entered' },
        ...(menu.choices ?? []).map(c => ({ label: `→ ${c.node}`, value: c.calls })),
        { label: '在此挂机', value: menu.abandoned, tone: 'abandoned' },
        menu.transferredFrom ? { label: '由此转人工', value: menu.transferredFrom, tone: 'transferred' } : null,
      ].filter(Boolean);
      return h('figure', { class: 'funnel-menu' },
        h('figcaption', {}, h('code', {}, menu.menu), `  放弃率 ${share(menu.abandoned, menu.entered)}`),
        barChart(items, { title: `菜单 ${menu.menu}`, labelWidth: 220, note: item => item.tone === 'entered' ? null : share(item.value, menu.entered) }));
    }) : h('p', { class: 'empty' }, '这段时间没有来电进入菜单。'));
}

function share(part, whole) {
  return whole ? `${((part / whole) * 100).toFixed(0)}%` : '';
}
