// A modal form in a <dialog>: resolves with the submitted field values, or null when cancelled.

import { h, notice, replaceChildren } from './dom.js';
import { ApiError, describeError } from './api.js';

/**
 * fields: [{ name, label, control: HTMLElement }]; action(values) runs on submit. What it throws is
 * shown inside the dialog, which stays open so nothing typed is lost: an API refusal or a lost
 * connection in the console's words, any other Error (the form's own check) by its message.
 */
export function formDialog({ title, fields, submitLabel = '确定', action }) {
  return new Promise(resolve => {
    const status = h('div', { class: 'status-slot', 'aria-live': 'polite' });
    const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
    const cancel = h('button', { type: 'button' }, '取消');
    const form = h('form', { method: 'dialog' },
      h('h2', {}, title), status,
      fields.map(f => {
        f.control.id ||= `dlg-${f.name}`;
        f.control.name = f.name;
        return h('div', { class: 'field' }, h('label', { for: f.control.id }, f.label), f.control);
      }),
      h('div', { class: 'dialog-buttons' }, cancel, submit));
    const dialog = h('dialog', { class: 'form-dialog', 'aria-label': title }, form);
    document.body.append(dialog);

    const close = result => { dialog.close(); dialog.remove(); resolve(result); };
    cancel.addEventListener('click', () => close(null));
    dialog.addEventListener('cancel', event => { event.preventDefault(); close(null); });
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const values = Object.fromEntries(fields.map(f => [f.name, f.control.value.trim()]));
      submit.disabled = true;
      try {
        close(await action(values));
      } catch (error) {
        const text = error instanceof ApiError || error instanceof TypeError ? describeError(error) : error.message;
        replaceChildren(status, notice('error', text));
      } finally {
        submit.disabled = false;
      }
    });
    dialog.showModal();
    fields[0]?.control.focus();
  });
}
