// 节点: the nodes sharing this database, as their heartbeats (every 5 s) left them, shown under the live calls.
// A node silent for 15 s is 失联 (its calls were closed by another node); one stopped cleanly is 已停止.

import { get } from '../api.js';
import { h, replaceChildren, table } from '../dom.js';
import { time } from '../format.js';

const POLL_MS = 5000;
const STATES = { live: ['运行中', 'ok'], lost: ['失联', 'danger'], stopped: ['已停止', ''] };

/** The section and a stop function; it refreshes itself every 5 s until stopped. */
export function nodesSection() {
  const body = h('div', { class: 'node-list' }, h('p', { class: 'empty' }, '正在读取节点…'));
  const section = h('section', { class: 'nodes', 'aria-labelledby': 'nodes-title' }, h('h2', { id: 'nodes-title' }, '节点'), body);

  const draw = nodes => replaceChildren(body, table([
    { title: '节点', value: n => h('code', {}, n.id) },
    { title: '地址', value: n => n.address },
    { title: '状态', value: n => state(n) },
    { title: '通话数', value: n => String(n.callsUp), class: 'num' },
    { title: '流程版本', value: n => h('code', { class: 'version' }, n.flowVersion ? n.flowVersion.slice(0, 8) : '—') },
    { title: '启动时间', value: n => time(n.startedAt) },
    { title: '最后心跳', value: n => time(n.lastSeen) },
  ], nodes, { empty: '没有节点记录。', rowClass: n => `node node-${n.state}` }));

  const refresh = async () => {
    try {
      draw((await get('/api/nodes')).nodes ?? []);
    } catch {
      replaceChildren(body, h('p', { class: 'empty' }, '节点信息暂时无法读取。'));
    }
  };
  refresh();
  const timer = setInterval(refresh, POLL_MS);
  return { element: section, stop: () => clearInterval(timer) };
}

function state(node) {
  const [label, kind] = STATES[node.state] ?? [node.state, ''];
  return h('span', { class: `badge ${kind}`.trim() }, node.draining ? `${label}（排空中）` : label);
}
