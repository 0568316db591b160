// 统计 per node: the 节点 choice of the statistics page (全部节点 or one node id calls were counted under,
// from GET /api/stats/nodes); every figure, the menu funnel included, then counts that node's calls.

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
