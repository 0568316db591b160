// 实时通话: the calls in progress, pushed by the server (server-sent events) and falling back to
// polling with ETag when the stream cannot be held. Durations tick every second between updates.

import { get } from '../api.js';
import { h, pageHeader, replaceChildren, table } from '../dom.js';
import { duration, time } from '../format.js';
import { showFailure } from './failure.js';
import { nodesSection } from './nodes-section.js';

const POLL_MS = 3000;

export async function render(view) {
  let snapshot;
  try {
    snapshot = await get('/api/live');
  } catch (error) {
    showFailure(view, error, '实时通话');
    return;
  }

  const state = { calls: [], receivedAt: 0, version: null, stopped: false };
  const connection = h('span', { class: 'connection', role: 'status' }, '');
  const count = h('p', { class: 'count', 'aria-live': 'polite' });
  const list = h('div', { class: 'live-list' });
  const nodes = nodesSection();
  replaceChildren(view, pageHeader('实时通话', connection), count, list, nodes.element);

  const draw = () => {
    const elapsed = (Date.now() - state.receivedAt) / 1000;
    count.textContent = state.calls.length ? `当前 ${state.calls.length} 路通话` : '当前没有进行中的通话';
    replaceChildren(list, table([
      { title: '来电号码', value: c => h('span', { class: 'masked' }, c.callerMasked) },
      { title: '被叫', value: c => c.dialled },
      { title: '当前节点', value: c => c.node ? h('code', {}, c.node) : '—' },
      { title: '接入时间', value: c => time(c.startedAt) },
      { title: '通话时长', value: c => h('span', { class: 'duration' }, duration(c.durationSeconds + elapsed)), class: 'num' },
      { title: '流程版本', value: c => h('code', { class: 'version' }, shortVersion(c.flowVersion)) },
    ], state.calls, { empty: '没有进行中的通话。', rowClass: () => 'live-call' }));
  };

  const accept = data => {
    state.calls = data.calls ?? [];
    state.version = data.version;
    state.receivedAt = Date.now();
    draw();
  };
  accept(snapshot);

  const ticker = setInterval(draw, 1000);
  let poller = null;
  let source = null;

  const poll = async () => {
    if (state.stopped) return;
    try {
      const data = await get('/api/live', { headers: state.version !== null ? { 'If-None-Match': `"${state.version}"` } : {} });
      if (data) accept(data);
      connection.textContent = '定时刷新';
    } catch (error) {
      connection.textContent = '连接中断，正在重试…';
      if (error.status === 401 || error.status === 403) stop();
    }
  };

  if ('EventSource' in window) {
    source = new EventSource('/api/live/stream');
    source.addEventListener('live', event => { accept(JSON.parse(event.data)); connection.textContent = '实时推送'; });
    source.addEventListener('error', () => {
      // The browser retries by itself while the server is reachable; a closed stream (e.g. the session
      // expired) falls back to polling, which notices a 401 and returns to the sign-in form.
      if (source.readyState === EventSource.CLOSED && !poller) {
        connection.textContent = '定时刷新';
        poller = setInterval(poll, POLL_MS);
        poll();
      } else {
        connection.textContent = '连接中断，正在重连…';
      }
    });
  } else {
    poller = setInterval(poll, POLL_MS);
  }

  function stop() {
    state.stopped = true;
    clearInterval(ticker);
    nodes.stop();
    if (poller) clearInterval(poller);
    source?.close();
  }
  return stop;
}

function shortVersion(version) {
  return version ? version.slice(0, 8) : '—';
}
