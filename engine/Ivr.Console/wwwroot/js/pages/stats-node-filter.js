// 统计 per node: the 节点 choice of the statistics page (全部节点 or one node id calls were counted under,
// from GET /api/stats/nodes), and the note shown when a node is chosen but the funnel counts every node.

import { get } from '../api.js';
import { h, replaceChildren } from '../dom.js';

export function nodeSelect() {
  return h('select', { name: 'node' }, h('option', { value: '' }, '全部节点'));
}

/** Fills the choice with the nodes seen, keeping the one chosen; a failure leaves 全部节点 only. */
export async function fillNodes(select) {
  let nodes = [];
  try {
    nodes = (await get('/api/stats/nodes')).nodes ?? [];
  } catch {
    nodes = [];
  }
  const chosen = select.value;
  if (chosen && !nodes.includes(chosen)) nodes = [chosen, ...nodes];
  replaceChildren(select, h('option', { value: '' }, '全部节点'), nodes.map(n => h('option', { value: n, selected: n === chosen }, n)));
}

export function nodeRange(stats) {
  return stats.node ? `，节点 ${stats.node}` : '';
}

export function funnelNote(stats) {
  return stats.funnelAllNodes ? h('p', { class: 'empty' }, '菜单漏斗与挂机前最后所在节点暂不按节点区分：显示全部节点的合计。') : null;
}
