// The draft editor's CodeMirror 6 (vendored bundle, no CDN): YAML highlighting, the server's diagnostics
// underlined at their line and column, and completion and hover from flows/flow.schema.json (keys and enum values).

import {
  EditorView, EditorState, keymap, lineNumbers, highlightActiveLine, drawSelection, hoverTooltip,
  defaultKeymap, history, historyKeymap, indentWithTab, syntaxHighlighting, defaultHighlightStyle, indentOnInput,
  bracketMatching, yaml, lintGutter, setDiagnostics, autocompletion, completionKeymap,
} from '/vendor/codemirror.js';

/** Keys (with their descriptions) and enum values anywhere in a JSON schema. */
export function schemaWords(schema) {
  const keys = new Map();
  const values = new Set();
  const walk = node => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) { node.forEach(walk); return; }
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      if (!keys.has(name)) keys.set(name, child?.description ?? '');
    }
    for (const value of node.enum ?? []) if (typeof value === 'string') values.add(value);
    if (typeof node.const === 'string') values.add(node.const);
    Object.values(node).forEach(walk);
  };
  walk(schema);
  return { keys, values };
}

function completionFrom(words) {
  return context => {
    const word = context.matchBefore(/[A-Za-z_][\w-]*/);
    if (!word && !context.explicit) return null;
    const line = context.state.doc.lineAt(context.pos);
    const beforeColon = !line.text.slice(0, context.pos - line.from).includes(':');
    const options = beforeColon
      ? [...words.keys].map(([label, info]) => ({ label, type: 'property', info: info || undefined, apply: `${label}: ` }))
      : [...words.values].map(label => ({ label, type: 'enum' }));
    return { from: word ? word.from : context.pos, options, validFor: /^[\w-]*$/ };
  };
}

function hoverFrom(words) {
  return hoverTooltip((view, pos) => {
    const line = view.state.doc.lineAt(pos);
    const match = /^(\s*-?\s*)([A-Za-z_][\w-]*)\s*:/.exec(line.text);
    if (!match) return null;
    const start = line.from + match[1].length;
    const end = start + match[2].length;
    const info = words.keys.get(match[2]);
    if (pos < start || pos > end || !info) return null;
    return { pos: start, end, above: true, create: () => { const dom = document.createElement('div'); dom.className = 'schema-hover'; dom.textContent = info; return { dom }; } };
  });
}

/** The editor lives in a shadow root of its host: CodeMirror then styles it with a constructed style sheet (allowed by
 * the console's CSP, `style-src 'self'`) instead of the <style> element it adds to a document, which that CSP blocks.
 * The console's rules for the editor's inside come from its own sheet, linked in the shadow root. */
function shadowOf(host) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = '/css/yaml-editor.css';
  root.replaceChildren(sheet);
  return root;
}

/** An editor in a shadow root of `host`; `onSave` is called with Ctrl+S / Cmd+S. */
export function createEditor(host, { doc, schema, onSave, onChange }) {
  const words = schemaWords(schema ?? {});
  const view = new EditorView({
    parent: shadowOf(host),
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(), history(), drawSelection(), highlightActiveLine(), indentOnInput(), bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle), yaml(), lintGutter(),
        autocompletion({ override: [completionFrom(words)] }), hoverFrom(words),
        keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => { onSave?.(); return true; } },
          indentWithTab, ...completionKeymap, ...defaultKeymap, ...historyKeymap]),
        EditorView.updateListener.of(update => { if (update.docChanged) onChange?.(); }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText: text => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    /** Puts the cursor at a line and column (1-based; line 0: the file's start), scrolled into the middle of the view. */
    reveal: (line, column) => {
      const doc = view.state.doc;
      const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
      const pos = line > 0 ? Math.min(at.from + Math.max(column - 1, 0), at.to) : 0;
      view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
      view.focus();
    },
    /** Underlines the diagnostics of this file: {line, column, severity, message}; line 0 means the whole file. */
    showDiagnostics: diagnostics => {
      const doc = view.state.doc;
      const marks = diagnostics.map(d => {
        const line = doc.line(Math.min(Math.max(d.line, 1), doc.lines));
        const from = d.line > 0 ? Math.min(line.from + Math.max(d.column - 1, 0), line.to) : line.from;
        const to = d.line > 0 ? Math.max(from + 1, line.to) : line.to;
        return { from, to: Math.min(to, doc.length), severity: d.severity === 'error' ? 'error' : 'warning', message: d.message };
      });
      view.dispatch(setDiagnostics(view.state, marks));
    },
  };
}
