// 备份: the last successful backup (time, file, size) and, on every page for supervisors and admins, a warning
// banner when it is older than 15 days — the hotline's rule asks for a backup at least every half month.

import { describeError, get } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { dateTime } from '../format.js';

const ROLES = ['supervisor', 'admin'];
let shown = 0; // the newest banner request: an older answer arriving late (after a sign-out) draws nothing

const megabytes = bytes => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const trigger = t => (t === 'manual' ? '手动' : '定时');

function warningText(status) {
  return status.lastSuccess
    ? `最近一次成功备份是 ${dateTime(status.lastSuccess.at)}，已超过 ${status.staleAfterDays} 天：按规定至少每半月备份一次，请尽快备份（ivr db backup）。`
    : `尚无成功的备份记录：按规定至少每半月备份一次，请配置 deploy/backup.yaml 或执行 ivr db backup。`;
}

/** Shows (or clears) the banner above the page for roles that answer for backups; other roles see nothing. */
export async function showBackupBanner(role) {
  let slot = document.getElementById('backup-banner');
  if (!slot) {
    slot = h('div', { id: 'backup-banner', class: 'backup-banner' });
    document.getElementById('view').before(slot);
  }
  const mine = ++shown;
  if (!ROLES.includes(role)) return replaceChildren(slot);
  try {
    const status = await get('/api/backups', { quietAuth: true });
    if (mine === shown) replaceChildren(slot, status.stale ? h('div', { class: 'notice warning', role: 'status' }, warningText(status)) : null);
  } catch {
    if (mine === shown) replaceChildren(slot);
  }
}

/** The admin page's 备份 section: the last success and, when newer, the last failure. */
export function backupSection() {
  const body = h('div', {}, h('p', { class: 'loading' }, '正在读取备份状态…'));
  get('/api/backups').then(status => {
    const s = status.lastSuccess;
    const f = status.lastFailure;
    replaceChildren(body,
      status.stale ? h('div', { class: 'notice warning' }, warningText(status)) : null,
      h('dl', { class: 'backup-facts' },
        h('dt', {}, '最近成功备份'), h('dd', {}, s ? `${dateTime(s.at)}（${trigger(s.trigger)}，${megabytes(s.bytes)}，节点 ${s.node}）` : '无'),
        s ? [h('dt', {}, '文件'), h('dd', {}, h('code', {}, s.file))] : null,
        f ? [h('dt', {}, '最近失败'), h('dd', { class: 'backup-failed' }, `${dateTime(f.at)}：${f.detail ?? ''}`)] : null));
  }, error => replaceChildren(body, describeError(error)));
  return h('section', { class: 'card backups' }, h('h2', {}, '备份'), body,
    h('p', { class: 'fine-print' }, '定时备份见 deploy/backup.yaml；手动备份：ivr db backup FILE。'));
}
