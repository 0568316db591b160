// The console's draft editor: CodeMirror 6 with YAML, lint and autocompletion, bundled by ./build into
// engine/Ivr.Console/wwwroot/vendor/codemirror.js (one ES module; the console has no CDN).
export { EditorView, keymap, lineNumbers, highlightActiveLine, hoverTooltip, drawSelection } from "@codemirror/view";
export { EditorState, StateEffect } from "@codemirror/state";
export { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
export { syntaxHighlighting, defaultHighlightStyle, indentOnInput, bracketMatching, foldGutter } from "@codemirror/language";
export { yaml } from "@codemirror/lang-yaml";
export { linter, lintGutter, setDiagnostics, forceLinting } from "@codemirror/lint";
export { autocompletion, completionKeymap } from "@codemirror/autocomplete";
