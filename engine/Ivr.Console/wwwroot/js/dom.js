// Small DOM helpers. Data from the API is only ever put into the page as text nodes
// (never innerHTML), so nothing a caller typed can become markup.

/**
 * Creates an element: h('button', { class: 'primary', onclick: fn }, '保存').
 * Attributes whose value is null, undefined or false are left out; children may be
 * strings, numbers, nodes, arrays of them, or null (skipped).
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside an element. */
export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** A labelled form field: the label's for= matches the control's id, so screen readers read both. */
export function field(labelText, control, hint) {
  if (!control.id) control.id = `f-${Math.random().toString(36).slice(2, 9)}`;
  return h('div', { class: 'field' },
    h('label', { for: control.id }, labelText),
    control,
    hint ? h('small', { class: 'hint' }, hint) : null);
}

/** A table from column definitions { title, value: row => text|node, class? }; an empty list shows a note. */
export function table(columns, rows, { caption, empty = '没有记录', rowClass } = {}) {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  return h('table', { class: 'grid' },
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.class }, c.title)))),
    h('tbody', {}, rows.map(row => h('tr', { class: rowClass?.(row) },
      columns.map(c => h('td', { class: c.class, 'data-label': c.title }, c.value(row)))))));
}

/** A status note shown at the top of a page: kind is 'error', 'info' or 'ok'. role=alert makes errors announced. */
export function notice(kind, text) {
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** A page heading plus an optional toolbar on the right. */
export function pageHeader(title, ...tools) {
  return h('header', { class: 'page-header' }, h('h1', {}, title), tools.length ? h('div', { class: 'tools' }, tools) : null);
}
