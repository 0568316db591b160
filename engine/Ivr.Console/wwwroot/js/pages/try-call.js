// 试拨: a call on the server — the same call engine as a phone call, in real time, on the flow set serving — driven
// from a keypad. Each prompt plays in the page's <audio> element as the call plays it, the current node is highlighted
// on the flow diagram, and the call can be saved as a replay script (secure entries become placeholders). Opened as
// /try-call?draft=N it runs on that draft and saves the script into it (try-call-draft.js).

import { describeError, get, post } from '../api.js';
import { h, notice, pageHeader, replaceChildren } from '../dom.js';
import { ownStyle } from '../own-style.js';
import { draftOfPage, saveToDraftButton, startPath } from './try-call-draft.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
const KIND = { node: '进入节点', ended: '通话结束', recording: '开始录音', transfer: '转人工', fax: '发送传真', idle: '空闲超时' };

export async function render(view) {
  ownStyle('/css/editor-tools.css');
  const audio = h('audio', { id: 'try-audio', controls: true, preload: 'auto' });
  const status = h('div', { 'aria-live': 'polite' });
  const current = h('p', { class: 'try-current', role: 'status' }, '尚未开始。');
  const heard = h('ol', { class: 'try-heard', 'aria-label': '已播放的提示音' });
  const path = h('ol', { class: 'try-path', 'aria-label': '经过的节点' });
  const diagram = h('div', { class: 'diagram try-diagram', 'aria-live': 'polite' });
  const script = h('div', {});
  const state = { id: null, events: null, queue: [], playing: null, flow: null, node: null, ended: true };

  const keypad = h('div', { class: 'keypad', role: 'group', 'aria-label': '拨号键盘' },
    KEYS.map(key => h('button', { type: 'button', 'data-key': key, disabled: true, onclick: () => press(key) }, key)));
  const silence = h('button', { type: 'button', disabled: true, onclick: () => act('silence') }, '保持静默');
  const hangup = h('button', { type: 'button', class: 'danger', disabled: true, onclick: () => act('hangup') }, '挂机');
  const save = h('button', { type: 'button', disabled: true, onclick: () => showScript() }, '保存为回放脚本');
  const start = h('button', { type: 'button', class: 'primary', onclick: () => begin() }, '开始试拨');
  const draftId = draftOfPage();
  const intoDraft = draftId ? saveToDraftButton(draftId, () => state.id, saved => replaceChildren(status, saved)) : null;
  const controls = [...keypad.children, silence, hangup];

  const enable = going => controls.forEach(b => { b.disabled = !going; });

  async function begin() {
    stopAudio();
    replaceChildren(heard); replaceChildren(path); replaceChildren(script); replaceChildren(status);
    try {
      const call = await post(startPath(draftId), {});
      Object.assign(state, { id: call.id, flow: null, node: null, ended: false });
      view.dataset.tryCall = call.id;
      current.textContent = `试拨 ${call.id}：流程版本 ${call.flowVersion.slice(0, 12)}`;
      enable(true);
      save.disabled = false;
      if (intoDraft) intoDraft.disabled = false;
      follow(call.id);
    } catch (error) {
      replaceChildren(status, notice('error', error.status === 429 ? error.message : describeError(error)));
    }
  }

  function follow(id) {
    state.events?.close();
    const events = new EventSource(`/api/try-calls/${encodeURIComponent(id)}/events`);
    state.events = events;
    events.addEventListener('node', e => enter(JSON.parse(e.data).node));
    events.addEventListener('play', e => { state.queue.push(...JSON.parse(e.data).prompts); if (!state.playing) playNext(); });
    events.addEventListener('stop', () => stopAudio());
    for (const kind of ['recording', 'transfer', 'fax', 'idle']) {
      events.addEventListener(kind, e => path.append(h('li', { class: 'try-note' }, `${KIND[kind]}：${JSON.parse(e.data).detail ?? ''}`)));
    }
    events.addEventListener('ended', e => {
      const data = JSON.parse(e.data);
      state.ended = true;
      enable(false);
      current.textContent = `通话结束（${data.detail ?? ''}）`;
      view.dataset.tryCallEnded = data.detail ?? 'ended';
      events.close();
    });
  }

  function enter(node) {
    state.node = node;
    view.dataset.currentNode = node;
    current.textContent = `当前节点：${node}`;
    path.append(h('li', { 'data-node': node }, node));
    const flow = node.split('.')[0];
    if (flow !== state.flow) showDiagram(flow); else highlight();
  }

  async function showDiagram(flow) {
    state.flow = flow;
    try {
      const svg = await get(`/api/try-calls/${encodeURIComponent(state.id)}/diagram/${encodeURIComponent(flow)}`, { accept: 'image/svg+xml' });
      if (state.flow !== flow) return;
      const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
      // Only shapes and text: nothing in a diagram may run or link anywhere.
      parsed.querySelectorAll('script, a, foreignObject').forEach(n => n.replaceWith(...n.childNodes));
      parsed.querySelectorAll('*').forEach(n => [...n.attributes].filter(a => a.name.startsWith('on') || a.name.includes('href')).forEach(a => n.removeAttribute(a.name)));
      replaceChildren(diagram, h('p', { class: 'hint' }, `流程 ${flow}`), document.importNode(parsed, true));
      highlight();
    } catch (error) {
      replaceChildren(diagram, notice('info', `无法显示流程图：${describeError(error)}`));
    }
  }

  function highlight() {
    const name = state.node?.split('.').slice(1).join('.');
    diagram.querySelectorAll('g.node').forEach(g => g.classList.toggle('current', g.querySelector('title')?.textContent === name));
  }

  function playNext() {
    const prompt = state.queue.shift();
    state.playing = prompt ?? null;
    if (!prompt) return;
    const item = h('li', { 'data-prompt': prompt.id, 'data-state': 'queued' }, h('code', {}, prompt.id), ' ', prompt.text);
    heard.append(item);
    prompt.item = item;
    if (!prompt.audioUrl) {
      item.dataset.state = 'text';
      prompt.timer = setTimeout(() => { item.dataset.state = 'ended'; playNext(); }, prompt.seconds * 1000);
      return;
    }
    audio.src = prompt.audioUrl;
    audio.play().catch(error => { item.dataset.state = 'blocked'; item.title = String(error); });
  }

  function stopAudio() {
    if (state.playing?.item) state.playing.item.dataset.state = 'stopped';
    clearTimeout(state.playing?.timer);
    state.queue = [];
    state.playing = null;
    audio.pause();
  }

  audio.addEventListener('playing', () => { if (state.playing?.item) state.playing.item.dataset.state = 'playing'; });
  audio.addEventListener('ended', () => { if (state.playing?.item) state.playing.item.dataset.state = 'ended'; playNext(); });

  async function press(key) {
    try { await post(`/api/try-calls/${encodeURIComponent(state.id)}/keys`, { digits: key }); } catch (error) { replaceChildren(status, notice('error', describeError(error))); }
  }

  async function act(what) {
    try { await post(`/api/try-calls/${encodeURIComponent(state.id)}/${what}`, {}); } catch (error) { replaceChildren(status, notice('error', describeError(error))); }
  }

  async function showScript() {
    try {
      const text = await get(`/api/try-calls/${encodeURIComponent(state.id)}/script`, { accept: 'application/yaml' });
      replaceChildren(script, h('h3', {}, '回放脚本'),
        h('a', { href: `/api/try-calls/${encodeURIComponent(state.id)}/script?download=true`, download: `${state.id}.yaml` }, '下载 YAML'),
        h('pre', { class: 'source try-script' }, text));
    } catch (error) {
      replaceChildren(script, notice('error', describeError(error)));
    }
  }

  replaceChildren(view, pageHeader(draftId ? `试拨（草稿 #${draftId}）` : '试拨', start), status,
    h('div', { class: 'try-layout' },
      h('section', { class: 'card' }, h('h2', {}, '拨号'), current, keypad, h('div', { class: 'try-actions' }, silence, hangup, save, intoDraft), audio,
        h('h3', {}, '已播放'), heard, h('h3', {}, '经过的节点'), path, script),
      h('section', { class: 'card' }, h('h2', {}, '流程图'), diagram)));

  return () => {
    state.events?.close();
    stopAudio();
    if (state.id && !state.ended) post(`/api/try-calls/${encodeURIComponent(state.id)}/hangup`, {}).catch(() => {});
  };
}
