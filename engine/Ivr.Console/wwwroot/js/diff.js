// Unified diffs (as GET /api/flows/diff answers them) parsed into files and hunks, and drawn
// either unified (one column, -/+ markers) or side by side (old left, new right), colored.

import { h } from './dom.js';

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/;

/**
 * Parses unified diff text into [{ oldPath, newPath, hunks: [{ header, lines: [{ kind, text, oldLine, newLine }] }] }].
 * kind is 'same', 'removed' or 'added'; "\ No newline at end of file" lines are dropped.
 */
export function parseUnifiedDiff(text) {
  const files = [];
  let file = null, hunk = null, oldLine = 0, newLine = 0, oldLeft = 0, newLeft = 0;
  for (const line of (text ?? '').replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n')) {
    // Inside a hunk its header's counts say how many lines belong to it, so a removed line that
    // reads "-- x" is not mistaken for the next file's "--- " header.
    if (hunk && (oldLeft > 0 || newLeft > 0)) {
      if (line.startsWith('\\')) continue;
      if (line.startsWith('-')) { hunk.lines.push({ kind: 'removed', text: line.slice(1), oldLine: oldLine++ }); oldLeft--; }
      else if (line.startsWith('+')) { hunk.lines.push({ kind: 'added', text: line.slice(1), newLine: newLine++ }); newLeft--; }
      else { hunk.lines.push({ kind: 'same', text: line.slice(1), oldLine: oldLine++, newLine: newLine++ }); oldLeft--; newLeft--; }
      continue;
    }
    if (line.startsWith('--- ')) {
      file = { oldPath: line.slice(4).trim(), newPath: '', hunks: [] };
      files.push(file);
      hunk = null;
      continue;
    }
    if (line.startsWith('+++ ') && file && !hunk) { file.newPath = line.slice(4).trim(); continue; }
    const header = HUNK.exec(line);
    if (header && file) {
      hunk = { header: line, lines: [] };
      file.hunks.push(hunk);
      oldLine = Number(header[1]);
      newLine = Number(header[3]);
      oldLeft = header[2] === undefined ? 1 : Number(header[2]);
      newLeft = header[4] === undefined ? 1 : Number(header[4]);
    }
  }
  return files;
}

/** Added and removed line counts over every file. */
export function diffSummary(files) {
  let added = 0, removed = 0;
  for (const f of files) for (const hk of f.hunks) for (const l of hk.lines) {
    if (l.kind === 'added') added++;
    if (l.kind === 'removed') removed++;
  }
  return { added, removed };
}

const MARK = { same: ' ', removed: '-', added: '+' };
const SPOKEN = { removed: '删除', added: '新增' };

/** One column per file: old and new line numbers, marker, text. */
export function unifiedView(file) {
  const rows = [];
  for (const hunk of file.hunks) {
    rows.push(h('tr', { class: 'hunk' }, h('td', { colspan: 4 }, hunk.header)));
    for (const line of hunk.lines) {
      rows.push(h('tr', { class: line.kind },
        h('td', { class: 'num' }, line.oldLine ?? ''), h('td', { class: 'num' }, line.newLine ?? ''),
        h('td', { class: 'mark', 'aria-label': SPOKEN[line.kind] ?? null }, MARK[line.kind]), h('td', { class: 'code' }, line.text)));
    }
  }
  return h('table', { class: 'diff unified' }, h('caption', {}, fileTitle(file)),
    h('colgroup', {}, h('col', { class: 'num-col' }), h('col', { class: 'num-col' }), h('col', { class: 'mark-col' }), h('col')),
    h('tbody', {}, rows));
}

/** Two columns per file: removed lines on the left beside the added lines that replace them. */
export function sideBySideView(file) {
  const rows = [];
  for (const hunk of file.hunks) {
    rows.push(h('tr', { class: 'hunk' }, h('td', { colspan: 4 }, hunk.header)));
    for (let i = 0; i < hunk.lines.length;) {
      const line = hunk.lines[i];
      if (line.kind === 'same') { rows.push(pair(line, line)); i++; continue; }
      const removed = [], added = [];
      while (i < hunk.lines.length && hunk.lines[i].kind !== 'same') {
        (hunk.lines[i].kind === 'removed' ? removed : added).push(hunk.lines[i]);
        i++;
      }
      for (let k = 0; k < Math.max(removed.length, added.length); k++) rows.push(pair(removed[k], added[k]));
    }
  }
  return h('table', { class: 'diff side-by-side' }, h('caption', {}, fileTitle(file)),
    h('colgroup', {}, h('col', { class: 'num-col' }), h('col'), h('col', { class: 'num-col' }), h('col')),
    h('thead', {}, h('tr', {}, h('th', { colspan: 2, scope: 'col' }, '旧版本'), h('th', { colspan: 2, scope: 'col' }, '新版本'))),
    h('tbody', {}, rows));
}

function pair(left, right) {
  const cells = (line, side) => line
    ? [h('td', { class: 'num' }, side === 'old' ? line.oldLine : line.newLine),
       h('td', { class: `code ${line.kind}`, 'aria-label': SPOKEN[line.kind] ?? null }, line.text)]
    : [h('td', { class: 'num' }), h('td', { class: 'code blank' })];
  return h('tr', {}, cells(left, 'old'), cells(right, 'new'));
}

function fileTitle(file) {
  const strip = p => p.replace(/^[^/]+\//, '');
  return file.oldPath === file.newPath || !file.newPath ? strip(file.oldPath) : `${strip(file.oldPath)} → ${strip(file.newPath)}`;
}
